/*
 * util: allocation that never returns NULL, a growable byte buffer, file
 * slurping and UTF-8 validation.  Shared by every module.
 */
#ifndef MAILER_UTIL_H
#define MAILER_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Out of memory in an x*() wrapper or in a library (what names it): calls
 * the handler set with util_on_oom (main.c's reports it and exits with
 * EXIT_OSERR: only main.c exits), or abort()s when there is none (unit
 * tests, fuzzers) or it returns.  util_on_oom also makes jansson and
 * (issue.c) cmark allocate through xmalloc, so theirs ends there too.
 */
_Noreturn void util_oom(const char *what);
void util_on_oom(void (*fn)(const char *what));

/* Allocation wrappers: they never return NULL (util_oom instead). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/*
 * realpath(path, NULL), whose out of memory (ENOMEM: it allocates) is
 * util_oom's, not a path's fault; NULL with errno for the path's own.
 */
char *xrealpath(const char *path);
/* The caller frees the returned string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable buffer; data is always NUL-terminated once anything was added. */
struct buf {
	char *data;
	size_t len, cap;
};
#define BUF_INIT { NULL, 0, 0 }

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc_slow(struct buf *b, int c);
/* Appends one byte; the common case stays inline (hot in parsers). */
static inline void
buf_addc(struct buf *b, int c)
{
	if (b->len + 1 < b->cap) {
		b->data[b->len++] = (char)c;
		b->data[b->len] = '\0';
	} else {
		buf_addc_slow(b, c);
	}
}
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
/*
 * Appends s[0..n) escaped for HTML element text and for attribute values
 * in either quote (& < > " ').  buf_add_html takes a C string (may be NULL).
 */
void buf_add_html_n(struct buf *b, const char *s, size_t n);
void buf_add_html(struct buf *b, const char *s);
/*
 * Appends the relative URL of file path s: every byte but letters, digits
 * and "-._~/" percent-encoded (so also safe inside an HTML attribute).
 */
void buf_add_urlpath(struct buf *b, const char *s);
/*
 * Appends s as one word for a POSIX shell: as it is when every byte is an
 * ASCII letter or digit, one of "@%+=:,./_-" or not ASCII (UTF-8), and s
 * is not empty; otherwise in single quotes, each ' written '\''.  For
 * commands a user pastes.
 */
void buf_add_shell_word(struct buf *b, const char *s);
/* The value of hex digit c (either case), or -1. */
int hex_digit(int c);
/*
 * Appends s[0..n) with its %XX escapes decoded (RFC 3986 2.1; "+" stays
 * "+", as RFC 6068 mailto URIs want).  Returns 0, or -1 on an escape
 * that is not "%" and two hex digits, or one that decodes to NUL (what
 * was appended is then to be discarded).
 */
int buf_add_pct_decoded(struct buf *b, const char *s, size_t n);
/* Appends the base64 of p[0..n) (RFC 4648, padded, no line breaks), with
 * Nettle: the tree's one base64 encoder. */
void buf_add_base64(struct buf *b, const void *p, size_t n);
/* Returns the data (never NULL) and leaves the buffer empty; caller frees. */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

/*
 * The one hash table of the tree: a set of strings (open addressing,
 * linear probing), each with an optional value pointer, so it serves as a
 * set (suppressions, duplicate rows) and as a map (per-domain state).  The
 * set copies its keys; values belong to the caller.  A set made with
 * STRSET_INIT_NOCASE compares keys ignoring ASCII case.  Slots may be
 * walked directly: slot[0..cap) whose key is not NULL.
 */
struct strset_slot {
	char *key;
	void *val;
};
struct strset {
	struct strset_slot *slot;
	size_t n, cap;
	int nocase;
};
#define STRSET_INIT { NULL, 0, 0, 0 }
#define STRSET_INIT_NOCASE { NULL, 0, 0, 1 }

/* Adds s (value NULL).  Returns 1 when s was already there, else 0. */
int strset_add(struct strset *set, const char *s);
/* 1 when s is in the set, else 0. */
int strset_has(const struct strset *set, const char *s);
/* Adds s when absent and sets its value. */
void strset_put(struct strset *set, const char *s, void *val);
/* The value stored with s; NULL when s is absent (or its value is NULL). */
void *strset_get(const struct strset *set, const char *s);
/*
 * Removes s and returns its value (NULL when absent).  Later entries may
 * move to lower slots: a walk that deletes looks at the same slot again.
 */
void *strset_del(struct strset *set, const char *s);
/* Frees the keys (not the values); accepts an empty set, leaves it empty. */
void strset_free(struct strset *set);

/*
 * Reads a whole file into out (appending).  Files larger than max bytes are
 * refused.  Reports errors itself, naming the path.  Returns 0 / -1; on -1
 * out is left as it was (an empty buffer is freed).
 */
