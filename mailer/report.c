/* report: the HTML delivery report.  See report.h. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "journal.h"
#include "list.h"

/* The segments of a list's bar, in drawing order. */
enum kind { K_SENT, K_DEFERRED, K_FAILED, K_HARD, K_SOFT, K_UNSUB,
	K_COMPLAINT, K_N };

static const struct {
	const char *id, *en, *zh, *colour;
} kinds[K_N] = {
	[K_SENT] = { "sent", "sent", "已发送", "#2e7d32" },
	[K_DEFERRED] = { "deferred", "deferred", "延迟", "#f9a825" },
	[K_FAILED] = { "failed", "failed", "失败", "#c62828" },
	[K_HARD] = { "hard", "bounced hard", "硬退信", "#6a1b9a" },
	[K_SOFT] = { "soft", "bounced soft", "软退信", "#ba68c8" },
	[K_UNSUB] = { "unsubscribed", "unsubscribed", "退订", "#546e7a" },
	[K_COMPLAINT] = { "complained", "complained", "投诉", "#e64a19" },
};

#define BAR_W 260	/* px of the widest list's bar */
#define CHART_W 760
#define CHART_H 220
#define MAX_BUCKETS 336	/* two weeks of hours */

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


/* "2021-01-20 14:00 UTC" */
static void
add_time(struct buf *b, time_t t, const char *fmt)
{
	char s[64];
	struct tm tm;

	if (!t || !gmtime_r(&t, &tm) || !strftime(s, sizeof s, fmt, &tm))
		buf_adds(b, "—");
	else
		buf_adds(b, s);
}

static const char style[] =
    "body{font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\",sans-serif;"
    "margin:2em auto;padding:0 1em;max-width:1400px;color:#222;background:#fff}"
    "h1{font-size:1.6em;margin-bottom:.2em}"
    "h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}"
    ".sub{color:#555;margin-top:0}"
    "table{border-collapse:collapse;font-size:.9em}"
    "th,td{padding:.25em .5em;border-bottom:1px solid #eee;"
    "text-align:right;vertical-align:middle}"
    "th.l,td.l{text-align:left}.lists td.l{white-space:nowrap}"
    "tfoot td{font-weight:bold;border-top:2px solid #888}"
    "td.bar{padding:0 .5em;line-height:0}"
    ".legend span{display:inline-block;margin-right:1.2em}"
    ".legend i{display:inline-block;width:.9em;height:.9em;"
    "margin-right:.3em;vertical-align:-.1em}"
    ".totals{font-size:1.1em}"
    ".totals b{font-size:1.3em}"
    "code{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.95em}"
    "footer{margin-top:3em;color:#777;font-size:.85em}"
    ".none{color:#777}";

static void
add_head(struct buf *b, const char *issue, const char *title)
{
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width\">\n<title>投递报告 ");
	buf_add_html(b, issue);
	if (title) {
		buf_adds(b, " · ");
		buf_add_html(b, title);
	}
	buf_adds(b, " — mailer delivery report</title>\n<style>");
	buf_adds(b, style);
	buf_adds(b, "</style>\n</head>\n<body>\n<h1>投递报告 Delivery report: ");
	buf_add_html(b, issue);
	buf_adds(b, "</h1>\n");
	if (title) {
		buf_adds(b, "<p class=\"sub\">");
		buf_add_html(b, title);
		buf_adds(b, "</p>\n");
	}
}

static void
add_legend(struct buf *b)
{
	buf_adds(b, "<p class=\"legend\">");
	for (int k = 0; k < K_N; k++)
		buf_printf(b, "<span><i style=\"background:%s\"></i>%s %s"
		    "</span>", kinds[k].colour, kinds[k].zh, kinds[k].en);
	buf_adds(b, "</p>\n");
}

/* The list's name from lists/<id>.yaml, or NULL when it is gone. */
static struct list *
list_named(const struct config *cfg, const char *id)
{
	char *name, *path;
	int there;

	if (!cfg || !id || strchr(id, '/'))
		return NULL;
	name = xasprintf("%s.yaml", id);
	path = path_join(cfg->lists_dir, name);
	there = access(path, R_OK) == 0;
	free(name);
	free(path);
	return there ? list_load(cfg->lists_dir, id) : NULL;
}

static void
add_bar(struct buf *b, const struct row *r, long scale)
{
	double x = 0;

	buf_printf(b, "<svg class=\"bar\" width=\"%d\" height=\"18\" "
	    "viewBox=\"0 0 %d 18\" role=\"img\">"
	    "<rect width=\"%d\" height=\"18\" fill=\"#f3f3f3\"/>", BAR_W,
	    BAR_W, BAR_W);
	for (int k = 0; k < K_N; k++) {
		double w;

		if (!r->v[k])
			continue;
		w = (double)r->v[k] * BAR_W / (double)scale;
		buf_printf(b, "<rect class=\"seg %s\" x=\"%.2f\" width=\"%.2f\""
		    " height=\"18\" fill=\"%s\"><title>%s %s: %ld</title>"
		    "</rect>", kinds[k].id, x, w, kinds[k].colour, kinds[k].zh,
		    kinds[k].en, r->v[k]);
		x += w;
	}
	buf_adds(b, "</svg>");
}

