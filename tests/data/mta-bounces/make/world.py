"""The corpus's small world: addresses, domains, and what each scenario
provokes.  Everything the labels say comes from here (the scenario that was
set up), never from reading the returned messages' contents.

Loopback layout (one network namespace, distinct 127.0.1.x addresses, all
on port 25 so the MTAs find each other through MX records):
    127.0.1.53  unbound: the only resolver of every MTA (static zone)
    127.0.1.10  collector (Postfix smtp-sink -d): MX of bounce.test, example.org
    127.0.1.30  "remote" Postfix: the final MX of the remote domains
    127.0.1.9   nothing listens: MX of the unreachable domains (deferrals)
    127.0.1.2x  the MTAs under test, each also MX of its own local domains
"""
import random

DNS_IP = "127.0.1.53"
SINK_IP = "127.0.1.10"
REMOTE_IP = "127.0.1.30"
DEAD_IP = "127.0.1.9"

# MTA name -> (address, host name, local domains)
MTAS = {
    "postfix":   ("127.0.1.20", "smtp.sctu.test",
                  ["sctu.test", "alumni.example.net"]),
    "exim":      ("127.0.1.21", "mx1.geo-inst.test",
                  ["geo-inst.test", "mail.example.co"]),
    "sendmail":  ("127.0.1.22", "mail.hydro-assoc.test",
                  ["hydro-assoc.test", "staff.example.info"]),
    "opensmtpd": ("127.0.1.23", "relay.agri-club.test",
                  ["agri-club.test", "mymail.example.biz"]),
    "courier":   ("127.0.1.24", "mx.med-society.test",
                  ["med-society.test", "post.example.name"]),
    "sendmail_text": ("127.0.1.25", "smtp.water-union.test",
                      ["water-union.test", "mail.example.us"]),
    "dma":       ("127.0.1.26", "mail.geology-soc.test",
                  ["geology-soc.test", "inbox.example.in"]),
}
# The MTA (label "module") of each instance that is not named after it.
MODULE = {"sendmail_text": "sendmail"}
# Instances without an SMTP server: the driver runs this command in their
# root ({sender}, {rcpt} filled in), the message on its standard input.
LOCAL_SUBMIT = {"dma": ["/usr/sbin/dma", "-f", "{sender}", "{rcpt}"]}

SENDER = "newsletter@example.org"
SENDER_NAME = "四川省科协学会学术部"
BOUNCE_DOMAIN = "bounce.test"

# Domains whose MX is the remote Postfix (it knows its users and rejects the
# others at RCPT with 550 5.1.1).
REMOTE_DOMAINS = ["chemsoc.example.com", "physics-assoc.example.net",
                  "mail.univ-sc.test", "qq.example", "163.example",
                  "members.test", "lib.cdut.test", "agri-society.example",
                  "hospital4.test", "ymail.example", "vip.sina.example",
                  "cnpc.example.com"]
# MX is the remote Postfix, which is not their destination: it denies relay.
RELAY_DOMAINS = ["partner.example.com", "old-host.example.net",
                 "lists.geo.test", "forward.example.org"]
# MX points at an address where nothing listens: connection refused.
DEAD_DOMAINS = ["offline.example.net", "mx-down.test", "slow-univ.test",
                "cast.example.org"]
# Not in the zone at all: NXDOMAIN (host not found).
NX_DOMAINS = ["no-such-host.test", "exmaple.test", "gmial.example",
              "chemsoc.example.invalid", "univ-sc.tset", "163.exmaple"]

LISTS = [("aba", "阿坝州科学技术协会", "news@aba.example.org"),
         ("chengdu", "成都市科学技术协会", "office@chengdu.example.org"),
         ("chem", "四川省化学化工学会", "secretary@chem.example.org"),
         ("phys", "四川省物理学会", "contact@phys.example.org"),
         ("agri", "Sichuan Agricultural Society", "info@agri.example.org"),
         ("med", "四川省医学会", "member-service@med.example.org")]

