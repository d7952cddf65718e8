/*
 * ykeys: the key lines of a YAML mapping an editor typed by hand, read as
 * lines, for what libyaml names at the wrong place (ydoc.c asks when
 * libyaml fails, or gives a scalar where a mapping belongs).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "ykeys.h"

/*
 * What to say of a top-level YAML line with no "key:" on it (k bytes at
 * p): its text and what to write instead.  The caller frees.
 */
static char *
key_line_hint(const char *p, size_t k)
{
	char *line = xstrndup(p, k), *shown = utf8_abbrev(line, 60), *s;
	char *wide = strstr(line, "\xef\xbc\x9a");	/* U+FF1A "：" */
	char *colon = strchr(line, ':');

	if (wide) {
		const char *v = wide + 3;

		v += strspn(v, " \t");
		s = xasprintf("\"%s\" has a full-width colon \"：\" (an input "
		    "method's) where YAML needs \":\" and a space: write "
		    "%.*s: %s", shown, (int)(wide - line), line, v);
	} else if (colon) {
		s = xasprintf("\"%s\" needs a space after its \":\": write "
		    "%.*s: %s", shown, (int)(colon - line), line, colon + 1);
	} else {
		s = xasprintf("\"%s\" has no \":\" after its key: write "
		    "key: value, as title: 标题", shown);
	}
	free(shown);
	free(line);
	return s;
}

/*
 * Where the quoted scalar opened by q (a '"' or '\'') closes in p[0..k),
 * as an index past it; k + 1 when it does not on this line.
 */
static size_t
quote_end(char q, const char *p, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (q == '"' && p[i] == '\\')
			i++;
		else if (p[i] == q && q == '\'' && i + 1 < k && p[i + 1] == q)
			i++;
		else if (p[i] == q)
			return i + 1;
	return k + 1;
}

/* i moved past the blanks of p[i..k): the text need not end in a NUL */
static size_t
past_blanks(const char *p, size_t i, size_t k)
{
	while (i < k && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i;
}

/* Past the ":" that ends the key of p[0..k), before a blank or the end; 0 */
static size_t
key_colon(const char *p, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (p[i] == ':' && (i + 1 == k || p[i + 1] == ' ' ||
		    p[i + 1] == '\t'))
			return i + 1;
	return 0;
}

/*
 * Every top-level line of a YAML mapping is "key: value" or "key:".
 * libyaml reports a key line that is not (an input method's "：", a
 * missing colon or the space after it) at the line after it, as "could
 * not find expected ':'": said here at its own line, with what to write.
 * The rest of a quoted value or of a flow collection ("[a,\nb]"),
 * indented lines, comments and sequence items are libyaml's.
 */
int
ykeys_check(const char *file, const char *s, size_t len,
    size_t line_base)
{
	const char *p = s, *end = s + len;
	size_t line = line_base + 1, qline = 0;
	char quote = 0;
	int depth = 0;

	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		p += 3;
	for (; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t k = (size_t)((nl ? nl : end) - p), i, v = 0;

		while (k > 0 && strchr(" \t\r", p[k - 1]))
			k--;
		if (quote) {
			if ((v = quote_end(quote, p, k)) > k)
				;	/* goes on */
			else if ((v = past_blanks(p, v, k)) < k && p[v] != '#')
				break;	/* closed by another value's quote */
			else
				quote = 0;
		} else if (depth > 0 || *p == '#') {
			/* inside [...] or {...}: no key lines */
		} else if (k > 0 && !strchr(" \t-?%&!*|>", *p)) {
			if (!(v = key_colon(p, k))) {
				char *h = key_line_hint(p, k);

				warnx("%s:%zu: %s", file, line, h);
				free(h);
				return -1;
			}
			v = past_blanks(p, v, k);
			if (v < k && (p[v] == '"' || p[v] == '\'') &&
			    quote_end(p[v], p + v + 1, k - v - 1) > k - v - 1) {
				quote = p[v];
				qline = line;
			}
		}
		for (i = 0; !quote && *p != '#' && i < k; i++)
			if (p[i] == '[' || p[i] == '{')
				depth++;
			else if ((p[i] == ']' || p[i] == '}') && depth > 0)
				depth--;
		p = nl ? nl + 1 : end;
	}
	if (quote) {	/* libyaml would name the line it gave up at */
		warnx("%s:%zu: the value opened with %c is never closed: end "
		    "it with %c on its line (a full-width \"”\" or \"’\" is "
		    "no closing quote)", file, qline, quote, quote);
		return -1;
	}
	return 0;
}
