/*
 * webarchive: mailer serve's GET and HEAD of the public archive folder
 * (web.archive_dir, built by `mailer archive`) under /archive/: a file's
 * bytes with its Content-Type, an ETag and Last-Modified, and 304 for a
 * matching If-None-Match or If-Modified-Since (RFC 9110 8.8, 13.1); a
 * folder means its index.html and there is no listing; a path with "..",
 * a hidden name or a symlink leading out is refused like a missing file
 * (archive_path_resolve).
 */
#ifndef MAILER_WEBARCHIVE_H
#define MAILER_WEBARCHIVE_H

#include "http.h"

struct web;

/* Answers path (below /archive, "" or "/..."). */
void webarchive_handle(struct web *w, const char *path,
    const struct http_request *rq, struct http_response *rs);

#endif
