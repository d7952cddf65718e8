/*
 * form: request bodies of forms read from a buffer (no I/O, so they can
 * be unit tested and fuzzed): application/x-www-form-urlencoded (the HTML
 * form encoding, WHATWG URL standard 5.1) and multipart/form-data (RFC
 * 7578), which RFC 8058 section 3.2 asks one-click unsubscribes to use.
 */
#ifndef MAILER_FORM_H
#define MAILER_FORM_H

#include <stddef.h>

/*
 * The value of the first field called name in body[0..len), decoded ('+'
 * is a space, %XX a byte; a malformed escape is kept as it is).  Returns a
 * malloc'd NUL-terminated string the caller frees, or NULL when the field
 * is absent.  *vlen (may be NULL) gets its length: a decoded value may
 * hold a NUL, which callers must refuse.
 */
char *form_value(const char *body, size_t len, const char *name,
    size_t *vlen);

/*
 * The same for a body of type content_type (the request's Content-Type,
 * may be NULL): multipart/form-data with a boundary is read as RFC 7578
 * parts (the first part named name, its bytes as they are); anything
 * else as urlencoded, as form_value.
 */
char *form_field(const char *content_type, const char *body, size_t len,
    const char *name, size_t *vlen);

#endif
