/*
 * Unit tests for sign.c against a real gpg in a throw-away GNUPGHOME:
 * Ed25519 (demo key, unprotected), RSA-3072 with a passphrase, an expired
 * key (made with --faked-system-time) and a revoked one (its own
 * revocation certificate imported).  The agent is killed at the end.
 */
#include <string.h>

#include <nettle/base64.h>

#include "config.h"
#include "sign.h"
#include "unit.h"
#include "util.h"

#define RSA_PASS "correct horse battery"
#define ENTITY "Content-Type: text/plain; charset=utf-8\r\n" \
	"Content-Transfer-Encoding: quoted-printable\r\n\r\nHello, world.\r\n"

static char home[] = "/tmp/mailer-sign.XXXXXX";
static char *fpr_ed, *fpr_rsa, *fpr_old, *fpr_rev;

/* ---- helpers ---- */

static void
sh(const char *cmd)
{
	char *full = xasprintf("GNUPGHOME=%s; export GNUPGHOME; %s "
	    ">/dev/null 2>&1", home, cmd);

	if (system(full) != 0)
		ck_abort_msg("failed: %s", cmd);
	free(full);
}

/* The primary fingerprint of the secret key whose uid matches who. */
static char *
fpr_of(const char *who)
{
	char *cmd = xasprintf("gpg --homedir %s --with-colons -K '%s' "
	    "2>/dev/null | awk -F: '/^fpr/ { print $10; exit }'", home, who);
	char line[128] = "";
	FILE *p = popen(cmd, "r");

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(fgets(line, sizeof line, p));
	pclose(p);
	free(cmd);
	line[strcspn(line, "\n")] = '\0';
	ck_assert_uint_eq(strlen(line), 40);
	return xstrdup(line);
}

static void
make_keys(void)
{
	ck_assert_ptr_nonnull(mkdtemp(home));
	ck_assert_int_eq(signer_make_demo_key(home, "Ed <ed@example.org>",
	    &fpr_ed), 0);
	sh("gpg --batch --pinentry-mode loopback --passphrase '" RSA_PASS "' "
	    "--quick-gen-key 'Rsa <rsa@example.org>' rsa3072 sign never");
	sh("gpg --batch --pinentry-mode loopback --passphrase '' "
	    "--faked-system-time 20200101T000000 "
	    "--quick-gen-key 'Old <old@example.org>' ed25519 sign 1d");
	sh("gpg --batch --pinentry-mode loopback --passphrase '' "
	    "--quick-gen-key 'Rev <rev@example.org>' ed25519 sign never");
	fpr_rsa = fpr_of("rsa@example.org");
	fpr_old = fpr_of("old@example.org");
	fpr_rev = fpr_of("rev@example.org");
	/* gpg stores a revocation certificate, defused by a leading ':'. */
	{
		char *cmd = xasprintf("sed 's/^:-----BEGIN/-----BEGIN/' "
		    "$GNUPGHOME/openpgp-revocs.d/%s.rev | gpg --batch "
		    "--import", fpr_rev);
		sh(cmd);
		free(cmd);
	}
}

static void
drop_keys(void)
{
	char *cmd = xasprintf("gpgconf --homedir %s --kill gpg-agent "
	    ">/dev/null 2>&1", home);

	if (system(cmd) != 0)
		fprintf(stderr, "could not stop gpg-agent in %s\n", home);
	free(cmd);
	rm_rf(home);
	free(fpr_ed);
	free(fpr_rsa);
	free(fpr_old);
	free(fpr_rev);
}

static struct config conf;

/* Opens fpr; pass, when set, goes through $SIGN_TEST_PASS. */
static struct signer *
open_key(const char *fpr, const char *pass)
{
	memset(&conf, 0, sizeof conf);
	conf.path = "test.yaml";
	conf.sign_key = (char *)fpr;
	conf.gnupg_home = home;
	if (pass) {
		setenv("SIGN_TEST_PASS", pass, 1);
		conf.passphrase_env = "SIGN_TEST_PASS";
	}
	return signer_open(&conf);
}

