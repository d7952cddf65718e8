/* issue: issue folder loading, front matter, Markdown.  See issue.h. */
#include "issue.h"

#include <cmark.h>
#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <magic.h>
#include <regex.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define A(f) offsetof(struct article, f)
#define I(f) offsetof(struct issue, f)
#define S(f) offsetof(struct section, f)

static const struct yfield article_fields[] = {
	{ "title", YF_STR, A(title), 1, NULL },
	{ "subtitle", YF_STR, A(subtitle), 0, NULL },
	{ "section", YF_STR, A(section), 1, NULL },
	{ "source", YF_STR, A(source), 0, NULL },
	{ "byline", YF_STR, A(byline), 0, NULL },
	{ "author", YF_STR, A(author), 0, NULL },
	{ "lang", YF_STR, A(lang), 0, NULL },
	{ "order", YF_INT, A(order), 0, NULL },
	{ "images", YF_STRLIST, A(images), 0, NULL },
	{ "attachments", YF_STRLIST, A(attachments), 0, NULL },
	YF_END
};

static const struct yfield issue_fields[] = {
	{ "number", YF_INT, I(number), 1, NULL },
	{ "date", YF_STR, I(date), 1, NULL },
	{ "title", YF_STR, I(title), 1, NULL },
	{ "subject", YF_STR, I(subject), 0, NULL },
	{ "send_at", YF_STR, I(send_at), 0, NULL },
	{ "sponsors_title", YF_STR, I(sponsors_title), 0, NULL },
	{ "sponsors", YF_STRLIST, I(sponsors), 0, NULL },
	{ "allow_html", YF_BOOL, I(allow_html), 0, NULL },
	{ "archive_only", YF_BOOL, I(archive_only), 0, NULL },
	/* handled by load_sections */
	{ "sections", YF_NODE, I(yraw), 1, NULL },
	YF_END
};

static const struct yfield section_fields[] = {
	{ "id", YF_STR, S(id), 1, NULL },
	{ "title", YF_STR, S(title), 1, NULL },
	{ "subtitle", YF_STR, S(subtitle), 0, NULL },
	YF_END
};

/*
 * The length of the line at p (to end) when it is a "---" fence: "---",
 * then blanks an editor may leave (spaces, tabs, a CR), then its LF or
 * the end; else 0.
 */
static size_t
fence(const char *p, const char *end)
{
	const char *q = p + 3;

	if (end - p < 3 || strncmp(p, "---", 3))
		return 0;
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
		q++;
	if (q < end && *q != '\n')
		return 0;
	return (size_t)(q - p) + (q < end);
}

int
issue_split_front_matter(const char *file, const char *src, size_t len,
    const char **fm, size_t *fmlen, const char **body, size_t *bodylen,
    size_t *body_line)
{
	const char *p, *end;
	size_t skip, f;

	skip_utf8_bom(&src, &len);
	end = src + len;
	if (!(skip = fence(src, end)) || src[skip - 1] != '\n') {
		warnx("%s:1: missing front matter: the file must start with "
		    "a line \"---\"", file);
		return -1;
	}
	for (p = src + skip; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if ((f = fence(p, end))) {
			*fm = src + skip;
			*fmlen = (size_t)(p - *fm);
			*body = p + f;
			*bodylen = (size_t)(end - *body);
			*body_line = line_of(src, (size_t)(*body - src));
			return 0;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	warnx("%s:1: front matter is not closed by a line \"---\"", file);
	return -1;
}

/*
 * Puts pre before each line of the text from off (but its first when
 * !first), pre without its trailing blanks on an empty line; the line
 * ends that close the text stay after it, unprefixed.
 */
static void
prefix_lines(struct buf *b, size_t off, const char *pre, int first)
{
	size_t end = b->len, nl = 0, plen = strlen(pre);
	char *tail;
	const char *p;

	while (end > off && b->data[end - 1] == '\n') {
		end--;
		nl++;
	}
	if (end == off)
		return;
	while (plen > 0 && pre[plen - 1] == ' ')
		plen--;
	tail = xstrndup(b->data + off, end - off);
	b->len = off;
	for (p = tail; ; first = 1) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (first)
			buf_add(b, pre, n ? strlen(pre) : plen);
		buf_add(b, p, n);
		if (!e)
			break;
		buf_addc(b, '\n');
		p = e + 1;
	}
	while (nl--)
		buf_addc(b, '\n');
	free(tail);
}

/* Whether n is a paragraph of a list item that ends with one line end. */
static int
item_paragraph_tight(cmark_node *n)
{
	cmark_node *item = cmark_node_parent(n);

	if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return 0;
	return !cmark_node_next(n) ||
	    cmark_node_get_list_tight(cmark_node_parent(item));
}

/*
 * Whether link n's text is its address (an autolink, <https://...> or
 * <a@example.org>): the text part would show a long address twice.
 */
static int
link_says_url(cmark_node *n)
{
	cmark_node *t = cmark_node_first_child(n);
	const char *url = cmark_node_get_url(n), *s;

	if (!url || !*url || !t || cmark_node_next(t) ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT ||
	    !(s = cmark_node_get_literal(t)))
		return 0;
	if (!strncmp(url, "mailto:", 7) && strcmp(s, url))
		url += 7;
	return !strcmp(s, url);
}

#define TEXT_DEPTH 32	/* items and quotations indented, deeper flat */

/*
 * Plain text from the cmark tree; a renderer, not a parser.  An item's
 * lines after its first are indented under it (a list in a list too),
 * a quotation's lines start "> ", an ordered item is numbered from its
 * list's start.
 */
static void
text_node(struct buf *b, cmark_iter *it)
{
	cmark_event_type ev;
	size_t at[TEXT_DEPTH];
	int depth = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it), *s;
		int enter = ev == CMARK_EVENT_ENTER, nth = 0;
		cmark_node_type type = cmark_node_get_type(n);

		if (type == CMARK_NODE_ITEM || type == CMARK_NODE_BLOCK_QUOTE) {
			if (enter && depth < TEXT_DEPTH)
				at[depth] = b->len;
			if (enter) {
				depth++;
			} else if (--depth < TEXT_DEPTH) {
				if (type == CMARK_NODE_ITEM)
					prefix_lines(b, at[depth], "   ", 0);
				else
					prefix_lines(b, at[depth], "> ", 1);
			}
		}
		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_adds(b, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_CODE_BLOCK:
			buf_adds(b, cmark_node_get_literal(n));
			buf_adds(b, "\n");
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addc(b, '\n');
			break;
		case CMARK_NODE_PARAGRAPH:
			if (!enter)
				buf_adds(b, item_paragraph_tight(n) ?
				    "\n" : "\n\n");
			break;
		case CMARK_NODE_HEADING:
			buf_adds(b, enter ? "【" : "】\n\n");
			break;
		case CMARK_NODE_LIST:
			/* a list in an item: its item's line end is enough */
			if (!enter && cmark_node_get_type(
			    cmark_node_parent(n)) != CMARK_NODE_ITEM)
				buf_addc(b, '\n');
			break;
		case CMARK_NODE_ITEM:
			if (!enter)
				break;
			s = cmark_node_parent(n);
			if (cmark_node_get_list_type(s) != CMARK_ORDERED_LIST) {
				buf_adds(b, "- ");
				break;
			}
			for (s = cmark_node_previous(n); s;
			    s = cmark_node_previous(s))
				nth++;
			buf_printf(b, "%d. ", cmark_node_get_list_start(
			    cmark_node_parent(n)) + nth);
			break;
		case CMARK_NODE_LINK:
			/*
			 * An address its own text: once, in <> (RFC 3986
			 * C) so no client reads a "。" after it as its own
			 */
			if (link_says_url(n))
				buf_addc(b, enter ? '<' : '>');
			/* "#...", a place in the issue: no address to read */
			else if (!enter && cmark_node_get_url(n) &&
			    *cmark_node_get_url(n) && *cmark_node_get_url(n) !=
			    '#')
				buf_printf(b, " <%s>", cmark_node_get_url(n));
			break;
		case CMARK_NODE_IMAGE:
			/* its children are the alt text: none, no ": " */
			if (!cmark_node_first_child(n))
				buf_adds(b, enter ? "[图片" : "]");
			else
				buf_adds(b, enter ? "[图片: " : "]");
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			buf_adds(b, "----------\n\n");
			break;
		default:	/* raw HTML and containers add nothing */
			break;
		}
	}
}

