#!/bin/sh
# Precision properties of the bounce classifier that must hold on any
# message, checked by changing each message of the corpora (the shared
# development set read in place, the MTA set, the format samples) and
# parsing it again; the changed copies live only in a temporary folder:
#  - the returned message's To/Cc addresses become fresh ones: no fresh
#    address may come out (the original's To alone is no failed recipient);
#  - contact and sender addresses written into the notice text (help desk,
#    administrator, "sent by") never come out, and the recipients found
#    stay the same;
#  - addresses in the returned message's body (a newsletter names its
#    editors, a reader quotes another) never come out, and the recipients
#    found stay the same;
#  - the notice's text sent as base64 or quoted-printable instead of as
#    it is, or every line ended by CRLF: the same kind and recipients;
#  - each labelled recipient renamed to an address of each of eleven
#    other shapes (an apostrophe, capitals, digits, a tag, long local
#    parts and domains): the same kind, and the renamed recipients;
#  - a mail system's From written in each of the ways older and local
#    MTAs write it (unqualified, at an address literal, null): the same
#    kind and recipients;
#  - the notice's text in capitals, as old gateways write it: the same
#    kind and recipients (compared without case);
#  - the notice's text with blanks ending every line, as some systems pad
#    it: the same kind and recipients;
#  - the notice's text with every line longer than 72 bytes broken at its
#    last blank before that, as a gateway or a client that wraps long
#    lines without joining short ones writes it: the same kind and
#    recipients;
#  - a report's delivery-status part taken out, as the many MTAs that
#    write only the text do: no address that the whole report did not
#    name, and those it names with the same kind (a notice of success
#    stays one without the part that says so);
#  - a report's human-readable text taken out, leaving the report: no
#    address that the whole notice did not name, the same kind, and none
#    hard that the whole notice gave as soft (the report's generic
#    "Status: 5.0.0" is no more than its Diagnostic-Code's "450 4.7.1");
#  - each recipient's entry in Postfix's form ("<a>: host h said: ...",
#    its server's reply on indented lines below) written on one line, and
#    folded at 50 bytes, as other MTAs and versions fold it: the same kind,
#    recipients and hard or soft for each;
#  - the value of every "Subject:" line in a notice's body (the returned
#    message's, in its header or in the notice's account of it) written
#    in words of failures, delays and deliveries, as a newsletter may be
#    titled (a reply's "RE:" before it kept), and so the notice's own
#    Subject where it repeats it in a notice with the returned header
#    attached: the same kind, recipients and hard or soft for each;
#  - a returned copy of one of our newsletters appended to a notice's text
#    that has none, with no line announcing it (its header opening with
#    Return-Path, as many MTAs quote it, and carrying DKIM-Signature,
#    List-Unsubscribe, Precedence and Feedback-ID): no address of it comes
#    out, and the same kind, recipients and hard or soft for each.
cd "$(dirname "$0")/../.." || exit 1
if [ ! -x mailer/mailer ]; then
	echo "1..0 # SKIP mailer/mailer not built (run make)"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" "${MAILER_SHARED:-../shared}/corpus/bounces" \
    tests/data/mta-bounces tests/data/bounce-formats <<'PY'
import base64, email, email.policy, os, quopri, re, sys
sys.path.insert(0, "tests/lib")
import bounce_score

tmp = sys.argv[1]
corpora = [c for c in sys.argv[2:]
           if os.path.isfile(os.path.join(c, "labels.jsonl"))]
CANARY = "canary.example"
CONTACT = ("If you need assistance, please contact zz-help@%s or write to "
           "the administrator at zz-admin@%s.\nThis notice was sent by "
           "zz-sender@%s on behalf of <zz-relay@%s>.\n\n" % ((CANARY,) * 4))

def rename_to(raw):
    """The To:/Cc: lines after the notice's own header get fresh addresses."""
    head, sep, body = raw.partition(b"\n\n")
    if not sep:
        return None
    n = [0]
    def fresh(m):
        n[0] += 1
        return b"zz-to%d@%s" % (n[0], CANARY.encode())
    def field(m):
        return re.sub(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+",
                      fresh, m.group(0))
    body = re.sub(rb"(?im)^(to|cc):[^\n]*(\n[ \t][^\n]*)*", field, body)
    return head + sep + body if n[0] else None

