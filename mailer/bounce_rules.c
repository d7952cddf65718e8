/*
 * bounce_rules: diagnostic-text rules for bounce classification, kept as
 * data.  Each row maps a phrase that MTAs (Postfix, Exim, Sendmail, qmail,
 * Exchange/Office 365, Gmail, Yahoo, Courier, Domino, Chinese and Japanese
 * providers...) put in their diagnostics to a reason, the status it implies
 * and whether the address itself is dead (hard) or the failure may pass
 * later or concerns the message rather than the address (soft).
 *
 * Order matters: the first matching row wins, so specific phrases come
 * before generic ones and message-level reasons (spam, policy, size) come
 * before address-level ones they are often worded with.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce_ac.h"
#include "bounce_rules.h"

#define HARD 1
#define SOFT 0

static const struct bounce_rule rules[] = {
	/* Message-level rejections: the address may well be fine. */
	{ "message too large", "5.3.4", SOFT, "toobig" },
	{ "message is too large", "5.3.4", SOFT, "toobig" },
	{ "message size exceeds", "5.3.4", SOFT, "toobig" },
	{ "size exceeds", "5.3.4", SOFT, "toobig" },
	{ "exceeds size limit", "5.3.4", SOFT, "toobig" },
	{ "exceeds the maximum size", "5.3.4", SOFT, "toobig" },
	{ "message size limit", "5.3.4", SOFT, "toobig" },
	{ "message length exceeds", "5.3.4", SOFT, "toobig" },
	{ "too big", "5.3.4", SOFT, "toobig" },
	{ "virus", "5.7.1", SOFT, "virusdetected" },
	{ "spam", "5.7.1", SOFT, "spamdetected" },
	{ "junk mail", "5.7.1", SOFT, "spamdetected" },
	{ "content rejected", "5.7.1", SOFT, "contenterror" },
	{ "header error", "5.6.0", SOFT, "contenterror" },
	{ "垃圾邮件", "5.7.1", SOFT, "spamdetected" },
	{ "exceeded maximum inbound message size", "5.3.4", SOFT, "toobig" },
	{ "max message size exceeded", "5.3.4", SOFT, "toobig" },
	{ "message file too big", "5.3.4", SOFT, "toobig" },
	{ "message header size exceeds", "5.3.4", SOFT, "toobig" },
	{ "potentially executable attachment", "5.7.1", SOFT,
	  "virusdetected" },
	{ "appears to be unsolicited", "5.7.1", SOFT, "spamdetected" },
	{ "bulk email", "5.7.1", SOFT, "spamdetected" },
	{ "bulk e-mail", "5.7.1", SOFT, "spamdetected" },
	{ "bulk mail", "5.7.1", SOFT, "spamdetected" },
	{ "content filter rejection", "5.7.1", SOFT, "spamdetected" },
	{ "mail content denied", "5.7.1", SOFT, "spamdetected" },
	{ "unacceptable content", "5.7.1", SOFT, "spamdetected" },
	{ "mass mailer", "5.7.1", SOFT, "spamdetected" },
	{ "message filtered", "5.7.1", SOFT, "spamdetected" },
	{ "improper use of 8-bit data", "5.6.0", SOFT, "contenterror" },
	{ "invalid mime headers", "5.6.0", SOFT, "contenterror" },
	{ "mime complexity", "5.6.0", SOFT, "contenterror" },
	{ "header size exceeds", "5.6.0", SOFT, "contenterror" },
	/* rate limits, before the mailbox quotas they are worded like */
	{ "daily message quota exceeded", "4.7.0", SOFT, "toomanyconn" },
	{ "maximum sending rate", "4.7.0", SOFT, "toomanyconn" },
	{ "too many connections", "4.7.0", SOFT, "toomanyconn" },
	{ "too many concurrent", "4.7.0", SOFT, "toomanyconn" },
	{ "too many smtp sessions", "4.7.0", SOFT, "toomanyconn" },
	{ "too many errors from your ip", "4.7.0", SOFT, "toomanyconn" },
	{ "too many recipients", "4.5.3", SOFT, "toomanyconn" },
	{ "connection rate limit", "4.7.0", SOFT, "toomanyconn" },
	{ "maximum connection limit", "4.7.0", SOFT, "toomanyconn" },
	{ "connection limit for", "4.7.0", SOFT, "toomanyconn" },
	{ "max emails per hour", "4.7.0", SOFT, "toomanyconn" },
	{ "receiving mail at a rate", "4.2.1", SOFT, "toomanyconn" },
	{ "rate limit", "4.7.0", SOFT, "toomanyconn" },
	/* temporary DNS trouble, before "host not found" */
	{ "host not found, try again", "4.4.3", SOFT, "networkerror" },
	{ "host name lookup failure", "4.4.3", SOFT, "networkerror" },
	{ "malformed name server reply", "4.4.3", SOFT, "networkerror" },
	{ "malformed or unexpected name server reply", "4.4.3", SOFT,
	  "networkerror" },
	/* the sender refused, before "does not accept mail" */
	{ "does not accept mail from", "5.7.1", SOFT, "rejected" },
	{ "temporarily inactive", "4.2.1", SOFT, "suspend" },
	{ "temporary locked", "4.2.1", SOFT, "suspend" },
	{ "temporarily locked", "4.2.1", SOFT, "suspend" },

	/* Mailbox full: soft whatever the code says. */
	{ "mailbox full", "4.2.2", SOFT, "mailboxfull" },
	{ "mailbox is full", "4.2.2", SOFT, "mailboxfull" },
	{ "mail box full", "4.2.2", SOFT, "mailboxfull" },
	{ "mailbox has exceeded", "4.2.2", SOFT, "mailboxfull" },
	{ "mailfolder is full", "4.2.2", SOFT, "mailboxfull" },
	{ "mailbox exceeds allowed size", "4.2.2", SOFT, "mailboxfull" },
	{ "quota exceeded", "4.2.2", SOFT, "mailboxfull" },
	{ "exceeded quota", "4.2.2", SOFT, "mailboxfull" },
	{ "exceeds quota", "4.2.2", SOFT, "mailboxfull" },
	{ "over quota", "4.2.2", SOFT, "mailboxfull" },
	{ "overquota", "4.2.2", SOFT, "mailboxfull" },
	{ "over the quota", "4.2.2", SOFT, "mailboxfull" },
	{ "quota exceed", "4.2.2", SOFT, "mailboxfull" },
	{ "disk quota", "4.2.2", SOFT, "mailboxfull" },
	{ "insufficient disk space", "4.2.2", SOFT, "mailboxfull" },
	{ "insufficient system storage", "4.3.1", SOFT, "systemfull" },
	{ "mail system full", "4.3.1", SOFT, "systemfull" },
	{ "no space left", "4.3.1", SOFT, "systemfull" },
	{ "not enough disk space", "4.2.2", SOFT, "mailboxfull" },
	{ "not enough storage space", "4.2.2", SOFT, "mailboxfull" },
	{ "does not have enough space", "4.2.2", SOFT, "mailboxfull" },
	{ "full mailbox", "4.2.2", SOFT, "mailboxfull" },
	{ "boite du destinataire pleine", "4.2.2", SOFT, "mailboxfull" },
	{ "quota violation", "4.2.2", SOFT, "mailboxfull" },
	{ "reached disk quota", "4.2.2", SOFT, "mailboxfull" },
	{ "would exceed maximum allowed storage", "4.2.2", SOFT,
	  "mailboxfull" },
	{ "too many messages on the server", "4.2.2", SOFT, "mailboxfull" },
	{ "exceeded the local limit", "4.2.2", SOFT, "mailboxfull" },
	{ "disk space limit", "4.2.2", SOFT, "mailboxfull" },
	{ "mailbox would exceed", "4.2.2", SOFT, "mailboxfull" },
	{ "exceeded storage allocation", "4.2.2", SOFT, "mailboxfull" },
	{ "user is over", "4.2.2", SOFT, "mailboxfull" },
	{ "account is full", "4.2.2", SOFT, "mailboxfull" },
	{ "mailbox size limit", "4.2.2", SOFT, "mailboxfull" },
	{ "too much mail data", "4.2.2", SOFT, "mailboxfull" },
	{ "is over its quota", "4.2.2", SOFT, "mailboxfull" },
	{ "storage limit", "4.2.2", SOFT, "mailboxfull" },
	{ "邮箱已满", "4.2.2", SOFT, "mailboxfull" },
	{ "邮箱空间不足", "4.2.2", SOFT, "mailboxfull" },
	{ "容量不足", "4.2.2", SOFT, "mailboxfull" },
	{ "容量オーバー", "4.2.2", SOFT, "mailboxfull" },

	/* The address is gone. */
	{ "user unknown", "5.1.1", HARD, "userunknown" },
	{ "unknown user", "5.1.1", HARD, "userunknown" },
	{ "no such user", "5.1.1", HARD, "userunknown" },
	{ "user not found", "5.1.1", HARD, "userunknown" },
	{ "user not exist", "5.1.1", HARD, "userunknown" },
	{ "user does not exist", "5.1.1", HARD, "userunknown" },
	{ "user doesn't exist", "5.1.1", HARD, "userunknown" },
	{ "user doesn't have a", "5.1.1", HARD, "userunknown" },
	{ "unknown recipient", "5.1.1", HARD, "userunknown" },
	{ "recipient unknown", "5.1.1", HARD, "userunknown" },
	{ "recipient not found", "5.1.1", HARD, "userunknown" },
	{ "no such recipient", "5.1.1", HARD, "userunknown" },
	{ "invalid recipient", "5.1.1", HARD, "userunknown" },
	{ "recipient address rejected: user", "5.1.1", HARD, "userunknown" },
	{ "recipient address rejected: undeliverable", "5.1.1", HARD,
	  "userunknown" },
	{ "recipient address rejected: unknown", "5.1.1", HARD,
	  "userunknown" },
	{ "unknown local part", "5.1.1", HARD, "userunknown" },
	{ "unrouteable address", "5.1.1", HARD, "userunknown" },
	{ "no mailbox here by that name", "5.1.1", HARD, "userunknown" },
	{ "no such mailbox", "5.1.1", HARD, "userunknown" },
	{ "mailbox not found", "5.1.1", HARD, "userunknown" },
	{ "mailbox does not exist", "5.1.1", HARD, "userunknown" },
	{ "mailbox unavailable", "5.1.1", HARD, "userunknown" },
	{ "invalid mailbox", "5.1.1", HARD, "userunknown" },
	{ "is not a valid mailbox", "5.1.1", HARD, "userunknown" },
	{ "bad destination mailbox address", "5.1.1", HARD, "userunknown" },
	{ "account does not exist", "5.1.1", HARD, "userunknown" },
	{ "account that you tried to reach does not exist", "5.1.1", HARD,
	  "userunknown" },
	{ "no account by that name", "5.1.1", HARD, "userunknown" },
	{ "address unknown", "5.1.1", HARD, "userunknown" },
	{ "unknown address", "5.1.1", HARD, "userunknown" },
	{ "address does not exist", "5.1.1", HARD, "userunknown" },
	{ "address rejected", "5.1.1", HARD, "userunknown" },
	{ "invalid address", "5.1.1", HARD, "userunknown" },
	{ "not a known user", "5.1.1", HARD, "userunknown" },
	{ "no valid recipients", "5.1.1", HARD, "userunknown" },
	{ "not our customer", "5.1.1", HARD, "userunknown" },
	{ "unknown or illegal alias", "5.1.1", HARD, "userunknown" },
	{ "not listed in domino directory", "5.1.1", HARD, "userunknown" },
	{ "not listed in public name & address book", "5.1.1", HARD,
	  "userunknown" },
	{ "recipient address rejected", "5.1.1", HARD, "userunknown" },
	{ "sorry, no mailbox", "5.1.1", HARD, "userunknown" },
	{ "does not have an account", "5.1.1", HARD, "userunknown" },
	{ "用户不存在", "5.1.1", HARD, "userunknown" },
	{ "收件人不存在", "5.1.1", HARD, "userunknown" },
	{ "邮箱不存在", "5.1.1", HARD, "userunknown" },
	{ "地址不存在", "5.1.1", HARD, "userunknown" },
	{ "帐户不存在", "5.1.1", HARD, "userunknown" },
	{ "账户不存在", "5.1.1", HARD, "userunknown" },
	{ "帳號不存在", "5.1.1", HARD, "userunknown" },
	{ "ディレクトリのリストにありません", "5.1.1", HARD, "userunknown" },
	{ "check if address is correct", "5.1.1", HARD, "userunknown" },
	{ "wasn't found at", "5.1.1", HARD, "userunknown" },
	{ "was not found at", "5.1.1", HARD, "userunknown" },
	{ "address invalid", "5.1.1", HARD, "userunknown" },
	{ "address not present in directory", "5.1.1", HARD, "userunknown" },
	{ "archived recipient", "5.1.1", HARD, "userunknown" },
	{ "bad recipient", "5.1.1", HARD, "userunknown" },
	{ "bad-recipient", "5.1.1", HARD, "userunknown" },
	{ "badrcptto", "5.1.1", HARD, "userunknown" },
	{ "can't accept user", "5.1.1", HARD, "userunknown" },
	{ "destination addresses were unknown", "5.1.1", HARD,
	  "userunknown" },
	{ "email address does not exist", "5.1.1", HARD, "userunknown" },
	{ "email address could not be found", "5.1.1", HARD, "userunknown" },
	{ "mailbox invalid", "5.1.1", HARD, "userunknown" },
	{ "mailbox not present", "5.1.1", HARD, "userunknown" },
	{ "mailbox doesn't exist", "5.1.1", HARD, "userunknown" },
	{ "invalid mailbox path", "5.1.1", HARD, "userunknown" },
	{ "not an active address at this host", "5.1.1", HARD,
	  "userunknown" },
	{ "no mail box available for this user", "5.1.1", HARD,
	  "userunknown" },
	{ "no mailbox by that name", "5.1.1", HARD, "userunknown" },
	{ "no mailbox found", "5.1.1", HARD, "userunknown" },
	{ "no such address", "5.1.1", HARD, "userunknown" },
	{ "no such person", "5.1.1", HARD, "userunknown" },
	{ "non-existent user", "5.1.1", HARD, "userunknown" },
	{ "nonexistent user", "5.1.1", HARD, "userunknown" },
	{ "non existent user", "5.1.1", HARD, "userunknown" },
	{ "not a valid recipient", "5.1.1", HARD, "userunknown" },
	{ "not a valid user", "5.1.1", HARD, "userunknown" },
	{ "recipient does not exist", "5.1.1", HARD, "userunknown" },
	{ "recipient not exist", "5.1.1", HARD, "userunknown" },
	{ "recipnotfound", "5.1.1", HARD, "userunknown" },
	{ "recipient notfound", "5.1.1", HARD, "userunknown" },
	{ "there is no one at this address", "5.1.1", HARD, "userunknown" },
	{ "no longer accepts mail", "5.1.1", HARD, "userunknown" },
	{ "wrong or no longer valid", "5.1.1", HARD, "userunknown" },
	{ "unknown e-mail address", "5.1.1", HARD, "userunknown" },
	{ "unknown email address", "5.1.1", HARD, "userunknown" },
	{ "unknown local-part", "5.1.1", HARD, "userunknown" },
	{ "unknown mailbox", "5.1.1", HARD, "userunknown" },
	{ "user missing home directory", "5.1.1", HARD, "userunknown" },
	{ "user not known", "5.1.1", HARD, "userunknown" },
	{ "utilisateur inconnu", "5.1.1", HARD, "userunknown" },
	{ "unknown virtual user", "5.1.1", HARD, "userunknown" },
	{ "invalid user specified", "5.1.1", HARD, "userunknown" },
	{ "cannot find system user", "5.1.1", HARD, "userunknown" },
	{ "email name is not found", "5.1.1", HARD, "userunknown" },

	{ "host unknown", "5.1.2", HARD, "hostunknown" },
	{ "unknown host", "5.1.2", HARD, "hostunknown" },
	{ "host not found", "5.1.2", HARD, "hostunknown" },
	{ "domain not found", "5.1.2", HARD, "hostunknown" },
	{ "no such domain", "5.1.2", HARD, "hostunknown" },
	{ "unknown domain", "5.1.2", HARD, "hostunknown" },
	{ "domain does not exist", "5.1.2", HARD, "hostunknown" },
	{ "unrouteable mail domain", "5.1.2", HARD, "hostunknown" },
	{ "name or service not known", "5.1.2", HARD, "hostunknown" },
	{ "no mx record", "5.1.2", HARD, "hostunknown" },
	{ "point to non-existent hosts", "5.1.2", HARD, "hostunknown" },
	{ "bad destination system address", "5.1.2", HARD, "hostunknown" },
	{ "domain name not found", "5.1.2", HARD, "hostunknown" },
	{ "域名不存在", "5.1.2", HARD, "hostunknown" },
	{ "domain is not reachable", "5.1.2", HARD, "hostunknown" },
	{ "host or domain name not found", "5.1.2", HARD, "hostunknown" },
	{ "mentioned in email address is unknown", "5.1.2", HARD,
	  "hostunknown" },
	{ "domain must exist", "5.1.2", HARD, "hostunknown" },
	{ "unroutable address", "5.1.2", HARD, "hostunknown" },
	{ "does not accept mail", "5.1.10", HARD, "notaccept" },
	{ "null mx", "5.1.10", HARD, "notaccept" },
	{ "nullmx", "5.1.10", HARD, "notaccept" },

	{ "has moved", "5.1.6", HARD, "hasmoved" },
	{ "address has changed", "5.1.6", HARD, "hasmoved" },
	{ "has been replaced by", "5.1.6", HARD, "hasmoved" },

	/* Disabled accounts: treated as dead addresses. */
	{ "account disabled", "5.2.1", HARD, "suspend" },
	{ "account is disabled", "5.2.1", HARD, "suspend" },
	{ "account has been disabled", "5.2.1", HARD, "suspend" },
	{ "mailbox disabled", "5.2.1", HARD, "suspend" },
	{ "mailbox is disabled", "5.2.1", HARD, "suspend" },
	{ "account is inactive", "5.2.1", HARD, "suspend" },
	{ "account has been suspended", "5.2.1", HARD, "suspend" },
	{ "account is suspended", "5.2.1", HARD, "suspend" },
	{ "deactivated", "5.2.1", HARD, "suspend" },
	{ "is currently suspended", "5.2.1", HARD, "suspend" },
	{ "has been suspended", "5.2.1", HARD, "suspend" },
	{ "mailbox currently suspended", "5.2.1", HARD, "suspend" },
	{ "mailbox is frozen", "5.2.1", HARD, "suspend" },
	{ "this mailbox is disabled", "5.2.1", HARD, "suspend" },
	{ "has been disabled or discontinued", "5.2.1", HARD, "suspend" },
	{ "user suspended", "5.2.1", HARD, "suspend" },
	{ "invalid/inactive user", "5.2.1", HARD, "suspend" },

	/* The local delivery agent failed (Sisimai's "mailererror"). */
	{ "mailer error", "4.3.0", SOFT, "mailererror" },
	{ "command died with status", "4.3.0", SOFT, "mailererror" },
	{ "command output:", "4.3.0", SOFT, "mailererror" },
	{ "procmail:", "4.3.0", SOFT, "mailererror" },
	{ "maildrop:", "4.3.0", SOFT, "mailererror" },

	/* Sender, relay or policy problems: soft. */
	{ "relay access denied", "5.7.1", SOFT, "norelaying" },
	{ "relaying denied", "5.7.1", SOFT, "norelaying" },
	{ "relay not permitted", "5.7.1", SOFT, "norelaying" },
	{ "not permitted to relay", "5.7.1", SOFT, "norelaying" },
	{ "unable to relay", "5.7.1", SOFT, "norelaying" },
	{ "relay denied", "5.7.1", SOFT, "norelaying" },
	{ "not allowed to relay", "5.7.1", SOFT, "norelaying" },
	{ "not configured to relay", "5.7.1", SOFT, "norelaying" },
	{ "as a relay", "5.7.1", SOFT, "norelaying" },
	{ "insecure mail relay", "5.7.1", SOFT, "norelaying" },
	{ "blocked using", "5.7.1", SOFT, "blocked" },
	{ "ptr record", "5.7.1", SOFT, "blocked" },
	{ "helo command rejected", "5.7.1", SOFT, "blocked" },
	{ "not currently accepting mail from your ip", "5.7.1", SOFT,
	  "blocked" },
	{ "sending ip", "5.7.1", SOFT, "blocked" },
	{ "dynamic ip", "5.7.1", SOFT, "blocked" },
	{ "ip name lookup failed", "5.7.1", SOFT, "blocked" },
	{ "reputation", "5.7.1", SOFT, "blocked" },
	{ "listed as abusive", "5.7.1", SOFT, "blocked" },
	{ "dnsbl", "5.7.1", SOFT, "blocked" },
	{ "spf", "5.7.23", SOFT, "securityerror" },
	{ "dkim", "5.7.1", SOFT, "securityerror" },
	{ "tls required", "5.7.10", SOFT, "securityerror" },
	{ "unauthenticated senders not allowed", "5.7.1", SOFT,
	  "securityerror" },
	{ "denied by policy", "5.7.1", SOFT, "policyviolation" },
	{ "for policy reasons", "5.7.1", SOFT, "policyviolation" },
	{ "organizational settings", "5.7.1", SOFT, "policyviolation" },
	{ "members-only list", "5.7.1", SOFT, "policyviolation" },
	{ "closed mailing list", "5.7.1", SOFT, "policyviolation" },
	{ "illegal attachment", "5.7.1", SOFT, "policyviolation" },
	{ "protocol violation", "5.7.1", SOFT, "policyviolation" },
	{ "sender verify failed", "5.7.1", SOFT, "rejected" },
	{ "sender rejected", "5.7.1", SOFT, "rejected" },
	{ "invalid sender", "5.7.1", SOFT, "rejected" },
	{ "administrative prohibition", "5.7.1", SOFT, "rejected" },
	{ "batv", "5.7.1", SOFT, "rejected" },
	{ "null sender is not allowed", "5.7.1", SOFT, "rejected" },
	{ "empty envelope senders not allowed", "5.7.1", SOFT, "rejected" },
	{ "unroutable sender address", "5.7.1", SOFT, "rejected" },
	{ "bogus mail from", "5.7.1", SOFT, "rejected" },
	{ "not allowed to post to this mailing list", "5.7.1", SOFT,
	  "rejected" },
	{ "only accepting mail from specific", "5.7.1", SOFT, "filtered" },
	{ "refused due to recipient preferences", "5.7.1", SOFT,
	  "filtered" },
	{ "blocked by the recipient", "5.7.1", SOFT, "filtered" },
	{ "blacklist", "5.7.1", SOFT, "blocked" },
	{ "blocklist", "5.7.1", SOFT, "blocked" },
	{ "block list", "5.7.1", SOFT, "blocked" },
	{ "spamhaus", "5.7.1", SOFT, "blocked" },
	{ "poor reputation", "5.7.1", SOFT, "blocked" },
	{ "client host rejected", "5.7.1", SOFT, "blocked" },
	{ "reverse dns", "5.7.1", SOFT, "blocked" },
	{ "name was rejected", "5.7.1", SOFT, "blocked" },
	{ "open relay", "5.7.1", SOFT, "blocked" },
	{ "blocked", "5.7.1", SOFT, "blocked" },
	{ "dmarc", "5.7.1", SOFT, "policyviolation" },
	{ "authentication", "5.7.1", SOFT, "securityerror" },
	{ "policy", "5.7.0", SOFT, "policyviolation" },
	{ "access denied", "5.7.1", SOFT, "rejected" },
	{ "not authorized", "5.7.1", SOFT, "rejected" },
	{ "sender address rejected", "5.7.1", SOFT, "rejected" },
	{ "domain of sender address", "5.7.1", SOFT, "rejected" },
	{ "syntax error", "5.5.2", SOFT, "syntaxerror" },

	/* Gave up after retrying. */
	{ "retry timeout exceeded", "4.4.7", SOFT, "expired" },
	{ "too long in queue", "4.4.7", SOFT, "expired" },
	{ "in the queue too long", "4.4.7", SOFT, "expired" },
	{ "message expired", "4.4.7", SOFT, "expired" },
	{ "delivery time expired", "4.4.7", SOFT, "expired" },
	{ "could not be delivered within", "4.4.7", SOFT, "expired" },
	{ "has not been delivered", "4.4.7", SOFT, "expired" },
	{ "delivery attempts will continue", "4.4.7", SOFT, "expired" },
	{ "will continue to retry", "4.4.7", SOFT, "expired" },
	{ "still being retried", "4.4.7", SOFT, "expired" },
	{ "has been delayed", "4.4.7", SOFT, "expired" },
	{ "delayed", "4.4.7", SOFT, "expired" },
	{ "expired", "4.4.7", SOFT, "expired" },
	{ "giving up on", "4.4.7", SOFT, "expired" },
	{ "failing for a long time", "4.4.7", SOFT, "expired" },
	{ "message timed out", "4.4.7", SOFT, "expired" },
	{ "retry time not reached", "4.4.7", SOFT, "expired" },
	{ "after multiple retries", "4.4.7", SOFT, "expired" },
	{ "allowed queue period", "4.4.7", SOFT, "expired" },
	{ "could not be delivered for more than", "4.4.7", SOFT, "expired" },
	{ "could not find a gateway for", "4.4.7", SOFT, "expired" },
	{ "server did not respond", "4.4.7", SOFT, "expired" },

	/* Transport trouble. */
	{ "connection timed out", "4.4.1", SOFT, "networkerror" },
	{ "connection refused", "4.4.1", SOFT, "networkerror" },
	{ "no route to host", "4.4.1", SOFT, "networkerror" },
	{ "network is unreachable", "4.4.1", SOFT, "networkerror" },
	{ "mail loop", "5.4.6", SOFT, "networkerror" },
	{ "loops back to myself", "5.4.6", SOFT, "networkerror" },
	{ "too many hops", "5.4.6", SOFT, "networkerror" },
	{ "hop count exceeded", "5.4.6", SOFT, "networkerror" },
	{ "host is unreachable", "4.4.1", SOFT, "networkerror" },
	{ "forwarding loop", "5.4.6", SOFT, "networkerror" },
	{ "message looping", "5.4.6", SOFT, "networkerror" },
	{ "routing loop", "5.4.6", SOFT, "networkerror" },
	{ "unable to resolve route", "4.4.1", SOFT, "networkerror" },
	{ "could not connect and send", "4.4.1", SOFT, "networkerror" },
	{ "queue file write error", "4.3.0", SOFT, "systemerror" },
	{ "local configuration error", "4.3.0", SOFT, "systemerror" },
	{ "local error in processing", "4.3.0", SOFT, "systemerror" },
	{ "configuration error", "4.3.0", SOFT, "systemerror" },
	{ "service currently unavailable", "4.3.0", SOFT, "systemerror" },
	{ "temporary local problem", "4.3.0", SOFT, "systemerror" },
	{ "timeout waiting for input", "4.3.0", SOFT, "systemerror" },
	{ "would create a mail loop", "4.3.0", SOFT, "systemerror" },
	{ "interrupted system call", "4.3.0", SOFT, "systemerror" },
	{ "internal error", "4.3.0", SOFT, "systemerror" },
	{ "system error", "4.3.0", SOFT, "systemerror" },
	{ "local error", "4.3.0", SOFT, "systemerror" },
	{ "temporary failure", "4.0.0", SOFT, "systemerror" },
	{ "rejected", "5.7.1", SOFT, "rejected" },
};