/*
 * Parses Markdown with cmark allocating through xcalloc/xrealloc: cmark's
 * own allocator abort()s when memory runs out, ours ends in util_oom (exit
 * 71 like every other out of memory).  The tree, its iterators and its
 * HTML rendering use the same allocator.
 */
static cmark_node *
md_parse(const char *s, size_t len, int opts)
{
	static cmark_mem mem = { xcalloc, xrealloc, free };
	cmark_parser *p = cmark_parser_new_with_mem(opts, &mem);
	cmark_node *doc;

	cmark_parser_feed(p, s, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

/* The plain text of a parsed article; the caller frees. */
static char *
doc_text(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	struct buf b = BUF_INIT;

	text_node(&b, it);
	cmark_iter_free(it);
	while (b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	buf_addc(&b, '\n');
	return buf_detach(&b);
}

char *
issue_markdown_text(const char *md, size_t len)
{
	cmark_node *doc = md_parse(md, len, CMARK_OPT_DEFAULT);
	char *t = doc_text(doc);

	cmark_node_free(doc);
	return t;
}

static int
is_remote(const char *url)
{
	return !strncmp(url, "https://", 8) || !strncmp(url, "http://", 7) ||
	    !strncmp(url, "cid:", 4) || !strncmp(url, "data:", 5);
}

/* "scheme:" as RFC 3986 spells it: a link that leads somewhere alone. */
static int
has_scheme(const char *url)
{
	size_t n = strspn(url, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

	return n > 0 && url[n] == ':' && !strchr("+.-0123456789", url[0]);
}

/* url (or a link's text) is the article's: shown as printable() shows it */
static void
note(struct issue *is, const struct article *a, size_t line,
    const char *what, const char *url, const char *why)
{
	char *s = xasprintf("%s:%zu: warning: %s \"%s\" %s", a->file, line,
	    what, printable(url), why);

	strlist_add(&is->notes, s);
	free(s);
}

/*
 * What libcmark's safe mode writes as href="" or src="": javascript:,
 * vbscript:, file: and data: but for data:image/{png,gif,jpeg,webp}.
 */
static int
dropped_url(const char *url)
{
	static const char *const bad[] = { "javascript:", "vbscript:",
	    "file:", "data:" };
	static const char *const img[] = { "data:image/png",
	    "data:image/gif", "data:image/jpeg", "data:image/webp" };

	for (size_t i = 0; i < sizeof img / sizeof *img; i++)
		if (!strncasecmp(url, img[i], strlen(img[i])))
			return 0;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (!strncasecmp(url, bad[i], strlen(bad[i])))
			return 1;
	return 0;
}

/*
 * The host of "https://HOST/...", "http://HOST..." or "www.HOST...", lower
 * case and without "www.", into h (n bytes); 0 when s is no such address.
 */
static int
shown_host(const char *s, char *h, size_t n)
{
	size_t k;

	if (!strncasecmp(s, "https://", 8))
		s += 8;
	else if (!strncasecmp(s, "http://", 7))
		s += 7;
	else if (strncasecmp(s, "www.", 4))
		return 0;
	if (!strncasecmp(s, "www.", 4))
		s += 4;
	k = strcspn(s, "/?#:@ ");
	if (k == 0 || k >= n || s[k] == '@')
		return 0;
	for (size_t i = 0; i < k; i++)
		h[i] = (char)tolower((unsigned char)s[i]);
	h[k] = '\0';
	return 1;
}

/* 1 when s reads as a mail address: LOCAL@DOMAIN.TLD, no blank */
static int
shown_mailbox(const char *s)
{
	const char *at = strchr(s, '@');

	return at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
	    !strpbrk(s, " \t<>:/");
}

/*
 * A link whose text is an address of another site than its target: what
 * a phishing mail looks like, to readers and to spam filters.
 */
static void
note_shown_address(struct issue *is, const struct article *a,
    cmark_node *n, const char *url, size_t line)
{
	cmark_node *c = cmark_node_first_child(n);
	char th[256], uh[256];
	const char *text;

	if (!c || cmark_node_next(c) || cmark_node_get_type(c) !=
	    CMARK_NODE_TEXT || !(text = cmark_node_get_literal(c)))
		return;
	if (shown_mailbox(text)) {
		size_t n = strlen(text);

		if (strncasecmp(url, "mailto:", 7) || strncasecmp(url + 7,
		    text, n) || (url[7 + n] && url[7 + n] != '?'))
			note(is, a, line, "link text", text, "is a mail "
			    "address the link does not write to: readers and "
			    "spam filters take that for phishing; make the "
			    "text the link's own address, or words");
		return;
	}
	if (!shown_host(text, th, sizeof th) ||
	    (shown_host(url, uh, sizeof uh) && !strcmp(th, uh)))
		return;
	note(is, a, line, "link text", text, "names another site than the "
	    "link leads to: readers and spam filters take that for "
	    "phishing; make the text the link's own address, or words");
}

/*
 * The file name an article's link names ("02-x.md", "./02-x.md#part",
 * "03%20x.md" as an editor's tool writes "03 x.md"), NULL when it names
 * no Markdown file of the issue folder itself.  A malformed %XX escape
 * (or one that decodes to no UTF-8) names the file as written: no such
 * file, a warning.  The caller frees.
 */
static char *
article_name(const char *url)
{
	struct buf b = BUF_INIT;
	size_t n;

	if (!strncmp(url, "./", 2))
		url += 2;
	n = strcspn(url, "#?");
	if (n <= 3 || url[0] == '.' || memchr(url, '/', n) ||
	    strncmp(url + n - 3, ".md", 3))
		return NULL;
	if (buf_add_pct_decoded(&b, url, n) == -1 ||
	    !utf8_valid(b.data, b.len, NULL) || memchr(b.data, '/', b.len) ||
	    b.data[0] == '.') {
		buf_free(&b);
		return xstrndup(url, n);
	}
	return buf_detach(&b);
}

/* An image's alt text is nothing a screen reader says: none, or spaces. */
static int
alt_blank(cmark_node *img)
{
	for (cmark_node *c = cmark_node_first_child(img); c;
	    c = cmark_node_next(c)) {
		const char *t = cmark_node_get_literal(c);

		if (cmark_node_get_type(c) != CMARK_NODE_TEXT || !t ||
		    t[strspn(t, " \t")])
			return 0;
	}
	return 1;
}

/*
 * What renders but does not work in a mail: a link with no scheme has no
 * page to be relative to, and a remote image is blocked by most clients
 * until the reader allows it (and then tells its server who read).  An
 * image with no alt text is lost on a screen reader's user.
 */
static void
note_link(struct issue *is, const struct article *a, cmark_node *n,
    size_t line)
{
	const char *url = cmark_node_get_url(n);
	char *name;

	if (!url || !*url || *url == '#')
		return;
	if (cmark_node_get_type(n) == CMARK_NODE_LINK)
		note_shown_address(is, a, n, url, line);
	if (!is->allow_html && dropped_url(url))
		note(is, a, line, cmark_node_get_type(n) == CMARK_NODE_LINK ?
		    "link" : "image", url, cmark_node_get_type(n) ==
		    CMARK_NODE_LINK ? "is left out of the HTML part (a "
		    "javascript:, vbscript:, file: or data: address): it "
		    "leads nowhere" : "is left out of the HTML part (a data: "
		    "address of no PNG, GIF, JPEG or WebP): it shows nothing");
	else if (cmark_node_get_type(n) == CMARK_NODE_LINK &&
	    !has_scheme(url) && (name = article_name(url))) {
		note(is, a, line, "link", url, "names no article of this "
		    "issue (no such file in its folder): in a mail it leads "
		    "nowhere");
		free(name);
	} else if (cmark_node_get_type(n) == CMARK_NODE_LINK &&
	    !has_scheme(url))
		note(is, a, line, "link", url, "has no scheme (https:, "
		    "mailto:): in a mail it leads nowhere");
	else if (cmark_node_get_type(n) == CMARK_NODE_IMAGE &&
	    (!strncmp(url, "https://", 8) || !strncmp(url, "http://", 7)))
		note(is, a, line, "image", url, "is remote: most mail "
		    "clients block it; list a local copy under images:");
	/* cmark writes alt="", which tells a screen reader to skip it */
	if (cmark_node_get_type(n) == CMARK_NODE_IMAGE && alt_blank(n))
		note(is, a, line, "image", url, "has no alt text: a screen "
		    "reader skips it as decoration; write what it shows "
		    "between the brackets: ![文字](path)");
}

/*
 * An image or link the editor meant but CommonMark did not read as one (a
 * missing ")", a space between "]" and "(" or inside the path): the
 * reader would see the Markdown itself.  libcmark leaves such an "![" or
 * "](" in a text node, which holds no more than one line.
 */
static void
note_literal(struct issue *is, const struct article *a, cmark_node *n,
    size_t line)
{
	const char *lit = cmark_node_get_literal(n), *p, *q;
	char *text;

	if (!lit)
		return;
	if ((p = strstr(lit, "!["))) {
		text = utf8_abbrev(p, 60);
		note(is, a, line, "image", text, "is no image: the reader "
		    "sees this Markdown as text; write ![text](path), with no "
		    "space before \"(\" or in the path, and the closing \")\"");
	} else if ((q = strstr(lit, "]("))) {
		for (p = q; p > lit && *p != '['; p--)
			;
		text = utf8_abbrev(p, 60);
		note(is, a, line, "link", text, "is no link: the reader sees "
		    "this Markdown as text; write [text](address), with no "
		    "space in the address, and the closing \")\"");
	} else {
		return;
	}
	free(text);
}

/*
 * The HTML id of the article in the file name (no folder, ending ".md"):
 * "article-" and the name less ".md", an ASCII character other than a
 * letter, digit, "-", "_" or "." made "-" (a blank ends a URL fragment).
 * The caller frees.
 */
static char *
article_anchor(const char *name)
{
	char *s = xasprintf("article-%.*s", (int)(strlen(name) - 3), name);

	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x80 && !isalnum((unsigned char)*p) &&
		    !strchr("-_.", *p))
			*p = '-';
	return s;
}

/*
 * "#article-..." for a link to another article of this issue by its file
 * name ("02-x.md" or "./02-x.md", a "#part" dropped): no page of its own
 * in a mail or the archive, but a place in the same edition.  NULL for
 * any other link.  The caller frees.
 */
static char *
article_link(const struct issue *is, const char *url)
{
	char *name, *path, *anchor, *link = NULL;
	struct stat st;

	if (!(name = article_name(url)))
		return NULL;
	path = path_join(is->dir, name);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		anchor = article_anchor(name);
		link = xasprintf("#%s", anchor);
		free(anchor);
	}
	free(path);
	free(name);
	return link;
}

/* Whether url is under the article's images: in its front matter. */
static int
listed(const struct article *a, const char *url)
{
	for (size_t i = 0; i < a->images.n; i++)
		if (!strcmp(a->images.v[i], url))
			return 1;
	return 0;
}

/*
 * Points listed local images at their cid: and refuses unlisted ones,
 * and a link to another article of the issue at its place in the edition.
 */
static int
rewrite_urls(struct issue *is, struct article *a, cmark_node *doc,
    size_t body_line)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int rc = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *url;
		char *anchor;
		size_t i;

		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_TEXT)
			note_literal(is, a, n, body_line +
			    (size_t)cmark_node_get_start_line(n) - 1);
		if (ev != CMARK_EVENT_ENTER ||
		    (cmark_node_get_type(n) != CMARK_NODE_IMAGE &&
		    cmark_node_get_type(n) != CMARK_NODE_LINK))
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_LINK &&
		    (url = cmark_node_get_url(n)) &&
		    (anchor = article_link(is, url))) {
			cmark_node_set_url(n, anchor);
			free(anchor);
		}
		note_link(is, a, n, body_line +
		    (size_t)cmark_node_get_start_line(n) - 1);
		url = cmark_node_get_url(n);
		if (cmark_node_get_type(n) != CMARK_NODE_IMAGE || !url ||
		    is_remote(url))
			continue;
		for (i = 0; i < is->nimages; i++)
			if (!strcmp(is->images[i].path, url))
				break;
		if (i == is->nimages) {
			/* listed but refused (load_asset said why): once */
			if (!listed(a, url))
				warnx("%s:%zu: image \"%s\" is not listed "
				    "under images: in the front matter",
				    a->file, body_line +
				    (size_t)cmark_node_get_start_line(n) - 1,
				    printable(url));
			rc = -1;
			continue;
		}
		{
			char *cid = xasprintf("cid:%s", is->images[i].cid);

			cmark_node_set_url(n, cid);
			free(cid);
		}
	}
	cmark_iter_free(it);
	return rc;
}