int slurp_file(const char *path, size_t max, struct buf *out);
/*
 * slurp_file for files others may write (an issue folder): anything but
 * a regular file (a FIFO would block the read forever) is refused.
 */
int slurp_regular(const char *path, size_t max, struct buf *out);

/*
 * Returns 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates);
 * otherwise 0 and, when bad is not NULL, the offset of the first bad byte.
 */
int utf8_valid(const char *s, size_t n, size_t *bad);

/*
 * Steps *s and *n past a UTF-8 byte order mark at *s, as Excel's "CSV
 * UTF-8" and Windows Notepad write one: it is part of no text.
 */
void skip_utf8_bom(const char **s, size_t *n);

/*
 * The encoding a byte order mark at s[0..n) names when it is no UTF-8's
 * ("UTF-16LE": Windows Notepad's "Unicode", Excel's "Unicode Text"), for
 * a message saying what to save the file as; NULL when there is none.
 */
const char *foreign_bom(const char *s, size_t n);

/*
 * 0 when the text file path holds s[0..n) in UTF-8; else reports
 * "path:LINE: ..." naming a UTF-16 or UTF-32 byte order mark, or the
 * line and column of the first bad byte with what to save it as, and
 * returns -1.
 */
int utf8_file_check(const char *path, const char *s, size_t n);
/*
 * Reports "path:LINE:COL: invalid UTF-8" for the bad byte at s[bad], with
 * what to save the file as; lines counted after line_base (the lines
 * before s in path).  Returns -1.
 */
int utf8_refuse_at(const char *path, const char *s, size_t bad,
    size_t line_base);

/*
 * "WHAT: FILE: Permission denied" for a file another user owns (root made
 * it, cron runs mailer as its own user): who mailer runs as, the owner,
 * and "chown it to USER" followed by tail.
 */
struct stat;
void warn_not_ours(const char *what, const char *file, const struct stat *st,
    const char *tail);

/* 1-based line number of offset off in s. */
size_t line_of(const char *s, size_t off);
/* 1-based column, in characters (as libyaml counts), of offset off in s. */
size_t col_of(const char *s, size_t off);

/*
 * For s in the form YYYY-MM-DD: 1 when it is a calendar date (Gregorian,
 * year 1 on), else 0 with what is wrong in why[n] ("February 2026 has
 * days 1 to 28").  -1 when s has another form.
 */
int date_ymd_check(const char *s, char *why, size_t n);
/*
 * A calendar date "2021-01-20" as zh-CN readers write it, "2021年1月20日";
 * anything else as it is; NULL for NULL.  The caller frees.
 */
char *date_zh(const char *iso);
/*
 * n (1 to 99) in Chinese numerals as documents number their first level:
 * "一", "十", "十二", "二十一"; other n in digits.  Writes into out[16].
 */
void num_zh(int n, char out[16]);

/* 1 when s holds CR, LF or NUL within its first n bytes (header injection). */
int has_ctl_break(const char *s, size_t n);

/*
 * Outside data (a CSV field, a relay's reply, a bounce's reason, a folder
 * name) made safe to print on a terminal or in a log: printable UTF-8
 * stays as it is; a C0 control, DEL and a byte that is not valid UTF-8
 * become "\xNN" (so CR and LF never break the line: no forged log line,
 * no ESC sequence); a C1 control, a character that reorders or breaks
 * the text shown (U+061C, U+200E-200F, U+2028-202E, U+2066-2069) and one
 * shown as nothing (cp_unseen: U+00AD, U+180E, U+200B-200D, U+2060-2064,
 * U+206A-206F, U+3164, U+FE00-FE0F, U+FEFF, tags...) become "<U+XXXX>":
 * no value shown passes for another by a character the reader cannot
 * see.
 * buf_add_printable appends the form of s[0..n).
 */
void buf_add_printable(struct buf *b, const char *s, size_t n);
/*
 * The same for a C string, for a printf argument: s itself when nothing
 * needs escaping, else a thread's own copy (cut at PRINTABLE_MAX bytes,
 * "..." added) valid until its PRINTABLE_SLOTS-th next call; "(null)" for
 * NULL.  Not to be freed.
 */
#define PRINTABLE_SLOTS 8
#define PRINTABLE_MAX 1024
const char *printable(const char *s);
/*
 * 1 when s holds a C0 or C1 control, DEL, a bidi control or mark,
 * U+2028/2029, or bytes that are no UTF-8.  Unlike printable(), it lets
 * characters shown as nothing pass: a name in Persian (ZWNJ) or
 * Mongolian (U+180E) may need them.
 */
int has_hidden(const char *s);

