/*
 * smtpwire: the bytes of an SMTP mail transaction.  See smtpwire.h.
 */
#include "smtpwire.h"

#include <string.h>
#include <strings.h>

void
smtpwire_commands(struct buf *out, const char *from, const char *rcpt,
    int utf8, size_t cut[2])
{
	buf_adds(out, "MAIL FROM:<");
	buf_adds(out, from);
	buf_adds(out, utf8 ? "> SMTPUTF8\r\n" : ">\r\n");
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
 * the end).
 */
void
smtpwire_stuff(struct buf *out, const char *p, size_t n, int *bol)
{
	const char *end = p + n;

	buf_grow(out, n + n / 64 + 8);
	while (p < end) {
		const char *nl;
		size_t len;

		if (*bol && *p == '.')
			buf_addc(out, '.');
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);
		buf_add(out, p, len);
		p += len;
		*bol = nl != NULL;
	}
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