def add_contact(raw):
    """CONTACT at the start of the first plain-text part not in base64."""
    text = CONTACT.encode()
    head, sep, body = raw.partition(b"\n\n")
    if not sep:
        return None
    if not re.search(rb"(?im)^content-type:\s*multipart", head):
        if re.search(rb"(?im)^content-transfer-encoding:\s*base64", head) \
                or re.search(rb"(?im)^content-type:\s*(?!\s|text/plain)", head):
            return None
        return head + sep + text + body if plain_words(body) else None
    for m in re.finditer(rb"(?ims)^content-type:\s*text/plain.*?\n\n", body):
        part_head = m.group(0)
        if re.search(rb"(?i)content-transfer-encoding:\s*base64",
                     part_head) or b"\n--" in part_head:
            continue
        return head + sep + body[:m.end()] + text + body[m.end():]
    return None

BODY = ("Dear reader,\n\nreader.one@%s wrote:\n> Please write to "
        "editor@%s with questions.\nSend corrections to <fix@%s>.\n"
        "Recipient: member@%s\n\n" % ((CANARY,) * 4)).encode()

def orig_body(raw):
    """BODY at the start of the returned message's body (message/rfc822).
    Not when that message is a mail daemon's plain-text notice (a list
    server or a rule passing it on): its body is the notice read."""
    m = re.search(rb"(?ims)^content-type:\s*message/rfc822[^\n]*\n"
                  rb"(?:[^\n]+\n)*\n", raw)
    e = raw.find(b"\n\n", m.end()) if m else -1
    if e < 0:
        return None
    if re.search(rb"(?im)^from:[^\n]*(mailer-daemon|postmaster)",
                 raw[m.end():e]) and not re.search(
                     rb"(?im)^content-type:\s*multipart", raw[m.end():e]):
        return None
    return raw[:e + 2] + BODY + raw[e + 2:]

def first_text(raw):
    """(start of the text's header, its end, end of the text) of the
    notice's first plain-text part sent as it is, or None."""
    head, sep, body = raw.partition(b"\n\n")
    if not sep:
        return None
    if not re.search(rb"(?im)^content-type:\s*multipart", head):
        if re.search(rb"(?im)^content-transfer-encoding:\s*(base64|quoted)",
                     head) or re.search(rb"(?im)^content-type:\s*"
                                        rb"(?!\s|text/plain)", head):
            return None
        return (0, len(head) + 1, len(raw))
    m = re.search(rb"(?ims)^--([^\n]*)\n((?:[^\n]+\n)*?content-type:\s*"
                  rb"text/plain[^\n]*\n(?:[^\n]+\n)*)\n", body)
    if not m or re.search(rb"(?i)content-transfer-encoding:\s*(base64|quoted)",
                          m.group(2)):
        return None
    # the text may have lines of its own starting "--"
    end = body.find(b"\n--" + m.group(1).rstrip(), m.end())
    if end < 0:
        return None
    off = len(head) + 2
    return (off + m.start(2), off + m.end(2), off + end)

def encoded(raw, name, enc):
    t = first_text(raw)
    if not t:
        return None
    hs, he, te = t
    ph = re.sub(rb"(?im)^content-transfer-encoding:[^\n]*\n?", b"",
                raw[hs:he]).rstrip(b"\n")
    if hs == 0 and not re.search(rb"(?im)^content-type:", ph):
        ph += b"\nContent-Type: text/plain; charset=us-ascii"
    text = raw[he + 1:te] + (b"\n" if hs else b"")
    if hs == 0 and not re.search(rb"(?im)^mime-version:", ph):
        ph += b"\nMIME-Version: 1.0"	# else the encoding means nothing
    return (raw[:hs] + ph + b"\nContent-Transfer-Encoding: " + name +
            b"\n\n" + enc(text).rstrip(b"\n") + raw[te:])

# addresses people have: a notice must read them all the same way
SHAPES = ("o'brien@example.ie", "First.Last+news@Mail.Example-Host.co.uk",
          "12345@example.com", "ALLCAPS.ADDR@EXAMPLE.COM", "ab@cd.ef",
          "user_name-1@sub.sub2.example.museum", "kim=lee@example.net",
          "a.very.long.local.part.with.many.dots.and.words.in.it.x@"
          "example.org", "hy-phen--double@xn--exmple-cua.example",
          "D'Arcy.Smith@Example.co.uk", "r2d2@192-0-2-7.example.net")
renames = {}

