/*
 * Unit tests for dkim_canon.c (relaxed canonicalisation against RFC 6376's
 * own examples and errata, header picking, tag lists) and dkim.c (key
 * checks with keys made by the openssl command, DNS records, signing from
 * two threads).  Whether the signatures verify is for dkimpy and OpenDKIM
 * to say: tests/t/1100-dkim-verifiers.t.
 */
#include <pthread.h>
#include <string.h>

#include "config.h"
#include "dkim.h"
#include "unit.h"
#include "util.h"

/* ---- canonicalisation ---- */

static char *
canon_body(const char *s)
{
	struct buf b = BUF_INIT;

	dkim_canon_body(s, strlen(s), &b);
	buf_addc(&b, '\0');
	b.len--;
	return buf_detach(&b);
}

static char *
canon_header(const char *s)
{
	struct buf b = BUF_INIT;

	dkim_canon_header(s, strlen(s), &b);
	return buf_detach(&b);
}

/* RFC 6376 3.4.5, the relaxed example */
START_TEST(test_rfc_example)
{
	char *h1 = canon_header("A: X\r\n");
	char *h2 = canon_header("B : Y\t\r\n\tZ  \r\n");
	char *b = canon_body(" C \r\nD \t E\r\n\r\n\r\n");

	ck_assert_str_eq(h1, "a:X\r\n");
	ck_assert_str_eq(h2, "b:Y Z\r\n");
	ck_assert_str_eq(b, " C\r\nD E\r\n");
	free(h1);
	free(h2);
	free(b);
}
END_TEST

static const char *const bodies[][2] = {
	{ "", "" },				/* errata 3192: empty stays empty */
	{ "\r\n", "" },
	{ "\r\n\r\n \t \r\n", "" },		/* blank lines at the end go */
	{ "abc", "abc\r\n" },			/* a last CRLF is added */
	{ "a\r\n\r\nb\r\n", "a\r\n\r\nb\r\n" },	/* inner empty lines stay */
	{ "a\r\n \t\r\nb", "a\r\n\r\nb\r\n" },	/* an inner blank one empties */
	{ "a  b\t\tc \r\n", "a b c\r\n" },
	{ "\ta\r\n", " a\r\n" },		/* leading WSP becomes one SP */
	{ "a\nb\r\n", "a\nb\r\n" },		/* a bare LF ends no line */
	{ "x \r\n\r\n", "x\r\n" },
};

/* each in through canon, against its expected out */
static void
check_table(char *(*canon)(const char *), const char *const (*t)[2],
    size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++) {
		char *got = canon(t[i][0]);

		ck_assert_msg(!strcmp(got, t[i][1]), "%s %zu: got \"%s\"", what,
		    i, got);
		free(got);
	}
}

START_TEST(test_bodies)
{
	check_table(canon_body, bodies, sizeof bodies / sizeof *bodies,
	    "body");
}
END_TEST

/* the published SHA-256 of the empty string: bh= of an empty body */
START_TEST(test_empty_body_hash)
{
	static const unsigned char want[] = {
		0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb,
		0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24, 0x27, 0xae, 0x41, 0xe4,
		0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52,
		0xb8, 0x55 };
	unsigned char bh[DKIM_HASH_LEN];

	dkim_body_hash("\r\n\r\n", 4, bh);
	ck_assert_mem_eq(bh, want, sizeof want);
}
END_TEST

static const char *const headers[][2] = {
	{ "Subject:  Hello\r\n", "subject:Hello\r\n" },
	{ "SUBJECT \t:\t x  y \r\n", "subject:x y\r\n" },
	{ "Subject: a\r\n b\r\n\tc\r\n", "subject:a b c\r\n" },
	{ "Subject:\r\n folded first\r\n", "subject:folded first\r\n" },
	{ "Subject:", "subject:\r\n" },
	{ "X-Empty:   \r\n", "x-empty:\r\n" },
	{ "To: \"A  B\" <a@b>\r\n", "to:\"A B\" <a@b>\r\n" },
};

START_TEST(test_headers)
{
	check_table(canon_header, headers, sizeof headers / sizeof *headers,
	    "header");
}
END_TEST

#define HEAD "Received: x\r\nFrom: A <a@example.org>\r\nTo: b@c\r\n" \
	"Subject: one\r\n two\r\nX-Other: 1\r\nSubject: second\r\n" \
	"Content-Type: text/plain\r\n\r\n"

