/*
 * tmpl: Mustache templates.  See tmpl.h.
 *
 * Implements the core modules of the Mustache spec v1.3.  The parser turns
 * the source into a tree of ops (text, line start, variable, section,
 * partial); rendering walks the tree with a context stack kept on the C
 * stack.  Standalone lines are resolved at parse time.  Indentation of
 * standalone partials is applied at render time through OP_INDENT ops that
 * the parser places at the start of each source line, so one compiled
 * partial serves every indentation.
 */
#include "tmpl.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deeper section nesting is refused: rendering and freeing recurse. */
#define NEST_MAX 256

enum op_type {
	OP_TEXT,	/* literal text */
	OP_INDENT,	/* start of a source line: emit the partial indent */
	OP_VAR,		/* {{x}}: escaped unless no_escape */
	OP_RAW,		/* {{{x}}}, {{&x}} */
	OP_SECTION,	/* {{#x}}...{{/x}} */
	OP_INVERTED,	/* {{^x}}...{{/x}} */
	OP_PARTIAL,	/* {{>x}} */
};

struct op;

struct ops {
	struct op *v;
	size_t n, cap;
};

struct op {
	enum op_type type;
	size_t line;		/* of the tag, for messages */
	char *s;		/* text, or tag name */
	size_t len;
	char *indent;		/* standalone OP_PARTIAL: its indentation */
	struct ops body;	/* sections */
};

enum pstate { P_OK, P_MISSING, P_BAD };

struct pentry {
	char *name;
	enum pstate state;
	struct tmpl *t;
};

/* Partials loaded so far, shared by a template and all its partials. */
struct pcache {
	struct pentry *v;
	size_t n, cap;
	unsigned gen;		/* visit generation for tmpl_uses_key */
};

struct tmpl {
	char *file;
	struct ops ops;
	struct tmpl_opts opts;
	struct pcache *cache;
	int owns_cache;
	unsigned mark;		/* cache->gen when last visited */
};

struct parser {
	const char *file;
	const char *src;
	size_t len;
	const char *otag, *ctag;	/* point into src after {{=...=}} */
	size_t olen, clen;
	struct op **open;		/* sections not yet closed */
	size_t nopen, capopen;
	struct ops *root;
};

/* A parsed tag: src[ts..te) is the whole tag, src[ns..ne) its content. */
struct tag {
	int sigil;		/* 0: plain variable, else one of {&#^/>!= */
	size_t ts, te, ns, ne;
};

/* The context stack, one frame per entered section. */
struct ctx {
	json_t *v;
	const struct ctx *up;
};

struct render {
	struct buf *out;
	const struct tmpl *t;	/* template whose ops are being rendered */
	const char *indent;	/* of the standalone partials we are in */
	int depth;		/* partial nesting */
};

static struct tmpl *parse(const char *, const char *, size_t,
    const struct tmpl_opts *, struct pcache *);
static int render_ops(const struct ops *, const struct ctx *,
    struct render *);
static int ops_use_key(const struct tmpl *, const struct ops *,
    const char *, size_t);

/* ---- op tree ---- */

static struct op *
ops_add(struct ops *ops, enum op_type type, size_t line)
{
	struct op *op;

	if (ops->n == ops->cap) {
		ops->cap = ops->cap ? ops->cap * 2 : 8;
		ops->v = xrealloc(ops->v, ops->cap * sizeof *ops->v);
	}
	op = &ops->v[ops->n++];
	memset(op, 0, sizeof *op);
	op->type = type;
	op->line = line;
	return op;
}

static void
ops_free(struct ops *ops)
{
	size_t i;

	for (i = 0; i < ops->n; i++) {
		free(ops->v[i].s);
		free(ops->v[i].indent);
		ops_free(&ops->v[i].body);
	}
	free(ops->v);
}

/* ---- parser ---- */

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static int
is_space(int c)
{
	return is_blank(c) || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f';
}

static int
has_space(const char *s, size_t n)
{
	while (n-- > 0)
		if (is_space(*s++))
			return 1;
	return 0;
}

static int
line_start(const struct parser *p, size_t off)
{
	return off == 0 || p->src[off - 1] == '\n';
}

static struct ops *
cur_ops(struct parser *p)
{
	return p->nopen ? &p->open[p->nopen - 1]->body : p->root;
}