static void
add_lists(struct buf *b, const struct config *cfg, const struct rows *rs)
{
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
	buf_adds(b, "<h2>各学会投递情况 Delivery per list</h2>\n"
	    "<p class=\"totals\">");
	for (int k = 0; k < K_N; k++)
		buf_printf(b, "%s %s <b class=\"total\" data-kind=\"%s\">%ld"
		    "</b>%s", kinds[k].zh, kinds[k].en, kinds[k].id, tot.v[k],
		    k + 1 < K_N ? " · " : "");
	buf_adds(b, "</p>\n");
	add_legend(b);
	buf_adds(b, "<table class=\"lists\">\n<thead><tr>"
	    "<th class=\"l\">学会 list</th><th class=\"l\">分布 bar</th>");
	for (int k = 0; k < K_N; k++)
		buf_printf(b, "<th>%s<br>%s</th>", kinds[k].zh, kinds[k].en);
	buf_adds(b, "<th>待发<br>pending</th><th>已屏蔽<br>suppressed</th>"
	    "<th>其他<br>other events</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < rs->n; i++) {
		const struct row *r = &rs->v[i];
		struct list *l = list_named(cfg, r->id);

		buf_adds(b, "<tr class=\"list\" data-list=\"");
		buf_add_html(b, r->id ? r->id : "");
		buf_adds(b, "\"><td class=\"l\">");
		if (l) {
			buf_add_html(b, l->short_name);
			buf_adds(b, " <small>");
			buf_add_html(b, r->id);
			buf_adds(b, "</small>");
		} else
			buf_add_html(b, r->id ? r->id : "(unknown list 未知)");
		buf_adds(b, "</td><td class=\"bar\">");
		add_bar(b, r, scale);
		buf_adds(b, "</td>");
		for (int k = 0; k < K_N; k++)
			buf_printf(b, "<td class=\"%s\">%ld</td>", kinds[k].id,
			    r->v[k]);
		buf_printf(b, "<td>%ld</td><td>%ld</td><td>%ld</td></tr>\n",
		    r->pending, r->suppressed, r->other);
		list_free(l);
	}
	buf_adds(b, "</tbody>\n<tfoot><tr class=\"total\"><td class=\"l\">"
	    "合计 total</td><td></td>");
	for (int k = 0; k < K_N; k++)
		buf_printf(b, "<td class=\"%s\">%ld</td>", kinds[k].id,
		    tot.v[k]);
	buf_printf(b, "<td>%ld</td><td>%ld</td><td>%ld</td></tr></tfoot>\n"
	    "</table>\n", tot.pending, tot.suppressed, tot.other);
	buf_adds(b, "<p class=\"none\">Bounces, unsubscribes and complaints "
	    "come from the bounce ledger and concern messages that were "
	    "sent: they are drawn beside the sent count, not taken from it."
	    "</p>\n");
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

static void
add_timeline(struct buf *b, const struct hours *h)
{
	const int left = 48, bottom = 40, top = 16;
	const int plot_h = CHART_H - bottom - top;
	int plot_w = CHART_W - left - 8, chart_w;
	time_t width, first;
	size_t nb, label_every;
	long *n, max = 1, total = 0;
	double bw;

	buf_adds(b, "<h2>每小时发送量 Sends per hour (UTC)</h2>\n");
	if (!h->n) {
		buf_adds(b, "<p class=\"none\">Nothing sent yet.</p>\n");
		return;
	}
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
	chart_w = left + plot_w + 40;
	bw = (double)plot_w / (double)nb;
	label_every = (size_t)(70 / bw) + 1;
	if (width != 3600)
		buf_printf(b, "<p class=\"none\">One bar per %s.</p>\n",
		    width == 86400 ? "day" : width == 7 * 86400 ? "week" :
		    "30 days");
	buf_printf(b, "<svg class=\"timeline\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" data-total=\"%ld\" "
	    "font-size=\"11\" "
	    "font-family=\"sans-serif\">\n", chart_w, CHART_H, chart_w,
	    CHART_H, total);
	buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#888\"/>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	    "y2=\"%d\" stroke=\"#888\"/>\n", left, top, left, top + plot_h,
	    left, top + plot_h, left + plot_w, top + plot_h);
	buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%ld</text>"
	    "\n<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
	    left - 4, top + 4, max, left - 4, top + plot_h);
	for (size_t i = 0; i < nb; i++) {
		time_t at = first + (time_t)i * width;
		double bh = (double)n[i] * plot_h / (double)max;
		double x = left + (double)i * bw;

		buf_printf(b, "<rect class=\"hour\" data-sent=\"%ld\" "
		    "x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
		    "fill=\"#1565c0\"><title>", n[i], x + bw * 0.1,
		    top + plot_h - bh, bw * 0.8, bh);
		add_time(b, at, "%Y-%m-%d %H:%M UTC");
		buf_printf(b, ": %ld</title></rect>\n", n[i]);
		if (i % label_every == 0) {
			buf_printf(b, "<text x=\"%.2f\" y=\"%d\" "
			    "text-anchor=\"middle\">", x + bw / 2,
			    top + plot_h + 14);
			add_time(b, at, width == 3600 ? "%H:%M" : "%m-%d");
			buf_printf(b, "</text>\n<text x=\"%.2f\" y=\"%d\" "
			    "text-anchor=\"middle\" fill=\"#777\">",
			    x + bw / 2, top + plot_h + 28);
			add_time(b, at, "%Y-%m-%d");
			buf_adds(b, "</text>\n");
		}
	}
	buf_adds(b, "</svg>\n");
	free(n);
}

