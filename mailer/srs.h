/*
 * srs: the address inside a Sender Rewriting Scheme address, as a
 * forwarding hop writes it in place of the envelope sender it forwards
 * (the SRS scheme of libsrs2, postsrsd and Mail::SRS):
 *
 *   SRS0=HHH=TT=orig-domain=orig-local@forwarder
 *   SRS1=HHH=first-forwarder==HHH=TT=orig-domain=orig-local@forwarder2
 *
 * HHH is the forwarder's hash under its own secret, TT a timestamp; the
 * separator after "SRS0"/"SRS1" (and so the one after first-forwarder)
 * may be '=', '+' or '-'.  A further hop rewrites an SRS1 address into
 * another SRS1 address around the same SRS0 part.  Only the syntax is
 * read: the hash is not ours to check, so whatever the address inside is
 * trusted for, its own proof must carry (for us, a VERP token's HMAC).
 * Pure: no I/O.
 */
#ifndef MAILER_SRS_H
#define MAILER_SRS_H

#include <stddef.h>

/*
 * When addr[0..n) (blanks and angle brackets around it allowed) is an
 * SRS0 or SRS1 address, returns the address it wraps,
 * "orig-local@orig-domain", malloc'd (the caller frees); otherwise NULL.
 * The prefix is read in either case.
 */
char *srs_original(const char *addr, size_t n);

#endif
