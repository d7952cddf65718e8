/* ydoc: libyaml event stream -> positioned tree; table binding.  See ydoc.h */
#include "ydoc.h"
#include "ykeys.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"

#define YDOC_MAX_DEPTH 64
#define YDOC_MAX_NODES 200000

struct ybuild {
	const char *file;
	size_t line_base;
	size_t nodes;
	const char *buf;	/* the text, for ykeys_check */
	size_t len;
};

static struct ynode *
node_new(struct ybuild *b, enum ynode_type t, yaml_mark_t m)
{
	struct ynode *n = xcalloc(1, sizeof *n);

	n->type = t;
	n->line = m.line + 1 + b->line_base;
	n->col = m.column + 1;
	b->nodes++;
	return n;
}

static void
node_push(struct ynode *parent, struct ynode *child)
{
	parent->items = xrealloc(parent->items,
	    (parent->nitems + 1) * sizeof *parent->items);
	parent->items[parent->nitems++] = child;
}

/*
 * libyaml's reader gives an encoding's error at a byte offset, its mark
 * left at 1:1: the line and column are found in the text.
 */
static int
reader_error(struct ybuild *b, yaml_parser_t *p)
{
	size_t off = p->problem_offset, bad;

	if (!foreign_bom(b->buf, b->len) && !utf8_valid(b->buf, b->len, &bad))
		return utf8_refuse_at(b->file, b->buf, bad, b->line_base);
	if (off > b->len)
		off = b->len;
	warnx("%s:%zu:%zu: %s", b->file, line_of(b->buf, off) + b->line_base,
	    col_of(b->buf, off), p->problem ? p->problem : "unreadable text");
	return -1;
}

static int
parse_error(struct ybuild *b, yaml_parser_t *p)
{
	/* libyaml's out of memory is no syntax error in the file */
	if (p->error == YAML_MEMORY_ERROR)
		util_oom("libyaml");
	if (p->error == YAML_READER_ERROR)
		return reader_error(b, p);
	/* a key line's own mistake, named where libyaml could not */
	if (ykeys_check(b->file, b->buf, b->len, b->line_base) == -1)
		return -1;
	/*
	 * the usual cause, in an editor's hand: an unquoted value with ": "
	 * in it (title: Part 1: the start), which YAML reads as a mapping
	 */
	int colon = p->problem && !strcmp(p->problem,
	    "mapping values are not allowed in this context");

	warnx("%s:%zu:%zu: %s%s%s%s", b->file,
	    p->problem_mark.line + 1 + b->line_base,
	    p->problem_mark.column + 1,
	    p->problem ? p->problem : "syntax error",
	    p->context ? " " : "", p->context ? p->context : "",
	    colon ? " (a value holding \": \" must be quoted: "
	    "title: \"Part 1: the start\")" : "");
	return -1;
}

static int read_node(struct ybuild *, yaml_parser_t *, yaml_event_t *,
    struct ynode **, int);

/* The limits on nesting and on the number of nodes, at the event ev. */
static int
within_limits(struct ybuild *b, const yaml_event_t *ev, int depth)
{
	if (depth > YDOC_MAX_DEPTH) {
		warnx("%s:%zu:%zu: nesting deeper than %d levels", b->file,
		    ev->start_mark.line + 1 + b->line_base,
		    ev->start_mark.column + 1, YDOC_MAX_DEPTH);
		return -1;
	}
	if (b->nodes >= YDOC_MAX_NODES) {
		warnx("%s:%zu: more than %d YAML nodes", b->file,
		    ev->start_mark.line + 1 + b->line_base, YDOC_MAX_NODES);
		return -1;
	}
	return 0;
}

/* Reports what is refused ("YAML aliases are not allowed") at ev. */
static int
refuse_event(struct ybuild *b, const yaml_event_t *ev, const char *what)
{
	warnx("%s:%zu:%zu: %s", b->file,
	    ev->start_mark.line + 1 + b->line_base, ev->start_mark.column + 1,
	    what);
	return -1;
}

