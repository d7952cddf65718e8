#!/usr/bin/python3
"""Corpus driver: writes the world's configuration (DNS zone, maps), submits
the scenario messages to the MTAs, and files what comes back with labels
taken from the scenario that provoked it.

    driver.py config WORK          world.sh, unbound.conf, remote maps
    driver.py send WORK MTA...     submit that MTA's scenarios over SMTP
    driver.py collect WORK OUT     match the collector's dumps to scenarios,
                                   write OUT/*.eml and OUT/labels.jsonl
"""
import base64
import email.utils
import json
import os
import quopri
import random
import re
import smtplib
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import world  # noqa: E402


def config(work):
    scen = world.plan()
    with open(os.path.join(work, "scenarios.json"), "w") as f:
        json.dump(scen, f, ensure_ascii=False, indent=1)
    # DNS: one static zone for everything; names not listed are NXDOMAIN,
    # and nothing is ever asked of the outside.
    z = []

    def host(name, ip):
        z.append('local-data: "%s. A %s"' % (name, ip))
        rev = ".".join(reversed(ip.split(".")))
        z.append('local-data-ptr: "%s %s"' % (ip, name))
        del rev

    def mx(dom, target):
        z.append('local-data: "%s. MX 10 %s."' % (dom, target))
    host("mx.bounce.test", world.SINK_IP)
    for d in ("bounce.test", "example.org"):
        mx(d, "mx.bounce.test")
    host("mx.remote.test", world.REMOTE_IP)
    for d in world.REMOTE_DOMAINS + world.RELAY_DOMAINS:
        mx(d, "mx.remote.test")
    host("mx.down.test", world.DEAD_IP)
    for d in world.DEAD_DOMAINS:
        mx(d, "mx.down.test")
    for name, (ip, hostname, local) in world.MTAS.items():
        host(hostname, ip)
        for d in local:
            mx(d, hostname)
    z.append('local-data: "localhost. A 127.0.0.1"')
    z.append('local-data-ptr: "127.0.0.1 localhost"')
    with open(os.path.join(work, "unbound.conf"), "w") as f:
        f.write("""server:
  interface: %s
  port: 53
  do-ip6: no
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "%s"
  pidfile: "%s/unbound.pid"
  use-syslog: no
  logfile: "%s/unbound.log"
  access-control: 127.0.0.0/8 allow
  local-zone: "." static
  local-zone: "127.in-addr.arpa." static
%s
""" % (world.DNS_IP, work, work, work, "\n".join("  " + l for l in z)))
    # The remote Postfix: its users, and scripted RCPT replies.
    with open(os.path.join(work, "remote-access"), "w") as f:
        for s in scen:
            if s["reply"]:
                f.write("%s %s\n" % (s["rcpt"], s["reply"]))
    with open(os.path.join(work, "remote-users"), "w") as f:
        f.write("postmaster@%s OK\n" % world.REMOTE_DOMAINS[0])
        # the too-large ones exist: an MTA that declares no SIZE must still
        # reach the size limit at DATA, not fail at RCPT
        for s in scen:
            if s["scenario"] == "too_large":
                f.write("%s OK\n" % s["rcpt"])
    # Shell view of the world for the MTA set-up scripts.
    with open(os.path.join(work, "world.sh"), "w") as f:
        f.write("DNS_IP=%s\nSINK_IP=%s\nREMOTE_IP=%s\nDEAD_IP=%s\n" % (
            world.DNS_IP, world.SINK_IP, world.REMOTE_IP, world.DEAD_IP))
        f.write("REMOTE_DOMAINS='%s'\n" % " ".join(world.REMOTE_DOMAINS))
        for name, (ip, hostname, local) in world.MTAS.items():
            f.write("%s_IP=%s\n%s_HOST=%s\n%s_DOMAINS='%s'\n" % (
                name.upper(), ip, name.upper(), hostname, name.upper(),
                " ".join(local)))
            for sc in ("local_quota", "sieve_reject", "vacation"):
                users = [s["rcpt"] for s in scen
                         if s["mta"] == name and s["scenario"] == sc]
                f.write("%s_%s='%s'\n" % (name.upper(), sc.upper(),
                                          " ".join(users)))
        f.write("HOSTS='%s'\n" % " ".join(
            "%s:%s" % (ip, h) for ip, h in
            [(world.SINK_IP, "mx.bounce.test"),
             (world.REMOTE_IP, "mx.remote.test")] +
            [(v[0], v[1]) for v in world.MTAS.values()]))


