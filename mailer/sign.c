/*
 * sign: OpenPGP signing through gpgme (GnuPG).  See sign.h.
 *
 * Implements the signing side of RFC 3156 (MIME Security with OpenPGP):
 * detached, ASCII-armored signatures over the canonical CRLF entity and
 * the micalg parameter naming the hash actually used.  Signatures and keys
 * are RFC 4880 packets produced by gpg; the Autocrypt header follows the
 * Autocrypt Level 1 specification (addr, keydata = minimal key, base64).
 *
 * gpg runs as a child process of gpgme for every operation.  Passphrases
 * go to gpg-agent through loopback pinentry, never through argv; without
 * one, pinentry is cancelled, so the agent never prompts on a terminal or
 * a display while the mailer runs unattended.
 */
#include "sign.h"

#include <ctype.h>
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include <gpgme.h>

#define SIGN_PROBE "mailer signing preflight\r\n"

/* What the passphrase callback saw during the last operation. */
enum sign_pass {
	PASS_UNASKED,	/* gpg needed no passphrase */
	PASS_GIVEN,	/* ours was handed over */
	PASS_REJECTED	/* gpg asked again: ours was wrong */
};

struct signer {
	gpgme_ctx_t ctx;
	gpgme_key_t key;	/* our secret key, as listed at open */
	char *fpr;		/* its primary fingerprint, for messages */
	char *home;		/* GNUPGHOME as configured, or NULL */
	char *pass;		/* NULL when none configured; wiped */
	enum sign_pass pass_state;
	unsigned long count;
};

/* ---- gpgme set-up ---- */

/* gpgme_check_version also sets SIGPIPE to SIG_IGN, process-wide. */
static int
gpg_init(const char *who)
{
	static int done;
	gpgme_error_t e;

	if (done)
		return 0;
	if (!gpgme_check_version("1.13.0")) {
		warnx("%s: gpgme %s is too old; 1.13 or newer is needed",
		    who, gpgme_check_version(NULL));
		return -1;
	}
	e = gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP);
	if (e) {
		warnx("%s: gpg (GnuPG) is not usable: %s", who,
		    gpgme_strerror(e));
		return -1;
	}
	done = 1;
	return 0;
}

/*
 * An armoring context on home (NULL: the default); reports.  pinentry is
 * GPGME_PINENTRY_MODE_LOOPBACK to hand over a passphrase, otherwise
 * GPGME_PINENTRY_MODE_CANCEL: the agent must never open a pinentry window
 * for a mailer running unattended, so only unprotected keys and
 * passphrases already cached by the agent work then.
 */
static gpgme_ctx_t
gpg_context(const char *home, gpgme_pinentry_mode_t pinentry, const char *who)
{
	gpgme_ctx_t ctx;
	gpgme_error_t e;

	if (gpg_init(who) == -1)
		return NULL;
	if ((e = gpgme_new(&ctx))) {
		warnx("%s: gpgme: %s", who, gpgme_strerror(e));
		return NULL;
	}
	e = gpgme_set_protocol(ctx, GPGME_PROTOCOL_OpenPGP);
	if (!e && home)
		e = gpgme_ctx_set_engine_info(ctx, GPGME_PROTOCOL_OpenPGP,
		    NULL, home);
	if (!e)
		e = gpgme_set_pinentry_mode(ctx, pinentry);
	if (e) {
		warnx("%s: gpgme set-up: %s", who, gpgme_strerror(e));
		gpgme_release(ctx);
		return NULL;
	}
	gpgme_set_armor(ctx, 1);
	gpgme_set_offline(ctx, 1);	/* no key server look-ups */
	return ctx;
}

/*
 * Called by gpgme when gpg-agent needs the passphrase (loopback pinentry).
 * A second call in one operation means the first answer was wrong: give
 * up rather than loop.
 */
