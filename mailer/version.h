/*
 * version: what `mailer --version` prints: mailer's own version and the
 * version of each library it runs with, as that library reports it at run
 * time (a bug report needs the one loaded, not the one built against).
 */
#ifndef MAILER_VERSION_H
#define MAILER_VERSION_H

#include <stdio.h>

#define MAILER_VERSION "0.20"

void version_print(FILE *f);

#endif
