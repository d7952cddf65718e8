/*
 * smtpwire: the bytes of an SMTP mail transaction.  See smtpwire.h.
 */
#include "smtpwire.h"

#include <string.h>
#include <strings.h>

void
smtpwire_xtext(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < '!' || *p > '~' || *p == '+' || *p == '=') {
			buf_addc(out, '+');
			buf_addc(out, hex[*p >> 4]);
			buf_addc(out, hex[*p & 15]);
		} else
			buf_addc(out, *p);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

void
smtpwire_unxtext(struct buf *out, const char *p, size_t n)
{
	buf_reset(out);
	buf_add(out, "", 0);
	for (size_t i = 0; i < n; i++) {
		int hi = -1, lo = -1;

		if (p[i] == '+' && i + 2 < n) {
			hi = hexval((unsigned char)p[i + 1]);
			lo = hexval((unsigned char)p[i + 2]);
		}
		if (hi >= 0 && lo >= 0) {
			buf_addc(out, hi * 16 + lo);
			i += 2;
		} else
			buf_addc(out, p[i]);
	}
}

void
smtpwire_commands(struct buf *out, const char *from, const char *rcpt,
    int utf8, const char *envid, size_t cut[2])
{
	buf_adds(out, "MAIL FROM:<");
	buf_adds(out, from);
	buf_addc(out, '>');
	if (utf8)
		buf_adds(out, " SMTPUTF8");
	if (envid) {
		buf_adds(out, " ENVID=");
		smtpwire_xtext(out, envid);
	}
	buf_adds(out, "\r\n");
	cut[0] = out->len;
	buf_adds(out, "RCPT TO:<");
	buf_adds(out, rcpt);
	buf_adds(out, ">\r\n");
	cut[1] = out->len;
	buf_adds(out, "DATA\r\n");
}

/*
 * A line starts after each LF: the message is CRLF (transport.h), and a
 * bare LF ends a line for many servers too, so a dot after one is
 * doubled as well (one byte more, never a line the server misreads as
 * the end).  The scan is for dots, not lines: a newsletter has hundreds
 * of lines and a few dots, none of them at a line's start as a rule, so
 * the piece goes out in one copy (a line at a time cost 88K instructions
 * for a 52 KB message).
 */
void
smtpwire_stuff(struct buf *out, const char *p, size_t n, int *bol)
{
	const char *end = p + n, *from = p, *dot;

	if (n == 0)
		return;
	buf_grow(out, n + 8);
	for (const char *q = p; (dot = memchr(q, '.', (size_t)(end - q)));
	    q = dot + 1) {
		if (dot == p ? !*bol : dot[-1] != '\n')
			continue;
		buf_add(out, from, (size_t)(dot + 1 - from));
		buf_addc(out, '.');
		from = dot + 1;
	}
	buf_add(out, from, (size_t)(end - from));
	*bol = end[-1] == '\n';
}

void
smtpwire_end(struct buf *out, int bol)
{
	buf_adds(out, bol ? ".\r\n" : "\r\n.\r\n");
}

static int
digits3(const char *p)
{
	return p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' &&
	    p[2] >= '0' && p[2] <= '9';
}

size_t
smtpwire_reply(const char *p, size_t n, int *code)
{
	const char *line = p, *end = p + n, *nl;

	while ((nl = memchr(line, '\n', (size_t)(end - line)))) {
		size_t len = (size_t)(nl - line);

		if (len && line[len - 1] == '\r')
			len--;
		if (len < 3 || !digits3(line) || (len > 3 &&
		    line[3] != ' ' && line[3] != '-')) {
			*code = -1;
			return (size_t)(nl + 1 - p);
		}
		if (len == 3 || line[3] == ' ') {
			*code = (line[0] - '0') * 100 + (line[1] - '0') * 10 +
			    (line[2] - '0');
			return (size_t)(nl + 1 - p);
		}
		line = nl + 1;
	}
	return 0;
}

int
smtpwire_ehlo_has(const char *line, size_t n, const char *word)
{
	size_t w = strlen(word);

	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	if (n < 4 + w || !digits3(line) || line[0] != '2' ||
	    (line[3] != ' ' && line[3] != '-') ||
	    strncasecmp(line + 4, word, w))
		return 0;
	return n == 4 + w || line[4 + w] == ' ';
}