/*
 * An article's own headings sit under its title (h3 in article.html): the
 * shallowest becomes h4 and the others keep their distance from it (up to
 * h6), so a screen reader's list of headings keeps "## Part" inside its
 * article, not beside the sections (h2).
 */
static void
demote_headings(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int top = 7, lvl;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(
		    cmark_iter_get_node(it)) == CMARK_NODE_HEADING &&
		    (lvl = cmark_node_get_heading_level(
		    cmark_iter_get_node(it))) < top)
			top = lvl;
	cmark_iter_reset(it, doc, CMARK_EVENT_ENTER);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		lvl = 4 + cmark_node_get_heading_level(n) - top;
		cmark_node_set_heading_level(n, lvl > 6 ? 6 : lvl);
	}
	cmark_iter_free(it);
}

/* 1 when an article shows nothing: no block, or HTML comments alone */
static int
no_text(cmark_node *doc)
{
	for (cmark_node *n = cmark_node_first_child(doc); n;
	    n = cmark_node_next(n))
		if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK ||
		    strncmp(cmark_node_get_literal(n), "<!--", 4))
			return 0;
	return 1;
}

static int
render_body(struct issue *is, struct article *a, const char *body,
    size_t len, size_t body_line)
{
	int opts = CMARK_OPT_DEFAULT |
	    (is->allow_html ? CMARK_OPT_UNSAFE : 0);
	cmark_node *doc = md_parse(body, len, opts);
	int rc;

	rc = rewrite_urls(is, a, doc, body_line);
	if (no_text(doc)) {
		/* most often a text not pasted yet: said, not refused */
		char *n = xasprintf("%s:%zu: warning: the article has no text "
		    "after its front matter: readers see its title alone",
		    a->file, body_line);

		strlist_add(&is->notes, n);
		free(n);
	}
	a->text = doc_text(doc);
	demote_headings(doc);
	a->html = cmark_render_html(doc, opts);
	cmark_node_free(doc);
	return rc;
}

