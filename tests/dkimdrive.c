/*
 * dkimdrive: test driver for dkim.c, used by tests/t/11xx-dkim-*.t to put
 * crafted messages (odd whitespace, folding, empty bodies) in front of
 * independent verifiers.
 *
 *   dkimdrive sign CONFIG FILE   prints FILE (a message with CRLF or LF
 *                                line ends, made CRLF) signed by every
 *                                dkim key of CONFIG, signatures on top
 *   dkimdrive check CONFIG N TXT judges TXT as key N's DNS record: prints
 *                                "ok" or the reason, exit 0 / 1
 *   dkimdrive time CONFIG FILE COUNT  signs FILE's head COUNT times (the
 *                                body hash once, as send does); prints
 *                                CPU milliseconds per message
 *
 * Exit status 0 on success, 1 on failure (messages on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dkim.h"
#include "util.h"

static void
crlf(const struct buf *in, struct buf *out)
{
	for (size_t i = 0; i < in->len; i++) {
		if (in->data[i] == '\n' && (i == 0 || in->data[i - 1] != '\r'))
			buf_addc(out, '\r');
		buf_addc(out, in->data[i]);
	}
}

static int
sign_file(const struct dkim *d, const char *file)
{
	struct buf in = BUF_INIT, msg = BUF_INIT, sigs = BUF_INIT;
	unsigned char bh[DKIM_HASH_LEN];
	const char *sep;
	size_t head_len;
	int rc = -1;

	if (slurp_file(file, 1 << 24, &in) == -1)
		return -1;
	crlf(&in, &msg);
	sep = msg.len ? strstr(msg.data, "\r\n\r\n") : NULL;
	head_len = sep ? (size_t)(sep - msg.data) + 4 : msg.len;
	dkim_body_hash(msg.data + head_len, msg.len - head_len, bh);
	if (dkim_sign(d, bh, msg.data, head_len, time(NULL), &sigs) == 0) {
		fwrite(sigs.data, 1, sigs.len, stdout);
		fwrite(msg.data, 1, msg.len, stdout);
		rc = 0;
	}
	buf_free(&in);
	buf_free(&msg);
	buf_free(&sigs);
	return rc;
}

/* CPU per message of what send does per recipient: dkim_sign. */
static int
time_file(const struct dkim *d, const char *file, long count)
{
	struct buf in = BUF_INIT, sigs = BUF_INIT;
	unsigned char bh[DKIM_HASH_LEN];
	const char *sep;
	size_t head_len;
	clock_t t;
	int rc = 0;

	if (slurp_file(file, 1 << 24, &in) == -1)
		return -1;
	if (!(sep = strstr(in.data, "\r\n\r\n"))) {
		fprintf(stderr, "%s: no CRLF header/body separator\n", file);
		buf_free(&in);
		return -1;
	}
	head_len = (size_t)(sep - in.data) + 4;
	dkim_body_hash(in.data + head_len, in.len - head_len, bh);
	t = clock();
	for (long i = 0; rc == 0 && i < count; i++) {
		buf_reset(&sigs);
		rc = dkim_sign(d, bh, in.data, head_len, 1, &sigs);
	}
	printf("%.4f\n", (double)(clock() - t) * 1000 / CLOCKS_PER_SEC /
	    (double)count);
	buf_free(&in);
	buf_free(&sigs);
	return rc;
}

int
main(int argc, char **argv)
{
	struct config *c;
	struct dkim *d = NULL;
	int rc = 1;

	if (argc < 4 || (strcmp(argv[1], "sign") && strcmp(argv[1], "check") &&
	    strcmp(argv[1], "time"))) {
		fprintf(stderr, "usage: dkimdrive sign CONFIG FILE | "
		    "check CONFIG N TXT | time CONFIG FILE COUNT\n");
		return 2;
	}
	if (!(c = config_load(argv[2])) || !(d = dkim_open(c, DKIM_DEMO_MAKE)))
		goto out;
	if (!strcmp(argv[1], "sign")) {
		rc = sign_file(d, argv[3]) == 0 ? 0 : 1;
	} else if (!strcmp(argv[1], "time") && argc == 5) {
		rc = time_file(d, argv[3], strtol(argv[4], NULL, 10)) == 0 ?
		    0 : 1;
	} else if (!strcmp(argv[1], "check") && argc == 5) {
		const char *why = "ok";
		size_t n = strtoul(argv[3], NULL, 10);

		rc = n < dkim_count(d) && dkim_record_check(d, n, argv[4],
		    strlen(argv[4]), &why) == 0 ? 0 : 1;
		printf("%s\n", why);
	}
out:
	dkim_close(d);
	config_free(c);
	return rc;
}
