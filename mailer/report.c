/*
 * report: the HTML delivery report.  See report.h.
 *
 * This file gathers the figures and lays out the charts (coordinates in
 * the SVG's own units); the markup and the style are the template's.
 */
#include "report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "complaint.h"
#include "config.h"
#include "journal.h"
#include "list.h"
#include "tmpl.h"
#include "tmplfile.h"

#define REPORT_FILE "report.html.mustache"

/* The segments of a list's bar, in drawing order. */
enum kind { K_SENT, K_DEFERRED, K_FAILED, K_HARD, K_SOFT, K_UNSUB,
	K_COMPLAINT, K_N };

/* Each kind's colour is the template's (a CSS rule per id). */
static const struct {
	const char *id, *en, *zh;
} kinds[K_N] = {
	[K_SENT] = { "sent", "sent", "已发送" },
	[K_DEFERRED] = { "deferred", "deferred", "延迟" },
	[K_FAILED] = { "failed", "failed", "失败" },
	[K_HARD] = { "hard", "bounced hard", "硬退信" },
	[K_SOFT] = { "soft", "bounced soft", "软退信" },
	[K_UNSUB] = { "unsubscribed", "unsubscribed", "退订" },
	[K_COMPLAINT] = { "complained", "complained", "投诉" },
};

#define BAR_W 260	/* the widest list's bar, in its viewBox units */
#define CHART_W 760
#define CHART_H 220
#define MAX_BUCKETS 336	/* two weeks of hours */
#define GAUGE_W 200	/* the complaint gauge, in its viewBox units */
#define GAUGE_MAX_PER_10K 50	/* its full width: 0.5 % */

struct row {
	char *id;	/* NULL: events whose list is unknown */
	long v[K_N];
	long pending, suppressed, other;	/* other: delay, autoreply */
};

struct rows {
	struct row *v;
	size_t n, cap;
};

struct hour {
	time_t at;
	long n;
};

struct hours {
	struct hour *v;
	size_t n, cap;
};

static struct row *
row_get(struct rows *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if ((!id && !r->v[i].id) ||
		    (id && r->v[i].id && !strcmp(id, r->v[i].id)))
			return &r->v[i];
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	memset(&r->v[r->n], 0, sizeof r->v[r->n]);
	r->v[r->n].id = id ? xstrdup(id) : NULL;
	return &r->v[r->n++];
}

static void
on_count(void *arg, const struct journal_count *c)
{
	struct row *r = row_get(arg, c->list);

	r->v[K_SENT] += c->sent;
	r->v[K_DEFERRED] += c->deferred;
	r->v[K_FAILED] += c->failed;
	r->pending += c->pending;
	r->suppressed += c->suppressed;
}

static void
on_event(void *arg, const struct journal_event_count *c)
{
	struct row *r = row_get(arg, c->list);

	switch (c->kind) {
	case JE_BOUNCE:
		r->v[c->cls == JC_HARD ? K_HARD : K_SOFT] += c->n;
		break;
	case JE_UNSUBSCRIBE: r->v[K_UNSUB] += c->n; break;
	case JE_COMPLAINT: r->v[K_COMPLAINT] += c->n; break;
	case JE_FAILED: break;	/* the recipient's state says it already */
	default: r->other += c->n; break;
	}
}

static void
on_hour(void *arg, time_t at, long n)
{
	struct hours *h = arg;

	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 64;
		h->v = xrealloc(h->v, h->cap * sizeof *h->v);
	}
	h->v[h->n].at = at;
	h->v[h->n++].n = n;
}

/* "2021-01-20 14:00 UTC", or "—" when there is no time */
static json_t *
jtime(time_t t, const char *fmt)
{
	char s[64];
	struct tm tm;

	if (!t || !gmtime_r(&t, &tm) || !strftime(s, sizeof s, fmt, &tm))
		return json_string("—");
	return json_string(s);
}

/* Coordinates keep two decimals, as a number would print in SVG. */
static json_t *
jnum(double d)
{
	return json_sprintf("%.2f", d);
}

/* {id, zh, en} of kind k, with its count n when n >= 0. */
static json_t *
jkind(int k, long n)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "id", kinds[k].id, "zh",
	    kinds[k].zh, "en", kinds[k].en);

	if (n >= 0)
		json_object_set_new(o, "n", json_integer(n));
	return o;
}