int
issue_path_hidden(const char *path)
{
	for (const char *p = path; *p; p += strcspn(p, "/"), p += *p == '/')
		if (*p == '.')
			return 1;
	return 0;
}

/* 1 when a component of path is ".." ("a..b.pdf" is a name) */
static int
has_dotdot(const char *path)
{
	for (const char *p = path; *p; p += strcspn(p, "/"), p += *p == '/')
		if (!strncmp(p, "..", 2) && (p[2] == '/' || !p[2]))
			return 1;
	return 0;
}

/*
 * Resolves rel inside the issue folder; refuses absolute paths, ".." and
 * symlinks that lead out.
 */
static char *
inside(const struct issue *is, const char *file, const char *rel)
{
	char *joined, *real;
	size_t dl = strlen(is->dir);

	if (rel[0] == '/' || has_dotdot(rel)) {
		warnx("%s: \"%s\": paths must stay inside the issue folder "
		    "(no absolute paths, no ..)", file, printable(rel));
		return NULL;
	}
	joined = path_join(is->dir, rel);
	real = xrealpath(joined);
	free(joined);
	if (!real) {
		warn("%s: \"%s\"", file, printable(rel));
		return NULL;
	}
	if (strncmp(real, is->dir, dl) || real[dl] != '/') {
		warnx("%s: \"%s\" leads outside the issue folder (symlink to "
		    "%s)", file, printable(rel), printable(real));
		free(real);
		return NULL;
	}
	return real;
}

/*
 * An image in a format many mail clients do not show (SVG, WebP, HEIC,
 * TIFF...) loads and is sent, but shows as a broken or missing picture:
 * a warning for check and preview.  type is libmagic's answer.
 */
