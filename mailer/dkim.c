/* dkim: keys and signatures (libcrypto).  See dkim.h for the choice. */
#include "dkim.h"
#include "dmarc.h"

#include <err.h>
#include <errno.h>
#include <libgen.h>
#include <nettle/sha2.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define KEY_FILE_MAX 16384
#define SIG_MAX 1024		/* bytes: RSA up to 8192 bits */
#define FOLD 72			/* columns of a folded tag value */

struct dkim_key {
	char *selector;
	char *file;
	EVP_PKEY *pkey;
	int ed25519;		/* else RSA */
};

struct dkim {
	char *domain;
	struct dkim_key *keys;
	size_t n;
	/* demo keys not made yet (DKIM_DEMO_DEFER): selectors, how many RSA */
	struct strlist deferred;
	size_t deferred_rsa;
};

/*
 * The first libcrypto error as text; clears the queue.  Out of memory
 * anywhere in the queue (the first entry may be the "internal error" it
 * caused) goes to util_oom: 71, like every other.
 */
static const char *
ossl_err(void)
{
	static _Thread_local char msg[256];
	unsigned long e = ERR_get_error(), more = e;

	while (more) {
		if (ERR_GET_REASON(more) ==
		    ERR_GET_REASON(ERR_R_MALLOC_FAILURE))
			util_oom("libcrypto");
		more = ERR_get_error();
	}
	if (!e)
		return "unknown libcrypto error";
	ERR_error_string_n(e, msg, sizeof msg);
	return msg;
}

/* Encrypted PEM keys are refused, never prompted for. */
static int
no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

static int
make_demo_key(const struct config_dkim_key *k)
{
	int ed = k->type && !strcmp(k->type, "ed25519");
	EVP_PKEY *p = ed ? EVP_PKEY_Q_keygen(NULL, NULL, "ED25519") :
	    EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	BIO *bio = BIO_new(BIO_s_mem());
	char *dir = xstrdup(k->key_file), *pem;
	long n;
	int rc = -1;

	if (!p || !bio || !PEM_write_bio_PrivateKey(bio, p, NULL, NULL, 0,
	    NULL, NULL)) {
		warnx("%s: making a demo DKIM key: %s", k->key_file,
		    ossl_err());
		goto out;
	}
	n = BIO_get_mem_data(bio, &pem);
	if (mkdir_p(dirname(dir), 0700) == -1 ||
	    write_file_atomic(k->key_file, pem, (size_t)n, 0600) == -1)
		goto out;
	warnx("%s: made a demo DKIM key (%s), selector %s", k->key_file,
	    ed ? "Ed25519" : "RSA-2048", k->selector);
	rc = 0;
out:
	free(dir);
	BIO_free(bio);
	EVP_PKEY_free(p);
	return rc;
}

/*
 * An Ed25519 key as dkimpy's dknewkey (and rspamd) write it: the 32-byte
 * private key in base64 on one line, no PEM.  NULL when s[0..n) is not.
 */
static EVP_PKEY *
raw_ed25519(const char *s, size_t n)
{
	unsigned char raw[48];
	EVP_PKEY *p = NULL;

	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	/* 44 characters, one '=': 32 bytes (EVP_DecodeBlock counts 33) */
	if (n == 44 && s[43] == '=' && s[42] != '=' &&
	    EVP_DecodeBlock(raw, (const unsigned char *)s, 44) == 33)
		p = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, raw,
		    32);
	explicit_bzero(raw, sizeof raw);
	return p;
}

static EVP_PKEY *
read_key(const char *file)
{
	struct buf b = BUF_INIT;
	struct stat st;
	EVP_PKEY *p = NULL;
	BIO *bio;

	if (stat(file, &st) == -1) {
		warn("DKIM key %s", file);
		return NULL;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		warnx("DKIM key %s is readable by group or others (mode %03o); "
		    "chmod 600 it", file, (unsigned)(st.st_mode & 0777));
		return NULL;
	}
	buf_grow(&b, KEY_FILE_MAX);	/* no realloc leaves a copy behind */
	if (slurp_file(file, KEY_FILE_MAX, &b) == -1)
		return NULL;
	if ((bio = BIO_new_mem_buf(b.data, (int)b.len)))
		p = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
	if (!p && (p = raw_ed25519(b.data, b.len)))
		ERR_clear_error();	/* the PEM reader's complaint */
	if (!p)
		warnx("DKIM key %s: %s: %s", file, memmem(b.data, b.len,
		    "ENCRYPTED", 9) ? "an encrypted key (mailer needs it "
		    "unencrypted, mode 0600)" : "not a PEM private key (nor "
		    "a raw Ed25519 key in base64)", ossl_err());
	BIO_free(bio);
	explicit_bzero(b.data, b.cap);
	buf_free(&b);
	return p;
}