def reshapes(raw, lab):
    """Copies of raw, one a shape, in which each labelled recipient is
    written as an address of that shape (the next ones for a second and
    third recipient), where every mention of it can be seen (no encoded
    text, no xtext); with each copy, the renaming."""
    if re.search(rb"(?im)^content-transfer-encoding:\s*(base64|quoted)",
                 raw) or re.search(rb"=\?[^?]+\?[bq]\?", raw, re.I):
        return []
    rc = [r["address"] for r in lab.get("recipients", []) if r.get("address")]
    if not rc or not all(a.isascii() for a in rc):
        return []
    pats = [re.compile(re.escape(a.encode()), re.I) for a in rc]
    if not all(p.search(raw) for p in pats):
        return []
    out = []
    for s in range(len(SHAPES)):
        new, m = raw, {}
        for j, (a, pat) in enumerate(zip(rc, pats)):
            shape = SHAPES[(s + j) % len(SHAPES)]
            new = pat.sub(lambda _: shape.encode(), new)
            # GroupWise names the mailbox alone at a line's start: that
            # mention is renamed with it
            alone = re.compile(rb"(?m)^([ \t]*)" +
                               re.escape(a.split("@")[0].encode()) +
                               rb"(?=[ \t(:\r\n])", re.I)
            new = alone.sub(lambda x: x.group(1) +
                            shape.split("@")[0].encode(), new)
            m[a.lower()] = shape.lower()
        out.append((new, m))
    return out

OLD_FROMS = (b"From: Mail Delivery Subsystem <MAILER-DAEMON>",
             b"From: MAILER-DAEMON (Mail Delivery System)",
             b"From: Postmaster <postmaster@[192.0.2.1]>",
             b"From: \"Mail Delivery System\" <>")

def old_froms(raw):
    """Copies of raw with a daemon's From (MAILER-DAEMON@, postmaster@) in
    each of the older forms."""
    head, sep, body = raw.partition(b"\n\n")
    m = re.search(rb"(?im)^from:[^\n]*(\n[ \t][^\n]*)*", head)
    if not sep or not m or not re.search(rb"(?i)(mailer-daemon|postmaster)@",
                                         m.group(0)):
        return []
    return [head[:m.start()] + f + head[m.end():] + sep + body
            for f in OLD_FROMS]

COPY_START = re.compile(rb"(?im)^(-+ ?(original message|below this line|the "
                        rb"original message|this is a copy)|--- original|"
                        rb"return-path:|received:)")

def plain_words(text):
    """Whether text is words a change of case or line breaks keeps:
    not a JSON event, not ISO-2022 text (its escapes switch to a 7-bit
    encoding in which letters are bytes of other characters)."""
    return not text.lstrip().startswith(b"{") and b"\x1b" not in text

def notice_text(raw, change):
    """raw with change() applied to the notice's first plain text sent as
    it is, up to the returned copy; None when that changes nothing."""
    t = first_text(raw)
    if not t:
        return None
    hs, he, te = t
    text = raw[he + 1:te]
    m = COPY_START.search(text)
    cut = m.start() if m else len(text)
    new = change(text[:cut])
    if new is None or new == text[:cut]:
        return None
    return raw[:he + 1] + new + text[cut:] + raw[te:]

def capitals(text):
    """text in capitals; in 8-bit text that is not UTF-8 (GBK, Big5,
    Shift_JIS declared or not), the byte after one from 0x81 is kept: it
    may be the second byte of a character, an ASCII letter's byte in
    Big5 and GBK, which upper() would make another character."""
    if not plain_words(text):
        return None
    try:
        text.decode("utf-8")
        return text.upper()
    except UnicodeDecodeError:
        pass
    out, i = bytearray(), 0
    while i < len(text):
        if text[i] >= 0x81 and i + 1 < len(text):
            out += text[i:i + 2]
            i += 2
        else:
            out += text[i:i + 1].upper()
            i += 1
    return bytes(out)

def trailing(text):
    return re.sub(rb"(?m)$", b"  ", text)

def wrap_line(line, width=72):
    out = []
    while len(line) > width:
        k = line.rfind(b" ", 0, width + 1)
        if k <= len(line) - len(line.lstrip()):
            break	# no blank to break at: left long, as a wrapper does
        out.append(line[:k])
        line = line[k + 1:]
    return out + [line]

def wrapped(text):
    if not plain_words(text):
        return None
    return b"\n".join(x for line in text.split(b"\n")
                      for x in wrap_line(line))

