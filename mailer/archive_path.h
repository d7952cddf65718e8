/*
 * archive_path: where the public archive lives and how it is addressed.
 * The folder is web.archive_dir (default <config folder>/archive); on the
 * web it is BASE/archive/ (web.base_url), each issue a folder
 * <issue-id>/ with index.html (the general edition) and <list-id>.html
 * (each association's edition), feed.xml and index.html at the top.
 * Used by the archive builder, by the messages' List-Archive (RFC 2369) and
 * Archived-At (RFC 5064) headers, and by whatever serves the folder.
 */
#ifndef MAILER_ARCHIVE_PATH_H
#define MAILER_ARCHIVE_PATH_H

struct config;

/* "BASE/archive/", or NULL when web.base_url is not set; caller frees. */
char *archive_url(const struct config *c);

/*
 * "BASE/archive/ISSUE/LIST.html" (LIST NULL: "BASE/archive/ISSUE/"), or
 * NULL when web.base_url is not set; caller frees.
 */
char *archive_edition_url(const struct config *c, const char *issue,
    const char *list);

/*
 * 1 when id can name an archive folder or page and stand in a URL as is:
 * [A-Za-z0-9][A-Za-z0-9._-]*, at most 128 bytes, no "..".  Else 0.
 */
int archive_id_valid(const char *id);

/*
 * Maps the path of a request below the archive (already percent-decoded,
 * e.g. "/2021-01/aba.html", "/", "2021-01/") to a regular file inside
 * root (a folder: an absolute path without symlinks, as realpath gives);
 * a folder means its index.html.  Refuses paths with a ".." or hidden
 * (".x") component or a backslash, files still being written
 * ("NAME.tmp.PID", see write_file_replace) and files that resolve
 * (symlinks) outside root.  Returns 0 with *file (malloc'd, absolute), 1
 * when there is no such file, -1 when the path is refused.  Prints
 * nothing: a server reports the request itself.
 */
int archive_path_resolve(const char *root, const char *path, char **file);

/* The Content-Type of an archive file by its name ("text/html; ..."). */
const char *archive_path_type(const char *file);

#endif