/* Reasons implied by an enhanced status code, most specific first. */
static const struct bounce_rule status_rules[] = {
	{ "5.1.1", "5.1.1", HARD, "userunknown" },
	{ "5.1.0", "5.1.0", HARD, "userunknown" },
	{ "5.1.3", "5.1.3", HARD, "userunknown" },
	{ "5.1.2", "5.1.2", HARD, "hostunknown" },
	{ "5.1.6", "5.1.6", HARD, "hasmoved" },
	{ "5.1.10", "5.1.10", HARD, "userunknown" },
	{ "5.2.1", "5.2.1", HARD, "suspend" },
	{ "5.1.7", "5.1.7", SOFT, "rejected" },
	{ "5.1.8", "5.1.8", SOFT, "rejected" },
	{ "5.4.4", "5.4.4", HARD, "hostunknown" },
	{ "x.2.2", "", SOFT, "mailboxfull" },
	{ "x.3.4", "", SOFT, "toobig" },
	{ "x.2.3", "", SOFT, "toobig" },
	{ "x.4.7", "", SOFT, "expired" },
	{ "x.4.1", "", SOFT, "networkerror" },
	{ "x.4.4", "", SOFT, "networkerror" },
	{ "x.7.1", "", SOFT, "rejected" },
	{ "x.7.", "", SOFT, "policyviolation" },
	{ "x.3.", "", SOFT, "systemerror" },
};