/* The list's profile from lists/<id>.yaml, or NULL when it is gone. */
static struct list *
list_named(const struct config *cfg, const char *id)
{
	char *name, *path;
	int there;

	if (!id || strchr(id, '/'))
		return NULL;
	name = xasprintf("%s.yaml", id);
	path = path_join(cfg->lists_dir, name);
	there = access(path, R_OK) == 0;
	free(name);
	free(path);
	return there ? list_load(cfg->lists_dir, id) : NULL;
}

/* The segments of a row's bar, scaled so the largest row fills BAR_W. */
static json_t *
jbar(const struct row *r, long scale)
{
	json_t *segs = json_array();
	double x = 0;

	for (int k = 0; k < K_N; k++) {
		double w;
		json_t *seg;

		if (!r->v[k])
			continue;
		w = (double)r->v[k] * BAR_W / (double)scale;
		seg = jkind(k, r->v[k]);
		json_object_set_new(seg, "x", jnum(x));
		json_object_set_new(seg, "w", jnum(w));
		json_array_append_new(segs, seg);
		x += w;
	}
	return segs;
}

/* A table row's counts: {cells: [{id, n}...], pending, suppressed, other} */
static json_t *
jcounts(const struct row *r)
{
	json_t *cells = json_array();

	for (int k = 0; k < K_N; k++)
		json_array_append_new(cells, jkind(k, r->v[k]));
	return json_pack("{s:o, s:I, s:I, s:I}", "cells", cells, "pending",
	    (json_int_t)r->pending, "suppressed", (json_int_t)r->suppressed,
	    "other", (json_int_t)r->other);
}

static void
add_lists(json_t *ctx, const struct config *cfg, const struct rows *rs)
{
	json_t *lists = json_array(), *totals = json_array(),
	    *kj = json_array();
	struct row tot = { 0 };
	long scale = 1;

	for (size_t i = 0; i < rs->n; i++) {
		long sum = 0;

		for (int k = 0; k < K_N; k++) {
			sum += rs->v[i].v[k];
			tot.v[k] += rs->v[i].v[k];
		}
		tot.pending += rs->v[i].pending;
		tot.suppressed += rs->v[i].suppressed;
		tot.other += rs->v[i].other;
		if (sum > scale)
			scale = sum;
	}
	for (size_t i = 0; i < rs->n; i++) {
		const struct row *r = &rs->v[i];
		struct list *l = list_named(cfg, r->id);
		json_t *o = jcounts(r);

		json_object_set_new(o, "id", json_string(r->id ? r->id : ""));
		if (l)
			json_object_set_new(o, "name",
			    json_string(l->short_name));
		json_object_set_new(o, "bar", jbar(r, scale));
		json_array_append_new(lists, o);
		list_free(l);
	}
	for (int k = 0; k < K_N; k++) {
		json_t *t = jkind(k, tot.v[k]);

		json_object_set_new(t, "last", json_boolean(k + 1 == K_N));
		json_array_append_new(totals, t);
		json_array_append_new(kj, jkind(k, -1));
	}
	json_object_set_new(ctx, "kinds", kj);
	json_object_set_new(ctx, "totals", totals);
	json_object_set_new(ctx, "lists", lists);
	json_object_set_new(ctx, "total", jcounts(&tot));
	json_object_set_new(ctx, "bar_w", json_integer(BAR_W));
}

/* Bucket width for the timeline: hours, or wider when that is too many. */
static time_t
bucket_width(const struct hours *h)
{
	static const time_t widths[] = { 3600, 86400, 7 * 86400,
	    30 * 86400 };
	time_t span = h->v[h->n - 1].at - h->v[0].at;
	size_t i = 0;

	while (i + 1 < sizeof widths / sizeof widths[0] &&
	    span / widths[i] + 1 > MAX_BUCKETS)
		i++;
	return widths[i];
}

/* The chart's frame: axes and the two value labels. */
static json_t *
jframe(int left, int top, int plot_w, int plot_h, int chart_w, long max)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:I}",
	    "w", chart_w, "h", CHART_H, "left", left, "top", top, "base",
	    top + plot_h, "right", left + plot_w, "label_x", left - 4,
	    "max_y", top + 4, "max", (json_int_t)max);
}

