/*
 * webmail: the confirmation mails of mailer serve, sent by one background
 * thread through the configured transport (a maildir: relay or the SMTP
 * relays), with its own journal connection.  The journal is the queue:
 * a page records a row in web_mails and kicks the thread, which sends
 * every row not yet sent (also those left by a stopped serve) and marks
 * it sent.  A relay that defers or cannot be reached is retried a minute
 * later; a mail whose link would have expired is dropped.
 *
 * The text is templates/web-mail.txt.mustache (not escaped): its first
 * line is the Subject, the rest the body; the context is a page context
 * (sender, list) with subscribe or unsubscribe true, url (the link),
 * name and token_days.
 */
#ifndef MAILER_WEBMAIL_H
#define MAILER_WEBMAIL_H

struct web;
struct webmail;

/* Starts the thread.  NULL after reporting (template, journal, relay). */
struct webmail *webmail_start(struct web *w);
/* Tells the thread a row is waiting.  Thread-safe. */
void webmail_kick(struct webmail *m);
/* Finishes the mail in progress and stops the thread.  NULL is ok. */
void webmail_stop(struct webmail *m);

#endif