static int
perr(const struct parser *p, size_t off, const char *what)
{
	warnx("%s:%zu: %s", p->file, line_of(p->src, off), what);
	return -1;
}

/* Emits src[a..b) as text ops, with an OP_INDENT at each line start. */
static void
emit_text(struct parser *p, size_t a, size_t b)
{
	struct op *op;
	const char *nl;
	size_t e;

	while (a < b) {
		if (line_start(p, a))
			ops_add(cur_ops(p), OP_INDENT, 0);
		nl = memchr(p->src + a, '\n', b - a);
		e = nl ? (size_t)(nl - p->src) + 1 : b;
		op = ops_add(cur_ops(p), OP_TEXT, 0);
		op->s = xstrndup(p->src + a, e - a);
		op->len = e - a;
		a = e;
	}
}

/* Finds the end of a {{{x}}} tag: '}' followed by the closing delimiter. */
static const char *
find_triple_end(const struct parser *p, size_t from)
{
	const char *c = p->src + from;
	const char *end = p->src + p->len;

	while ((c = memmem(c, end - c, p->ctag, p->clen)) != NULL) {
		if (c > p->src + from && c[-1] == '}')
			return c - 1;
		c++;
	}
	return NULL;
}

/* Reads the tag opening at ts into *tg. */
static int
scan_tag(const struct parser *p, size_t ts, struct tag *tg)
{
	size_t s = ts + p->olen;
	const char *c;

	tg->ts = ts;
	tg->sigil = s < p->len && strchr("{&#^/>!=", p->src[s]) ?
	    p->src[s] : 0;
	if (tg->sigil)
		s++;
	if (tg->sigil == '{')
		c = find_triple_end(p, s);
	else
		c = memmem(p->src + s, p->len - s, p->ctag, p->clen);
	if (!c)
		return perr(p, ts, "unclosed tag");
	tg->ns = s;
	tg->ne = c - p->src;
	tg->te = tg->ne + p->clen + (tg->sigil == '{');
	if (tg->sigil == '=') {
		if (tg->ne == tg->ns || p->src[tg->ne - 1] != '=')
			return perr(p, ts, "bad delimiter change");
		tg->ne--;
	}
	while (tg->ns < tg->ne && is_space(p->src[tg->ns]))
		tg->ns++;
	while (tg->ne > tg->ns && is_space(p->src[tg->ne - 1]))
		tg->ne--;
	if (tg->ns == tg->ne && tg->sigil != '!')
		return perr(p, ts, tg->sigil == '=' ? "bad delimiter change" :
		    "empty tag");
	return 0;
}

/*
 * A section, comment, partial or delimiter tag alone on its line (but for
 * blanks) is standalone: the whole line vanishes from the output.  Sets
 * *ls to the line start and *next to the start of the following line.
 */
static int
standalone(const struct parser *p, const struct tag *tg, size_t *ls,
    size_t *next)
{
	size_t a = tg->ts, b = tg->te;

	if (!tg->sigil || strchr("{&", tg->sigil))
		return 0;
	while (a > 0 && is_blank(p->src[a - 1]))
		a--;
	if (!line_start(p, a))
		return 0;
	while (b < p->len && is_blank(p->src[b]))
		b++;
	if (b + 1 < p->len && p->src[b] == '\r' && p->src[b + 1] == '\n')
		b += 2;
	else if (b < p->len && p->src[b] == '\n')
		b++;
	else if (b < p->len)
		return 0;
	*ls = a;
	*next = b;
	return 1;
}

/* {{=<% %>=}}: two blank-separated delimiters, neither holding '='. */
static int
set_delims(struct parser *p, const struct tag *tg)
{
	size_t a = tg->ns, b, c, d = tg->ne;

	for (b = a; b < d && !is_space(p->src[b]); b++)
		;
	for (c = b; c < d && is_space(p->src[c]); c++)
		;
	if (b == a || c == b || c == d || memchr(p->src + a, '=', d - a) ||
	    has_space(p->src + c, d - c))
		return perr(p, tg->ts, "bad delimiter change");
	p->otag = p->src + a;
	p->olen = b - a;
	p->ctag = p->src + c;
	p->clen = d - c;
	return 0;
}