static void
add_timeline(json_t *ctx, const struct hours *h)
{
	const int left = 48, bottom = 40, top = 16;
	const int plot_h = CHART_H - bottom - top;
	int plot_w = CHART_W - left - 8;
	time_t width, first;
	size_t nb, label_every;
	long *n, max = 1, total = 0;
	double bw;
	json_t *tl, *bars;

	if (!h->n)
		return;
	bars = json_array();
	width = bucket_width(h);
	first = h->v[0].at / width * width;
	nb = (size_t)((h->v[h->n - 1].at - first) / width) + 1;
	n = xcalloc(nb, sizeof *n);
	for (size_t i = 0; i < h->n; i++) {
		n[(h->v[i].at - first) / width] += h->v[i].n;
		total += h->v[i].n;
	}
	for (size_t i = 0; i < nb; i++)
		if (n[i] > max)
			max = n[i];
	if ((size_t)plot_w > nb * 48)	/* few bars stay narrow */
		plot_w = (int)nb * 48;
	bw = (double)plot_w / (double)nb;
	label_every = (size_t)(70 / bw) + 1;
	tl = jframe(left, top, plot_w, plot_h, left + plot_w + 40, max);
	json_object_set_new(tl, "total", json_integer(total));
	if (width != 3600)
		json_object_set_new(tl, "bucket", json_string(width == 86400 ?
		    "day" : width == 7 * 86400 ? "week" : "30 days"));
	for (size_t i = 0; i < nb; i++) {
		time_t at = first + (time_t)i * width;
		double bh = (double)n[i] * plot_h / (double)max;
		double x = left + (double)i * bw;
		json_t *bar = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}",
		    "n", (json_int_t)n[i], "x", jnum(x + bw * 0.1), "y",
		    jnum(top + plot_h - bh), "w", jnum(bw * 0.8), "h", jnum(bh),
		    "when", jtime(at, "%Y-%m-%d %H:%M UTC"));

		if (i % label_every == 0)
			json_object_set_new(bar, "label", json_pack(
			    "{s:o, s:i, s:i, s:o, s:o}", "x", jnum(x + bw / 2),
			    "y1", top + plot_h + 14, "y2", top + plot_h + 28,
			    "short", jtime(at, width == 3600 ? "%H:%M" :
			    "%m-%d"), "date", jtime(at, "%Y-%m-%d")));
		json_array_append_new(bars, bar);
	}
	json_object_set_new(tl, "bars", bars);
	json_object_set_new(ctx, "timeline", tl);
	free(n);
}

static void
on_failure(void *arg, const struct journal_failure *f)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:o, s:s}",
	    "state", journal_state_name(f->state), "list", f->list, "email",
	    f->email, "state_label", f->state == JS_FAILED ? "失败 failed" :
	    "延迟 deferred", "attempts", f->attempts, "last",
	    jtime(f->updated_at, "%Y-%m-%d %H:%M"), "reply",
	    f->reply ? f->reply : "");

	if (f->state == JS_DEFERRED)
		json_object_set_new(o, "next", jtime(f->next_attempt,
		    "%Y-%m-%d %H:%M"));
	json_array_append_new(arg, o);
}

/* x of a rate on the complaint gauge, clipped to its width. */
static json_t *
gauge_x(long per_10k_num, long den)
{
	double x = den > 0 ? (double)per_10k_num * GAUGE_W /
	    ((double)GAUGE_MAX_PER_10K * (double)den) : 0;

	return jnum(x > GAUGE_W ? GAUGE_W : x);
}

static void
on_rate(void *arg, const struct complaint_rate *r)
{
	static const char *const labels[] = { "正常 below 0.1 %",
	    "警告 0.1 % or more", "超限 0.3 % or more" };
	json_t *o;
	char rate[32];

	if (!r->issue)
		return;
	complaint_rate_text(r->complaints, r->delivered, rate, sizeof rate);
	o = json_pack("{s:s, s:I, s:I, s:s, s:s, s:s, s:o}", "id",
	    r->list ? r->list : "", "complaints", (json_int_t)r->complaints,
	    "delivered", (json_int_t)r->delivered, "rate", rate, "level",
	    complaint_level_name(r->level), "level_label", labels[r->level],
	    "fill", r->delivered > 0 || !r->complaints ?
	    gauge_x(r->complaints * 10000, r->delivered) : jnum(GAUGE_W));
	json_array_append_new(arg, o);
}

