/*
 * bounce_rules: diagnostic-text rules for bounce classification, kept as
 * data (bounce_match.c matches them).  Each row maps a phrase that MTAs
 * (Postfix, Exim, Sendmail, qmail, Exchange/Office 365, Gmail, Yahoo,
 * Courier, Domino, Chinese and Japanese providers...) and the published
 * reason tables of mature parsers (Sisimai) put in diagnostics to a
 * reason, the status it implies and whether the address itself is dead
 * (hard) or the failure may pass later or concerns the message rather
 * than the address (soft).
 *
 * Order matters: the first matching row wins, so specific phrases come
 * before generic ones and message-level reasons (spam, policy, size) come
 * before address-level ones they are often worded with.
 */
#include <stddef.h>

#include "bounce_rules.h"

#define HARD 1
#define SOFT 0

const struct bounce_rule bounce_rules[] = {
	/*
	 * Our own relay refused our login (Postfix: "SASL authentication
	 * failed; server ... said: 525 5.7.13 User Account Disabled"): the
	 * account is the sender's, not the recipient's
	 */
	{ "sasl authentication failed", "5.7.8", SOFT, "securityerror" },
	/* Message-level rejections: the address may well be fine. */
	{ "message too large", "5.3.4", SOFT, "toobig" },
	{ "message is too large", "5.3.4", SOFT, "toobig" },
	{ "message size exceeds", "5.3.4", SOFT, "toobig" },
	{ "size exceeds", "5.3.4", SOFT, "toobig" },
	{ "exceeds size limit", "5.3.4", SOFT, "toobig" },
	/* a mailbox's size limit, before the message size limits */
	{ "mailbox size limit", "4.2.2", SOFT, "mailboxfull" },
	{ "size limit exceeded", "5.3.4", SOFT, "toobig" },
	{ "exceeds the maximum size", "5.3.4", SOFT, "toobig" },
	{ "message size limit", "5.3.4", SOFT, "toobig" },
	{ "message length exceeds", "5.3.4", SOFT, "toobig" },
	{ "too big", "5.3.4", SOFT, "toobig" },
	{ "virus", "5.7.1", SOFT, "virusdetected" },
	/*
	 * the sender's authentication failed, before the words of spam and
	 * bulk mail that Gmail's bulk-sender refusals put beside it ("4.7.27
	 * ... because SPF authentication didn't pass for this message. Gmail
	 * requires all bulk email senders to authenticate with SPF", 5.7.30
	 * the same for DKIM)
	 */
	{ "authentication didn't pass", "5.7.1", SOFT, "securityerror" },
	{ "authentication did not pass", "5.7.1", SOFT, "securityerror" },
	{ "spam", "5.7.1", SOFT, "spamdetected" },
	{ "junk mail", "5.7.1", SOFT, "spamdetected" },
	{ "content rejected", "5.7.1", SOFT, "contenterror" },
	/*
	 * GMX's and web.de's "mailbox unavailable / Reject due to policy
	 * restrictions" (KumoMTA's PolicyRelated): the policy, not the
	 * mailbox, is the reason
	 */
	{ "due to policy restrictions", "5.7.1", SOFT, "policyviolation" },
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
	/*
	 * ZoneMTA's "550 Too many invalid recipients": the server shuts out
	 * a sender after many unknown addresses, whoever this one is
	 */
	{ "too many invalid recipients", "4.7.0", SOFT, "toomanyconn" },
	{ "connection rate limit", "4.7.0", SOFT, "toomanyconn" },
	/* Tencent's rate limit (Sisimai's Rhost::Tencent), no unknown user */
	{ "mailbox unavailable or access denied", "4.7.0", SOFT,
	  "toomanyconn" },
	{ "maximum connection limit", "4.7.0", SOFT, "toomanyconn" },
	{ "connection limit for", "4.7.0", SOFT, "toomanyconn" },
	{ "max emails per hour", "4.7.0", SOFT, "toomanyconn" },
	{ "receiving mail at a rate", "4.2.1", SOFT, "toomanyconn" },
	{ "rate limit", "4.7.0", SOFT, "toomanyconn" },
	/* a provider slowing the sender down:
	 * "421 ... throttled - try again later" */
	{ "throttled", "4.7.0", SOFT, "toomanyconn" },
	/* QQ's "451 Ip frequency limited", "Connection frequency limited" */
	{ "frequency limited", "4.7.0", SOFT, "toomanyconn" },
	/* the same in Chinese: "发信频率过高" (sending too often), "超出发送
	 * 频率限制", "发送过于频繁" */
	{ "频率过高", "4.7.0", SOFT, "toomanyconn" },
	{ "頻率過高", "4.7.0", SOFT, "toomanyconn" },
	{ "频率限制", "4.7.0", SOFT, "toomanyconn" },
	{ "頻率限制", "4.7.0", SOFT, "toomanyconn" },
	{ "过于频繁", "4.7.0", SOFT, "toomanyconn" },
	{ "過於頻繁", "4.7.0", SOFT, "toomanyconn" },
	/* temporary DNS trouble, before "host not found" */
	{ "host not found, try again", "4.4.3", SOFT, "networkerror" },
	{ "host name lookup failure", "4.4.3", SOFT, "networkerror" },
	{ "malformed name server reply", "4.4.3", SOFT, "networkerror" },
	{ "malformed or unexpected name server reply", "4.4.3", SOFT,
	  "networkerror" },
	/* Exim's router deferring on DNS ("Delay reason: host lookup did not
	 * complete" under an address its warning lists) */
	{ "host lookup did not complete", "4.4.3", SOFT, "networkerror" },
	/* the sender refused, before "does not accept mail" */
	{ "does not accept mail from", "5.7.1", SOFT, "rejected" },
	{ "refused to accept mail from", "5.7.1", SOFT, "rejected" },
	{ "refuses to accept mail from", "5.7.1", SOFT, "rejected" },
	/*
	 * the sender refused: before "address rejected" and "domain must
	 * exist", which sender refusals are worded with
	 */
	{ "sender verify failed", "5.7.1", SOFT, "rejected" },
	{ "sender rejected", "5.7.1", SOFT, "rejected" },
	{ "invalid sender", "5.7.1", SOFT, "rejected" },
	{ "unroutable sender address", "5.7.1", SOFT, "rejected" },
	{ "sender address rejected", "5.7.1", SOFT, "rejected" },
	{ "sender email address rejected", "5.7.1", SOFT, "rejected" },
	{ "sender e-mail address rejected", "5.7.1", SOFT, "rejected" },
	/* Mail.ru: "message sending for this account is disabled", ours */
	{ "sending for this account", "5.7.1", SOFT, "rejected" },
	/* our sending host refused, not the recipient's address */
	{ "sender ip address rejected", "5.7.1", SOFT, "blocked" },
	{ "client ip address rejected", "5.7.1", SOFT, "blocked" },
	{ "domain of sender address", "5.7.1", SOFT, "rejected" },
	{ "sender domain must exist", "5.7.1", SOFT, "rejected" },
	{ "sender domain does not exist", "5.7.1", SOFT, "rejected" },
	{ "sender domain not found", "5.7.1", SOFT, "rejected" },
	{ "temporarily inactive", "4.2.1", SOFT, "suspend" },
	/*
	 * a stop for a while (receiving limits), before "account disabled";
	 * "temporarly" as Sisimai's MailboxFull quotes a provider
	 */
	{ "disabled temporarly", "4.2.1", SOFT, "suspend" },
	{ "disabled temporarily", "4.2.1", SOFT, "suspend" },
	{ "temporarily disabled", "4.2.1", SOFT, "suspend" },
	{ "temporary locked", "4.2.1", SOFT, "suspend" },
	{ "temporarily locked", "4.2.1", SOFT, "suspend" },
	/* au (EZweb): "The user(s) account is temporarily limited." */
	{ "account is temporarily limited", "4.2.1", SOFT, "suspend" },

	/* Mailbox full: soft whatever the code says. */
	{ "mailbox full", "4.2.2", SOFT, "mailboxfull" },
	{ "mailbox is full", "4.2.2", SOFT, "mailboxfull" },
	/* Slovenian, Finnish, Swedish: the recipient's mailbox is full */
	{ "postni predal je poln", "4.2.2", SOFT, "mailboxfull" },
	{ "postilaatikko on taynna", "4.2.2", SOFT, "mailboxfull" },
	/* Slovenian with its owner ("poštni predal prejemnika je poln"),
	 * Latvian "pastkaste ir pilna", Bulgarian "пощенската кутия на
	 * получателя е препълнена" */
	{ "predal prejemnika je poln", "4.2.2", SOFT, "mailboxfull" },
	{ "pastkaste ir pilna", "4.2.2", SOFT, "mailboxfull" },
	{ "кутия на получателя е препълнена", "4.2.2", SOFT, "mailboxfull" },
	{ "brevlada ar full", "4.2.2", SOFT, "mailboxfull" },
	/*
	 * Danish (Exchange's "Modtagerens postkasse er fuld") and Norwegian
	 * ("Mottakerens postkasse er full"), with and without the article
	 */
	{ "postkasse er fuld", "4.2.2", SOFT, "mailboxfull" },
	{ "postkassen er fuld", "4.2.2", SOFT, "mailboxfull" },
	{ "postkasse er full", "4.2.2", SOFT, "mailboxfull" },
	{ "postkassen er full", "4.2.2", SOFT, "mailboxfull" },
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
	{ "too much mail data", "4.2.2", SOFT, "mailboxfull" },
	{ "is over its quota", "4.2.2", SOFT, "mailboxfull" },
	{ "storage limit", "4.2.2", SOFT, "mailboxfull" },
	{ "邮箱已满", "4.2.2", SOFT, "mailboxfull" },
	/* Domino in Chinese: "收件人的邮件文件超过了配额限制" (over quota) */
	{ "超过了配额", "4.2.2", SOFT, "mailboxfull" },
	{ "超过配额", "4.2.2", SOFT, "mailboxfull" },
	{ "超出配额", "4.2.2", SOFT, "mailboxfull" },
	{ "超過配額", "4.2.2", SOFT, "mailboxfull" },
	{ "邮箱空间不足", "4.2.2", SOFT, "mailboxfull" },
	{ "容量不足", "4.2.2", SOFT, "mailboxfull" },
	{ "容量オーバー", "4.2.2", SOFT, "mailboxfull" },
	{ "容量已满", "4.2.2", SOFT, "mailboxfull" },
	{ "空间已满", "4.2.2", SOFT, "mailboxfull" },
	{ "空间不足", "4.2.2", SOFT, "mailboxfull" },
	{ "信箱已满", "4.2.2", SOFT, "mailboxfull" },
	{ "信箱已滿", "4.2.2", SOFT, "mailboxfull" },
	{ "容量已滿", "4.2.2", SOFT, "mailboxfull" },
	{ "空間不足", "4.2.2", SOFT, "mailboxfull" },
	{ "容量がいっぱい", "4.2.2", SOFT, "mailboxfull" },
	{ "容量が一杯", "4.2.2", SOFT, "mailboxfull" },	/* いっぱい in kanji */
	{ "容量を超え", "4.2.2", SOFT, "mailboxfull" },
	/* BIGLOBE's "容量超過" */
	{ "容量超過", "4.2.2", SOFT, "mailboxfull" },
	{ "사서함이 가득", "4.2.2", SOFT, "mailboxfull" },
	{ "메일함이 가득", "4.2.2", SOFT, "mailboxfull" },
	{ "용량을 초과", "4.2.2", SOFT, "mailboxfull" },
	{ "용량이 초과", "4.2.2", SOFT, "mailboxfull" },
	/* 메일함 용량이 가득 차 */
	{ "용량이 가득", "4.2.2", SOFT, "mailboxfull" },
	/* Thai "กล่องจดหมาย(ของผู้รับ)เต็ม", the (recipient's) mailbox is full */
	{ "กล่องจดหมายเต็ม", "4.2.2", SOFT, "mailboxfull" },
	{ "กล่องจดหมายของผู้รับเต็ม", "4.2.2", SOFT, "mailboxfull" },
	/* Malay "peti mel penerima penuh", Indonesian "kotak surat penerima
	 * penuh": the recipient's mailbox is full */
	{ "peti mel penerima penuh", "4.2.2", SOFT, "mailboxfull" },
	/*
	 * A full mailbox: Arabic "صندوق بريد المستلم ممتلئ", Hebrew "תיבת
	 * הדואר מלאה", Persian "صندوق پستی پر است", Urdu "میل باکس بھر
	 * گیا", Hindi "मेलबॉक्स भर गया", Bengali "মেলবক্স পূর্ণ", Thai
	 * "กล่องจดหมายเต็ม", Vietnamese "hộp thư đã đầy", Malay "peti mel
	 * penuh", Filipino "puno na ang mailbox"
	 */
	{ "ممتلئ", "4.2.2", SOFT, "mailboxfull" },
	{ "תיבת הדואר מלאה", "4.2.2", SOFT, "mailboxfull" },
	{ "پر است", "4.2.2", SOFT, "mailboxfull" },
	{ "بھر گیا", "4.2.2", SOFT, "mailboxfull" },
	{ "भर गया", "4.2.2", SOFT, "mailboxfull" },
	{ "পূর্ণ", "4.2.2", SOFT, "mailboxfull" },
	{ "กล่องจดหมายเต็ม", "4.2.2", SOFT, "mailboxfull" },
	{ "hop thu da day", "4.2.2", SOFT, "mailboxfull" },
	{ "peti mel penuh", "4.2.2", SOFT, "mailboxfull" },
	{ "kotak surat penuh", "4.2.2", SOFT, "mailboxfull" },
	{ "puno na ang mailbox", "4.2.2", SOFT, "mailboxfull" },
	/*
	 * Refused as spam: Arabic "رسالة مزعجة", Hebrew "דואר זבל", Persian
	 * and Urdu "اسپم"/"سپیم", Hindi "स्पैम", Thai "สแปม", Vietnamese
	 * "thư rác"
	 */
	{ "رسالة مزعجة", "5.7.1", SOFT, "spamdetected" },
	{ "דואר זבל", "5.7.1", SOFT, "spamdetected" },
	{ "اسپم", "5.7.1", SOFT, "spamdetected" },
	{ "سپیم", "5.7.1", SOFT, "spamdetected" },
	{ "स्पैम", "5.7.1", SOFT, "spamdetected" },
	{ "สแปม", "5.7.1", SOFT, "spamdetected" },
	{ "thu rac", "5.7.1", SOFT, "spamdetected" },
	{ "kotak surat penerima penuh", "4.2.2", SOFT, "mailboxfull" },
	{ "postfach voll", "4.2.2", SOFT, "mailboxfull" },
	{ "postfach ist voll", "4.2.2", SOFT, "mailboxfull" },
	/* "Das Postfach des Empfängers ist voll" */
	{ "postfach des empfangers ist voll", "4.2.2", SOFT, "mailboxfull" },
	{ "postfach des empfaengers ist voll", "4.2.2", SOFT, "mailboxfull" },
	/* a subordinate clause: "da das Postfach des Empfängers voll ist" */
	{ "postfach des empfangers voll", "4.2.2", SOFT, "mailboxfull" },
	{ "postfach des empfaengers voll", "4.2.2", SOFT, "mailboxfull" },
	/* Dutch "de mailbox van de ontvanger is vol", "postvak vol" */
	{ "mailbox is vol", "4.2.2", SOFT, "mailboxfull" },
	{ "ontvanger is vol", "4.2.2", SOFT, "mailboxfull" },
	{ "postvak is vol", "4.2.2", SOFT, "mailboxfull" },
	{ "postvak vol", "4.2.2", SOFT, "mailboxfull" },
	{ "boite pleine", "4.2.2", SOFT, "mailboxfull" },
	{ "boite aux lettres est pleine", "4.2.2", SOFT, "mailboxfull" },
	{ "boite aux lettres pleine", "4.2.2", SOFT, "mailboxfull" },
	{ "du destinataire est pleine", "4.2.2", SOFT, "mailboxfull" },
	{ "casella piena", "4.2.2", SOFT, "mailboxfull" },
	{ "buzon lleno", "4.2.2", SOFT, "mailboxfull" },
	{ "caixa postal cheia", "4.2.2", SOFT, "mailboxfull" },
	/* Arabic "صندوق بريد المستلم ممتلئ" (the recipient's mailbox is
	 * full) */
	{ "بريد المستلم ممتلئ", "4.2.2", SOFT, "mailboxfull" },
	{ "صندوق البريد ممتلئ", "4.2.2", SOFT, "mailboxfull" },
	{ "caixa de entrada do destinatario esta cheia", "4.2.2", SOFT,
	  "mailboxfull" },
	{ "caixa postal esta cheia", "4.2.2", SOFT, "mailboxfull" },
	{ "caixa postal do destinatario esta cheia", "4.2.2", SOFT,
	  "mailboxfull" },
	/* căsuța poștală */
	{ "casuta postala", "4.2.2", SOFT, "mailboxfull" },
	{ "skrzynka odbiorcy jest pelna", "4.2.2", SOFT, "mailboxfull" },
	{ "e piena", "4.2.2", SOFT, "mailboxfull" },	/* è piena */
	{ "jest pelna", "4.2.2", SOFT, "mailboxfull" },	/* jest pełna */
	/* przepełniona */
	{ "jest przepelniona", "4.2.2", SOFT, "mailboxfull" },
	/* Vietnamese: hộp thư (của người nhận) đã đầy */
	{ "hop thu da day", "4.2.2", SOFT, "mailboxfull" },
	{ "hop thu day", "4.2.2", SOFT, "mailboxfull" },
	{ "hop thu cua nguoi nhan da day", "4.2.2", SOFT, "mailboxfull" },
	{ "переполнен", "4.2.2", SOFT, "mailboxfull" },

	/*
	 * vpopmail: no such mailbox, and the domain's catch-all delivery
	 * failed ("user does not exist, but will deliver to DIR" then the
	 * write error): a local failure, not a dead address
	 */
	{ "does not exist, but will deliver to", "4.3.0", SOFT,
	  "systemerror" },

	/* The address is gone. */
	{ "user unknown", "5.1.1", HARD, "userunknown" },
	{ "unknown user", "5.1.1", HARD, "userunknown" },
	{ "no such user", "5.1.1", HARD, "userunknown" },
	/* Mercury/32's and others' local delivery: no such mailbox */
	{ "no such local user", "5.1.1", HARD, "userunknown" },
	/* Verizon's multimedia gateway (vtext.com, vzwpix.com) of a number
	 * that has no such subscriber */
	{ "no valid recipients for this mm", "5.1.1", HARD, "userunknown" },
	{ "user not found", "5.1.1", HARD, "userunknown" },
	{ "user not exist", "5.1.1", HARD, "userunknown" },
	/*
	 * X.400's diagnostic unrecognised-OR-name, which RFC 2156 maps to
	 * 5.1.1: gateways and Exchange 5.5 write it in words
	 */
	{ "unrecognised o/r", "5.1.1", HARD, "userunknown" },
	{ "unrecognized o/r", "5.1.1", HARD, "userunknown" },
	{ "user does not exist", "5.1.1", HARD, "userunknown" },
	/* IMail's local delivery: no such mailbox */
	{ "invalid final delivery userid", "5.1.1", HARD, "userunknown" },
	{ "user doesn't exist", "5.1.1", HARD, "userunknown" },
	{ "user doesn't have a", "5.1.1", HARD, "userunknown" },
	{ "unknown recipient", "5.1.1", HARD, "userunknown" },
	{ "recipient unknown", "5.1.1", HARD, "userunknown" },
	{ "recipient not found", "5.1.1", HARD, "userunknown" },
	{ "no such recipient", "5.1.1", HARD, "userunknown" },
	{ "invalid recipient", "5.1.1", HARD, "userunknown" },
	/*
	 * CompuServe's "Invalid receiver address: a" (Majordomo 2's
	 * parse_compuserve2), Sendmail's "Unknown local user; cannot deliver
	 * to <a>", Soft-Switch's "Recipient name unknown"
	 */
	{ "invalid receiver", "5.1.1", HARD, "userunknown" },
	{ "unknown local user", "5.1.1", HARD, "userunknown" },
	{ "recipient name unknown", "5.1.1", HARD, "userunknown" },
	{ "recipient address rejected: user", "5.1.1", HARD, "userunknown" },
	{ "recipient address rejected: undeliverable", "5.1.1", HARD,
	  "userunknown" },
	{ "recipient address rejected: unknown", "5.1.1", HARD,
	  "userunknown" },
	{ "unknown local part", "5.1.1", HARD, "userunknown" },
	{ "unrouteable address", "5.1.1", HARD, "userunknown" },
	{ "no mailbox here by that name", "5.1.1", HARD, "userunknown" },
	/* Dada Mail's qmail wording; Mautic's "not found or inactivated" */
	{ "no user by that name", "5.1.1", HARD, "userunknown" },
	{ "not found or inactivated", "5.1.1", HARD, "userunknown" },
	{ "no such mailbox", "5.1.1", HARD, "userunknown" },
	{ "mailbox not found", "5.1.1", HARD, "userunknown" },
	{ "mailbox does not exist", "5.1.1", HARD, "userunknown" },
	{ "mailbox unavailable", "5.1.1", HARD, "userunknown" },
	{ "mailbox is unavailable", "5.1.1", HARD, "userunknown" },
	/* qmail's badrcptto and validrcptto patches: no such address */
	{ "badrecipientto list", "5.1.1", HARD, "userunknown" },
	{ "validrcptto list", "5.1.1", HARD, "userunknown" },
	{ "envelope recipient has been denied", "5.1.1", HARD,
	  "userunknown" },
	/* a directory (ph, LDAP) found nobody by that name */
	{ "no matches to nameserver query", "5.1.1", HARD, "userunknown" },
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
	/* QQ's "501 Bad address syntax", RFC 3463's x.1.3 */
	{ "bad address syntax", "5.1.3", HARD, "userunknown" },
	{ "not a known user", "5.1.1", HARD, "userunknown" },
	{ "not our customer", "5.1.1", HARD, "userunknown" },
	{ "unknown or illegal alias", "5.1.1", HARD, "userunknown" },
	{ "not listed in domino directory", "5.1.1", HARD, "userunknown" },
	{ "not listed in public name & address book", "5.1.1", HARD,
	  "userunknown" },
	/* Domino in Chinese: "在名称和地址簿中没有与该名称匹配的项" */
	{ "名称和地址簿中没有", "5.1.1", HARD, "userunknown" },
	{ "名稱和通訊錄中沒有", "5.1.1", HARD, "userunknown" },
	/* Domino in German: "... ist nicht im Domino-Verzeichnis aufgeführt" */
	{ "nicht im domino-verzeichnis", "5.1.1", HARD, "userunknown" },
	{ "im domino-verzeichnis nicht aufgefuhrt", "5.1.1", HARD,
	  "userunknown" },
	/* a person document with no mail database: nobody to deliver to */
	{ "does not specify a valid notes mail file", "5.1.1", HARD,
	  "userunknown" },
	/* Domino in French: "Utilisateur non recensé dans le carnet ..." */
	{ "non recense dans le carnet d'adresses", "5.1.1", HARD,
	  "userunknown" },
	{ "recipient address rejected", "5.1.1", HARD, "userunknown" },
	{ "sorry, no mailbox", "5.1.1", HARD, "userunknown" },
	{ "does not have an account", "5.1.1", HARD, "userunknown" },
	{ "用户不存在", "5.1.1", HARD, "userunknown" },
	{ "收件人不存在", "5.1.1", HARD, "userunknown" },
	{ "邮箱不存在", "5.1.1", HARD, "userunknown" },
	{ "地址不存在", "5.1.1", HARD, "userunknown" },
	{ "帐户不存在", "5.1.1", HARD, "userunknown" },
	/* QQ: "该用户未开通QQ邮箱", the number has no mailbox */
	{ "用户未开通", "5.1.1", HARD, "userunknown" },
	{ "账户不存在", "5.1.1", HARD, "userunknown" },
	{ "帳號不存在", "5.1.1", HARD, "userunknown" },
	{ "账号不存在", "5.1.1", HARD, "userunknown" },
	{ "帐号不存在", "5.1.1", HARD, "userunknown" },
	{ "用户名不存在", "5.1.1", HARD, "userunknown" },
	{ "无此用户", "5.1.1", HARD, "userunknown" },
	/* "在名称和地址簿中找不到该用户" (cannot find this user) */
	{ "找不到该用户", "5.1.1", HARD, "userunknown" },
	{ "找不到此用户", "5.1.1", HARD, "userunknown" },
	{ "找不到該用戶", "5.1.1", HARD, "userunknown" },
	/* "该邮箱在本服务器上不存在", "该用户在本系统中不存在": the noun
	 * and its verdict parted by where it does not exist */
	{ "服务器上不存在", "5.1.1", HARD, "userunknown" },
	{ "服务器中不存在", "5.1.1", HARD, "userunknown" },
	{ "系统中不存在", "5.1.1", HARD, "userunknown" },
	{ "伺服器上不存在", "5.1.1", HARD, "userunknown" },
	{ "使用者不存在", "5.1.1", HARD, "userunknown" },
	{ "收件者不存在", "5.1.1", HARD, "userunknown" },
	{ "無此用戶", "5.1.1", HARD, "userunknown" },
	{ "帳戶不存在", "5.1.1", HARD, "userunknown" },
	{ "アドレスが見つかりません", "5.1.1", HARD, "userunknown" },
	{ "アドレスは存在しません", "5.1.1", HARD, "userunknown" },
	{ "アドレスが存在しません", "5.1.1", HARD, "userunknown" },
	/* the plain form before a cause: "アドレスは存在しないため" */
	{ "アドレスは存在しない", "5.1.1", HARD, "userunknown" },
	{ "アドレスが存在しない", "5.1.1", HARD, "userunknown" },
	{ "ユーザーは存在しません", "5.1.1", HARD, "userunknown" },
	{ "ユーザーが存在しません", "5.1.1", HARD, "userunknown" },
	{ "ユーザは存在しません", "5.1.1", HARD, "userunknown" },
	{ "ユーザが存在しません", "5.1.1", HARD, "userunknown" },
	{ "宛先不明", "5.1.1", HARD, "userunknown" },
	/* "下記宛先は存在しません": the address does not exist */
	{ "宛先は存在しません", "5.1.1", HARD, "userunknown" },
	{ "宛先は存在しない", "5.1.1", HARD, "userunknown" },
	{ "宛先が見つから", "5.1.1", HARD, "userunknown" },
	{ "존재하지 않는 계정", "5.1.1", HARD, "userunknown" },
	{ "존재하지 않는 사용자", "5.1.1", HARD, "userunknown" },
	{ "존재하지 않는 메일 주소", "5.1.1", HARD, "userunknown" },
	{ "존재하지 않는 주소", "5.1.1", HARD, "userunknown" },
	/* "해당 사용자가 없습니다": there is no such user */
	{ "해당 사용자가 없", "5.1.1", HARD, "userunknown" },
	{ "ディレクトリのリストにありません", "5.1.1", HARD, "userunknown" },
	{ "ディレクトリには見つかりません", "5.1.1", HARD, "userunknown" },
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
	/* a heading above a list ("These recipients do not exist:" / a / b) */
	{ "recipients do not exist", "5.1.1", HARD, "userunknown" },
	{ "recipient not exist", "5.1.1", HARD, "userunknown" },
	{ "recipnotfound", "5.1.1", HARD, "userunknown" },
	{ "recipient notfound", "5.1.1", HARD, "userunknown" },
	{ "there is no one at this address", "5.1.1", HARD, "userunknown" },
	{ "no longer accepts mail", "5.1.1", HARD, "userunknown" },
	{ "no longer in use", "5.1.1", HARD, "userunknown" },
	{ "wrong or no longer valid", "5.1.1", HARD, "userunknown" },
	{ "unknown e-mail address", "5.1.1", HARD, "userunknown" },
	{ "unknown email address", "5.1.1", HARD, "userunknown" },
	{ "unknown local-part", "5.1.1", HARD, "userunknown" },
	/*
	 * older servers' verdicts (Mailman's detectors: NTMail's "Mailbox
	 * unknown or not accepting mail", demon's "the user has no mailbox")
	 */
	{ "mailbox unknown", "5.1.1", HARD, "userunknown" },
	{ "has no mailbox", "5.1.1", HARD, "userunknown" },
	{ "unknown mailbox", "5.1.1", HARD, "userunknown" },
	{ "user missing home directory", "5.1.1", HARD, "userunknown" },
	{ "user not known", "5.1.1", HARD, "userunknown" },
	{ "utilisateur inconnu", "5.1.1", HARD, "userunknown" },
	{ "unknown virtual user", "5.1.1", HARD, "userunknown" },
	{ "invalid user specified", "5.1.1", HARD, "userunknown" },
	{ "cannot find system user", "5.1.1", HARD, "userunknown" },
	{ "email name is not found", "5.1.1", HARD, "userunknown" },
	/* "The user <a> is unknown", "Mailbox <a> does not exist"; a
	 * domain's first (hostunknown) */
	{ "is unknown", "5.1.1", HARD, "userunknown" },
	{ "domain does not exist", "5.1.2", HARD, "hostunknown" },
	{ "does not exist", "5.1.1", HARD, "userunknown" },
	{ "address you entered couldn't be found", "5.1.1", HARD,
	  "userunknown" },
	{ "account no longer exists", "5.1.1", HARD, "userunknown" },
	{ "address no longer exists", "5.1.1", HARD, "userunknown" },
	{ "mailbox no longer exists", "5.1.1", HARD, "userunknown" },
	/*
	 * the domain unknown in the languages of European and Russian-speaking
	 * providers (French Exim's "Adresse non routable", "domaine
	 * inexistant"), before their user verdicts: "la domena odbiorcy nie
	 * istnieje" speaks of the domain
	 */
	{ "adresse non routable", "5.1.2", HARD, "hostunknown" },
	{ "domaine inexistant", "5.1.2", HARD, "hostunknown" },
	{ "domaine introuvable", "5.1.2", HARD, "hostunknown" },
	{ "domaine inconnu", "5.1.2", HARD, "hostunknown" },
	{ "domaine n'existe pas", "5.1.2", HARD, "hostunknown" },
	{ "hote inconnu", "5.1.2", HARD, "hostunknown" },
	{ "hote introuvable", "5.1.2", HARD, "hostunknown" },
	{ "domain existiert nicht", "5.1.2", HARD, "hostunknown" },
	{ "domane existiert nicht", "5.1.2", HARD, "hostunknown" },
	{ "unbekannte domain", "5.1.2", HARD, "hostunknown" },
	{ "domain unbekannt", "5.1.2", HARD, "hostunknown" },
	{ "domain nicht gefunden", "5.1.2", HARD, "hostunknown" },
	{ "host nicht gefunden", "5.1.2", HARD, "hostunknown" },
	{ "dominio inesistente", "5.1.2", HARD, "hostunknown" },
	{ "dominio non esiste", "5.1.2", HARD, "hostunknown" },
	{ "dominio sconosciuto", "5.1.2", HARD, "hostunknown" },
	{ "dominio non trovato", "5.1.2", HARD, "hostunknown" },
	{ "dominio inexistente", "5.1.2", HARD, "hostunknown" },
	{ "dominio no existe", "5.1.2", HARD, "hostunknown" },
	{ "dominio desconocido", "5.1.2", HARD, "hostunknown" },
	{ "dominio no encontrado", "5.1.2", HARD, "hostunknown" },
	{ "dominio nao existe", "5.1.2", HARD, "hostunknown" },
	{ "dominio desconhecido", "5.1.2", HARD, "hostunknown" },
	{ "dominio nao encontrado", "5.1.2", HARD, "hostunknown" },
	{ "domein bestaat niet", "5.1.2", HARD, "hostunknown" },
	{ "onbekend domein", "5.1.2", HARD, "hostunknown" },
	{ "domein niet gevonden", "5.1.2", HARD, "hostunknown" },
	{ "nie znaleziono domeny", "5.1.2", HARD, "hostunknown" },
	{ "domena nie istnieje", "5.1.2", HARD, "hostunknown" },
	{ "domena odbiorcy nie istnieje", "5.1.2", HARD, "hostunknown" },
	{ "nieznana domena", "5.1.2", HARD, "hostunknown" },
	{ "nieistniejaca domena", "5.1.2", HARD, "hostunknown" },
	{ "domena neexistuje", "5.1.2", HARD, "hostunknown" },
	{ "neznama domena", "5.1.2", HARD, "hostunknown" },
	{ "домен не существует", "5.1.2", HARD, "hostunknown" },
	{ "домен не найден", "5.1.2", HARD, "hostunknown" },
	{ "домен получателя не найден", "5.1.2", HARD, "hostunknown" },
	{ "домен получателя не существует", "5.1.2", HARD, "hostunknown" },
	{ "несуществующий домен", "5.1.2", HARD, "hostunknown" },
	{ "неизвестный домен", "5.1.2", HARD, "hostunknown" },
	{ "домен не існує", "5.1.2", HARD, "hostunknown" },
	{ "домен не знайдено", "5.1.2", HARD, "hostunknown" },
	{ "невідомий домен", "5.1.2", HARD, "hostunknown" },
	{ "domanen finns inte", "5.1.2", HARD, "hostunknown" },
	{ "alan adi bulunamadi", "5.1.2", HARD, "hostunknown" },
	{ "ο τομεασ δεν υπαρχει", "5.1.2", HARD, "hostunknown" },
	/* the same verdicts in the languages of European providers */
	{ "benutzer unbekannt", "5.1.1", HARD, "userunknown" },
	{ "unbekannter benutzer", "5.1.1", HARD, "userunknown" },
	{ "unbekannter empfanger", "5.1.1", HARD, "userunknown" },
	{ "empfanger unbekannt", "5.1.1", HARD, "userunknown" },
	/* German written without umlauts spells ä "ae" */
	{ "unbekannter empfaenger", "5.1.1", HARD, "userunknown" },
	{ "empfaenger unbekannt", "5.1.1", HARD, "userunknown" },
	{ "destinataire inconnu", "5.1.1", HARD, "userunknown" },
	{ "adresse inconnue", "5.1.1", HARD, "userunknown" },
	/* adresse électronique, e-mail, de messagerie inconnue */
	{ "adresse electronique inconnue", "5.1.1", HARD, "userunknown" },
	{ "adresse e-mail inconnue", "5.1.1", HARD, "userunknown" },
	{ "adresse email inconnue", "5.1.1", HARD, "userunknown" },
	{ "adresse mail inconnue", "5.1.1", HARD, "userunknown" },
	{ "adresse de messagerie inconnue", "5.1.1", HARD, "userunknown" },
	{ "adresse n'existe plus", "5.1.1", HARD, "userunknown" },
	/* "does not exist": "l'adresse électronique n'existe pas" */
	{ "n'existe pas", "5.1.1", HARD, "userunknown" },
	/* Exchange's "address not found" in Danish, Norwegian, Finnish,
	 * Croatian, Slovak and Indonesian; providers' unknown recipients */
	{ "den mailadresse, du angav, blev ikke fundet", "5.1.1", HARD,
	  "userunknown" },
	{ "e-postadressen du skrev inn, ble ikke funnet", "5.1.1", HARD,
	  "userunknown" },
	{ "antamaasi sahkopostiosoitetta ei loytynyt", "5.1.1", HARD,
	  "userunknown" },	/* antamaasi sähköpostiosoitetta ei löytynyt */
	{ "adresa e-poste koju ste unijeli nije pronadena", "5.1.1", HARD,
	  "userunknown" },	/* pronađena */
	{ "zadana e-mailova adresa sa nenasla", "5.1.1", HARD,
	  "userunknown" },	/* zadaná e-mailová adresa sa nenašla */
	{ "alamat email yang anda masukkan tidak dapat ditemukan", "5.1.1",
	  HARD, "userunknown" },
	{ "alamat email tidak ditemukan", "5.1.1", HARD, "userunknown" },
	/* "Alamat email penerima tidak ditemukan": the recipient's address */
	{ "penerima tidak ditemukan", "5.1.1", HARD, "userunknown" },
	/* Thai "ไม่พบผู้ใช้" (no such user found); Hindi "(ईमेल) पता मौजूद नहीं
	 * है" (the address does not exist) */
	{ "ไม่พบผู้ใช้", "5.1.1", HARD, "userunknown" },
	{ "पता मौजूद नहीं", "5.1.1", HARD, "userunknown" },
	{ "adres niet is gevonden", "5.1.1", HARD, "userunknown" },
	{ "nie znaleziono adresu", "5.1.1", HARD, "userunknown" },
	{ "adres bulunamadi", "5.1.1", HARD, "userunknown" },	/* bulunamadı */
	{ "posta kutusu bulunamadi", "5.1.1", HARD, "userunknown" },
	{ "onbekende gebruiker", "5.1.1", HARD, "userunknown" },
	/* Portuguese "a caixa postal não existe" */
	{ "caixa postal nao existe", "5.1.1", HARD, "userunknown" },
	/* Arabic "صندوق البريد غير موجود" (the mailbox does not exist) */
	{ "صندوق البريد غير موجود", "5.1.1", HARD, "userunknown" },
	{ "destinatari no existeix", "5.1.1", HARD, "userunknown" },
	{ "ukjent mottaker", "5.1.1", HARD, "userunknown" },
	{ "usuario desconocido", "5.1.1", HARD, "userunknown" },
	{ "no existe ese usuario", "5.1.1", HARD, "userunknown" },
	{ "no existe dicha persona", "5.1.1", HARD, "userunknown" },
	{ "el usuario no existe", "5.1.1", HARD, "userunknown" },
	{ "nessun utente simile", "5.1.1", HARD, "userunknown" },
	{ "destinatario desconocido", "5.1.1", HARD, "userunknown" },
	{ "utente sconosciuto", "5.1.1", HARD, "userunknown" },
	{ "destinatario sconosciuto", "5.1.1", HARD, "userunknown" },
	{ "usuario desconhecido", "5.1.1", HARD, "userunknown" },
	{ "direccion de correo inexistente", "5.1.1", HARD, "userunknown" },
	{ "impossible de trouver l'adresse de messagerie", "5.1.1", HARD,
	  "userunknown" },
	{ "no se encontro la direccion de correo", "5.1.1", HARD,
	  "userunknown" },
	{ "impossibile trovare l'indirizzo di posta", "5.1.1", HARD,
	  "userunknown" },
	{ "email que voce inseriu nao foi encontrado", "5.1.1", HARD,
	  "userunknown" },
	{ "전자 메일 주소를 찾을 수 없", "5.1.1", HARD, "userunknown" },
	{ "e-mail-adresse wurde nicht gefunden", "5.1.1", HARD,
	  "userunknown" },
	/* Gmail's localised "Address not found" */
	{ "adresse introuvable", "5.1.1", HARD, "userunknown" },
	{ "adresse est introuvable", "5.1.1", HARD, "userunknown" },
	{ "direccion no encontrada", "5.1.1", HARD, "userunknown" },
	{ "no se ha encontrado la direccion", "5.1.1", HARD, "userunknown" },
	{ "adresse nicht gefunden", "5.1.1", HARD, "userunknown" },
	/* Vietnamese: không tìm thấy địa chỉ (email) */
	{ "khong tim thay dia chi", "5.1.1", HARD, "userunknown" },
	{ "buzon no existe", "5.1.1", HARD, "userunknown" },
	{ "cuenta no existe", "5.1.1", HARD, "userunknown" },
	/* "La cuenta de correo no existe", Czech "Schránka adresáta
	 * neexistuje" (the addressee's mailbox): a noun of the noun */
	{ "cuenta de correo no existe", "5.1.1", HARD, "userunknown" },
	{ "cuenta de destino no existe", "5.1.1", HARD, "userunknown" },
	{ "schranka adresata neexistuje", "5.1.1", HARD, "userunknown" },
	{ "casella inesistente", "5.1.1", HARD, "userunknown" },
	{ "postfach existiert nicht", "5.1.1", HARD, "userunknown" },
	{ "boite aux lettres inexistante", "5.1.1", HARD, "userunknown" },
	/*
	 * "does not exist", "not found", "no such user" in them, said of
	 * an address: a group or a page that "existiert nicht" is no reader
	 */
	{ "empfangers existiert nicht", "5.1.1", HARD, "userunknown" },
	{ "empfaengers existiert nicht", "5.1.1", HARD, "userunknown" },
	{ "adres bestaat niet", "5.1.1", HARD, "userunknown" },
	{ "adresat neexistuje", "5.1.1", HARD, "userunknown" },
	/*
	 * A domain that does not exist, before the user rows below: Arabic
	 * "النطاق غير موجود", Hebrew "הדומיין לא קיים", Persian "دامنه
	 * وجود ندارد", Hindi "डोमेन मौजूद नहीं", Thai "ไม่พบโดเมน",
	 * Vietnamese "tên miền không tồn tại", Indonesian and Malay "domain
	 * tidak ditemukan" / "domain tidak wujud", Filipino "walang ganitong
	 * domain"
	 */
	{ "النطاق غير موجود", "5.1.2", HARD, "hostunknown" },
	{ "הדומיין לא קיים", "5.1.2", HARD, "hostunknown" },
	{ "دامنه وجود ندارد", "5.1.2", HARD, "hostunknown" },
	{ "डोमेन मौजूद नहीं", "5.1.2", HARD, "hostunknown" },
	{ "ไม่พบโดเมน", "5.1.2", HARD, "hostunknown" },
	{ "ten mien khong ton tai", "5.1.2", HARD, "hostunknown" },
	{ "domain tidak ditemukan", "5.1.2", HARD, "hostunknown" },
	{ "domain tidak wujud", "5.1.2", HARD, "hostunknown" },
	{ "walang ganitong domain", "5.1.2", HARD, "hostunknown" },
	/*
	 * The account is gone: Arabic "الحساب غير موجود", "المستخدم غير
	 * موجود"; Hebrew "המשתמש לא קיים", "החשבון לא קיים"; Persian
	 * "کاربر وجود ندارد"; Urdu "پتہ موجود نہیں"; Bengali "ঠিকানাটি
	 * নেই"; Thai "ไม่มีผู้ใช้"; Indonesian "pengguna tidak dikenal",
	 * Malay "pengguna tidak wujud"; Filipino "walang ganitong user"
	 */
	{ "الحساب غير موجود", "5.1.1", HARD, "userunknown" },
	{ "المستخدم غير موجود", "5.1.1", HARD, "userunknown" },
	{ "המשתמש לא קיים", "5.1.1", HARD, "userunknown" },
	{ "החשבון לא קיים", "5.1.1", HARD, "userunknown" },
	{ "کاربر وجود ندارد", "5.1.1", HARD, "userunknown" },
	{ "كاربر وجود ندارد", "5.1.1", HARD, "userunknown" },
	{ "پتہ موجود نہیں", "5.1.1", HARD, "userunknown" },
	{ "ঠিকানাটি নেই", "5.1.1", HARD, "userunknown" },
	{ "ไม่มีผู้ใช้", "5.1.1", HARD, "userunknown" },
	{ "pengguna tidak dikenal", "5.1.1", HARD, "userunknown" },
	{ "pengguna tidak wujud", "5.1.1", HARD, "userunknown" },
	{ "walang ganitong user", "5.1.1", HARD, "userunknown" },
	/*
	 * Disabled: Arabic "الحساب معطل", Hebrew "הושבת", Persian
	 * "غیرفعال شده" (ی as windows-1256 writes it too), Urdu "غیر فعال",
	 * Hindi "निष्क्रिय", Bengali "নিষ্ক্রিয়", Thai "ถูกระงับ",
	 * Vietnamese "đã bị khóa", Indonesian "dinonaktifkan", Malay
	 * "dinyahaktifkan", Filipino "na-deactivate"
	 */
	{ "الحساب معطل", "5.2.1", HARD, "suspend" },
	{ "הושבת", "5.2.1", HARD, "suspend" },
	{ "غیرفعال شده", "5.2.1", HARD, "suspend" },
	{ "غيرفعال شده", "5.2.1", HARD, "suspend" },
	{ "غیر فعال", "5.2.1", HARD, "suspend" },
	{ "निष्क्रिय", "5.2.1", HARD, "suspend" },
	{ "নিষ্ক্রিয়", "5.2.1", HARD, "suspend" },
	{ "ถูกระงับ", "5.2.1", HARD, "suspend" },
	{ "da bi khoa", "5.2.1", HARD, "suspend" },
	{ "dinonaktifkan", "5.2.1", HARD, "suspend" },
	{ "dinyahaktifkan", "5.2.1", HARD, "suspend" },
	{ "na-deactivate", "5.2.1", HARD, "suspend" },
	/* helper-184: a domain that does not exist (Malay), an unknown user
	 * (Hebrew "אינו מוכר", Vietnamese "không xác định", Bengali "এমন
	 * কোনো ব্যবহারকারী নেই"), a quota exceeded (Arabic, Urdu) */
	{ "domain penerima tidak wujud", "5.1.2", HARD, "hostunknown" },
	{ "domain tidak wujud", "5.1.2", HARD, "hostunknown" },
	{ "nama domain tidak wujud", "5.1.2", HARD, "hostunknown" },
	{ "אינו מוכר", "5.1.1", HARD, "userunknown" },
	{ "אינה מוכרת", "5.1.1", HARD, "userunknown" },
	{ "משתמש לא ידוע", "5.1.1", HARD, "userunknown" },
	{ "nguoi dung khong xac dinh", "5.1.1", HARD, "userunknown" },
	{ "nguoi nhan khong xac dinh", "5.1.1", HARD, "userunknown" },
	{ "khong xac dinh tren may chu", "5.1.1", HARD, "userunknown" },
	{ "এমন কোনো ব্যবহারকারী নেই", "5.1.1", HARD, "userunknown" },
	{ "কোনো ব্যবহারকারী নেই", "5.1.1", HARD, "userunknown" },
	{ "تجاوز الحصة", "5.2.2", SOFT, "mailboxfull" },
	{ "تجاوزت الحصة", "5.2.2", SOFT, "mailboxfull" },
	{ "تجاوز حصة", "5.2.2", SOFT, "mailboxfull" },
	{ "کوٹہ ختم", "5.2.2", SOFT, "mailboxfull" },
	{ "کوٹہ پورا", "5.2.2", SOFT, "mailboxfull" },
	{ "کوٹہ سے تجاوز", "5.2.2", SOFT, "mailboxfull" },
	/* helper-182: the same reasons in other words, and Tamil */
	{ "ডোমেইন খুঁজে পাওয়া যায়নি", "5.1.2", HARD, "hostunknown" },
	{ "ডোমেইন পাওয়া যায়নি", "5.1.2", HARD, "hostunknown" },
	{ "domain tujuan tidak ditemukan", "5.1.2", HARD, "hostunknown" },
	{ "domain penerima tidak ditemukan", "5.1.2", HARD, "hostunknown" },
	{ "ten mien khong tim thay", "5.1.2", HARD, "hostunknown" },
	{ "khong tim thay ten mien", "5.1.2", HARD, "hostunknown" },
	{ "النطاق غير معروف", "5.1.2", HARD, "hostunknown" },
	{ "לא נמצא דומיין", "5.1.2", HARD, "hostunknown" },
	{ "דומיין לא נמצא", "5.1.2", HARD, "hostunknown" },
	{ "دامنه پیدا نشد", "5.1.2", HARD, "hostunknown" },
	{ "ڈومین نہیں ملا", "5.1.2", HARD, "hostunknown" },
	{ "डोमेन नहीं मिला", "5.1.2", HARD, "hostunknown" },
	{ "ไม่พบชื่อโดเมน", "5.1.2", HARD, "hostunknown" },
	{ "டொமைன் கண்டுபிடிக்கப்படவில்லை", "5.1.2", HARD, "hostunknown" },
	{ "டொமைன் இல்லை", "5.1.2", HARD, "hostunknown" },
	{ "hindi mahanap ang domain", "5.1.2", HARD, "hostunknown" },
	{ "تم تعطيل", "5.2.1", HARD, "suspend" },
	{ "معطل", "5.2.1", HARD, "suspend" },
	{ "הושעה", "5.2.1", HARD, "suspend" },
	{ "מושבת", "5.2.1", HARD, "suspend" },
	{ "مسدود شده", "5.2.1", HARD, "suspend" },
	{ "بند کر دیا", "5.2.1", HARD, "suspend" },
	{ "निष्क्रिय", "5.2.1", HARD, "suspend" },
	{ "बंद कर दिया", "5.2.1", HARD, "suspend" },
	{ "বন্ধ করা", "5.2.1", HARD, "suspend" },
	{ "ถูกปิดใช้งาน", "5.2.1", HARD, "suspend" },
	{ "bi vo hieu hoa", "5.2.1", HARD, "suspend" },
	{ "bi khoa", "5.2.1", HARD, "suspend" },
	{ "tidak aktif lagi", "5.2.1", HARD, "suspend" },
	{ "telah dinonaktifkan", "5.2.1", HARD, "suspend" },
	{ "telah dinyahaktifkan", "5.2.1", HARD, "suspend" },
	{ "hindi na aktibo", "5.2.1", HARD, "suspend" },
	{ "முடக்கப்பட்டுள்ளது", "5.2.1", HARD, "suspend" },
	{ "முடக்கப்பட்டது", "5.2.1", HARD, "suspend" },
	{ "ممتلئة", "5.2.2", SOFT, "mailboxfull" },
	{ "מלאה", "5.2.2", SOFT, "mailboxfull" },
	{ "پر شده", "5.2.2", SOFT, "mailboxfull" },
	{ "بھر چکا", "5.2.2", SOFT, "mailboxfull" },
	{ "بھرا ہوا", "5.2.2", SOFT, "mailboxfull" },
	{ "भर चुका", "5.2.2", SOFT, "mailboxfull" },
	{ "भरा हुआ", "5.2.2", SOFT, "mailboxfull" },
	{ "ভরে গেছে", "5.2.2", SOFT, "mailboxfull" },
	{ "เต็มแล้ว", "5.2.2", SOFT, "mailboxfull" },
	{ "da day", "5.2.2", SOFT, "mailboxfull" },
	{ "sudah penuh", "5.2.2", SOFT, "mailboxfull" },
	{ "telah penuh", "5.2.2", SOFT, "mailboxfull" },
	{ "puno na", "5.2.2", SOFT, "mailboxfull" },
	{ "நிரம்பியுள்ளது", "5.2.2", SOFT, "mailboxfull" },
	{ "நிரம்பிவிட்டது", "5.2.2", SOFT, "mailboxfull" },
	{ "غير موجود", "5.1.1", HARD, "userunknown" },
	/* "there is no" alone says no more than a negation: with its noun */
	{ "لا يوجد مستخدم", "5.1.1", HARD, "userunknown" },
	{ "لا يوجد حساب", "5.1.1", HARD, "userunknown" },
	{ "لا يوجد صندوق", "5.1.1", HARD, "userunknown" },
	{ "אינה קיימת", "5.1.1", HARD, "userunknown" },
	{ "אינו קיים", "5.1.1", HARD, "userunknown" },
	{ "לא קיימת", "5.1.1", HARD, "userunknown" },
	{ "לא נמצא", "5.1.1", HARD, "userunknown" },
	{ "وجود ندارد", "5.1.1", HARD, "userunknown" },
	{ "ناموجود", "5.1.1", HARD, "userunknown" },
	{ "موجود نہیں", "5.1.1", HARD, "userunknown" },
	{ "मौजूद नहीं", "5.1.1", HARD, "userunknown" },
	{ "अस्तित्व में नहीं", "5.1.1", HARD, "userunknown" },
	{ "অ্যাকাউন্ট নেই", "5.1.1", HARD, "userunknown" },
	{ "ব্যবহারকারী নেই", "5.1.1", HARD, "userunknown" },
	{ "ঠিকানা নেই", "5.1.1", HARD, "userunknown" },
	{ "অস্তিত্ব নেই", "5.1.1", HARD, "userunknown" },
	{ "ไม่พบบัญชี", "5.1.1", HARD, "userunknown" },
	{ "ไม่มีอยู่", "5.1.1", HARD, "userunknown" },
	{ "khong ton tai", "5.1.1", HARD, "userunknown" },
	{ "hindi umiiral", "5.1.1", HARD, "userunknown" },
	{ "walang ganitong account", "5.1.1", HARD, "userunknown" },
	{ "tidak wujud", "5.1.1", HARD, "userunknown" },
	{ "tidak ditemukan", "5.1.1", HARD, "userunknown" },
	{ "tidak dikenali", "5.1.1", HARD, "userunknown" },
	{ "tidak dikenal", "5.1.1", HARD, "userunknown" },
	{ "பயனர் இல்லை", "5.1.1", HARD, "userunknown" },
	{ "கணக்கு இல்லை", "5.1.1", HARD, "userunknown" },
	{ "முகவரி இல்லை", "5.1.1", HARD, "userunknown" },
	{ "கண்டுபிடிக்கப்படவில்லை", "5.1.1", HARD, "userunknown" },
	/* Vietnamese: người nhận, người dùng, địa chỉ email không tồn tại */
	{ "nguoi nhan khong ton tai", "5.1.1", HARD, "userunknown" },
	{ "nguoi dung khong ton tai", "5.1.1", HARD, "userunknown" },
	{ "dia chi email khong ton tai", "5.1.1", HARD, "userunknown" },
	{ "nie ma takiego uzytkownika", "5.1.1", HARD, "userunknown" },
	{ "адресом не найден", "5.1.1", HARD, "userunknown" },
	{ "boyle bir kullanici", "5.1.1", HARD, "userunknown" },	/* ı */
	/* Greek, folded: no tonos ("η διεύθυνση δεν βρέθηκε") */
	{ "η διευθυνση δεν βρεθηκε", "5.1.1", HARD, "userunknown" },
	{ "ο παραληπτησ δεν υπαρχει", "5.1.1", HARD, "userunknown" },
	/* "ο λογαριασμός (η διεύθυνση) του παραλήπτη δεν υπάρχει" */
	{ "του παραληπτη δεν υπαρχει", "5.1.1", HARD, "userunknown" },
	/* Hebrew: "כתובת הנמען אינה קיימת", the recipient's address does not
	 * exist */
	{ "כתובת הנמען אינה קיימת", "5.1.1", HARD, "userunknown" },
	{ "주소가 존재하지 않", "5.1.1", HARD, "userunknown" },
	/*
	 * "does not exist" said of the recipient in the languages of regional
	 * providers' own notices, never alone (a group that "не існує" or
	 * "nie istnieje" is no reader): Russian "пользователь с таким адресом
	 * не существует", Ukrainian "скриньки з такою адресою не існує",
	 * Polish "konto odbiorcy nie istnieje" and "adres e-mail nie istnieje",
	 * Czech "e-mailová adresa příjemce neexistuje", Italian "l'indirizzo
	 * del destinatario non esiste", Portuguese "o endereço ... do
	 * destinatário não existe", Korean "계정이 존재하지 않습니다"; Japanese
	 * "該当するユーザーが登録されていません" and "このメールアドレスは現在
	 * 使われておりません"
	 */
	{ "таким адресом не существует", "5.1.1", HARD, "userunknown" },
	{ "адрес не существует", "5.1.1", HARD, "userunknown" },
	{ "адрес получателя не существует", "5.1.1", HARD, "userunknown" },
	{ "такою адресою не існує", "5.1.1", HARD, "userunknown" },
	{ "odbiorcy nie istnieje", "5.1.1", HARD, "userunknown" },
	{ "adres e-mail nie istnieje", "5.1.1", HARD, "userunknown" },
	{ "adres nie istnieje", "5.1.1", HARD, "userunknown" },
	/* French "le compte ... est désactivé", "compte désactivé" */
	{ "compte est desactive", "5.2.1", HARD, "suspend" },
	{ "compte desactive", "5.2.1", HARD, "suspend" },
	{ "prijemce neexistuje", "5.1.1", HARD, "userunknown" },
	{ "destinatario non esiste", "5.1.1", HARD, "userunknown" },
	{ "destinatario nao existe", "5.1.1", HARD, "userunknown" },
	{ "계정이 존재하지 않", "5.1.1", HARD, "userunknown" },
	{ "ユーザーが登録されていません", "5.1.1", HARD, "userunknown" },
	{ "現在使われておりません", "5.1.1", HARD, "userunknown" },
	/*
	 * and in the Nordic, Baltic and south-east European providers'
	 * notices: Swedish "adressen finns inte", Norwegian "mottakeren
	 * finnes ikke", Danish "postkassen findes ikke", Hungarian "a
	 * postafiók nem létezik", Slovak "schránka neexistuje", Estonian
	 * "postkasti ei ole olemas", Lithuanian "tokio gavėjo nėra",
	 * Serbian and Croatian "korisnik ne postoji"
	 */
	{ "adressen finns inte", "5.1.1", HARD, "userunknown" },
	{ "mottakeren finnes ikke", "5.1.1", HARD, "userunknown" },
	{ "postkassen findes ikke", "5.1.1", HARD, "userunknown" },
	{ "postafiok nem letezik", "5.1.1", HARD, "userunknown" },
	{ "schranka neexistuje", "5.1.1", HARD, "userunknown" },
	{ "postkasti ei ole olemas", "5.1.1", HARD, "userunknown" },
	{ "tokio gavejo nera", "5.1.1", HARD, "userunknown" },
	{ "korisnik ne postoji", "5.1.1", HARD, "userunknown" },
	/* X.400 gateways */
	{ "recipient name is not recognized", "5.1.1", HARD, "userunknown" },
	/*
	 * older servers' and providers' verdicts, from the reply tables of
	 * PHP-Bounce-Handler (bounce_responses) and BounceParser (std_reason)
	 */
	{ "addressee unknown", "5.1.1", HARD, "userunknown" },
	{ "no such mail drop", "5.1.1", HARD, "userunknown" },
	{ "no one with that email address", "5.1.1", HARD, "userunknown" },
	{ "not known to this system", "5.1.1", HARD, "userunknown" },
	{ "not found in ldap", "5.1.1", HARD, "userunknown" },
	{ "unable to find alias", "5.1.1", HARD, "userunknown" },
	{ "unknown or illegal user", "5.1.1", HARD, "userunknown" },
	/* vmailmgr's vdeliver */
	{ "does not refer to a virtual user", "5.1.1", HARD, "userunknown" },
	{ "indirizzo inesistente", "5.1.1", HARD, "userunknown" },
	/* Italian "l'utente risulta sconosciuto", "... risulta inesistente" */
	{ "risulta sconosciut", "5.1.1", HARD, "userunknown" },
	{ "risulta inesistente", "5.1.1", HARD, "userunknown" },
	{ "destinatario errato", "5.1.1", HARD, "userunknown" },
	{ "nie ma takiego konta", "5.1.1", HARD, "userunknown" },
	{ "adressat unbekannt", "5.1.1", HARD, "userunknown" },
	{ "invalid account", "5.1.1", HARD, "userunknown" },
	{ "account not found", "5.1.1", HARD, "userunknown" },
	{ "unknown account", "5.1.1", HARD, "userunknown" },
	{ "no such email address", "5.1.1", HARD, "userunknown" },
	/* BounceParser's "(user|recipient|address) (was )?not found" */
	{ "address was not found", "5.1.1", HARD, "userunknown" },
	{ "user was not found", "5.1.1", HARD, "userunknown" },
	{ "recipient was not found", "5.1.1", HARD, "userunknown" },
	{ "recipients were not found", "5.1.1", HARD, "userunknown" },
	/* and its "not a valid (address|e-mail|...)", "non-existent" */
	{ "not a valid email address", "5.1.1", HARD, "userunknown" },
	{ "not a valid e-mail address", "5.1.1", HARD, "userunknown" },
	{ "not a valid address", "5.1.1", HARD, "userunknown" },
	{ "non-existent address", "5.1.1", HARD, "userunknown" },
	{ "nonexistent address", "5.1.1", HARD, "userunknown" },
	{ "not known here", "5.1.1", HARD, "userunknown" },
	/*
	 * older gateways' verdicts (Sympa's %equiv table and anabounce):
	 * "The user u is not known at this site.", QuickMail's "Unknown
	 * QuickMail recipient(s):", "could not find a mailbox for"
	 */
	{ "not known at this site", "5.1.1", HARD, "userunknown" },
	{ "unknown quickmail recipient", "5.1.1", HARD, "userunknown" },
	{ "not find a mailbox", "5.1.1", HARD, "userunknown" },
	/* CompuServe's "Receiver not found: a" */
	{ "receiver not found", "5.1.1", HARD, "userunknown" },
	{ "doesn't handle mail for that user", "5.1.1", HARD, "userunknown" },
	{ "destin. sconosciuto", "5.1.1", HARD, "userunknown" },
	/*
	 * PHPMailer-BMH's "unknown" wordings: "not a member of domain", "the
	 * recipient cannot be verified", "user path no exist"
	 */
	{ "not a member of domain", "5.1.1", HARD, "userunknown" },
	{ "recipient cannot be verified", "5.1.1", HARD, "userunknown" },
	{ "user path no exist", "5.1.1", HARD, "userunknown" },
	/*
	 * CiviCRM's "Invalid" patterns and KumoMTA's InvalidRecipient rules:
	 * "badly formatted address", "missing or malformed local part",
	 * RFC 5321's 553 "mailbox name not allowed", "no e-mail address
	 * registered", "unregistered address", "user is not recognized",
	 * "recipient unrecognized", "unavailable mailbox", Spanish "no hay
	 * nadie con esta direccion", Slovenian "(elektronski) naslov ne
	 * obstaja" and "naslov je ukinjen"
	 */
	{ "badly formatted address", "5.1.3", HARD, "userunknown" },
	{ "malformed local part", "5.1.3", HARD, "userunknown" },
	{ "invalid virtual user", "5.1.1", HARD, "userunknown" },
	{ "mailbox name not allowed", "5.1.3", HARD, "userunknown" },
	{ "no e-mail address registered", "5.1.1", HARD, "userunknown" },
	{ "unregistered address", "5.1.1", HARD, "userunknown" },
	{ "user is not recognized", "5.1.1", HARD, "userunknown" },
	{ "recipient unrecognized", "5.1.1", HARD, "userunknown" },
	{ "unavailable mailbox", "5.1.1", HARD, "userunknown" },
	{ "nadie con esta direccion", "5.1.1", HARD, "userunknown" },
	{ "naslov ne obstaja", "5.1.1", HARD, "userunknown" },
	{ "naslov je ukinjen", "5.1.1", HARD, "userunknown" },
	/* Gmail's Italian and Slovenian "address not found" */
	{ "non sono riuscito a trovare l'indirizzo", "5.1.1", HARD,
	  "userunknown" },
	{ "ni bilo mogoce najti prejemnikovega", "5.1.1", HARD,
	  "userunknown" },
	{ "no longer on server", "5.1.6", HARD, "hasmoved" },
	{ "address no longer valid", "5.1.6", HARD, "hasmoved" },

	{ "host unknown", "5.1.2", HARD, "hostunknown" },
	{ "unknown host", "5.1.2", HARD, "hostunknown" },
	{ "host not found", "5.1.2", HARD, "hostunknown" },
	/*
	 * Go's resolver (chasquid, maddy, mox): "lookup d on 127.0.0.53:53:
	 * no such host" is its NXDOMAIN; Apache James: "There are no DNS
	 * entries for the hostname d.  I cannot determine where to send this
	 * message." (its older DSNBounce gave that one 5.1.2)
	 */
	{ "no such host", "5.1.2", HARD, "hostunknown" },
	{ "no dns entries for the hostname", "5.1.2", HARD, "hostunknown" },
	/*
	 * Post.Office: "the DNS records for the destination computer could
	 * not be found" above "Host d not found"
	 */
	{ "dns records for the destination", "5.1.2", HARD, "hostunknown" },
	/*
	 * DMA's "DNS lookup failure: host d not found": it bounces only
	 * when the lookup failed for good, and retries a temporary failure
	 */
	{ "dns lookup failure: host", "5.1.2", HARD, "hostunknown" },
	{ "illegal host/domain name", "5.1.2", HARD, "hostunknown" },
	{ "domain not found", "5.1.2", HARD, "hostunknown" },
	{ "no such domain", "5.1.2", HARD, "hostunknown" },
	{ "unknown domain", "5.1.2", HARD, "hostunknown" },
	/* au (KDDI): "As the remote domain doesnt exist." */
	{ "domain doesnt exist", "5.1.2", HARD, "hostunknown" },
	{ "unrouteable mail domain", "5.1.2", HARD, "hostunknown" },
	/* Exim: every DNS lookup of the host failed for good */
	{ "lookups failed permanently", "5.1.2", HARD, "hostunknown" },
	{ "name or service not known", "5.1.2", HARD, "hostunknown" },
	{ "no mx record", "5.1.2", HARD, "hostunknown" },
	{ "no mx or a record", "5.1.2", HARD, "hostunknown" },
	/*
	 * a domain with neither MX nor address record ("has no mail
	 * servers (no MX and no address record)"), and one whose
	 * registration lapsed: its "may have expired" is said of the
	 * domain, no queue's expiry (the "expired" row below)
	 */
	{ "has no mail servers", "5.1.2", HARD, "hostunknown" },
	{ "no mx and no address record", "5.1.2", HARD, "hostunknown" },
	{ "no mx and no a record", "5.1.2", HARD, "hostunknown" },
	{ "no mx nor address record", "5.1.2", HARD, "hostunknown" },
	{ "domain may have expired", "5.1.2", HARD, "hostunknown" },
	{ "domain has expired", "5.1.2", HARD, "hostunknown" },
	{ "domain name has expired", "5.1.2", HARD, "hostunknown" },
	{ "registration may have expired", "5.1.2", HARD, "hostunknown" },
	{ "registration has expired", "5.1.2", HARD, "hostunknown" },
	{ "point to non-existent hosts", "5.1.2", HARD, "hostunknown" },
	{ "bad destination system address", "5.1.2", HARD, "hostunknown" },
	/* hMailServer: "No mail servers appear to exists for the recipients
	 * address." (its spelling): the domain has neither MX nor A */
	{ "no mail servers appear to exist", "5.1.2", HARD, "hostunknown" },
	{ "domain name not found", "5.1.2", HARD, "hostunknown" },
	{ "域名不存在", "5.1.2", HARD, "hostunknown" },
	/* "收件人域名 d 不存在或没有邮件服务器" (no mail server) */
	{ "没有邮件服务器", "5.1.2", HARD, "hostunknown" },
	{ "沒有郵件伺服器", "5.1.2", HARD, "hostunknown" },
	{ "网域不存在", "5.1.2", HARD, "hostunknown" },
	{ "網域不存在", "5.1.2", HARD, "hostunknown" },
	{ "域名無法解析", "5.1.2", HARD, "hostunknown" },
	{ "域名无法解析", "5.1.2", HARD, "hostunknown" },
	{ "ドメインが存在しません", "5.1.2", HARD, "hostunknown" },
	{ "ドメインが見つかりません", "5.1.2", HARD, "hostunknown" },
	{ "존재하지 않는 도메인", "5.1.2", HARD, "hostunknown" },
	{ "domain is not reachable", "5.1.2", HARD, "hostunknown" },
	{ "host or domain name not found", "5.1.2", HARD, "hostunknown" },
	{ "mentioned in email address is unknown", "5.1.2", HARD,
	  "hostunknown" },
	{ "domain must exist", "5.1.2", HARD, "hostunknown" },
	{ "unroutable address", "5.1.2", HARD, "hostunknown" },
	{ "does not accept mail", "5.1.10", HARD, "notaccept" },
	{ "null mx", "5.1.10", HARD, "notaccept" },
	/* Exim: "an MX or SRV record indicated no SMTP service" */
	{ "indicated no smtp service", "5.1.10", HARD, "notaccept" },
	{ "nullmx", "5.1.10", HARD, "notaccept" },

	{ "has moved", "5.1.6", HARD, "hasmoved" },
	{ "address has changed", "5.1.6", HARD, "hasmoved" },
	{ "has been replaced by", "5.1.6", HARD, "hasmoved" },

	/* Disabled accounts: treated as dead addresses. */
	{ "account disabled", "5.2.1", HARD, "suspend" },
	/* Croatian, Serbian: "(korisnički) račun je onemogućen" */
	{ "racun je onemogucen", "5.2.1", HARD, "suspend" },
	{ "account is disabled", "5.2.1", HARD, "suspend" },
	{ "account has been disabled", "5.2.1", HARD, "suspend" },
	{ "mailbox disabled", "5.2.1", HARD, "suspend" },
	{ "mailbox is disabled", "5.2.1", HARD, "suspend" },
	{ "account is inactive", "5.2.1", HARD, "suspend" },
	{ "account has been suspended", "5.2.1", HARD, "suspend" },
	{ "account is suspended", "5.2.1", HARD, "suspend" },
	{ "deactivated", "5.2.1", HARD, "suspend" },
	{ "is currently suspended", "5.2.1", HARD, "suspend" },
	/* Portuguese: "a conta do destinatário foi desativada" */
	{ "conta do destinatario foi desativada", "5.2.1", HARD, "suspend" },
	{ "has been suspended", "5.2.1", HARD, "suspend" },
	{ "mailbox currently suspended", "5.2.1", HARD, "suspend" },
	{ "mailbox is frozen", "5.2.1", HARD, "suspend" },
	{ "this mailbox is disabled", "5.2.1", HARD, "suspend" },
	{ "has been disabled or discontinued", "5.2.1", HARD, "suspend" },
	{ "user suspended", "5.2.1", HARD, "suspend" },
	{ "account expired", "5.2.1", HARD, "suspend" },
	{ "account has expired", "5.2.1", HARD, "suspend" },
	/* ZoneMTA's Hot.ee "is expired account" (before the queue's
	 * "expired") */
	{ "expired account", "5.2.1", HARD, "suspend" },
	{ "invalid/inactive user", "5.2.1", HARD, "suspend" },
	/* before "blocked": the owner left it, no sender was refused */
	{ "blocked due to inactivity", "5.2.1", HARD, "suspend" },
	{ "not currently being accepted for this mailbox", "5.2.1", HARD,
	  "suspend" },
	{ "account that you tried to reach is disabled", "5.2.1", HARD,
	  "suspend" },
	/*
	 * Italian "bloccato per inutilizzo", Spanish "ha expirado por falta
	 * de uso", "en estado: inactivo", Polish "konto jest zablokowane"
	 */
	{ "bloccato per inutilizzo", "5.2.1", HARD, "suspend" },
	{ "expirado por falta de uso", "5.2.1", HARD, "suspend" },
	{ "estado: inactivo", "5.2.1", HARD, "suspend" },
	{ "konto jest zablokowane", "5.2.1", HARD, "suspend" },
	/*
	 * Italian "la casella del destinatario è disattivata", Russian "ящик
	 * получателя заблокирован", Ukrainian "скриньку одержувача
	 * заблоковано": the mailbox, not a sender, blocked
	 */
	/*
	 * an account closed for good, in the languages of the verdicts:
	 * Italian "non è più attivo", Swedish "Kontot är permanent
	 * avstängt", French "n'est plus actif", German "nicht mehr aktiv",
	 * Spanish "ya no está activa", Portuguese "não está mais ativo",
	 * Dutch "is niet meer actief", Polish "nie jest już aktywne",
	 * Czech "již není aktivní", Russian "больше не активен"
	 */
	{ "no longer active", "5.2.1", HARD, "suspend" },
	{ "permanently disabled", "5.2.1", HARD, "suspend" },
	{ "non e piu attiv", "5.2.1", HARD, "suspend" },
	{ "e stato disattivato", "5.2.1", HARD, "suspend" },
	{ "e stata disattivata", "5.2.1", HARD, "suspend" },
	{ "account disattivato", "5.2.1", HARD, "suspend" },
	{ "permanent avstangt", "5.2.1", HARD, "suspend" },
	{ "kontot ar avstangt", "5.2.1", HARD, "suspend" },
	{ "kontot ar inaktiverat", "5.2.1", HARD, "suspend" },
	{ "kontot har stangts", "5.2.1", HARD, "suspend" },
	{ "n'est plus actif", "5.2.1", HARD, "suspend" },
	{ "n'est plus active", "5.2.1", HARD, "suspend" },
	{ "nicht mehr aktiv", "5.2.1", HARD, "suspend" },
	{ "ya no esta activ", "5.2.1", HARD, "suspend" },
	{ "cuenta desactivada", "5.2.1", HARD, "suspend" },
	{ "nao esta mais ativ", "5.2.1", HARD, "suspend" },
	{ "ja nao esta ativ", "5.2.1", HARD, "suspend" },
	{ "niet meer actief", "5.2.1", HARD, "suspend" },
	{ "is gedeactiveerd", "5.2.1", HARD, "suspend" },
	{ "nie jest juz aktywn", "5.2.1", HARD, "suspend" },
	{ "jiz neni aktivni", "5.2.1", HARD, "suspend" },
	{ "uz neni aktivni", "5.2.1", HARD, "suspend" },
	{ "больше не активен", "5.2.1", HARD, "suspend" },
	{ "больше не активна", "5.2.1", HARD, "suspend" },
	{ "больше не действует", "5.2.1", HARD, "suspend" },
	{ "artik aktif degil", "5.2.1", HARD, "suspend" },
	{ "casella disattivata", "5.2.1", HARD, "suspend" },
	{ "casella e disattivata", "5.2.1", HARD, "suspend" },
	{ "casella del destinatario e disattivata", "5.2.1", HARD, "suspend" },
	{ "ящик заблокирован", "5.2.1", HARD, "suspend" },
	{ "ящик получателя заблокирован", "5.2.1", HARD, "suspend" },
	{ "скриньку заблоковано", "5.2.1", HARD, "suspend" },
	{ "скриньку одержувача заблоковано", "5.2.1", HARD, "suspend" },
	{ "скринька заблокована", "5.2.1", HARD, "suspend" },
	/* German "Das Empfängerkonto ist gesperrt", "Postfach gesperrt" */
	{ "konto ist gesperrt", "5.2.1", HARD, "suspend" },
	{ "postfach ist gesperrt", "5.2.1", HARD, "suspend" },
	{ "konto gesperrt", "5.2.1", HARD, "suspend" },
	{ "postfach gesperrt", "5.2.1", HARD, "suspend" },
	{ "inactive user", "5.2.1", HARD, "suspend" },
	{ "account inactive", "5.2.1", HARD, "suspend" },
	{ "mailbox is inactive", "5.2.1", HARD, "suspend" },
	{ "user is suspended", "5.2.1", HARD, "suspend" },
	{ "mailbox was disabled", "5.2.1", HARD, "suspend" },
	{ "administratively disabled", "5.2.1", HARD, "suspend" },
	{ "account not activated", "5.2.1", HARD, "suspend" },
	/* hotpop's "the account has been closed" */
	{ "account has been closed", "5.2.1", HARD, "suspend" },
	{ "account is closed", "5.2.1", HARD, "suspend" },
	/* PHPMailer-BMH's "inactive" wordings (eyou, CommuniGate...) */
	{ "user is inactive", "5.2.1", HARD, "suspend" },
	{ "inactive account", "5.2.1", HARD, "suspend" },
	{ "mail receiving disabled", "5.2.1", HARD, "suspend" },
	{ "user status is locked", "5.2.1", HARD, "suspend" },
	/*
	 * Coremail's "user disabled" (its knowledge base lists it among the
	 * replies for an account its administrator turned off), Sina's
	 * "user is locked" without round 23's "#5.2.1", 21CN's "a is now
	 * disabled with SMTP service"; and the Chinese words of the same:
	 * the account is stopped (已停用), frozen (被冻结) or locked (被锁定)
	 */
	{ "user disabled", "5.2.1", HARD, "suspend" },
	{ "user is locked", "5.2.1", HARD, "suspend" },
	{ "disabled with smtp service", "5.2.1", HARD, "suspend" },
	{ "帐号已停用", "5.2.1", HARD, "suspend" },
	{ "账号已停用", "5.2.1", HARD, "suspend" },
	{ "帐号被冻结", "5.2.1", HARD, "suspend" },
	{ "账号被冻结", "5.2.1", HARD, "suspend" },
	{ "帐号已被冻结", "5.2.1", HARD, "suspend" },
	{ "账号已被冻结", "5.2.1", HARD, "suspend" },
	{ "帳號已被凍結", "5.2.1", HARD, "suspend" },
	{ "帐号已被锁定", "5.2.1", HARD, "suspend" },
	{ "账号已被锁定", "5.2.1", HARD, "suspend" },
	/* cancelled (注销: the account was closed by its owner or an
	 * administrator), as hotpop's "account has been closed" */
	{ "已注销", "5.2.1", HARD, "suspend" },
	{ "已被注销", "5.2.1", HARD, "suspend" },
	{ "已註銷", "5.2.1", HARD, "suspend" },
	{ "已被註銷", "5.2.1", HARD, "suspend" },
	/*
	 * CiviCRM's "Inactive" and KumoMTA's InactiveMailbox: "User banned",
	 * "is inactive on this domain", "user account suspended", comcast's
	 * "Account Closed, Please Remove", "Account is not active",
	 * Microsoft's "DisabledUser"
	 */
	{ "user banned", "5.2.1", HARD, "suspend" },
	{ "inactive on this domain", "5.2.1", HARD, "suspend" },
	{ "user account suspended", "5.2.1", HARD, "suspend" },
	{ "account closed", "5.2.1", HARD, "suspend" },
	/*
	 * a forwarding service's address that is shut ("this forwarding
	 * address was closed when ...", as an Exim redirect router's :fail:
	 * text or a forwarder's own notice says it): no mailbox behind it
	 */
	{ "address was closed", "5.2.1", HARD, "suspend" },
	{ "address has been closed", "5.2.1", HARD, "suspend" },
	{ "address is closed", "5.2.1", HARD, "suspend" },
	{ "account is not active", "5.2.1", HARD, "suspend" },
	{ "disableduser", "5.2.1", HARD, "suspend" },

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
	/*
	 * the sending MTA's own words when the transport's security failed
	 * (the receiver's MTA-STS or DANE policy, or the sender's
	 * smtp_tls_security_level, asked for what the host could not give):
	 * Postfix's "TLS is required, but was not offered by host h" and
	 * "... but host h refused to start TLS", Exchange's "STARTTLS is
	 * required to send mail"; Exim's "a TLS session is required, but
	 * ..."; Postfix's "Cannot start TLS: handshake failure", "Server
	 * certificate not trusted" / "not verified" and DANE's "TLSA lookup
	 * error for h:25"; Sendmail's "403 4.7.0 TLS handshake failed.";
	 * Exchange's 4.4.317 "[Message=TLS negotiation failed with error
	 * ...]".  The sender's setup or the host's, never
	 * the address: soft.
	 */
	{ "tls is required", "5.7.10", SOFT, "securityerror" },
	{ "tls session is required", "5.7.10", SOFT, "securityerror" },
	{ "cannot start tls", "4.7.5", SOFT, "securityerror" },
	{ "server certificate not", "4.7.5", SOFT, "securityerror" },
	{ "tlsa lookup error", "4.7.5", SOFT, "securityerror" },
	{ "tls handshake failed", "4.7.0", SOFT, "securityerror" },
	{ "tls negotiation failed", "4.7.5", SOFT, "securityerror" },
	{ "unauthenticated senders not allowed", "5.7.1", SOFT,
	  "securityerror" },
	{ "denied by policy", "5.7.1", SOFT, "policyviolation" },
	{ "for policy reasons", "5.7.1", SOFT, "policyviolation" },
	{ "organizational settings", "5.7.1", SOFT, "policyviolation" },
	{ "members-only list", "5.7.1", SOFT, "policyviolation" },
	{ "closed mailing list", "5.7.1", SOFT, "policyviolation" },
	{ "illegal attachment", "5.7.1", SOFT, "policyviolation" },
	{ "protocol violation", "5.7.1", SOFT, "policyviolation" },
	{ "administrative prohibition", "5.7.1", SOFT, "rejected" },
	{ "batv", "5.7.1", SOFT, "rejected" },
	{ "null sender is not allowed", "5.7.1", SOFT, "rejected" },
	{ "empty envelope senders not allowed", "5.7.1", SOFT, "rejected" },
	{ "bogus mail from", "5.7.1", SOFT, "rejected" },
	{ "not allowed to post to this mailing list", "5.7.1", SOFT,
	  "rejected" },
	{ "only accepting mail from specific", "5.7.1", SOFT, "filtered" },
	{ "refused due to recipient preferences", "5.7.1", SOFT,
	  "filtered" },
	{ "blocked by the recipient", "5.7.1", SOFT, "filtered" },
	/*
	 * a guess among causes ("The account or domain may not exist, they
	 * may be blacklisted, or ..."): no reason, the reply's code decides
	 */
	{ "may be blacklisted", "5.0.0", SOFT, "rejected" },
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
	{ "syntax error", "5.5.2", SOFT, "syntaxerror" },

	/*
	 * Gave up after retrying.  The words of a delay alone ("delayed",
	 * "still being retried", "will continue to retry") are no row: they
	 * name no cause, and the cause a delay gives (or its code) is its
	 * reason.
	 */
	{ "retry timeout exceeded", "4.4.7", SOFT, "expired" },
	{ "too long in queue", "4.4.7", SOFT, "expired" },
	{ "in the queue too long", "4.4.7", SOFT, "expired" },
	{ "message expired", "4.4.7", SOFT, "expired" },
	{ "delivery time expired", "4.4.7", SOFT, "expired" },
	{ "could not be delivered within", "4.4.7", SOFT, "expired" },
	/* au (EZweb): "Your message was not delivered within 0 days and ..." */
	{ "was not delivered within", "4.4.7", SOFT, "expired" },
	{ "has not been delivered", "4.4.7", SOFT, "expired" },
	{ "expired", "4.4.7", SOFT, "expired" },
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
	/* Lotus Notes: "Message has exceeded maximum hop count" */
	{ "exceeded maximum hop count", "5.4.6", SOFT, "networkerror" },
	{ "host is unreachable", "4.4.1", SOFT, "networkerror" },
	{ "host is not responding", "4.4.1", SOFT, "networkerror" },
	{ "forwarding loop", "5.4.6", SOFT, "networkerror" },
	{ "message looping", "5.4.6", SOFT, "networkerror" },
	{ "routing loop", "5.4.6", SOFT, "networkerror" },
	{ "unable to resolve route", "4.4.1", SOFT, "networkerror" },
	{ "could not connect and send", "4.4.1", SOFT, "networkerror" },
	/* Exim's smtp transport when the server hangs up on a command:
	 * "Remote host closed connection in response to end of data" */
	{ "closed connection in response to", "4.4.2", SOFT, "networkerror" },
	/* Postfix's smtp(8) when a session breaks: "lost connection with
	 * h[a] while sending end of data -- message may be sent more than
	 * once", "conversation with h[a] timed out while receiving the
	 * initial server greeting" */
	{ "lost connection with", "4.4.2", SOFT, "networkerror" },
	{ "timed out while", "4.4.2", SOFT, "networkerror" },
	/* RFC 3463's X.4.3, in its own words */
	{ "directory server failure", "4.4.3", SOFT, "networkerror" },
	/*
	 * the same trouble in the words of localised MTAs and providers:
	 * the connection refused, timed out or impossible, the name not
	 * resolved (German, French, Spanish, Portuguese, Italian, Russian,
	 * Chinese, Japanese, Korean)
	 */
	{ "verbindung abgelehnt", "4.4.1", SOFT, "networkerror" },
	{ "zeituberschreitung der verbindung", "4.4.1", SOFT,
	  "networkerror" },
	{ "verbindung konnte nicht hergestellt", "4.4.1", SOFT,
	  "networkerror" },
	{ "connexion refusee", "4.4.1", SOFT, "networkerror" },
	{ "delai de connexion depasse", "4.4.1", SOFT, "networkerror" },
	{ "impossible de se connecter", "4.4.1", SOFT, "networkerror" },
	{ "conexion rechazada", "4.4.1", SOFT, "networkerror" },
	{ "tiempo de conexion agotado", "4.4.1", SOFT, "networkerror" },
	{ "no se pudo conectar", "4.4.1", SOFT, "networkerror" },
	{ "conexao recusada", "4.4.1", SOFT, "networkerror" },
	{ "tempo limite de conexao", "4.4.1", SOFT, "networkerror" },
	{ "nao foi possivel conectar", "4.4.1", SOFT, "networkerror" },
	{ "connessione rifiutata", "4.4.1", SOFT, "networkerror" },
	{ "impossibile connettersi", "4.4.1", SOFT, "networkerror" },
	{ "соединение отклонено", "4.4.1", SOFT, "networkerror" },
	{ "не удалось подключиться", "4.4.1", SOFT, "networkerror" },
	{ "не удалось соединиться", "4.4.1", SOFT, "networkerror" },
	{ "连接超时", "4.4.1", SOFT, "networkerror" },
	{ "连接被拒绝", "4.4.1", SOFT, "networkerror" },
	{ "無法連線", "4.4.1", SOFT, "networkerror" },
	{ "連線逾時", "4.4.1", SOFT, "networkerror" },
	{ "接続がタイムアウト", "4.4.1", SOFT, "networkerror" },
	{ "接続が拒否", "4.4.1", SOFT, "networkerror" },
	{ "연결 시간 초과", "4.4.1", SOFT, "networkerror" },
	{ "연결이 거부", "4.4.1", SOFT, "networkerror" },
	{ "域名解析失败", "4.4.3", SOFT, "networkerror" },
	{ "dns解析失败", "4.4.3", SOFT, "networkerror" },
	{ "名前解決に失敗", "4.4.3", SOFT, "networkerror" },
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
	/*
	 * a suspension said of something other than the mailbox, last so
	 * that every row above outranks it: cPanel's "The account for d is
	 * suspended" (the domain's hosting, often for a bill, so no dead
	 * address)
	 */
	{ "is suspended", "5.2.1", SOFT, "suspend" },
};
const size_t bounce_nrules = sizeof bounce_rules / sizeof bounce_rules[0];


