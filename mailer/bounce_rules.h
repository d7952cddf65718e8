/*
 * bounce_rules: internal to the bounce modules (bounce*.c), not an interface
 * for the rest of mailer.  The data tables behind bounce.c, bounce_rcpt.c,
 * bounce_mime.c and bounce_addr.c.  Rows, not code paths: a new MTA
 * phrasing is a new row.  Patterns are substrings of UTF-8 text, both
 * compared folded (bounce_fold.h); rows are written folded: lower case,
 * Latin without accents, "ss" for ß, Greek without tonos and σ for ς.
 */
#ifndef MAILER_BOUNCE_RULES_H
#define MAILER_BOUNCE_RULES_H

#include <stddef.h>

struct bounce_rule {
	const char *pattern;
	const char *status;	/* status to infer when the text has none */
	int hard;		/* 1 the address is dead */
	const char *reason;
};

/* The tables, in priority order (bounce_rules.c). */
extern const struct bounce_rule bounce_rules[];
extern const size_t bounce_nrules;
extern const struct bounce_rule bounce_status_rules[];
extern const size_t bounce_nstatus_rules;

/*
 * The matching (bounce_match.c).
 * First row (in table order) whose pattern occurs in lower[0..n), or NULL.
 * Table order is priority order.
 */
const struct bounce_rule *bounce_rule_match(const char *lower, size_t n);

/*
 * bounce_rule_match on text[0..n) as if folded (bounce_fold.h) with each
 * run of white space made one space and leading white space dropped
 * (folded and wrapped diagnostics), without building that copy.
 */
const struct bounce_rule *bounce_rule_match_folded(const char *text,
    size_t n);

/*
 * 1 when every table fits its automaton; 0 means the slow fallback loops
 * run (a table outgrew BOUNCE_AC_STATES or BOUNCE_AC_CLASSES).
 */
int bounce_match_compiled(void);

/* The reason an enhanced status code implies ("5.1.1" -> userunknown). */
const struct bounce_rule *bounce_rule_for_status(const char *status);

/*
 * Where the first returned-copy marker (bounce_copy_markers) starts in
 * text[0..n), read folded; n when there is none.
 */
size_t bounce_copy_marker(const char *text, size_t n);

/* Lists terminated by NULL. */
extern const char *const bounce_copy_markers[];	/* start of returned copy */
extern const char *const bounce_delay_subjects[];
extern const char *const bounce_final_subjects[];
extern const char *const bounce_transient_subjects[];
extern const char *const bounce_failure_subjects[];
extern const char *const bounce_autoreply_subjects[];
extern const char *const bounce_autoreply_subject_phrases[];
extern const char *const bounce_reply_subject_prefixes[];
/* those of them that answer a message ("Re:"), not forward it */
extern const char *const bounce_answer_subject_prefixes[];
extern const char *const bounce_daemon_locals[];	/* mailer-daemon... */
extern const char *const bounce_delay_headings[];	/* framed headings */
extern const char *const bounce_failure_headings[];
extern const char *const bounce_daemon_names[];	/* "Mail Delivery ..." */
/* a quoted notice's sender shown by name alone */
extern const char *const bounce_daemon_shown_names[];
/* the end of a quote's attribution line ("wrote:", "schrieb:") */
extern const char *const bounce_attribution_ends[];
/* List managers' robots and list administrative addresses (bounce_addr.c). */
extern const char *const bounce_list_robots[];
extern const char *const bounce_list_admin_suffixes[];
/* words that, just before an address on a line, name it a recipient */
extern const char *const bounce_rcpt_cues[];
extern const char *const bounce_rcpt_noncues[];
extern const char *const bounce_failure_words[];
/* failure words both bounce_failure_words and bounce_failure_cues hold */
extern const char *const bounce_lang_failure_words[];
/* nouns that, before an address and a verdict, name it a recipient */
extern const char *const bounce_rcpt_nouns[];
extern const char *const bounce_other_owners[];
extern const char *const bounce_details_rcpt_labels[];
extern const char *const bounce_rcpt_possessives[];
/* verdicts on a noun's address in many languages, with their class
 * (NULL reason: a verdict of no class, "was rejected") */
extern const struct bounce_rule bounce_verdict_rules[];
/* words of the line that opens an SMTP transcript */
extern const char *const bounce_transcript_openers[];
/* the verbs of a verdict and the places that may follow them */
extern const char *const bounce_verdict_verbs[];
extern const char *const bounce_verdict_places[];
extern const char *const bounce_listing_verdicts[];
extern const char *const bounce_directory_words[];
extern const char *const bounce_login_words[];
extern const char *const bounce_status_fields[];
extern const char *const bounce_delivered_values[];
extern const char *const bounce_agent_delivered[];
extern const char *const bounce_sending_words[];
extern const char *const bounce_valedictions[];
/* Exchange's "a on DATE" in its languages: the words before the date */
extern const char *const bounce_date_words[];
extern const char *const bounce_list_joiners[];
extern const char *const bounce_member_words[];	/* a list's members */
/* words after an address that make it the refused sender */
extern const char *const bounce_sender_verdicts[];
extern const char *const bounce_contact_words[];
extern const char *const bounce_help_words[];
/* a contact's label alone on its line ("E-Mail:") */
extern const char *const bounce_contact_labels[];
extern const char *const bounce_sender_cues[];
/* before a sender's or a contact's address, in RTL, Brahmic and SE Asian
 * languages (bounce_status_line_rcpt) */