static gpgme_error_t
pass_cb(void *hook, const char *uid_hint, const char *info, int prev_bad,
    int fd)
{
	struct signer *s = hook;

	(void)uid_hint;
	(void)info;
	if (prev_bad || s->pass_state == PASS_GIVEN) {
		s->pass_state = PASS_REJECTED;
		return gpgme_error(GPG_ERR_BAD_PASSPHRASE);
	}
	s->pass_state = PASS_GIVEN;
	if (gpgme_io_writen(fd, s->pass, strlen(s->pass)) == -1 ||
	    gpgme_io_writen(fd, "\n", 1) == -1)
		return gpgme_error_from_syserror();
	return 0;
}

/* Reports a failed operation once, in the caller's words. */
static int
sign_fail(const struct signer *s, const char *what, gpgme_error_t e)
{
	gpgme_err_code_t code = gpgme_err_code(e);
	const char *hint = "";

	if (code == GPG_ERR_ENOMEM)
		util_oom("gpgme");	/* 71, not a signing failure */
	if (s->pass_state == PASS_REJECTED || code == GPG_ERR_BAD_PASSPHRASE) {
		warnx("signing key %s: %s: wrong passphrase", s->fpr, what);
		return -1;
	}
	if (!s->pass && code == GPG_ERR_CANCELED)
		hint = " (the key is protected and gpg-agent has no cached "
		    "passphrase: set signing.passphrase_file or "
		    "signing.passphrase_env)";
	else if (s->pass && s->pass_state == PASS_UNASKED &&
	    code == GPG_ERR_UNUSABLE_SECKEY)
		hint = " (if the key is valid: gpg-agent may refuse loopback "
		    "pinentry; remove no-allow-loopback-pinentry from its "
		    "gpg-agent.conf)";
	warnx("signing key %s: %s: %s%s", s->fpr, what, gpgme_strerror(e),
	    hint);
	return -1;
}

/* ---- key checks ---- */

