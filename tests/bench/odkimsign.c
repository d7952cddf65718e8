/*
 * odkimsign: the libopendkim reference for tests/bench/dkim.sh.  Signs one
 * message COUNT times with an RSA and an Ed25519 key, relaxed/relaxed,
 * the way a library without a precomputed body hash must: per message and
 * per key a signing handle (which loads the PEM key), every header field,
 * the whole body, the end of message.  Prints CPU milliseconds per message.
 *
 * usage: odkimsign MESSAGE RSA_KEY ED25519_KEY COUNT
 */
#include <err.h>
#include <opendkim/dkim.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *b;

	if (!f)
		err(1, "%s", path);
	fseek(f, 0, SEEK_END);
	*n = (size_t)ftell(f);
	rewind(f);
	b = malloc(*n + 1);
	if (!b || fread(b, 1, *n, f) != *n)
		errx(1, "%s: cannot read", path);
	b[*n] = '\0';
	fclose(f);
	return b;
}

static void
sign_once(DKIM_LIB *lib, const char *msg, size_t len, size_t hl,
    char *key, const char *sel, dkim_alg_t alg)
{
	unsigned char hdr[4096];
	DKIM_STAT st;
	DKIM *d = dkim_sign(lib, (const unsigned char *)"bench", NULL,
	    (dkim_sigkey_t)key, (const unsigned char *)sel,
	    (const unsigned char *)"example.org", DKIM_CANON_RELAXED,
	    DKIM_CANON_RELAXED, alg, -1L, &st);
	const char *p = msg;

	if (!d)
		errx(1, "dkim_sign: %s", dkim_getresultstr(st));
	while (p < msg + hl - 2) {	/* one field, folded lines included */
		const char *e = p;

		do
			e = strstr(e, "\r\n") + 2;
		while (*e == ' ' || *e == '\t');
		dkim_header(d, (unsigned char *)p, (size_t)(e - p - 2));
		p = e;
	}
	dkim_eoh(d);
	dkim_body(d, (unsigned char *)msg + hl, len - hl);
	if ((st = dkim_eom(d, NULL)) != DKIM_STAT_OK)
		errx(1, "dkim_eom: %s", dkim_geterror(d));
	dkim_getsighdr(d, hdr, sizeof hdr, 0);
	dkim_free(d);
}

int
main(int argc, char **argv)
{
	size_t len, n1, n2;
	char *msg, *rsa, *ed, *body;
	DKIM_LIB *lib;
	long count;
	clock_t t;

	if (argc != 5)
		errx(2, "usage: odkimsign MESSAGE RSA_KEY ED25519_KEY COUNT");
	msg = slurp(argv[1], &len);
	rsa = slurp(argv[2], &n1);
	ed = slurp(argv[3], &n2);
	count = strtol(argv[4], NULL, 10);
	if (!(body = strstr(msg, "\r\n\r\n")))
		errx(1, "%s: no CRLF header/body separator", argv[1]);
	if (!(lib = dkim_init(NULL, NULL)))
		errx(1, "dkim_init failed");
	if (!dkim_libfeature(lib, DKIM_FEATURE_ED25519))
		errx(1, "this libopendkim has no Ed25519");
	t = clock();
	for (long i = 0; i < count; i++) {
		sign_once(lib, msg, len, (size_t)(body - msg) + 4, rsa, "r",
		    DKIM_SIGN_RSASHA256);
		sign_once(lib, msg, len, (size_t)(body - msg) + 4, ed, "e",
		    DKIM_SIGN_ED25519SHA256);
	}
	printf("%.4f\n", (double)(clock() - t) * 1000 / CLOCKS_PER_SEC /
	    (double)count);
	dkim_close(lib);
	free(msg);
	free(rsa);
	free(ed);
	return 0;
}