START_TEST(test_fields_and_names)
{
	struct dkim_field *f;
	struct buf names = BUF_INIT, canon = BUF_INIT;
	size_t n;

	dkim_fields(HEAD "body\r\n", strlen(HEAD "body\r\n"), &f, &n);
	ck_assert_uint_eq(n, 7);	/* stops at the empty line */
	ck_assert_uint_eq(f[3].name_len, 7);
	ck_assert_uint_eq(f[3].len, strlen("Subject: one\r\n two\r\n"));
	dkim_signed_names(f, n, &names);
	/*
	 * two Subjects plus one over-signed; the absent Reply-To and List-*
	 * over-signed (none may be added)
	 */
	ck_assert_str_eq(names.data, "from:from:to:reply-to:subject:subject:"
	    "subject:content-type:list-unsubscribe:list-unsubscribe-post");
	/* the bottom Subject first, then the one above, then nothing */
	dkim_canon_signed(f, n, "subject:subject:subject:from", &canon);
	ck_assert_str_eq(canon.data, "subject:second\r\nsubject:one two\r\n"
	    "from:A <a@example.org>\r\n");
	free(f);
	buf_free(&names);
	buf_free(&canon);
}
END_TEST

START_TEST(test_tags)
{
	struct dkim_tag t[8];
	const char *why = NULL;
	const char *ok = " v=DKIM1;\tk = rsa ; p=AB CD\r\n EF; ";
	int n = dkim_tags_parse(ok, strlen(ok), t, 8, &why);

	ck_assert_int_eq(n, 3);
	ck_assert_int_eq((int)dkim_tag_get(t, 3, "k")->value_len, 3);
	ck_assert(!strncmp(dkim_tag_get(t, 3, "p")->value, "AB CD\r\n EF",
	    10));
	ck_assert_ptr_null(dkim_tag_get(t, 3, "h"));
	ck_assert_int_eq(dkim_tags_parse("", 0, t, 8, &why), 0);
	ck_assert_int_eq(dkim_tags_parse("a=1;a=2", 7, t, 8, &why), -1);
	ck_assert_str_eq(why, "a tag appears twice");
	ck_assert_int_eq(dkim_tags_parse("a=1;b", 5, t, 8, &why), -1);
	ck_assert_int_eq(dkim_tags_parse("=1", 2, t, 8, &why), -1);
	ck_assert_int_eq(dkim_tags_parse("1a=1", 4, t, 8, &why), -1);
	ck_assert_int_eq(dkim_tags_parse("a=1;;b=2", 8, t, 8, &why), -1);
	ck_assert_int_eq(dkim_tags_parse("a=\x01", 3, t, 8, &why), -1);
	ck_assert_int_eq(dkim_tags_parse("a=1;b=2;c=3", 11, t, 2, &why), -1);
}
END_TEST

/* ---- keys: made by the openssl command, not by us ---- */

static char dir[] = "/tmp/mailer-dkim.XXXXXX";

static void
sh(const char *cmd)
{
	char *full = xasprintf("cd %s && (%s) >/dev/null 2>&1", dir, cmd);

	if (system(full) != 0)
		ck_abort_msg("failed: %s", cmd);
	free(full);
}

static void
make_dir(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	sh("umask 077; "
	    "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 "
	    "-out rsa2048.pem && "
	    "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 "
	    "-out rsa1024.pem && "
	    "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:768 "
	    "-out rsa768.pem && "
	    "openssl genpkey -algorithm ED25519 -out ed.pem && "
	    "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 "
	    "-out ec.pem && "
	    "openssl genpkey -algorithm ED25519 -aes256 -pass pass:x "
	    "-out enc.pem && "
	    "openssl rsa -in rsa2048.pem -traditional -out pkcs1.pem && "
	    "echo 'not a key' > junk.pem && "
	    "cp ed.pem open.pem && chmod 644 open.pem");
}

static void
drop_dir(void)
{
	rm_rf(dir);
}

static struct config conf;
static struct config_dkim_key keys[4];

/* A config with the given key files (NULL-terminated), no demo keys. */
static struct dkim *
open_keys(const char *file, ...)
{
	va_list ap;
	const char *f = file;
	size_t n = 0;

	memset(&conf, 0, sizeof conf);
	memset(keys, 0, sizeof keys);
	conf.path = "test.yaml";
	conf.sender_address = "news@example.org";
	conf.dkim = 1;
	conf.dkim_domain = "example.org";
	conf.dkim_keys = keys;
	va_start(ap, file);
	for (; f && n < 4; f = va_arg(ap, const char *), n++) {
		keys[n].selector = xasprintf("s%zu", n);
		keys[n].key_file = path_join(dir, f);
		keys[n].where = "test.yaml:1:1";
	}
	va_end(ap);
	conf.ndkim_keys = n;
	{
		struct dkim *d = dkim_open(&conf, DKIM_DEMO_MAKE);

		for (size_t i = 0; i < n; i++) {
			free(keys[i].selector);
			free(keys[i].key_file);
		}
		return d;
	}
}

