/* listsync: the write-back plan of one list.  See listsync.h. */
#include "listsync.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "list.h"
#include "util.h"

/*
 * A file's lines: line i is data[off[i] .. off[i] + len[i]) without its
 * LF (the CR of a CRLF stays in it); only the last may lack the LF.
 */
struct lines {
	const char *data;
	size_t n, cap;
	size_t *off, *len;
	int last_lf;
};

static void
lines_split(struct lines *ls, const char *data, size_t len)
{
	memset(ls, 0, sizeof *ls);
	ls->data = data;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t k = nl ? (size_t)(nl - (data + i)) : len - i;

		if (ls->n == ls->cap) {
			ls->cap = ls->cap ? 2 * ls->cap : 64;
			ls->off = xrealloc(ls->off, ls->cap * sizeof *ls->off);
			ls->len = xrealloc(ls->len, ls->cap * sizeof *ls->len);
		}
		ls->off[ls->n] = i;
		ls->len[ls->n++] = k;
		i += k + (nl != NULL);
	}
	ls->last_lf = len == 0 || data[len - 1] == '\n';
}

static void
lines_free(struct lines *ls)
{
	free(ls->off);
	free(ls->len);
}

/* A CR that ends a line alone (old Mac files) would make rows of no line. */
static int
bare_cr(const char *file, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n')) {
			warnx("%s:%zu: a line ends in a bare CR; lists sync "
			    "reads files with LF or CRLF line endings only",
			    file, line_of(s, i));
			return 1;
		}
	return 0;
}

/* The line ending of a file: its first line's. */
static const char *
eol_of(const struct lines *ls)
{
	return ls->n && ls->len[0] && ls->data[ls->off[0] + ls->len[0] - 1] ==
	    '\r' ? "\r\n" : "\n";
}

static int
has_key(char *const *keys, size_t n, const char *k)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(keys[i], k))
			return 1;
	return 0;
}

struct ctx {
	const struct listsync_in *in;
	struct listsync_plan *p;
	unsigned char *gone;		/* per CSV line */
	size_t nlines;
	struct strset rows;		/* the CSV's addresses, any case */
	size_t nrows;
	char **rm_keys;
	size_t nrm_keys;
	const char *rm_eol;
	struct strset rm_have;		/* the lines removed.csv holds */
	struct buf rm_add;		/* lines to append to it */
};

static const char *
value_of(const struct subscriber *s, const char *key)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (!strcmp(s->keys[i], key))
			return s->values[i];
	return "";
}

/* The row of s as a removed.csv line (no line ending) in b. */
static void
removed_line(const struct ctx *x, const struct subscriber *s,
    const char *date, const char *reason, struct buf *b)
{
	for (size_t i = 0; i < x->nrm_keys; i++) {
		const char *k = x->rm_keys[i];

		if (i)
			buf_addc(b, ',');
		list_csv_field(b, !strcmp(k, "removed") ? date :
		    !strcmp(k, "reason") ? reason : value_of(s, k));
	}
}

static int
on_row(void *arg, const struct subscriber *s)
{
	struct ctx *x = arg;
	struct buf line = BUF_INIT;
	const char *date, *reason;

	strset_add(&x->rows, s->email);
	x->nrows++;
	if (!x->in->leaves(x->in->arg, s->email, &date, &reason))
		return 0;
	if (s->line == 0 || s->line > x->nlines) {
		warnx("%s:%zu: a row that is not one line", x->in->csv_path,
		    s->line);
		return -1;
	}
	x->gone[s->line - 1] = 1;
	x->p->removed++;
	removed_line(x, s, date, reason, &line);
	/* a killed sync may have written it already */
	if (!strset_add(&x->rm_have, line.data ? line.data : "")) {
		buf_add(&x->rm_add, line.data, line.len);
		buf_adds(&x->rm_add, x->rm_eol);
	}
	buf_free(&line);
	return 0;
}