/* Key type and strength, against the entry's type: when given. */
static int
judge_key(const struct config_dkim_key *k, struct dkim_key *dk)
{
	int id = EVP_PKEY_get_base_id(dk->pkey), bits;

	if (id == EVP_PKEY_ED25519) {
		dk->ed25519 = 1;
	} else if (id != EVP_PKEY_RSA) {
		warnx("DKIM key %s: a %s key; DKIM signs with RSA or Ed25519",
		    k->key_file, OBJ_nid2sn(id));
		return -1;
	}
	if (k->type && strcmp(k->type, dk->ed25519 ? "ed25519" : "rsa")) {
		warnx("%s: selector %s has type: %s but %s holds an %s key",
		    k->where, k->selector, k->type, k->key_file,
		    dk->ed25519 ? "Ed25519" : "RSA");
		return -1;
	}
	if (dk->ed25519)
		return 0;
	bits = EVP_PKEY_get_bits(dk->pkey);
	if (bits < DKIM_RSA_MIN_BITS) {
		warnx("DKIM key %s: RSA-%d is too weak; verifiers ignore "
		    "keys under %d bits (RFC 8301): make a %d-bit key",
		    k->key_file, bits, DKIM_RSA_MIN_BITS, DKIM_RSA_WARN_BITS);
		return -1;
	}
	if (bits < DKIM_RSA_WARN_BITS)
		warnx("DKIM key %s: RSA-%d: %d bits or more is recommended "
		    "(RFC 8301)", k->key_file, bits, DKIM_RSA_WARN_BITS);
	return 0;
}

static int
sign_hash(const struct dkim_key *k, const unsigned char *h,
    unsigned char *sig, size_t *len)
{
	int ok;

	*len = SIG_MAX;
	if (k->ed25519) {
		/* RFC 8463: PureEdDSA over the SHA-256 of the header data */
		EVP_MD_CTX *c = EVP_MD_CTX_new();

		ok = c &&
		    EVP_DigestSignInit(c, NULL, NULL, NULL, k->pkey) > 0 &&
		    EVP_DigestSign(c, sig, len, h, DKIM_HASH_LEN) > 0;
		EVP_MD_CTX_free(c);
	} else {
		EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(k->pkey, NULL);

		ok = c && EVP_PKEY_sign_init(c) > 0 &&
		    EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_PADDING) > 0 &&
		    EVP_PKEY_CTX_set_signature_md(c, EVP_sha256()) > 0 &&
		    EVP_PKEY_sign(c, sig, len, h, DKIM_HASH_LEN) > 0;
		EVP_PKEY_CTX_free(c);
	}
	if (!ok)
		warnx("DKIM key %s: signing failed: %s", k->file, ossl_err());
	return ok ? 0 : -1;
}

static int
verify_hash(const struct dkim_key *k, const unsigned char *h,
    const unsigned char *sig, size_t len)
{
	int ok;

	if (k->ed25519) {
		EVP_MD_CTX *c = EVP_MD_CTX_new();

		ok = c && EVP_DigestVerifyInit(c, NULL, NULL, NULL,
		    k->pkey) > 0 && EVP_DigestVerify(c, sig, len, h,
		    DKIM_HASH_LEN) > 0;
		EVP_MD_CTX_free(c);
	} else {
		EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(k->pkey, NULL);

		ok = c && EVP_PKEY_verify_init(c) > 0 &&
		    EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_PADDING) > 0 &&
		    EVP_PKEY_CTX_set_signature_md(c, EVP_sha256()) > 0 &&
		    EVP_PKEY_verify(c, sig, len, h, DKIM_HASH_LEN) > 0;
		EVP_PKEY_CTX_free(c);
	}
	return ok ? 0 : -1;
}