static int
close_section(struct parser *p, const struct tag *tg)
{
	struct op *sec;

	if (p->nopen == 0)
		return perr(p, tg->ts, "close tag without open section");
	sec = p->open[p->nopen - 1];
	if (sec->len != tg->ne - tg->ns ||
	    memcmp(sec->s, p->src + tg->ns, sec->len) != 0) {
		struct buf b = BUF_INIT;

		buf_add_printable(&b, p->src + tg->ns, tg->ne - tg->ns);
		warnx("%s:%zu: mismatched close tag \"%s\" for \"%s\" "
		    "opened on line %zu", p->file, line_of(p->src, tg->ts),
		    b.data, printable(sec->s), sec->line);
		buf_free(&b);
		return -1;
	}
	p->nopen--;
	return 0;
}

static int
open_section(struct parser *p, struct op *op)
{
	if (p->nopen == NEST_MAX) {
		warnx("%s:%zu: sections nested deeper than %d", p->file,
		    op->line, NEST_MAX);
		return -1;
	}
	if (p->nopen == p->capopen) {
		p->capopen = p->capopen ? p->capopen * 2 : 8;
		p->open = xrealloc(p->open, p->capopen * sizeof *p->open);
	}
	p->open[p->nopen++] = op;
	return 0;
}

/* Adds the op for tag tg; indent is the standalone indentation or NULL. */
static int
add_tag(struct parser *p, const struct tag *tg, const char *indent,
    size_t ilen)
{
	size_t line = line_of(p->src, tg->ts);
	struct op *op;
	enum op_type type;

	switch (tg->sigil) {
	case '!':
		return 0;
	case '=':
		return set_delims(p, tg);
	case '/':
		return close_section(p, tg);
	case '#':
		type = OP_SECTION;
		break;
	case '^':
		type = OP_INVERTED;
		break;
	case '>':
		type = OP_PARTIAL;
		break;
	case '{':
	case '&':
		type = OP_RAW;
		break;
	default:
		type = OP_VAR;
		break;
	}
	op = ops_add(cur_ops(p), type, line);
	op->len = tg->ne - tg->ns;
	op->s = xstrndup(p->src + tg->ns, op->len);
	if (type == OP_PARTIAL && indent)
		op->indent = xstrndup(indent, ilen);
	if (type == OP_SECTION || type == OP_INVERTED)
		return open_section(p, op);
	return 0;
}

/* Handles the tag at ts; text from *pos up to it is still pending. */
static int
parse_tag(struct parser *p, size_t *pos, size_t ts)
{
	struct tag tg;
	size_t ls, next;

	if (scan_tag(p, ts, &tg) == -1)
		return -1;
	if (standalone(p, &tg, &ls, &next)) {
		emit_text(p, *pos, ls);
		*pos = next;
		return add_tag(p, &tg, p->src + ls, ts - ls);
	}
	emit_text(p, *pos, ts);
	if (line_start(p, ts))
		ops_add(cur_ops(p), OP_INDENT, 0);
	*pos = tg.te;
	return add_tag(p, &tg, NULL, 0);
}

static int
parse_src(struct parser *p)
{
	size_t pos = 0;
	const char *o;

	while (pos < p->len) {
		o = memmem(p->src + pos, p->len - pos, p->otag, p->olen);
		if (!o) {
			emit_text(p, pos, p->len);
			break;
		}
		if (parse_tag(p, &pos, o - p->src) == -1)
			return -1;
	}
	if (p->nopen) {
		warnx("%s:%zu: unclosed section \"%s\"", p->file,
		    p->open[p->nopen - 1]->line,
		    printable(p->open[p->nopen - 1]->s));
		return -1;
	}
	return 0;
}

static struct tmpl *
parse(const char *file, const char *src, size_t len,
    const struct tmpl_opts *opts, struct pcache *cache)
{
	struct tmpl *t = xcalloc(1, sizeof *t);
	struct parser p = { 0 };
	int rc;

	t->file = xstrdup(file ? file : "(template)");
	if (opts)
		t->opts = *opts;
	t->cache = cache;
	/* an editor's Notepad may save one; as text it would be sent */
	skip_utf8_bom(&src, &len);
	p.file = t->file;
	p.src = src;
	p.len = len;
	p.otag = "{{";
	p.ctag = "}}";
	p.olen = p.clen = 2;
	p.root = &t->ops;
	rc = parse_src(&p);
	free(p.open);
	if (rc == -1) {
		tmpl_free(t);
		return NULL;
	}
	return t;
}