#define NRULES (sizeof rules / sizeof rules[0])

/*
 * The rows compiled once into one automaton (bounce_ac.c), so matching is
 * one pass over the text whatever the number of rows; the lowest row index
 * found keeps the "first row in table order wins" meaning of the plain
 * loop, which remains the fallback.
 */
static struct bounce_ac rule_ac;
static pthread_once_t rule_once = PTHREAD_ONCE_INIT;

static void
rule_ac_build(void)
{
	static const char *pats[NRULES];
	static uint16_t vals[NRULES];

	for (size_t i = 0; i < NRULES; i++) {
		pats[i] = rules[i].pattern;
		vals[i] = (uint16_t)i;
	}
	bounce_ac_build(&rule_ac, pats, vals, NRULES, BOUNCE_AC_MIN, NRULES);
}

/* lower[0..n) folded as bounce_ac_scan folds, into a new string. */
static char *
fold_dup(const char *text, size_t n, size_t *len)
{
	const unsigned char *p = (const unsigned char *)text;
	char *l = malloc(n + 1);
	size_t k = 0;

	if (!l)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (isspace(p[i])) {
			if (k && l[k - 1] != ' ')
				l[k++] = ' ';
		} else
			l[k++] = (char)tolower(p[i]);
	}
	l[k] = '\0';
	*len = k;
	return l;
}