/* Reasons implied by an enhanced status code, most specific first. */
const struct bounce_rule bounce_status_rules[] = {
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
	/*
	 * RFC 7293's answers to a require-recipient-valid-since check: the
	 * mailbox, or the whole domain, now belongs to someone else
	 */
	{ "5.7.17", "5.7.17", HARD, "userunknown" },
	{ "5.7.18", "5.7.18", HARD, "hostunknown" },
	{ "x.2.2", "", SOFT, "mailboxfull" },
	{ "x.3.4", "", SOFT, "toobig" },
	{ "x.2.3", "", SOFT, "toobig" },
	{ "x.4.7", "", SOFT, "expired" },
	{ "x.4.1", "", SOFT, "networkerror" },
	{ "x.4.4", "", SOFT, "networkerror" },
	/* RFC 3463 X.6.X: the message's content or media, not the address */
	{ "x.6.", "", SOFT, "contenterror" },
	{ "x.7.1", "", SOFT, "rejected" },
	{ "x.7.", "", SOFT, "policyviolation" },
	{ "x.3.", "", SOFT, "systemerror" },
};
const size_t bounce_nstatus_rules =
    sizeof bounce_status_rules / sizeof bounce_status_rules[0];


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
	"original message details",
	"--- the header of the original message is following. ---",
	"content-type: message/rfc822",
	"------- returned message --------",
	"----- returned message follows -----",
	"message headers follow",
	"original message follows",
	"original message header",
	"[ offending message ]",	/* a SpamCop report's copy */
	/* headings of the returned message's details, matched as typed */
	"原邮件信息",
	"原始邮件信息",
	"原邮件内容",
	"原始邮件内容",
	"原邮件头",
	"原始邮件头",
	"以下是原邮件",
	"以下为原邮件",
	"原始郵件",
	"-----原始邮件-----",
	"--- 原始邮件",
	"原始邮件 ---",
	"原郵件資訊",
	"元のメッセージ",
	"원본 메시지",
	NULL
};