/* A key that cannot make a signature its public half accepts is refused. */
static int
probe(const struct dkim_key *k)
{
	unsigned char h[DKIM_HASH_LEN], sig[SIG_MAX];
	size_t len;

	memset(h, 0x5a, sizeof h);
	if (sign_hash(k, h, sig, &len) == -1)
		return -1;
	if (verify_hash(k, h, sig, len) == -1) {
		warnx("DKIM key %s: a probe signature does not verify with "
		    "the key's public half: %s", k->file, ossl_err());
		return -1;
	}
	return 0;
}

/* 0, -1, or 1 when k is a demo key left to make (d->deferred). */
static int
open_key(const struct config *c, const struct config_dkim_key *k,
    struct dkim *d, enum dkim_demo demo)
{
	struct dkim_key *dk = &d->keys[d->n];
	struct stat st;

	if (c->dkim_demo_key && stat(k->key_file, &st) == -1 &&
	    errno == ENOENT) {
		if (demo == DKIM_DEMO_DEFER) {
			warnx("%s: no demo DKIM key yet (selector %s): the "
			    "first send or `mailer dkim record` makes it; "
			    "check and preview write nothing", k->key_file,
			    k->selector);
			strlist_add(&d->deferred, k->selector);
			d->deferred_rsa += !k->type || strcmp(k->type,
			    "ed25519");
			return 1;
		}
		if (make_demo_key(k) == -1)
			return -1;
	}
	d->n++;
	dk->selector = xstrdup(k->selector);
	dk->file = xstrdup(k->key_file);
	if (!(dk->pkey = read_key(k->key_file)))
		return -1;
	if (judge_key(k, dk) == -1 || probe(dk) == -1)
		return -1;
	return 0;
}

/*
 * Gmail, Yahoo and Microsoft verify no Ed25519 signature (RFC 8463 asks
 * verifiers to, they do not yet): without an RSA key their DKIM check,
 * which bulk senders must pass, fails.
 */
static void
warn_no_rsa(const struct config *c, const struct dkim *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (!d->keys[i].ed25519)
			return;
	if (d->deferred_rsa)
		return;
	warnx("%s: dkim.keys has no RSA key: Gmail, Yahoo and Microsoft do "
	    "not verify Ed25519 signatures, so DKIM fails there; add an "
	    "RSA-2048 key beside it", c->path);
}

struct dkim *
dkim_open(const struct config *c, enum dkim_demo demo)
{
	struct dkim *d = xcalloc(1, sizeof *d);
	const char *from = strchr(c->sender_address, '@');
	int rc = 0;

	d->domain = xstrdup(c->dkim_domain);
	d->keys = xcalloc(c->ndkim_keys, sizeof *d->keys);
	for (size_t i = 0; i < c->ndkim_keys; i++)
		if (open_key(c, &c->dkim_keys[i], d, demo) == -1)
			rc = -1;
	if (rc == -1) {
		dkim_close(d);
		return NULL;
	}
	warn_no_rsa(c, d);
	/* relaxed alignment, DMARC's default: the organizational domain */
	if (from && !dmarc_aligned(from + 1, d->domain, 0))
		warnx("%s: dkim.domain %s is not aligned with the From domain "
		    "%s: DMARC will not pass on these signatures", c->path,
		    d->domain, from + 1);
	return d;
}

void
dkim_close(struct dkim *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->keys[i].selector);
		free(d->keys[i].file);
		EVP_PKEY_free(d->keys[i].pkey);
	}
	free(d->keys);
	free(d->domain);
	strlist_free(&d->deferred);
	free(d);
}

const char *
dkim_domain(const struct dkim *d)
{
	return d->domain;
}

size_t
dkim_count(const struct dkim *d)
{
	return d->n;
}

const char *
dkim_selector(const struct dkim *d, size_t i)
{
	return d->keys[i].selector;
}

const struct strlist *
dkim_deferred(const struct dkim *d)
{
	return &d->deferred;
}