/* removed.csv's columns: its header's, or the CSV's and the two. */
static int
rm_columns(struct ctx *x, char **keys, size_t nkeys)
{
	const struct listsync_in *in = x->in;
	struct lines ls;

	if (!in->rm) {
		for (size_t i = 0; i < nkeys; i++)
			if (!strcmp(keys[i], "removed") ||
			    !strcmp(keys[i], "reason")) {
				warnx("%s:1: a column is named \"%s\", which "
				    "%s adds", in->csv_path, printable(keys[i]),
				    in->rm_path);
				return -1;
			}
		x->nrm_keys = nkeys + 2;
		x->rm_keys = xcalloc(x->nrm_keys, sizeof *x->rm_keys);
		for (size_t i = 0; i < nkeys; i++)
			x->rm_keys[i] = xstrdup(keys[i]);
		x->rm_keys[nkeys] = xstrdup("removed");
		x->rm_keys[nkeys + 1] = xstrdup("reason");
		return 0;
	}
	if (bare_cr(in->rm_path, in->rm, in->rm_len) ||
	    list_csv_header(in->rm_path, in->rm, in->rm_len, &x->rm_keys,
	    &x->nrm_keys) == -1)
		return -1;
	for (size_t i = 0; i < nkeys + 2; i++) {
		const char *k = i < nkeys ? keys[i] :
		    i == nkeys ? "removed" : "reason";

		if (!has_key(x->rm_keys, x->nrm_keys, k)) {
			warnx("%s:1: no column \"%s\"; the header needs every "
			    "column of %s and \"removed\" and \"reason\"",
			    in->rm_path, k, in->csv_path);
			return -1;
		}
	}
	lines_split(&ls, in->rm, in->rm_len);
	x->rm_eol = eol_of(&ls);
	for (size_t i = 0; i < ls.n; i++) {
		size_t k = ls.len[i];
		char *l;

		if (k && in->rm[ls.off[i] + k - 1] == '\r')
			k--;
		l = xstrndup(in->rm + ls.off[i], k);
		strset_add(&x->rm_have, l);
		free(l);
	}
	lines_free(&ls);
	return 0;
}

/*
 * A web subscriber's address or name that a spreadsheet would take for a
 * formula, or a name holding a control, a bidi character or one shown as
 * nothing (ESC [2J, U+202E, U+200B: recorded before serve's form refused
 * them; util's name_hides, the form's test), never reaches the
 * editors' file: such an address is not appended (it stays a web
 * subscriber), such a name is left out, not cut: what is left of
 * "王<U+202E>gnp.exe" is a name nobody gave.  1 when the row is to be
 * skipped; *name is what to write.
 */
static int
formula(const struct listsync_in *in, const char *email, const char **name)
{
	static const char why[] = "starts with = + - @ (or the full-width "
	    "＝ ＋ － ＠), a TAB or a CR: a spreadsheet opening the file would "
	    "take it for a formula";

	if (list_csv_formula(email)) {
		warnx("%s: web subscriber %s is not appended: the address %s; "
		    "it stays a web subscriber", in->csv_path, email, why);
		return 1;
	}
	if (*name && list_csv_formula(*name)) {
		warnx("%s: web subscriber %s is appended without the name the "
		    "journal has: it %s", in->csv_path, email, why);
		*name = NULL;
	} else if (*name && name_hides(*name)) {
		warnx("%s: web subscriber %s is appended without the name the "
		    "journal has, \"%s\": it holds control, text-direction or "
		    "invisible characters (shown escaped here)", in->csv_path,
		    printable(email), printable(*name));
		*name = NULL;
	}
	return 0;
}

/* The appended rows, each ending in eol; counts them in p->added. */
static void
additions(struct ctx *x, char **keys, size_t nkeys, const char *eol,
    struct buf *out)
{
	const struct listsync_in *in = x->in;

	for (size_t i = 0; i < in->nadd; i++) {
		const char *date, *reason, *name = in->add_name[i];

		/* a subscriber who left would only be moved out again */
		if (strset_has(&x->rows, in->add_email[i]) ||
		    in->leaves(in->arg, in->add_email[i], &date, &reason) ||
		    formula(in, in->add_email[i], &name))
			continue;
		strset_add(&x->rows, in->add_email[i]);
		for (size_t k = 0; k < nkeys; k++) {
			if (k)
				buf_addc(out, ',');
			list_csv_field(out, !strcmp(keys[k], "email") ?
			    in->add_email[i] : !strcmp(keys[k], "name") &&
			    name ? name : "");
		}
		buf_adds(out, eol);
		x->p->added++;
	}
}