const char *const bounce_delay_subjects[] = {
	"verzogert",	/* verzögert */
	"warnung",
	"retarde",	/* retardé */
	"ritardo",
	"ritardat",	/* Italian "Recapito ritardato" */
	"preavviso di mancata consegna",	/* PEC's 12-hour warning */
	"retrasad",
	"retraso",	/* Spanish "retraso en la entrega" */
	"atrasad",	/* Portuguese "Entrega atrasada" */
	"viivastynyt",	/* Finnish viivästynyt */
	"delay",
	"warning",
	"still being retried",
	"not yet been delivered",
	"not yet delivered",
	"not delivered yet",
	"延迟",
	"延遲",
	"遅延",
	"지연",
	"vertraagd",
	"opoznieni",	/* opóźnieni */
	"cham tre",	/* chậm trễ */
	"forsinket",	/* Danish, Norwegian */
	"gecikme",	/* Turkish "Teslim gecikmesi" */
	"задержк",	/* Russian "Задержка доставки" */
	"затримк",	/* Ukrainian "Затримка доставки" */
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
	/* Exchange's "Undeliverable:" in its languages */
	"unzustellbar",
	"non remis",
	"no se puede entregar",
	"onbestelbaar",
	"non recapitabile",
	"niedostarczona",
	"nedorucitelna",	/* nedoručitelná */
	"退信",
	"投递失败",
	"发送失败",
	"投遞失敗",
	"配信失敗",
	"전송 실패",
	"반송",
	NULL
};

