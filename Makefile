# mailer: build, test, demo.  Plain GNU make; every library through pkg-config.
PKGS     = yaml-0.1 libetpan libcurl gpgme libcmark sqlite3 jansson libidn2 \
           nettle gnutls libmagic libmicrohttpd libcrypto
PKGS    += libunbound libpsl icu-uc
CC      ?= cc
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Each object's header dependencies, written by the compiler (-MMD) with a
# phony target per header (-MP) so a deleted header does not stop make.
DEPFLAGS = -MMD -MP
# Check (the unit-test framework) is for tests/unit/ only.
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null)
# libetpan's .pc adds -specs=/usr/share/dpkg/no-pie-link.specs (a Debian
# packaging leak): it forces a non-PIE link, which the sanitizers refuse.
LDLIBS   = $(filter-out -specs=%,$(shell pkg-config --libs $(PKGS) \
           2>/dev/null)) -lcsv
PREFIX  ?= /usr/local

# mailer/: main.c and the modules; mailer/cmd/: one file per command (as git's
# builtin/), kept with their cmd_ prefix: libmailer.a names its members by
# file name only, and send.c, archive.c, bounces.c, compose.c and dkim.c
# already stand in mailer/.
LIBSRCS  = $(filter-out mailer/main.c,$(wildcard mailer/*.c)) \
           $(wildcard mailer/cmd/*.c)
SRCS     = mailer/main.c $(LIBSRCS)
LIBOBJS  = $(LIBSRCS:.c=.o)
UNITS    = $(patsubst %.c,%,$(wildcard tests/unit/test_*.c))
# fuzz targets without libFuzzer, to replay tests/data/fuzz-regressions/
REPLAYS  = $(patsubst tests/fuzz/fuzz_%.c,tests/fuzzreplay_%,$(wildcard tests/fuzz/fuzz_*.c))

# Debian packages the build, the demo, the tests and the benchmarks need.
DEBS = build-essential pkg-config libyaml-dev libetpan-dev libcurl4-gnutls-dev \
       libgpgme-dev libcmark-dev libsqlite3-dev sqlite3 libcsv-dev \
       libjansson-dev libidn2-dev libmagic-dev nettle-dev libgnutls28-dev \
       check postfix dovecot-core dovecot-imapd sqop neomutt tmux chromium \
       fonts-noto-cjk libsisimai-perl clang libclang-rt-14-dev gnupg \
       gnutls-bin python3 valgrind curl groff-base man-db bc strace \
       libmicrohttpd-dev nginx-light wrk libxml2-utils python3-feedparser \
       rsync libssl-dev python3-dkim python3-nacl opendkim opendkim-tools \
       libopendkim-dev gdb file python3-yaml faketime
# check --dns: libunbound, the Public Suffix List, a real unbound and pyspf
# for its test (libevent-dev: libunbound.pc requires libevent.pc, which
# libunbound-dev does not pull in; without it pkg-config --cflags fails
# for every PKGS)
DEBS += libunbound-dev unbound libpsl-dev libevent-dev python3-spf \
        python3-dnspython
# internationalised addresses: a local part in NFC (RFC 6530, 10.1)
DEBS += libicu-dev

.PHONY: all deps check unit t demo bench clean lint install uninstall \
        check-asan asan leakcheck fuzz corpus

all: mailer/mailer

mailer/libmailer.a: $(LIBOBJS)
	rm -f $@
	$(AR) rcs $@ $^

mailer/mailer: mailer/main.o mailer/libmailer.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# -Imailer: the commands in mailer/cmd/ include the modules' headers.
mailer/%.o: mailer/%.c
	$(CC) $(CFLAGS) -Imailer $(DEPFLAGS) -c -o $@ $<

# Test programs are compiled and linked in one step; -MMD names their
# dependency file after the program (tests/unit/test_x.d).
tests/unit/test_%: tests/unit/test_%.c mailer/libmailer.a
	$(CC) $(CFLAGS) $(CHECK_CFLAGS) $(DEPFLAGS) $(LDFLAGS) -Imailer \
		-o $@ $< mailer/libmailer.a $(LDLIBS) $(CHECK_LIBS)

tests/smtpdrive tests/signdrive tests/dkimdrive: %: %.c mailer/libmailer.a
	$(CC) $(CFLAGS) $(DEPFLAGS) $(LDFLAGS) -Imailer -o $@ $< \
		mailer/libmailer.a $(LDLIBS)

# the out-of-memory test's LD_PRELOAD library (0105)
tests/oomshim.so: tests/oomshim.c
	$(CC) $(CFLAGS) -fPIC -shared $(LDFLAGS) -o $@ $< -ldl

tests/fuzzreplay_%: tests/fuzz/fuzz_%.c tests/fuzzreplay.c mailer/libmailer.a
	$(CC) $(CFLAGS) $(DEPFLAGS) $(LDFLAGS) -Imailer -o $@ \
		tests/fuzzreplay.c $< mailer/libmailer.a $(LDLIBS)

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

# tests/.harden/ collects this run's hardening results for the summary
# (0999), which refuses any that are older than the stamp.
t: mailer/mailer tests/smtpdrive tests/signdrive tests/dkimdrive $(REPLAYS) \
   tests/oomshim.so
	rm -rf tests/.harden && mkdir tests/.harden && touch tests/.harden/.started
	prove -v tests/t/

check: deps
	$(MAKE) all $(UNITS)
	$(MAKE) unit
	$(MAKE) leakcheck
	$(MAKE) t

# The whole of make check built with ASan + UBSan, in a copy of the tree
# (build-asan/) so the normal build is left alone.  Any report fails it.
ASAN_DIR   = build-asan
# -ftrivial-auto-var-init=pattern: a read of an unset local gives 0xFE
# bytes, not whatever the stack held (often zeros that hide the bug).
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all -ftrivial-auto-var-init=pattern
SHARED_DIR = $(abspath ../shared)
check-asan asan: deps
	rm -rf $(ASAN_DIR) && mkdir $(ASAN_DIR)
	tar -cf - --exclude=./$(ASAN_DIR) --exclude=./.git --exclude='*.o' \
		--exclude='*.a' --exclude='*.d' --exclude=./outbox --exclude=./state \
		--exclude=./demo --exclude=./preview . | tar -xf - -C $(ASAN_DIR)
	$(MAKE) -C $(ASAN_DIR) clean
	@start=$$(date +%s); \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	MAILER_SHARED=$(SHARED_DIR) MAILER_SANITIZED=1 \
		$(MAKE) -C $(ASAN_DIR) CFLAGS="$(ASAN_FLAGS)" check; rc=$$?; \
	secs=$$(( $$(date +%s) - start )); \
	if [ $$rc = 0 ]; then r=clean; else r=FAILED; fi; \
	printf 'check-asan: %s in %d s\n' "$$r" "$$secs" | tee tests/.asan-result; \
	exit $$rc

# valgrind over preview (the sample, unsigned and signed with a temporary
# demo key) and bounces parse over the shared corpus: no error, no
# definite leak.
leakcheck: mailer/mailer
	tests/leakcheck.sh

# libFuzzer targets in tests/fuzz/ (clang), FUZZ_SECONDS each; seeds are the
# project's own samples, made at run time; the results go to
# tests/.fuzz-results (read by tests/t/0999-harden-summary.t).
FUZZ_SECONDS ?= 60
FUZZ_SRCS    = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS    = $(patsubst tests/fuzz/%.c,tests/fuzz/build/%,$(FUZZ_SRCS))
FUZZ_OBJS    = $(patsubst mailer/%.c,tests/fuzz/build/%.o,$(LIBSRCS))
FUZZ_CFLAGS  = -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all \
               -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
               $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -Imailer

tests/fuzz/build/%.o: mailer/%.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) $(DEPFLAGS) \
		-fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

tests/fuzz/build/libmailer.a: $(FUZZ_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

tests/fuzz/build/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/build/libmailer.a
	clang $(FUZZ_CFLAGS) $(DEPFLAGS) $(LDFLAGS) \
		-fsanitize=fuzzer,address,undefined -o $@ $< \
		tests/fuzz/build/libmailer.a $(LDLIBS)

fuzz: deps
	$(MAKE) $(FUZZ_BINS)
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BINS)

# The main job on the shipped sample: every association's edition, signed,
# into the Maildir ./outbox (no server needed).  A second run sends nothing.
demo: deps
	$(MAKE) all
	./mailer/mailer send issues/2021-01
	@echo "outbox/ holds $$(ls outbox/new | wc -l) messages; open it with: neomutt -f outbox"

# Benchmarks (not in check): figures and ratios against named references,
# measured in the same run: sending (smtp-sink; smtp-source and a bare
# libcurl loop), signing (gpg per message), bounce parsing (Sisimai).
tests/bench/curlloop: tests/bench/curlloop.c
	$(CC) $(CFLAGS) $(LDFLAGS) -pthread -o $@ $< $$(pkg-config --libs libcurl)

tests/bench/odkimsign: tests/bench/odkimsign.c
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -lopendkim

bench: deps
	$(MAKE) all tests/bench/curlloop tests/bench/odkimsign tests/dkimdrive
	@for b in tests/bench/*.sh; do echo "== $$b"; $$b || exit 1; done

# The MTA bounce corpus (tests/data/mta-bounces/): real MTAs in Debian 12
# chroots (cached in MTA_CORPUS_CACHE, default /var/cache/mailer-corpus)
# made to bounce on loopback.  Not part of check; as root; about 10 min.
corpus:
	tests/data/mta-bounces/make/mkcorpus.sh

# make install [PREFIX=/usr/local] [DESTDIR=]; make uninstall removes
# exactly these files (and the share/mailer folders when left empty).
# The GNU directory variables override PREFIX's parts: prefix, exec_prefix,
# bindir, datarootdir, datadir, mandir, man1dir, bashcompdir; and INSTALL,
# INSTALL_PROGRAM, INSTALL_DATA the install program.
prefix      ?= $(PREFIX)
exec_prefix ?= $(prefix)
bindir      ?= $(exec_prefix)/bin
datarootdir ?= $(prefix)/share
datadir     ?= $(datarootdir)
mandir      ?= $(datarootdir)/man
man1dir     ?= $(mandir)/man1
bashcompdir ?= $(datadir)/bash-completion/completions
INSTALL         ?= install
INSTALL_PROGRAM ?= $(INSTALL)
INSTALL_DATA    ?= $(INSTALL) -m 644
BINDIR     = $(DESTDIR)$(bindir)
MAN1DIR    = $(DESTDIR)$(man1dir)
SHAREDIR   = $(DESTDIR)$(datadir)/mailer
COMPDIR    = $(DESTDIR)$(bashcompdir)
TEMPLATES  = $(notdir $(wildcard templates/*.mustache))
CONTRIB    = crontab mailer.service mailer.timer postfix-relay.md \
             mailer.bash-completion mailer-serve.service nginx-mailer.conf \
             archive-publish.md
# the contrib files that run mailer name it as /usr/local/bin/mailer: the
# installed copies name $(bindir)/mailer (the crontab through its PATH=)
CONTRIB_EXEC = crontab mailer.service mailer-serve.service
CONTRIB_DOCS = $(filter-out $(CONTRIB_EXEC),$(CONTRIB))

install: mailer/mailer
	$(INSTALL) -d $(BINDIR) $(MAN1DIR) $(SHAREDIR)/templates \
		$(SHAREDIR)/contrib $(COMPDIR)
	$(INSTALL_PROGRAM) -m 755 mailer/mailer $(BINDIR)/mailer
	$(INSTALL_DATA) mailer/mailer.1 $(MAN1DIR)/mailer.1
	$(INSTALL_DATA) $(addprefix templates/,$(TEMPLATES)) $(SHAREDIR)/templates/
	$(INSTALL_DATA) $(addprefix contrib/,$(CONTRIB_DOCS)) $(SHAREDIR)/contrib/
	for f in $(CONTRIB_EXEC); do \
		sed 's|/usr/local/bin\([/:]\)|$(bindir)\1|' contrib/$$f \
			>$(SHAREDIR)/contrib/$$f && \
		chmod 644 $(SHAREDIR)/contrib/$$f || exit 1; \
	done
	$(INSTALL_DATA) contrib/mailer.bash-completion $(COMPDIR)/mailer

uninstall:
	rm -f $(BINDIR)/mailer $(MAN1DIR)/mailer.1 $(COMPDIR)/mailer \
		$(addprefix $(SHAREDIR)/templates/,$(TEMPLATES)) \
		$(addprefix $(SHAREDIR)/contrib/,$(CONTRIB))
	-rmdir $(SHAREDIR)/templates $(SHAREDIR)/contrib $(SHAREDIR) 2>/dev/null

# make lint's 80-column check over the sources and headers.
COLS_SRCS = $(wildcard mailer/*.c mailer/*.h mailer/cmd/*.c mailer/cmd/*.h)

# deps: tests/lint-cols.py needs python3, which a fresh Debian may lack
lint: deps
	@! grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi)\(' $(SRCS) tests/bench/*.c tests/*.c
	@# only main.c exits; exit codes come from the one table (exitcode.h)
	@! grep -nE '\b(err|errx|exit|_exit)\(' $(LIBSRCS)
	@! grep -n 'include <sysexits.h>' $(filter-out mailer/exitcode.c,$(SRCS) $(wildcard mailer/*.h mailer/cmd/*.h))
	@# $(LDFLAGS) on every link line, Check's cflags on the unit tests only
	@tests/buildlint.sh
	@# 80 display columns (tests/lint-cols.py)
	@tests/lint-cols.py $(COLS_SRCS)

clean:
	rm -f mailer/*.o mailer/cmd/*.o mailer/*.a mailer/mailer $(UNITS) \
		tests/smtpdrive tests/signdrive \
		tests/dkimdrive tests/oomshim.so \
		tests/bench/curlloop tests/bench/odkimsign
	rm -f $(REPLAYS) mailer/*.d mailer/cmd/*.d tests/unit/*.d tests/*.d
	rm -rf tests/fuzz/build

# The header dependencies written by -MMD (absent before the first build).
-include $(wildcard mailer/*.d mailer/cmd/*.d tests/unit/*.d tests/*.d \
	tests/fuzz/build/*.d tests/fuzz/build/cmd/*.d)
