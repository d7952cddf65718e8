/*
 * signdrive: test driver for sign.c, used by tests/t/0400-sign-verify.t.
 *
 *   signdrive sign CONFIG IN DATA SIG   canonicalises IN to CRLF, writes it
 *                                       to DATA and the detached signature
 *                                       to SIG; prints the micalg
 *   signdrive autocrypt CONFIG ADDR     prints the Autocrypt header value
 *   signdrive demokey HOME UID          prints the demo key's fingerprint
 *
 * Exit status 0 on success, 1 on failure (messages on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "sign.h"
#include "util.h"

/* LF or CRLF line ends to CRLF. */
static void
crlf(const struct buf *in, struct buf *out)
{
	size_t i;

	for (i = 0; i < in->len; i++) {
		if (in->data[i] == '\n' && (i == 0 || in->data[i - 1] != '\r'))
			buf_addc(out, '\r');
		buf_addc(out, in->data[i]);
	}
}

static int
sign_file(struct signer *s, char **argv)
{
	struct buf in = BUF_INIT, data = BUF_INIT, sig = BUF_INIT;
	char *micalg = NULL;
	int rc = -1;

	if (slurp_file(argv[0], 1 << 24, &in) == -1)
		return -1;
	crlf(&in, &data);
	if (signer_sign(s, data.data ? data.data : "", data.len, &sig,
	    &micalg) == 0 &&
	    write_file_atomic(argv[1], data.data, data.len, 0644) == 0 &&
	    write_file_atomic(argv[2], sig.data, sig.len, 0644) == 0) {
		printf("%s\n", micalg);
		rc = 0;
	}
	buf_free(&in);
	buf_free(&data);
	buf_free(&sig);
	free(micalg);
	return rc;
}

static int
with_signer(const char *cmd, const char *conf, char **argv)
{
	struct config *c = config_load(conf);
	struct signer *s = c ? signer_open(c) : NULL;
	char *ac;
	int rc = -1;

	if (s && signer_preflight(s) == 0) {
		if (!strcmp(cmd, "sign"))
			rc = sign_file(s, argv);
		else if ((ac = signer_autocrypt(s, argv[0]))) {
			printf("%s\n", ac);
			free(ac);
			rc = 0;
		}
	}
	signer_close(s);
	config_free(c);
	return rc;
}

int
main(int argc, char **argv)
{
	char *fpr;

	if (argc == 6 && !strcmp(argv[1], "sign"))
		return with_signer(argv[1], argv[2], argv + 3) ? 1 : 0;
	if (argc == 4 && !strcmp(argv[1], "autocrypt"))
		return with_signer(argv[1], argv[2], argv + 3) ? 1 : 0;
	if (argc == 4 && !strcmp(argv[1], "demokey")) {
		if (signer_make_demo_key(argv[2], argv[3], &fpr) == -1)
			return 1;
		printf("%s\n", fpr);
		free(fpr);
		return 0;
	}
	fprintf(stderr, "usage: signdrive sign CONFIG IN DATA SIG\n"
	    "       signdrive autocrypt CONFIG ADDR\n"
	    "       signdrive demokey HOME UID\n");
	return 2;
}