#define ASSERT_SAID(what)                                                    \
	do {                                                                 \
		char *said_ = unit_captured();                                    \
		ck_assert_msg(strstr(said_, what), "\"%s\" not in \"%s\"",   \
		    what, said_);                                            \
		free(said_);                                                 \
	} while (0)

/* Signs ENTITY, checks the signature verifies and a changed copy not. */
static void
round_trip(struct signer *s, char **micalg)
{
	struct buf sig = BUF_INIT;
	char bad[] = ENTITY;

	ck_assert_int_eq(signer_sign(s, ENTITY, strlen(ENTITY), &sig, micalg),
	    0);
	ck_assert_ptr_nonnull(strstr(sig.data,
	    "-----BEGIN PGP SIGNATURE-----"));
	ck_assert_int_eq(signer_verify(s, ENTITY, strlen(ENTITY), sig.data,
	    sig.len), 0);
	bad[strlen(bad) - 4] ^= 1;	/* "world." -> "worlc." */
	unit_capture();
	ck_assert_int_eq(signer_verify(s, bad, strlen(bad), sig.data,
	    sig.len), -1);
	ASSERT_SAID("Bad signature");
	buf_free(&sig);
}

/* ---- cases ---- */

START_TEST(test_ed25519)
{
	struct signer *s = open_key(fpr_ed, NULL);
	char *micalg = NULL;

	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(signer_preflight(s), 0);
	ck_assert_uint_eq(signer_count(s), 0);
	round_trip(s, &micalg);
	ck_assert_msg(!strcmp(micalg, "pgp-sha256") ||
	    !strcmp(micalg, "pgp-sha512"), "micalg %s", micalg);
	ck_assert_uint_eq(signer_count(s), 1);
	free(micalg);
	signer_close(s);
}
END_TEST

START_TEST(test_rsa)
{
	struct signer *s = open_key(fpr_rsa, RSA_PASS);
	char *micalg = NULL;

	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(signer_preflight(s), 0);
	round_trip(s, &micalg);
	ck_assert_msg(!strncmp(micalg, "pgp-sha", 7), "micalg %s", micalg);
	free(micalg);
	signer_close(s);
}
END_TEST

/* Also after a good run, so a passphrase cached by the agent cannot hide
 * the wrong one. */
START_TEST(test_wrong_passphrase)
{
	struct signer *s = open_key(fpr_rsa, RSA_PASS);

	ck_assert_int_eq(signer_preflight(s), 0);
	signer_close(s);
	s = open_key(fpr_rsa, "wrong horse");
	ck_assert_ptr_nonnull(s);
	unit_capture();
	ck_assert_int_eq(signer_preflight(s), -1);
	ASSERT_SAID("wrong passphrase");
	ASSERT_SAID(fpr_rsa);
	{
		char *said = unit_captured();
		ck_assert_ptr_null(strstr(said, "horse"));
		free(said);
	}
	signer_close(s);
}
END_TEST

START_TEST(test_passphrase_missing)
{
	struct signer *s = open_key(fpr_rsa, "wrong horse");

	unit_capture();
	signer_preflight(s);	/* empties the agent's cache */
	signer_close(s);
	s = open_key(fpr_rsa, NULL);
	ck_assert_ptr_nonnull(s);
	unit_capture();
	ck_assert_int_eq(signer_preflight(s), -1);
	ASSERT_SAID("passphrase_file");
	signer_close(s);
}
END_TEST

static const struct {
	const char *fpr;	/* NULL: the key named by which */
	int which;
	const char *said;
} refused[] = {
	{ "0000000000000000000000000000000000000000", 0, "no such secret" },
	{ "ABCD1234", 0, "not a full fingerprint" },
	{ "40-hex-digits", 0, "not a full fingerprint" },
	{ NULL, 1, "expired" },
	{ NULL, 2, "revoked" },
};

START_TEST(test_refused)
{
	const char *fpr = refused[_i].fpr;

	if (!fpr)
		fpr = refused[_i].which == 1 ? fpr_old : fpr_rev;
	unit_capture();
	ck_assert_ptr_null(open_key(fpr, NULL));
	ASSERT_SAID(refused[_i].said);
}
END_TEST

