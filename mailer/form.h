/*
 * form: application/x-www-form-urlencoded bodies (the HTML form encoding,
 * WHATWG URL standard 5.1) read from a buffer: no I/O, so it can be unit
 * tested and fuzzed.
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

#endif
