/* archive_page: the archive's pages.  See archive_page.h. */
#include "archive_page.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "edition.h"
#include "issue.h"
#include "list.h"
#include "tmpl.h"
#include "tmplfile.h"

struct archive_pages {
	const struct config *cfg;
	struct tmpl *index, *issue, *entry;
};

struct archive_pages *
archive_pages_open(const struct config *c)
{
	struct archive_pages *p = xcalloc(1, sizeof *p);
	const char *d = c->templates_dir;

	p->cfg = c;
	p->index = tmplfile_load(d, "archive-index.html.mustache", 0);
	p->issue = tmplfile_load(d, "archive-issue.html.mustache", 0);
	p->entry = tmplfile_load(d, "archive-entry.html.mustache", 0);
	if (!p->index || !p->issue || !p->entry) {
		archive_pages_close(p);
		return NULL;
	}
	return p;
}

void
archive_pages_close(struct archive_pages *p)
{
	if (!p)
		return;
	tmpl_free(p->index);
	tmpl_free(p->issue);
	tmpl_free(p->entry);
	free(p);
}

static json_t *
urlpath(const char *s)
{
	struct buf b = BUF_INIT;
	json_t *v;

	buf_add_urlpath(&b, s);
	v = json_string(b.data ? b.data : "");
	buf_free(&b);
	return v;
}

/* What every page has: the site, and the sender. */
static void
site_json(const struct archive_pages *p, json_t *ctx, const char *up)
{
	json_t *site = json_object(), *o = json_object();
	char *home = xasprintf("%sindex.html", up);
	char *feed = xasprintf("%sfeed.xml", up);

	json_object_set_new(site, "title", json_string(p->cfg->web_title));
	json_object_set_new(site, "home", json_string(home));
	json_object_set_new(site, "feed", json_string(feed));
	json_object_set_new(ctx, "site", site);
	json_object_set_new(o, "name", json_string(p->cfg->sender_name));
	json_object_set_new(o, "address",
	    json_string(p->cfg->sender_address));
	json_object_set(ctx, "sender", o);
	json_decref(o);
	free(home);
	free(feed);
}

/*
 * An edition's context for the web: links relative to the issue folder
 * (archive_url to the index, edition_url to the page itself), web: true
 * (the templates drop "view online"), attachments with their href.
 */
static json_t *
web_context(const struct archive_pages *p, struct composer *cp,
    const struct list *l)
{
	json_t *ctx = composer_context(cp, l, NULL), *att, *a;
	size_t i;

	site_json(p, ctx, "../");
	json_object_set_new(ctx, "web", json_true());
	json_object_set_new(ctx, "archive_url", json_string("../index.html"));
	json_object_del(ctx, "edition_url");
	if (l) {
		char *self = xasprintf("%s.html", l->id);

		json_object_set_new(ctx, "edition_url", urlpath(self));
		free(self);
	}
	att = json_object_get(ctx, "attachments");
	json_array_foreach(att, i, a)
		json_object_set_new(a, "href", urlpath(json_string_value(
		    json_object_get(a, "path"))));
	return ctx;
}

static int
render(const struct issue *is, const struct tmpl *t, struct composer *cp,
    json_t *ctx, char **html)
{
	struct buf b = BUF_INIT;
	int rc = t ? tmpl_render(t, ctx, &b) : composer_render_html(cp, ctx,
	    &b);

	if (rc == 0)
		*html = issue_html_local(is, b.data ? b.data : "", NULL);
	buf_free(&b);
	return rc;
}

int
archive_page_entry(const struct archive_pages *p, struct composer *cp,
    const struct issue *is, char **html)
{
	json_t *ctx = web_context(p, cp, NULL);
	int rc;

	/* A feed reader drops aria-hidden: what only decorates is left out. */
	json_object_set_new(ctx, "in_feed", json_true());
	rc = render(is, p->entry, cp, ctx, html);

	json_decref(ctx);
	return rc;
}