GIVEN = ["wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun",
         "yang", "yan", "tao", "ming", "chao", "xiu", "hua", "ping", "gang"]
FAMILY = ["zhang", "wang", "li", "liu", "chen", "yang", "zhao", "huang",
          "zhou", "wu", "xu", "sun", "hu", "zhu", "gao", "lin", "he", "guo"]
HANZI_FAMILY = "张王李刘陈杨赵黄周吴徐孙胡朱高林何郭"
HANZI_GIVEN = "伟芳娜敏静丽强磊军洋艳涛明超秀华平刚"

# What each scenario provokes.  kind: what the MTA is expected to send back;
# hard: the address itself is bad; status: the enhanced code the script chose
# (in a reply it scripted), "" when the MTA picks it; cls: its class.
# "defer" scenarios yield delay warnings first, then (after the script forces
# the message's expiry) a final bounce.
SCENARIOS = {
    "remote_unknown": dict(kind="bounce", hard=True, status="5.1.1",
                           cls="5", reason="userunknown"),
    "remote_full":    dict(kind="bounce", hard=False, status="5.2.2",
                           cls="5", reason="mailboxfull"),
    "remote_disabled": dict(kind="bounce", hard=True, status="5.2.1",
                            cls="5", reason="userunknown"),
    "relay_denied":   dict(kind="bounce", hard=False, status="5.7.1",
                           cls="5", reason="norelaying"),
    "host_not_found": dict(kind="bounce", hard=True, status="", cls="5",
                           reason="hostunknown"),
    "too_large":      dict(kind="bounce", hard=False, status="5.3.4",
                           cls="5", reason="mesgtoobig"),
    "local_unknown":  dict(kind="bounce", hard=True, status="", cls="5",
                           reason="userunknown"),
    "local_quota":    dict(kind="bounce", hard=False, status="", cls="5",
                           reason="mailboxfull"),
    "defer_refused":  dict(kind="defer", hard=False, status="", cls="4",
                           reason="expired"),
    "defer_greylist": dict(kind="defer", hard=False, status="4.7.1",
                           cls="4", reason="expired"),
    "defer_full":     dict(kind="defer", hard=False, status="4.2.2",
                           cls="4", reason="mailboxfull"),
    "sieve_reject":   dict(kind="bounce", hard=False, status="", cls="5",
                           reason="rejected"),
    "vacation":       dict(kind="autoreply", hard=None, status="", cls="",
                           reason="vacation"),
}

# Replies the remote Postfix gives at RCPT (check_recipient_access), by
# scenario; one is picked per recipient.
REMOTE_REPLIES = {
    "remote_full": ["552 5.2.2 Mailbox full",
                    "552 5.2.2 <%s>: Recipient address rejected: "
                    "mailbox is over quota",
                    "552 5.2.2 The email account that you tried to reach "
                    "is over quota"],
    "remote_disabled": ["550 5.2.1 <%s>: account disabled",
                        "550 5.2.1 The email account that you tried to "
                        "reach is disabled"],
    "defer_greylist": ["450 4.7.1 <%s>: Recipient address rejected: "
                       "Greylisted, see http://postgrey.example/",
                       "451 4.7.1 Please try again later"],
    "defer_full": ["452 4.2.2 <%s>: Mailbox full, try again later",
                   "452 4.2.2 The email account that you tried to reach is "
                   "over quota, please retry"],
}