static int
count_row(void *arg, const struct subscriber *s)
{
	(void)s;
	(*(size_t *)arg)++;
	return 0;
}

/* "-3", "-3,2", "-2,0": a range as diff -U0 writes it. */
static void
range(struct buf *d, char sign, size_t before, size_t count)
{
	if (count == 0)
		buf_printf(d, "%c%zu,0", sign, before);
	else if (count == 1)
		buf_printf(d, "%c%zu", sign, before + 1);
	else
		buf_printf(d, "%c%zu,%zu", sign, before + 1, count);
}

static void
old_line(struct buf *d, const struct lines *ls, size_t i)
{
	buf_addc(d, '-');
	buf_add(d, ls->data + ls->off[i], ls->len[i]);
	buf_addc(d, '\n');
	if (i + 1 == ls->n && !ls->last_lf)
		buf_adds(d, "\\ No newline at end of file\n");
}

/* Each line of add (all end in LF) prefixed with '+'. */
static void
new_lines(struct buf *d, const char *add, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (i == 0 || add[i - 1] == '\n')
			buf_addc(d, '+');
		buf_addc(d, add[i]);
	}
}

static size_t
count_lf(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

/*
 * The diff from old (whose lines gone[] are dropped) to that plus the
 * lines add[0..addlen).  A last line without LF that stays while lines
 * are appended gains one: it counts as dropped and added again.
 */
static void
diff_file(struct buf *d, const char *from, const char *to,
    const struct lines *old, const unsigned char *gone, const char *add,
    size_t addlen)
{
	unsigned char *g = xcalloc(old->n + 1, 1);
	struct buf tail = BUF_INIT;
	size_t i = 0, newpos = 0, ntail;
	int any = 0;

	if (old->n)
		memcpy(g, gone, old->n);
	if (addlen && old->n && !old->last_lf && !g[old->n - 1]) {
		g[old->n - 1] = 1;
		buf_add(&tail, old->data + old->off[old->n - 1],
		    old->len[old->n - 1]);
		buf_addc(&tail, '\n');
	}
	buf_add(&tail, add, addlen);
	ntail = count_lf(tail.data, tail.len);
	for (;;) {
		size_t j;
		int last;

		while (i < old->n && !g[i]) {
			i++;
			newpos++;
		}
		if (i == old->n && (ntail == 0 || any == 2))
			break;
		for (j = i; j < old->n && g[j]; j++)
			;
		last = j == old->n;
		if (!any)
			buf_printf(d, "--- %s\n+++ %s\n", from, to);
		buf_adds(d, "@@ ");
		range(d, '-', i, j - i);
		buf_addc(d, ' ');
		range(d, '+', newpos, last ? ntail : 0);
		buf_adds(d, " @@\n");
		for (size_t k = i; k < j; k++)
			old_line(d, old, k);
		if (last) {
			new_lines(d, tail.data, tail.len);
			newpos += ntail;
		}
		any = last ? 2 : 1;
		i = j;
	}
	buf_free(&tail);
	free(g);
}

static void
new_csv(const struct lines *ls, const unsigned char *gone, const char *eol,
    const struct buf *add, struct buf *out)
{
	for (size_t i = 0; i < ls->n; i++) {
		if (gone[i])
			continue;
		buf_add(out, ls->data + ls->off[i], ls->len[i]);
		if (i + 1 < ls->n || ls->last_lf)
			buf_addc(out, '\n');
	}
	if (add->len && out->len && out->data[out->len - 1] != '\n')
		buf_adds(out, eol);
	buf_add(out, add->data, add->len);
	if (!out->data)
		buf_adds(out, "");
}

/* The new CSV must read back strictly, with the rows it should have. */
static int
verify(const struct ctx *x, const struct buf *csv)
{
	char *name = xasprintf("%s (as synced)", x->in->csv_path);
	size_t n = 0, want = x->nrows - x->p->removed + x->p->added;
	int rc = list_parse_csv(name, csv->data, csv->len, LIST_STRICT,
	    count_row, &n, NULL);

	if (rc == 0 && n != want) {
		warnx("%s: %zu row%s where %zu %s due", name, n,
		    n == 1 ? "" : "s", want, want == 1 ? "was" : "were");
		rc = -1;
	}
	if (rc == -1)
		warnx("%s: not written", x->in->csv_path);
	free(name);
	return rc;
}

static int
plan(struct ctx *x, const struct lines *ls, char **keys, size_t nkeys)
{
	const struct listsync_in *in = x->in;
	struct listsync_plan *p = x->p;
	struct buf add = BUF_INIT;
	const char *eol = eol_of(ls);
	struct lines rl;
	int rc = -1;

	x->rm_eol = eol;
	if (rm_columns(x, keys, nkeys) == -1 ||
	    list_parse_csv(in->csv_path, in->csv, in->csv_len, LIST_STRICT,
	    on_row, x, NULL) == -1)
		goto out;
	additions(x, keys, nkeys, eol, &add);
	new_csv(ls, x->gone, eol, &add, &p->csv);
	p->csv_changed = p->removed || p->added;
	if (p->csv_changed && verify(x, &p->csv) == -1)
		goto out;
	lines_split(&rl, in->rm ? in->rm : "", in->rm ? in->rm_len : 0);
	if (!in->rm && x->rm_add.len) {
		for (size_t i = 0; i < x->nrm_keys; i++) {
			if (i)
				buf_addc(&p->rm, ',');
			list_csv_field(&p->rm, x->rm_keys[i]);
		}
		buf_adds(&p->rm, eol);
		buf_add(&p->rm, x->rm_add.data, x->rm_add.len);
		diff_file(&p->diff, "/dev/null", in->rm_shown, &rl, NULL,
		    p->rm.data, p->rm.len);
	} else if (x->rm_add.len) {
		unsigned char *kept = xcalloc(rl.n + 1, 1);

		buf_add(&p->rm, in->rm, in->rm_len);
		if (in->rm_len && in->rm[in->rm_len - 1] != '\n')
			buf_adds(&p->rm, x->rm_eol);
		buf_add(&p->rm, x->rm_add.data, x->rm_add.len);
		diff_file(&p->diff, in->rm_shown, in->rm_shown, &rl, kept,
		    x->rm_add.data, x->rm_add.len);
		free(kept);
	}
	lines_free(&rl);
	p->rm_changed = x->rm_add.len > 0;
	if (p->csv_changed)
		diff_file(&p->diff, in->csv_shown, in->csv_shown, ls, x->gone,
		    add.data, add.len);
	rc = 0;
out:
	buf_free(&add);
	return rc;
}

int
listsync_make(const struct listsync_in *in, struct listsync_plan *p)
{
	struct ctx x = { 0 };
	struct lines ls;
	char **keys;
	size_t nkeys;
	int rc;

	memset(p, 0, sizeof *p);
	if (bare_cr(in->csv_path, in->csv, in->csv_len) ||
	    list_csv_header(in->csv_path, in->csv, in->csv_len, &keys,
	    &nkeys) == -1)
		return -1;
	x.in = in;
	x.p = p;
	x.rows = (struct strset)STRSET_INIT_NOCASE;
	lines_split(&ls, in->csv, in->csv_len);
	x.nlines = ls.n;
	x.gone = xcalloc(ls.n + 1, 1);
	rc = plan(&x, &ls, keys, nkeys);
	lines_free(&ls);
	free(x.gone);
	strset_free(&x.rows);
	strset_free(&x.rm_have);
	buf_free(&x.rm_add);
	for (size_t i = 0; i < x.nrm_keys; i++)
		free(x.rm_keys[i]);
	free(x.rm_keys);
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	return rc;
}

void
listsync_plan_free(struct listsync_plan *p)
{
	buf_free(&p->csv);
	buf_free(&p->rm);
	buf_free(&p->diff);
	memset(p, 0, sizeof *p);
}