static const struct bounce_rule *
match_slow(const char *lower, size_t n)
{
	for (size_t i = 0; i < NRULES; i++)
		if (memmem(lower, n, rules[i].pattern,
		    strlen(rules[i].pattern)))
			return &rules[i];
	return NULL;
}

const struct bounce_rule *
bounce_rule_match(const char *lower, size_t n)
{
	uint16_t best;

	pthread_once(&rule_once, rule_ac_build);
	if (!rule_ac.ok)
		return match_slow(lower, n);
	best = bounce_ac_scan(&rule_ac, lower, n, 0);
	return best < NRULES ? &rules[best] : NULL;
}

const struct bounce_rule *
bounce_rule_match_folded(const char *text, size_t n)
{
	uint16_t best;

	pthread_once(&rule_once, rule_ac_build);
	if (!rule_ac.ok) {
		size_t k;
		char *l = fold_dup(text, n, &k);
		const struct bounce_rule *r = match_slow(l, k);

		free(l);
		return r;
	}
	best = bounce_ac_scan(&rule_ac, text, n, BOUNCE_AC_CASE |
	    BOUNCE_AC_SPACE);
	return best < NRULES ? &rules[best] : NULL;
}

const struct bounce_rule *
bounce_rule_for_status(const char *status)
{
	for (size_t i = 0; i < sizeof status_rules / sizeof status_rules[0];
	    i++) {
		const char *p = status_rules[i].pattern;
		size_t pl = strlen(p);

		if (p[0] == 'x') {
			/* any class: compare from the subject digit on */
			if (status[0] && !strncmp(status + 1, p + 1, pl - 1) &&
			    (p[pl - 1] == '.' || status[pl] == '\0'))
				return &status_rules[i];
		} else if (!strcmp(status, p))
			return &status_rules[i];
	}
	return NULL;
}