/* Subject words saying that a failure is not final (yet). */
const char *const bounce_transient_subjects[] = {
	"temporar",
	"transient",
	/* "邮件发送失败（暂时）" (send failure, temporary), Japanese 一時的,
	 * German vorübergehend, Spanish temporal */
	"暂时",
	"暫時",
	"一時的",
	"vorubergehend",
	"temporal",
	"attempt failed",	/* "Delivery attempt failed": one of several */
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
	/* PHP-Bounce-Handler's bounce subjects */
	"mailserver notification",
	"nondeliverable",
	"returned to sender",
	"error sending",
	"message not delivered",
	"delivery has failed",
	"unzustellbar",
	"non remis",
	"echec de la remise",	/* échec */
	"no se puede entregar",
	"mensaje no entregado",
	"non recapitabile",
	"messaggio non recapitato",
	/* PEC's "AVVISO DI MANCATA CONSEGNA" (its 12-hour warning,
	 * "PREAVVISO DI MANCATA CONSEGNA", is a delay subject) */
	"mancata consegna",
	/* "Message refusé", "Nachricht abgelehnt", "Mensaje rechazado" */
	"refuse", "rejete", "abgelehnt", "abgewiesen", "rechazad", "rifiutat",
	"respint", "rejeitad", "recusad", "geweigerd", "odrzucon", "odmitnut",
	"отклонен", "відхилен",
	"mensagem nao entregue",	/* não */
	"nao e possivel entregar",	/* não é possível */
	"falha na entrega",
	"niedostarczona",	/* wiadomość niedostarczona */
	"nedorucitelna",	/* nedoručitelná */
	"mesaj nelivrat",
	"配信不能",
	"系统退信",
	"退信",
	"エラー",
	"投递失败",
	"发送失败",
	"无法送达",
	"无法传递",
	/* Domino's Chinese "未传递的报告" (report of what was not delivered) */
	"未传递",
	"未傳遞",
	/* a gateway's "邮件被拦截通知" (the mail was stopped) */
	"被拦截",
	"被攔截",
	"無法送達",
	"無法傳遞",
	"投遞失敗",
	"配信失敗",
	"전송 실패",
	"반송",
	"배달 실패",
	"αποτυχια παραδοσησ",	/* αποτυχία παράδοσης */
	/* Vietnamese: không gửi được, không thể gửi, không thành công */
	"khong gui duoc",
	"khong the gui",
	"khong thanh cong",
	"mail failed",	/* Smail's "mail failed, returning to sender" */
	"nicht zustellbar",
	"onbestelbaar",
	"niet afgeleverd",
	"kan ikke leveres",
	"ikke leveret",
	"olevererbart",
	"kunde inte levereras",
	"ei voi toimittaa",
	"kezbesithetetlen",	/* kézbesíthetetlen */
	"teslim edilemedi",
	"tidak terkirim",
	"nelze dorucit",	/* nelze doručit */
	"не доставлено",
	"недоставлен",
	"не доставлен",
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
	"自動回覆",
	"自动答复",
	"자동 응답",
	"자동응답",
	"부재중",
	"reponse automatique",	/* réponse automatique */
	/* Outlook's and Exchange's prefixes in their languages */
	"automatische antwort",
	"abwesenheitsnotiz",
	"automatyczna odpowiedz",	/* automatyczna odpowiedź */
	"автоматический ответ",
	"autosvar",
	"automatisk svar",
	"otomatik yanit",	/* yanıt */
	"risposta automatica",
	"respuesta automatica",	/* respuesta automática */
	"resposta automatica",	/* resposta automática */
	"automatisch antwoord",
	"automaattinen vastaus",
	"automaticka odpoved",	/* automatická odpověď */
	"automatikus valasz",	/* automatikus válasz */
	"tra loi tu dong",	/* Vietnamese trả lời tự động */
	"αυτοματη απαντηση",	/* αυτόματη απάντηση */
	"raspuns automat",	/* răspuns automat */
	"автоматична відповідь",	/* Ukrainian */
	"автоматичен отговор",	/* Bulgarian */
	"automatski odgovor",	/* Croatian, Serbian, Bosnian */
	"samodejni odgovor",	/* Slovenian */
	"balasan otomatis",	/* Indonesian */
	"رد تلقائي",	/* Arabic */
	"תשובה אוטומטית",	/* Hebrew */
	"ตอบกลับอัตโนมัติ",	/* Thai */
	"자동 회신",	/* Outlook's Korean prefix */
	"auto response",
	/* a help desk's acknowledgement */
	"request received",
	/* PHP-Bounce-Handler's autorespondlist */
	"thank you for your email",
	"eingangsbestatigung",	/* eingangsbestätigung */
	NULL
};

/*
 * Auto-replies' subjects that stand anywhere in the subject, after the
 * absent person's name: Lotus Notes' "Maria Rossi is out of the office."
 */
const char *const bounce_autoreply_subject_phrases[] = {
	"is out of the office",
	NULL
};

/*
 * Words of a heading framed by dashes or asterisks over recipients that
 * are only delayed (Stalwart's "There was a temporary problem delivering
 * to these addresses", Sendmail's "had transient non-fatal errors"),
 * then of one over failed recipients ("Delivery to the following
 * addresses failed", "had permanent fatal errors").
 */
const char *const bounce_delay_headings[] = {
	"temporary problem",
	"transient",
	"delivery incomplete",	/* Gmail's "** Delivery incomplete **" */
	NULL
};

const char *const bounce_failure_headings[] = {
	"failed",
	"permanent",
	"address not found",	/* Gmail's "** Address not found **" */
	NULL
};

/*
 * Display names of a mail system's notices.  Postal writes its bounce
 * From "Mail Delivery Service <a>", a being the address that failed: a
 * sender named so is no addressee of ours to leave out.
 */
const char *const bounce_daemon_names[] = {
	"mail delivery",
	NULL
};

/*
 * A quoted notice's sender as a mail client shows it by name alone
 * ("From: Microsoft Outlook", "From: Mail Delivery Subsystem") above a
 * forwarded or pasted notice.  Lower-cased.
 */
const char *const bounce_daemon_shown_names[] = {
	"mailer-daemon", "mail delivery", "microsoft outlook", "postmaster",
	NULL
};