static void
note_type(struct issue *is, const char *file, const char *rel,
    const char *type)
{
	static const char *const shown[] = { "image/png", "image/jpeg",
	    "image/gif" };
	char *s;

	for (size_t i = 0; i < sizeof shown / sizeof *shown; i++)
		if (!strcmp(type, shown[i]))
			return;
	s = xasprintf("%s: warning: image \"%s\" is %s, which many mail "
	    "clients do not show; PNG, JPEG and GIF show everywhere", file,
	    printable(rel), type);
	strlist_add(&is->notes, s);
	free(s);
}

/*
 * The first Unicode direction override or isolate in s (U+202A..U+202E,
 * U+2066..U+2069), 0 when none: what follows it shows in another order
 * than written ("Trojan Source"); the marks U+200E and U+200F do not.
 */
static unsigned
direction_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa &&
		    p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9)))
			return 0x2000u | (unsigned)(p[1] & 0x3f) << 6 |
			    (unsigned)(p[2] & 0x3f);
	return 0;
}

/* A title or name with a direction control: a warning for check. */
static void
note_direction(struct issue *is, const char *file, const char *key,
    const char *value)
{
	unsigned cp = value ? direction_control(value) : 0;
	char *s;

	if (!cp)
		return;
	s = xasprintf("%s: warning: \"%s\" holds U+%04X, a direction "
	    "control: readers see the text after it in another order than "
	    "written", file, key, cp);
	strlist_add(&is->notes, s);
	free(s);
}

/*
 * A file name with a direction control reads as another name in the
 * reader's mail client ("photo\u202Egpj.exe" shows as "photoexe.jpg"):
 * refused.  rel as written, name the file's own (a symlink's target).
 */
static int
name_direction(const char *file, const char *rel, const char *name)
{
	unsigned cp = direction_control(rel);
	struct buf b = BUF_INIT;

	if (!cp)
		cp = direction_control(name);
	if (!cp)
		return 0;
	/* shown with its controls spelled out: the line reads as written */
	for (const char *p = rel; *p; p++)
		if (direction_control(p) && (unsigned char)*p == 0xe2) {
			buf_printf(&b, "<U+%04X>", direction_control(p));
			p += 2;
		} else {
			buf_addc(&b, *p);
		}
	warnx("%s: \"%s\": the file name holds U+%04X, a direction control "
	    "that makes it read as another name (\"gpj.exe\" shown as "
	    "\"exe.jpg\"): rename the file", file, printable(b.data), cp);
	buf_free(&b);
	return -1;
}

/*
 * libmagic's failure was out of memory, not the file's fault: its
 * allocations set errno (magic_errno), but a regcomp it runs on the
 * database's patterns says so only in its text, "regex error 12 for"
 * (REG_ESPACE; the number, since regerror's words are translated).
 */
static int
magic_oom(magic_t mg)
{
	const char *e = magic_error(mg);
	char espace[32];

	snprintf(espace, sizeof espace, "regex error %d for", REG_ESPACE);
	return magic_errno(mg) == ENOMEM || (e && strstr(e, espace));
}

static int
load_asset(struct issue *is, magic_t mg, const char *file, const char *rel,
    int image)
{
	struct asset **v = image ? &is->images : &is->attachments;
	size_t *n = image ? &is->nimages : &is->nattachments;
	struct buf b = BUF_INIT;
	struct asset *as;
	char *real;
	const char *type;

	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].path, rel))
			return 0;	/* shared by two articles */
	if (!(real = inside(is, file, rel)))
		return -1;
	if (name_direction(file, rel, strrchr(real, '/') + 1) == -1 ||
	    slurp_regular(real, ISSUE_ASSET_MAX, &b) == -1) {
		free(real);
		return -1;
	}
	if (!(type = magic_buffer(mg, b.data, b.len))) {
		/* an attachment typed application/octet-stream by mistake */
		if (magic_oom(mg))
			util_oom("libmagic");
		warnx("%s: \"%s\": libmagic cannot tell its type: %s", file,
		    printable(rel), magic_error(mg) ? magic_error(mg) :
		    "no answer");
		free(real);
		buf_free(&b);
		return -1;
	}
	if (image && strncmp(type, "image/", 6)) {
		warnx("%s: \"%s\" is not an image (%s)", file, printable(rel),
		    type);
		free(real);
		buf_free(&b);
		return -1;
	}
	if (image)
		note_type(is, file, rel, type);
	if (issue_path_hidden(rel)) {
		char *n = xasprintf("%s: warning: \"%s\" has a hidden name (a "
		    "part starting with \".\"): mailed, but the web archive "
		    "cannot publish it (web servers do not serve such names); "
		    "rename it", file, printable(rel));

		strlist_add(&is->notes, n);
		free(n);
	}
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	as = &(*v)[(*n)++];
	memset(as, 0, sizeof *as);
	as->path = xstrdup(rel);
	as->name = xstrdup(basename(real));
	as->type = xstrdup(type);
	if (image)
		as->cid = xasprintf("img%zu.%s@mailer.invalid", *n, is->id);
	as->len = b.len;
	as->data = buf_detach(&b);
	free(real);
	return 0;
}

/*
 * A required string left empty ("title:" with nothing after it, or "")
 * is refused: it would make an empty heading or Subject.  0 / -1.
 */
static int
nonempty(const char *file, const struct ynode *root, const char *key,
    const char *value)
{
	const struct ynode *n;

	if (value && *value)
		return 0;
	n = ynode_get(root, key);
	warnx("%s:%zu:%zu: \"%s\" is empty", file, n ? n->line : 1,
	    n ? n->col : 1, key);
	return -1;
}

/*
 * An article's lang: a BCP 47 tag as HTML's lang takes it: a language of
 * 2 or 3 letters, then "-" and 1 to 8 letters or digits each ("zh-Hant",
 * "zh-TW", "en").  A Chinese name or "繁体" there is refused at its line.
 * 0 / -1.
 */
