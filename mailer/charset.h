/*
 * charset: which decoder to give iconv for a charset label a message
 * declares.  Mail declares labels glibc's iconv does not know ("x-gbk",
 * "ks_c_5601-1987", "x-sjis", "x-cp1251") and labels whose writers send
 * a superset ("gb2312" text with GBK characters, "euc-kr" with UHC's,
 * "iso-8859-1" with windows-1252's curly quotes); the WHATWG Encoding
 * Standard's table of labels says which decoder each stands for, and it
 * is followed here for the labels mail uses.
 */
#ifndef MAILER_CHARSET_H
#define MAILER_CHARSET_H

#include <stddef.h>

/*
 * The iconv name to decode text declared as label with: the superset or
 * known name the label stands for, else label itself.  Returns a static
 * string or label.
 */
const char *charset_decoder(const char *label);

/*
 * The decoder for s[0..n) when its label is one iconv does not know
 * ("unknown-8bit", "_autodetect_all", garbage): "UTF-8" when s is valid
 * UTF-8, "WINDOWS-1252" otherwise, so the text is read, not dropped.
 */
const char *charset_unknown(const char *s, size_t n);

#endif
