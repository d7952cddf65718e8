#!/bin/sh
# The bounce classifier on notices it has never seen: plain-text notices
# put together from 52 openings of MTAs and providers, current and older
# (failures and delay warnings), the shapes of a recipient's line, reasons, contact and
# sender lines, a daemon's (also unqualified, at an address literal or
# null) or a provider's From, a telling or a generic
# Subject, and the returned message's header block addressed to a list
# with an editor in Cc.  Each must come out as exactly its recipient(s)
# and kind: one failed recipient; or two failed beside a third said to be
# delivered; and, in 13 languages with their own labels ("Empfänger:",
# "Получатель:", "收件人："), one failed recipient; delay warnings as
# providers word them in eleven languages; and notices that name no
# failed recipient but other addresses (postmaster, help desk, sender,
# the list, a new address), which must name nobody.  Two shapes are left out on purpose: "To: a" (the returned
# message's header field, never a failed recipient by itself) and Exchange's
# "Name (a)" (a recipient only under a listing heading such as Exchange's).
# Every third notice is also sent with its lines longer than 60 bytes
# broken at a blank, as a gateway that wraps without joining writes it:
# the same recipients and kind.
cd "$(dirname "$0")/../.." || exit 1
if [ ! -x mailer/mailer ]; then
	echo "1..0 # SKIP mailer/mailer not built (run make)"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import email.header, itertools, json, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