const char *const bounce_copy_markers[] = {
	"--- below this line is a copy of the message",
	"------ this is a copy of the message",
	"----- original message -----",
	"----- unsent message follows -----",
	"----- message header follows -----",
	"----- original message follows -----",
	"--- original message follows",
	"------ original message",
	"-- the header and top 20 lines of the message follows --",
	"------ this is a copy of your message",
	"----- the following is the message",
	"original message headers:",
	"--- the header of the original message is following. ---",
	"content-type: message/rfc822",
	"------- returned message --------",
	"----- returned message follows -----",
	"message headers follow",
	"original message follows",
	"original message header",
	NULL
};

const char *const bounce_delay_subjects[] = {
	"delay",
	"warning",
	"still being retried",
	"not yet been delivered",
	"not yet delivered",
	NULL
};

/* Subject words of a final failure: no delay warning says them. */
const char *const bounce_final_subjects[] = {
	"undeliver",
	"failure",
	"failed",
	"not delivered",
	"could not be delivered",
	"non-delivery",
	"nondelivery",
	NULL
};

const char *const bounce_failure_subjects[] = {
	"undeliver",
	"undelivered",
	"returned mail",
	"delivery status notification",
	"delivery failure",
	"delivery failed",
	"failure notice",
	"mail delivery",
	"non-delivery",
	"nondelivery",
	"not delivered",
	"could not be delivered",
	"couldn't be delivered",
	"rejected",
	"mail system error",
	"delivery problem",
	"delivery notification",
	"bounce",
	"error sending",
	"message not delivered",
	"delivery has failed",
	"系统退信",
	"退信",
	"エラー",
	NULL
};

