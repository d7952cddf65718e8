#!/usr/bin/python3
"""dkimverify: checks every DKIM-Signature of a message with dkimpy.

usage: dkimverify.py RECORDS MESSAGE...

RECORDS is the output of `mailer dkim record` (zone-file lines); the keys
are served from it instead of DNS.  For each message and each signature,
prints one line "FILE ALGORITHM pass|fail H=h-tag" and exits 1 if any
signature failed or a message has none.  Needs Debian's python3-dkim and,
for Ed25519, python3-nacl (run with /usr/bin/python3).
"""
import re
import sys

import dkim


def load_records(path):
    recs = {}
    for line in open(path, encoding="ascii"):
        m = re.match(r'^(\S+)\s+IN\s+TXT\s+(.*)$', line.strip())
        if m:
            name = m.group(1).rstrip('.').lower()
            recs[name] = "".join(re.findall(r'"([^"]*)"', m.group(2)))
    return recs


def main():
    recs = load_records(sys.argv[1])

    def dnsfunc(name, timeout=5):
        if isinstance(name, bytes):
            name = name.decode()
        return recs.get(name.rstrip('.').lower(), "").encode()

    bad = 0
    for path in sys.argv[2:]:
        msg = open(path, "rb").read()
        if b"\n" in msg and b"\r\n" not in msg:
            msg = msg.replace(b"\n", b"\r\n")
        d = dkim.DKIM(msg)
        sigs = [v for (k, v) in d.headers if k.lower() == b"dkim-signature"]
        if not sigs:
            print(f"{path} none fail")
            bad += 1
        for i, sig in enumerate(sigs):
            tags = dkim.util.parse_tag_value(re.sub(rb"\s+", b"", sig))
            try:
                ok = d.verify(idx=i, dnsfunc=dnsfunc)
            except dkim.DKIMException:
                ok = False
            alg = tags.get(b"a", b"?").decode()
            h = tags.get(b"h", b"").decode()
            print(f"{path} {alg} {'pass' if ok else 'fail'} h={h}")
            bad += 0 if ok else 1
    sys.exit(1 if bad else 0)


main()