START_TEST(test_other_key)
{
	struct signer *ed = open_key(fpr_ed, NULL);
	struct signer *rsa = open_key(fpr_rsa, RSA_PASS);
	struct buf sig = BUF_INIT;
	char *micalg = NULL;

	ck_assert_int_eq(signer_sign(rsa, ENTITY, strlen(ENTITY), &sig,
	    &micalg), 0);
	unit_capture();
	ck_assert_int_eq(signer_verify(ed, ENTITY, strlen(ENTITY), sig.data,
	    sig.len), -1);
	ASSERT_SAID("another key");
	ck_assert_int_eq(signer_verify(ed, ENTITY, strlen(ENTITY), "junk", 4),
	    -1);
	buf_free(&sig);
	free(micalg);
	signer_close(ed);
	signer_close(rsa);
}
END_TEST

START_TEST(test_autocrypt)
{
	struct signer *s = open_key(fpr_ed, NULL);
	const char *pre = "addr=ed@example.org; keydata=";
	struct base64_decode_ctx b64;
	uint8_t *key;
	size_t n;
	char *ac;

	ac = signer_autocrypt(s, "ed@example.org");
	ck_assert_ptr_nonnull(ac);
	ck_assert_int_eq(strncmp(ac, pre, strlen(pre)), 0);
	ck_assert_ptr_null(strpbrk(ac, "\r\n"));
	n = BASE64_DECODE_LENGTH(strlen(ac));
	key = xmalloc(n);
	base64_decode_init(&b64);
	ck_assert(base64_decode_update(&b64, &n, key, strlen(ac + strlen(pre)),
	    ac + strlen(pre)));
	ck_assert(base64_decode_final(&b64));
	ck_assert_uint_gt(n, 100);
	ck_assert_msg(key[0] == 0x98 || key[0] == 0x99 || key[0] == 0xc6,
	    "first byte %#x", key[0]);
	free(key);
	free(ac);
	unit_capture();
	ck_assert_ptr_null(signer_autocrypt(s, "a@b; c=d"));
	ASSERT_SAID("bad address");
	signer_close(s);
	s = open_key(fpr_rsa, RSA_PASS);	/* signing only */
	ck_assert_ptr_null(signer_autocrypt(s, "rsa@example.org"));
	ASSERT_SAID("encryption subkey");
	signer_close(s);
}
END_TEST

START_TEST(test_demo_key_kept)
{
	char *fpr = NULL;

	ck_assert_int_eq(signer_make_demo_key(home, "Other <o@example.org>",
	    &fpr), 0);
	ck_assert_str_eq(fpr, fpr_ed);
	free(fpr);
	signer_close(NULL);
	ck_assert_uint_eq(signer_count(NULL), 0);
}
END_TEST

/* With loopback forbidden, unprotected keys still sign (pinentry mode
 * cancel) and protected ones fail with a hint. */
START_TEST(test_no_loopback)
{
	struct signer *s;

	sh("echo no-allow-loopback-pinentry >$GNUPGHOME/gpg-agent.conf && "
	    "gpgconf --reload gpg-agent");
	s = open_key(fpr_ed, NULL);
	ck_assert_int_eq(signer_preflight(s), 0);
	signer_close(s);
	s = open_key(fpr_rsa, RSA_PASS);
	unit_capture();
	ck_assert_int_eq(signer_preflight(s), -1);
	ASSERT_SAID("allow-loopback-pinentry");
	signer_close(s);
	sh("rm $GNUPGHOME/gpg-agent.conf && gpgconf --reload gpg-agent");
}
END_TEST

static Suite *
sign_suite(void)
{
	Suite *s = suite_create("sign");
	TCase *tc = tcase_create("gpg");

	tcase_add_unchecked_fixture(tc, make_keys, drop_keys);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_ed25519);
	tcase_add_test(tc, test_rsa);
	tcase_add_test(tc, test_wrong_passphrase);
	tcase_add_test(tc, test_passphrase_missing);
	tcase_add_loop_test(tc, test_refused, 0,
	    sizeof refused / sizeof refused[0]);
	tcase_add_test(tc, test_other_key);
	tcase_add_test(tc, test_autocrypt);
	tcase_add_test(tc, test_demo_key_kept);
	tcase_add_test(tc, test_no_loopback);	/* last: changes the agent */
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(sign_suite)