static const struct {
	const char *file, *says;
} refused[] = {
	{ "rsa768.pem", "RSA-768 is too weak" },
	{ "ec.pem", "DKIM signs with RSA or Ed25519" },
	{ "enc.pem", "an encrypted key" },
	{ "junk.pem", "not a PEM private key" },
	{ "open.pem", "readable by group or others" },
	{ "missing.pem", "No such file" },
};

START_TEST(test_refused_keys)
{
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		struct dkim *d;
		char *err;

		unit_capture();
		d = open_keys(refused[i].file, NULL);
		err = unit_captured();
		ck_assert_msg(d == NULL, "%s accepted", refused[i].file);
		ck_assert_msg(strstr(err, refused[i].says) &&
		    strstr(err, refused[i].file), "%s: %s", refused[i].file,
		    err);
		free(err);
	}
}
END_TEST

START_TEST(test_weak_warned)
{
	struct dkim *d;
	char *err;

	unit_capture();
	d = open_keys("rsa1024.pem", "pkcs1.pem", NULL);
	err = unit_captured();
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(strstr(err, "RSA-1024") && !strstr(err, "pkcs1.pem"),
	    "%s", err);
	ck_assert_uint_eq(dkim_count(d), 2);
	dkim_close(d);
	free(err);
}
END_TEST

START_TEST(test_type_mismatch)
{
	struct dkim *d;
	char *err;

	memset(&conf, 0, sizeof conf);
	keys[0].selector = "ed";
	keys[0].key_file = path_join(dir, "rsa2048.pem");
	keys[0].type = "ed25519";
	keys[0].where = "test.yaml:7:7";
	conf.path = "test.yaml";
	conf.sender_address = "news@example.org";
	conf.dkim_domain = "example.org";
	conf.dkim_keys = keys;
	conf.ndkim_keys = 1;
	unit_capture();
	d = dkim_open(&conf, DKIM_DEMO_MAKE);
	err = unit_captured();
	ck_assert_ptr_null(d);
	ck_assert_msg(strstr(err, "test.yaml:7:7") && strstr(err,
	    "holds an RSA key"), "%s", err);
	free(keys[0].key_file);
	free(err);
}
END_TEST

/* The record's p= is what `openssl pkey -pubout` says, base64 in DER. */
static char *
openssl_pub(const char *file, int raw)
{
	char *cmd = xasprintf(raw ?
	    "cd %s && openssl pkey -in %s -pubout -outform DER | tail -c 32 "
	    "| base64 -w0" : "cd %s && openssl pkey -in %s -pubout -outform "
	    "DER | base64 -w0", dir, file);
	char line[1024] = "";
	FILE *p = popen(cmd, "r");

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(fgets(line, sizeof line, p));
	pclose(p);
	free(cmd);
	return xstrdup(line);
}

START_TEST(test_records)
{
	struct dkim *d = open_keys("rsa2048.pem", "ed.pem", NULL);
	char *rsa_pub = openssl_pub("rsa2048.pem", 0);
	char *ed_pub = openssl_pub("ed.pem", 1);
	char *r0, *r1, *want0, *want1, *other;
	const char *why;

	ck_assert_ptr_nonnull(d);
	r0 = dkim_record(d, 0);
	r1 = dkim_record(d, 1);
	want0 = xasprintf("v=DKIM1; k=rsa; p=%s", rsa_pub);
	want1 = xasprintf("v=DKIM1; k=ed25519; p=%s", ed_pub);
	ck_assert_str_eq(r0, want0);
	ck_assert_str_eq(r1, want1);
	ck_assert_str_eq(dkim_algorithm(d, 0), "rsa-sha256");
	ck_assert_str_eq(dkim_algorithm(d, 1), "ed25519-sha256");
	ck_assert_str_eq(dkim_selector(d, 1), "s1");
	ck_assert_int_eq(dkim_record_check(d, 0, r0, strlen(r0), &why), 0);
	ck_assert_int_eq(dkim_record_check(d, 1, r1, strlen(r1), &why), 0);
	/* k= defaults to rsa; p= split by blanks as in joined strings */
	other = xasprintf("p=%.20s \t%s", rsa_pub, rsa_pub + 20);
	ck_assert_int_eq(dkim_record_check(d, 0, other, strlen(other), &why),
	    0);
	free(other);
	ck_assert_int_eq(dkim_record_check(d, 1, r0, strlen(r0), &why), -1);
	ck_assert_str_eq(why, "k= must be ed25519 for this key");
	other = xasprintf("v=DKIM1; k=ed25519; p=%s", rsa_pub + 4);
	ck_assert_int_eq(dkim_record_check(d, 1, other, strlen(other), &why),
	    -1);
	ck_assert_str_eq(why, "p= is another key than the one mailer signs "
	    "with");
	free(other);
	ck_assert_int_eq(dkim_record_check(d, 0, "v=DKIM1; p=", 11, &why),
	    -1);
	ck_assert_str_eq(why, "p= is empty: the key is revoked");
	ck_assert_int_eq(dkim_record_check(d, 0, "k=rsa; v=DKIM1; p=x", 19,
	    &why), -1);
	other = xasprintf("v=DKIM1; h=sha1; p=%s", rsa_pub);
	ck_assert_int_eq(dkim_record_check(d, 0, other, strlen(other), &why),
	    -1);
	ck_assert_str_eq(why, "h= excludes sha256");
	free(other);
	free(r0);
	free(r1);
	free(want0);
	free(want1);
	free(rsa_pub);
	free(ed_pub);
	dkim_close(d);
}
END_TEST