def report_rcpts(raw):
    """The addresses a report names as recipients (Final-, Original- and
    Sendmail's X-Actual-Recipient: the address an alias led to) and the
    returned message's sender, whom a notice of a bounce that could not
    be returned (Sendmail's "Postmaster notify") lists as failed."""
    fields = (rb"(?im)^(?:final|original|x-actual)-recipient:[^;\n]*;\s*"
              rb"<?([^\s<>]+@[^\s<>]+?)>?\s*$")
    sender = (rb"(?im)^(?:from|return-path):[^\n]*?"
              rb"<?([^\s<>\"]+@[^\s<>\"]+?)>?\s*$")
    found = re.findall(fields, raw)
    if found:
        found += re.findall(sender, raw.partition(b"\n\n")[2])
    return set(a.decode("utf-8", "replace").lower() for a in found)

def without_parts(raw, drop):
    """raw, a multipart/report, without its top-level parts whose type
    drop() names, cut out byte for byte (a MIME generator would rewrite
    the rest); None when none or all would go."""
    head, sep, body = raw.partition(b"\n\n")
    ct = email.message_from_bytes(head + b"\n\n", policy=email.policy.compat32)
    b = ct.get_boundary()
    if not sep or ct.get_content_type() != "multipart/report" or not b:
        return None
    delim = b"\n--" + b.encode("utf-8", "replace")
    pieces = (b"\n" + body).split(delim)
    keep = [pieces[0]]
    for piece in pieces[1:]:
        if piece.startswith(b"--"):
            keep.append(piece)
            continue
        ph = email.message_from_bytes(piece.lstrip(b"\n").partition(
            b"\n\n")[0] + b"\n\n", policy=email.policy.compat32)
        if not drop(ph.get_content_type()):
            keep.append(piece)
    if len(keep) == len(pieces) or len(keep) < 3:
        return None
    return head + sep + delim.join(keep)[1:]

REPORT_PARTS = ("message/delivery-status", "message/global-delivery-status")

def no_report(raw):
    """raw without its report's delivery-status part."""
    return without_parts(raw, lambda t: t in REPORT_PARTS)

def no_text(raw):
    """raw without its report's human-readable part."""
    return without_parts(raw, lambda t: t.startswith("text/") and
                         t != "text/rfc822-headers")

COPY = ("Return-Path: <bounces+zzq7@%(c)s>\n"
        "Received: from news.%(c)s (news.%(c)s [192.0.2.9])\n"
        "\tby mx.%(c)s with ESMTPS id 4QzX1 for <zz-to@%(c)s>;\n"
        "\tMon, 7 Dec 2026 10:00:00 +0000\n"
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=%(c)s;\n"
        "\ts=news; h=from:to:subject:date:list-unsubscribe;\n"
        "\tbh=dleAeX29HJ7w0IlUXueJErbcKcclW+ieMCJc/5s14eA=; b=FoNqXL1oUPQ\n"
        "From: Newsletter <news@%(c)s>\nTo: <zz-to@%(c)s>\n"
        "Subject: Issue 12\nDate: Mon, 7 Dec 2026 10:00:00 +0000\n"
        "Message-ID: <12.zzq7@%(c)s>\n"
        "List-Unsubscribe: <mailto:unsubscribe+zzq7@%(c)s>,\n"
        " <https://%(c)s/u/zzq7>\n"
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
        "Precedence: list\nFeedback-ID: 12:list:newsletter:%(c)s\n"
        "X-Auto-Response-Suppress: OOF, AutoReply\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "This month: the new observatory opens.\n"
        "To stop receiving this newsletter, unsubscribe at the link "
        "above.\n" % {"c": CANARY}).encode()

def unmarked_copy(raw):
    """COPY appended to the notice's first plain text sent as it is,
    when that text has no returned copy already."""
    t = first_text(raw)
    if not t:
        return None
    hs, he, te = t
    text = raw[he + 1:te]
    if COPY_START.search(text) or not plain_words(text):
        return None
    return raw[:te].rstrip(b"\n") + b"\n\n" + COPY + raw[te:]

ENTRY = re.compile(rb"<[^<>\s]+@[^<>\s]+>:?( |$)")