struct tmpl *
tmpl_parse(const char *file, const char *src, size_t len,
    const struct tmpl_opts *opts)
{
	struct pcache *cache = xcalloc(1, sizeof *cache);
	struct tmpl *t;

	t = parse(file, src, len, opts, cache);
	if (!t) {
		free(cache);
		return NULL;
	}
	t->owns_cache = 1;
	return t;
}

void
tmpl_free(struct tmpl *t)
{
	size_t i;

	if (!t)
		return;
	if (t->owns_cache) {
		for (i = 0; i < t->cache->n; i++) {
			free(t->cache->v[i].name);
			tmpl_free(t->cache->v[i].t);
		}
		free(t->cache->v);
		free(t->cache);
	}
	ops_free(&t->ops);
	free(t->file);
	free(t);
}

/* ---- partials ---- */

static struct pentry *
cache_add(struct pcache *c, const char *name)
{
	struct pentry *e;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->v = xrealloc(c->v, c->cap * sizeof *c->v);
	}
	e = &c->v[c->n++];
	e->name = xstrdup(name);
	e->state = P_MISSING;
	e->t = NULL;
	return e;
}

static struct pentry *
load_partial(const struct tmpl *t, const char *name)
{
	struct pentry *e = cache_add(t->cache, name);
	char *file = NULL, *src = NULL;

	if (t->opts.load)
		src = t->opts.load(t->opts.load_arg, name, &file);
	if (src) {
		e->t = parse(file ? file : name, src, strlen(src), &t->opts,
		    t->cache);
		e->state = e->t ? P_OK : P_BAD;
	}
	free(src);
	free(file);
	return e;
}

/*
 * Sets *pt to the compiled partial `name` referenced from op in t, or to
 * NULL when there is none.  A syntax error is reported when first parsed;
 * later uses only say where the broken partial was included.
 */
static int
get_partial(const struct tmpl *t, const struct op *op, struct tmpl **pt)
{
	struct pentry *e = NULL;
	size_t i;

	for (i = 0; i < t->cache->n && !e; i++)
		if (strcmp(t->cache->v[i].name, op->s) == 0)
			e = &t->cache->v[i];
	if (!e) {
		e = load_partial(t, op->s);
		if (e->state == P_BAD)
			return -1;
	} else if (e->state == P_BAD) {
		warnx("%s:%zu: partial \"%s\" has errors", t->file, op->line,
		    printable(op->s));
		return -1;
	}
	*pt = e->t;
	return 0;
}

/* ---- rendering ---- */

/* Resolves a (dotted) name against the context stack; NULL on a miss. */
static json_t *
lookup(const struct ctx *c, const char *name, size_t len)
{
	const char *end = name + len, *dot;
	json_t *v = NULL;

	if (len == 1 && name[0] == '.')
		return c->v;
	dot = memchr(name, '.', len);
	if (!dot)
		dot = end;
	for (; c && !v; c = c->up)
		if (json_is_object(c->v))
			v = json_object_getn(c->v, name, dot - name);
	while (v && dot < end) {
		name = dot + 1;
		dot = memchr(name, '.', end - name);
		if (!dot)
			dot = end;
		v = json_is_object(v) ? json_object_getn(v, name, dot - name) :
		    NULL;
	}
	return v;
}

/* JavaScript-like truthiness, as the spec suggests (`!!data`). */
static int
truthy(const json_t *v)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
	case JSON_TRUE:
		return 1;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0.0;
	default:
		return 0;
	}
}

/* The shortest %g form that reads back as the same double: 1.21, not 1.2099. */
static void
add_real(struct buf *out, double d)
{
	char tmp[64];
	int prec;

	for (prec = 1; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	snprintf(tmp, sizeof tmp, "%.*g", prec, d);
	buf_adds(out, tmp);
}

/* Objects and arrays interpolate as empty, like a miss. */
static void
add_value(struct buf *out, const json_t *v, int escape)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		if (escape)
			buf_add_html_n(out, json_string_value(v),
			    json_string_length(v));
		else
			buf_add(out, json_string_value(v),
			    json_string_length(v));
		break;
	case JSON_INTEGER:
		buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		add_real(out, json_real_value(v));
		break;
	case JSON_TRUE:
		buf_adds(out, "true");
		break;
	case JSON_FALSE:
		buf_adds(out, "false");
		break;
	default:
		break;
	}
}

