/*
 * tmplfile: Mustache templates read from the templates folder.  A template
 * is DIR/NAME; its partials {{> p}} are DIR/p.mustache, loaded on first
 * use.  Partial names cannot leave the folder.
 */
#ifndef MAILER_TMPLFILE_H
#define MAILER_TMPLFILE_H

#include "tmpl.h"

#define TMPLFILE_MAX (1024 * 1024)	/* bytes per template file */

/*
 * Reads and parses dir/name (UTF-8 checked).  dir must outlive the
 * template: its partials are loaded from there later.  no_escape as in
 * struct tmpl_opts.  Reports problems naming the file; NULL when any.
 */
struct tmpl *tmplfile_load(const char *dir, const char *name, int no_escape);

#endif