def _enc_body(text):
    return base64.encodebytes(text.encode()).decode()


def message(s):
    """A message shaped like mailer's outgoing edition for scenario s."""
    rng = random.Random(s["seq"])
    issue = rng.choice(["2021-01", "2021-02", "2026-11", "2026-12"])
    hexid = "%016x" % rng.getrandbits(64)
    mid = "<%s.%s.%s.%d@example.org>" % (issue, s["list"], hexid, s["seq"])
    s["message_id"] = mid
    if rng.random() < .8:
        subject = world._b64("%s会员通讯 %s" % (s["list_name"], issue))
    else:
        subject = "Newsletter %s: meetings, awards and calls" % issue
    if s["name"].isascii():
        to = '"%s" <%s>' % (s["name"], s["rcpt"])
    else:
        to = "%s <%s>" % (world._b64(s["name"]), s["rcpt"])
    h = [("Date", email.utils.formatdate(localtime=False)),
         ("From", "%s\n <%s>" % (world._b64(world.SENDER_NAME),
                                 world.SENDER)),
         ("To", to),
         ("Subject", subject),
         ("Message-ID", mid),
         ("MIME-Version", "1.0")]
    if s["listmail"]:
        tok = s["token"] or "".join(
            rng.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(29))
        h += [("List-Id", "%s <%s.news.example.org>" % (
                  world._b64(s["list_name"]), s["list"])),
              ("List-Unsubscribe",
               "<mailto:unsubscribe+%s@example.org?subject=unsubscribe>"
               % tok),
              ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
    text = ("%s的会员朋友们:您好!\n\n本期要目:学术年会征文通知、"
            "青年人才托举工程申报、科普活动周安排。\n\n"
            "如需转发,请联系 %s 或 webmaster@example.org。\n\n--\n"
            "%s · 来信请寄 %s\n"
            "本邮件发送至 %s,您收到本邮件,是因为您订阅了%s的会员通讯。\n"
            "%s · %s\n" % (s["list_name"], s["contact"], s["list_name"],
                           s["contact"], s["rcpt"], s["list_name"],
                           world.SENDER_NAME, world.SENDER))
    html = ("<html><body><p>%s的会员朋友们:您好!</p><p>联系 <a href=\""
            "mailto:%s\">%s</a></p><p>本邮件发送至 %s</p></body></html>\n"
            % (s["list_name"], s["contact"], s["contact"], s["rcpt"]))
    b = "=_alternative_%016x" % rng.getrandbits(64)
    parts = ["This is a multi-part message in MIME format.",
             "--" + b,
             "Content-Type: text/plain; charset=UTF-8",
             "Content-Transfer-Encoding: quoted-printable", "",
             quopri.encodestring(text.encode()).decode(),
             "--" + b,
             "Content-Type: text/html; charset=UTF-8",
             "Content-Transfer-Encoding: base64", "",
             _enc_body(html)]
    alt = "\r\n".join(parts) + "\r\n--" + b + "--\r\n"
    if s["size"]:
        # An attached programme makes the message too large for the remote.
        m = "=_mixed_%016x" % rng.getrandbits(64)
        pdf = bytes(rng.getrandbits(8) for _ in range(s["size"]))
        body = "\r\n".join([
            "This is a multi-part message in MIME format.",
            "--" + m,
            'Content-Type: multipart/alternative; boundary="%s"' % b, "",
            alt,
            "--" + m,
            'Content-Type: application/pdf; name="programme.pdf"',
            'Content-Disposition: attachment; filename="programme.pdf"',
            "Content-Transfer-Encoding: base64", "",
            base64.encodebytes(pdf).decode(), "--" + m + "--", ""])
        ctype = 'multipart/mixed; boundary="%s"' % m
    else:
        body = alt
        ctype = 'multipart/alternative; boundary="%s"' % b
    h.append(("Content-Type", ctype))
    head = "".join("%s: %s\r\n" % (k, v.replace("\n", "\r\n"))
                   for k, v in h)
    return (head + "\r\n" + body.replace("\r\n", "\n").replace(
        "\n", "\r\n")).encode()


def envelope_from(s):
    if s["token"]:
        return "bounces+%s@%s" % (s["token"], world.BOUNCE_DOMAIN)
    return "bounces@%s" % world.BOUNCE_DOMAIN


def submit_local(mta, s, msg):
    """Hands msg to the sendmail command of an MTA without SMTP server, in
    its root and under its host name."""
    root = os.path.join(os.environ["CACHE"], "roots", mta)
    cmd = [a.format(sender=envelope_from(s), rcpt=s["rcpt"])
           for a in world.LOCAL_SUBMIT[mta]]
    p = subprocess.run(
        ["unshare", "--uts", "chroot", root, "/usr/bin/env", "-i",
         "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
         "/bin/sh", "-c", 'hostname "$0" && exec "$@"', world.MTAS[mta][1]]
        + cmd, input=msg, capture_output=True, timeout=60)
    if p.returncode:
        return "refused (exit %d) %s" % (
            p.returncode, p.stderr.decode(errors="replace").strip())
    return "accepted"


def send(work, mtas):
    scen = json.load(open(os.path.join(work, "scenarios.json")))
    log = []
    for mta in mtas:
        ip = world.MTAS[mta][0]
        conn = None
        for s in (x for x in scen if x["mta"] == mta):
            msg = message(s)
            if mta in world.LOCAL_SUBMIT:
                res = submit_local(mta, s, msg)
                log.append(dict(id=s["id"], message_id=s["message_id"],
                                result=res, at=time.time(), dsn=False))
                if res != "accepted":
                    print("driver: %s %s: %s" % (s["id"], s["rcpt"], res))
                continue
            if conn is None:
                conn = smtplib.SMTP(ip, 25, local_hostname="mailer.example.org",
                                    timeout=60)
                conn.ehlo()
            mo, ro = [], []
            if s["dsn"] and conn.has_extn("dsn"):
                mo = ["RET=HDRS", "ENVID=%s" % (s["token"] or s["id"])]
                ro = ["NOTIFY=FAILURE,DELAY"]
            if conn.has_extn("size"):
                mo.append("SIZE=%d" % len(msg))
            try:
                refused = conn.sendmail(envelope_from(s), [s["rcpt"]], msg,
                                        mo, ro)
                res = "accepted" if not refused else "refused %r" % refused
            except smtplib.SMTPException as e:
                res = "refused %s" % e
                conn.close()
                conn = None
            log.append(dict(id=s["id"], message_id=s["message_id"],
                            result=res, at=time.time(), dsn=bool(ro)))
            if res != "accepted":
                print("driver: %s %s: %s" % (s["id"], s["rcpt"], res))
        if conn:
            conn.quit()
    with open(os.path.join(work, "sent.jsonl"), "a") as f:
        for e in log:
            f.write(json.dumps(e) + "\n")
    # when each MTA took its first message: where its queue lifetime starts
    for mta in mtas:
        at = [e["at"] for e in log if e["id"].rsplit("-", 1)[0] == mta]
        if at:
            with open(os.path.join(work, "first_at." + mta), "w") as f:
                f.write("%d\n" % (min(at) - 1))
    print("driver: submitted %d messages to %s" % (
        sum(e["result"] == "accepted" for e in log), " ".join(mtas)))


def dumps(folder):
    """(path, envelope rcpt, message bytes) for each collector dump, oldest
    first."""
    out = []
    for root, _, files in os.walk(folder):
        for fn in files:
            p = os.path.join(root, fn)
            out.append((os.stat(p).st_mtime, p))
    res = []
    for _, p in sorted(out):
        raw = open(p, "rb").read()
        lines = raw.split(b"\n")
        env = {}
        i = 0
        # smtp-sink prepends the envelope as X-* lines and its Received:
        while i < len(lines) and lines[i].startswith(b"X-"):
            k, _, v = lines[i].decode("latin-1").partition(": ")
            env[k] = v.strip()
            i += 1
        if i < len(lines) and lines[i].startswith(b"Received: from") and \
                b"smtp-sink" in lines[i + 1]:
            i += 3
        if not env.get("X-Rcpt-Args", "").split():
            continue    # smtp-sink is still writing it
        mail_from = env.get("X-Mail-Args", "<>").split()[0]
        msg = b"Return-Path: " + mail_from.encode() + b"\n" + \
            b"\n".join(lines[i:])
        res.append((p, os.stat(p).st_mtime,
                    env.get("X-Rcpt-Args", "").split()[0].strip("<>"), msg))
    return res


def load(work):
    scen = json.load(open(os.path.join(work, "scenarios.json")))
    sent = {}
    for line in open(os.path.join(work, "sent.jsonl")):
        e = json.loads(line)
        sent[e["id"]] = e
    live = []
    for s in scen:
        if s["id"] in sent and sent[s["id"]]["result"] == "accepted":
            s["message_id"] = sent[s["id"]]["message_id"]
            # whether DSN was asked for: only where the MTA offered it
            s["dsn"] = sent[s["id"]].get("dsn", s["dsn"])
            live.append(s)
    return live


def match(work, live):
    """(dump path, mtime, scenario or None, envelope rcpt, message)."""
    by_token = {s["token"]: s for s in live if s["token"]}
    by_mid = {s["message_id"]: s for s in live}
    res = []
    for path, mtime, rcpt, msg in dumps(os.path.join(work, "sink")):
        lp = rcpt.partition("@")[0]
        s = None
        if "+" in lp:
            s = by_token.get(lp.split("+", 1)[1])
        else:
            # no token: the returned message's own Message-ID says which
            hits = [m for m in by_mid if m.encode() in msg]
            if len(hits) == 1:
                s = by_mid[hits[0]]
        res.append((path, mtime, s, rcpt, msg))
    return res


def expire_at(work, mta):
    """When the script forced (or the MTA's short lifetime brought) expiry
    of that MTA's deferred messages."""
    try:
        return float(open(os.path.join(work, "expire_at." + mta)).read())
    except OSError:
        return None


def waiting(work, final):
    """Scenarios still owed a message in this phase."""
    live = load(work)
    got = match(work, live)
    have = set()
    for _, mtime, s, _, _ in got:
        if s is None:
            continue
        t = expire_at(work, s["mta"])
        if final and (t is None or mtime < t):
            continue
        have.add(s["id"])
    want = [s for s in live if
            (world.SCENARIOS[s["scenario"]]["kind"] == "defer") == final or
            not final]
    return [s for s in want if s["id"] not in have], len(got)


def wait(work, deadline, final):
    end = time.time() + deadline
    last_n, quiet_since = -1, time.time()
    while True:
        owed, n = waiting(work, final)
        if n != last_n:
            last_n, quiet_since = n, time.time()
        # settled: nothing owed and no new message for 5 s
        if not owed and time.time() - quiet_since > 5:
            break
        if time.time() > end:
            for s in owed:
                print("driver: still waiting for %s (%s %s)" % (
                    s["id"], s["scenario"], s["rcpt"]))
            break
        time.sleep(1)
    print("driver: %d messages collected%s" % (
        last_n, " (final bounces)" if final else ""))


def collect(work, out, mtas):
    """Messages that reached the collector before the script forced expiry
    of the deferred messages are delay warnings for "defer" scenarios; those
    after it are their final bounces."""
    live = load(work)
    os.makedirs(out, exist_ok=True)
    lab_path = os.path.join(out, "labels.jsonl")
    labels = []
    if os.path.exists(lab_path):
        labels = [json.loads(line) for line in open(lab_path)
                  if line.strip()]
        for lab in labels:
            lab.setdefault("instance", lab["module"])
        labels = [lab for lab in labels if lab["instance"] not in mtas]
    counts = {}
    got = match(work, live)
    # What each scenario must have produced; anything else means the set-up
    # did not do what the scenario says, and its messages are left out.
    per = {}
    for path, mtime, s, rcpt, msg in got:
        if s is not None:
            per.setdefault(s["id"], []).append((mtime, msg))
    bad = set()
    for sid, ms in per.items():
        s = next(x for x in live if x["id"] == sid)
        t = expire_at(work, s["mta"]) or float("inf")
        before = sum(m < t for m, _ in ms)
        if world.SCENARIOS[s["scenario"]]["kind"] == "defer":
            ok = len(ms) - before == 1
        else:
            ok = len(ms) == 1 and before == 1
        ok = ok and all(m.startswith(b"Return-Path: <>\n") for _, m in ms)
        if not ok:
            bad.add(sid)
            print("driver: %s (%s %s): %d messages, %d before expiry; "
                  "left out" % (sid, s["scenario"], s["rcpt"], len(ms),
                                before))
    logs = {}
    for sc in live:
        chk = world.CHECKS.get((sc["mta"], sc["scenario"])) or \
            world.CHECKS.get(("*", sc["scenario"]))
        if not chk:
            continue
        if chk[0] not in logs:
            try:
                logs[chk[0]] = open(os.path.join(work, "logs", chk[0] + ".log"),
                                    errors="replace").read()
            except OSError:
                logs[chk[0]] = ""
        rx = chk[1].format(rcpt=re.escape(sc["rcpt"]),
                           mid=re.escape(sc["message_id"]),
                           code=re.escape(sc["reply"][:9]),
                           sender=re.escape(envelope_from(sc)),
                           helo=re.escape(world.MTAS[sc["mta"]][1]))
        if not re.search(rx, logs[chk[0]]):
            bad.add(sc["id"])
            print("driver: %s (%s %s): not confirmed by the %s log; left out"
                  % (sc["id"], sc["scenario"], sc["rcpt"], chk[0]))
    for path, mtime, s, rcpt, msg in got:
        if s is None:
            print("driver: unmatched message %s (to %s)" % (path, rcpt))
            continue
        if s["id"] in bad:
            continue
        spec = world.SCENARIOS[s["scenario"]]
        kind = spec["kind"]
        if kind == "defer":
            t = expire_at(work, s["mta"]) or float("inf")
            kind = "delay" if mtime < t else "bounce"
        n = counts[s["mta"]] = counts.get(s["mta"], 0) + 1
        fn = "%s-%03d.eml" % (s["mta"], n)
        with open(os.path.join(out, fn), "wb") as f:
            f.write(msg)
        rc = dict(address=s["rcpt"], status=spec["status"],
                  status_class=spec["cls"],
                  hard=spec["hard"], reason=spec["reason"],
                  action={"bounce": "failed", "delay": "delayed"}.get(
                      kind, ""))
        if kind == "delay":
            rc.update(hard=False, status_class="4")
        elif spec["kind"] == "defer":
            # given up after the retries: the last reply's code, if scripted
            rc.update(reason="expired", status_class="4")
        rc["status_in_message"] = bool(rc["status"]) and \
            rc["status"].encode() in msg
        labels.append(dict(
            file=fn, module=world.MODULE.get(s["mta"], s["mta"]),
            instance=s["mta"], kind=kind,
            is_bounce=kind in ("bounce", "delay"), recipients=[rc],
            scenario=s["scenario"], envelope_to=rcpt,
            verp_token=bool(s["token"]), dsn_requested=s["dsn"],
            list_mail=s["listmail"], message_id=s["message_id"]))
    got = {lab["message_id"] for lab in labels}
    for s in live:
        if s["message_id"] not in got:
            print("driver: nothing came back for %s (%s, %s)" % (
                s["id"], s["scenario"], s["rcpt"]))
    labels.sort(key=lambda lab: lab["file"])
    with open(lab_path, "w") as f:
        for lab in labels:
            f.write(json.dumps(lab, ensure_ascii=False) + "\n")


def summary(out):
    labels = [json.loads(line) for line in
              open(os.path.join(out, "labels.jsonl")) if line.strip()]
    for lab in labels:
        lab.setdefault("instance", lab["module"])
    mods = sorted({lab["instance"] for lab in labels})
    kinds = ["bounce", "delay", "autoreply"]
    print("mkcorpus: %d messages in %s" % (len(labels), out))
    print("%-13s %6s %6s %9s %6s" % ("mta", *kinds, "total"))
    for m in mods + ["all"]:
        ls = [lab for lab in labels if m in ("all", lab["instance"])]
        print("%-13s %6d %6d %9d %6d" % (
            m, *(sum(lab["kind"] == k for lab in ls) for k in kinds),
            len(ls)))


def main():
    cmd = sys.argv[1]
    if cmd == "config":
        config(sys.argv[2])
    elif cmd == "send":
        send(sys.argv[2], sys.argv[3:])
    elif cmd == "wait":
        wait(sys.argv[2], float(sys.argv[3]), sys.argv[4:] == ["final"])
    elif cmd == "collect":
        collect(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif cmd == "summary":
        summary(sys.argv[2])
    else:
        sys.exit("usage: driver.py config|send|collect WORK ...")


if __name__ == "__main__":
    main()