/* A scalar's node, refused when its value holds a NUL byte. */
static int
read_scalar(struct ybuild *b, const yaml_event_t *ev, struct ynode **out)
{
	struct ynode *n = node_new(b, YNODE_SCALAR, ev->start_mark);

	n->value = xstrndup((char *)ev->data.scalar.value,
	    ev->data.scalar.length);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (strlen(n->value) != ev->data.scalar.length) {
		warnx("%s:%zu:%zu: NUL byte in value", b->file, n->line,
		    n->col);
		ynode_free(n);
		return -1;
	}
	*out = n;
	return 0;
}

/* A sequence's or mapping's node (t), its children read up to its end. */
static int
read_collection(struct ybuild *b, yaml_parser_t *p, const yaml_event_t *ev,
    enum ynode_type t, struct ynode **out, int depth)
{
	struct ynode *n = node_new(b, t, ev->start_mark);
	yaml_event_t e;

	for (;;) {
		struct ynode *child = NULL;
		int rc;

		if (!yaml_parser_parse(p, &e)) {
			ynode_free(n);
			return parse_error(b, p);
		}
		if (e.type == YAML_SEQUENCE_END_EVENT ||
		    e.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		rc = read_node(b, p, &e, &child, depth + 1);
		yaml_event_delete(&e);
		if (rc == -1) {
			ynode_free(n);
			return -1;
		}
		node_push(n, child);
	}
	*out = n;
	return 0;
}

/* Reads one node (and its children) starting with event ev. */
static int
read_node(struct ybuild *b, yaml_parser_t *p, yaml_event_t *ev,
    struct ynode **out, int depth)
{
	if (within_limits(b, ev, depth) == -1)
		return -1;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return refuse_event(b, ev, "YAML aliases are not allowed");
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor)
			break;
		return read_scalar(b, ev, out);
	case YAML_SEQUENCE_START_EVENT:
		if (ev->data.sequence_start.anchor)
			break;
		return read_collection(b, p, ev, YNODE_SEQ, out, depth);
	case YAML_MAPPING_START_EVENT:
		if (ev->data.mapping_start.anchor)
			break;
		return read_collection(b, p, ev, YNODE_MAP, out, depth);
	default:
		warnx("%s:%zu: unexpected YAML event", b->file,
		    ev->start_mark.line + 1 + b->line_base);
		return -1;
	}
	/* the cases that break: a scalar, sequence or mapping with an anchor */
	return refuse_event(b, ev, "YAML anchors are not allowed");
}

static int
check_keys(struct ybuild *b, const struct ynode *n)
{
	if (n->type == YNODE_MAP) {
		for (size_t i = 0; i < n->nitems; i += 2) {
			const struct ynode *k = n->items[i];

			if (k->type != YNODE_SCALAR) {
				warnx("%s:%zu:%zu: keys must be plain strings",
				    b->file, k->line, k->col);
				return -1;
			}
			for (size_t j = 0; j < i; j += 2)
				if (!strcmp(n->items[j]->value, k->value)) {
					warnx("%s:%zu:%zu: duplicate key "
					    "\"%s\"", b->file, k->line, k->col,
					    printable(k->value));
					return -1;
				}
		}
	}
	for (size_t i = 0; i < n->nitems; i++)
		if (check_keys(b, n->items[i]) == -1)
			return -1;
	return 0;
}

struct ynode *
ynode_parse(const char *file, const char *buf, size_t len, size_t line_base)
{
	struct ybuild b = { file, line_base, 0, buf, len };
	yaml_parser_t p;
	yaml_event_t e;
	struct ynode *root = NULL;
	int state = 0;	/* 0 before doc, 1 got root, 2 doc end */

	if (!yaml_parser_initialize(&p))
		util_oom("libyaml");	/* its only failure */
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &e)) {
			parse_error(&b, &p);
			goto fail;
		}
		if (e.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		if (e.type == YAML_STREAM_START_EVENT ||
		    e.type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&e);
			continue;
		}
		if (e.type == YAML_DOCUMENT_START_EVENT) {
			if (state != 0) {
				warnx("%s:%zu: only one YAML document is "
				    "allowed", file,
				    e.start_mark.line + 1 + line_base);
				yaml_event_delete(&e);
				goto fail;
			}
			yaml_event_delete(&e);
			continue;
		}
		if (read_node(&b, &p, &e, &root, 0) == -1) {
			yaml_event_delete(&e);
			goto fail;
		}
		yaml_event_delete(&e);
		state = 1;
	}
	yaml_parser_delete(&p);
	if (!root) {
		/* front matter names its opening "---" line */
		warnx("%s:%zu: empty document: no \"key: value\" line", file,
		    line_base ? line_base : 1);
		return NULL;
	}
	/* "title：x" alone is a scalar to libyaml, a key line to its writer */
	if ((root->type == YNODE_SCALAR &&
	    ykeys_check(file, buf, len, line_base) == -1) ||
	    check_keys(&b, root) == -1) {
		ynode_free(root);
		return NULL;
	}
	return root;