const char *
dkim_algorithm(const struct dkim *d, size_t i)
{
	return d->keys[i].ed25519 ? "ed25519-sha256" : "rsa-sha256";
}

/* p=: the DER SubjectPublicKeyInfo for RSA, the raw key for Ed25519. */
static void
public_b64(const struct dkim_key *k, struct buf *out)
{
	unsigned char raw[64], *der = NULL;
	size_t n = sizeof raw;
	int len;

	if (k->ed25519) {
		if (EVP_PKEY_get_raw_public_key(k->pkey, raw, &n) > 0)
			buf_add_base64(out, raw, n);
		return;
	}
	if ((len = i2d_PUBKEY(k->pkey, &der)) > 0)
		buf_add_base64(out, der, (size_t)len);
	OPENSSL_free(der);
}

char *
dkim_record(const struct dkim *d, size_t i)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "v=DKIM1; k=%s; p=", d->keys[i].ed25519 ? "ed25519" :
	    "rsa");
	public_b64(&d->keys[i], &b);
	return buf_detach(&b);
}

#define TXT_STRING_MAX 255	/* one character-string (RFC 1035 3.3) */

char *
dkim_record_zone(const struct dkim *d, size_t i)
{
	char *rec = dkim_record(d, i);
	size_t n = strlen(rec);
	struct buf b = BUF_INIT;

	for (size_t at = 0; at < n; at += TXT_STRING_MAX)
		buf_printf(&b, "%s\"%.*s\"", at ? " " : "", (int)(n - at <
		    TXT_STRING_MAX ? n - at : TXT_STRING_MAX), rec + at);
	free(rec);
	return buf_detach(&b);
}

/* 1 when the ':'-separated list v[0..n) holds word (or "*" when star). */
static int
list_has(const char *v, size_t n, const char *word, int star)
{
	size_t wl = strlen(word), i = 0;

	while (i < n) {
		size_t j = i, a, b;

		while (j < n && v[j] != ':')
			j++;
		for (a = i; a < j && (v[a] == ' ' || v[a] == '\t'); a++)
			;
		for (b = j; b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'); b--)
			;
		if ((b - a == wl && !strncasecmp(v + a, word, wl)) ||
		    (star && b - a == 1 && v[a] == '*'))
			return 1;
		i = j + 1;
	}
	return 0;
}

/* a[0..an) and b[0..bn) equal once blanks are ignored */
static int
same_b64(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < an && strchr(" \t\r\n", a[i]))
			i++;
		while (j < bn && strchr(" \t\r\n", b[j]))
			j++;
		if (i == an || j == bn)
			return i == an && j == bn;
		if (a[i++] != b[j++])
			return 0;
	}
}

int
dkim_record_check(const struct dkim *d, size_t i, const char *txt,
    size_t len, const char **why)
{
	struct dkim_tag t[16];
	const struct dkim_tag *v, *k, *p, *h, *s;
	struct buf ours = BUF_INIT;
	const char *kind = d->keys[i].ed25519 ? "ed25519" : "rsa";
	int n = dkim_tags_parse(txt, len, t, 16, why), rc = -1;

	if (n < 0)
		return -1;
	v = dkim_tag_get(t, (size_t)n, "v");
	k = dkim_tag_get(t, (size_t)n, "k");
	p = dkim_tag_get(t, (size_t)n, "p");
	h = dkim_tag_get(t, (size_t)n, "h");
	s = dkim_tag_get(t, (size_t)n, "s");
	public_b64(&d->keys[i], &ours);
	if (v && (v != &t[0] || v->value_len != 5 ||
	    strncmp(v->value, "DKIM1", 5)))
		*why = "v= must be the first tag and say DKIM1";
	else if (!p)
		*why = "no p= tag (the public key)";
	else if (p->value_len == 0)
		*why = "p= is empty: the key is revoked";
	else if ((k ? k->value_len != strlen(kind) ||
	    strncasecmp(k->value, kind, k->value_len) : d->keys[i].ed25519))
		*why = d->keys[i].ed25519 ? "k= must be ed25519 for this key" :
		    "k= names another algorithm than rsa";
	else if (h && !list_has(h->value, h->value_len, "sha256", 0))
		*why = "h= excludes sha256";
	else if (s && !list_has(s->value, s->value_len, "email", 1))
		*why = "s= excludes email";
	else if (!same_b64(p->value, p->value_len, ours.data, ours.len))
		*why = "p= is another key than the one mailer signs with";
	else
		rc = 0;
	buf_free(&ours);
	return rc;
}