/* ---- signing ---- */

#define MSG_HEAD "From: A <a@example.org>\r\nTo: b@example.net\r\n" \
	"Subject: hi\r\nList-Unsubscribe: <mailto:u@example.org>\r\n\r\n"

static struct dkim *shared;

static void *
sign_many(void *arg)
{
	struct buf *out = arg;
	unsigned char bh[DKIM_HASH_LEN] = { 1 };

	for (int i = 0; i < 50; i++) {
		buf_reset(out);
		if (dkim_sign(shared, bh, MSG_HEAD, strlen(MSG_HEAD), 1700000000,
		    out) == -1)
			return (void *)1;
	}
	return NULL;
}

/*
 * Two threads sign with one struct dkim at once and get what one thread
 * alone gets: both schemes are deterministic (PKCS#1 v1.5, Ed25519).
 */
START_TEST(test_sign_threads)
{
	struct buf one = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	pthread_t ta, tb;
	void *ra, *rb;

	shared = open_keys("rsa2048.pem", "ed.pem", NULL);
	ck_assert_ptr_nonnull(shared);
	ck_assert_ptr_null(sign_many(&one));
	ck_assert_int_eq(pthread_create(&ta, NULL, sign_many, &a), 0);
	ck_assert_int_eq(pthread_create(&tb, NULL, sign_many, &b), 0);
	pthread_join(ta, &ra);
	pthread_join(tb, &rb);
	ck_assert_ptr_null(ra);
	ck_assert_ptr_null(rb);
	ck_assert_str_eq(a.data, one.data);
	ck_assert_str_eq(b.data, one.data);
	/* two fields, each naming its selector, with the body hash given */
	ck_assert_ptr_nonnull(strstr(one.data, "a=rsa-sha256;"));
	ck_assert_ptr_nonnull(strstr(one.data, "s=s1;"));
	ck_assert_ptr_nonnull(strstr(one.data, "t=1700000000;"));
	ck_assert_ptr_nonnull(strstr(one.data,
	    "bh=AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=;"));
	{
		struct buf u = BUF_INIT;	/* unfolded */

		for (size_t i = 0; i < one.len; i++)
			if (!strncmp(one.data + i, "\r\n\t", 3))
				i += 2;
			else
				buf_addc(&u, one.data[i]);
		ck_assert_ptr_nonnull(strstr(u.data, "h=from:from:to:reply-to:"
		    "subject:subject:list-unsubscribe:list-unsubscribe:"
		    "list-unsubscribe-post;"));
		buf_free(&u);
	}
	/* no line over 78 columns */
	for (const char *p = one.data, *e; *p; p = e + 2) {
		e = strstr(p, "\r\n");
		ck_assert_ptr_nonnull(e);
		ck_assert_int_le(e - p, 78);
	}
	dkim_close(shared);
	buf_free(&one);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

static Suite *
dkim_suite(void)
{
	Suite *s = suite_create("dkim");
	TCase *tc = tcase_create("canon");
	TCase *tk = tcase_create("keys");

	tcase_add_test(tc, test_rfc_example);
	tcase_add_test(tc, test_bodies);
	tcase_add_test(tc, test_empty_body_hash);
	tcase_add_test(tc, test_headers);
	tcase_add_test(tc, test_fields_and_names);
	tcase_add_test(tc, test_tags);
	suite_add_tcase(s, tc);
	tcase_add_unchecked_fixture(tk, make_dir, drop_dir);
	tcase_set_timeout(tk, 60);
	tcase_add_test(tk, test_refused_keys);
	tcase_add_test(tk, test_weak_warned);
	tcase_add_test(tk, test_type_mismatch);
	tcase_add_test(tk, test_records);
	tcase_add_test(tk, test_sign_threads);
	suite_add_tcase(s, tk);
	return s;
}

UNIT_MAIN(dkim_suite)
