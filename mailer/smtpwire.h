/*
 * smtpwire: the bytes of an SMTP mail transaction (RFC 5321), without I/O.
 * smtp.c has libcurl open, secure and authenticate each connection and then
 * runs MAIL FROM, RCPT TO and DATA itself, in one write when the server
 * announced PIPELINING (RFC 2920): this file writes those commands, stuffs
 * the message's dots and finds where each reply ends.
 */
#ifndef MAILER_SMTPWIRE_H
#define MAILER_SMTPWIRE_H

#include <stddef.h>

#include "util.h"

/*
 * Appends the transaction's commands for one recipient: MAIL FROM (from ""
 * is the null path; " SMTPUTF8" when utf8, RFC 6531; " ENVID=" and envid
 * as xtext when envid is not NULL, RFC 3461), RCPT TO and DATA.  With
 * pipelining all three go in one write; without it the caller sends them
 * one at a time: *cut receives the ends of the first two (offsets into out
 * after the append).
 */
void smtpwire_commands(struct buf *out, const char *from, const char *rcpt,
    int utf8, const char *envid, size_t cut[2]);

/*
 * Appends s as RFC 3461 xtext: "+" and two upper-case hex digits for each
 * byte outside "!" .. "~" and for "+" and "=".
 */
void smtpwire_xtext(struct buf *out, const char *s);

/*
 * Decodes xtext p[0..n) into out (reset first); a "+" not followed by two
 * hex digits is kept as it is.
 */
void smtpwire_unxtext(struct buf *out, const char *p, size_t n);

/*
 * Appends p[0..n) with each line's leading "." doubled (RFC 5321, 4.5.2).
 * *bol is 1 at a line's start; it carries over from piece to piece (a
 * message sent as head then data), and starts at 1.
 */
void smtpwire_stuff(struct buf *out, const char *p, size_t n, int *bol);

/* Appends the end of data: CRLF when the last line lacks one, then ".". */
void smtpwire_end(struct buf *out, int bol);

/*
 * The length of the first whole reply in p[0..n) (through its last
 * line's LF: "NNN " or "NNN" alone), with *code its number, or -1 when a
 * line does not start with three digits; 0 when p holds no whole reply
 * yet.
 */
size_t smtpwire_reply(const char *p, size_t n, int *code);

/*
 * 1 when a line of an EHLO reply ("250-PIPELINING", "250 SMTPUTF8",
 * without its CRLF) announces the extension word.
 */
int smtpwire_ehlo_has(const char *line, size_t n, const char *word);

#endif