static int
render_section(const struct op *op, const struct ctx *c, struct render *r)
{
	json_t *v = lookup(c, op->s, op->len);
	struct ctx top = { v, c };
	size_t i;

	if (op->type == OP_INVERTED)
		return truthy(v) ? 0 : render_ops(&op->body, c, r);
	if (!json_is_array(v))
		return truthy(v) ? render_ops(&op->body, &top, r) : 0;
	for (i = 0; i < json_array_size(v); i++) {
		top.v = json_array_get(v, i);
		if (render_ops(&op->body, &top, r) == -1)
			return -1;
	}
	return 0;
}

/*
 * A standalone partial adds its indentation to the one in force; an inline
 * partial starts without any, as if its source were pasted in place.
 */
static int
render_partial(const struct op *op, const struct ctx *c, struct render *r)
{
	struct render sub = *r;
	struct tmpl *pt = NULL;
	char *indent = NULL;
	int rc;

	if (r->depth >= TMPL_MAX_DEPTH) {
		warnx("%s:%zu: partials nested deeper than %d", r->t->file,
		    op->line, TMPL_MAX_DEPTH);
		return -1;
	}
	if (get_partial(r->t, op, &pt) == -1)
		return -1;
	if (!pt)
		return 0;
	sub.t = pt;
	sub.depth++;
	sub.indent = "";
	if (op->indent)
		sub.indent = indent = xasprintf("%s%s", r->indent, op->indent);
	rc = render_ops(&pt->ops, c, &sub);
	free(indent);
	return rc;
}

static int
render_ops(const struct ops *ops, const struct ctx *c, struct render *r)
{
	const struct op *op;
	size_t i;

	for (i = 0; i < ops->n; i++) {
		op = &ops->v[i];
		switch (op->type) {
		case OP_TEXT:
			buf_add(r->out, op->s, op->len);
			break;
		case OP_INDENT:
			buf_adds(r->out, r->indent);
			break;
		case OP_VAR:
		case OP_RAW:
			add_value(r->out, lookup(c, op->s, op->len),
			    op->type == OP_VAR && !r->t->opts.no_escape);
			break;
		case OP_SECTION:
		case OP_INVERTED:
			if (render_section(op, c, r) == -1)
				return -1;
			break;
		case OP_PARTIAL:
			if (render_partial(op, c, r) == -1)
				return -1;
			break;
		}
	}
	return 0;
}

int
tmpl_render(const struct tmpl *t, json_t *ctx, struct buf *out)
{
	struct ctx root = { ctx, NULL };
	struct render r = { out, t, "", 0 };

	/* Keep out NUL-terminated even when nothing is rendered. */
	buf_add(out, "", 0);
	return render_ops(&t->ops, &root, &r);
}

/* ---- key usage ---- */

static int
names_key(const struct op *op, const char *key, size_t klen)
{
	const char *dot = memchr(op->s, '.', op->len);
	size_t n = dot ? (size_t)(dot - op->s) : op->len;

	return n == klen && memcmp(op->s, key, n) == 0;
}

static int
op_uses_key(const struct tmpl *t, const struct op *op, const char *key,
    size_t klen)
{
	struct tmpl *pt = NULL;

	switch (op->type) {
	case OP_VAR:
	case OP_RAW:
		return names_key(op, key, klen);
	case OP_SECTION:
	case OP_INVERTED:
		return names_key(op, key, klen) ||
		    ops_use_key(t, &op->body, key, klen);
	case OP_PARTIAL:
		/* The mark stops recursive partials from looping. */
		if (get_partial(t, op, &pt) == -1 || !pt ||
		    pt->mark == t->cache->gen)
			return 0;
		pt->mark = t->cache->gen;
		return ops_use_key(pt, &pt->ops, key, klen);
	default:
		return 0;
	}
}

static int
ops_use_key(const struct tmpl *t, const struct ops *ops, const char *key,
    size_t klen)
{
	size_t i;

	for (i = 0; i < ops->n; i++)
		if (op_uses_key(t, &ops->v[i], key, klen))
			return 1;
	return 0;
}

int
tmpl_uses_key(const struct tmpl *t, const char *key)
{
	if (!t)
		return 0;
	t->cache->gen++;
	return ops_use_key(t, &t->ops, key, strlen(key));
}