static int
emit_page(const struct issue *is, const char *name, const char *html,
    archive_emit_fn emit, void *arg)
{
	char *rel = xasprintf("%s/%s", is->id, name);
	int rc = emit(arg, rel, html, strlen(html));

	free(rel);
	return rc;
}

static int
general(const struct archive_pages *p, struct composer *cp,
    const struct issue *is, const struct list *const *lists, size_t n,
    archive_emit_fn emit, void *arg)
{
	json_t *ctx = web_context(p, cp, NULL), *eds = json_object();
	json_t *v = json_array();
	char *html = NULL;
	int rc;

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		char *href = xasprintf("%s.html", lists[i]->id);

		json_object_set_new(o, "id", json_string(lists[i]->id));
		json_object_set_new(o, "name", json_string(lists[i]->name));
		json_object_set_new(o, "short_name",
		    json_string(lists[i]->short_name));
		json_object_set_new(o, "href", urlpath(href));
		json_array_append_new(v, o);
		free(href);
	}
	json_object_set_new(eds, "has", json_boolean(n > 0));
	json_object_set_new(eds, "list", v);
	json_object_set_new(ctx, "editions", eds);
	rc = render(is, p->issue, cp, ctx, &html);
	if (rc == 0)
		rc = emit_page(is, "index.html", html, emit, arg);
	free(html);
	json_decref(ctx);
	return rc;
}

static int
assets(const struct issue *is, const struct asset *v, size_t n,
    archive_emit_fn emit, void *arg)
{
	for (size_t i = 0; i < n; i++) {
		char *rel = xasprintf("%s/%s", is->id, v[i].path);
		int rc = emit(arg, rel, v[i].data, v[i].len);

		free(rel);
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
archive_page_issue(const struct archive_pages *p, struct composer *cp,
    const struct issue *is, const struct list *const *lists, size_t n,
    archive_emit_fn emit, void *arg)
{
	if (general(p, cp, is, lists, n, emit, arg) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		json_t *ctx = web_context(p, cp, lists[i]);
		char *html = NULL, *name = xasprintf("%s.html", lists[i]->id);
		int rc = render(is, NULL, cp, ctx, &html);

		if (rc == 0)
			rc = emit_page(is, name, html, emit, arg);
		free(html);
		free(name);
		json_decref(ctx);
		if (rc == -1)
			return -1;
	}
	if (assets(is, is->images, is->nimages, emit, arg) == -1)
		return -1;
	return assets(is, is->attachments, is->nattachments, emit, arg);
}

int
archive_page_index(const struct archive_pages *p,
    const struct archive_index_item *items, size_t n, struct buf *out)
{
	json_t *ctx = json_object(), *v = json_array();
	int rc;

	site_json(p, ctx, "");
	for (size_t i = 0; i < n; i++) {
		const struct issue *is = items[i].head;
		json_t *o = json_object(), *secs = json_array();
		char *href = xasprintf("%s/index.html", is->id);
		char *date = date_zh(is->date);

		json_object_set_new(o, "id", json_string(is->id));
		json_object_set_new(o, "href", urlpath(href));
		json_object_set_new(o, "number", json_integer(is->number));
		json_object_set_new(o, "date", json_string(is->date));
		json_object_set_new(o, "date_zh", json_string(date));
		if (date_ymd_check(is->date, NULL, 0) == 1)
			json_object_set_new(o, "date_iso",
			    json_string(is->date));
		json_object_set_new(o, "title", json_string(is->title));
		json_object_set_new(o, "draft", json_boolean(items[i].draft));
		for (size_t s = 0; s < is->nsections; s++) {
			json_t *so = json_object();

			json_object_set_new(so, "id",
			    json_string(is->sections[s].id));
			json_object_set_new(so, "title",
			    json_string(is->sections[s].title));
			json_array_append_new(secs, so);
		}
		json_object_set_new(o, "sections", secs);
		json_array_append_new(v, o);
		free(href);
		free(date);
	}
	json_object_set_new(ctx, "has_issues", json_boolean(n > 0));
	json_object_set_new(ctx, "issues", v);
	rc = tmpl_render(p->index, ctx, out);
	json_decref(ctx);
	return rc;
}