def refold(width):
    """A change() writing each Postfix entry of a text (its line and the
    indented lines below it) anew: one line, or folded at width."""
    def change(text):
        if not plain_words(text):
            return None
        lines, out, k = text.split(b"\n"), [], 0
        while k < len(lines):
            if not ENTRY.match(lines[k]):
                out.append(lines[k])
                k += 1
                continue
            words, k = lines[k].split(), k + 1
            while k < len(lines) and lines[k][:1] in (b" ", b"\t") and \
                    lines[k].strip():
                words += lines[k].split()
                k += 1
            cur = b""
            for w in words:
                if cur and width and len(cur) + 1 + len(w) > width:
                    out.append(cur)
                    cur = b"    " + w
                else:
                    cur = cur + b" " + w if cur else w
            out.append(cur)
        return b"\n".join(out)
    return change

SUBJECT = (b"Mailbox full? Delivery delayed, account suspended: why your "
           b"mail was not delivered")

# a reply's prefixes ("RE: ", "AW: ") are no title's words: they stay
ANSWER = rb"(?:(?:re|aw|sv|vs|antw|odp|res)[ \t]*:[ \t]*)*"

def subject_words(raw):
    """raw with the value of every "Subject:" line of its body SUBJECT,
    and with the first of them SUBJECT where the notice's own Subject
    repeats it ("Undeliverable: <the returned Subject>")."""
    head, sep, body = raw.partition(b"\n\n")
    first = re.search(rb"(?im)^[ \t>]*subject:[ \t]*" + ANSWER +
                      rb"(\S[^\n]*?)[ \t]*$", body)
    new, k = re.subn(rb"(?im)^([ \t>]*subject:[ \t]*" + ANSWER +
                     rb")\S[^\n]*$", lambda m: m.group(1) + SUBJECT, body)
    if not sep or not k:
        return None
    own = re.search(rb"(?im)^subject:[^\n]*$", head)
    # only a returned header says which words of the notice's Subject
    # are the returned Subject (a notice with only an account of the
    # message in its text, as Exchange 2003's, is read by its lead words)
    attached = re.search(rb"(?im)^content-type:\s*(message/(rfc822|global)"
                         rb"|text/rfc822-headers)", body)
    if own and attached and len(first.group(1)) >= 6 and \
            first.group(1) in own.group(0):
        head = (head[:own.start()] + own.group(0).replace(first.group(1),
                SUBJECT) + head[own.end():])
    return head + sep + new

def classes(x):
    return sorted((r["address"].lower(), r.get("class")) for r in
                  (x or {}).get("recipients", []))

TRANSFORMS = (
    ("to", rename_to), ("contact", add_contact), ("body", orig_body),
    ("base64", lambda r: encoded(r, b"base64", base64.encodebytes)),
    ("qp", lambda r: encoded(r, b"quoted-printable", quopri.encodestring)),
    ("crlf", lambda r: r.replace(b"\n", b"\r\n")),
    ("shape", None), ("from", None), ("caps", lambda r: notice_text(r, capitals)),
    ("trail", lambda r: notice_text(r, trailing)),
    ("wrap", lambda r: notice_text(r, wrapped)),
    ("noreport", no_report), ("notext", no_text),
    ("unfold", lambda r: notice_text(r, refold(0))),
    ("fold", lambda r: notice_text(r, refold(50))),
    ("subject", subject_words), ("copy", unmarked_copy),
)
jobs = {k: [] for k, _ in TRANSFORMS}
for c in corpora:
    for lab in bounce_score.load_labels(c):
        if lab["kind"] in ("complaint", "autoreply"):
            continue	# their recipient is the original's addressee
        raw = open(os.path.join(c, lab["file"]), "rb").read()
        raw = raw.replace(b"\r\n", b"\n")
        for kind, f in TRANSFORMS:
            # a notice whose text an administrator rewrote to say the
            # opposite of what the MTA did (a delay_template worded as a
            # failure) has its kind in its report alone: its label says so
            if kind == "noreport" and lab.get("kind_only_in_report"):
                continue
            if kind == "from":
                for new in old_froms(raw):
                    name = "%s-%d-%s" % (kind, len(jobs[kind]), lab["file"])
                    open(os.path.join(tmp, name), "wb").write(new)
                    jobs[kind].append((name, os.path.join(c, lab["file"])))
                continue
            if f is None:
                for new, m in reshapes(raw, lab):
                    name = "%s-%d-%s" % (kind, len(jobs[kind]), lab["file"])
                    open(os.path.join(tmp, name), "wb").write(new)
                    renames[name] = m
                    jobs[kind].append((name, os.path.join(c, lab["file"])))
                continue
            new = f(raw)
            if new is None:
                continue
            name = "%s-%d-%s" % (kind, len(jobs[kind]), lab["file"])
            open(os.path.join(tmp, name), "wb").write(new)
            jobs[kind].append((name, os.path.join(c, lab["file"])))

