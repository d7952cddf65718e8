/* list: association profiles and subscriber CSV.  See list.h. */
#include "list.h"

#include <csv.h>
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "util.h"
#include "ydoc.h"

#define L(f) offsetof(struct list, f)
#define LIST_MAX_FIELDS 64
#define LIST_MAX_FIELD 4096
#define FULLWIDTH_COMMA "\xef\xbc\x8c"	/* U+FF0C */

static const struct yfield list_fields[] = {
	{ "name", YF_STR, L(name), 1, NULL },
	{ "short_name", YF_STR, L(short_name), 1, NULL },
	{ "greeting", YF_STR, L(greeting), 0, NULL },
	{ "contact", YF_STR, L(contact), 0, NULL },
	{ "list_id", YF_STR, L(list_id), 1, NULL },
	YF_END
};

int
list_valid_id(const char *id)
{
	if (!*id || strlen(id) > 40)
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_'))
			return 0;
	return 1;
}

struct list *
list_load(const char *dir, const char *id)
{
	struct list *l;
	struct buf b = BUF_INIT;
	struct ynode *root;
	const char *why;
	char *norm;
	int rc;

	if (!list_valid_id(id)) {
		warnx("%s: list id \"%s\" must be lowercase letters, digits, "
		    "- or _", dir, printable(id));
		return NULL;
	}
	l = xcalloc(1, sizeof *l);
	l->id = xstrdup(id);
	l->yaml_path = xasprintf("%s/%s.yaml", dir, id);
	l->csv_path = xasprintf("%s/%s.csv", dir, id);
	if (slurp_file(l->yaml_path, 65536, &b) == -1) {
		list_free(l);
		return NULL;
	}
	root = ynode_parse(l->yaml_path, b.data, b.len, 0);
	buf_free(&b);
	rc = root ? ydoc_bind(l->yaml_path, root, list_fields, l) : -1;
	/* List-Id is "<list-label . domain>" (RFC 2919): an address domain */
	if (rc == 0) {
		char *probe = xasprintf("x@%s", l->list_id);

		if (addr_normalize(probe, &norm, &why) == -1 ||
		    strcmp(norm + 2, l->list_id)) {
			warnx("%s: list_id \"%s\" is not a lowercase dotted "
			    "domain-like id (RFC 2919)", l->yaml_path,
			    printable(l->list_id));
			rc = -1;
		}
		free(norm);
		free(probe);
	}
	ynode_free(root);
	if (rc == -1) {
		list_free(l);
		return NULL;
	}
	return l;
}

