/*
 * bounce_text: internal to the bounce modules (bounce*.c), not an interface
 * for the rest of mailer.  The text primitives they share: appending text
 * as clean UTF-8, case-insensitive search, header blocks (RFC 5322
 * unfolding), RFC 2047 encoded words, and the codes a notice's free text
 * carries: RFC 3463 enhanced status codes and RFC 5321 reply classes.
 *
 * Pure buffer code: no I/O, every size bounded.
 */
#ifndef MAILER_BOUNCE_TEXT_H
#define MAILER_BOUNCE_TEXT_H

#include <stddef.h>

#include "util.h"

/* 1 for a blank within a line: a space or a TAB. */
static inline int
bounce_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Length of the blanks that start l[0..n). */
static inline size_t
bounce_indent(const char *l, size_t n)
{
	size_t i = 0;

	while (i < n && bounce_is_blank(l[i]))
		i++;
	return i;
}

/* Most text bounce_text_add() keeps in one buffer. */
#define BOUNCE_TEXT_MAX	(512 * 1024)

/* First case-insensitive occurrence of lower-case pat in s[0..n), or NULL. */
const char *bounce_find_ci(const char *s, size_t n, const char *pat);

/*
 * s[0..n) folded (bounce_fold.h: lower case in the scripts notices use;
 * the result may be shorter than n) into a new string; the caller frees
 * it.
 */
char *bounce_lower_dup(const char *s, size_t n);

/* Appends code point c to b as UTF-8 (none for 0 or past U+10FFFF). */
void bounce_add_utf8(struct buf *b, unsigned long c);

/*
 * Appends s[0..n) to b dropping CR and NUL and replacing invalid UTF-8 with
 * '?', up to BOUNCE_TEXT_MAX bytes in b; b->data is non-NULL afterwards.
 */
void bounce_text_add(struct buf *b, const char *s, size_t n);

/*
 * Folds, in place, the full-width forms of ASCII (U+FF01-U+FF5E: the
 * "：" and "（" of Chinese, Japanese and Korean text) to ASCII and the
 * ideographic, no-break and other typographic spaces (U+3000, U+00A0,
 * U+2002-U+200A, U+202F: the French "Destinataire :") to a space, as
 * NFKC does; and the typographic quotation marks (U+2018-U+201F: "n’a
 * pas pu", “a@b”) and guillemets (« a@b », ‹ ›) to ASCII ones, which NFKC
 * keeps; the CJK brackets (U+3008-3011, U+3014-301B: 【a@b】, 「a@b」) to
 * '"' as well.
 */
void bounce_fold_wide(struct buf *b);

/* Lines this long or longer are prose or data to the line classifier. */
#define BOUNCE_LINE_MAX	1024

/*
 * Undoes, in place, what transports do to a notice's lines: a line of
 * BOUNCE_LINE_MAX bytes or more (a notice sent unwrapped) is broken after
 * each sentence's end (". ", "! ", "? "), an address in angle brackets
 * that a gateway wrapped ("<first.la" / "st@example.net>") is joined
 * again, the "<mailto:a>" that a link's text rendering adds after the
 * link's text goes ("a<mailto:a>" reads "a", "Name<mailto:a>" reads
 * "Name <a>"), an address a link's text shows percent-encoded outside a
 * URL ("a%2Bb%40example.org") is decoded, and a part written double
 * spaced (a blank line after every line, a blank one as three) is read
 * single spaced.
 */
void bounce_text_relines(struct buf *b);

/* 1 when s[0..n) is printable ASCII, TAB, CR or LF only. */
int bounce_plain_ascii(const char *s, size_t n);

/*
 * Length of the header block at s[0..n) up to, not including, the blank
 * line; n (capped at 256 KiB) when there is none.
 */
size_t bounce_header_len(const char *s, size_t n);

/*
 * The nth (0-based) field called name in the header block h[0..n),
 * unfolded, cleaned by bounce_text_add and trimmed, into out (reset first).
 * Returns 1 when found, 0 otherwise.
 */
int bounce_header_get(const char *h, size_t n, const char *name, int nth,
    struct buf *out);

/*
 * The fields of one header block h[0..n), found once for many lookups:
 * bounce_hdrs_get(x, name, nth, out) gives what bounce_header_get(h, n,
 * name, nth, out) gives.  h must outlive x.
 */
struct bounce_hdrs {
	const char *h;
	size_t n;
	struct bounce_hdr {
		size_t at;		/* the line's offset in h */
		size_t namelen;		/* bytes before its first ':' */
	} *f;
	size_t nf;
};

void bounce_hdrs_index(struct bounce_hdrs *x, const char *h, size_t n);
int bounce_hdrs_get(const struct bounce_hdrs *x, const char *name, int nth,
    struct buf *out);
void bounce_hdrs_free(struct bounce_hdrs *x);

/*
 * RFC 2047 decoding of header value v (UTF-8, as bounce_header_get gives
 * it: RFC 6532 raw text is UTF-8) into UTF-8; the caller frees it.
 */
char *bounce_decode_2047(const char *v);

/*
 * 1 when a valid enhanced status code ("5.1.1") starts at s[i] (not inside
 * a longer number); copies it to out.
 */
int bounce_status_at(const char *s, size_t n, size_t i, char out[16]);

/*
 * First enhanced status code in s[0..n), preferring classes 4 and 5 over 2,
 * copied to out.  Returns 1 when one was found, 0 otherwise.
 */
int bounce_find_status(const char *s, size_t n, char out[16]);

/* SMTP reply class (4 or 5) of the first "4xx "/"5xx " in s[0..n), or 0. */
int bounce_smtp_class(const char *s, size_t n);

/*
 * The words of an SMTP reply of several lines, without the code each line
 * repeats: when s[0..n) holds a reply's first line ("550-"), every later
 * "550-" or "550 " (after a blank, a line break or a transcript's "<<<"),
 * with the enhanced status code after it, goes, so a phrase the server
 * wrapped ("550-mailbox is" / "550 full", or Postfix's one line "550-5.2.2
 * mailbox is 550 5.2.2 full") reads whole.  Writes that text to out (reset
 * first, NUL-terminated) and returns 1; returns 0, leaving out alone, when
 * there is nothing to drop.
 */
int bounce_reply_unwrap(const char *s, size_t n, struct buf *out);

#endif