def parse(paths):
    return bounce_score.run_split(paths)

# each original is read by many changes: parsed once for all of them
ORIGS = sorted(set(o for k in jobs for _, o in jobs[k]))
PARSED = dict(zip(ORIGS, parse(ORIGS)))

def key(x):
    return sorted(r["address"].lower() for r in (x or {}).get("recipients",
                  []))

DESC = {"to": "renamed returned To/Cc",
        "contact": "contact and sender lines added",
        "body": "addresses in the returned message's body",
        "base64": "the notice's text in base64",
        "qp": "the notice's text in quoted-printable",
        "crlf": "CRLF line ends",
        "shape": "recipients renamed to addresses of other shapes",
        "from": "a daemon's From unqualified, at a literal or null",
        "caps": "the notice's text in capitals",
        "trail": "blanks ending every line of the notice's text",
        "wrap": "the notice's text wrapped at 72 bytes",
        "noreport": "the report's delivery-status part taken out",
        "notext": "the report's text taken out",
        "unfold": "each Postfix entry on one line",
        "fold": "each Postfix entry folded at 50 bytes",
        "subject": "the returned Subject in words of failures and delays",
        "copy": "a returned copy appended with no line announcing it"}
print("1..20")
n = 0
for kind, _ in TRANSFORMS:
    names = [os.path.join(tmp, x) for x, _ in jobs[kind]]
    got = parse(names) if names else []
    if kind in ("to", "contact", "body", "copy"):
        bad = []
        for (name, _), g in zip(jobs[kind], got):
            addrs = key(g)
            if g is None or any(a.endswith("@" + CANARY) for a in addrs):
                bad.append("%s: %s" % (name, addrs))
        n += 1
        for b in bad:
            print("# %s" % b)
        print("%sok %d - %s: no made-up address reported in %d messages" % (
            "not " if bad or not names else "", n, DESC[kind], len(names)))
    if kind == "to":
        continue
    before = [PARSED[o] for _, o in jobs[kind]]
    changed = []
    for (name, orig), g, b in zip(jobs[kind], got, before):
        want = key(b)
        if kind == "shape":
            m = renames[name]
            want = sorted(m.get(a, a) for a in want)
        if kind == "noreport":
            # fewer recipients, never others; any it names, the same kind.
            # The text may name the address an alias led to, which the
            # report gives as the Final-Recipient beside the Original.
            want = set(want) | report_rcpts(open(orig, "rb").read())
            if key(g) and (not set(key(g)) <= want or
                           g.get("kind") != (b or {}).get("kind")):
                changed.append("%s: %s %s -> %s %s" % (name, (b or
                               {}).get("kind"), key(b), g.get("kind"), key(g)))
            continue
        if kind == "notext":
            # the report alone: fewer recipients, never others, none of
            # them hard that the whole notice gave as soft
            soft = set(r["address"].lower() for r in (b or {}).get(
                "recipients", []) if r.get("class") != "hard")
            hard = set(r["address"].lower() for r in (g or {}).get(
                "recipients", []) if r.get("class") == "hard")
            if key(g) and (not set(key(g)) <= set(want) or
                           g.get("kind") != (b or {}).get("kind") or
                           hard & soft):
                changed.append("%s: %s %s -> %s %s" % (name, (b or
                               {}).get("kind"), key(b), g.get("kind"),
                               sorted(hard) or key(g)))
            continue
        if kind in ("copy", "unfold", "fold", "subject"):
            key_g, want = classes(g), classes(b)
        else:
            key_g = key(g)
        if (g or {}).get("kind") != (b or {}).get("kind") or key_g != want:
            changed.append("%s: %s %s -> %s %s" % (name, (b or {}).get("kind"),
                           want, (g or {}).get("kind"), key_g))
    n += 1
    for c in changed:
        print("# %s" % c)
    print("%sok %d - %s: %s in %d messages" % (
        "not " if changed or not names else "", n, DESC[kind],
        "the same kind, recipients and classes" if kind in (
            "copy", "unfold", "fold", "subject") else
        "no other recipient, nor another kind" if kind == "noreport" else
        "no other recipient or kind, none made hard" if kind == "notext" else
        "the same kind and recipients", len(names)))
PY