fail:
	yaml_parser_delete(&p);
	ynode_free(root);
	return NULL;
}

void
ynode_free(struct ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nitems; i++)
		ynode_free(n->items[i]);
	free(n->items);
	free(n->value);
	free(n);
}

struct ynode *
ynode_get(const struct ynode *map, const char *key)
{
	if (!map || map->type != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->nitems; i += 2)
		if (!strcmp(map->items[i]->value, key))
			return map->items[i + 1];
	return NULL;
}

void
strlist_add(struct strlist *l, const char *s)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = xstrdup(s);
}

void
strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static const char *
type_name(enum yfield_type t)
{
	switch (t) {
	case YF_STR: return "a string";
	case YF_INT: return "an integer";
	case YF_BOOL: return "true or false";
	case YF_NUM: return "a number";
	case YF_STRLIST: return "a list of strings";
	case YF_MAP: return "a mapping";
	case YF_NODE: return "a value";
	}
	return "a value";
}

static int
wrong(const char *file, const struct ynode *v, const char *key,
    enum yfield_type t)
{
	warnx("%s:%zu:%zu: \"%s\" must be %s", file, v->line, v->col, key,
	    type_name(t));
	return -1;
}

static int
bind_str(const char *file, const struct ynode *v, const struct yfield *f,
    char *p)
{
	char **dst = (char **)(p + f->off);

	if (v->type != YNODE_SCALAR)
		return wrong(file, v, f->key, f->type);
	if (f->type == YF_STR && has_ctl_break(v->value, strlen(v->value))) {
		warnx("%s:%zu:%zu: \"%s\" must be one line (no CR or LF)",
		    file, v->line, v->col, f->key);
		return -1;
	}
	free(*dst);
	*dst = xstrdup(v->value);
	return 0;
}

static int
bind_scalar_num(const char *file, const struct ynode *v,
    const struct yfield *f, char *p)
{
	char *end;

	if (v->type != YNODE_SCALAR || !v->plain || !*v->value)
		return wrong(file, v, f->key, f->type);
	errno = 0;
	if (f->type == YF_INT) {
		long x = strtol(v->value, &end, 10);

		if (*end || errno)
			return wrong(file, v, f->key, f->type);
		*(long *)(p + f->off) = x;
	} else {
		double x = strtod(v->value, &end);

		if (*end || errno)
			return wrong(file, v, f->key, f->type);
		*(double *)(p + f->off) = x;
	}
	return 0;
}

/*
 * An item of a list of strings, or the one string written in its place
 * ("images: a.png"): one line, as every string (a file name with a line
 * break would end a MIME header early).
 */
static int
bind_item(const char *file, const struct ynode *it, const char *key,
    struct strlist *l)
{
	if (it->type != YNODE_SCALAR)
		return wrong(file, it, key, YF_STRLIST);
	if (has_ctl_break(it->value, strlen(it->value))) {
		warnx("%s:%zu:%zu: \"%s\" must hold one-line strings (no CR "
		    "or LF)", file, it->line, it->col, key);
		return -1;
	}
	strlist_add(l, it->value);
	return 0;
}

