/*
 * rfc2047: header writing.  RFC 5322 folding (lines kept within 78
 * characters where the text allows, never over 998) and RFC 2047
 * encoded-words for non-ASCII text: UTF-8, "B" encoding, each word at most
 * 75 characters, no UTF-8 character split across words (RFC 2047 5, 6.3).
 * libetpan decodes encoded-words but has no encoder, hence this module.
 */
#ifndef MAILER_RFC2047_H
#define MAILER_RFC2047_H

#include "util.h"

/*
 * Appends "Name: value\r\n" with value as unstructured text (Subject):
 * encoded when not printable ASCII, folded.  value must hold no CR or LF.
 */
void rfc2047_unstructured(struct buf *out, const char *name, const char *value);

/*
 * Appends "Name: display <addr>\r\n": display is a phrase, encoded when
 * non-ASCII, quoted when it holds specials, omitted when NULL or empty.
 */
void rfc2047_address(struct buf *out, const char *name, const char *display,
    const char *addr);

/*
 * Appends "Name: value\r\n" for an already structured ASCII value (List-Id,
 * List-Unsubscribe, Message-ID), folding only at spaces.
 */
void rfc2047_raw(struct buf *out, const char *name, const char *value);

#endif
