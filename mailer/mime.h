/*
 * mime: MIME entities built with libetpan's structures and written with its
 * writer (RFC 2045-2049): CRLF line ends, quoted-printable or base64 chosen
 * per part by size, lines within 76 octets.  Boundaries come from the
 * caller so output can be reproduced byte for byte in tests.
 */
#ifndef MAILER_MIME_H
#define MAILER_MIME_H

#include <stddef.h>

#include "util.h"

struct mime;

/*
 * A text part (subtype "plain" or "html"), UTF-8.  Line ends are
 * normalised to CRLF; the transfer encoding is whichever of
 * quoted-printable and base64 is shorter for this text.
 */
struct mime *mime_text(const char *subtype, const char *text, size_t len);

/*
 * text as format=flowed with DelSp=yes (RFC 3676): each line over 76
 * columns (a CJK character counts two) broken after a blank or beside a
 * CJK character, each piece but the last ending in a blank its reader
 * removes when it joins them; a word longer than a line stays whole.
 * Lines that start with a blank, ">" or "From " are space-stuffed and
 * blanks that end a line dropped (they would join it to the next).  The
 * caller frees the result.
 */
char *mime_flow(const char *text, size_t len);

/*
 * A binary part of the given content type, base64.  With cid it is an
 * inline part carrying Content-ID <cid>; otherwise an attachment named
 * filename (RFC 2231 encoded when not ASCII).
 */
struct mime *mime_file(const char *type, const void *data, size_t len,
    const char *filename, const char *cid);

/* A multipart entity ("alternative", "related", "mixed", "signed"...). */
struct mime *mime_multipart(const char *subtype, const char *boundary);
/* Adds a Content-Type parameter (e.g. protocol, micalg, type). */
void mime_param(struct mime *m, const char *name, const char *value);
/* Appends child (ownership passes to parent). */
void mime_add(struct mime *parent, struct mime *child);

/* Writes the entity's header block (no blank line) and body. */
int mime_write(const struct mime *m, struct buf *headers, struct buf *body);

void mime_free(struct mime *m);

/* 1 when quoted-printable is the shorter encoding for text. */
int mime_prefer_qp(const char *text, size_t len);

#endif
