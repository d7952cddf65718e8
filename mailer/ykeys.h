/*
 * ykeys: a YAML mapping's top-level lines checked by hand.  Every such
 * line is "key: value" or "key:"; libyaml reports one that is not (an
 * input method's full-width colon, a missing colon or the space after
 * it) at the line after it, and a quoted value never closed where it
 * gave up.  ykeys_check says either at the line itself with what to
 * write, about file (line_base added to each line, as ynode_parse's),
 * and returns -1; 0 when it finds neither.
 */
#ifndef MAILER_YKEYS_H
#define MAILER_YKEYS_H

#include <stddef.h>

int ykeys_check(const char *file, const char *s, size_t len,
    size_t line_base);

#endif
