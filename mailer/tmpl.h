/*
 * tmpl: Mustache templates (https://github.com/mustache/spec, v1.3 core:
 * interpolation, sections, inverted sections, comments, partials, set
 * delimiters; no lambdas, no ~inheritance, no ~dynamic-names).
 *
 * A template is parsed once into an op tree and rendered many times, once
 * per recipient, against a jansson context.  Partials are loaded on first
 * use through a caller-supplied loader and cached with the template.
 */
#ifndef MAILER_TMPL_H
#define MAILER_TMPL_H

#include <stddef.h>

#include <jansson.h>

#include "util.h"

/* Partials nested deeper than this make tmpl_render fail. */
#define TMPL_MAX_DEPTH 64

struct tmpl;

/*
 * Returns a malloc'd NUL-terminated source for partial `name` and, in *file,
 * a malloc'd display name for error messages (or leaves it NULL).  Returns
 * NULL when there is no such partial: it then renders as empty.
 */
typedef char *(*tmpl_loader_fn)(void *arg, const char *name, char **file);

struct tmpl_opts {
	tmpl_loader_fn load;	/* NULL: every partial is missing */
	void *load_arg;
	int no_escape;		/* 1: {{x}} is not HTML-escaped (text/plain);
				   else & < > " ' are (buf_add_html_n) */
};

/*
 * Parses src[0..len).  opts may be NULL; it is copied.  On a syntax error
 * (unclosed section or tag, mismatched close tag, bad delimiter change,
 * empty tag) reports "file:line: what" once and returns NULL.  The caller
 * frees the result with tmpl_free.
 */
struct tmpl *tmpl_parse(const char *file, const char *src, size_t len,
    const struct tmpl_opts *opts);

/*
 * Renders t against ctx (may be NULL), appending to out.  Returns 0, or -1
 * after reporting: a partial with a syntax error (named by its own file and
 * line) or partials nested deeper than TMPL_MAX_DEPTH.  On -1, out may hold
 * partial output.
 */
int tmpl_render(const struct tmpl *t, json_t *ctx, struct buf *out);

/*
 * 1 when a tag in t, or in a partial reachable from it, names `key` as its
 * first dotted component ({{key}}, {{key.x}}, {{#key}}, {{^key}}); else 0.
 * Loads partials not yet loaded; a broken partial is reported and skipped.
 */
int tmpl_uses_key(const struct tmpl *t, const char *key);

/* Frees t and, for a template from tmpl_parse, its partials.  NULL is ok. */
void tmpl_free(struct tmpl *t);

#endif