/*
 * JSON text s[0..n), as a JSON writer made it (jansson escapes C0
 * controls only), appended with DEL, C1 controls, bidi controls and
 * marks and U+2028/2029 written as the escape "\uXXXX": the same value
 * once parsed, nothing that reorders or breaks the text where a person
 * reads it (jq, less, a terminal).  Characters shown as nothing, which
 * printable() spells out too, stay as they are: a program reads this
 * data, and they neither move nor break what is around them.
 */
void buf_add_json_shown(struct buf *b, const char *s, size_t n);
struct json_t;
/* Prints v on stdout as indented JSON, escaped as buf_add_json_shown. */
void json_print(const struct json_t *v);
/*
 * 1 when code point cp is shown as nothing or moves the text around it
 * without being a blank: a C1 control, or cp_unseen's characters but the
 * variation selectors (a soft hyphen, a bidi mark, embedding, override or
 * isolate, a zero-width (non-)joiner or space, a word joiner or invisible
 * operator, U+180E, a Hangul filler, U+FEFF, a tag).  No address holds
 * one in earnest; one inside an address disguises it.
 */
int cp_invisible(unsigned cp);
/*
 * 1 when code point cp is shown as nothing where it stands: Unicode's
 * Default_Ignorable_Code_Point (format characters such as U+200B and
 * U+FEFF, the joiners, bidi marks and controls, variation selectors,
 * Hangul fillers, tags, and the code points kept for more of them) and
 * the interlinear annotation marks U+FFF9-FFFB.
 */
int cp_unseen(unsigned cp);
/*
 * 1 when a person's name s holds what has_hidden finds, or a character
 * shown as nothing that no script needs in a name (a zero-width space,
 * a word joiner, a soft hyphen, a Hangul filler, a tag; ZWNJ, ZWJ and
 * the variation selectors are needed): "Ann<U+200B>" shows as "Ann" and
 * is another name.
 */
int name_hides(const char *s);
/* 1 + the offset of the first code point of s[0..n) that want() takes
 * (stored in *cp), or 0: bytes that are not UTF-8 are skipped */
size_t utf8_find(const char *s, size_t n, int (*want)(unsigned cp),
    unsigned *cp);
/*
 * 1 when s, its bidi and C1 controls and characters shown as nothing
 * (cp_unseen: U+00AD, U+200B-200D, U+2060, U+FEFF, a variation
 * selector, a tag...) left out, starts with prefix, ignoring ASCII case:
 * an address that shows as "bounces+..." though it does not start so.
 */
int starts_hidden(const char *s, const char *prefix);

/* s, or its first max bytes (whole UTF-8 characters) and "...".  Freed. */
char *utf8_abbrev(const char *s, size_t max);
/* fsyncs folder dir (its renames); reports and returns -1 on failure. */
int fsync_dir(const char *dir);
/*
 * Writes data to path atomically: a temporary file in the same folder,
 * fsync, rename.  Reports errors itself.  Returns 0 / -1.
 */
int write_file_atomic(const char *path, const void *data, size_t len, int mode);
/* The same, the file getting exactly mode whatever the umask. */
int write_file_atomic_mode(const char *path, const void *data, size_t len,
    int mode);
/*
 * The same without fsync, for public output that can be made again (the
 * web archive): readers still see the old file or the new one, never half
 * of one, but a crash may lose the latest files (one fsync per file would
 * make a full archive build take minutes).  The file gets exactly mode,
 * whatever the umask: a web server must read what a service with
 * UMask=0077 wrote.
 */
int write_file_replace(const char *path, const void *data, size_t len,
    int mode);

/* mkdir -p; reports errors itself.  Returns 0 / -1. */
int mkdir_p(const char *path, int mode)
    __attribute__((warn_unused_result));

/* Removes a folder tree (used to discard partial output). */
int rm_rf(const char *path);

/*
 * scandir(3) that reports its failure naming dir (out of memory goes to
 * util_oom).  The entries and *ents are the caller's to free, as with
 * scandir.  Returns their count, or -1 after reporting.
 */
struct dirent;
int dir_scan(const char *dir, struct dirent ***ents,
    int (*filter)(const struct dirent *),
    int (*cmp)(const struct dirent **, const struct dirent **));

/* Joins two path pieces with one slash; caller frees. */
char *path_join(const char *a, const char *b);

/*
 * Splits s[0..n), "host", "host:port", "[v6]", "[v6]:port" or a bare IPv6
 * address, into *host (malloc'd; the caller frees it) and *port (0 when
 * absent).  Returns 0, or -1 when malformed (empty host, a bad bracket, a
 * port outside 1..65535); *host is then NULL.
 */
int host_port_split(const char *s, size_t n, char **host, unsigned *port);

/* Seconds on CLOCK_MONOTONIC: for intervals, immune to clock changes. */
double now_mono(void);

#endif