struct fails {
	struct buf *b;
	long n;
};

static void
on_failure(void *arg, const struct journal_failure *f)
{
	struct fails *fs = arg;
	struct buf *b = fs->b;

	fs->n++;
	buf_printf(b, "<tr class=\"failure %s\"><td class=\"l\">",
	    journal_state_name(f->state));
	buf_add_html(b, f->list);
	buf_adds(b, "</td><td class=\"l\">");
	buf_add_html(b, f->email);
	buf_printf(b, "</td><td class=\"l\">%s</td><td>%d</td><td>",
	    f->state == JS_FAILED ? "失败 failed" : "延迟 deferred",
	    f->attempts);
	add_time(b, f->updated_at, "%Y-%m-%d %H:%M");
	buf_adds(b, "</td><td>");
	if (f->state == JS_DEFERRED)
		add_time(b, f->next_attempt, "%Y-%m-%d %H:%M");
	buf_adds(b, "</td><td class=\"l\"><code class=\"reply\">");
	buf_add_html(b, f->reply ? f->reply : "");
	buf_adds(b, "</code></td></tr>\n");
}

static int
add_failures(struct buf *b, struct journal *j, const char *issue)
{
	struct buf rows = BUF_INIT;
	struct fails fs = { &rows, 0 };
	int rc = 0;

	if (j)
		rc = journal_failures(j, issue, on_failure, &fs);
	buf_printf(b, "<h2>失败与延迟 Failed and deferred recipients (%ld)"
	    "</h2>\n", fs.n);
	if (fs.n == 0)
		buf_adds(b, "<p class=\"none\">None.</p>\n");
	else {
		buf_adds(b, "<table class=\"failures\">\n<thead><tr>"
		    "<th class=\"l\">list</th><th class=\"l\">address</th>"
		    "<th class=\"l\">state</th><th>attempts</th>"
		    "<th>last attempt (UTC)</th><th>next attempt</th>"
		    "<th class=\"l\">last SMTP reply</th></tr></thead>\n"
		    "<tbody>\n");
		buf_add(b, rows.data, rows.len);
		buf_adds(b, "</tbody>\n</table>\n");
	}
	buf_free(&rows);
	return rc;
}

int
report_html(struct journal *j, const struct config *cfg, const char *issue,
    const char *title, struct buf *out)
{
	struct rows rs = { NULL, 0, 0 };
	struct hours hs = { NULL, 0, 0 };
	int rc = 0;

	if (j && (journal_counts(j, issue, on_count, &rs) == -1 ||
	    journal_event_counts(j, issue, on_event, &rs) == -1 ||
	    journal_sent_per_hour(j, issue, on_hour, &hs) == -1))
		rc = -1;
	add_head(out, issue, title);
	add_lists(out, cfg, &rs);
	add_timeline(out, &hs);
	if (add_failures(out, j, issue) == -1)
		rc = -1;
	buf_adds(out, "<footer>mailer status --html · ");
	add_time(out, time(NULL), "%Y-%m-%d %H:%M UTC");
	buf_adds(out, "</footer>\n</body>\n</html>\n");
	for (size_t i = 0; i < rs.n; i++)
		free(rs.v[i].id);
	free(rs.v);
	free(hs.v);
	return rc;
}

int
report_write_html(struct journal *j, const struct config *cfg,
    const char *issue, const char *title, const char *path)
{
	struct buf b = BUF_INIT;
	int rc = report_html(j, cfg, issue, title, &b);

	if (rc == 0)
		rc = write_file_atomic(path, b.data, b.len, 0644);
	buf_free(&b);
	return rc;
}
