/*
 * list: a subscribing association: lists/<id>.yaml (its profile) and
 * lists/<id>.csv (RFC 4180, header row with email and name; other columns
 * become template fields), read with libcsv and streamed row by row so
 * memory does not grow with the number of subscribers.
 */
#ifndef MAILER_LIST_H
#define MAILER_LIST_H

#include <stddef.h>

struct list {
	char *id;
	char *name, *short_name, *greeting, *contact, *list_id;
	char *yaml_path, *csv_path;
};

struct subscriber {
	const char *email;	/* normalised (IDN domain as A-label) */
	const char *name;
	size_t line;		/* 1-based line in the CSV */
	size_t nfields;		/* all columns, header names in keys */
	const char *const *keys;
	const char *const *values;
};

/* 1 when id can name a list: 1-40 of a-z, 0-9, - and _ (a file name). */
int list_valid_id(const char *id);
/* Loads lists/<id>.yaml.  Reports problems; NULL when any. */
struct list *list_load(const char *dir, const char *id);
void list_free(struct list *l);

/*
 * Loads every lists/<id>.yaml of dir, sorted by id, into *out (*n of
 * them; the caller frees each with list_free and the array).  Those that
 * load are kept when another fails (reported): then -1, else 0.
 */
int list_load_all(const char *dir, struct list ***out, size_t *n);

/* Ids of every lists/<id>.yaml in dir, sorted; caller frees each and v. */
int list_ids(const char *dir, char ***ids, size_t *n);

/*
 * Calls fn for each valid subscriber row in order.  Invalid addresses,
 * duplicate addresses, missing fields, bad UTF-8 and line breaks inside
 * a name are reported with file:line; with LIST_STRICT any of them makes
 * the call fail (check, preview), otherwise the row is skipped and counted
 * in *bad.  fn returning -1 stops the walk.  Returns 0 / -1.
 */
#define LIST_STRICT 1
int list_each(const struct list *l, int flags,
    int (*fn)(void *arg, const struct subscriber *s), void *arg,
    size_t *bad);

/*
 * Parses CSV text in memory the same way (for tests and fuzzing); file
 * names the source in messages.
 */
int list_parse_csv(const char *file, const char *data, size_t len, int flags,
    int (*fn)(void *arg, const struct subscriber *s), void *arg,
    size_t *bad);

/*
 * The column names of the header row of CSV text data[0..len) (which must
 * name "email" and "name"), in *keys (*n of them; the caller frees each
 * and the array).  Reports problems with file:line.  0 / -1.
 */
int list_csv_header(const char *file, const char *data, size_t len,
    char ***keys, size_t *n);

/*
 * Appends s to b as one CSV field, quoted (RFC 4180) exactly when it must
 * be: when it holds a comma, a double quote, CR or LF, or starts or ends
 * with a space or tab (which the reader strips from bare fields).  So a
 * value read from a minimally quoted row is written back as it was.
 */
struct buf;
void list_csv_field(struct buf *b, const char *s);

/*
 * 1 when a spreadsheet opening the CSV would take s for a formula (CSV
 * injection): s starts, after any spaces, with = + - @, a TAB or a CR, or
 * with the full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20).
 * Quoting does not help; such a value must not reach the editors' files
 * from the web (serve's form refuses it, lists sync does not write it).
 */
int list_csv_formula(const char *s);

#endif
