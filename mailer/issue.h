/*
 * issue: an issue folder: issue.yaml (number, date, title, subject
 * template, ordered sections, optional send_at) and one Markdown article
 * per file with YAML front matter.  Bodies are CommonMark rendered by
 * libcmark (safe mode unless the issue sets allow_html); images and
 * attachments must stay inside the issue folder.
 */
#ifndef MAILER_ISSUE_H
#define MAILER_ISSUE_H

#include <stddef.h>
#include <time.h>

#include "ydoc.h"

#define ISSUE_ARTICLE_MAX (1024 * 1024)	/* bytes per article file */
#define ISSUE_ASSET_MAX (8 * 1024 * 1024)	/* bytes per image/attachment */

struct section {
	char *id, *title, *subtitle;
};

struct asset {
	char *path;		/* as written, relative to the issue folder */
	char *name;		/* file name */
	char *type;		/* MIME type from libmagic */
	char *cid;		/* images: Content-ID */
	char *data;
	size_t len;
};

struct article {
	char *file;
	char *source_at;	/* "file:line:col" of source: for messages */
	char *anchor;		/* its HTML id: "article-" + name less .md */
	char *title, *subtitle, *section, *source, *byline, *author;
	char *lang;		/* BCP 47 language tag; NULL: the issue's */
	long order;
	struct strlist images, attachments;
	char *html;		/* rendered body, images as cid: URLs */
	char *text;		/* plain-text rendering */
};

/* Whether a BCP 47 tag names Traditional Chinese (zh-Hant, zh-TW...). */
int issue_lang_hant(const char *tag);

struct issue {
	char *dir;		/* absolute */
	char *id;		/* folder name */
	long number;
	char *date, *title, *subject, *send_at;
	time_t send_at_t;	/* 0 when there is no send_at */
	char *sponsors_title;
	struct strlist sponsors;
	struct strlist sponsors_at;	/* "file:line:col" of each */
	int allow_html;
	int archive_only;	/* published by archive, never mailed */
	const struct ynode *yraw;	/* sections while loading */
	struct section *sections;
	size_t nsections;
	struct article *articles;	/* sorted: section order, then order */
	size_t narticles;
	struct asset *images, *attachments;
	size_t nimages, nattachments;
	/*
	 * "file:line: warning: ..." for what loads but will not work in a
	 * mail (a relative link, a remote image): check and preview print
	 * them, a send does not.
	 */
	struct strlist notes;
};

/*
 * 1 when a component of path (as written under images: or attachments:)
 * starts with a dot: hidden, so no web server serves it from the archive.
 */
int issue_path_hidden(const char *path);

/* Loads and validates dir.  Reports every problem; NULL when any. */
struct issue *issue_load(const char *dir);
/*
 * Only issue.yaml (number, date, title, sections, send_at...): no
 * articles, no assets.  Reports problems; NULL when any.
 */
struct issue *issue_load_head(const char *dir);
void issue_free(struct issue *is);

/*
 * Splits a Markdown file into front matter and body.  Pure: no I/O.
 * Returns 0 with fm and fmlen, body and bodylen, and body_line (1-based line
 * of the body's first line), or -1 after reporting why, naming file.
 */
int issue_split_front_matter(const char *file, const char *src, size_t len,
    const char **fm, size_t *fmlen, const char **body, size_t *bodylen,
    size_t *body_line);

/*
 * Parses an RFC 3339 / ISO 8601 time: "2021-01-20T08:00:00+08:00",
 * "...Z", "2021-01-20 08:00" (local time) or "2021-01-20" (local
 * midnight).  Returns 0 with *t, or -1.
 */
int issue_parse_time(const char *s, time_t *t);

/*
 * html with the issue's cid: image URLs pointing at files, for a browser:
 * each image's path as written in the front matter (relative to the issue
 * folder), under dir when dir is set, as URLs (percent-encoded).  Caller
 * frees.
 */
char *issue_html_local(const struct issue *is, const char *html,
    const char *dir);

/* Renders Markdown to plain text (paragraphs, headings, lists). */
char *issue_markdown_text(const char *md, size_t len);

#endif