const char *const bounce_autoreply_subjects[] = {
	"auto:",
	"autoreply",
	"auto-reply",
	"auto reply",
	"automatic reply",
	"out of office",
	"out of the office",
	"vacation",
	"away from",
	"自动回复",
	"自動返信",
	"自動応答",
	"不在",
	NULL
};

const char *const bounce_daemon_locals[] = {
	"mailer-daemon",
	"postmaster",
	"mail-daemon",
	"maildaemon",
	"mailerdaemon",
	"mdaemon",
	"nobody",
	"root",
	"double-bounce",
	NULL
};

int
bounce_list_match(const char *const *list, const char *lower, size_t n)
{
	for (; *list; list++)
		if (memmem(lower, n, *list, strlen(*list)))
			return 1;
	return 0;
}

/*
 * Words that, ending the text just before an address, label it a failed
 * recipient (Sisimai's fallback parser and Mailman's SimpleMatch list the
 * same labels).
 */
const char *const bounce_rcpt_cues[] = {
	"recipient",
	"recipient:",
	"recipients:",
	"recipient address:",
	"recipient(s):",
	"rejected recipient",
	"failed recipient:",
	"intended recipient:",
	"original recipient:",
	"final recipient:",
	"final-recipient: rfc822;",
	"original-recipient: rfc822;",
	"x-failed-recipients:",
	"address:",
	"addresses:",
	"address(es):",
	"userid:",
	"error-for:",
	"rcpt to:",
	"addressed to",
	"you sent mail to",
	"your message to",
	"the following message to",
	"delivering your mail to",
	"not a member of",
	NULL
};

