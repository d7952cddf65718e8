/*
 * bounce_addr: internal to the bounce modules (bounce*.c), not an interface
 * for the rest of mailer.  Recognises addresses in free text the way
 * notices write them (deliberately looser than RFC 5322: a dotted domain
 * and a non-empty local part are enough), tells mailer-daemon style senders
 * apart, and keeps small case-insensitive address sets.
 */
#ifndef MAILER_BOUNCE_ADDR_H
#define MAILER_BOUNCE_ADDR_H

#include <stddef.h>

/*
 * The address around the '@' at s[at]; sets [*b, *e).  Returns 1 when it
 * looks like a deliverable address (dotted domain, non-empty local part).
 * An invisible character (util's cp_invisible: U+202E, U+200B, a C1
 * control) inside it is part of it; one at either end is not, unless
 * "<...>" encloses it.
 */
int bounce_addr_around(const char *s, size_t n, size_t at, size_t *b,
    size_t *e);

/*
 * Blanks every address and every host or domain name in s[0..n)
 * ("a@spam.example.net", "mx2.members.example", "antispam.example.com"):
 * word lists and rules match within words, and a name is anyone's choice,
 * no reason and no cue.
 */
void bounce_blank_names(char *s, size_t n);

/*
 * a ('"first.last"@b') without the quotes of its local part when they
 * hold a dot-atom (RFC 5322 3.4.1: the same mailbox); a quoted local part
 * that needs them ('"first last"@b') keeps them.  In place; returns a.
 */
char *bounce_unquote_local(char *a);

/*
 * 1 when a and b are the same address: equal but for ASCII case, or with
 * a domain in U-labels that the other writes in A-labels (an SMTPUTF8
 * notice's text names "ann@bücher.de" where its report's field holds
 * "ann@xn--bcher-kva.de").
 */
int bounce_addr_same(const char *a, const char *b);

/* First address in s[0..n) as a new string (the caller frees), or NULL. */
char *bounce_first_addr(const char *s, size_t n);

/* 1 when addr's local part is a mailer-daemon name (bounce_rules.c). */
int bounce_is_daemon(const char *addr);

/*
 * 1 when addr is Exchange's system mailbox, "MicrosoftExchange" and 32
 * hex digits: the From Outlook shows over its notices ("Microsoft
 * Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@d>"), and
 * over its other reports too (a recall's failure), so no proof alone
 * that a message is a delivery notice.
 */
int bounce_is_exchange_system(const char *addr);

/*
 * 1 when a From field's value v[0..n) names a mail system: its address's
 * local part is a daemon's, or it has none and is one unqualified
 * ("MAILER-DAEMON (Mail Delivery Subsystem)"), at an address literal or
 * null ("<>", Courier's "<@>").
 */
int bounce_from_daemon(const char *v, size_t n);

/*
 * 1 when addr is a list manager's own address or a list's administrative
 * one (owner-l, l-owner, l-request, l-admin(s), l+owner: bounce_rules.c);
 * as a sender (sender 1), also Mailman's l-bounces, which it sends its
 * notices from (as a recipient that shape is many senders' bounce
 * address, so it is not counted there).
 */
int bounce_is_list_admin(const char *addr, int sender);

/*
 * Distinct addresses, compared case-insensitively; owns its strings.  A
 * notice's own addresses hold its addressees in v[0..sender) and its
 * sender's side (From, Return-Path, Reply-To) from v[sender] on.
 */
struct bounce_addrset {
	char **v;
	size_t n;
	size_t sender;
};

int bounce_addrset_has(const struct bounce_addrset *s, const char *a);
/* Adds a copy of a unless present or the set already holds max. */
void bounce_addrset_add(struct bounce_addrset *s, const char *a, size_t max);
/* Adds every address in s[0..n) to set, up to max in all. */
void bounce_addrset_scan(struct bounce_addrset *set, const char *s, size_t n,
    size_t max);
/*
 * The same, keeping the invisible characters at each address's ends: in
 * a notice's envelope ("<U+202E>bounces+TOKEN@b") they make it an
 * address that only looks like ours.
 */
void bounce_addrset_scan_whole(struct bounce_addrset *set, const char *s,
    size_t n, size_t max);
/* Frees the strings and empties the set. */
void bounce_addrset_free(struct bounce_addrset *s);

#endif
