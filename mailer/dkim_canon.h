/*
 * dkim_canon: the byte-level parts of DKIM (RFC 6376) that need no key:
 * "relaxed" canonicalisation of the body (3.4.4) and of header fields
 * (3.4.2), the choice of header fields to sign and the order in which a
 * verifier picks them (5.4, 5.4.2), and the tag=value list syntax (3.2) of
 * DNS key records.  Everything works on buffers (no I/O, no keys), so it is
 * unit-tested against the RFC's examples and fuzzed.
 */
#ifndef MAILER_DKIM_CANON_H
#define MAILER_DKIM_CANON_H

#include <stddef.h>

#include "util.h"

#define DKIM_HASH_LEN 32	/* SHA-256 */

/*
 * Appends the relaxed canonical form of body[0..len) (CRLF lines) to out:
 * WSP runs become one SP, WSP before a line end goes, empty lines at the
 * end go, and a non-empty result ends in CRLF.  Only CRLF ends a line.
 */
void dkim_canon_body(const char *body, size_t len, struct buf *out);

/* SHA-256 of the relaxed canonical body: the bh= value, raw. */
void dkim_body_hash(const char *body, size_t len,
    unsigned char bh[DKIM_HASH_LEN]);

/*
 * Appends the relaxed canonical form of one header field, f[0..len) (the
 * name, the colon, the value with its folding, with or without the final
 * CRLF): "name:value\r\n", name lowercased, unfolded, WSP runs as one SP,
 * no WSP around the colon or at the end.  A field without a colon is
 * appended as a name with an empty value.
 */
void dkim_canon_header(const char *f, size_t len, struct buf *out);

/* One header field of a message head, as found by dkim_fields. */
struct dkim_field {
	const char *start;	/* the name's first byte */
	size_t len;		/* to the end of its last line, CRLF included */
	size_t name_len;	/* without WSP before the colon */
};

/*
 * Splits head[0..len) (the header block; it may end with the empty line)
 * into fields.  *out is allocated (caller frees) and *n set.  Continuation
 * lines belong to the field above; a leading continuation line or a line
 * without a colon is a field of its own with name_len 0 when it has no
 * name.  Never fails.
 */
void dkim_fields(const char *head, size_t len, struct dkim_field **out,
    size_t *n);

/*
 * The h= value for head: every signed header field name present (as many
 * times as it is present), then once more each over-signed name (From,
 * Subject, List-Unsubscribe, List-Unsubscribe-Post), so no other instance
 * can be added without breaking the signature.  Lowercase, ':'-separated,
 * appended to out.
 */
void dkim_signed_names(const struct dkim_field *f, size_t n, struct buf *out);

/*
 * Appends to out the canonical header fields a verifier hashes for the
 * names in h (":"-separated, as in h=): for each name, the last instance
 * not yet used, searching from the bottom (RFC 6376 5.4.2); a name with
 * no instance left adds nothing.
 */
void dkim_canon_signed(const struct dkim_field *f, size_t n, const char *h,
    struct buf *out);

/* One tag of a tag list: tag and value, WSP and FWS trimmed. */
struct dkim_tag {
	const char *name, *value;
	size_t name_len, value_len;
};

/*
 * Parses a tag list ("v=DKIM1; k=rsa; p=MIIB...") from s[0..len) into
 * tags[0..max).  Returns the number of tags, or -1 with *why set on a
 * syntax error (a tag without "=", a bad tag name, a duplicate tag, more
 * than max tags).
 */
int dkim_tags_parse(const char *s, size_t len, struct dkim_tag *tags,
    size_t max, const char **why);

/* The tag named name in tags[0..n), or NULL. */
const struct dkim_tag *dkim_tag_get(const struct dkim_tag *tags, size_t n,
    const char *name);

#endif