tmp = sys.argv[1]
R = "anna.berg+news@example.net"
R2 = "olaf.dahl@example.com"
R3 = "pia.nyberg@example.org"
intros = {
 "postfix": "This is the mail system at host mx.example.org.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It's attached below.\n",
 "exim": "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n",
 "sendmail": "The original message was received at Thu, 3 Dec 2026 10:00:00 +0100\nfrom news.example.org [192.0.2.1]\n\n   ----- The following addresses had permanent fatal errors -----\n",
 "qmail": "Hi. This is the qmail-send program at mx.example.org.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n",
 "exchange": "Delivery has failed to these recipients or groups:\n",
 "generic1": "Your message could not be delivered to the following recipient:\n",
 "generic2": "We were unable to deliver your message.\n",
 "provider": "Sorry, we were unable to deliver your message to the following address.\n",
 "de": "Ihre Nachricht konnte nicht zugestellt werden.\n",
 "fr": "Votre message n'a pas pu etre remis aux destinataires suivants :\n",
 "listmention": "Your message to readers@lists.example.org could not be delivered to some of its recipients.\n",
 "subjmention": "Your message 'Issue 12' sent to readers@lists.example.org on 3 Dec 2026 was not delivered to the following recipient(s):\n",
 "notes": "Your message\n\n  Subject: Issue 12\n\nwas not delivered to:\n",
 "groupwise": "The message that you sent was undeliverable to the following:\n",
 "mdaemon": "The attached message had PERMANENT fatal delivery errors!\n\nAfter one or more unsuccessful delivery attempts the attached message has\nbeen removed from the mail queue on this server.\n",
 "yahoo": "Sorry, we were unable to deliver your message to the following address.\n",
 "hotmail": "This is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients failed.\n",
 "x400": "Your message was not delivered to the following recipients:\n",
 "mercury": "The following recipients could not be reached:\n",
 "courier": "This is a delivery status notification from mx.example.org,\nrunning the Courier mail server.\n\nThe original message was received on Thu, 3 Dec 2026\nfrom news.example.org [192.0.2.1]\n\n---------------------------------------------------------------------------\n\n                           UNDELIVERABLE MAIL\n\nYour message to the following recipients cannot be delivered:\n", # older MTAs' and providers' openings
 "yahoo-old": "Message from yahoo.com.\nUnable to deliver message to the following address(es).\n",
 "aol-old": "Your mail to the following recipients could not be delivered:\n",
 "hotmail-old": "This is an automatically generated Delivery Status Notification.\n\nUnable to deliver message to the following recipients, due to being unable to connect successfully to the destination mail server.\n",
 "exch55": "Your message did not reach some or all of the intended recipients.\n\n      Subject:  Issue 12\n      Sent:     12/3/2026 10:00 AM\n\nThe following recipient(s) could not be reached:\n",
 "gmail-old": "This is an automatically generated Delivery Status Notification\n\nDelivery to the following recipient failed permanently:\n",
 "notes-old": "This Message was undeliverable due to the following reason:\n",
 "imail": "Could not deliver message to the following recipient(s):\n",
 "mailnotdel": "Mail was not delivered to the following recipients:\n",
 "encountered": "Your message has encountered delivery problems to the following recipient(s):\n",
 "hadproblems": "----- The following addresses had delivery problems -----\n",
 "sorrycould": "Sorry. Your message could not be delivered to:\n",
 "errorduring": "An error occurred while trying to deliver this message to the recipient's e-mail address.\n",
 "autogen": "This is an automatically generated message from mailer.example.org.\nThe message could not be delivered to the following recipient:\n",
 "wasnotdel": "Your message was not delivered because of a problem with the recipient address below.\n",
 "bounced": "Your message bounced. The following recipient address was rejected:\n",
 "returned": "The message you sent was returned. The delivery failed for:\n",
 "permfail": "PERMANENT FAILURE: the message below could not be delivered to the recipient listed.\n",
 "nondeliv": "Non-delivery report: the following recipient is unreachable.\n",
 "mailsys": "The mail system was unable to deliver your message.\n",
}
delay_intros = {
 "postfix-delay": "This is the mail system at host mx.example.org.\n\n####################################################################\n# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n####################################################################\n\nYour message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n",
 "generic-delay": "Delivery to the following recipient has been delayed. The server will keep trying for 2 more days.\n",
 "exim-delay": "This message was created automatically by mail delivery software.\nA message that you sent has not yet been delivered to one or more of its\nrecipients after more than 24 hours on the queue on mx.example.org.\n\nThe address to which the message has not yet been delivered is:\n",
 "sendmail-delay": "**********************************************\n**      THIS IS A WARNING MESSAGE ONLY      **\n**  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n**********************************************\n\nThe original message was received at Thu, 3 Dec 2026 10:00:00 +0100\n\n   ----- Transcript of session follows -----\nWarning: message still undelivered after 4 hours\nWill keep trying until message is 5 days old\n",
 "courier-delay": "                        DELAYED DELIVERY NOTICE\n\nThis is a delivery status notification from mx.example.org.\nYour message to the following recipients has been delayed. Delivery will be attempted again.\n",
 "exchange-delay": "Delivery is delayed to these recipients or groups:\n",
 "lotus-delay": "Your message has not been delivered yet. The server will continue to try to deliver it.\n", "exim-old-delay": "This message was created automatically by mail delivery software.\n\nA message that you sent has not yet been delivered to one or more of its recipients after more than 24 hours on the queue.\n\nThe message identifier is:     1aBc-000Def-GH\nThe subject of the message is: Issue 12\n\nThe address to which the message has not yet been delivered is:\n",
 "ms-delay": "This is an automatically generated Delivery Status Notification.\n\nTHIS IS A WARNING MESSAGE ONLY.\n\nYOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\nDelivery to the following recipients has been delayed.\n",
 "aol-delay": "Your message to the recipient below has not been delivered yet; we will keep trying for up to 3 days.\n",
 "iplanet-delay": "This report relates to a message you sent with the following header fields:\n\n  Subject: Issue 12\n\nYour message has been delayed and is still awaiting delivery to the following recipient(s):\n",
 "mdaemon-delay": "The attached message has not been delivered yet. Delivery will be attempted again; you will be notified if it fails.\n",
 "domino-delay2": "Delivery of your message is delayed. The following recipient has not received it yet:\n",
}
forms = {
 "angle-colon": "<{r}>: host mx.example.net[192.0.2.9] said: {c}\n",
 "bare-indented": "  {r}\n    {c}\n",
 "bare": "{r}\n{c}\n",
 "angle-alone": "<{r}>\n{c}\n",
 "ellipsis": "{r}... {c}\n",
 "rcpt-to": "RCPT TO:<{r}>\n{c}\n",
 "label": "Recipient: {r}\nReason: {c}\n",
 "name-paren": "Anna Berg ({r})\n{c}\n",
 "sentence": "The address {r} was rejected: {c}\n",
 "quoted": "'{r}' {c}\n",
 "failed-rcpt": "Failed recipient: {r}\nReason: {c}\n",
 "dash": "{r} - {c}\n",
 "colon-after": "{r}: {c}\n",
 "reason-first": "{c}:\n  {r}\n",
 "paren-reason": "<{r}> ({c})\n",
 "address-label": "Address: {r}\nError: {c}\n",
 "on-date": "      {r} on 12/03/2026 10:00 AM\n            {c}\n",
 "to-label": "To: {r}\n{c}\n",
 "transcript": "   ----- Transcript of session follows -----\n>>> RCPT TO:<{r}>\n<<< {c}\n",
 "transcript-ok-first": "   ----- Transcript of session follows -----\n>>> RCPT TO:<pia.nyberg@example.org>\n<<< 250 2.1.5 Ok\n>>> RCPT TO:<{r}>\n<<< {c}\n",
 "reason-contact": "<{r}>: {c}; for help write to support@mx.example.net or see https://mx.example.net/help\n",
 "smtp-said": "SMTP error from remote mail server after RCPT TO:<{r}>:\n    host mx.example.net [192.0.2.9]: {c}\n",
 "original-rcpt": "Original recipient: <{r}>\nFinal recipient: <{r}>\nStatus: {c}\n",
 "failed-for": "Delivery failed for {r}: {c}\n",
 "mail-for": "Mail for {r} could not be delivered: {c}\n",
 "paren-alone": "({r})\n{c}\n",
 "bracket-prose": "Your message wasn't delivered to [{r}] because of this error: {c}\n",
 "dquoted-prose": "Delivery to \"{r}\" failed: {c}\n",
 "mailto": "{r}<mailto:{r}>\n{c}\n",
 "arrow": "   -> {r}\n      {c}\n",
 "fat-arrow": "=> {r}: {c}\n",
 "numbered": "1. {r}: {c}\n",
 "bullet-paren": "- {r} ({c})\n",
 "addressee": "Addressee: {r}\n{c}\n",
 "recipient-address": "Recipient address: {r}\nReason: {c}\n",
 "self-named": "{r} <{r}>\n{c}\n",
 "reason-colon": "{c}: {r}\n",
 "could-not-to": "Could not deliver to {r}: {c}\n",
 "rcpt-rejected": "Recipient <{r}> rejected: {c}\n",
}
codes = {
 "5.1.1": "550 5.1.1 User unknown",
 "mbxfull": "552 5.2.2 Mailbox full",
 "nocode": "No such user here",
 "host": "Host or domain name not found",
}
extras = {
 "none": "",
 "postmaster": "\nFor further assistance, please send mail to postmaster@mx.example.org.\n",
 "helpdesk": "\nIf you need help, contact the help desk at helpdesk@example.org or call +1 555 0100.\n",
 "sender": "\nThe message was sent by news@example.org to readers@lists.example.org.\n",
 "sig": "\n-- \nMail Operations <ops@example.org>\n",
 "forwardnote": "\nNote: mail for this domain is forwarded to relay.example.net; reply to support@example.net for help.\n",
 "unsub": "\nTo stop receiving these notices, write to unsubscribe@example.org.\n",
}
orig = ("\n------ This is a copy of the message's headers. ------\n\n"
        "Return-Path: <bounces+k77@news.example.org>\nFrom: Newsletter <news@example.org>\n"
        "To: readers@lists.example.org\nCc: editor@example.org\nSubject: Issue 12\n"
        "Message-ID: <gram-orig@example.org>\n")

