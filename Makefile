# mailer: build, test, demo.  Plain GNU make; every library through pkg-config.
PKGS     = yaml-0.1 libetpan libcurl gpgme libcmark sqlite3 jansson libidn2 \
           nettle gnutls libmagic
CC      ?= cc
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
           $(shell pkg-config --cflags $(PKGS) check 2>/dev/null)
LDLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv
PREFIX  ?= /usr/local

LIBSRCS  = $(filter-out mailer/main.c,$(wildcard mailer/*.c))
LIBOBJS  = $(LIBSRCS:.c=.o)
UNITS    = $(patsubst %.c,%,$(wildcard tests/unit/test_*.c))

# Debian packages the build, the demo, the tests and the benchmarks need.
DEBS = build-essential pkg-config libyaml-dev libetpan-dev libcurl4-gnutls-dev \
       libgpgme-dev libcmark-dev libsqlite3-dev sqlite3 libcsv-dev \
       libjansson-dev libidn2-dev libmagic-dev nettle-dev libgnutls28-dev \
       check postfix dovecot-core dovecot-imapd sqop neomutt tmux chromium \
       fonts-noto-cjk libsisimai-perl clang libclang-rt-14-dev gnupg \
       gnutls-bin python3 valgrind curl groff-base man-db bc

.PHONY: all deps check unit t demo bench clean lint install uninstall

all: mailer/mailer

mailer/libmailer.a: $(LIBOBJS)
	rm -f $@
	$(AR) rcs $@ $^

mailer/mailer: mailer/main.o mailer/libmailer.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

mailer/%.o: mailer/%.c $(wildcard mailer/*.h)
	$(CC) $(CFLAGS) -c -o $@ $<

tests/unit/test_%: tests/unit/test_%.c mailer/libmailer.a tests/unit/unit.h
	$(CC) $(CFLAGS) -Imailer -o $@ $< mailer/libmailer.a $(LDLIBS) \
		$$(pkg-config --libs check)

tests/smtpdrive tests/signdrive: %: %.c mailer/libmailer.a
	$(CC) $(CFLAGS) -Imailer -o $@ $< mailer/libmailer.a $(LDLIBS)

deps:
	@missing=$$(for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "make deps: installing $$missing"; \
		echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends $$missing; \
	fi

unit: $(UNITS)
	@rc=0; for u in $(UNITS); do ./$$u || rc=1; done; exit $$rc

t: mailer/mailer tests/smtpdrive tests/signdrive
	prove -v tests/t/

check: deps
	$(MAKE) all $(UNITS)
	$(MAKE) unit
	$(MAKE) t

# The main job on the shipped sample: every association's edition, signed,
# into the Maildir ./outbox (no server needed).  A second run sends nothing.
demo: deps
	$(MAKE) all
	./mailer/mailer send issues/2021-01
	@echo "outbox/ holds $$(ls outbox/new | wc -l) messages; open it with: mutt -f outbox"

# Benchmarks (not in check): figures and ratios against named references,
# measured in the same run: sending (smtp-sink; smtp-source and a bare
# libcurl loop), signing (gpg per message), bounce parsing (Sisimai).
bench/curlloop: bench/curlloop.c
	$(CC) $(CFLAGS) -o $@ $< $$(pkg-config --libs libcurl)

bench: deps
	$(MAKE) all bench/curlloop
	@for b in bench/*.sh; do echo "== $$b"; $$b || exit 1; done

# make install [PREFIX=/usr/local] [DESTDIR=]; make uninstall removes
# exactly these files (and the share/mailer folders when left empty).
BINDIR     = $(DESTDIR)$(PREFIX)/bin
MAN1DIR    = $(DESTDIR)$(PREFIX)/share/man/man1
SHAREDIR   = $(DESTDIR)$(PREFIX)/share/mailer
COMPDIR    = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
TEMPLATES  = $(notdir $(wildcard templates/*.mustache))
CONTRIB    = crontab mailer.service mailer.timer postfix-relay.md \
             mailer.bash-completion

install: mailer/mailer
	install -d $(BINDIR) $(MAN1DIR) $(SHAREDIR)/templates \
		$(SHAREDIR)/contrib $(COMPDIR)
	install -m 755 mailer/mailer $(BINDIR)/mailer
	install -m 644 mailer/mailer.1 $(MAN1DIR)/mailer.1
	install -m 644 $(addprefix templates/,$(TEMPLATES)) $(SHAREDIR)/templates/
	install -m 644 $(addprefix contrib/,$(CONTRIB)) $(SHAREDIR)/contrib/
	install -m 644 contrib/mailer.bash-completion $(COMPDIR)/mailer

uninstall:
	rm -f $(BINDIR)/mailer $(MAN1DIR)/mailer.1 $(COMPDIR)/mailer \
		$(addprefix $(SHAREDIR)/templates/,$(TEMPLATES)) \
		$(addprefix $(SHAREDIR)/contrib/,$(CONTRIB))
	-rmdir $(SHAREDIR)/templates $(SHAREDIR)/contrib $(SHAREDIR) 2>/dev/null

lint:
	@! grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi)\(' mailer/*.c bench/*.c tests/*.c

clean:
	rm -f mailer/*.o mailer/*.a mailer/mailer $(UNITS) tests/smtpdrive tests/signdrive \
		bench/curlloop
