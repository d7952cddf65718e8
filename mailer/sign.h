/*
 * sign: OpenPGP signatures for PGP/MIME (RFC 3156) made through gpgme, and
 * the Autocrypt level 1 header carrying the signing key.  The gpgme context
 * never leaves this module.  Every function reports its own failures once,
 * naming the key fingerprint; callers only propagate.
 */
#ifndef MAILER_SIGN_H
#define MAILER_SIGN_H

#include <stddef.h>

#include "config.h"
#include "util.h"

struct signer;

/*
 * Opens a gpgme context for c->sign_key (a full fingerprint) in
 * c->gnupg_home (or the default GNUPGHOME), armor on.  The passphrase comes
 * from passphrase_file / passphrase_env through loopback pinentry; with
 * neither, the key must be unprotected or its passphrase cached by the
 * agent (no pinentry window is ever opened).  Checks that the secret key
 * exists and has a usable signing subkey and that the key is not expired,
 * revoked or disabled.  Returns NULL after reporting on any problem.
 */
struct signer *signer_open(const struct config *c);

/*
 * Signs a probe text and verifies it in-process, so a wrong passphrase, an
 * agent that cannot start or an unusable key is found before any mail goes
 * out.  The probe is not counted by signer_count.  Returns 0 / -1.
 */
int signer_preflight(struct signer *s);

/*
 * Makes a detached armored signature (binary mode, signature class 0x00)
 * over data[0..len), the canonical (CRLF) MIME entity, and appends it to
 * sig.  *micalg gets "pgp-<hash>" for the hash gpgme actually used; the
 * caller frees it.  Returns 0 / -1.
 */
int signer_sign(struct signer *s, const char *data, size_t len,
    struct buf *sig, char **micalg);

/*
 * Verifies a detached signature over data[0..len).  Returns 0 only when a
 * signature in sig is good, by our key (primary or a subkey), and neither
 * key nor signature is expired or revoked; otherwise -1 after reporting.
 * Owner trust is not consulted: the key is ours.
 */
int signer_verify(struct signer *s, const char *data, size_t len,
    const char *sig, size_t siglen);

/*
 * The Autocrypt level 1 header value "addr=ADDR; keydata=BASE64": the
 * minimal export of our public key, base64 on one line (the caller folds).
 * Autocrypt requires an encryption-capable subkey; a key without one is
 * refused.  Returns a string the caller frees, or NULL after reporting.
 */
char *signer_autocrypt(struct signer *s, const char *addr);

/*
 * PGP/MIME (RFC 3156 5): the entity headers[...] CRLF body[...] becomes
 * the first part of a multipart/signed with the given boundary, its
 * detached signature (verified in-process) the second; headers and body
 * are replaced by the new entity's.  Returns 0 / -1 (nothing changed).
 */
int signer_pgp_mime(struct signer *s, const char *boundary,
    struct buf *headers, struct buf *body);

/*
 * signing: as configured: makes the demo key first when create_demo_key
 * and no key is set (c->sign_key then names it), opens the signer and
 * proves it works (signer_preflight).  NULL after reporting.
 */
struct signer *signer_open_config(struct config *c);

/* The number of signatures signer_sign made so far. */
unsigned long signer_count(const struct signer *s);

/* Releases the context and wipes the passphrase.  Accepts NULL. */
void signer_close(struct signer *s);

/*
 * For the demo: when gnupg_home (created 0700 if missing) holds no secret
 * key yet, creates one for uid without passphrase or expiry: an Ed25519
 * signing primary key plus a Curve25519 encryption subkey (so that the
 * Autocrypt header is valid).  Otherwise uses the first secret key found.
 * *fpr_out gets its fingerprint (caller frees).  Returns 0 / -1.
 */
int signer_make_demo_key(const char *gnupg_home, const char *uid,
    char **fpr_out);

#endif
