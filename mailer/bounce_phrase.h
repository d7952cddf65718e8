/*
 * bounce_phrase: internal to the bounce modules (bounce*.c), not an
 * interface for the rest of mailer.  The words around an address that
 * bounce_hits.c finds on a notice's line: whether those before it
 * (lower-cased, "pre") and the rest of its sentence ("tail", and "cont",
 * the lines of the paragraph it goes on over) name it as a recipient that
 * failed.
 *
 * Pure buffer code: no I/O, every scan bounded.
 */
#ifndef MAILER_BOUNCE_PHRASE_H
#define MAILER_BOUNCE_PHRASE_H

#include <stddef.h>

/*
 * Length of the joiner that t[0..n) starts with, blanks around it and the
 * preposition it repeats included (" and to ", " y para ", " и для "), so
 * that the address after it shares the verdict of the one before; 0 when
 * none.
 */
size_t joiner_span(const char *t, size_t n);

/* 1 when lower[0..n) contains a word of list. */
int has_word(const char *const *list, const char *lower, size_t n);

/* 1 when lower[0..n), trailing blanks ignored, ends with an entry of list. */
int ends_with(const char *const *list, const char *lower, size_t n);

/*
 * 1 when the words after an address, t[0..n), start with a postposition
 * of origin (Hindi "s से", Urdu "s سے", Bengali "s থেকে"): s is the
 * sender.
 */
int bounce_origin_after(const char *t, size_t n);

/*
 * 1 when the words after an address, tail[0..tn), open with a particle of
 * destination and say, up to the next address or "。", that it was
 * delivered and nothing failed: "a 님에게는 메일이 전달되었지만, b
 * 님에게는 전달되지 않았습니다" (delivered to a, not to b) speaks of b's
 * failure, not a's.
 */
int bounce_particle_delivered(const char *tail, size_t tn);

/*
 * What may follow an address that leads its line for the line to list it
 * as a failed recipient: nothing, a separator (qmail's ':', Sendmail's
 * "...", Postfix's "(expanded from", Exim's "<real>"), Exchange's "on
 * DATE", or words that say why it failed.
 */
int tail_says_failed(const char *t, size_t n);

/*
 * 1 when t[0..n) closes a parenthesis it did not open: the address
 * before it stands inside an aside begun on the line before ("... (copy
 * to" / "b@y and c@z) could not be delivered"), and the words after the
 * ')' are said of the sentence's subject, not of it.
 */
int closes_aside(const char *t, size_t n);

/*
 * 1 when the lower-cased words before an address, pre[0..pn), make it a
 * contact or a sender ("For help, write to", "sent by"), whatever else
 * they say.
 */
int pre_contact(const char *pre, size_t pn);

/*
 * 1 when pre[0..pn) ends with the SMTP command that names a recipient:
 * whatever came before ("SMTP error from remote mail server after RCPT
 * TO:<a>") speaks of the server, not of a sender or a contact.
 */
int rcpt_command(const char *pre, size_t pn);

/*
 * An address the words before it (lower-cased in pre[0..pn), no contact's
 * words among them) and after it (tail; cont is the rest of the
 * paragraph, when its next line goes on with it) name as failed: a
 * recipient label ("Intended recipient:", "RCPT TO:"), a sentence of
 * failure ending in "to"/":"
 * ("Unable to deliver message to", "Delivery failed:"), a reason and a
 * colon ("User unknown:"), or "message to <a>" followed by the failure
 * ("... couldn't be delivered").
 */
int phrase_says_failed(const char *pre, size_t pn, const char *tail, size_t tn,
    const char *cont, size_t cn);

/*
 * 1 when the rest of the sentence after an address, t[0..n) and, when it
 * goes on there, the lines of cont[0..cn) (the rest of the paragraph),
 * speaks of members ("... to l / from s; the failed members will be
 * removed", "... to l could / not be / delivered to some of its
 * members"): l is a list, and what failed is some of its members.
 */
int members_follow(const char *t, size_t n, const char *cont, size_t cn);

/*
 * "This user doesn't have a yahoo.com account (a)": a reason about the
 * mailbox, a dead or a full one, then in parentheses of their own, right
 * after its last word, whose mailbox it is; pre[0..pn) is the clause
 * before the parenthesis.
 */
int reason_aside(const char *pre, size_t pn);

/*
 * 1 when the lower-cased words pre[0..pn) end with a recipient's noun,
 * or with one and a possessive ("the mailbox of", "das Postfach von"):
 * an address after them is the noun's.
 */
int bounce_noun_names(const char *pre, size_t pn);

struct bounce_rule;

/*
 * The verdict row (bounce_verdict_rules) said of a recipient's noun in
 * t[0..n), its address blanked out between them, NULL when none is.
 */
const struct bounce_rule *bounce_noun_verdict(const char *t, size_t n);

/*
 * The verdict row said of a recipient's noun a word or two before it in
 * t[0..n) ("the mailbox given does not exist"), NULL when none is.
 */
const struct bounce_rule *bounce_noun_gap_verdict(const char *t,
    size_t n);

#endif