static int
check_lang(const char *file, const struct ynode *root, const char *tag)
{
	const struct ynode *n = ynode_get(root, "lang");
	size_t k = strspn(tag, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
	const char *p = tag + k;

	while (k >= 2 && k <= 3 && *p == '-') {
		size_t m = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

		if (m < 1 || m > 8)
			break;
		p += 1 + m;
	}
	if (k >= 2 && k <= 3 && !*p)
		return 0;
	warnx("%s:%zu:%zu: lang \"%s\" is no language tag: write zh-Hant "
	    "(Traditional Chinese), zh-Hans (Simplified) or en (English)",
	    file, n ? n->line : 1, n ? n->col : 1, printable(tag));
	return -1;
}

int
issue_lang_hant(const char *tag)
{
	static const char *const hant[] = { "zh-Hant", "zh-TW", "zh-HK",
	    "zh-MO" };

	for (size_t i = 0; tag && i < sizeof hant / sizeof *hant; i++) {
		size_t n = strlen(hant[i]);

		if (!strncasecmp(tag, hant[i], n) && (!tag[n] ||
		    tag[n] == '-'))
			return 1;
	}
	return 0;
}

static long
section_index(const struct issue *is, const char *id)
{
	for (size_t i = 0; i < is->nsections; i++)
		if (is->sections[i].id && !strcmp(is->sections[i].id, id))
			return (long)i;
	return -1;
}

/*
 * An article's section that issue.yaml does not list, said at its line
 * with the ids there are (and the id of a section whose title it is, as
 * an editor who copied the heading writes it).  0 / -1.
 */
static int
check_section(const struct issue *is, const char *path,
    const struct ynode *root, const char *section)
{
	const struct ynode *n = ynode_get(root, "section");
	struct buf ids = BUF_INIT, hint = BUF_INIT;

	if (section_index(is, section) != -1)
		return 0;
	for (size_t i = 0; i < is->nsections; i++) {
		const struct section *sc = &is->sections[i];

		buf_printf(&ids, "%s%s", i ? ", " : "", sc->id);
		if (!hint.len && sc->title && !strcmp(sc->title, section))
			buf_printf(&hint, "; \"%s\" is the title of %s: write "
			    "section: %s", section, sc->id, sc->id);
	}
	warnx("%s:%zu:%zu: unknown section \"%s\": issue.yaml's sections "
	    "are %s%s", path, n ? n->line : 0, n ? n->col : 0,
	    printable(section),
	    ids.len ? ids.data : "none", hint.len ? hint.data : "");
	buf_free(&ids);
	buf_free(&hint);
	return -1;
}

/*
 * "file:line:col" of item i of the front matter's list key (a scalar is a
 * list of one), for the errors of the file it names.  The caller frees.
 */
static char *
item_where(const char *path, const struct ynode *root, const char *key,
    size_t i)
{
	const struct ynode *n = ynode_get(root, key);

	if (n && n->type == YNODE_SEQ)
		n = i < n->nitems ? n->items[i] : NULL;
	return n ? xasprintf("%s:%zu:%zu", path, n->line, n->col) :
	    xstrdup(path);
}

/*
 * An article's images and attachments; a missing or refused file is
 * reported at its line under images: or attachments:.  0 / -1.
 */
static int
load_assets(struct issue *is, magic_t mg, const char *path,
    const struct ynode *root, const struct article *a)
{
	int rc = 0;

	for (int image = 1; image >= 0; image--) {
		const struct strlist *l = image ? &a->images : &a->attachments;

		for (size_t i = 0; i < l->n; i++) {
			char *where = item_where(path, root, image ? "images" :
			    "attachments", i);

			if (load_asset(is, mg, where, l->v[i], image) == -1)
				rc = -1;
			free(where);
		}
	}
	return rc;
}

static int
load_article(struct issue *is, magic_t mg, const char *path)
{
	struct buf src = BUF_INIT;
	struct article a = { 0 };
	const char *fm, *body;
	size_t fmlen, bodylen, body_line;
	struct ynode *root = NULL;
	int rc = -1;

	a.file = xstrdup(path);
	a.anchor = article_anchor(strrchr(path, '/') + 1);
	if (slurp_regular(path, ISSUE_ARTICLE_MAX, &src) == -1)
		goto out;
	if (utf8_file_check(path, src.data, src.len) == -1)
		goto out;
	if (issue_split_front_matter(path, src.data, src.len, &fm, &fmlen,
	    &body, &bodylen, &body_line) == -1)
		goto out;
	if (!(root = ynode_parse(path, fm, fmlen, 1)))
		goto out;
	if (ydoc_bind(path, root, article_fields, &a) == -1 ||
	    nonempty(path, root, "title", a.title) == -1)
		goto out;
	rc = 0;
	a.source_at = item_where(path, root, "source", 0);
	if (a.section && check_section(is, path, root, a.section) == -1)
		rc = -1;
	if (a.lang && check_lang(path, root, a.lang) == -1)
		rc = -1;
	note_direction(is, path, "title", a.title);
	note_direction(is, path, "subtitle", a.subtitle);
	note_direction(is, path, "byline", a.byline);
	note_direction(is, path, "author", a.author);
	if (load_assets(is, mg, path, root, &a) == -1)
		rc = -1;
	if (render_body(is, &a, body, bodylen, body_line) == -1)
		rc = -1;
out:
	ynode_free(root);
	buf_free(&src);
	is->articles = xrealloc(is->articles,
	    (is->narticles + 1) * sizeof *is->articles);
	is->articles[is->narticles++] = a;
	return rc;
}

/*
 * Section i's id when an earlier section has it (a section copied to
 * make the next, its id left): articles would go under the first alone.
 * Said at the line of the second with the first's.  0 / -1.
 */
static int
section_again(const char *file, const struct ynode *s, size_t i,
    const struct section *v)
{
	for (size_t j = 0; j < i; j++) {
		const struct ynode *a, *b;

		if (!v[j].id || strcmp(v[j].id, v[i].id))
			continue;
		a = ynode_get(s->items[j], "id");
		b = ynode_get(s->items[i], "id");
		warnx("%s:%zu:%zu: section id \"%s\" is already the id of the "
		    "section at line %zu: each section needs its own id",
		    file, b->line, b->col, printable(v[i].id), a->line);
		return -1;
	}
	return 0;
}

static int
load_sections(struct issue *is, const char *file, const struct ynode *root)
{
	const struct ynode *s = ynode_get(root, "sections");
	int rc = 0;

	if (!s)
		return -1;
	if (s->type != YNODE_SEQ || s->nitems == 0) {
		warnx("%s:%zu:%zu: \"sections\" must be a non-empty list",
		    file, s->line, s->col);
		return -1;
	}
	is->sections = xcalloc(s->nitems, sizeof *is->sections);
	for (size_t i = 0; i < s->nitems; i++) {
		if (ydoc_bind(file, s->items[i], section_fields,
		    &is->sections[is->nsections++]) == -1)
			rc = -1;
		else if (section_again(file, s, i, is->sections) == -1)
			rc = -1;
	}
	return rc;
}

/* qsort_r's comparator: the issue whose sections give the order is arg */
static int
cmp_article(const void *x, const void *y, void *arg)
{
	const struct issue *is = arg;
	const struct article *a = x, *b = y;
	long sa = section_index(is, a->section);
	long sb = section_index(is, b->section);

	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return strcmp(a->file, b->file);
}

static int
scandir_md(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 3 && e->d_name[0] != '.' &&
	    !strcmp(e->d_name + n - 3, ".md");
}

/*
 * Two articles whose names differ only in blanks or punctuation ("03
 * x.md", "03-x.md") get one HTML id: a link to the second would lead to
 * the first.  Both are named.  0 / -1.
 */
static int
anchors_unique(const struct issue *is)
{
	int rc = 0;

	for (size_t i = 0; i < is->narticles; i++)
		for (size_t j = 0; j < i; j++)
			if (is->articles[i].anchor && is->articles[j].anchor &&
			    !strcmp(is->articles[i].anchor,
			    is->articles[j].anchor)) {
				warnx("%s and %s: both get the HTML id \"%s\" "
				    "(a link to one would lead to the other): "
				    "rename one: names that differ only in "
				    "blanks or punctuation get one id",
				    is->articles[j].file, is->articles[i].file,
				    is->articles[i].anchor);
				rc = -1;
				break;
			}
	return rc;
}

/*
 * The length of name less its suffix when it is an article's with the
 * suffix mistyped: ".MD", ".Md" (a Windows tool's case) or ".md.txt"
 * (Notepad's "Text Documents"); else 0.  The name to give it is the
 * stem and ".md".
 */
static size_t
misnamed_stem(const char *name)
{
	size_t n = strlen(name);
	int txt = n > 4 && !strcasecmp(name + n - 4, ".txt");

	n -= txt ? 4 : 0;
	if (name[0] == '.' || n <= 3 || strncasecmp(name + n - 3, ".md", 3) ||
	    (!txt && !strncmp(name + n - 3, ".md", 3)))
		return 0;
	return n - 3;
}

static int
scandir_misnamed(const struct dirent *e)
{
	return misnamed_stem(e->d_name) > 0;
}

/*
 * Names each file an editor meant for an article that is not read as
 * one (its name does not end in ".md"), with what to rename it to: it
 * would be left out of the issue without a word.  Not read: whether it
 * is one (a draft kept aside?) is the editor's to decide.
 */
static void
warn_misnamed(const struct issue *is)
{
	struct dirent **ents;
	int n = dir_scan(is->dir, &ents, scandir_misnamed, alphasort);

	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		char *p = path_join(is->dir, name);

		warnx("%s: warning: not read as an article: only a name "
		    "ending in \".md\" is one; if it is one, rename it "
		    "\"%.*s.md\"", p, (int)misnamed_stem(name), name);
		free(p);
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
}

static int
load_articles(struct issue *is)
{
	struct dirent **ents;
	magic_t mg;
	int n, rc = 0;

	/*
	 * Without its database libmagic would type every attachment
	 * application/octet-stream and call every image no image: refused.
	 */
	if (!(mg = magic_open(MAGIC_MIME_TYPE)))
		util_oom("libmagic");	/* its only failure */
	if (magic_load(mg, NULL) == -1) {
		if (magic_oom(mg))
			util_oom("libmagic");
		warnx("libmagic cannot load its database (package "
		    "libmagic-mgc): %s", magic_error(mg) ? magic_error(mg) :
		    "no reason given");
		magic_close(mg);
		return -1;
	}
	if ((n = dir_scan(is->dir, &ents, scandir_md, alphasort)) == -1) {
		magic_close(mg);
		return -1;
	}
	warn_misnamed(is);
	for (int i = 0; i < n; i++) {
		char *p = path_join(is->dir, ents[i]->d_name);
		/* a symlink to another issue's draft would publish it */
		char *real = inside(is, p, ents[i]->d_name);

		if (!real || load_article(is, mg, p) == -1)
			rc = -1;
		free(real);
		free(p);
		free(ents[i]);
	}
	free(ents);
	magic_close(mg);
	if (anchors_unique(is) == -1)
		rc = -1;
	if (rc == 0 && is->narticles == 0) {
		warnx("%s: no articles (*.md files)", is->dir);
		rc = -1;
	}
	return rc;
}

static int
check_articles(struct issue *is)
{
	/* every section was checked as its article loaded (check_section) */
	qsort_r(is->articles, is->narticles, sizeof *is->articles,
	    cmp_article, is);
	return 0;
}

int
issue_parse_time(const char *s, time_t *t)
{
	struct tm tm;
	const char *p;
	long off = 0;
	int utc = 0;

	memset(&tm, 0, sizeof tm);
	if (!(p = strptime(s, "%Y-%m-%d", &tm)))
		return -1;
	if (*p == 'T' || *p == ' ') {
		const char *q = strptime(p + 1, "%H:%M:%S", &tm);

		if (!q && !(q = strptime(p + 1, "%H:%M", &tm)))
			return -1;
		p = q;
	}
	if (*p == 'Z') {
		utc = 1;
		p++;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 &&
	    p[3] == ':') {
		int h, m;

		if (sscanf(p + 1, "%2d:%2d", &h, &m) != 2 || h > 23 || m > 59)
			return -1;
		off = (h * 3600L + m * 60L) * (*p == '-' ? -1 : 1);
		utc = 1;
		p += 6;
	}
	if (*p)
		return -1;
	if (utc) {
		*t = timegm(&tm) - off;
	} else {
		tm.tm_isdst = -1;
		*t = mktime(&tm);
	}
	return *t == (time_t)-1 ? -1 : 0;
}

/*
 * Says why dir is no issue folder when it holds no issue.yaml: a file
 * (issue.yaml itself), or a folder of issues (the newest one named).
 * 0 when it is one (or for slurp_regular to report).
 */
static int
not_an_issue(const char *dir, const char *real, const char *yml)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char *best = NULL;

	if (stat(real, &st) == 0 && !S_ISDIR(st.st_mode)) {
		warnx("%s: not a folder: ISSUE_DIR is the issue's folder, the "
		    "one holding issue.yaml", dir);
		return -1;
	}
	if (access(yml, F_OK) == 0 || errno != ENOENT || !(d = opendir(real)))
		return 0;
	while ((e = readdir(d))) {
		char *sub = path_join(real, e->d_name), *y;

		y = path_join(sub, "issue.yaml");
		if (e->d_name[0] != '.' && access(y, F_OK) == 0 &&
		    (!best || strcmp(e->d_name, best) > 0)) {
			free(best);
			best = xstrdup(e->d_name);
		}
		free(y);
		free(sub);
	}
	closedir(d);
	if (best)
		warnx("%s: no issue.yaml: not an issue folder (give one of its "
		    "folders, such as %s%s%s)", dir, dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", best);
	else
		warnx("%s: no issue.yaml: not an issue folder", dir);
	free(best);
	return -1;
}

/*
 * A date written YYYY-MM-DD that is no day of the calendar (2026-02-30,
 * months and days swapped): <time datetime> and 2026年2月30日 would
 * carry it to readers.  Another form is the editor's, shown as written.
 */
static int
check_date(const char *file, const struct ynode *root, const char *date)
{
	const struct ynode *n = ynode_get(root, "date");
	char why[64];

	if (date_ymd_check(date, why, sizeof why) != 0)
		return 0;
	warnx("%s:%zu:%zu: date \"%s\" is no calendar date: %s", file,
	    n->line, n->col, printable(date), why);
	return -1;
}

static struct issue *
load(const char *dir, int head_only)
{
	struct issue *is = xcalloc(1, sizeof *is);
	struct buf b = BUF_INIT;
	struct ynode *root = NULL;
	char *yml, *tmp;
	int rc = -1;

	if (!(is->dir = xrealpath(dir))) {
		warn("%s", dir);
		free(is);
		return NULL;
	}
	tmp = xstrdup(is->dir);
	is->id = xstrdup(basename(tmp));
	free(tmp);
	yml = path_join(is->dir, "issue.yaml");
	if (not_an_issue(dir, is->dir, yml) == -1 ||
	    slurp_regular(yml, 1024 * 1024, &b) == -1)
		goto out;
	if (!(root = ynode_parse(yml, b.data, b.len, 0)))
		goto out;
	rc = ydoc_bind(yml, root, issue_fields, is);
	if (rc == 0 && nonempty(yml, root, "title", is->title) == -1)
		rc = -1;
	if (load_sections(is, yml, root) == -1)
		rc = -1;
	note_direction(is, yml, "title", is->title);
	note_direction(is, yml, "subject", is->subject);
	for (size_t i = 0; i < is->nsections; i++)
		note_direction(is, yml, "sections: title",
		    is->sections[i].title);
	for (size_t i = 0; i < is->sponsors.n; i++) {
		note_direction(is, yml, "sponsors", is->sponsors.v[i]);
		char *at = item_where(yml, root, "sponsors", i);

		strlist_add(&is->sponsors_at, at);
		free(at);
	}
	if (rc == 0 && !is->subject)
		is->subject = xstrdup("{{issue.title}}");
	if (rc == 0 && is->send_at &&
	    issue_parse_time(is->send_at, &is->send_at_t) == -1) {
		const struct ynode *n = ynode_get(root, "send_at");

		warnx("%s:%zu:%zu: send_at \"%s\" is not a time like "
		    "2021-01-20T08:00:00+08:00", yml, n->line, n->col,
		    printable(is->send_at));
		rc = -1;
	}
	if (rc == 0 && check_date(yml, root, is->date) == -1)
		rc = -1;
	if (rc == 0 && is->archive_only && !is->send_at) {
		const struct ynode *n = ynode_get(root, "archive_only");

		/* the archive publishes an issue once sent or send_at passed */
		warnx("%s:%zu:%zu: archive_only: true needs a send_at: the "
		    "time the archive publishes it", yml, n->line, n->col);
		rc = -1;
	}
	if (rc == 0 && !head_only && load_articles(is) == -1)
		rc = -1;
	if (rc == 0 && !head_only && check_articles(is) == -1)
		rc = -1;
out:
	is->yraw = NULL;
	ynode_free(root);
	buf_free(&b);
	free(yml);
	if (rc == -1) {
		issue_free(is);
		return NULL;
	}
	return is;
}

struct issue *
issue_load(const char *dir)
{
	return load(dir, 0);
}

struct issue *
issue_load_head(const char *dir)
{
	return load(dir, 1);
}

char *
issue_html_local(const struct issue *is, const char *html,
    const char *dir)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, html);
	for (size_t i = 0; i < is->nimages; i++) {
		char *from = xasprintf("cid:%s", is->images[i].cid);
		/* the path, not the name: a/x.png and b/x.png are two */
		char *file = dir ? path_join(dir, is->images[i].path) :
		    xstrdup(is->images[i].path);
		struct buf to = BUF_INIT, o = BUF_INIT;
		const char *p = b.data, *q;

		buf_add_urlpath(&to, file);
		while ((q = strstr(p, from))) {
			buf_add(&o, p, (size_t)(q - p));
			buf_adds(&o, to.data);
			p = q + strlen(from);
		}
		buf_adds(&o, p);
		buf_free(&b);
		b = o;
		free(from);
		free(file);
		buf_free(&to);
	}
	return buf_detach(&b);
}

static void
free_assets(struct asset *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].name);
		free(v[i].type);
		free(v[i].cid);
		free(v[i].data);
	}
	free(v);
}

void
issue_free(struct issue *is)
{
	if (!is)
		return;
	for (size_t i = 0; i < is->narticles; i++) {
		ydoc_clear(article_fields, &is->articles[i]);
		free(is->articles[i].file);
		free(is->articles[i].source_at);
		free(is->articles[i].anchor);
		free(is->articles[i].html);
		free(is->articles[i].text);
	}
	free(is->articles);
	for (size_t i = 0; i < is->nsections; i++)
		ydoc_clear(section_fields, &is->sections[i]);
	free(is->sections);
	free_assets(is->images, is->nimages);
	free_assets(is->attachments, is->nattachments);
	ydoc_clear(issue_fields, is);
	strlist_free(&is->notes);
	strlist_free(&is->sponsors_at);
	free(is->dir);
	free(is->id);
	free(is);
}