/* Upper-case hex without spaces; NULL unless 40 or 64 hex digits. */
static char *
fpr_normalise(const char *in)
{
	struct buf b = BUF_INIT;

	for (; *in; in++) {
		if (*in == ' ')
			continue;
		if (!isxdigit((unsigned char)*in)) {
			buf_free(&b);
			return NULL;
		}
		buf_addc(&b, toupper((unsigned char)*in));
	}
	if (b.len != 40 && b.len != 64) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int
subkey_usable(const gpgme_subkey_t k)
{
	return !k->revoked && !k->expired && !k->disabled && !k->invalid;
}

/* Why key cannot sign, or NULL when it can. */
static const char *
key_problem(const gpgme_key_t key)
{
	gpgme_subkey_t k;

	if (key->revoked)
		return "the key is revoked";
	if (key->expired)
		return "the key has expired";
	if (key->disabled)
		return "the key is disabled";
	if (key->invalid)
		return "the key is invalid";
	for (k = key->subkeys; k; k = k->next)
		if (k->can_sign && k->secret && subkey_usable(k))
			return NULL;
	return "no usable signing (sub)key with its secret part";
}

/* Looks up our secret key and checks it; reports. */
static int
key_load(struct signer *s)
{
	gpgme_error_t e;
	const char *why;

	e = gpgme_get_key(s->ctx, s->fpr, &s->key, 1);
	if (gpgme_err_code(e) == GPG_ERR_EOF) {
		gpgme_key_t pub = NULL;

		/*
		 * Secret keys live in gpg-agent: a public key without its
		 * secret part usually means the agent could not be reached.
		 */
		if (gpgme_get_key(s->ctx, s->fpr, &pub, 0) == 0)
			why = "the secret key is not available: gpg-agent did "
			    "not start or does not hold it (check "
			    "agent-program and the key's private-keys-v1.d)";
		else
			why = "no such secret key in the keyring";
		gpgme_key_unref(pub);
	}
	else if (e)
		why = gpgme_strerror(e);
	else if (strcasecmp(s->key->fpr, s->fpr) != 0)
		why = "not a primary key fingerprint";
	else
		why = key_problem(s->key);
	if (!why && (e = gpgme_signers_add(s->ctx, s->key)))
		why = gpgme_strerror(e);
	if (why) {
		warnx("signing key %s: %s", s->fpr, why);
		return -1;
	}
	return 0;
}

/* ---- public ---- */

struct signer *
signer_open(const struct config *c)
{
	struct signer *s;
	char *fpr, *who;

	if (!c->sign_key || !(fpr = fpr_normalise(c->sign_key))) {
		warnx("signing key \"%s\": not a full fingerprint (40 hex "
		    "digits)", c->sign_key ? printable(c->sign_key) : "");
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->fpr = fpr;
	s->home = c->gnupg_home ? xstrdup(c->gnupg_home) : NULL;
	if (c->passphrase_file || c->passphrase_env) {
		s->pass = config_secret(c, "signing passphrase",
		    c->passphrase_file, c->passphrase_env);
		if (!s->pass)
			goto fail;
	}
	who = xasprintf("signing key %s", fpr);
	s->ctx = gpg_context(c->gnupg_home, s->pass ?
	    GPGME_PINENTRY_MODE_LOOPBACK : GPGME_PINENTRY_MODE_CANCEL, who);
	free(who);
	if (!s->ctx)
		goto fail;
	if (s->pass)
		gpgme_set_passphrase_cb(s->ctx, pass_cb, s);
	if (key_load(s) == -1)
		goto fail;
	return s;
fail:
	signer_close(s);
	return NULL;
}

/* Signs without counting; reports. */
static int
sign_detached(struct signer *s, const char *data, size_t len,
    struct buf *sig, char **micalg)
{
	gpgme_data_t in = NULL, out = NULL;
	gpgme_sign_result_t r;
	gpgme_error_t e;
	const char *hash;
	char *mem;
	size_t n;

	s->pass_state = PASS_UNASKED;
	e = gpgme_data_new_from_mem(&in, data, len, 0);
	if (!e)
		e = gpgme_data_new(&out);
	if (!e)
		e = gpgme_op_sign(s->ctx, in, out, GPGME_SIG_MODE_DETACH);
	gpgme_data_release(in);
	r = e ? NULL : gpgme_op_sign_result(s->ctx);
	if (r && r->invalid_signers)
		e = r->invalid_signers->reason;
	if (!e && (!r || !r->signatures))
		e = gpgme_error(GPG_ERR_GENERAL);
	hash = e ? NULL : gpgme_hash_algo_name(r->signatures->hash_algo);
	if (e || !hash) {
		gpgme_data_release(out);
		return sign_fail(s, "signing failed",
		    e ? e : gpgme_error(GPG_ERR_DIGEST_ALGO));
	}
	mem = gpgme_data_release_and_get_mem(out, &n);
	buf_add(sig, mem, n);
	gpgme_free(mem);
	*micalg = xasprintf("pgp-%s", hash);
	for (mem = *micalg; *mem; mem++)
		*mem = tolower((unsigned char)*mem);
	return 0;
}

int
signer_sign(struct signer *s, const char *data, size_t len, struct buf *sig,
    char **micalg)
{
	if (sign_detached(s, data, len, sig, micalg) == -1)
		return -1;
	s->count++;
	return 0;
}

/*
 * Runs gpg-connect-agent (never starting an agent) with one command and
 * returns once it has answered.  gpgme's spawn is "synchronous" only over
 * the data it is given: with none, it returns at once and the command
 * would race the operation after it, hence the output buffer.
 */
static void
agent_command(const struct signer *s, const char *cmd)
{
	const char *argv[] = { "gpg-connect-agent", "--no-autostart",
	    "--homedir", s->home, cmd, "/bye", NULL };
	const char *bindir = gpgme_get_dirinfo("bindir");
	gpgme_data_t out = NULL;
	gpgme_ctx_t ctx;
	char *path;

	if (!bindir || gpgme_new(&ctx))
		return;
	if (!s->home) {		/* GNUPGHOME or ~/.gnupg */
		argv[2] = cmd;
		argv[3] = "/bye";
		argv[4] = NULL;
	}
	path = path_join(bindir, "gpg-connect-agent");
	if (gpgme_set_protocol(ctx, GPGME_PROTOCOL_SPAWN) == 0 &&
	    gpgme_data_new(&out) == 0)
		gpgme_op_spawn(ctx, path, argv, NULL, out, NULL, 0);
	gpgme_data_release(out);
	gpgme_release(ctx);
	free(path);
}

/*
 * gpg-agent caches passphrases (up to max-cache-ttl, 2 hours by default)
 * and then never asks for ours: a wrong configured passphrase would pass
 * the preflight and fail hours later.  So the preflight first makes the
 * agent forget the signing subkeys' passphrases.
 */
static void
agent_forget(const struct signer *s)
{
	gpgme_subkey_t k;
	char *cmd;

	if (!s->pass)
		return;
	for (k = s->key->subkeys; k; k = k->next) {
		if (!k->can_sign || !k->secret || !k->keygrip)
			continue;
		cmd = xasprintf("CLEAR_PASSPHRASE --mode=normal %s",
		    k->keygrip);
		agent_command(s, cmd);
		free(cmd);
	}
}

int
signer_preflight(struct signer *s)
{
	struct buf sig = BUF_INIT;
	char *micalg = NULL;
	int rc;

	agent_forget(s);
	rc = sign_detached(s, SIGN_PROBE, strlen(SIGN_PROBE), &sig, &micalg);
	if (rc == 0)
		rc = signer_verify(s, SIGN_PROBE, strlen(SIGN_PROBE), sig.data,
		    sig.len);
	buf_free(&sig);
	free(micalg);
	return rc;
}

/* 1 when fpr names our primary key or one of its subkeys. */
static int
fpr_is_ours(const struct signer *s, const char *fpr)
{
	gpgme_subkey_t k;

	for (k = s->key->subkeys; fpr && k; k = k->next)
		if (k->fpr && strcasecmp(k->fpr, fpr) == 0)
			return 1;
	return 0;
}

/* Why signature sg does not count as ours and good, or NULL. */
static const char *
sig_problem(const struct signer *s, const gpgme_signature_t sg)
{
	const gpgme_sigsum_t bad = GPGME_SIGSUM_RED | GPGME_SIGSUM_KEY_REVOKED |
	    GPGME_SIGSUM_KEY_EXPIRED | GPGME_SIGSUM_SIG_EXPIRED |
	    GPGME_SIGSUM_KEY_MISSING | GPGME_SIGSUM_SYS_ERROR;

	if (sg->status)
		return gpgme_strerror(sg->status);
	if (!fpr_is_ours(s, sg->fpr))
		return "made by another key";
	if (sg->summary & bad)
		return "key or signature revoked or expired";
	return NULL;
}

int
signer_verify(struct signer *s, const char *data, size_t len,
    const char *sig, size_t siglen)
{
	gpgme_data_t d = NULL, sd = NULL;
	gpgme_verify_result_t r;
	gpgme_signature_t sg;
	gpgme_error_t e;
	const char *why = "no signature found";

	s->pass_state = PASS_UNASKED;
	e = gpgme_data_new_from_mem(&d, data, len, 0);
	if (!e)
		e = gpgme_data_new_from_mem(&sd, sig, siglen, 0);
	if (!e)
		e = gpgme_op_verify(s->ctx, sd, d, NULL);
	gpgme_data_release(d);
	gpgme_data_release(sd);
	if (e)
		return sign_fail(s, "verification failed", e);
	r = gpgme_op_verify_result(s->ctx);
	for (sg = r ? r->signatures : NULL; sg; sg = sg->next)
		if (!(why = sig_problem(s, sg)))
			return 0;
	warnx("signing key %s: signature does not verify: %s", s->fpr, why);
	return -1;
}

/* 1 when key has a usable encryption subkey (Autocrypt requires one). */
static int
key_can_encrypt(const gpgme_key_t key)
{
	gpgme_subkey_t k;

	for (k = key->subkeys; k; k = k->next)
		if (k->can_encrypt && subkey_usable(k))
			return 1;
	return 0;
}

/* The minimal binary export of our public key, base64 on one line. */
static char *
key_export_b64(struct signer *s)
{
	gpgme_key_t keys[2] = { s->key, NULL };
	gpgme_data_t out;
	gpgme_error_t e;
	char *mem, *b64 = NULL;
	size_t n;

	if ((e = gpgme_data_new(&out))) {
		sign_fail(s, "export", e);
		return NULL;
	}
	gpgme_set_armor(s->ctx, 0);
	e = gpgme_op_export_keys(s->ctx, keys, GPGME_EXPORT_MODE_MINIMAL, out);
	gpgme_set_armor(s->ctx, 1);
	mem = gpgme_data_release_and_get_mem(out, &n);
	if (!e && n == 0)
		e = gpgme_error(GPG_ERR_NO_PUBKEY);
	if (e)
		sign_fail(s, "export", e);
	else {
		struct buf b = BUF_INIT;

		buf_add_base64(&b, mem, n);
		b64 = buf_detach(&b);
	}
	gpgme_free(mem);
	return b64;
}

char *
signer_autocrypt(struct signer *s, const char *addr)
{
	char *b64, *v;

	if (!addr || !*addr || has_ctl_break(addr, strlen(addr)) ||
	    strpbrk(addr, "; \t")) {
		warnx("signing key %s: Autocrypt: bad address \"%s\"", s->fpr,
		    addr ? addr : "");
		return NULL;
	}
	if (!key_can_encrypt(s->key)) {
		warnx("signing key %s: Autocrypt: the key has no usable "
		    "encryption subkey", s->fpr);
		return NULL;
	}
	if (!(b64 = key_export_b64(s)))
		return NULL;
	v = xasprintf("addr=%s; keydata=%s", addr, b64);
	free(b64);
	return v;
}

unsigned long
signer_count(const struct signer *s)
{
	return s ? s->count : 0;
}

void
signer_close(struct signer *s)
{
	if (!s)
		return;
	if (s->pass) {
		explicit_bzero(s->pass, strlen(s->pass));
		free(s->pass);
	}
	if (s->key)
		gpgme_key_unref(s->key);
	if (s->ctx)
		gpgme_release(s->ctx);
	free(s->fpr);
	free(s->home);
	free(s);
}

/* ---- demo key ---- */

/* The fingerprint of the first secret key in ctx's home, or NULL. */
static char *
first_secret_fpr(gpgme_ctx_t ctx)
{
	gpgme_key_t key;
	char *fpr = NULL;

	if (gpgme_op_keylist_start(ctx, NULL, 1))
		return NULL;
	/* Listing to the end: stopping early leaks inside gpgme 1.18. */
	while (gpgme_op_keylist_next(ctx, &key) == 0) {
		if (!fpr)
			fpr = xstrdup(key->fpr);
		gpgme_key_unref(key);
	}
	gpgme_op_keylist_end(ctx);
	return fpr;
}

/* Ed25519 primary (sign) plus Curve25519 subkey (encrypt); reports. */
static char *
create_demo_key(gpgme_ctx_t ctx, const char *home, const char *uid)
{
	const unsigned flags = GPGME_CREATE_NOPASSWD | GPGME_CREATE_NOEXPIRE;
	gpgme_genkey_result_t r;
	gpgme_key_t key = NULL;
	gpgme_error_t e;
	char *fpr = NULL;

	e = gpgme_op_createkey(ctx, uid, "ed25519", 0, 0, NULL,
	    flags | GPGME_CREATE_SIGN);
	if (!e && (!(r = gpgme_op_genkey_result(ctx)) || !r->fpr))
		e = gpgme_error(GPG_ERR_GENERAL);
	if (!e)
		fpr = xstrdup(r->fpr);
	if (!e)
		e = gpgme_get_key(ctx, fpr, &key, 1);
	if (!e)
		e = gpgme_op_createsubkey(ctx, key, "cv25519", 0, 0,
		    flags | GPGME_CREATE_ENCR);
	gpgme_key_unref(key);
	if (e) {
		warnx("%s: creating a demo key for \"%s\": %s", home, uid,
		    gpgme_strerror(e));
		free(fpr);
		return NULL;
	}
	return fpr;
}

int
signer_make_demo_key(const char *gnupg_home, const char *uid, char **fpr_out)
{
	gpgme_ctx_t ctx;

	if (mkdir_p(gnupg_home, 0700) == -1)
		return -1;
	ctx = gpg_context(gnupg_home, GPGME_PINENTRY_MODE_CANCEL, gnupg_home);
	if (!ctx)
		return -1;
	*fpr_out = first_secret_fpr(ctx);
	if (!*fpr_out)
		*fpr_out = create_demo_key(ctx, gnupg_home, uid);
	gpgme_release(ctx);
	return *fpr_out ? 0 : -1;
}

static void
add_crlf(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			buf_addc(out, '\r');
		buf_addc(out, s[i]);
	}
}

/*
 * The entity's exact bytes are signed and the detached signature is the
 * second part.  Written here rather than by libetpan so that not a byte
 * of the signed part can change.
 */
int
signer_pgp_mime(struct signer *s, const char *boundary, struct buf *headers,
    struct buf *body)
{
	struct buf inner = BUF_INIT, sig = BUF_INIT;
	char *micalg = NULL;
	int rc = -1;

	buf_add(&inner, headers->data, headers->len);
	buf_adds(&inner, "\r\n");
	buf_add(&inner, body->data, body->len);
	if (signer_sign(s, inner.data, inner.len, &sig, &micalg) == -1 ||
	    signer_verify(s, inner.data, inner.len, sig.data, sig.len) == -1)
		goto out;
	buf_reset(headers);
	buf_reset(body);
	buf_printf(headers, "Content-Type: multipart/signed; "
	    "boundary=\"%s\";\r\n protocol=\"application/pgp-signature\"; "
	    "micalg=%s\r\n", boundary, micalg);
	buf_printf(body, "This is an OpenPGP/MIME signed message "
	    "(RFC 4880 and 3156)\r\n--%s\r\n", boundary);
	buf_add(body, inner.data, inner.len);
	buf_printf(body, "\r\n--%s\r\nContent-Type: "
	    "application/pgp-signature; name=\"signature.asc\"\r\n"
	    "Content-Description: OpenPGP digital signature\r\n"
	    "Content-Disposition: attachment; filename=\"signature.asc\""
	    "\r\n\r\n", boundary);
	add_crlf(body, sig.data, sig.len);
	if (body->len < 2 || body->data[body->len - 1] != '\n')
		buf_adds(body, "\r\n");
	buf_printf(body, "--%s--\r\n", boundary);
	rc = 0;
out:
	buf_free(&inner);
	buf_free(&sig);
	free(micalg);
	return rc;
}

struct signer *
signer_open_config(struct config *c)
{
	struct signer *s;

	if (!c->sign_key) {
		char *uid = xasprintf("%s <%s>", c->sender_name,
		    c->sender_address);
		int rc = signer_make_demo_key(c->gnupg_home, uid,
		    &c->sign_key);

		free(uid);
		if (rc == -1)
			return NULL;
	}
	if (!(s = signer_open(c)))
		return NULL;
	if (signer_preflight(s) == -1) {
		signer_close(s);
		return NULL;
	}
	return s;
}