void
list_free(struct list *l)
{
	if (!l)
		return;
	ydoc_clear(list_fields, l);
	free(l->id);
	free(l->yaml_path);
	free(l->csv_path);
	free(l);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
list_ids(const char *dir, char ***ids, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	*ids = NULL;
	*n = 0;
	if (!d) {
		if (errno == ENOMEM)	/* not the folder's fault: exit 71 */
			util_oom("opendir");
		warn("%s", dir);
		return -1;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len <= 5 || e->d_name[0] == '.' ||
		    strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		*ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
		(*ids)[(*n)++] = xstrndup(e->d_name, len - 5);
	}
	closedir(d);
	qsort(*ids, *n, sizeof **ids, cmp_str);
	return 0;
}

struct csvstate {
	const char *file;
	int flags;
	int (*fn)(void *, const struct subscriber *);
	void *arg;
	size_t line;		/* physical line being fed */
	size_t row_line;	/* line where the current row started */
	size_t row;		/* rows seen, header included */
	char *fields[LIST_MAX_FIELDS];
	size_t nfields;
	int overflow;
	int nul;		/* a field of this row holds a NUL byte */
	char *keys[LIST_MAX_FIELDS];
	size_t nkeys;
	long email_col, name_col;
	struct strset seen;	/* addresses so far, ignoring case */
	size_t *bad;
	int failed;		/* a strict error or fn asked to stop */
	int stop;
	int begun;		/* a byte was fed */
	int enc_hinted;		/* the encoding was named once */
	char ***header_out;	/* list_csv_header: the keys go here */
	size_t *nheader_out;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct csvstate *st = data;

	if (st->nfields == 0)
		st->row_line = st->line;
	if (st->nfields >= LIST_MAX_FIELDS) {
		st->overflow = 1;
		return;
	}
	/* the field is kept as a C string: a NUL would silently cut it */
	if (s && memchr(s, '\0', len))
		st->nul = 1;
	st->fields[st->nfields++] = xstrndup(s ? s : "", s ? len : 0);
}

static int
row_error(struct csvstate *st, const char *what, const char *detail)
{
	warnx("%s:%zu: %s%s%s", st->file, st->row_line, what,
	    detail ? ": " : "", detail ? printable(detail) : "");
	if (st->bad)
		(*st->bad)++;
	if (st->flags & LIST_STRICT)
		st->failed = 1;
	return -1;
}

/* What a refused header has instead: the usual slips, named. */
static void
header_hint(const struct csvstate *st, struct buf *b)
{
	const char *k = st->nkeys ? st->keys[0] : "";

	buf_adds(b, "");
	if (st->nkeys == 1 && strpbrk(k, ";\t")) {
		buf_printf(b, ": its fields are separated by %s, not commas",
		    strchr(k, ';') ? "semicolons" : "tabs");
		return;
	}
	/* U+FF0C, as an input method in Chinese punctuation types it */
	if (st->nkeys == 1 && strstr(k, FULLWIDTH_COMMA)) {
		buf_adds(b, ": its fields are separated by full-width commas "
		    "(" FULLWIDTH_COMMA "), not commas");
		return;
	}
	for (size_t i = 0; i < st->nkeys; i++)
		if ((!strcasecmp(st->keys[i], "email") ||
		    !strcasecmp(st->keys[i], "name")) &&
		    strcmp(st->keys[i], "email") &&
		    strcmp(st->keys[i], "name")) {
			buf_printf(b, ": names are lower case, not \"%s\"",
			    st->keys[i]);
			return;
		}
	if (st->email_col < 0 || st->name_col < 0)
		buf_printf(b, ": it has no \"%s\" column",
		    st->email_col < 0 ? "email" : "name");
}

static int
take_header(struct csvstate *st)
{
	st->email_col = st->name_col = -1;
	for (size_t i = 0; i < st->nfields; i++) {
		st->keys[i] = st->fields[i];
		st->fields[i] = NULL;
		if (!strcmp(st->keys[i], "email"))
			st->email_col = (long)i;
		else if (!strcmp(st->keys[i], "name"))
			st->name_col = (long)i;
	}
	st->nkeys = st->nfields;
	if (st->email_col < 0 || st->name_col < 0) {
		struct buf hint = BUF_INIT;

		header_hint(st, &hint);
		st->failed = 1;
		warnx("%s:%zu: the header row must name the columns \"email\" "
		    "and \"name\"%s", st->file, st->row_line,
		    printable(hint.data));
		buf_free(&hint);
		return -1;
	}
	return 0;
}

/*
 * Why a row has too few fields, when it says: a full-width comma where a
 * separator was meant.  NULL otherwise.
 */
static const char *
few_fields(const struct csvstate *st)
{
	if (st->nfields >= st->nkeys)
		return NULL;
	for (size_t i = 0; i < st->nfields; i++)
		if (st->fields[i] && strstr(st->fields[i], FULLWIDTH_COMMA))
			return "a field holds a full-width comma ("
			    FULLWIDTH_COMMA "): separate the fields with an "
			    "ASCII comma";
	return NULL;
}

/* A refused row that starts with '#': meant as a comment, say why not. */
static const char *
comment(const struct csvstate *st)
{
	/* shell, YAML and git have them; RFC 4180 has none */
	return st->fields[0][0] == '#' ? "a CSV has no comment lines: "
	    "delete the line or keep the note in a column of its own" : NULL;
}

/*
 * What a row of another number of fields than the header's says: a
 * comment, a full-width comma, else the two counts, and for one too
 * many the usual cause, a name or city with a comma typed unquoted
 * (Li, Ming).  The caller frees.
 */
static char *
field_count(const struct csvstate *st)
{
	const char *why = comment(st) ? comment(st) : few_fields(st);

	if (why)
		return xstrdup(why);
	return xasprintf("%zu where the header has %zu%s", st->nfields,
	    st->nkeys, st->nfields > st->nkeys ? ": a value holding a "
	    "comma goes in double quotes, as \"Li, Ming\"" : "");
}

static void
take_row(struct csvstate *st)
{
	struct subscriber sub;
	const char *why;
	char *email = NULL;
	size_t bad;
	uintptr_t first;

	if (st->nul) {
		row_error(st, "NUL byte inside a field", NULL);
		return;
	}
	for (size_t i = 0; i < st->nfields; i++) {
		if (strlen(st->fields[i]) > LIST_MAX_FIELD) {
			row_error(st, "field longer than 4096 bytes", NULL);
			return;
		}
		if (!utf8_valid(st->fields[i], strlen(st->fields[i]), &bad)) {
			/* a spreadsheet's plain "CSV" is a legacy code page */
			char *d = xasprintf("%s%s", st->keys[i],
			    st->enc_hinted++ ? "" : " (the file must be "
			    "UTF-8, as a spreadsheet's \"CSV UTF-8\" is, not "
			    "GBK or another legacy encoding)");

			row_error(st, "invalid UTF-8", d);
			free(d);
			return;
		}
		if (has_ctl_break(st->fields[i], strlen(st->fields[i]))) {
			row_error(st, "line break inside a field",
			    st->keys[i]);
			return;
		}
	}
	if (st->nfields != st->nkeys) {
		char *d = field_count(st);

		row_error(st, "wrong number of fields", d);
		free(d);
		return;
	}
	if (addr_normalize_eai(st->fields[st->email_col], &email, &why) ==
	    -1) {
		char *d = xasprintf("\"%s\": %s%s%s",
		    st->fields[st->email_col], why, comment(st) ? "; " : "",
		    comment(st) ? comment(st) : "");

		row_error(st, "invalid address", d);
		free(d);
		return;
	}
	/* mailbox providers treat A@x and a@x as one person */
	if ((first = (uintptr_t)strset_get(&st->seen, email))) {
		/* which of the two to delete is the editor's to decide */
		char *d = xasprintf("%s: line %zu repeats line %zu's address",
		    email, st->row_line, (size_t)first);

		row_error(st, "duplicate address", d);
		free(d);
		free(email);
		return;
	}
	strset_put(&st->seen, email, (void *)(uintptr_t)st->row_line);
	sub.email = email;
	sub.name = st->fields[st->name_col];
	sub.line = st->row_line;
	sub.nfields = st->nfields;
	sub.keys = (const char *const *)st->keys;
	sub.values = (const char *const *)st->fields;
	if (st->fn(st->arg, &sub) == -1)
		st->stop = st->failed = 1;
	free(email);
}

/* list_csv_header: hands the keys over and stops the parse. */
static void
give_header(struct csvstate *st)
{
	*st->header_out = xcalloc(st->nkeys, sizeof **st->header_out);
	for (size_t i = 0; i < st->nkeys; i++) {
		(*st->header_out)[i] = st->keys[i];
		st->keys[i] = NULL;
	}
	*st->nheader_out = st->nkeys;
	st->nkeys = 0;
	st->stop = 1;
}

/*
 * A row whose every field is empty: a blank line, or a spreadsheet's
 * row of separators only (",,": a row once used, then cleared).
 */
static int
blank_row(const struct csvstate *st)
{
	for (size_t i = 0; i < st->nfields; i++)
		if (st->fields[i][0] != '\0')
			return 0;
	return 1;
}

/*
 * A line git leaves in a file it could not merge: "<<<<<<< HEAD",
 * "=======", ">>>>>>> branch" (and diff3's "||||||| base").
 */
static int
conflict_marker(const struct csvstate *st)
{
	const char *f = st->nfields ? st->fields[0] : "";

	if (!strcmp(f, "======="))
		return 1;
	return strchr("<>|", f[0]) && f[0] && !strncmp(f, f[0] == '<' ?
	    "<<<<<<<" : f[0] == '>' ? ">>>>>>>" : "|||||||", 7) &&
	    (f[7] == ' ' || f[7] == '\0');
}

static void
on_row(int c, void *data)
{
	struct csvstate *st = data;

	(void)c;
	if (conflict_marker(st)) {
		/* the rows above it are both sides' */
		warnx("%s:%zu: \"%s\" is a merge conflict marker git left: "
		    "resolve the conflict (edit the file or git checkout "
		    "--ours/--theirs, then git add) before the rows from here "
		    "on are read", st->file, st->row_line,
		    printable(st->fields[0]));
		if (st->bad)
			(*st->bad)++;
		st->failed = st->stop = 1;
	} else if (st->overflow)
		row_error(st, "more than 64 columns", NULL);
	else if (blank_row(st)) {
		/* nothing to read */
	} else if (st->row++ == 0) {
		if (take_header(st) == -1)
			st->stop = 1;
		else if (st->header_out)
			give_header(st);
	} else if (!st->stop)
		take_row(st);
	for (size_t i = 0; i < st->nfields; i++) {
		free(st->fields[i]);
		st->fields[i] = NULL;
	}
	st->nfields = 0;
	st->overflow = 0;
	st->nul = 0;
}

static void
state_init(struct csvstate *st, const char *file, int flags,
    int (*fn)(void *, const struct subscriber *), void *arg, size_t *bad)
{
	memset(st, 0, sizeof *st);
	st->file = file;
	st->flags = flags;
	st->fn = fn;
	st->arg = arg;
	st->bad = bad;
	st->line = 1;
	st->seen = (struct strset)STRSET_INIT_NOCASE;
	if (bad)
		*bad = 0;
}

static void
state_free(struct csvstate *st)
{
	for (size_t i = 0; i < st->nkeys; i++)
		free(st->keys[i]);
	for (size_t i = 0; i < st->nfields; i++)
		free(st->fields[i]);
	strset_free(&st->seen);
}

/* Feeds one chunk line by line so row_line names the physical line. */
static int
feed(struct csv_parser *p, struct csvstate *st, const char *s, size_t n)
{
	if (!st->begun && foreign_bom(s, n)) {
		/* Excel's "Unicode Text": no column would be found */
		warnx("%s:1: the file is %s, by its byte order mark, not "
		    "UTF-8: save it as \"CSV UTF-8\"", st->file,
		    foreign_bom(s, n));
		return -1;
	}
	if (!st->begun)
		skip_utf8_bom(&s, &n);	/* it belongs to no column name */
	st->begun |= n > 0;
	while (n > 0 && !st->stop) {
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) + 1 : n;

		if (csv_parse(p, s, k, on_field, on_row, st) != k) {
			warnx("%s:%zu: %s", st->file, st->line,
			    csv_strerror(csv_error(p)));
			return -1;
		}
		if (nl)
			st->line++;
		s += k;
		n -= k;
	}
	return 0;
}

