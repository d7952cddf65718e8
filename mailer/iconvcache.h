/*
 * iconvcache: libetpan's character conversion with the iconv descriptors
 * kept open, installed as its extended_charconv hook.
 */
#ifndef MAILER_ICONVCACHE_H
#define MAILER_ICONVCACHE_H

#include <stddef.h>

/*
 * Makes libetpan (charconv_buffer, mailmime_encoded_phrase_parse) convert
 * through iconvcache_conv below; idempotent.
 */
void iconvcache_install(void);

/*
 * What libetpan's own iconv path does, to the byte: from fromcode to
 * tocode, each byte iconv cannot take becomes "?", a sequence cut off at
 * the end stops the text there.  *out_len is out's room on entry, the
 * bytes written on return.  A MAIL_CHARCONV_* code.
 */
int iconvcache_conv(const char *tocode, const char *fromcode,
    const char *s, size_t n, char *out, size_t *out_len);

#endif