/*
 * The complaint rates: a row per list, the issue's total last, each with
 * a gauge on which the providers' two thresholds are drawn.
 */
static int
add_complaints(json_t *ctx, struct journal *j, const struct config *cfg,
    const char *issue)
{
	json_t *rows = json_array(), *total;
	size_t n;

	if (j && complaint_rates(j, issue, on_rate, rows) == -1) {
		json_decref(rows);
		return -1;
	}
	if (!(n = json_array_size(rows))) {
		json_decref(rows);
		return 0;
	}
	total = json_incref(json_array_get(rows, n - 1));
	json_array_remove(rows, n - 1);
	for (size_t i = 0; i < n - 1; i++) {
		json_t *o = json_array_get(rows, i);
		struct list *l = list_named(cfg, json_string_value(
		    json_object_get(o, "id")));

		if (l)
			json_object_set_new(o, "name",
			    json_string(l->short_name));
		list_free(l);
	}
	json_object_set_new(ctx, "complaints", json_pack("{s:o, s:o, s:i, "
	    "s:o, s:o, s:s, s:s}", "lists", rows, "total", total, "gauge_w",
	    GAUGE_W, "warn_x", gauge_x(COMPLAINT_WARN_PER_10K, 1), "limit_x",
	    gauge_x(COMPLAINT_LIMIT_PER_10K, 1), "warn", "0.1 %", "limit",
	    "0.3 %"));
	return 0;
}

/* The template's context: every figure, label and coordinate. */
static json_t *
report_context(struct journal *j, const struct config *cfg,
    const char *issue, const char *title, int *rc)
{
	struct rows rs = { NULL, 0, 0 };
	struct hours hs = { NULL, 0, 0 };
	json_t *ctx = json_pack("{s:s}", "issue", issue), *fails = json_array();

	if (j && (journal_counts(j, issue, on_count, &rs) == -1 ||
	    journal_event_counts(j, issue, on_event, &rs) == -1 ||
	    journal_sent_per_hour(j, issue, on_hour, &hs) == -1 ||
	    journal_failures(j, issue, on_failure, fails) == -1))
		*rc = -1;
	if (title)
		json_object_set_new(ctx, "title", json_string(title));
	add_lists(ctx, cfg, &rs);
	if (add_complaints(ctx, j, cfg, issue) == -1)
		*rc = -1;
	add_timeline(ctx, &hs);
	json_object_set_new(ctx, "nfailures",
	    json_integer((json_int_t)json_array_size(fails)));
	json_object_set_new(ctx, "failures", fails);
	json_object_set_new(ctx, "generated", jtime(time(NULL),
	    "%Y-%m-%d %H:%M UTC"));
	for (size_t i = 0; i < rs.n; i++)
		free(rs.v[i].id);
	free(rs.v);
	free(hs.v);
	return ctx;
}

enum report_result
report_html(struct journal *j, const struct config *cfg, const char *issue,
    const char *title, struct buf *out)
{
	struct tmpl *t = tmplfile_load(cfg->templates_dir, REPORT_FILE, 0);
	enum report_result rc = REPORT_OK;
	json_t *ctx;
	int jrc = 0;

	if (!t)
		return REPORT_TEMPLATE;
	ctx = report_context(j, cfg, issue, title, &jrc);
	if (jrc == -1)
		rc = REPORT_JOURNAL;
	else if (tmpl_render(t, ctx, out) == -1)
		rc = REPORT_TEMPLATE;	/* a broken partial */
	json_decref(ctx);
	tmpl_free(t);
	return rc;
}

enum report_result
report_write_html(struct journal *j, const struct config *cfg,
    const char *issue, const char *title, const char *path)
{
	struct buf b = BUF_INIT;
	enum report_result rc = report_html(j, cfg, issue, title, &b);

	if (rc == REPORT_OK && write_file_atomic(path, b.data, b.len,
	    0644) == -1)
		rc = REPORT_WRITE;
	buf_free(&b);
	return rc;
}