# Which scenarios each MTA gets, and how many recipients each.
PLAN = {
    "postfix": {"remote_unknown": 5, "remote_full": 3, "remote_disabled": 2,
                "relay_denied": 3, "host_not_found": 4, "too_large": 3,
                "local_unknown": 4, "local_quota": 3, "defer_refused": 3,
                "defer_greylist": 2, "defer_full": 2, "sieve_reject": 3,
                "vacation": 4},
    "sendmail": {"remote_unknown": 5, "remote_full": 3, "remote_disabled": 2,
                 "relay_denied": 3, "host_not_found": 4, "too_large": 3,
                 "defer_refused": 3, "defer_greylist": 2, "defer_full": 2},
    "opensmtpd": {"remote_unknown": 5, "remote_full": 3, "remote_disabled": 2,
                  "relay_denied": 3, "host_not_found": 4, "too_large": 3,
                  "defer_refused": 3, "defer_greylist": 2, "defer_full": 2},
    "courier": {"remote_unknown": 5, "remote_full": 3, "remote_disabled": 2,
                "relay_denied": 3, "host_not_found": 4, "too_large": 3,
                "defer_refused": 3, "defer_greylist": 2, "defer_full": 2},
    "exim": {"remote_unknown": 5, "remote_full": 3, "remote_disabled": 2,
             "relay_denied": 3, "host_not_found": 4, "too_large": 3,
             "local_unknown": 4, "local_quota": 3, "defer_refused": 3,
             "defer_greylist": 2, "defer_full": 2, "vacation": 4},
    "sendmail_text": {"remote_unknown": 5, "remote_full": 3,
                      "remote_disabled": 2, "relay_denied": 3,
                      "host_not_found": 4, "too_large": 3,
                      "defer_refused": 3, "defer_greylist": 2,
                      "defer_full": 2},
    "dma": {"remote_unknown": 5, "remote_full": 3, "remote_disabled": 2,
            "relay_denied": 3, "host_not_found": 4, "too_large": 3},
}


def _b64(s):
    import base64
    return "=?UTF-8?B?%s?=" % base64.b64encode(s.encode()).decode()


def local_part(rng, i):
    f, g = rng.choice(FAMILY), rng.choice(GIVEN)
    style = i % 8
    if style == 0:
        return "%s.%s" % (g, f)
    if style == 1:
        return "%s%s%d" % (f, g, rng.randint(1970, 2005))
    if style == 2:
        return str(rng.randint(100000, 9999999999))        # QQ style
    if style == 3:
        return "%s_%s" % (f, g[0])
    if style == 4:
        return "%s.%s.%s" % (g, f, rng.choice(["ab", "cd", "hx", "sc"]))
    if style == 5:
        return "%s-%s" % (f, g)
    if style == 6:
        return "%s%s" % (g[0], f)
    return "%s.%s+news" % (f, g)


def hanzi_name(rng):
    return rng.choice(HANZI_FAMILY) + "".join(
        rng.choice(HANZI_GIVEN) for _ in range(rng.randint(1, 2)))


def token(rng):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz234567")
                   for _ in range(29))


def plan(seed=20261202):
    """Every scenario to provoke: a list of dicts, stable for a seed."""
    out, used = [], set()
    for k, (mta, counts) in enumerate(PLAN.items()):
        # one stream per MTA: a subset run gets the same scenarios
        rng = random.Random("%d-%s" % (seed, mta))
        n = 100 * k
        ip, host, local = MTAS[mta]
        for scen, count in counts.items():
            for _ in range(count):
                n += 1
                if scen in ("remote_unknown", "remote_full",
                            "remote_disabled", "too_large",
                            "defer_greylist", "defer_full"):
                    dom = rng.choice(REMOTE_DOMAINS)
                elif scen == "relay_denied":
                    dom = rng.choice(RELAY_DOMAINS)
                elif scen == "host_not_found":
                    dom = rng.choice(NX_DOMAINS)
                elif scen == "defer_refused":
                    dom = rng.choice(DEAD_DOMAINS)
                else:
                    dom = rng.choice(local)
                while True:
                    lp = local_part(rng, n + len(used))
                    addr = "%s@%s" % (lp, dom)
                    if addr.lower() not in used:
                        used.add(addr.lower())
                        break
                lst = rng.choice(LISTS)
                s = dict(id="%s-%03d" % (mta, n % 100), mta=mta, scenario=scen,
                         rcpt=addr, name=hanzi_name(rng) if rng.random() < .7
                         else "%s %s" % (lp.split(".")[0].title(),
                                         rng.choice(FAMILY).title()),
                         list=lst[0], list_name=lst[1], contact=lst[2],
                         seq=n)
                # Vacation replies: Sieve ignores list mail, so these are
                # one-off copies without List-* headers (a "send --to" copy).
                s["listmail"] = scen != "vacation"
                # a third of the envelopes carry no VERP token
                s["token"] = token(rng) if rng.random() < .67 else ""
                # some submissions ask for DSN (NOTIFY, RET, ENVID)
                s["dsn"] = rng.random() < .3 and mta not in LOCAL_SUBMIT
                s["reply"] = ""
                if scen in REMOTE_REPLIES:
                    r = rng.choice(REMOTE_REPLIES[scen])
                    s["reply"] = r.replace("%s", addr)
                s["size"] = 60000 if scen == "too_large" else 0
                out.append(s)
    return out


