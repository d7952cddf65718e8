/*
 * ydoc: YAML documents as small trees with positions, read through libyaml,
 * and a table-driven binder that fills C structs and reports every unknown
 * key, wrong type and missing key as file:line:column.
 *
 * Aliases and anchors are refused (they serve no purpose in our files and
 * enable "billion laughs"); nesting and node counts are bounded.
 */
#ifndef MAILER_YDOC_H
#define MAILER_YDOC_H

#include <stddef.h>

enum ynode_type { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
	enum ynode_type type;
	size_t line, col;	/* 1-based */
	char *value;		/* scalars */
	int plain;		/* scalar was unquoted */
	struct ynode **items;	/* seq items; map: key, value, key, value... */
	size_t nitems;
};

/*
 * Parses one YAML document from buf.  file names the source in messages;
 * line_base is added to every line (front matter inside a Markdown file).
 * Reports errors itself and returns NULL.  The caller frees with ynode_free.
 */
struct ynode *ynode_parse(const char *file, const char *buf, size_t len,
    size_t line_base);
void ynode_free(struct ynode *n);

/* The value for key in a map, or NULL. */
struct ynode *ynode_get(const struct ynode *map, const char *key);

struct strlist {
	char **v;
	size_t n;
};
void strlist_add(struct strlist *l, const char *s);
void strlist_free(struct strlist *l);

enum yfield_type {
	YF_STR,		/* char *            */
	YF_INT,		/* long              */
	YF_BOOL,	/* int               */
	YF_NUM,		/* double            */
	YF_STRLIST,	/* struct strlist; a scalar is taken as a list of one */
	YF_MAP,		/* nested table, same struct */
	YF_NODE,	/* const struct ynode *, checked by the caller */
};

struct yfield {
	const char *key;
	enum yfield_type type;
	size_t off;
	int required;
	const struct yfield *sub;	/* YF_MAP */
};
#define YF_END { NULL, 0, 0, 0, NULL }

/*
 * Fills the struct at base from map according to fields.  Every problem is
 * reported (not just the first); returns 0 when there was none, else -1.
 * Strings are copied (the caller frees them; see ydoc_clear).  YF_STR
 * values holding CR, LF or NUL are refused: they end up in mail headers.
 */
int ydoc_bind(const char *file, const struct ynode *map,
    const struct yfield *fields, void *base);
/* Frees every string and list a ydoc_bind filled. */
void ydoc_clear(const struct yfield *fields, void *base);

#endif