for k in ("to-label", "name-paren"):
    del forms[k]
ok_lines = {
    "none": "",
    "delivered-line": "\nThe message was successfully delivered to {d}.\n",
    "delivered-label": "\nRecipient: {d}\nStatus: delivered\n",
    "delivered-heading": "\nThe following address(es) were delivered successfully:\n  {d}\n",
}
langs = {
 "de": ("Ihre Nachricht konnte nicht zugestellt werden.\nDie Zustellung an folgende Empfänger ist fehlgeschlagen:\n", "Empfänger", "Grund", "Unzustellbar: Newsletter"),
 "fr": ("Votre message n'a pas pu être remis aux destinataires suivants :\n", "Destinataire", "Raison", "Non remis : Lettre d'information"),
 "es": ("No se ha podido entregar su mensaje a los siguientes destinatarios:\n", "Destinatario", "Motivo", "No se puede entregar: Boletín"),
 "it": ("Non è stato possibile recapitare il messaggio ai seguenti destinatari:\n", "Destinatario", "Motivo", "Non recapitabile: Notiziario"),
 "pt": ("Não foi possível entregar a sua mensagem aos seguintes destinatários:\n", "Destinatário", "Motivo", "Não é possível entregar: Boletim"),
 "nl": ("Uw bericht kon niet worden afgeleverd bij de volgende ontvangers:\n", "Ontvanger", "Reden", "Onbestelbaar: Nieuwsbrief"),
 "pl": ("Wiadomość nie została dostarczona do następujących adresatów:\n", "Adresat", "Powód", "Wiadomość niedostarczona"),
 "ru": ("Ваше письмо не было доставлено следующим получателям:\n", "Получатель", "Причина", "Письмо не доставлено"),
 "zh": ("您的邮件无法投递到以下收件人：\n", "收件人", "原因", "系统退信"),
 "ja": ("次の宛先へのメッセージの配信に失敗しました。\n", "宛先", "理由", "配信不能: ニュースレター"),
 "ko": ("다음 수신자에게 메일이 전달되지 못했습니다.\n", "수신자", "원인", "메일 전송 실패"),
 "sv": ("Meddelandet kunde inte levereras till följande mottagare:\n", "Mottagare", "Orsak", "Kunde inte levereras: Nyhetsbrev"),
 "tr": ("İletiniz aşağıdaki alıcılara teslim edilemedi:\n", "Alıcı", "Neden", "İleti teslim edilemedi"),
}
lforms = {
 "label": "{L}: {r}\n{W}: {c}\n",
 "label-space": "{L} : {r}\n{W} : {c}\n",
 "bare-indented": "  {r}\n    {c}\n",
 "angle-colon": "<{r}>: {c}\n",
 "label-angle": "{L}: <{r}>\n{W}: {c}\n",
}
lextras = {"none": "", "contact": "\nKontakt / contact: postmaster@mx.example.org, support@example.org\n",
           "sender": "\nAbsender / sender: news@example.org\n"}