/* Words of a sentence saying that delivery failed (or is delayed). */
const char *const bounce_failure_words[] = {
	"undeliver",
	"not deliver",
	"not be deliver",
	"n't deliver",
	"n't be deliver",
	"not delivered",
	"unable to",
	"could not",
	"couldn't",
	"cannot",
	"can't",
	"fail",
	"error",
	"reject",
	"refused",
	"bounced",
	"did not reach",
	"didn't reach",
	"permanent",
	"problem",
	"delay",
	"invalid",
	"unknown",
	NULL
};

/* Words that make an address a contact or a sender, never a recipient. */
const char *const bounce_contact_words[] = {
	"contact",
	"write to",
	"send mail to",
	"send an email to",
	"send an e-mail to",
	"reply to",
	"forward",
	"question",
	"help",
	"assist",
	"support",
	"administrator",
	"postmaster",
	"abuse",
	"report",
	"from",
	"sender",
	"sent by",
	"envelope",
	"return-path",
	"reply-to",
	"mail from",
	NULL
};

/* "<these words> <address> <failure words>": "Your message to a failed". */
const char *const bounce_message_to[] = {
	"message to",
	"mail to",
	"email to",
	"e-mail to",
	"delivery to",
	"sent to",
	"messages to",
	NULL
};

/*
 * Header fields of a message quoted in a notice (its continuation lines
 * carry addresses that are no verdict); compared at the line's start.
 */
const char *const bounce_quoted_fields[] = {
	"to:", "cc:", "bcc:", "from:", "sender:", "reply-to:", "return-path:",
	"received:", "references:", "in-reply-to:", "message-id:",
	"delivered-to:", "resent-to:", "resent-cc:", "resent-from:",
	"dkim-signature:", "list-unsubscribe:", "list-id:", "errors-to:",
	"disposition-notification-to:", "x-original-to:", "x-envelope-to:",
	"x-envelope-from:", "envelope-to:", NULL
};

/*
 * Sentences only delivery-failure notices write: evidence that a message
 * without a standard report is one.
 */
const char *const bounce_failure_cues[] = {
	"could not be delivered",
	"couldn't be delivered",
	"cannot be delivered",
	"can't be delivered",
	"could not deliver",
	"couldn't deliver",
	"unable to deliver",
	"was not delivered",
	"wasn't delivered",
	"not been delivered",
	"undeliverable",
	"undelivered",
	"delivery failed",
	"delivery has failed",
	"delivery failure",
	"delivery to the following",
	"failed to deliver",
	"failed permanently",
	"permanent error",
	"permanent fatal error",
	"permanent failure",
	"delivery problem",
	"did not reach the following",
	"didn't reach the following",
	"mail delivery software",
	"this is the mail system at",
	"this is the qmail-send program",
	"wasn't able to deliver",
	"error delivering",
	"errors delivering",
	"delivery status notification",
	"non-delivery",
	"could not be sent",
	"message not delivered",
	"has not yet been delivered",
	"delivery errors",
	"delivery problems",
	"returned mail",
	"rejected your message",
	"following addresses had",
	"the following recipient",
	"the following address",
	"message you sent",
	NULL
};