/* Appends text folded at FOLD columns, continuation lines start "\t". */
static void
fold_into(struct buf *out, const char *s, size_t n, size_t *col)
{
	while (n > 0) {
		size_t room = *col < FOLD ? FOLD - *col : 0, take;

		if (room == 0) {
			buf_adds(out, "\r\n\t");
			*col = 1;
			continue;
		}
		take = n < room ? n : room;
		buf_add(out, s, take);
		*col += take;
		s += take;
		n -= take;
	}
}

/* h=: folded after a ':' when the line grows long (FWS is allowed there) */
static void
add_names(struct buf *out, const char *h, size_t *col)
{
	while (*h) {
		size_t n = strcspn(h, ":");

		if (*col + n + 1 > FOLD) {
			buf_adds(out, "\r\n\t");
			*col = 1;
		}
		buf_add(out, h, n);
		*col += n;
		h += n;
		if (*h == ':') {
			buf_addc(out, ':');
			(*col)++;
			h++;
		}
	}
}

/* One signature field: everything but b='s value, which sign_one adds. */
static void
field_head(const struct dkim *d, const struct dkim_key *k, const char *bh64,
    const char *names, time_t t, struct buf *f)
{
	size_t col;

	buf_printf(f, "DKIM-Signature: v=1; a=%s; c=relaxed/relaxed;\r\n"
	    "\td=%s; s=%s; t=%lld;\r\n\th=", k->ed25519 ? "ed25519-sha256" :
	    "rsa-sha256", d->domain, k->selector, (long long)t);
	col = 3;
	add_names(f, names, &col);
	buf_printf(f, ";\r\n\tbh=%s;\r\n\tb=", bh64);
}

static int
sign_one(const struct dkim *d, const struct dkim_key *k,
    const struct sha256_ctx *headers, const char *bh64, const char *names,
    time_t t, struct buf *out)
{
	struct buf f = BUF_INIT, c = BUF_INIT, sig64 = BUF_INIT;
	struct sha256_ctx h = *headers;
	unsigned char hash[DKIM_HASH_LEN], sig[SIG_MAX];
	size_t siglen, col = 3;
	int rc = -1;

	field_head(d, k, bh64, names, t, &f);
	/* the field itself, b= empty, canonical, without its CRLF (3.7) */
	dkim_canon_header(f.data, f.len, &c);
	sha256_update(&h, c.len - 2, (const uint8_t *)c.data);
	sha256_digest(&h, sizeof hash, hash);
	if (sign_hash(k, hash, sig, &siglen) == 0) {
		buf_add_base64(&sig64, sig, siglen);
		fold_into(&f, sig64.data, sig64.len, &col);
		buf_adds(&f, "\r\n");
		buf_add(out, f.data, f.len);
		rc = 0;
	}
	buf_free(&f);
	buf_free(&c);
	buf_free(&sig64);
	return rc;
}

int
dkim_sign(const struct dkim *d, const unsigned char bh[DKIM_HASH_LEN],
    const char *head, size_t len, time_t t, struct buf *out)
{
	struct dkim_field *f;
	struct buf names = BUF_INIT, canon = BUF_INIT, bh64 = BUF_INIT;
	struct sha256_ctx h;
	size_t n;
	int rc = 0;

	dkim_fields(head, len, &f, &n);
	dkim_signed_names(f, n, &names);
	dkim_canon_signed(f, n, names.data, &canon);
	buf_add_base64(&bh64, bh, DKIM_HASH_LEN);
	/* the signed fields are hashed once, then each key's own field */
	sha256_init(&h);
	sha256_update(&h, canon.len, (const uint8_t *)canon.data);
	for (size_t i = 0; rc == 0 && i < d->n; i++)
		rc = sign_one(d, &d->keys[i], &h, bh64.data, names.data, t,
		    out);
	free(f);
	buf_free(&names);
	buf_free(&canon);
	buf_free(&bh64);
	return rc;
}