delays = {
 "gmail": "Delivery incomplete\nThere was a temporary problem delivering your message to {r}. Gmail will retry for 47 more hours. You'll be notified if the delivery fails permanently.\n",
 "still": "Your message to {r} is delayed. The recipient's server did not respond; we are still trying.\n",
 "quota": "Temporary failure for {r}: the recipient's mailbox is over quota. Your message remains in the queue and will be retried.\n",
 "zh": "您发送给 {r} 的邮件暂时无法投递，系统将继续尝试投递。\n",
 "de": "Ihre Nachricht an {r} konnte bisher nicht zugestellt werden. Es wird weiter versucht, die Nachricht zuzustellen.\n",
 "fr": "Votre message pour {r} n'a pas encore pu être remis. Une nouvelle tentative sera effectuée.\n",
 "es": "Su mensaje para {r} aún no ha sido entregado. Se volverá a intentar la entrega.\n",
 "ja": "{r} へのメッセージの配信が遅れています。引き続き配信を試みます。\n",
 "it": "Il messaggio per {r} non è stato ancora consegnato. Verrà effettuato un nuovo tentativo.\n",
 "pt": "A sua mensagem para {r} ainda não foi entregue. Será feita uma nova tentativa.\n",
 "nl": "Uw bericht aan {r} is nog niet afgeleverd. Er wordt opnieuw geprobeerd het bericht af te leveren.\n",
 "ru": "Ваше письмо для {r} пока не доставлено. Попытки доставки будут продолжены.\n",
 "retrylist": "The following recipient has not yet received your message; delivery will be attempted again later:\n\n  {r}\n",
 "deferred": "Message delivery to {r} has been deferred (421 4.7.0 try again later). No action is required on your part.\n",
}
noforms = {
 "reason-only": "{c}\n",
 "host-only": "host mx.example.net[192.0.2.9] said: {c}\n",
 "local-only": "anna.berg: {c}\n",
 "withheld": "<recipient withheld>: {c}\n",
}
extras2 = dict(extras)
extras2.update({
 "reply-to": "\nReplies to this notice go to noreply@mx.example.org.\n",
 "sent-by": "\nThe original message was sent by news@example.org.\n",
 "msg-to-list": "\nYour message to readers@lists.example.org was not delivered to all of its recipients.\n",
 "abuse": "\nReport abuse to abuse@mx.example.org.\n",
 "moved": "\nThe user has moved; the new address is anna.new@example.com.\n",
 "orig-addressed": "\nThe original message was addressed to readers@lists.example.org.\n",
})
DELAY_SUBJECTS = ("Delayed Mail (still being retried)", "Warning: message delayed",
                  "Delivery Status Notification (Delay)")