/* The end of a quote's attribution line ("On ..., X wrote:"). */
const char *const bounce_attribution_ends[] = {
	"wrote:", "schrieb:", "a écrit :", "a écrit:", "escribió:",
	"ha scritto:", "schreef:", NULL
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

/*
 * Local parts of list managers' own addresses (Sympa, LISTSERV, Majordomo,
 * Ecartis, Mailman's site list) and the suffixes and prefix of a list's
 * administrative addresses: Mailman's l-owner and l-request,
 * Sympa's l-request and l-owner, Ecartis's l-admins, groups.io's
 * l+owner, LISTSERV's and Majordomo's owner-l.
 */
const char *const bounce_list_robots[] = {
	"sympa", "listserv", "majordomo", "ecartis", "mailman", NULL
};
const char *const bounce_list_admin_suffixes[] = {
	"-owner", "-request", "-admin", "-admins", "+owner", NULL
};

/*
 * Words that, ending the text just before an address, label it a failed
 * recipient (Sisimai's fallback parser and Mailman's SimpleMatch list the
 * same labels).
 */
const char *const bounce_rcpt_cues[] = {
	"recipient",
	/*
	 * the Chinese labels as "recipient" stands: an HTML notice's table
	 * cell ("<td>收件人</td><td>a</td>") has no colon
	 */
	"收件人",
	"收件者",
	"recipient:",
	"recipients:",
	"recipient address:",
	"recipient(s):",
	"addressee:",	/* PMDF, X.400 gateways */
	"addressees:",
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
	"rcpt:",
	"delivery to:",
	"destination:",
	"destination address:",
	"mailbox:",
	/* "Account: a" (IceWarp), "Rcpt-Address = a" (a Proofpoint report) */
	"account:",
	"rcpt-address:",
	"addressed to",
	"you sent mail to",
	"the following message to",
	"delivering your mail to",
	"not a member of",
	/* Chinese, Japanese, Korean (full-width colons folded) */
	"收件人:",
	"收信人:",
	/* Domino's Chinese "您的文档：s 未被传递至：a 原因：..." */
	"未被传递至:",
	"未被傳遞至:",
	"收件者:",
	"收件地址:",
	"宛先:",
	"あて先:",	/* BIGLOBE writes the noun in kana */
	"送信先:",
	/* "宛先アドレス:" (Deep Mail, docomo; "送信先ｱﾄﾞﾚｽ:" is read in
	 * full-width kana) */
	"宛先アドレス:",
	"あて先アドレス:",
	"送信先アドレス:",
	"宛先メールアドレス:",
	"送信先メールアドレス:",
	/*
	 * "宛先の a は存在しません": the noun and its particle の before the
	 * address, as "the recipient a" in English
	 */
	"宛先の",
	"あて先の",
	"送信先の",
	"받는 사람:",
	"받는사람:",
	/* "받는 사람(a)이 설정한 ...": the noun with the address in
	 * parentheses right after it, as "수신자 a" below */
	"받는 사람",
	"수신자:",
	/*
	 * "수신자 a 의 계정이 ...": the noun right before the address, as
	 * "宛先の a" in Japanese and "the recipient a" in English
	 */
	"수신자",
	"adresat:",
	"empfanger:",	/* Empfänger: */
	"empfaenger:",
	"destinatario:",
	"prijemce:",	/* příjemce: */
	"адресат:",
	"destinataire:",
	"παραληπτησ:",	/* παραλήπτης */
	"nguoi nhan:",	/* người nhận: */
	/* the recipient's label in the other languages notices are written
	 * in */
	"destinatario(s):",
	"destinatario/a:",
	"destinatari:",
	"destinataires:",
	"destinatarios:",
	"ontvanger:",
	"ontvangers:",
	"mottagare:",
	"modtager:",
	"mottaker:",
	"vastaanottaja:",
	"odbiorca:",
	"cimzett:",	/* címzett: */
	"destinatar:",
	"primatelj:",
	"prejemnik:",
	"alici:",	/* Turkish alıcı: */
	"penerima:",
	"получатель:",
	"одержувач:",	/* Ukrainian */
	"受信者:",
	"收件人地址:",
	/* Thai ผู้รับ, Hindi प्राप्तकर्ता, Tagalog tatanggap: the recipient */
	"ผู้รับ:",
	"प्राप्तकर्ता:",
	"tatanggap:",
	/*
	 * the recipient and the recipient's address in Arabic, Hebrew,
	 * Persian, Urdu, Hindi, Bengali, Thai, Vietnamese, Indonesian,
	 * Malay, Filipino
	 */
	"المستلم:", "المرسل إليه:", "عنوان المستلم:", "נמען:", "הנמען:",
	"כתובת הנמען:", "گیرنده:", "گيرنده:", "آدرس گیرنده:",
	"وصول کنندہ:", "وصول کنندہ کا پتہ:", "प्राप्तकर्ता का पता:",
	"प्राप्तकर्ता का ईमेल:", "প্রাপক:", "প্রাপকের ঠিকানা:",
	"ที่อยู่ผู้รับ:", "dia chi nguoi nhan:", "alamat penerima:",
	"e-mel penerima:", "email penerima:", "address ng tatanggap:",
	/* helper-182: other words of the same languages, and Tamil */
	"पता:", "प्राप्तकर्ता का ईमेल पता:", "گیرنده ناموجود:",
	"نشانی گیرنده:", "المستلم المرفوض:", "המקבל:", "ঠিকানা:",
	"প্রাপকের ইমেইল:", "ผู้รับที่ล้มเหลว:", "nguoi nhan:", "penerima:",
	"பெறுநர்:", "பெறுநர் முகவரி:", "முகவரி:", "tatanggap na email:",
	/* a verdict before the address: "user account a not found" */
	"ไม่พบบัญชีผู้ใช้", "ไม่พบผู้ใช้", "ไม่พบผู้รับ",
	"khong tim thay tai khoan", "khong tim thay nguoi nhan",
	NULL
};

/*
 * "The user <a> is unknown": nouns naming the address before it, and the
 * verdicts that must start the words after it (bounce_phrase.c's
 * verdict_follows) for the address to count as a recipient.
 */
/*
 * Words ending like a recipient's label ("address:", "addressed to")
 * that name another address: the alias a recipient was rewritten from
 * (Oracle Messaging Server's "Original address:" below its "Recipient
 * address:"), the returned message's addressees, or the sender's side.
 */
const char *const bounce_rcpt_noncues[] = {
	"original address:",
	/* the returned message's addressees, not the failed ones */
	"original message was addressed to",
	"original message addressed to",
	"originally addressed to",
	"sender address:",
	"from address:",
	"return address:",
	"reply-to address:",
	"reply address:",
	/* "address:" is also the end of a label naming no recipient */
	"reply-address:",
	"contact address:",
	"support address:",
	"helpdesk address:",
	"abuse address:",
	"postmaster address:",
	"sender's address:",
	"your address:",
	"your e-mail address:",
	"your email address:",
	NULL
};

/*
 * Folded, as the text is compared (accents dropped, Cyrillic and Greek
 * lower-cased): "Benutzer a ist unbekannt", "L'utilisateur a est
 * inconnu", "Пользователь a не существует", "用户 a 不存在".
 */
const char *const bounce_rcpt_nouns[] = {
	"user", "mailbox", "address", "account", "recipient",
	/* German, Dutch */
	"benutzer", "nutzer", "empfanger", "empfaenger", "postfach", "konto",
	"gebruiker", "ontvanger", "adres",
	/* French, Italian, Spanish, Portuguese */
	"utilisateur", "destinataire", "adresse", "compte", "boite",
	"boite aux lettres", "utente", "destinatario", "indirizzo",
	"casella", "casella di posta", "usuario", "buzon", "buzon de correo",
	"cuenta", "direccion", "conta", "endereco", "caixa postal",
	"caixa de correio",
	/* Polish, Czech, Swedish, Finnish, Turkish, Hungarian, Romanian */
	"uzytkownik", "adresat", "skrzynka",
	"uzivatel", "prijemce", "schranka",
	"anvandare", "mottagare", "brevlada",
	"kayttaja", "vastaanottaja", "postilaatikko",
	"kullanici", "alici", "posta kutusu",
	"felhasznalo", "cimzett", "postafiok",
	"utilizator", "destinatar", "adresa", "casuta postala",
	/* Russian, Ukrainian, Greek */
	"пользователь", "получатель", "адрес", "ящик", "почтовый ящик",
	/* genitive after a negation: "почтового ящика не существует" */
	"ящика", "почтового ящика",
	"користувач", "одержувач", "скринька",
	/* their accusative and genitive: "Адресу a не знайдено" */
	"адреса", "адресу", "адресата", "пользователя", "получателя",
	"користувача", "одержувача",
	"χρηστησ", "παραληπτησ", "διευθυνση",
	/* Chinese, Japanese, Korean */
	"用户", "收件人", "邮箱", "帐户", "账户", "使用者", "收件者",
	"邮箱地址", "邮件地址", "地址", "信箱", "账号", "帐号", "郵箱",
	"郵件地址", "帳戶", "帳號",
	"ユーザー", "ユーザ", "宛先", "アドレス", "メールボックス",
	"사용자", "수신자", "받는 사람", "메일함",
	/* helper-182: other words of the same languages, and Tamil */
	"المستلم", "الحساب", "العنوان", "صندوق البريد", "הנמען",
	"החשבון של הנמען", "החשבון", "כתובת", "תיבת הדואר", "נמען", "نشانی",
	"گیرنده", "حساب", "آدرس", "صندوق پستی", "وصول کنندہ", "اکاؤنٹ",
	"پتہ", "प्राप्तकर्ता", "खाता", "पता", "मेलबॉक्स", "প্রাপক",
	"অ্যাকাউন্ট", "ঠিকানা", "মেলবক্স", "ผู้รับ", "บัญชีผู้ใช้", "บัญชี",
	"กล่องจดหมาย", "nguoi nhan", "tai khoan", "hop thu", "dia chi",
	"akun penerima", "akun", "penerima", "kotak surat", "alamat",
	"akaun", "peti mel", "tatanggap", "ang account", "mailbox ng",
	"பெறுநர்", "முகவரி", "கணக்கு", "பெறுநர் முகவரி", "அஞ்சல் பெட்டி",
	"نشاني", "گيرنده", "آدرس ايميل", "میل باکس", "ميل باکس",
	/* helper-184: the user (Hebrew, Vietnamese) */
	"המשתמש", "משתמש", "nguoi dung",
	NULL
};

/*
 * Words naming another owner than the recipient between its noun and a
 * verdict: "das Postfach des Absenders existiert nicht" is the sender's
 * (bounce_noun_gap_verdict).
 */
const char *const bounce_other_owners[] = {
	"sender", "sender's", "absenders", "absender", "expediteur",
	"remitente", "remetente", "mittente", "отправителя", "domain",
	"domaine", "dominio", "domene", "домен", "домена",
	NULL
};

/*
 * Words between a recipient's noun and its address that keep the
 * address the noun's: "The mailbox of a is full", "Das Postfach von a
 * ist voll", "La boîte de a est pleine".
 */
const char *const bounce_rcpt_possessives[] = {
	"of", "for", "von", "fur", "de", "du", "di", "del", "da", "do",
	"van", "dla", "pro", "для", "του", "의",
	NULL
};

/*
 * The words of the line that opens an SMTP transcript in a notice
 * (Sendmail's "... while talking to h:", "Conversation with h [ip]:",
 * "Session with h:", "Dialogue with h:", "Connected to h:"), read
 * folded: a recipient's command refused below it is a mail system's
 * word (bounce_section_transcript_refused).
 */
const char *const bounce_transcript_openers[] = {
	"while talking to", "talking to", "conversation with",
	"dialogue with", "dialog with", "session with", "smtp session",
	"connected to", "connection to", "transcript of", "smtp transcript",
	NULL
};

/*
 * The verbs that open a verdict of bounce_verdict_rules, and the places
 * that may stand between such a verb and the rest of its verdict ("ist
 * auf dem Zielsystem unbekannt", "is on this server unknown", "est
 * inconnu sur ce serveur" needs none): each place ends in a blank.
 */
const char *const bounce_verdict_verbs[] = {
	"is ", "ist ", "est ", "es ", "e ", "esta ", "jest ", "je ", "ar ",
	NULL
};

const char *const bounce_verdict_places[] = {
	"auf dem zielsystem ", "auf diesem system ", "auf diesem server ",
	"auf dem server ", "auf dem empfangssystem ", "hier ", "dort ",
	"on this server ", "on this system ", "on the destination system ",
	"on the target system ", "on the remote system ", "here ",
	"sur ce serveur ", "sur le systeme de destination ", "ici ",
	"su questo server ", "sul sistema di destinazione ", "qui ",
	"en este servidor ", "en el sistema de destino ", "aqui ",
	"neste servidor ", "no sistema de destino ",
	"op deze server ", "op het doelsysteem ",
	"na tym serwerze ", "na serwerze docelowym ", "tutaj ",
	"na tomto serveru ", "na cilovem systemu ", "zde ",
	"pa denna server ", "pa malsystemet ", "har ",
	NULL
};

/*
 * Verdicts on the address a recipient's noun names, in the languages of
 * the nouns, with what each says of it (bounce_noun_verdict): the shape
 * "noun a verdict" reads alike in them, the address blanked or not.
 */
const struct bounce_rule bounce_verdict_rules[] = {
	/* English: the reason rows read these with the noun beside them */
	{ "is unknown", "5.1.1", HARD, "userunknown" },
	{ "does not exist", "5.1.1", HARD, "userunknown" },
	{ "is full", "5.2.2", SOFT, "mailboxfull" },
	{ "is over quota", "5.2.2", SOFT, "mailboxfull" },
	{ "has been disabled", "5.2.1", HARD, "suspend" },
	{ "is disabled", "5.2.1", HARD, "suspend" },
	/* closed for good, in the verdicts' languages: "non è più attivo",
	 * "n'est plus actif", "ist nicht mehr aktiv", "ar permanent
	 * avstängt", "ya no está activa", "não está mais ativo", "is niet
	 * meer actief", "nie jest już aktywny" */
	{ "is no longer active", "5.2.1", HARD, "suspend" },
	{ "is no longer in use", "5.1.1", HARD, "userunknown" },
	{ "is permanently disabled", "5.2.1", HARD, "suspend" },
	{ "non e piu attiv", "5.2.1", HARD, "suspend" },
	{ "n'est plus actif", "5.2.1", HARD, "suspend" },
	{ "n'est plus active", "5.2.1", HARD, "suspend" },
	{ "ist nicht mehr aktiv", "5.2.1", HARD, "suspend" },
	{ "ar permanent avstangt", "5.2.1", HARD, "suspend" },
	{ "ar avstangt", "5.2.1", HARD, "suspend" },
	{ "ya no esta activ", "5.2.1", HARD, "suspend" },
	{ "nao esta mais ativ", "5.2.1", HARD, "suspend" },
	{ "is niet meer actief", "5.2.1", HARD, "suspend" },
	{ "nie jest juz aktywn", "5.2.1", HARD, "suspend" },
	/*
	 * a directory's verdict: cc:Mail's "User a not listed in public Name
	 * & Address Book", "Recipient a is not listed in the directory";
	 * only where its line names a directory (bounce_listing_verdicts)
	 */
	{ "not listed in", "5.1.1", HARD, "userunknown" },
	{ "is not listed in", "5.1.1", HARD, "userunknown" },
	/* German */
	{ "ist unbekannt", "5.1.1", HARD, "userunknown" },
	{ "ist nicht bekannt", "5.1.1", HARD, "userunknown" },
	{ "existiert nicht", "5.1.1", HARD, "userunknown" },
	/* a subordinate clause's order: "da das Postfach nicht existiert" */
	{ "nicht existiert", "5.1.1", HARD, "userunknown" },
	{ "gibt es nicht", "5.1.1", HARD, "userunknown" },
	{ "ist voll", "5.2.2", SOFT, "mailboxfull" },
	{ "ist deaktiviert", "5.2.1", HARD, "suspend" },
	{ "wurde deaktiviert", "5.2.1", HARD, "suspend" },
	{ "ist gesperrt", "5.2.1", HARD, "suspend" },
	/* French */
	{ "est inconnu", "5.1.1", HARD, "userunknown" },
	{ "n'existe pas", "5.1.1", HARD, "userunknown" },
	{ "n'existe plus", "5.1.1", HARD, "userunknown" },
	{ "est pleine", "5.2.2", SOFT, "mailboxfull" },
	{ "est plein", "5.2.2", SOFT, "mailboxfull" },
	{ "est desactive", "5.2.1", HARD, "suspend" },
	{ "a ete desactive", "5.2.1", HARD, "suspend" },
	/* Spanish, Italian, Portuguese */
	{ "no existe", "5.1.1", HARD, "userunknown" },
	{ "es desconocido", "5.1.1", HARD, "userunknown" },
	{ "esta lleno", "5.2.2", SOFT, "mailboxfull" },
	{ "esta llena", "5.2.2", SOFT, "mailboxfull" },
	{ "esta deshabilitad", "5.2.1", HARD, "suspend" },
	{ "non esiste", "5.1.1", HARD, "userunknown" },
	{ "e sconosciut", "5.1.1", HARD, "userunknown" },
	{ "e piena", "5.2.2", SOFT, "mailboxfull" },
	{ "e disabilitat", "5.2.1", HARD, "suspend" },
	{ "nao existe", "5.1.1", HARD, "userunknown" },
	{ "e desconhecid", "5.1.1", HARD, "userunknown" },
	{ "esta chei", "5.2.2", SOFT, "mailboxfull" },
	{ "esta desativad", "5.2.1", HARD, "suspend" },
	/* Dutch, Polish, Czech */
	{ "bestaat niet", "5.1.1", HARD, "userunknown" },
	{ "is onbekend", "5.1.1", HARD, "userunknown" },
	{ "is vol", "5.2.2", SOFT, "mailboxfull" },
	{ "nie istnieje", "5.1.1", HARD, "userunknown" },
	{ "jest nieznany", "5.1.1", HARD, "userunknown" },
	{ "jest pelna", "5.2.2", SOFT, "mailboxfull" },
	{ "jest zablokowan", "5.2.1", HARD, "suspend" },
	{ "neexistuje", "5.1.1", HARD, "userunknown" },
	{ "je plna", "5.2.2", SOFT, "mailboxfull" },
	/* Swedish, Finnish, Turkish, Hungarian, Romanian */
	{ "finns inte", "5.1.1", HARD, "userunknown" },
	{ "ar full", "5.2.2", SOFT, "mailboxfull" },
	{ "ei ole olemassa", "5.1.1", HARD, "userunknown" },
	{ "on taynna", "5.2.2", SOFT, "mailboxfull" },
	{ "mevcut degil", "5.1.1", HARD, "userunknown" },
	{ "bulunamadi", "5.1.1", HARD, "userunknown" },
	{ "dolu", "5.2.2", SOFT, "mailboxfull" },
	{ "nem letezik", "5.1.1", HARD, "userunknown" },
	{ "megtelt", "5.2.2", SOFT, "mailboxfull" },
	{ "nu exista", "5.1.1", HARD, "userunknown" },
	{ "este plina", "5.2.2", SOFT, "mailboxfull" },
	/* Russian, Ukrainian, Greek */
	{ "не существует", "5.1.1", HARD, "userunknown" },
	{ "не найден", "5.1.1", HARD, "userunknown" },
	{ "неизвестен", "5.1.1", HARD, "userunknown" },
	{ "переполнен", "5.2.2", SOFT, "mailboxfull" },
	{ "заблокирован", "5.2.1", HARD, "suspend" },
	{ "не існує", "5.1.1", HARD, "userunknown" },
	{ "не знайдено", "5.1.1", HARD, "userunknown" },
	{ "переповнен", "5.2.2", SOFT, "mailboxfull" },
	{ "δεν υπαρχει", "5.1.1", HARD, "userunknown" },
	{ "ειναι γεματ", "5.2.2", SOFT, "mailboxfull" },
	/* Chinese, Japanese, Korean */
	{ "不存在", "5.1.1", HARD, "userunknown" },
	{ "已满", "5.2.2", SOFT, "mailboxfull" },
	/* "收件人邮箱(a)空间已满" (its space is full), "容量已满",
	 * "空间不足" */
	{ "空间已满", "5.2.2", SOFT, "mailboxfull" },
	{ "容量已满", "5.2.2", SOFT, "mailboxfull" },
	{ "空间不足", "5.2.2", SOFT, "mailboxfull" },
	{ "空間已滿", "5.2.2", SOFT, "mailboxfull" },
	{ "已停用", "5.2.1", HARD, "suspend" },
	{ "は存在しません", "5.1.1", HARD, "userunknown" },
	{ "が存在しません", "5.1.1", HARD, "userunknown" },
	{ "は見つかりません", "5.1.1", HARD, "userunknown" },
	{ "は容量を超えています", "5.2.2", SOFT, "mailboxfull" },
	{ "がいっぱいです", "5.2.2", SOFT, "mailboxfull" },
	{ "は存在しない", "5.1.1", HARD, "userunknown" },
	{ "존재하지 않습니다", "5.1.1", HARD, "userunknown" },
	{ "없는 사용자", "5.1.1", HARD, "userunknown" },
	{ "가득 찼습니다", "5.2.2", SOFT, "mailboxfull" },
	/*
	 * Verdicts that name the address before them a failed recipient and
	 * say nothing of its class ("User a was rejected", "Your message to a
	 * expired"): the rows above them come first, so a verdict with a class
	 * is read as one; bounce_noun_verdict passes these by.
	 */
	{ "unknown", NULL, 0, NULL },
	{ "is not known", NULL, 0, NULL },
	{ "not known", NULL, 0, NULL },
	{ "doesn't exist", NULL, 0, NULL },
	{ "not exist", NULL, 0, NULL },
	{ "no longer exists", NULL, 0, NULL },
	{ "is no longer", NULL, 0, NULL },
	{ "not found", NULL, 0, NULL },
	{ "is not found", NULL, 0, NULL },
	{ "was not found", NULL, 0, NULL },
	{ "could not be found", NULL, 0, NULL },
	{ "couldn't be found", NULL, 0, NULL },
	{ "is invalid", NULL, 0, NULL },
	{ "is not valid", NULL, 0, NULL },
	{ "is not a valid", NULL, 0, NULL },
	{ "was rejected", NULL, 0, NULL },
	{ "is rejected", NULL, 0, NULL },
	{ "rejected", NULL, 0, NULL },
	{ "is suspended", NULL, 0, NULL },
	{ "has been suspended", NULL, 0, NULL },
	{ "is inactive", NULL, 0, NULL },
	/* "Destination mailbox a is unavailable" */
	{ "is unavailable", NULL, 0, NULL },
	{ "has expired", NULL, 0, NULL },
	/* "Your message to a expired (timed out) and will not be retried" */
	{ "expired", NULL, 0, NULL },
	{ "timed out", NULL, 0, NULL },
	{ "will not be retried", NULL, 0, NULL },
	{ "failed", NULL, 0, NULL },
	{ "could not be delivered", NULL, 0, NULL },
	{ "cannot be delivered", NULL, 0, NULL },
	{ "couldn't be delivered", NULL, 0, NULL },
	{ "was not delivered", NULL, 0, NULL },
	/*
	 * the same after "Nachricht von s an a", "message de s à a",
	 * "messaggio da s a a", "bericht van s aan a", "сообщение от s для
	 * a": German, French, Italian, Dutch, Spanish, Portuguese, Russian
	 */
	{ "konnte nicht zugestellt", NULL, 0, NULL },
	{ "kann nicht zugestellt", NULL, 0, NULL },
	{ "wurde nicht zugestellt", NULL, 0, NULL },
	{ "n'a pas pu etre", NULL, 0, NULL },
	{ "n'a pas ete", NULL, 0, NULL },
	{ "non e stato consegnat", NULL, 0, NULL },
	{ "non e stata consegnat", NULL, 0, NULL },
	{ "non ha potuto essere", NULL, 0, NULL },
	{ "non puo essere consegnat", NULL, 0, NULL },
	{ "kon niet worden", NULL, 0, NULL },
	{ "is niet afgeleverd", NULL, 0, NULL },
	{ "no pudo ser entregad", NULL, 0, NULL },
	{ "no ha podido ser entregad", NULL, 0, NULL },
	{ "nao pode ser entregue", NULL, 0, NULL },
	{ "nao foi entregue", NULL, 0, NULL },
	{ "не доставлен", NULL, 0, NULL },
	{ "не было доставлен", NULL, 0, NULL },
	{ "не может быть доставлен", NULL, 0, NULL },
	/*
	 * "Message from s to a <verdict>" in Arabic, Hebrew, Persian (ی as
	 * windows-1256 writes it too), Urdu, Thai, Vietnamese, Indonesian,
	 * Malay and Filipino
	 */
	{ "لم يتم تسليمها", NULL, 0, NULL },
	{ "تم رفضها", NULL, 0, NULL },
	{ "לא נמסרה", NULL, 0, NULL },
	{ "נדחתה", NULL, 0, NULL },
	{ "ارسال نشد", NULL, 0, NULL },
	{ "تحویل نشد", NULL, 0, NULL },
	{ "تحويل نشد", NULL, 0, NULL },
	{ "تحویل داده نشد", NULL, 0, NULL },
	{ "تحويل داده نشد", NULL, 0, NULL },
	{ "رد شد", NULL, 0, NULL },
	{ "نہیں پہنچایا", NULL, 0, NULL },
	{ "ไม่สามารถส่งได้", NULL, 0, NULL },
	{ "ส่งไม่สำเร็จ", NULL, 0, NULL },
	{ "ส่งไม่ได้", NULL, 0, NULL },
	{ "ถูกปฏิเสธ", NULL, 0, NULL },
	{ "khong gui duoc", NULL, 0, NULL },
	{ "khong the gui", NULL, 0, NULL },
	{ "khong chuyen duoc", NULL, 0, NULL },
	{ "gui khong thanh cong", NULL, 0, NULL },
	{ "bi tu choi", NULL, 0, NULL },
	{ "gagal dikirim", NULL, 0, NULL },
	{ "gagal terkirim", NULL, 0, NULL },
	{ "tidak dapat dikirim", NULL, 0, NULL },
	{ "tidak terkirim", NULL, 0, NULL },
	{ "ditolak", NULL, 0, NULL },
	{ "tidak dapat dihantar", NULL, 0, NULL },
	{ "gagal dihantar", NULL, 0, NULL },
	{ "ay hindi naipadala", NULL, 0, NULL },
	{ "hindi naipadala", NULL, 0, NULL },
	{ "ay tinanggihan", NULL, 0, NULL },
	/* helper-184: Latin-script verdicts (Malay, Vietnamese) */
	{ "domain penerima tidak wujud", "5.1.2", HARD, "hostunknown" },
	{ "domain tidak wujud", "5.1.2", HARD, "hostunknown" },
	{ "khong xac dinh", "5.1.1", HARD, "userunknown" },
	/*
	 * helper-182: Vietnamese, Indonesian, Malay and Filipino verdicts;
	 * those of non-Latin scripts are bounce_rules[] rows, read by
	 * verdict_at_end (bounce_phrase.c)
	 */
	{ "khong ton tai", "5.1.1", HARD, "userunknown" },
	{ "hindi umiiral", "5.1.1", HARD, "userunknown" },
	{ "walang ganitong account", "5.1.1", HARD, "userunknown" },
	{ "tidak wujud", "5.1.1", HARD, "userunknown" },
	{ "tidak ditemukan", "5.1.1", HARD, "userunknown" },
	{ "tidak dikenali", "5.1.1", HARD, "userunknown" },
	{ "tidak dikenal", "5.1.1", HARD, "userunknown" },
	{ "da day", "5.2.2", SOFT, "mailboxfull" },
	{ "sudah penuh", "5.2.2", SOFT, "mailboxfull" },
	{ "telah penuh", "5.2.2", SOFT, "mailboxfull" },
	{ "puno na", "5.2.2", SOFT, "mailboxfull" },
	{ "penuh", "5.2.2", SOFT, "mailboxfull" },
	{ "bi vo hieu hoa", "5.2.1", HARD, "suspend" },
	{ "bi khoa", "5.2.1", HARD, "suspend" },
	{ "tidak aktif lagi", "5.2.1", HARD, "suspend" },
	{ "telah dinonaktifkan", "5.2.1", HARD, "suspend" },
	{ "telah dinyahaktifkan", "5.2.1", HARD, "suspend" },
	{ "hindi na aktibo", "5.2.1", HARD, "suspend" },
	{ "dinonaktifkan", "5.2.1", HARD, "suspend" },
	{ "domain tujuan tidak ditemukan", "5.1.2", HARD, "hostunknown" },
	{ "domain penerima tidak ditemukan", "5.1.2", HARD, "hostunknown" },
	{ "ten mien khong tim thay", "5.1.2", HARD, "hostunknown" },
	{ "khong tim thay ten mien", "5.1.2", HARD, "hostunknown" },
	{ "hindi mahanap ang domain", "5.1.2", HARD, "hostunknown" },
	{ "لم تسلم", NULL, 0, NULL },
	{ "لم تُسلَّم", NULL, 0, NULL },
	{ "لم تُسلم", NULL, 0, NULL },
	{ "لم يصل", NULL, 0, NULL },
	{ "لم تصل", NULL, 0, NULL },
	{ "رفض رسالتك", NULL, 0, NULL },
	{ "لم يتم التسليم", NULL, 0, NULL },
	{ "נמסרה ליעדה", NULL, 0, NULL },
	{ "לא הגיעה", NULL, 0, NULL },
	{ "לא נשלחה", NULL, 0, NULL },
	{ "نرسید", NULL, 0, NULL },
	{ "ارسال نشده", NULL, 0, NULL },
	{ "تحویل نشده", NULL, 0, NULL },
	{ "نہیں پہنچ", NULL, 0, NULL },
	{ "نہیں بھیجا جا سکا", NULL, 0, NULL },
	{ "नहीं पहुँच", NULL, 0, NULL },
	{ "नहीं पहुंच", NULL, 0, NULL },
	{ "वितरित नहीं किया गया", NULL, 0, NULL },
	{ "नहीं भेजा गया", NULL, 0, NULL },
	{ "विफल", NULL, 0, NULL },
	{ "পাঠানো সম্ভব হয়নি", NULL, 0, NULL },
	{ "পৌঁছায়নি", NULL, 0, NULL },
	{ "পাঠানো হয়নি", NULL, 0, NULL },
	{ "ব্যর্থ", NULL, 0, NULL },
	{ "ไม่สามารถส่งอีเมล", NULL, 0, NULL },
	{ "ส่งอีเมลไม่ได้", NULL, 0, NULL },
	{ "ไม่ถูกส่ง", NULL, 0, NULL },
	{ "khong duoc gui", NULL, 0, NULL },
	{ "khong den duoc", NULL, 0, NULL },
	{ "that bai", NULL, 0, NULL },
	{ "tidak dapat terkirim", NULL, 0, NULL },
	{ "tidak berhasil dikirim", NULL, 0, NULL },
	{ "tidak sampai", NULL, 0, NULL },
	{ "tidak berjaya dihantar", NULL, 0, NULL },
	{ "hindi maihatid", NULL, 0, NULL },
	{ "hindi naihatid", NULL, 0, NULL },
	{ "hindi ito naihatid", NULL, 0, NULL },
	{ "hindi nakarating", NULL, 0, NULL },
	{ "nabigo", NULL, 0, NULL },
	{ "வழங்கப்படவில்லை", NULL, 0, NULL },
	{ "வழங்க முடியவில்லை", NULL, 0, NULL },
	{ "அனுப்ப முடியவில்லை", NULL, 0, NULL },
	{ "அனுப்பப்படவில்லை", NULL, 0, NULL },
	{ "சென்றடையவில்லை", NULL, 0, NULL },
	{ "தோல்வி", NULL, 0, NULL },
	{ "بھر گئی", "5.2.2", SOFT, "mailboxfull" },
	{ "بھری ہوئی", "5.2.2", SOFT, "mailboxfull" },
	{ NULL, NULL, 0, NULL }
};

/*
 * The rows of bounce_verdict_rules that are a verdict only on a line
 * naming a directory (bounce_directory_words): "User a not listed in
 * public Name & Address Book", not "a not listed in our FAQ".
 */
const char *const bounce_listing_verdicts[] = {
	"not listed in", "is not listed in", NULL
};

const char *const bounce_directory_words[] = {
	"directory", "address book", "address list", "name & address",
	"verzeichnis", "adressbuch", "annuaire", NULL
};

/*
 * Words of logging in: an address a verdict names beside them ("The user
 * a is unknown to our authentication service") is an account of ours, a
 * login the server refused, not a recipient.
 */
const char *const bounce_login_words[] = {
	"authenticat",
	"login",
	"log in",
	"log on",
	"logon",
	"sign in",
	"password",
	"credential",
	"sasl",
	NULL
};

/*
 * A per-recipient status field (its name, whole) and the values that say
 * that recipient was reached: "Delivery to: a / Status: delivered" in a
 * report listing several addressees is no failure of a.
 */
const char *const bounce_status_fields[] = {
	"status", "result", "state", "action", "状态", "狀態", "状態",
	"结果", "結果", "상태", "결과", NULL
};

const char *const bounce_delivered_values[] = {
	"delivered", "relayed", "success", "2.0.0", "250 ", "已送达",
	"已投递", "已送達", "已投遞", "配信済", "配信完了", "전달됨",
	/* "收件人 a 已成功收到您的邮件" (a has received your mail) */
	"已成功", "成功收到",
	"전달 완료", "성공", "成功",
	/*
	 * "a : delivered successfully" in Arabic, Hebrew, Persian (ی and
	 * ک as windows-1256 writes them too), Urdu, Hindi, Bengali, Thai,
	 * Vietnamese, Indonesian, Malay and Filipino; a "not" comes before
	 * each ("لم يتم", "לא נמסרה", "نشد", "नहीं", "ไม่", "khong",
	 * "tidak", "hindi"), so no failure starts with one
	 */
	"تم التسليم", "تم تسليم", "سلمت بنجاح", "נמסרה", "נמסר בהצלחה",
	"تحویل داده شد", "تحويل داده شد", "تحویل شد", "تحويل شد",
	"پہنچا دیا گیا", "پہنچا دی گئی", "کامیابی سے", "वितरित हो गया",
	"वितरित किया गया", "सफलतापूर्वक", "সফলভাবে", "পৌঁছে গেছে",
	"ส่งสำเร็จ", "ส่งถึงแล้ว", "da gui thanh cong", "gui thanh cong",
	"thanh cong", "da chuyen", "berhasil", "terkirim", "berjaya",
	"telah dihantar", "naipadala", "matagumpay", NULL
};

/*
 * What a Postfix delivery agent says of a message it delivered, after
 * "delivery via RELAY: " in a report of success: local(8) and virtual(8)
 * ("delivered to mailbox", "delivered to maildir", local's "delivered to
 * file: /path" and "delivered to command: procmail") and pipe(8)
 * ("delivered via dovecot service").
 */
const char *const bounce_agent_delivered[] = {
	"delivered to mailbox", "delivered to maildir", "delivered to file",
	"delivered to command", "delivered via ", NULL
};

/*
 * Words of the sender's own limits: an address whose lines say them
 * ("Mailbox: a / Problem: this mailbox is over its daily sending quota")
 * is our sending account, not a recipient.
 */
const char *const bounce_sending_words[] = {
	"sending quota",
	"sending limit",
	"send quota",
	"send limit",
	"outgoing quota",
	"outgoing limit",
	"outbound quota",
	"outbound limit",
	NULL
};

/*
 * "<a>: Sender address rejected", "<a>... sender blocked": words that,
 * right after an address in a server's verdict, make it the sender.
 */
const char *const bounce_sender_verdicts[] = {
	"sender",
	"mail from",
	"domain of sender",
	"envelope sender",
	"envelope from",
	"return path",
	"return-path",
	NULL
};

/*
 * Sendmail's transcript notes of an alias or .forward expansion, right
 * after "<a>... ": "<a>... forwarded to b", "<a>... aliased to b".  The
 * message went on from a; the verdict, if any, is on b.
 */
const char *const bounce_redirect_notes[] = {
	"forwarded to", "aliased to", NULL
};

/*
 * Failure words of Arabic, Hebrew, Persian, Urdu, Hindi, Bengali, Thai,
 * Vietnamese, Indonesian, Malay, Filipino and Tamil (helper-182): both
 * bounce_failure_words and bounce_failure_cues read them, so a word
 * added here counts after "message to a" and anywhere in a notice.
 */
const char *const bounce_lang_failure_words[] = {
	"لم تسلم", "لم تُسلَّم", "لم تُسلم", "لم يصل", "لم تصل",
	"رفض رسالتك", "لم يتم التسليم", "נמסרה ליעדה", "לא הגיעה",
	"לא נשלחה", "نرسید", "ارسال نشده", "تحویل نشده",
	"نہیں پہنچ", "نہیں بھیجا جا سکا", "नहीं पहुँच",
	"नहीं पहुंच", "वितरित नहीं किया गया", "नहीं भेजा गया", "विफल",
	"পাঠানো সম্ভব হয়নি", "পৌঁছায়নি", "পাঠানো হয়নি", "ব্যর্থ",
	"ไม่สามารถส่งอีเมล", "ส่งอีเมลไม่ได้", "ไม่ถูกส่ง", "khong duoc gui",
	"khong den duoc", "that bai", "tidak dapat terkirim",
	"tidak berhasil dikirim", "tidak sampai", "tidak berjaya dihantar",
	"hindi maihatid", "hindi naihatid", "hindi ito naihatid",
	"hindi nakarating", "nabigo", "வழங்கப்படவில்லை", "வழங்க முடியவில்லை",
	"அனுப்ப முடியவில்லை", "அனுப்பப்படவில்லை", "சென்றடையவில்லை", "தோல்வி",
	/* helper-184: the negations of bounce_success_headings: Thai
	 * "ไม่สำเร็จ" (unsuccessful), Bengali "পৌঁছে দেওয়া যায়নি" (could not
	 * be handed over), "... सफलतापूर्वक नहीं" */
	"ไม่สำเร็จ", "পৌঁছে দেওয়া যায়নি", "পৌঁছে দেওয়া সম্ভব হয়নি",
	"সফলভাবে পৌঁছানো যায়নি", "सफलतापूर्वक नहीं", "بنجاح لم",
	"tidak berhasil", "tidak berjaya", "hindi matagumpay",
	"khong thanh cong", "לא בהצלחה", "ناموفق", "کامیابی سے نہیں",
	/* Korean "a 님에게는 전달되지 않았습니다" (was not delivered to a) */
	"전달되지 않았",
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
	"not been deliver",
	"not yet been deliver",
	/* a delay's French, German, Italian, Spanish and Czech: "est retardé",
	 * "ist verzögert", "non è stato ancora recapitato", "no ha podido ser
	 * entregado", "nebyla doručena", "se nepodařilo doručit" */
	"est retarde",
	"ist verzogert",
	"is vertraagd",		/* Dutch "De aflevering aan a is vertraagd" */
	"ancora recapitat",
	"podido ser entregad",
	"no se ha podido",
	"nebyla dorucen",
	"nepodarilo dorucit",
	"je zpozden",	/* je zpožděn(o, a) */
	/* "toujours en attente", "está retrasado", "verzögert sich" */
	"en attente",
	"esta retrasad",
	"verzogert sich",
	"nicht zugestellt",
	"unzustellbar",
	"fehlgeschlagen",	/* "Die Nachricht an a ist fehlgeschlagen" */
	"pas pu etre",	/* pas pu être */
	"pas ete remis",	/* pas été remis */
	"echec",	/* échec */
	"no se ha entregado",
	"falha na entrega",
	"possibile recapitare",
	"wurde nicht an",	/* "wurde nicht an a zugestellt" */
	/* "was delivered to a but not to b": b failed */
	"but not to",
	"aber nicht an",
	"mais pas a",	/* mais pas à */
	"pero no a",
	"ma non a",
	"mas nao a",	/* mas não a */
	"maar niet aan",
	"ale nie do",	/* Polish "dotarła do a, ale nie do b" */
	/* "Wiadomość nie dotarła do a" (did not reach a) */
	"nie dotarla do", "nie dotarl do",
	"a echoue",	/* "La distribution à a a échoué" */
	"konnte nicht an",	/* "konnte nicht an a zugestellt werden" */
	/* with "not yet" between: "konnte bisher nicht an a zugestellt
	 * werden", a delay's words */
	"konnte bisher nicht an",
	"konnte noch nicht an",
	"konnte bislang nicht an",
	"wurde bisher nicht an",
	"wurde noch nicht an",
	"nu a putut fi livrat",
	"non remis",
	"non e stato consegnato",	/* non è stato consegnato */
	"non consegnato",
	/* Gmail's "non è stato recapitato a a" */
	"non e stato recapitato",
	"impossibile consegnare",
	"no se ha podido entregar",
	"no pudo ser entregado",
	"nao foi possivel entregar",	/* não foi possível entregar */
	"nao entregue",	/* não entregue */
	"nao foi entregue",	/* não foi entregue */
	"non e stato ancora consegnato",
	"no ha sido entregado",
	"inte levererats",
	"not been completed",
	"not succeed",
	"unsuccessful",
	"not successful",
	"still in the delivery queue",
	"queued for later delivery",
	"queued for retry",
	"pas encore pu",	/* n'a pas encore pu être délivré */
	"possibile consegnare",	/* non è stato possibile consegnare */
	"non e ancora stato consegnato",
	"не може бути доставлен",	/* Ukrainian */
	"nao pode ser entregue",	/* não pôde ser entregue */
	"no se pudo entregar",
	"not been able to",
	"not sent",
	"not yet been able to",
	"n't been able to",
	"deferred",
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
	"was blocked",	/* "Your message to a was blocked by ..." */
	"been blocked",
	"did not reach",
	"didn't reach",
	"permanent",
	"problem",
	"delay",
	"taking longer",
	"invalid",
	"unknown",
	"无法",
	"未能",
	"尚未",
	"拦截",	/* "的邮件被反垃圾邮件网关拦截" (stopped) */
	"攔截",
	"未投递",
	/* "您发送给 a 的邮件延迟送达" (is delayed), "暂未送达" (not yet) */
	"延迟",
	"延遲",
	"暂未",
	"暫未",
	"失败",
	"退回",
	"拒收",
	/* "发送给 a 的邮件被对方系统拒绝" (refused by the recipient's
	 * system) */
	"拒绝",
	"拒絕",
	"不存在",
	"無法",
	"失敗",
	"できません",
	"できなかった",	/* "----- 配信できなかった宛先 -----" */
	"遅れ",
	/* "以下の宛先への配信が遅延しています" (delivery to the following
	 * address is delayed), as 遅れ is */
	"遅延して",
	/* Gmail's "a へのメールの配信中に一時的な問題が発生しました" (a
	 * temporary problem delivering to a), a delay's words as 遅れ is */
	"一時的な問題",
	/* Indonesian "masih dalam antrean" (still in the queue) */
	"masih dalam antrean",
	"실패",
	"못했",
	"지연",
	"ไม่สามารถส่ง",	/* Thai "could not send" */
	"nie zostala",	/* nie została */
	"не было доставлен",
	"не доставлен",
	"niet afgeleverd",
	"δεν παραδοθηκε",	/* δεν παραδόθηκε */
	/* Vietnamese: không thể gửi, không gửi được, chưa được gửi/chuyển */
	"khong the gui",
	"khong gui duoc",
	"chua duoc gui",
	"khong the chuyen",
	"chua duoc chuyen",
	"that bai",	/* thất bại */
	"khong tim thay",	/* không tìm thấy: not found */
	/* Danish and Norwegian, Swedish, Finnish, Slovenian, Catalan,
	 * Turkish, Indonesian */
	"ikke leveret",
	"kunne ikke leveres",
	"kunde inte levereras",
	"ei voitu toimittaa",
	"iletilemedi",	/* Turkish "a adresine iletilemedi" */
	"ni bilo mogoce dostaviti",	/* ni bilo mogoče */
	"no s'ha pogut lliurar",
	"teslim edilemedi",
	"tidak dapat dikirim",
	"gagal dikirim",
	"nie mogla zostac",	/* nie mogła zostać dostarczona */
	"не вдалося доставити",
	/*
	 * The active voice and the first person ("Nous n'avons pas pu
	 * remettre votre message à a", "Wir konnten Ihre Nachricht an a nicht
	 * zustellen", "No hemos podido entregar", "Non siamo riusciti a
	 * consegnare", "nie mógł dostarczyć", "не смогли доставить"), the
	 * present "cannot be delivered" ("ne peut pas être remis", "non può
	 * essere recapitato", "no puede ser entregado", "nie może zostać
	 * dostarczona", "nemůže být doručena", "не может быть доставлено")
	 * and a bare "rejected" ("refusé", "abgewiesen", "geweigerd",
	 * "rifiutato", "rechazado", "odrzucona", "отклонено"), in each
	 * language as completely as the English words above
	 */
	"pas pu remettre", "pas pu delivrer", "pas pu distribuer",
	"pas pu livrer", "pas pu acheminer", "pas pu transmettre",
	"impossible de remettre", "impossible de delivrer",
	"impossible de distribuer", "impossible d'acheminer",
	"peut pas etre remis", "peut pas etre delivre",
	"peut pas etre distribue", "peut pas etre livre",
	"peut pas etre achemine", "ne peut etre remis", "ne peut etre delivre",
	"ne peut etre distribue", "refuse", "rejete",
	"nicht zustellen", "nicht ausliefern", "nicht ausgeliefert",
	"nicht ubermittelt", "nicht ubermitteln", "zustellung nicht moglich",
	"abgewiesen", "zuruckgewiesen", "abgelehnt",
	/* "Die Zustellung an a wurde nach 5 Tagen erfolgloser Versuche
	 * endgültig aufgegeben" (given up after unsuccessful tries) */
	"erfolglos", "aufgegeben",
	"podido entregar", "pudimos entregar", "pudo entregar",
	"posible entregar", "puede ser entregad", "se puede entregar",
	"puede entregarse", "imposible entregar", "rechazad",
	"riusciti a consegnare", "riusciti a recapitare",
	"riusciamo a consegnare", "riusciamo a recapitare",
	"riuscito a consegnare", "riuscito a recapitare",
	"puo essere recapitat", "puo essere consegnat",
	"impossibile recapitare",
	"non recapitat", "mancata consegna", "non risulta consegnat",
	/*
	 * PEC's warning: its delivery receipt has not come ("non è ancora
	 * stata ricevuta", "non è pervenuta", "non abbia ricevuto la
	 * ricevuta di avvenuta consegna", "mancata ricezione")
	 */
	"non e ancora stat", "non e stata ancora", "non e pervenuta",
	"non abbia ricevuto la ricevuta", "mancata ricezione",
	"rifiutat", "respint",
	"nao conseguimos entregar", "nao pudemos entregar",
	"nao pode ser enviad", "nao foi possivel enviar", "rejeitad",
	"recusad",
	"niet worden afgeleverd", "niet worden bezorgd", "niet bezorgd",
	"niet afleveren", "niet bezorgen", "geweigerd", "afgewezen",
	"nie mogl dostarczyc", "nie mogla dostarczyc", "nie moglo dostarczyc",
	"nie moglismy dostarczyc", "nie mozemy dostarczyc",
	"nie udalo sie dostarczyc", "nie mozna dostarczyc",
	"nie moze zostac dostarczon", "nie moze byc dostarczon",
	"nie dostarczono", "odrzucon",
	"nemuze byt dorucen", "nelze dorucit", "nemohli jsme dorucit",
	"nebylo mozne dorucit", "odmitnut",
	"не может быть доставлен", "не удалось доставить",
	"не смогли доставить", "не можем доставить", "невозможно доставить",
	"отклонен", "отвергнут",
	"не змогли доставити", "неможливо доставити", "відхилен",
	"avvisades", "reddedildi", "απορριφθηκε",
	/*
	 * Arabic, Hebrew, Persian (ی and ک as windows-1256 writes them
	 * too), Urdu, Hindi, Bengali, Thai, Vietnamese, Indonesian, Malay
	 * and Filipino: could not deliver, was not delivered, failed,
	 * refused
	 */
	"تعذر تسليم", "تعذر توصيل", "لم نتمكن من تسليم", "لم يتم تسليم",
	"لا يمكن تسليم", "فشل تسليم", "فشل التسليم", "فشل -", "تم رفض",
	"לא נמסרה", "לא נמסר", "לא ניתן למסור", "לא הצלחנו למסור",
	"טרם נמסרה", "נכשלה", "נדחתה",
	"تحویل نشد", "تحويل نشد", "تحویل داده نشد", "تحويل داده نشد",
	"ارسال نشد", "رد شد", "تحویل داده نشده", "تحويل داده نشده",
	"نہیں پہنچایا", "نہیں پہنچ سکا", "مسترد",
	"वितरित नहीं", "नहीं भेजा जा सका", "अस्वीकार",
	"পৌঁছানো যায়নি", "পৌঁছানো হয়নি", "পাঠানো যায়নি", "প্রত্যাখ্যাত",
	"ส่งไม่สำเร็จ", "ไม่สามารถส่ง", "ส่งไม่ได้", "ถูกปฏิเสธ",
	"ยังไม่ได้ส่ง", "ยังส่งไม่ถึง", "ยังไม่ถูกส่ง",
	"khong the gui", "khong the chuyen", "khong gui duoc",
	"khong chuyen duoc", "gui khong thanh cong", "bi tu choi",
	"chua duoc gui", "chua duoc chuyen", "chua gui duoc",
	"gagal dikirim", "gagal terkirim", "tidak dapat dikirim",
	"tidak terkirim", "belum terkirim", "tidak dapat diantarkan",
	"ditolak", "tidak dapat dihantar", "gagal dihantar",
	"belum dihantar",
	"hindi naipadala", "hindi maipadala", "hindi naihatid",
	"hindi pa naipapadala", "tinanggihan",
	/* a delay's: "has not been sent yet", "is still in queue" */
	"not been sent",
	"still in queue",
	"waiting in our queue",
	"is pending",
	"being retried",
	/* Exchange's Japanese "配信は引き続き試行されます" (delivery will
	 * continue to be attempted), a delay's words as "being retried" */
	"引き続き試行",
	"pas encore ete distribue",
	/* a system's words about "your message": a person's rarely are */
	"is queued",
	"awaiting delivery",
	"trying to deliver your",
	"retry sending your",
	/* "We tried to deliver your message to a, but the receiving server
	 * answered: 550 ...": the reply that follows is the verdict */
	"server answered",
	"server replied",
	"server responded",
	/* helper-182's twelve languages: bounce_lang_failure_words */
	/* a delay's, after "message to a": delayed, deferred */
	"tri hoan", "ditangguhkan", "tertunda", "با تأخیر", "با تاخیر",
	"देरी", "विलंब", "বিলম্ব", "தாமதம்", "ล่าช้า", "naantala",
	"نرسيد", "نرسید", "نہیں پہنچ سکا",
	/* Thai "ยังส่งข้อความถึง a ไม่ได้" (cannot send to a yet) */
	"ยังส่ง",
	/* helper-184: refused (Vietnamese "từ chối"), could not be handed
	 * over (Indonesian "tidak bisa disampaikan") */
	"tu choi", "tidak bisa disampaikan", "tidak dapat disampaikan",
	"gagal disampaikan",
	/* a delay's, after "message to a": not delivered yet */
	"עדיין לא נמסרה", "هنوز تحویل", "ابھی تک نہیں", "अभी तक नहीं",
	"এখনো পৌঁছানো যায়নি", "இன்னும் வழங்கப்படவில்லை", "ยังไม่ได้ถูกส่ง",
	"van chua duoc", "belum terkirim", "belum lagi dihantar",
	"hindi pa naihahatid", "لم يتم تسليم رسالتك",
	NULL
};

/*
 * Words that, besides bounce_help_words, make an address in running text
 * a sender or a contact, never a recipient.
 */
const char *const bounce_contact_words[] = {
	"forward",
	"abuse",
	"report",
	"from",
	"sender",
	"sent by",
	"envelope",
	"return-path",
	"return address",
	"reply-to",
	NULL
};

/*
 * Words of a contact ("For help, write to:"): an address after them, or
 * alone on the next line, is no recipient.
 */
const char *const bounce_help_words[] = {
	"contact",
	"write to",
	"send mail to",
	"send an email to",
	"send an e-mail to",
	"reply to",
	"question",
	"help",
	"assist",
	"support",
	"administrator",
	"postmaster",
	"owner",
	/* "如有疑问，请联系 a", "お問い合わせ", "문의" */
	"联系", "聯絡", "聯繫", "疑问", "疑問", "咨询", "諮詢", "帮助",
	"問い合わせ", "문의",
	/*
	 * the new address a moved mailbox gives ("User has moved to n",
	 * "new address: n", "please resend it to n"): where to write now,
	 * never the address that failed
	 */
	"moved to", "relocated to", "new address", "new e-mail", "new email",
	"resend",
	"please try",	/* RFC 5321's "551 User not local; please try <a>" */
	"neue adresse", "neue e-mail", "nouvelle adresse", "nueva direccion",
	"nuovo indirizzo", "novo endereco", "dia chi moi",
	"新地址", "新邮箱", "新郵箱", "新しいアドレス", "새 주소",
	/*
	 * a disclaimer's contact labels, the address alone on the line
	 * below ("Kontakt:", "Datenschutzbeauftragter:", "Data Protection
	 * Officer:", "Protection des données :", "Protección de datos:",
	 * "Responsabile della protezione dei dati:", "Functionaris
	 * gegevensbescherming:", "Inspektor ochrony danych:",
	 * "Tietosuojavastaava:", "Ansprechpartner:", "Impressum:")
	 */
	"kontakt", "datenschutz", "data protection", "protection des donnees",
	"proteccion de datos", "protezione dei dati", "gegevensbescherming",
	"ochrony danych", "tietosuoja", "ansprechpartner", "impressum",
	/*
	 * a signature's telephone line that ends with its e-mail label, the
	 * address wrapped to the line below ("Telefon: +49 221 555 7700,
	 * E-Mail:", "Phone +44 20 5550 1234 | Email:"), and a German request
	 * to write to someone ("wenden Sie sich bitte an")
	 */
	"telefon", "phone", "wenden sie sich",
	/*
	 * a request to write to someone in the languages whose datives name
	 * a recipient ("напишите по адресу a", "зверніться на адресу a")
	 */
	"напишите", "обратитесь", "свяжитесь", "поддержк", "напишіть",
	"зверніться", "зв'яжіться", "підтримк",
	NULL
};

/*
 * A contact's label standing alone on its line, the address on the line
 * below, as a footer or a signature writes it ("E-Mail:" / "info@x"):
 * the whole line, its colon aside, is one of these.
 */
const char *const bounce_contact_labels[] = {
	"e-mail", "email", "e-mail address", "email address", "mail",
	"mail address", "e-mail-adresse", "e-mailadresse", "courriel",
	"adresse e-mail", "adresse email", "adresse electronique",
	"correo", "correo electronico", "posta elettronica",
	"indirizzo e-mail", "e-mailadres", "endereco de e-mail", NULL
};

/*
 * The words of origin right before a sender's address, in the languages
 * whose notices bounce_status_line_rcpt() reads: "رسالة من s" (a
 * message from s), "מאת s", "از s", "จาก s", "dari s", "mula kay s".
 */
const char *const bounce_origin_words[] = {
	"من", "מאת", "از", "จาก", "dari", "tu", "mula sa", "mula kay",
	"galing sa", "galing kay", NULL
};

/*
 * A contact's words in the same languages: "للمساعدة راسلنا على h" (for
 * help write to us at h), "לתמיכה", "پشتیبانی", "सहायता", "সহায়তা",
 * "உதவி", "ติดต่อ", "lien he", "hubungi", "makipag-ugnayan".
 */
const char *const bounce_help_words_intl[] = {
	"مساعدة", "راسلنا", "تواصل", "الدعم", "לעזרה", "לתמיכה", "תמיכה",
	"פנו", "پشتیبانی", "راهنمایی", "مدد", "رابطہ", "सहायता", "संपर्क",
	"সহায়তা", "যোগাযোগ", "உதவி", "தொடர்பு", "ติดต่อ", "ช่วยเหลือ",
	"lien he", "hubungi", "bantuan", "makipag-ugnayan", "tulong",
	NULL
};

/* Words ending a line before the sender's address on a line of its own. */
const char *const bounce_sender_cues[] = {
	"sent by",
	"on behalf of",
	"from",
	"from:",
	"sender",
	"sender:",
	"originator",
	"originator:",
	NULL
};

/*
 * Words that end a sentence of failure right before its address ("...
 * could not be delivered to a", "Delivery failed: a", "... para a",
 * "... не было доставлено адресату a"): with failure words before them,
 * they name the address a failed recipient.
 */
const char *const bounce_rcpt_preps[] = {
	"to", "to:", ":", "for:", "para", "адресату",
	/* "Delivery failed for a", "Permanent failure for a" */
	"for",
	/* "remis à a", "entregar su mensaje a a", "nicht an a zugestellt",
	 * "livrat către a" */
	"a", "an", "catre",
	/* "bericht van s aan a kon niet ...", "сообщение от s для a не
	 * доставлено" */
	"aan", "для",
	"adresata",	/* Polish "do adresata a" */
	/* "não pôde ser entregue ao destinatário a", "al destinatario a" */
	"destinatario",
	/* "无法发送到 a", "未能投递至 a": Chinese puts no space before it */
	"到", "至", "送达", "送達",
	/* "无法投递给 a" (could not be delivered to a) */
	"给", "給",
	"nguoi nhan",	/* "không thể chuyển tới người nhận a" */
	/* Thai "ไม่สามารถส่งข้อความถึง a ได้" (could not send the message to a);
	 * Thai writes no space before it */
	"ถึง",
	/* "... إلى a", "... אל a", "... به a", "... đến a" / "tới a",
	 * "... kepada a", Filipino "para kay a", "sa a" */
	"الى", "إلى", "אל", "به", "den", "toi", "kepada", "untuk", "kay",
	"sa",
	/* Polish "dostarczona do a", Dutch "afgeleverd bij a", Danish
	 * and Norwegian "leveres til a", Swedish "till a", Indonesian
	 * "dikirim ke a", Finnish "vastaanottajalle a", Slovenian
	 * "naslovniku a" and "na naslov a" */
	"do", "bij", "til", "till", "ke", "vastaanottajalle", "naslovniku",
	"naslov",
	/*
	 * Russian and Ukrainian datives: "не может быть доставлено
	 * получателю a", "... по адресу a", "не вдалося доставити
	 * одержувачу a"
	 */
	"получателю", "адресу", "на адрес", "одержувачу", "отримувачу",
	"адресатові",
	/* "This message could not reach a: no such user" */
	"reach",
	NULL
};

/*
 * Words after "message to a" saying that a took the message: "Your
 * message to the list l was accepted by the list, but it could not be
 * delivered to one of its members" is no failure of l, nor is "... to: l"
 * / "was delivered to the list, but some members could not be reached".
 */
const char *const bounce_accepted_words[] = {
	"was accepted", "has been accepted", "accepted by", "was delivered",
	NULL
};

/* "<these words> <address> <failure words>": "Your message to a failed". */
const char *const bounce_message_to[] = {
	"nachricht an",
	"message to",
	/* "Mail for a could not be delivered", "Your message for a is
	 * pending", "Votre message pour a ...",
	 * "Ваше письмо для a не доставлено" */
	"message for",
	"mail for",
	"email for",
	"e-mail for",
	"message pour",
	"nachricht fur",	/* Nachricht für */
	"письмо для",
	"сообщение для",
	"mail to",
	"email to",
	"e-mail to",
	"delivery to",
	"sent to",
	"messages to",
	"mensaje para",
	"message a",	/* French "votre message à a n'a pas pu être remis" */
	/*
	 * "addressed to a" in the Romance languages: "Votre message destiné
	 * à a n'a pas pu être délivré", "Il messaggio destinato a a",
	 * "El mensaje dirigido a a", "A mensagem destinada a a"
	 */
	"destine a",
	"destinee a",
	"destinato a",
	"indirizzato a",
	"dirigido a",
	"destinada a",
	/* "à destination de a", "inviato a a" (sent to), "el correo para a",
	 * "votre courriel pour a", Czech "zprávu pro a" / "zpráva pro a" */
	"a destination de",
	"inviato a",
	"inviata a",
	"correo para",
	"courriel pour",
	"zpravu pro",
	"zprava pro",
	/* "le message envoyé à a", "el mensaje enviado a a", "die Nachricht,
	 * gesendet an a," as "sent to" */
	"envoye a",
	"envoyee a",
	"enviado a",
	"enviada a",
	"gesendet an",
	"geschickt an",
	"mensagem para",
	"messaggio per",
	"meddelande till",
	"catre",	/* Romanian "Mesajul dumneavoastră către a" */
	"发送给",
	"发送到",	/* NetEase: "您发送到 a 的邮件" */
	"發送到",
	"发送至",	/* "您发送至 a 的邮件被退回" */
	"發送至",
	"发给",
	"发往",
	"寄给",
	"寄給",
	"發送給",
	"e-mail an",
	"zustellung an",	/* "Die Zustellung an a ist fehlgeschlagen" */
	"remise a",	/* "La remise à a est retardée" */
	"distribution a",	/* "La distribution à a a échoué" */
	"aflevering aan",	/* "De aflevering aan a is vertraagd" */
	/* "Die Nachricht konnte dem Empfänger a nicht zugestellt werden" */
	"dem empfanger",
	"dem empfaenger",
	"bericht aan",
	"wiadomosc do",	/* wiadomość do */
	/*
	 * the other nouns and cases of "your message to a": Dutch "mail aan",
	 * "bericht naar"; French "votre courriel à a"; Spanish, Italian,
	 * Portuguese "su mensaje a a", "il messaggio a a", "a mensagem a a";
	 * Polish "wiadomości do", Czech "zpráva na"; Russian and Ukrainian
	 * datives ("письмо получателю a", "по адресу a", "на адресу a") and
	 * "лист для a", "лист до a" (the letter to a)
	 */
	"mail aan", "bericht naar", "mail naar", "bericht voor",
	"verzonden aan", "verstuurd aan", "verzonden naar", "verstuurd naar",
	"courriel a", "mail a", "mail an", "mail fur",
	"mensaje a", "correo a", "messaggio a", "mail per", "mensagem a",
	"enviada para", "enviado para", "mail para",
	"wiadomosci do", "wiadomosc dla", "mail do", "wyslana do",
	"wyslany do", "zprava na", "zpravu na", "mail pro", "odeslana na",
	"получателю", "адресату", "адресу", "на адрес",
	"лист для", "лист до", "листа для", "листа до",
	"повідомлення для", "повідомлення до", "одержувачу", "отримувачу",
	"адресатові",
	"gui toi",	/* Vietnamese gửi tới, gửi đến */
	"gui den",
	/* Indonesian "Pesan Anda kepada a masih dalam antrean"
	 * (your message to a is still queued) */
	"pesan anda kepada",
	/*
	 * "your message to a" in Arabic, Hebrew, Persian, Thai, Vietnamese
	 * (thư đến, thư tới), Indonesian, Malay and Filipino
	 */
	"رسالتك إلى", "رسالتك الى", "الرسالة إلى", "الرسالة الى",
	"ההודעה אל", "ההודעה שלך אל", "הודעה אל",
	"پیام شما به", "پيام شما به", "پیام به", "پيام به",
	"ข้อความของคุณถึง", "ข้อความถึง",
	"thu den", "thu toi", "thu gui den", "thu gui toi",
	"pesan anda ke", "pesan ke", "pesan untuk", "email ke",
	"mesej anda kepada", "mesej kepada", "mesej untuk", "e-mel kepada",
	"mensahe para kay", "para kay", "mensahe sa",
	"meddelelse til",	/* Danish */
	"meddelandet till", "meddelande till",	/* Swedish */
	"iletiniz",	/* Turkish "İletiniz a adresine teslim edilemedi" */
	"sending to",	/* "Sending to a was unsuccessful" */
	/* helper-182: other words of the same languages, and Tamil */
	"رسالتك المرسلة إلى", "thu gui toi", "penghantaran kepada",
	"pesan untuk", "mensahe kay",
	"نامه شما به", "نامه به", "ارسال به", "تحویل به",
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
 * The names (whole, ignoring case) of a quoted message's sender and
 * subject fields, in the languages the notices are written in: a block of
 * "name: value" lines holding both is the returned message's header, not
 * the notice's own listing ("收件人: list@x" under "发件人:" and "主题:").
 */
/*
 * Field names (whole, folded) a notice's own summary of a failure uses
 * and no message's header has: a run of fields holding one ("Recipient:
 * a / Sender: s / Subject: x") is the notice's, not the returned copy's
 * header block.  The labels some mail readers give a quoted message's To
 * ("收件人", "destinatario") are none of them.
 */
/*
 * The recipient's label in a Chinese notice's details of the message it
 * returns ("原邮件信息：" over "收件人：a"), its blanks removed.
 */
const char *const bounce_details_rcpt_labels[] = {
	"收件人", "收件者", NULL
};

const char *const bounce_summary_fields[] = {
	"recipient", "recipients", "recipient address", "failed recipient",
	"intended recipient", "rcpt", "rcpt-address", "addressee", "account",
	"empfanger", "empfaenger", "destinataire", "adresat", "prijemce",
	NULL
};

const char *const bounce_copy_from_fields[] = {
	"from", "sender", "von", "de", "da", "van",
	/* the same languages' sender labels ("Expéditeur :", "Absender:") */
	"expediteur", "absender", "remitente", "mittente", "afzender",
	"remetente",
	"发件人", "寄件人", "發件人", "寄件者", "差出人", "送信者", "送信元",
	"보낸 사람", "보낸사람", "발신자", "발신인", NULL
};

/*
 * The date-sent field of Exchange's "Your message / To: / Subject: /
 * Sent:" block in the languages whose To label is also a recipient label
 * ("收件人:"): it stands for the sender field there.
 */
const char *const bounce_copy_sent_fields[] = {
	"发送时间", "發送時間", "寄件日期", "送信日時", "보낸 날짜", NULL
};

/*
 * The addressee field of a quoted message's header block, in the
 * languages of the sender fields above ("To:", "An:", "Para:", "Aan:",
 * "A:", "À:", "收件人:", "宛先:", "받는 사람:")
 */
const char *const bounce_copy_to_fields[] = {
	"to", "an", "para", "aan", "a", "\xc3\xa0", "收件人", "宛先",
	"받는 사람", NULL
};

const char *const bounce_copy_subject_fields[] = {
	"subject", "betreff", "objet", "asunto", "assunto", "oggetto",
	"onderwerp", "主题", "主題", "主旨", "标题", "標題", "件名", "제목",
	NULL
};

/*
 * Words in a field's name that make its block the notice's own account of
 * the failed message ("Reason:", "退信原因:"), which names the recipient in
 * its "To:", rather than the returned message's header; so does a
 * recipient's label, which no message's header has ("Absender: s" /
 * "Empfänger: a" / "Betreff: t", where a copy says "An:").
 */
const char *const bounce_reason_fields[] = {
	"reason", "error", "status", "diagnostic", "problem", "grund",
	"fehler", "raison", "erreur", "motivo", "errore", "原因", "理由",
	"错误", "錯誤", "エラー", "사유", "원인", "오류",
	"empfanger", "empfaenger", "destinataire", "destinatario",
	"ontvanger", NULL
};

/*
 * Words that, in the sentence after an address, make it a mailing list
 * whose members failed, not a failed recipient ("... to l; the failed
 * members will be removed", "... to one of its members").
 */
const char *const bounce_member_words[] = {
	"members", "subscribers", "its recipients", "mitglieder", "membres",
	"abonnes", "iscritti", "miembros", "suscriptores", "membros", "leden",
	/*
	 * "Your message sent to l on <date> was not delivered to the
	 * following recipients:": they are named below, l is the addressee
	 */
	"to the following", "the following recipient", "following recipients",
	"the following address", "to these recipients", "to one or more",
	"to some of", "some recipients",
	/* "... sent to l, has not been delivered yet to every recipient" */
	"every recipient",
	/* "您发送到 l 的邮件已由列表转发，但以下成员的邮件无法投递" */
	"成员", "以下收件人", "部分收件人", "以下地址",
	NULL
};

/* Words that join the addresses of a list ("a@x, b@y and c@z"). */
const char *const bounce_list_joiners[] = {
	"and", "or", "und", "oder", "et", "ou", "y", "o", "e",
	/* Dutch, Polish (and, nor), Russian */
	"en", "i", "ani", "и", NULL
};

/*
 * Closing lines of a letter ("Regards,"), matched at the start of a short
 * line: what follows is a signature, whose "Mailbox:" or address is a
 * contact, never a failed recipient.
 */
/*
 * Exchange lists a recipient it could not reach as "a on DATE": the word
 * in its languages (Dutch "op", German "am", French "le", Italian "il",
 * Spanish "el", Portuguese "em", Danish, Norwegian and Swedish "den",
 * Polish "dnia", Czech "dne", Russian "в", Chinese "于"), each with the
 * space after it
 */
const char *const bounce_date_words[] = {
	"on ", "op ", "am ", "le ", "il ", "el ", "em ", "den ", "dnia ",
	"w dniu ", "dne ", "\xd0\xb2 ", "\xe4\xba\x8e ",
	NULL
};

const char *const bounce_valedictions[] = {
	"regards", "best regards", "kind regards", "warm regards",
	"sincerely", "yours sincerely", "yours faithfully", "thank you",
	"thanks", "cheers", "mit freundlichen grussen", "freundliche grusse",
	"viele grusse", "cordialement", "bien cordialement", "saludos",
	"atentamente", "cordiali saluti", "distinti saluti", "atenciosamente",
	"此致", "谢谢", "謝謝", "敬具", "よろしくお願いいたします",
	"감사합니다", NULL
};

/*
 * Sentences only delivery-failure notices write: evidence that a message
 * without a standard report is one.
 */
const char *const bounce_failure_cues[] = {
	"nicht zugestellt werden",
	/* Domino's "Ihre Nachricht ... wurde nicht zugestellt an:" */
	"wurde nicht zugestellt",
	"unzustellbar",
	/* Exchange's "Die Nachricht an diesen Empfänger ist fehlgeschlagen" */
	"an diesen empfanger ist fehlgeschlagen",
	"an diesen empfaenger ist fehlgeschlagen",
	"n'a pas pu etre remis",	/* n'a pas pu être remis */
	"n'a pas pu etre delivre",	/* n'a pas pu être délivré */
	"non e stato consegnato",	/* non è stato consegnato */
	"no se ha podido entregar",
	"nao foi possivel entregar",	/* não foi possível entregar */
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
	"delivery to the following recipients failed",
	"delivery to the following recipient failed",
	"delivery to the following recipients has failed",
	"failed to deliver",
	"failed permanently",
	"permanent error",
	"permanent fatal error",
	"permanent failure",
	"delivery problem",
	"did not reach the following",
	"didn't reach the following",
	"iletilemedi",	/* Turkish: could not be delivered */
	/* a moved mailbox's refusal (5.1.6), no words of delivery */
	"recipient has moved", "user has moved", "mailbox has moved",
	"address has moved",
	/* a size refused for the recipient's system, no words of delivery */
	"too big for the recipient", "too large for the recipient",
	"too big for the receiving", "too large for the receiving",
	"too big for the destination", "too large for the destination",
	/*
	 * the negated verb as a heading or a table's state ("Not
	 * delivered:", "non remis : boîte pleine") beside a "Delivered:"
	 * list: a failure said, so the notice is no success one
	 */
	"not delivered:", "not delivered :", "non remis:", "non remis :",
	"nicht zugestellt:", "no entregado:", "no entregados:",
	"non consegnato:", "non consegnati:", "niet afgeleverd:",
	"nie dostarczono:", "nao entregue:", "nao entregues:",
	"inte levererat:", "nedoruceno:", "не доставлено:",
	"mail delivery software",
	"this is the mail system at",
	"this is the qmail-send program",
	"wasn't able to deliver",
	"error delivering",
	"errors delivering",
	"non-delivery",
	"could not be sent",
	"message not delivered",
	"has not yet been delivered",
	"delivery errors",
	"delivery problems",
	"returned mail",
	"rejected your message",
	"error occurred while trying to deliver",
	"action: failed",	/* a report's fields written into the text */
	"your message bounced",
	"recipient address was rejected",
	"recipient addresses were rejected",
	/*
	 * Sendmail's headings: "... had permanent fatal errors", "... had
	 * transient non-fatal errors"; not its return receipt's "... had
	 * successful deliveries"
	 */
	"following addresses had permanent",
	"following addresses had transient",
	"following addresses had fatal",
	"following addresses had errors",
	"message you sent",
	"echec de la remise",	/* échec de la remise */
	"la remise aux destinataires ou groupes suivants a echoue",
	"n'a pas ete remis",	/* n'a pas été remis */
	"no pudo ser entregado",
	"no ha podido ser entregado",
	"no se ha entregado",
	"error en la entrega",
	"nao foi entregue",	/* não foi entregue */
	"falha na entrega",
	"non e stato possibile recapitare",	/* non è stato */
	"non e' stato possibile recapitare",
	"recapito non riuscito",
	"zustellung an folgende empfanger",	/* Empfänger */
	/*
	 * "Die Nachricht konnte nicht an folgende Empfänger zugestellt
	 * werden:": the success heading "an folgende Empfänger zugestellt"
	 * stands in it after the "nicht"
	 */
	"nicht an folgende empfanger",
	"nie zostala dostarczona",	/* nie została */
	"nebylo mozne dorucit",	/* nebylo možné doručit */
	"nu a putut fi livrat",
	"не доставлено",
	"配信に失敗しました",
	"传递到这些收件人或组失败",
	"没有发送成功",
	"未能成功投递",
	"未能成功发送",
	"未能送达",
	"无法投递",
	"无法送达",
	"投递失败",
	"发送失败",
	"被退回",
	/* "被网易反垃圾邮件网关拦截，未投递" (stopped by a gateway, not
	 * delivered) */
	"被拦截",
	"被攔截",
	"未投递",
	"未投遞",
	"無法送達",
	"無法傳遞",
	"投遞失敗",
	"配信できませんでした",
	"送信できませんでした",
	/* the plain past: "----- 配信できなかった宛先 -----" */
	"配信できなかった",
	"送信できなかった",
	"届けられなかった",
	"届けることができませんでした",
	"전달되지 못했",
	"전송되지 못했",
	"전송에 실패",
	"배달되지 못했",
	/* the active voice: "메시지를 배달하지 못했습니다" (could not
	 * deliver) */
	"배달하지 못했",
	"전달하지 못했",
	"전송하지 못했",
	"kunde inte levereras",
	"δεν παραδοθηκε",
	/* Vietnamese: không thể gửi, không gửi được, chưa được gửi */
	"khong the gui",
	"khong gui duoc",
	"chua duoc gui",
	"khong the chuyen",
	"gui khong thanh cong",
	"khong chuyen duoc",
	"bi tu choi",
	/*
	 * the same in Arabic, Hebrew, Persian (ی as windows-1256 writes it
	 * too), Urdu, Hindi, Bengali, Thai, Indonesian, Malay and Filipino:
	 * could not be delivered, failed, refused
	 */
	"تعذر تسليم", "تعذر توصيل", "لم نتمكن من تسليم", "لا يمكن تسليم",
	"فشل تسليم", "فشل التسليم", "تم رفض",
	"לא נמסרה", "לא ניתן למסור", "לא הצלחנו למסור", "נכשלה", "נדחתה",
	"تحویل نشد", "تحويل نشد", "تحویل داده نشد", "تحويل داده نشد",
	"ارسال نشد",
	"نہیں پہنچایا جا سکا", "نہیں پہنچ سکا",
	"वितरित नहीं किया जा सका", "वितरित नहीं हुआ", "नहीं भेजा जा सका",
	"পৌঁছানো যায়নি", "পাঠানো যায়নি",
	"ส่งไม่สำเร็จ", "ไม่สามารถส่ง", "ส่งไม่ได้", "ถูกปฏิเสธ",
	"gagal terkirim", "tidak dapat diantarkan", "ditolak",
	"tidak dapat dihantar", "gagal dihantar",
	"hindi naipadala", "hindi maipadala", "hindi naihatid",
	"tinanggihan",
	/*
	 * Providers' own notices, sent from an address no daemon's name
	 * marks (notify@, system@): their words are then the only sign
	 */
	"recipients could not be reached",	/* Notes, Mercury */
	"recipient could not be reached",
	"recipient(s) could not be reached",
	"trouble delivering",
	"problem delivering",
	"problems delivering",
	"failed addresses follow",	/* Smail */
	/* "was delivered to a but not to b" (a partial delivery) */
	"but not to",
	"ale nie do",
	"nie dotarla do", "nie dotarl do",
	"a echoue definitivement",
	/* a heading over the failed ones, beside one over those reached:
	 * "The following recipient address failed:" */
	"address failed:",
	"addresses failed:",
	"recipient failed:",
	"recipients failed:",
	"konnte nicht zugestellt",
	"zustellung fehlgeschlagen",
	"nicht zustellbar",
	"kon niet worden afgeleverd",
	"kan niet worden afgeleverd",
	"niet worden bezorgd",
	"niet afgeleverd",
	"onbestelbaar",
	"ikke leveret",
	"kunne ikke leveres",
	"kan ikke leveres",
	"modtagere eller grupper mislykkedes",	/* Exchange, Danish */
	"mottakerne eller gruppene mislyktes",	/* Exchange, Norwegian */
	"ei voitu toimittaa",
	"ei voi toimittaa",
	"vastaanottajille tai ryhmille epaonnistui",	/* epäonnistui */
	"nie mogla zostac dostarczona",	/* nie mogła zostać */
	"nie mozna dostarczyc",	/* nie można dostarczyć */
	"nie udalo sie dostarczyc",	/* nie udało się */
	"nelze dorucit",	/* nelze doručit */
	"nem sikerult kezbesiteni",	/* nem sikerült kézbesíteni */
	"kezbesithetetlen",	/* kézbesíthetetlen */
	"teslim edilemedi",
	"tidak dapat dikirim",
	"gagal dikirim",
	"tidak terkirim",
	"ni bilo mogoce dostaviti",	/* ni bilo mogoče */
	"no s'ha pogut lliurar",
	"не было доставлено",
	"не может быть доставлено",
	"не удалось доставить",
	/*
	 * the active voice and the present "cannot be delivered" of the
	 * European and Russian-speaking providers' own notices
	 */
	"n'avons pas pu remettre", "n'avons pas pu distribuer",
	"n'avons pas pu delivrer", "n'avons pas pu acheminer",
	"ne peut pas etre remis", "ne peut pas etre distribue",
	"ne peut pas etre delivre", "ne peut etre remis",
	"konnten wir ihre nachricht", "konnten ihre nachricht",
	"no hemos podido entregar", "no pudimos entregar",
	"no puede ser entregad", "no fue posible entregar",
	"non siamo riusciti a consegnare", "non siamo riusciti a recapitare",
	"non puo essere recapitat", "non puo essere consegnat",
	"avviso di mancata consegna",
	"nao pode ser entregue", "nao conseguimos entregar",
	"kon niet worden bezorgd",
	"nie mogl dostarczyc", "nie moglismy dostarczyc",
	"nie moze zostac dostarczon", "nie moze byc dostarczon",
	"nemuze byt dorucen", "nemohli jsme dorucit",
	"не смогли доставить", "невозможно доставить",
	"не змогли доставити", "неможливо доставити",
	/* and its bare "was rejected", said of the message */
	"a ete refuse", "a ete rejete", "wurde abgewiesen", "wurde abgelehnt",
	"wurde zuruckgewiesen", "fue rechazad", "ha sido rechazad",
	"e stato rifiutat", "e stata rifiutat", "e stato respint",
	"e stata respint", "foi rejeitad", "foi recusad", "is geweigerd",
	"werd geweigerd", "is afgewezen", "werd afgewezen",
	"zostala odrzucona", "zostal odrzucony", "zostalo odrzucone",
	"byla odmitnut", "byl odmitnut", "было отклонено", "отклонено",
	"отклонена", "було відхилено", "відхилено",
	"не може бути доставлен",	/* Ukrainian */
	"не вдалося доставити",
	"无法传递",
	"無法傳送",
	/* "遞送失敗" (delivery failed), HiNet's word beside a delivered one's
	 * "已成功送達"; simplified 递送失败 */
	"遞送失敗",
	"递送失败",
	/* Arabic "تعذر تسليم رسالتك" (your message could not be delivered) */
	"تعذر تسليم",
	/* Japanese: receipt refused by the recipient's setting */
	"受け取りを拒否されました",
	/* Exim's "recipient addresses that were incorrectly constructed" */
	"incorrectly constructed",
	/* Tagalog "Hindi naihatid ang iyong mensahe" (was not delivered);
	 * Korean "전달되지 않았습니다" (was not delivered), "거부되었습니다"
	 * (was refused) */
	"hindi naihatid",
	"전달되지 않았",
	"거부되었",
	/* helper-182: other words of the same languages, and Tamil */
	"فشل إرسال", "מסירה נכשלה", "वितरण विफल", "প্রেরণ ব্যর্থ",
	"pengiriman gagal", "டெலிவரி தோல்வி",
	"نرسيد",
	NULL
};

/* A notice saying delivery is still being attempted: a delay warning. */
const char *const bounce_delay_cues[] = {
	"endnu ikke leveret",	/* Danish: not delivered yet */
	"nur eine warnung",
	"weiter versucht",
	"bisher nicht zugestellt",
	"nouvelle tentative",
	"seulement un avertissement",
	"nuovo tentativo",
	"se volvera a intentar",	/* se volverá a intentar */
	/* Spanish: todavía no ha podido entregarse, lo reintentará, solo un
	 * aviso */
	"todavia no ha podido",
	"reintentara",
	"solo un aviso",
	"e stato ritardato",	/* Italian: è stato ritardato */
	"continuera a tentare",	/* continuerà a tentare */
	"esta atrasada",	/* Portuguese: está atrasada */
	"continuara tentando",	/* continuará tentando */
	"on viivastynyt",	/* Finnish: on viivästynyt */
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
	/*
	 * "could not be delivered yet", and a return promised only on a
	 * condition ("will be returned if not delivered within 5 days",
	 * "... if it cannot be delivered within ..."): the attempts go on
	 */
	"not be delivered yet",
	"if not delivered within",
	"if it cannot be delivered within",
	"if it is not delivered within",
	"will be retried",
	"will retry",
	"will keep trying",
	"will keep on trying",
	"will continue to try",
	"will continue trying",
	"will continue delivery attempts",	/* Dada Mail's qmail cue */
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
	"still in the delivery queue",
	"queued for later delivery",
	"queued for retry",
	"has been delayed",
	"have been delayed",
	"is delayed",
	"delivery delayed",
	"delays in delivering",
	"taking longer than usual",
	"delay in delivering",
	"has been postponed",
	"not been completed yet",
	"trying again later",
	"temporarily deferred",
	"retry for",
	"retrying",
	/*
	 * older servers' and providers' words for a retry that say no
	 * "delay" (BounceParser's transient errors, Mailman's and
	 * PHP-Bounce-Handler's warnings): "we'll retry", "remains queued"
	 */
	"will try to deliver",
	"continue attempting",
	"still in queue",
	"remains queued",
	"transient error",
	"'ll retry",
	"attempt redelivery",
	"still attempting",
	"being retried",
	"queued for redelivery",
	"next retry",
	"has been deferred",
	"be reattempted",
	"noch nicht zugestellt",	/* German: not delivered yet */
	"erneut versuch",	/* erneut versuchen, versucht */
	"pas encore ete distribue",	/* pas encore été distribué */
	"reessaiera",	/* réessaiera */
	"aun no ha sido entregado",	/* Spanish: aún no ha sido entregado */
	"se reintentara",	/* se reintentará */
	"be resent",
	"another attempt will be made",
	"further attempts will be made",	/* "no further ..." is final */
	"awaiting delivery",
	"will resume",
	"'ll keep trying",
	"going to try again",	/* "not going to try again" is final */
	"stays in the queue",
	"remains in the queue",
	/* PMDF's warning: "has been enqueued and undeliverable for 1 day" */
	"enqueued and undeliverable",
	/*
	 * Exim's warning writes "Delay reason:" under each address it still
	 * tries, whatever text warn_message_file puts around the list
	 */
	"delay reason:",
	"暂时无法投递",
	"暂时无法送达",
	"暂时无法发送",
	"继续尝试投递",
	"继续尝试发送",
	"将继续尝试",
	"延迟投递",
	/* "暂时发送失败，系统将在稍后自动重试投递" (failed for now, the
	 * system will retry by itself) */
	"暂时发送失败",
	"暂时投递失败",
	"暫時發送失敗",
	"自动重试",
	"自動重試",
	/* "系统将自动重发" (will resend by itself), "已重试 2 次" (retried
	 * twice so far); not "再次尝试" (try again), which failures say to
	 * the sender ("请检查地址后再次尝试") */
	"自动重发",
	"自動重發",
	/* Coremail's "投递延迟 ... 排队中，系统将再次尝试投递" (delayed,
	 * queued, will try delivery again) */
	"投递延迟",
	"投遞延遲",
	"排队中",
	"排隊中",
	"再次尝试投递",
	"再次嘗試投遞",
	"已重试",
	"已重試",
	"延迟送达",
	"延遲送達",
	"暂未送达",
	"暫未送達",
	"正在重新投递",
	"正在重新發送",
	"正在重新发送",
	"稍后重试",
	"正在重试",
	"等待重试",
	"正在排队",
	"暂未投递",
	"暫時無法送達",
	"暫時無法投遞",
	"繼續嘗試",
	"延遲投遞",
	"配信が遅れて",
	"配送が遅れて",
	"再試行されます",
	"再送を試み",
	"전송이 지연",
	"배달이 지연",
	"다시 시도합니다",
	"delivery attempts are still pending",
	"пока не доставлено",
	/*
	 * Not delivered yet: Ukrainian "ще не доставлено" (also inside
	 * Russian "еще не доставлено", Exchange's "Это сообщение еще не
	 * доставлено"); Turkish henüz teslim edilmedi, edilemedi
	 */
	"ще не доставлен",
	"δεν εχει παραδοθει ακομα",	/* δεν έχει παραδοθεί ακόμα */
	"henuz teslim edil",
	/* Only a warning: Turkish yalnızca, sadece; Ukrainian, Russian */
	"yalnizca bir uyari",
	"sadece bir uyari",
	"лише попередження",
	"только предупреждение",
	/* Will try again: Turkish; Ukrainian, Russian "will continue the
	 * attempts" */
	"tekrar deneyecek",
	"продовжить спроби",
	"продолжит попытки",
	"pas encore ete remis",	/* pas encore été remis */
	"va reessayer",	/* va réessayer */
	"reessaierons",	/* réessaierons */
	"non e stato ancora consegnato",
	"non e ancora stato consegnato",
	"riprovera",	/* riproverà */
	"todavia no ha sido entregado",	/* todavía no ha sido entregado */
	"seguiremos intentandolo",	/* seguiremos intentándolo */
	/* French "est retardé", German "ist verzögert", "wir versuchen es
	 * (N Tage lang) weiter"; Italian "riproveremo", "non è stato ancora
	 * recapitato"; Spanish "aún no ha podido", "todavía no se ha podido",
	 * "lo seguiremos intentando"; Czech "zatím nebyla doručena", "se zatím
	 * nepodařilo doručit", "další pokus", "je zpožděno", "zkusíme znovu" */
	"est retarde",
	"ist verzogert",
	"is vertraagd",		/* Dutch */
	"wordt opnieuw geprobeerd",
	"wir versuchen es",
	"riproveremo",
	"ancora recapitat",
	"aun no ha podido",
	"todavia no se ha podido",
	"seguiremos intentando",
	"zatim nebyla",
	"zatim nepodarilo",
	"dalsi pokus",
	"je zpozden",
	"zkusime znovu",
	"budeme to zkouset",
	/*
	 * French "toujours en attente", "sera de nouveau tenté"; Spanish
	 * "está retrasado", "volveremos a intentarlo" ("no volveremos" gives
	 * up: bounce_final_cues); German "verzögert sich", "ein neuer
	 * Versuch"
	 */
	"toujours en attente",
	"de nouveau tente",
	"esta retrasad",
	"volveremos a intentar",
	"verzogert sich",
	"neuer versuch",
	"ainda nao foi entregue",	/* ainda não foi entregue */
	"continuaremos a tentar",
	"annu inte levererats",	/* ännu inte levererats */
	/* Finnish: yritetään uudelleen, will be retried */
	"yritetaan uudelleen",
	/* Exchange's "This message hasn't been delivered yet" in Finnish,
	 * Romanian and Slovak; Hungarian "delivery is delayed" */
	"ei ole viela toimitettu",	/* ei ole vielä toimitettu */
	"nu a fost livrat inca",	/* nu a fost livrat încă */
	"este nebola dorucena",	/* ešte nebola doručená */
	"kezbesites kesik",	/* kézbesítés késik */
	/* Norwegian "(er) ennå ikke levert", Exchange's "er ikke levert
	 * ennå"; Danish "er ikke leveret endnu" */
	"enna ikke levert",	/* ennå ikke levert */
	"ikke levert enna",	/* ikke levert ennå */
	"ikke leveret endnu",
	"fortsatter att forsoka",	/* fortsätter att försöka */
	"se tiep tuc thu lai",	/* sẽ tiếp tục thử lại */
	/* Postfix's delay template as providers translate it */
	"pas encore pu etre remis",	/* n'a pas encore pu être remis */
	"simple avertissement",
	"nouvelles tentatives",
	"pas besoin de renvoyer",
	/* nie została jeszcze doręczona */
	"nie zostala jeszcze doreczona",
	"tylko ostrzezenie",	/* tylko ostrzeżenie */
	/* Romanian: nu a fost încă livrat, va reîncerca, doar un avertisment */
	"nu a fost inca livrat",
	"va reincerca",
	"doar un avertisment",
	"ponawial proby",	/* będzie ponawiał próby */
	"nog niet afgeleverd",
	"slechts een waarschuwing",
	"niet opnieuw te versturen",
	"延迟送达",
	"尚未将您的邮件送达",
	"小时内重试",
	"발송이 지연",
	"계속 재시도",
	"아직 전달되지 않았",	/* not delivered yet */
	/*
	 * Still trying, as providers of Asia and the Pacific write it in a
	 * notice with no report: Japanese "引き続き配信を試みます" (it keeps
	 * trying), "配送を継続しています", "再送信を試行中", "自動的に再送",
	 * "まだ配信されていません" (not delivered yet), "再度配送を試みます"
	 */
	"引き続き配信を試み",
	"配送を継続",
	"再送信を試行",
	"自動的に再送",
	"まだ配信されていません",
	"再度配送を試み",
	/* Gmail's "Gmail は 47 時間再試行し、...": it retries for N hours */
	"時間再試行",
	/* Korean: 재전송을 시도 (trying to resend), 다시 보내는 중 (sending
	 * again), 재발송할 예정 (a resend is planned) */
	"재전송을 시도",
	"다시 보내는 중",
	"재발송할 예정",
	/* Chinese: still trying, not delivered yet (simplified, traditional) */
	"仍在尝试",
	"仍在嘗試",
	"尚未送达",
	"尚未送達",
	/* Thai ส่งล่าช้า (sending delayed), จะพยายามส่ง (will try to send:
	 * "ระบบจะพยายามส่ง(ใหม่)อีกครั้ง"; "จะไม่พยายาม", will not, is no match) */
	"ส่งล่าช้า",
	"จะพยายามส่ง",
	"dang thu lai",	/* Vietnamese đang thử lại: retrying */
	"tu dong gui lai",	/* tự động gửi lại: resent automatically */
	"masih mencoba",	/* Indonesian: still trying */
	"terus mencoba",	/* Indonesian: keeps trying */
	"dicoba kembali",	/* Indonesian: will be tried again */
	"masih cuba",	/* Malay: still trying */
	/* Hindi पुनः प्रयास कर रहा (retrying), प्रयास जारी (keeps trying) */
	"पुनः प्रयास कर रहा",
	"प्रयास जारी",
	"naantala ang paghahatid",	/* Tagalog: delivery was delayed */
	/*
	 * A warning only, not delivered yet, will keep trying: Arabic,
	 * Hebrew, Persian, Urdu, Hindi, Bengali, Thai, Vietnamese,
	 * Indonesian, Malay, Filipino
	 */
	"إشعار تحذيري", "تحذير فقط", "سيستمر النظام في محاولة",
	"سنواصل المحاولة", "لم يتم تسليمها بعد",
	"הודעת אזהרה", "ימשיך לנסות", "תמשיך לנסות", "טרם נמסרה",
	"فقط یک هشدار", "فقط يك هشدار", "هنوز تحویل", "هنوز تحويل",
	"به تلاش", "انتباہی پیغام", "ابھی تک نہیں", "کوشش جاری",
	"केवल एक चेतावनी", "अभी तक वितरित नहीं", "पुनः प्रयास करता रहेगा",
	"শুধুমাত্র একটি সতর্কতা", "এখনও পৌঁছানো হয়নি", "আবার চেষ্টা করব",
	"เป็นเพียงการแจ้งเตือน", "ยังส่งไม่ถึง", "ยังไม่ได้ส่ง",
	"ยังไม่ถูกส่ง", "ไม่จำเป็นต้องส่งใหม่", "จะลองส่งอีกครั้ง",
	"ยังคงพยายามส่ง", "เป็นการแจ้งเตือนเท่านั้น",
	/* not "chưa được gửi": Gmail's Vietnamese failure says it */
	"chi la canh bao", "se tiep tuc thu",
	"pemberitahuan peringatan", "belum terkirim", "akan mencoba lagi",
	"hanya amaran", "masih belum dihantar", "akan terus mencuba",
	"akan cuba lagi", "babala lamang", "hindi pa naipapadala",
	"susubukan muli", "susubukan ulit",
	/* helper-182: other words of the same languages, and Tamil */
	"رسالة تحذيرية", "تحذير فقط", "سنحاول مرة أخرى",
	"ستتم إعادة المحاولة", "עיכוב", "ננסה שוב", "با تأخیر",
	"تأخیر", "دوباره تلاش", "تلاش مجدد", "تاخیر", "تاخير", "دوبارہ کوشش",
	"تاخیر ہو", "देरी", "विलंब", "पुनः प्रयास करते", "फिर से प्रयास",
	"दोबारा कोशिश", "আবার চেষ্টা", "বিলম্ব", "এখনও", "ล่าช้า",
	"จะพยายามส่งอีกครั้ง", "tri hoan", "tiep tuc thu gui lai", "se thu lai",
	"cham tre", "ditangguhkan", "tertunda", "akan dicoba lagi",
	"akan cuba lagi", "masih belum", "naantala", "susubukan muli",
	"susubukang muli", "தாமதம்", "தாமதமாகியுள்ளது", "மீண்டும் முயற்சி",
	/* Thai: only a warning, will try sending again */
	"เพียงคำเตือน", "คำเตือนเท่านั้น", "จะลองส่งใหม่", "ลองส่งใหม่อีกครั้ง",
	"จะพยายามส่งใหม่",
	/* helper-184: not yet, will keep trying, no need to resend */
	"سيواصل الخادم المحاولة", "سيواصل المحاولة", "سنواصل المحاولة",
	"لا داعي لإعادة", "لا حاجة لإعادة", "עדיין לא נמסרה", "ימשיך לנסות",
	"נמשיך לנסות", "אין צורך לשלוח", "هنوز تحویل", "هنوز ارسال",
	"به تلاش ادامه", "نیازی به ارسال دوباره", "ابھی تک نہیں",
	"کوشش جاری رکھے", "دوبارہ بھیجنے کی ضرورت نہیں", "अभी तक नहीं",
	"प्रयास करता रहेगा", "प्रयास जारी रखेगा", "कोशिश करता रहेगा",
	"दोबारा भेजने की ज़रूरत नहीं", "दोबारा भेजने की जरूरत नहीं",
	"এখনো পৌঁছানো যায়নি", "এখনও পৌঁছানো যায়নি", "চেষ্টা চালিয়ে যাবে",
	"আবার পাঠানোর প্রয়োজন নেই", "இன்னும் வழங்கப்படவில்லை",
	"தொடர்ந்து முயற்சிக்கும்", "மீண்டும் அனுப்பத் தேவையில்லை",
	"ยังไม่ได้ถูกส่ง", "ยังไม่ได้ส่ง", "จะพยายามต่อไป", "ไม่จำเป็นต้องส่งซ้ำ",
	"van chua duoc", "se tiep tuc thu", "khong can gui lai",
	"belum terkirim", "akan terus mencoba", "tidak perlu mengirim ulang",
	"belum lagi dihantar", "akan terus mencuba",
	"tidak perlu menghantar semula", "hindi pa naihahatid",
	"patuloy na susubukan", "hindi mo na kailangang ipadala",
	"لم تسلم بعد", "لم يتم التسليم بعد", "سنستمر في المحاولة",
	"سيستمر الخادم في المحاولة", "سنعيد المحاولة", "سيعاود المحاولة",
	"لا تحتاج إلى إعادة", "טרם נמסרה", "هنوز تحویل نشده",
	"هنوز ارسال نشده", "تلاش خواهیم کرد", "همچنان تلاش", "لازم نیست دوباره",
	"کوشش کرتا رہے گا", "دوبارہ کوشش کی جائے گی", "पुनः प्रयास करेगा",
	"फिर से कोशिश करेगा", "এখনও পাঠানো যায়নি", "আবার চেষ্টা করবে",
	"இன்னும் அனுப்பப்படவில்லை", "இன்னும் சென்றடையவில்லை",
	"மீண்டும் முயற்சிப்போம்", "தொடர்ந்து முயற்சி", "ยังส่งไม่ถึง",
	"ยังไม่สามารถส่ง", "จะลองอีกครั้ง", "ไม่ต้องส่งใหม่", "chua the gui",
	"chua gui duoc", "belum dapat dikirim", "belum bisa dikirim",
	"akan mencoba lagi", "akan mencoba kembali", "akan dicoba kembali",
	"belum dapat dihantar", "akan mencuba lagi", "hindi pa naipadala",
	"muling susubukan",
	"حتى الآن", "حتى اللحظة", "ستتواصل المحاولات", "سيعيد المحاولة",
	"سيتم إعادة المحاولة", "سنعاود المحاولة", "سيحاول مجددا",
	"سيحاول مرة أخرى", "لا حاجة إلى إعادة",
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
	"aucune nouvelle tentative",
	"no se volvera a intentar",	/* no se volverá a intentar */
	"no volveremos a intentar",
	"nouvelle tentative ne sera pas effectuee",	/* effectuée */
	"will not succeed",	/* "Retrying will NOT succeed" (Yahoo) */
	/* Postfix's failure template; its delay template says "could not
	 * be delivered for 4 hour(s)" */
	"could not be delivered to one or more recipients",
	/* helper-184: no more tries, in helper-179's languages: "لن تتم
	 * إعادة المحاولة", "לא ננסה שוב", "دوبارہ کوشش نہیں کی جائے گی",
	 * "আর চেষ্টা করা হবে না", "se khong thu lai", "tidak akan mencoba
	 * lagi", "hindi na susubukan" */
	"لن تتم إعادة المحاولة", "لن نحاول مرة أخرى", "לא ננסה שוב",
	"לא יבוצעו ניסיונות נוספים", "دوباره تلاش نخواهد شد",
	"تلاش دیگری انجام نمی", "دوبارہ کوشش نہیں", "फिर से प्रयास नहीं",
	"दोबारा प्रयास नहीं", "दोबारा कोशिश नहीं", "আর চেষ্টা করা হবে না",
	"পুনরায় চেষ্টা করা হবে না", "மீண்டும் முயற்சிக்கப்படாது",
	"จะไม่ลองส่งอีก", "จะไม่พยายามส่งอีก", "khong thu lai",
	"khong gui lai nua", "tidak akan mencoba lagi",
	"tidak akan dicoba lagi",
	"tidak akan dicuba lagi", "tidak akan mencuba lagi",
	"hindi na susubukan", "hindi na muling susubukan",
	NULL
};

/* Words that make a final cue's sentence a condition or a plan. */
const char *const bounce_conditional_words[] = {
	/* whole words: a space before each ("motif : ..." holds no "if") */
	" if ",
	" until",
	" before ",
	" unless",
	" after that",
	" otherwise",
	" when ",
	" once ",
	NULL
};

/* A notice of success (OpenSMTPD, Exchange "Delivered:"), not a failure. */
const char *const bounce_success_cues[] = {
	"successfully delivered",
	"delivered successfully",
	"delivery succeeded",
	"delivery was successful",
	"delivery to these recipients or groups is complete",
	"delivery to the following recipients was complete",
	"your message was relayed to",
	"has been delivered to the following",
	"have been delivered to the following",
	/* a heading over the addresses reached: "Your message has been
	 * delivered to:" above a list, beside one of those delayed */
	"has been delivered to:",
	"have been delivered to:",
	"was delivered to:",
	"were delivered to:",
	"delivery to the following recipients succeeded",
	"delivery to the following recipient succeeded",
	"successfully relayed",
	"had successful deliveries",	/* Sendmail's return receipt */
	/* Sendmail's note beside an address its success report lists: the
	 * next hop takes no DSN, so the relay is all it can report */
	"relayed to non-dsn-aware mailer",
	/* Postfix local(8)'s note for an alias it expanded (success, action
	 * "expanded"): the alias's members get the mail, no failure */
	"alias expanded",
	"has been relayed to",
	"已成功投递",
	"已成功送达",
	"已成功收到",	/* (the recipients) have received (your mail) */
	"已成功送達",
	"配信しました",
	"配信が完了しました",
	"已送达",
	"已送達",
	"was delivered to the following",
	"were delivered to the following",
	"正常に配信されました",
	"성공적으로 전달되었습니다",
	/* Exchange's Korean relay report: "메시지를 배달했습니다" (delivered);
	 * a failure's "배달하지 못했습니다" is no match */
	"배달했습니다",
	/* Malay "Mesej anda telah dihantar kepada penerima atau kumpulan
	 * berikut" (your message has been delivered to these recipients) */
	"telah dihantar kepada penerima",
	"har levererats till",
	/*
	 * German headings over the addresses reached: "Ihre Nachricht wurde
	 * an folgende Empfänger zugestellt:", "... den folgenden Empfängern
	 * zugestellt:", Exchange's "Die Zustellung an folgende Empfänger
	 * oder Gruppen ist abgeschlossen:"; a "nicht" before the verb breaks
	 * each match
	 */
	"folgende empfanger zugestellt",
	"folgenden empfangern zugestellt",
	"gruppen ist abgeschlossen",
	NULL
};

/*
 * Verbs of delivery in a heading that ends in ':' over a list of addresses
 * ("Your message was delivered to the remaining recipients:", "Votre
 * courriel a été remis aux destinataires suivants :", "下列收件人已成功收到
 * 您的邮件："): those addresses were reached, unless the heading says a
 * failure, a delay or a negation of bounce_heading_negations.  Matched in
 * the heading folded, with a space at each end.
 */
const char *const bounce_success_heading_words[] = {
	" delivered to", " delivered successfully", " reached these",
	" reached the following", " message reached", " mail reached",
	" was received by", " were received by",
	"zugestellt",
	" remis a", " remis aux", " livre a", " livre aux", " delivre a",
	" delivre aux", " distribue a", " distribue aux",
	" entrego", " entregado", " entregada", " entregue", " entregues",
	" consegnato", " consegnata", " consegnati", " recapitato",
	" recapitata",
	" bezorgd", " afgeleverd",
	" dostarczona", " dostarczono", " dostarczony",
	" dotarla do", " dotarl do",	/* dotarła do: reached */
	" doruceno", " dorucena",	/* Czech doručeno */
	" levererats", " levert til", " leveret til",
	" teslim edildi",
	" доставлено", " доставлены", " доставлен ", " доставлена",
	"成功收到", "已收到", "已成功", "配信されました", "届きました",
	/* "전달되었지만" (delivered, but) too */
	"전달되었", "배달되었",
	/*
	 * the delivery's success said of the delivery ("Delivery to the
	 * following recipients was successful:", "... succeeded:", "...
	 * completed successfully:") in the same languages; "unsuccessful",
	 * "erfolglos", "mislukt", "başarısız", "neúspěšně" are no match
	 */
	" was successful", " were successful", " succeeded",
	" completed successfully", " successfully completed",
	" erfolgreich", " a reussi", " reussie", " avec succes",
	" con exito", " exitosa", " exitoso", " com sucesso",
	" bem-sucedida", " bem sucedida", " con successo", " completato",
	" completata", " riuscita", " geslaagd", " gelukt", " succesvol",
	" powiodlo sie", " pomyslnie", " uspesne", " uspesna",
	" lyckades", " vellykket", " lykkedes", " basarili", " basariyla",
	" успешно", "投递成功", "投遞成功", "发送成功", "發送成功",
	"送达成功", "送達成功", "配信に成功", "送信に成功", "성공적으로",
	/*
	 * the verb alone as the heading ("Delivered:", "Remis :",
	 * "Levererat:"); "Not delivered:", "Non remis :", "Nicht
	 * zugestellt:" are negated, "Undelivered:" is no match
	 */
	" delivered:", " delivered :", " remis:", " remis :", " livre:",
	" livre :", " levererat", " levererad", " levert:", " leveret:",
	NULL
};

/* What negates a heading's verb of delivery, in the same languages. */
const char *const bounce_heading_negations[] = {
	" not ", "n't ", " never ", " unable", " failed", "nicht", " kein",
	" pas ", " n'a ", " no ", " non ", " nao ", " niet ", " geen ",
	" nie ", " nebyl", " nemohl", " nelze", " nepodarilo", " inte ",
	" ikke ", "edilemedi",
	" не ", "未", "无法", "無法", "失败", "失敗", "不", "ません", "못",
	"않", "실패",
	/* helper-184's languages (bounce_success_headings): "Hindi ito
	 * naipadala sa:" is no heading of delivery */
	" hindi ", " tidak ", " tak ", " belum ", " khong ", " chua ",
	"ไม่", "नहीं", " न ", "নাই", " না ", "য়নি", "রেনি", "இல்லை",
	"வில்லை", " لم ", " لا ", " غير ", " לא ", "نشد", "نگردید",
	"نہیں",
	NULL
};

/*
 * The headings over the addresses reached in the languages of helper-179's
 * rows ("تم التسليم بنجاح إلى:", "נמסרה בהצלחה אל:", "با موفقیت تحویل
 * داده شد به:", "सफलतापूर्वक वितरित:", "Naipadala nang maayos sa:"); their
 * negations ("HINDI naipadala sa:", "Tidak berhasil dikirim ke:") are
 * failure words.  Headings only (bounce_section_success), no notice's
 * cue: "a : تم التسليم بنجاح" beside a failed address whose failure
 * words are no notice's cue makes no success notice.
 */
const char *const bounce_success_headings[] = {
	"تم التسليم بنجاح", "سلمت بنجاح", "تم تسليمها بنجاح", "נמסרה בהצלחה",
	"נמסר בהצלחה", "با موفقیت تحویل", "با موفقیت ارسال",
	"کامیابی سے پہنچا", "کامیابی سے بھیج", "کامیابی سے ترسیل",
	"सफलतापूर्वक पहुँचा", "सफलतापूर्वक पहुंचा", "सफलतापूर्वक वितरित",
	"सफलतापूर्वक भेज", "সফলভাবে পৌঁছে", "সফলভাবে পাঠানো",
	"সফলভাবে বিতরণ", "வெற்றிகரமாக வழங்கப்பட்டது",
	"வெற்றிகரமாக அனுப்பப்பட்டது", "ส่งสำเร็จ", "สำเร็จแล้ว",
	"gui thanh cong", "berhasil dikirim",
	"berhasil terkirim", "berjaya dihantar", "matagumpay na naipadala",
	"matagumpay na naihatid", "naipadala nang maayos",
	"naihatid nang maayos", "naipadala sa", "naihatid sa",
	NULL
};

/*
 * A person's absence, in the words of out-of-office replies that carry
 * no Auto-Submitted field and no telling subject ("Re: ..."): with no
 * daemon's evidence, such a message is an auto-reply.
 */
const char *const bounce_absence_cues[] = {
	"i am on annual leave",
	"i am on leave",
	"i'm on leave",
	"i am on holiday",
	"i am on vacation",
	"i'm on vacation",
	"i am out of the office",
	"i'm out of the office",
	"i am out of office",
	"i am currently out of the office",
	"i am away from the office",
	"no access to email",
	"no access to e-mail",
	"limited access to email",
	"limited access to e-mail",
	/* an autoresponder's own first line, with no telling field (Mautic's
	 * rule 0167) */
	"autoreply message from",
	"nicht im buro",	/* nicht im büro */
	"je suis absent",
	"estoy de vacaciones",
	"estoy fuera de la oficina",
	"sono fuori sede",
	"sono in ferie",
	"ik ben met vakantie",
	"ik ben afwezig",
	"estou de ferias",	/* estou de férias */
	"jestem na urlopie",
	"в отпуске",
	"jag ar pa semester",	/* jag är på semester */
	"jeg er pa ferie",	/* jeg er på ferie */
	"izindeyim",
	"正在休假",	/* (I) am on leave */
	"休假期间",	/* during my leave */
	"休假期間",
	/*
	 * an auto-reply saying what it is, under a person's reply prefix
	 * ("答复:", "Re:", "AW:") and with no field marking it
	 */
	"this is an automatic reply",
	"这是一封自动回复",	/* this is an automatic reply (mail) */
	"此邮件为自动回复",	/* this mail is an automatic reply */
	"このメールは自動返信",	/* this mail is an automatic reply */
	"dies ist eine automatische antwort",
	"ceci est une reponse automatique",	/* réponse */
	"esta es una respuesta automatica",	/* automática */
	"это автоматический ответ",
	NULL
};

/*
 * Prefixes a mail program puts before the subject of a reply or a
 * forward, in the languages of the auto-reply subjects above: such a
 * prefix before an auto-reply's subject is a person answering one.
 */
const char *const bounce_reply_subject_prefixes[] = {
	"re:", "re :", "fw:", "fwd:", "aw:", "wg:", "sv:", "vs:", "vl:",
	"tr:", "rv:", "r:", "res:", "enc:", "odp:", "antw:", "doorst:",
	"回复:", "回复：", "答复:", "答复：", "转发:", "转发：", "回覆:",
	"回覆：", "轉寄:", "轉寄：", "返信:", "転送:", "답장:", "전달:",
	NULL
};

/*
 * The prefixes above that answer a message rather than forward it: a
 * person's answer whose text quotes a message under its header block
 * ("From: / Sent: / To: / Subject:") quotes it as "> " lines would.
 */
const char *const bounce_answer_subject_prefixes[] = {
	"re:", "re :", "aw:", "sv:", "vs:", "r:", "res:", "odp:", "antw:",
	"回复:", "回复：", "答复:", "答复：", "回覆:", "回覆：", "返信:",
	"답장:", NULL
};

/*
 * A challenge-response system asking the sender to prove itself (TMDA,
 * sender-verification and guest-list services): an automatic answer of
 * the recipient's mailbox, not a failure, even where it says the message
 * "was not delivered yet" or imitates a daemon's words.
 */
const char *const bounce_challenge_cues[] = {
	"verify that you are a real person",
	"verify you are a real person",
	"verify that you are human",
	"verify you are human",
	"confirm that you are human",
	"confirm you are human",
	"confirm that you are a human",
	"confirm you are a human",
	"you are not a robot",
	"release your message for delivery",
	"challenge-response",
	"challenge/response",
	"dass sie ein mensch sind",
	"que vous etes une personne",	/* que vous êtes */
	"que vous etes un humain",
	"que es una persona",
	"que e uma pessoa",	/* que é uma pessoa */
	"不是机器人",	/* (confirm that you are) not a robot */
	"verify that you are a person",	/* Bluebottle-style verification */
	"my list of approved senders",	/* Spam Arrest */
	"one-time registration",	/* ChoiceMail */
	"dat u een mens bent",
	/*
	 * the request itself, in the words such services vary: "confirm
	 * that you are a person", "your message is waiting for your
	 * confirmation", "unconfirmed messages are deleted"
	 */
	"confirm that you are a person",
	"confirm you are a person",
	"confirm that you are a real person",
	"waiting for your confirmation",
	"awaiting your confirmation",
	"unconfirmed messages",
	"messages that are not confirmed",
	NULL
};

/*
 * A help desk's automatic acknowledgement that our message became a
 * request (Zendesk's "has been received and is being reviewed",
 * Zammad's "has been received and will be reviewed", Freshdesk's and
 * Jira Service Management's "we have received your request"), often
 * sent with no Auto-Submitted field or an auto-reply Subject: an
 * automatic answer, not a failure.
 */
/*
 * A notice saying of itself that it is no failure report: a delay
 * warning under a Subject that reads as a failure ("Undeliverable: ...",
 * "Delivery Status Notification (Failure)") is still a delay warning.
 */
const char *const bounce_not_final_cues[] = {
	"warning only",
	"warning message only",
	"just a warning",
	"only a warning",
	"advisory only",
	"advisory-only",
	"not a final failure",
	"not a final delivery failure",
	"not a final notice",
	"not a final bounce",
	"not been delivered yet",
	"not yet been delivered",
	/* "This is a transient failure notice. Your message has NOT been
	 * returned"; "you will be told if it finally fails" */
	"transient failure notice",
	"has not been returned",
	"will be told if",
	"will be notified if",
	"will be informed if",
	"nur eine warnung",
	"seulement un avertissement",
	"solo un aviso",
	/* "这只是一封提醒邮件" / "这只是一个警告" (only a reminder, a
	 * warning), Postfix's "This is a warning only" in Chinese */
	"只是一封提醒",
	"只是一个提醒",
	"只是一个警告",
	"只是一个通知",
	"只是一則提醒",
	NULL
};

/*
 * A ticket system's Subject over a message it files or passes on ("Ticket
 * #7302 created", "[Request #512] ...", "[JIRA] (SD-4)", "Case #88"):
 * a program's, not a person's.  Lower-cased.
 */
const char *const bounce_ticket_subjects[] = {
	"ticket #", "[ticket", "ticket created", "new ticket", "request #",
	"[request", "case #", "[jira]", NULL
};

/*
 * The line a help desk puts over its message for a reply to be cut
 * there ("##- Please type your reply above this line -##", "Reply above
 * this line"): a ticket system wrote the message, no person.  Each ends
 * in " above this line" (sent_by_program looks for that first).
 */
const char *const bounce_ticket_markers[] = {
	"reply above this line", "write above this line",
	"respond above this line", "response above this line", NULL
};

const char *const bounce_ack_cues[] = {
	"has been received and is being reviewed",
	"has been received and will be reviewed",
	"we have received your request",
	"we've received your request",
	/*
	 * Request Tracker's autoreply ("... in response to the creation of a
	 * trouble ticket regarding ...  Your ticket has been assigned an ID
	 * of ..."), OTRS's and osTicket's "a ticket has been created"
	 */
	"creation of a trouble ticket",
	"ticket has been assigned",
	"a ticket has been created",
	"your request has been received",
	NULL
};

/*
 * A mailing list's notice that it holds a post for its moderators
 * (Mailman's "awaits moderator approval", LISTSERV's "submitted to the
 * moderator", Sympa's "transmis aux modérateurs", a group service's
 * "pending moderation"): the list's words about our post, whoever sends
 * them and however they are marked, not a failure and not an absence.
 */
const char *const bounce_held_cues[] = {
	"awaiting moderator approval",
	"awaits moderator approval",
	"pending moderator approval",
	"waiting for moderator approval",
	"held for moderator approval",
	"awaiting approval by a moderator",
	/* Dada Mail's wording */
	"awaiting approval by a list moderator",
	"awaiting moderation",
	"awaits moderation",
	"pending moderation",
	"held for moderation",
	"in the moderation queue",
	"until the list moderator",
	"until a moderator",
	"until the moderator",
	"waiting for a moderator",
	"waiting for a list moderator",
	"waiting for the moderator",
	"submitted to the moderator",
	"forwarded to the moderator",
	"freigabe durch den moderator",
	"freigabe durch einen moderator",
	"bis der moderator",
	"wartet auf moderation",
	"en attente de moderation",	/* modération */
	"transmis aux moderateurs",
	"transmis au moderateur",
	"validation par un moderateur",
	"approbation du moderateur",
	"pendiente de moderacion",	/* moderación */
	"en espera de moderacion",
	"aprobacion del moderador",	/* aprobación */
	"aprobacion de un moderador",
	"in attesa di moderazione",
	"approvazione del moderatore",
	"aguardando moderacao",	/* moderação */
	"aprovacao do moderador",	/* aprovação */
	"goedkeuring door een moderator",
	"goedkeuring van de moderator",
	NULL
};

/*
 * Feedback-Types (RFC 5965, RFC 6591, RFC 6430) of reports that are no
 * reader's complaint: a failed DKIM or SPF check (DMARC's failure
 * reports), a message marked as not spam ("miscategorized" in the ARF
 * drafts some generators still follow), a virus found, and "other",
 * which RFC 5965 keeps for whatever is no abuse and no fraud.
 * Suppressing the reader for them would be wrong.
 */
const char *const bounce_feedback_not_complaint[] = {
	"auth-failure", "not-spam", "miscategorized", "virus", "other", NULL
};

/* Subjects of complaint notices that are no RFC 5965 report. */
const char *const bounce_complaint_subjects[] = {
	"complaint about message from",	/* Microsoft's JMRP */
	"[spamcop (",	/* SpamCop: "[SpamCop (URL) id:N]subject" */
	NULL
};

/*
 * The types of receipt (X-Ricevuta) an Italian PEC provider's notice
 * carries (DM 2 November 2005, its technical rules): "errore-consegna",
 * the notice of non-delivery, and "rilevazione-virus", the recipient's
 * provider refusing a message with a virus; "preavviso-errore-consegna"
 * is the warning sent when no delivery receipt came within 12 hours.
 * "accettazione", "presa-in-carico" and "avvenuta-consegna" say the
 * message went on; "non-accettazione" is our own provider's refusal.
 */
const char *const bounce_pec_failed_receipts[] = {
	"errore-consegna", "rilevazione-virus", NULL
};
const char *const bounce_pec_warning_receipts[] = {
	"preavviso-errore-consegna", NULL
};