static int
finish(struct csv_parser *p, struct csvstate *st, int rc)
{
	if (rc == 0 && !st->stop && csv_fini(p, on_field, on_row, st) != 0) {
		warnx("%s:%zu: %s", st->file, st->line,
		    csv_strerror(csv_error(p)));
		rc = -1;
	}
	if (rc == 0 && st->row == 0) {
		warnx("%s:1: empty file: a header row \"email,name\" is "
		    "needed", st->file);
		rc = -1;
	}
	csv_free(p);
	if (st->failed)
		rc = -1;
	state_free(st);
	return rc;
}

static int
parser_init(struct csv_parser *p)
{
	if (csv_init(p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0)
		util_oom("libcsv");
	return 0;
}

int
list_parse_csv(const char *file, const char *data, size_t len, int flags,
    int (*fn)(void *arg, const struct subscriber *s), void *arg,
    size_t *bad)
{
	struct csv_parser p;
	struct csvstate st;

	state_init(&st, file, flags, fn, arg, bad);
	parser_init(&p);
	return finish(&p, &st, feed(&p, &st, data, len));
}

int
list_csv_header(const char *file, const char *data, size_t len,
    char ***keys, size_t *n)
{
	struct csv_parser p;
	struct csvstate st;

	*keys = NULL;
	*n = 0;
	state_init(&st, file, LIST_STRICT, NULL, NULL, NULL);
	st.header_out = keys;
	st.nheader_out = n;
	parser_init(&p);
	/* the rest of the header's chunk is parsed too, and may fail */
	if (finish(&p, &st, feed(&p, &st, data, len)) == 0)
		return 0;
	for (size_t i = 0; i < *n; i++)
		free((*keys)[i]);
	free(*keys);
	*keys = NULL;
	*n = 0;
	return -1;
}

void
list_csv_field(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	if (!strpbrk(s, ",\"\r\n") && !(n && (strchr(" \t", s[0]) ||
	    strchr(" \t", s[n - 1])))) {
		buf_add(b, s, n);
		return;
	}
	buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

int
list_csv_formula(const char *s)
{
	/*
	 * U+FF1D U+FF0B U+FF0D U+FF20 in UTF-8: LibreOffice, and Excel in
	 * East Asian locales, read the full-width = + - @ as the ASCII ones.
	 */
	static const char *const wide[] = { "\xef\xbc\x9d", "\xef\xbc\x8b",
		"\xef\xbc\x8d", "\xef\xbc\xa0" };

	/*
	 * Blanks before the character are skipped: ASCII spaces, and the
	 * no-break and ideographic spaces, which a spreadsheet may trim as
	 * well (unverified, so refusing is the safe side).
	 */
	for (;;) {
		if (*s == ' ')
			s++;
		else if (!strncmp(s, "\xc2\xa0", 2))
			s += 2;
		else if (!strncmp(s, "\xe3\x80\x80", 3))
			s += 3;
		else
			break;
	}
	if (*s && strchr("=+-@\t\r", *s))
		return 1;
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (!strncmp(s, wide[i], 3))
			return 1;
	return 0;
}

int
list_each(const struct list *l, int flags,
    int (*fn)(void *arg, const struct subscriber *s), void *arg,
    size_t *bad)
{
	struct csv_parser p;
	struct csvstate st;
	char chunk[65536];
	size_t n;
	int rc = 0;
	FILE *f = fopen(l->csv_path, "r");

	if (!f) {
		warn("%s", l->csv_path);
		return -1;
	}
	state_init(&st, l->csv_path, flags, fn, arg, bad);
	parser_init(&p);
	while (rc == 0 && !st.stop && (n = fread(chunk, 1, sizeof chunk, f)))
		rc = feed(&p, &st, chunk, n);
	if (ferror(f)) {
		warn("%s", l->csv_path);
		rc = -1;
	}
	fclose(f);
	return finish(&p, &st, rc);
}

int
list_load_all(const char *dir, struct list ***out, size_t *n)
{
	char **ids;
	size_t nids;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (list_ids(dir, &ids, &nids) == -1)
		return -1;
	*out = xcalloc(nids ? nids : 1, sizeof **out);
	for (size_t i = 0; i < nids; i++) {
		struct list *l = list_load(dir, ids[i]);

		if (l)
			(*out)[(*n)++] = l;
		else
			rc = -1;
		free(ids[i]);
	}
	free(ids);
	return rc;
}