HEAD = ("From: %s\nTo: bounces+k77@news.example.org\nSubject: %s\n"
        "Date: Thu, 3 Dec 2026 10:00:00 +0000\nMessage-ID: <g%d@mx.example.org>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n")
FROMS = ("Mail Delivery System <MAILER-DAEMON@mx.example.org>",
         "Mail Service <notify@mail.example.org>",
         # as older and local MTAs write it: unqualified, literal, null
         "Mail Delivery Subsystem <MAILER-DAEMON>",
         "MAILER-DAEMON (Mail Delivery System)",
         "Postmaster <postmaster@[192.0.2.1]>",
         "\"Mail Delivery System\" <>")

def subject(i, delay):
    if (i // 2) % 2:
        return "Mail delivery notification"
    return ("Delayed Mail (still being retried)" if delay
            else "Undelivered Mail Returned to Sender")

def cases():
    """(text, kind, recipients, what) for every combination."""
    every = list(intros.items()) + list(delay_intros.items())
    for (ik, it), (fk, ft), (ck, ct), (xk, xt) in itertools.product(
            every, forms.items(), codes.items(), extras.items()):
        yield (it + "\n" + ft.format(r=R, c=ct) + xt + orig,
               "delay" if ik in delay_intros else "bounce", [R],
               "%s/%s/%s/%s" % (ik, fk, ck, xk))
    for (ik, it), (fk, ft), (ok, ot) in itertools.product(
            every, forms.items(), ok_lines.items()):
        yield (it + "\n" + ft.format(r=R, c="550 5.1.1 User unknown") + "\n" +
               ft.format(r=R2, c="552 5.2.2 Mailbox full") + ot.format(d=R3) +
               orig, "delay" if ik in delay_intros else "bounce",
               sorted([R, R2]), "%s/%s/two+%s" % (ik, fk, ok))

def lang_cases():
    """The same, in the languages notices are written in, with their labels."""
    for (lk, (it, lab, why, subj)), (fk, ft), (ck, ct), (xk, xt) in \
            itertools.product(langs.items(), lforms.items(), codes.items(),
                              lextras.items()):
        yield (it + "\n" + ft.format(r=R, c=ct, L=lab, W=why) + xt + orig,
               subj, [R], "%s/%s/%s/%s" % (lk, fk, ck, xk))

def other_cases():
    """Notices that name no failed recipient, beside other addresses."""
    every = list(intros.items()) + list(delay_intros.items())
    for (ik, it), (fk, ft), (ck, ct), (xk, xt) in itertools.product(
            every, noforms.items(), codes.items(), extras2.items()):
        yield (it + "\n" + ft.format(c=ct) + xt + orig, None, [],
               "%s/%s/%s/%s" % (ik, fk, ck, xk))

def delay_cases():
    """Delay warnings worded as providers word them, in eleven languages."""
    for (dk, dt), sj in itertools.product(delays.items(), DELAY_SUBJECTS):
        yield dt.format(r=R) + orig, sj, [R], "%s/%s" % (dk, sj)

def notices():
    """(text, subject, kind, recipients, what) of every notice."""
    for i, (text, kind, rcpts, what) in enumerate(cases()):
        yield text, subject(i, kind == "delay"), kind, rcpts, what
    for text, subj, rcpts, what in lang_cases():
        yield text, subj, "bounce", rcpts, what
    for i, (text, _, rcpts, what) in enumerate(other_cases()):
        yield text, subject(i, False), "other", rcpts, what
    for text, subj, rcpts, what in delay_cases():
        yield text, subj, "delay", rcpts, what

def encoded(subj):
    return subj if subj.isascii() else email.header.Header(subj, "utf-8").encode()

def wrap60(text):
    """text with each line longer than 60 bytes broken at its last blank
    before that, up to the returned header block."""
    body, sep, rest = text.partition(orig) if text.endswith(orig) else \
        (text, "", "")
    out = []
    for line in body.split("\n"):
        while len(line.encode()) > 60:
            k = line.rfind(" ", 0, 61)
            if k <= len(line) - len(line.lstrip()):
                break
            out.append(line[:k])
            line = line[k + 1:]
        out.append(line)
    return "\n".join(out) + sep + rest

def parse_500(paths):
    out = subprocess.run(["mailer/mailer", "bounces", "parse"] + paths,
                         capture_output=True, check=True).stdout
    return [json.loads(l) for l in out.decode().splitlines()]

# Each 500 notices are parsed while the next are written, two processes
# at once: the tests run one script at a time on two cores.
ex = ThreadPoolExecutor(2)

def flush(ps, fs, last=False):
    """Starts parsing each whole 500 of ps not yet started (and the rest,
    when last); fs, the parses started."""
    while len(ps) - 500 * len(fs) >= (1 if last else 500):
        fs.append(ex.submit(parse_500, ps[500 * len(fs):500 * len(fs) + 500]))

def parsed(fs):
    return [d for f in fs for d in f.result()]

paths, want, wpaths, wwant, pf, wf = [], [], [], [], [], []
for i, (text, subj, kind, rcpts, what) in enumerate(notices()):
    head = HEAD % (FROMS[i % len(FROMS)], encoded(subj), i)
    p = os.path.join(tmp, "g%06d.eml" % i)
    with open(p, "w", encoding="utf-8") as f:
        f.write(head + text)
    paths.append(p)
    want.append((kind, rcpts, what))
    if i % 3 == 0 and wrap60(text) != text:
        p = os.path.join(tmp, "w%06d.eml" % i)
        with open(p, "w", encoding="utf-8") as f:
            f.write(head + wrap60(text))
        wpaths.append(p)
        wwant.append((kind, rcpts, "wrapped " + what))
    flush(paths, pf)
    flush(wpaths, wf)
flush(paths, pf, True)
flush(wpaths, wf, True)

def wrong(want, got):
    wrong_rcpt, wrong_kind = [], []
    for (kind, rcpts, what), d in zip(want, got):
        found = sorted(r["address"].lower() for r in d["recipients"])
        if found != rcpts:
            wrong_rcpt.append((what, d["kind"], found))
        elif d["kind"] != kind:
            wrong_kind.append((what, d["kind"], found))
    for w in (wrong_rcpt + wrong_kind)[:15]:
        print("# %s: %s %s" % w)
    return wrong_rcpt, wrong_kind

got = parsed(pf)
print("1..4")
print("%s 1 - one output line a notice (%d notices)" %
      ("ok" if len(got) == len(paths) else "not ok", len(paths)))
wrong_rcpt, wrong_kind = wrong(want, got)
print("%s 2 - exactly the failed recipients in every notice (%d wrong)" %
      ("not ok" if wrong_rcpt else "ok", len(wrong_rcpt)))
print("%s 3 - the right kind in every notice (%d wrong)" %
      ("not ok" if wrong_kind else "ok", len(wrong_kind)))
wgot = parsed(wf)
wr, wk = wrong(wwant, wgot)
print("%s 4 - the same in %d notices wrapped at 60 bytes (%d wrong)" %
      ("not ok" if wr or wk or len(wgot) != len(wpaths) or not wpaths
       else "ok", len(wpaths), len(wr) + len(wk)))
PY