/* A notice saying delivery is still being attempted: a delay warning. */
const char *const bounce_delay_cues[] = {
	"warning only",
	"warning message only",
	"just a warning",
	"advisory-only",
	"advisory only",
	"do not need to resend",
	"don't need to resend",
	"no need to resend",
	"need to re-send",
	"only a temporary failure",
	"temporary failure report",
	"kept in the queue",
	"no action is required",
	"not yet been delivered",
	"not been delivered yet",
	"hasn't been delivered yet",
	"not delivered yet",
	"not yet delivered",
	"will be retried",
	"will retry",
	"will keep trying",
	"will keep on trying",
	"will continue to try",
	"will continue trying",
	"will continue to attempt",
	"will try again",
	"will be tried again",
	"will attempt to deliver",
	"will attempt delivery",
	"will be attempted again",
	"attempts will continue",
	"will continue to be attempted",
	"delivery will continue",
	"keep trying until",
	"still being retried",
	"still trying",
	"still undelivered",
	"still in the queue",
	"has been delayed",
	"have been delayed",
	"is delayed",
	"delivery delayed",
	"delays in delivering",
	"delay in delivering",
	"has been postponed",
	"temporarily deferred",
	"retry for",
	"retrying",
	NULL
};

/* ... unless the notice also says it gave up. */
const char *const bounce_final_cues[] = {
	"failed permanently",
	"permanently failed",
	"permanent error",
	"permanent failure",
	"permanent fatal",
	"no further attempts",
	"no more attempts",
	"will not be retried",
	"won't be retried",
	"will not retry",
	"not going to try again",
	"giving up",
	"gave up",
	"given up",
	"retry timeout exceeded",
	"too long in the queue",
	"in the queue too long",
	"too long in queue",
	"delivery time expired",
	"delivery expired",
	"message expired",
	"could not be delivered within",
	"has been returned",
	NULL
};

/* A notice of success (OpenSMTPD, Exchange "Delivered:"), not a failure. */
const char *const bounce_success_cues[] = {
	"successfully delivered",
	"was delivered successfully",
	"delivery to these recipients or groups is complete",
	"delivery to the following recipients was complete",
	"your message was relayed to",
	NULL
};

/* Subjects of complaint notices that are no RFC 5965 report. */
const char *const bounce_complaint_subjects[] = {
	"complaint about message from",
	NULL
};

int
bounce_list_prefix(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++) {
		size_t pl = strlen(*list);

		if (n >= pl && !strncasecmp(s, *list, pl))
			return 1;
	}
	return 0;
}

/* The cue lists bounce_cues() looks for, in BOUNCE_CUE_* bit order. */
static const char *const *const cue_lists[] = {
	bounce_failure_cues, bounce_delay_cues, bounce_final_cues,
	bounce_success_cues
};
#define NCUELISTS (sizeof cue_lists / sizeof cue_lists[0])
#define MAX_CUES 512

static struct bounce_ac cue_ac;
static pthread_once_t cue_once = PTHREAD_ONCE_INIT;

static void
cue_ac_build(void)
{
	static const char *pats[MAX_CUES];
	static uint16_t vals[MAX_CUES];
	size_t n = 0;

	for (size_t l = 0; l < NCUELISTS; l++)
		for (const char *const *c = cue_lists[l]; *c; c++) {
			if (n == MAX_CUES)
				return;
			pats[n] = *c;
			vals[n++] = (uint16_t)(1u << l);
		}
	bounce_ac_build(&cue_ac, pats, vals, n, BOUNCE_AC_OR, 0);
}

unsigned
bounce_cues(const char *text, size_t n)
{
	unsigned r = 0;
	size_t k;
	char *l;

	pthread_once(&cue_once, cue_ac_build);
	if (cue_ac.ok)
		return bounce_ac_scan(&cue_ac, text, n, BOUNCE_AC_CASE |
		    BOUNCE_AC_SPACE);
	l = fold_dup(text, n, &k);
	for (size_t i = 0; i < NCUELISTS; i++)
		if (bounce_list_match(cue_lists[i], l, k))
			r |= 1u << i;
	free(l);
	return r;
}

/* The copy markers, longest-first at any end position. */
static struct bounce_ac marker_ac;
static pthread_once_t marker_once = PTHREAD_ONCE_INIT;

static void
marker_ac_build(void)
{
	static uint16_t lens[64];
	size_t n = 0;

	while (bounce_copy_markers[n] && n < 64) {
		lens[n] = (uint16_t)strlen(bounce_copy_markers[n]);
		n++;
	}
	bounce_ac_build(&marker_ac, bounce_copy_markers, lens, n,
	    BOUNCE_AC_MAX, 0);
}

size_t
bounce_copy_marker(const char *text, size_t n)
{
	uint16_t len = 0;
	size_t end;

	pthread_once(&marker_once, marker_ac_build);
	if (!marker_ac.ok) {
		for (size_t i = 0; i < n; i++)
			for (const char *const *m = bounce_copy_markers; *m;
			    m++)
				if (strlen(*m) <= n - i &&
				    !strncasecmp(text + i, *m, strlen(*m)))
					return i;
		return n;
	}
	end = bounce_ac_first(&marker_ac, text, n, &len);
	return end == n && !len ? n : end - len;
}