static int
bind_one(const char *file, const struct ynode *v, const struct yfield *f,
    char *p)
{
	struct strlist *l;

	switch (f->type) {
	case YF_STR:
		return bind_str(file, v, f, p);
	case YF_INT:
	case YF_NUM:
		return bind_scalar_num(file, v, f, p);
	case YF_BOOL:
		if (v->type != YNODE_SCALAR || !v->plain ||
		    (strcmp(v->value, "true") && strcmp(v->value, "false")))
			return wrong(file, v, f->key, f->type);
		*(int *)(p + f->off) = !strcmp(v->value, "true");
		return 0;
	case YF_STRLIST:
		l = (struct strlist *)(p + f->off);
		strlist_free(l);
		if (v->type == YNODE_SCALAR)
			return bind_item(file, v, f->key, l);
		if (v->type != YNODE_SEQ)
			return wrong(file, v, f->key, f->type);
		for (size_t i = 0; i < v->nitems; i++)
			if (bind_item(file, v->items[i], f->key, l) == -1)
				return -1;
		return 0;
	case YF_MAP:
		if (v->type != YNODE_MAP)
			return wrong(file, v, f->key, f->type);
		return ydoc_bind(file, v, f->sub, p);
	case YF_NODE:
		*(const struct ynode **)(p + f->off) = v;
		return 0;
	}
	return -1;
}

/* The field named K with suffix ("_file"), or NULL. */
static const struct yfield *
suffixed(const struct yfield *fields, const char *k, const char *suffix)
{
	size_t n = strlen(k);

	for (const struct yfield *f = fields; f->key; f++)
		if (!strncmp(f->key, k, n) && !strcmp(f->key + n, suffix))
			return f;
	return NULL;
}

/*
 * An unknown key K of a table that has K_file is a secret written inline
 * (password: under transport or imap): says what to write instead.
 */
static void
unknown_key(const char *file, const struct ynode *k,
    const struct yfield *fields)
{
	const char *v = printable(k->value);

	if (!suffixed(fields, v, "_file"))
		warnx("%s:%zu:%zu: unknown key \"%s\"", file, k->line, k->col,
		    v);
	else if (!suffixed(fields, v, "_env"))
		warnx("%s:%zu:%zu: unknown key \"%s\": secrets are never "
		    "inline; write %s_file: FILE (mode 0600)", file, k->line,
		    k->col, v, v);
	else
		warnx("%s:%zu:%zu: unknown key \"%s\": secrets are never "
		    "inline; write %s_file: FILE (mode 0600) or %s_env: "
		    "VARIABLE", file, k->line, k->col, v, v, v);
}

int
ydoc_bind(const char *file, const struct ynode *map,
    const struct yfield *fields, void *base)
{
	char *p = base;
	int rc = 0;

	if (!map || map->type != YNODE_MAP) {
		if (map)
			warnx("%s:%zu:%zu: expected a mapping of keys", file,
			    map->line, map->col);
		else
			warnx("%s: expected a mapping of keys", file);
		return -1;
	}
	for (size_t i = 0; i + 1 < map->nitems; i += 2) {
		const struct ynode *k = map->items[i], *v = map->items[i + 1];
		const struct yfield *f;

		for (f = fields; f->key; f++)
			if (!strcmp(f->key, k->value))
				break;
		if (!f->key) {
			unknown_key(file, k, fields);
			rc = -1;
			continue;
		}
		if (bind_one(file, v, f, p) == -1)
			rc = -1;
	}
	for (const struct yfield *f = fields; f->key; f++)
		if (f->required && !ynode_get(map, f->key)) {
			warnx("%s:%zu:%zu: missing required key \"%s\"", file,
			    map->line, map->col, f->key);
			rc = -1;
		}
	return rc;
}

void
ydoc_clear(const struct yfield *fields, void *base)
{
	char *p = base;

	for (const struct yfield *f = fields; f->key; f++) {
		switch (f->type) {
		case YF_STR:
			free(*(char **)(p + f->off));
			*(char **)(p + f->off) = NULL;
			break;
		case YF_STRLIST:
			strlist_free((struct strlist *)(p + f->off));
			break;
		case YF_MAP:
			ydoc_clear(f->sub, base);
			break;
		default:
			break;
		}
	}
}