# How the script confirms, from the MTAs' own logs, that a scenario did
# what it says (log name, regex; {rcpt}, {mid}, {code}, {sender} (the
# envelope sender), {helo} (the MTA's host name) filled in).  A
# scenario whose check fails is left out of the corpus.
CHECKS = {
    ("*", "remote_unknown"): ("remote", r"reject: RCPT from .*: 550 5\.1\.1 "
                              r"<{rcpt}>: .*User unknown"),
    ("*", "remote_full"): ("remote", r"reject: RCPT from .*: {code}.*"
                           r"to=<{rcpt}>"),
    ("*", "remote_disabled"): ("remote", r"reject: RCPT from .*: {code}.*"
                               r"to=<{rcpt}>"),
    ("*", "defer_greylist"): ("remote", r"reject: RCPT from .*: {code}.*"
                              r"to=<{rcpt}>"),
    ("*", "defer_full"): ("remote", r"reject: RCPT from .*: {code}.*"
                          r"to=<{rcpt}>"),
    # the remote refuses the declared SIZE at MAIL; Postfix and OpenSMTPD
    # check the remote's SIZE limit themselves; dma declares no size
    ("*", "too_large"): ("remote", r"reject: MAIL from .*: 552 5\.3\.4 "
                         r".*from=<{sender}> proto=\S+ helo=<{helo}>"),
    ("postfix", "too_large"): ("postfix", r"to=<{rcpt}>.* status=bounced "
                               r"\(message size \d+ exceeds size limit"),
    ("opensmtpd", "too_large"): ("opensmtpd", r"to=<{rcpt}> .*stat=\"message "
                                 r"too large for peer\""),
    # (its final DATA: the queue ID ties the size warning to the message)
    ("dma", "too_large"): ("remote", r"(?s)(?:(\w+): message-id={mid}\n.*"
                           r"warning: \1: queue file size limit exceeded|"
                           r"warning: (\w+): queue file size limit "
                           r"exceeded\n.*\2: message-id={mid}\n)"),
    ("*", "relay_denied"): ("remote", r"554 5\.7\.1 <{rcpt}>: Relay access "
                            r"denied"),
    ("postfix", "local_quota"): ("dovecot", r"msgid={mid}: rejected: Quota "
                                 r"exceeded"),
    ("postfix", "sieve_reject"): ("dovecot", r"msgid={mid}: reject action"),
    ("postfix", "vacation"): ("dovecot", r"msgid={mid}: vacation action: "
                              r"sent"),
    ("exim", "vacation"): ("exim", r"=> \S+ <{rcpt}> R=vacation_users "
                           r"T=vacation_reply"),
    ("exim", "local_quota"): ("exim", r"{rcpt} R=quota_users "
                              r"T=maildir_delivery defer \(-22\): mailbox is "
                              r"full"),
}