extern const char *const bounce_origin_words[];
/* headings over the addresses reached, beside bounce_success_cues */
extern const char *const bounce_success_headings[];
extern const char *const bounce_help_words_intl[];
extern const char *const bounce_message_to[];
/* words after "message to a" saying that a took the message */
extern const char *const bounce_accepted_words[];
/* words ending a sentence of failure before its address */
extern const char *const bounce_rcpt_preps[];
extern const char *const bounce_quoted_fields[];
extern const char *const bounce_summary_fields[];
extern const char *const bounce_copy_from_fields[];	/* a quoted From */
extern const char *const bounce_copy_sent_fields[];	/* or its "Sent:" */
extern const char *const bounce_copy_to_fields[];	/* its To */
extern const char *const bounce_copy_subject_fields[];	/* its Subject */
extern const char *const bounce_reason_fields[];	/* the notice's own */
/* body evidence: a failure notice; a delay warning; a final one */
extern const char *const bounce_failure_cues[];
extern const char *const bounce_delay_cues[];
extern const char *const bounce_final_cues[];
extern const char *const bounce_success_cues[];
/* in a heading over a list of addresses: delivered; a negation */
extern const char *const bounce_success_heading_words[];
extern const char *const bounce_heading_negations[];
extern const char *const bounce_redirect_notes[];
/* body evidence of an auto-reply: an absence; a challenge to the sender */
extern const char *const bounce_absence_cues[];
extern const char *const bounce_challenge_cues[];
/* a help desk's acknowledgement that it filed our message as a request */
extern const char *const bounce_ack_cues[];
/* a ticket system's Subject */
extern const char *const bounce_ticket_subjects[];
/* a ticket system's marker over its reply ("reply above this line") */
extern const char *const bounce_ticket_markers[];
extern const char *const bounce_not_final_cues[];
/* a list's notice that it holds a post for its moderators */
extern const char *const bounce_held_cues[];
extern const char *const bounce_complaint_subjects[];
/* X-Ricevuta values of Italian PEC notices: a failure; its warning */
extern const char *const bounce_pec_failed_receipts[];
extern const char *const bounce_pec_warning_receipts[];
/* RFC 5965/6591 Feedback-Types that report no reader's complaint */
extern const char *const bounce_feedback_not_complaint[];

/* 1 when some entry of list occurs in lower[0..n). */
int bounce_list_match(const char *const *list, const char *lower, size_t n);

/*
 * 0 when text[0..n), folded, holds no verdict of bounce_verdict_rules
 * that gives a reason; 1 when it may.
 */
int bounce_verdict_said(const char *text, size_t n);

/*
 * Which of the cue lists (failure, delay, final, success, absence,
 * challenge, held, ack, not final) have an entry in text[0..n), read
 * folded (case, wrapped lines): BOUNCE_CUE_* bits.
 */
#define BOUNCE_CUE_FAILURE	1u
#define BOUNCE_CUE_DELAY	2u
#define BOUNCE_CUE_FINAL	4u
#define BOUNCE_CUE_SUCCESS	8u
#define BOUNCE_CUE_ABSENCE	16u
#define BOUNCE_CUE_CHALLENGE	32u
#define BOUNCE_CUE_HELD		64u
#define BOUNCE_CUE_ACK		128u
#define BOUNCE_CUE_NOT_FINAL	256u
unsigned bounce_cues(const char *text, size_t n);

/*
 * 1 when lower[0..n) holds a word of bounce_failure_words outside its
 * addresses and host names ("bo@failed.example.org" says nothing).
 */
int bounce_failure_said(const char *lower, size_t n);

/*
 * 1 when some final cue in text[0..n) (read folded) is stated, not said
 * as a condition or a plan: a delay warning says "you will get a
 * permanent failure notice if ...", "before giving up".
 */
int bounce_final_asserted(const char *text, size_t n);
extern const char *const bounce_conditional_words[];

/* 1 when s[0..n), folded, starts with some entry of list. */
int bounce_list_prefix(const char *const *list, const char *s, size_t n);

/*
 * How many bytes of s[0..n) the first entry of list that s, folded,
 * starts with takes; 0 when none.
 */
size_t bounce_list_prefix_len(const char *const *list, const char *s,
    size_t n);

/* 1 when name[0..n), folded, is an entry of list. */
int bounce_list_is(const char *const *list, const char *name, size_t n);

#endif
