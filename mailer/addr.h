/*
 * addr: e-mail address checks (RFC 5321 / 5322 dot-atom subset) and
 * internationalised domains (RFC 5891, libidn2): a domain in U-labels is
 * accepted and normalised to its A-label (xn--) form.
 */
#ifndef MAILER_ADDR_H
#define MAILER_ADDR_H

/*
 * Validates in and stores a normalised copy in *out (caller frees): domain
 * lower-cased and converted to A-labels.  Returns 0, or -1 with *why set to
 * a static explanation.  No message is printed: callers know the place.
 */
int addr_normalize(const char *in, char **out, const char **why);

/*
 * addr_normalize for a subscriber's address, which may also be an
 * internationalised one (RFC 6531: UTF-8 before the @): valid UTF-8, no
 * control character, in Unicode NFC (RFC 6530, 10.1), the domain in
 * A-labels as above, so one mailbox is one string.
 */
int addr_normalize_eai(const char *in, char **out, const char **why);

/*
 * s (UTF-8) in Unicode Normalization Form C, a copy the caller frees;
 * NULL when s is not valid UTF-8 or longer than 4096 bytes.  For what a
 * reader types, where an input method may give decomposed characters.
 */
char *addr_nfc(const char *s);

/*
 * The *why of addr_normalize for an address that is valid (RFC 6531) but
 * refused where mailer's own address is meant (sender.address, reply_to:
 * they would make every message an SMTPUTF8 one): not ASCII before the @.
 */
extern const char addr_why_eai[];

/*
 * The *why for an input method's full-width forms: letters or digits
 * before the @ (U+FF01 to U+FF5E only), or a full-width @ (U+FF20) and
 * no ASCII one.  Invalid; named so the form can say it in Chinese.
 */
extern const char addr_why_fw_local[];
extern const char addr_why_fw_at[];
/* and a full-width (ideographic) space anywhere in it, U+3000 */
extern const char addr_why_fw_space[];

/*
 * The domain part of an address: after the last '@', all of it when there
 * is none (a pointer into addr).
 */
const char *addr_domain(const char *addr);

/*
 * d in lower-case A-labels (a copy the caller frees; NULL when d is not a
 * valid internationalised domain name).  Labels are not checked further.
 */
char *addr_domain_ascii(const char *d);

/*
 * 1 when a and b are the same mailbox as far as a report can tell: equal
 * but for ASCII case, a domain in U-labels equal to one in A-labels (an
 * SMTPUTF8 notice names the subscriber's domain as the subscriber wrote
 * it; the journal holds the A-labels).
 */
int addr_same(const char *a, const char *b);

#endif
