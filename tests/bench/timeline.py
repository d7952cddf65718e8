#!/usr/bin/env python3
"""timeline: where an SMTP client's time goes, read from
`strace -ff -tt -T -e trace=sendto,recvfrom,write,read,poll -s 40 -o PREFIX`
output of one run: one file per thread (tests/bench/relay.sh).  Bench
use only.

Per message and connection (socket), the time from each command to its
reply and from a final reply to the next MAIL FROM (the client's own time
between messages), as medians in milliseconds; the round trips per
message; and the share of the wall time the process spent blocked in a
poll on one socket (libcurl's smtp_done waits so for the reply to the
final ".", and in a multi loop nothing else moves meanwhile).

usage: timeline.py NAME PREFIX.PID...
"""
import re
import statistics
import sys

LINE = re.compile(r'^(\d+):(\d+):(\d+\.\d+)\s+'
                  r'(\w+)\((.*)\)\s+=\s+(-?\d+)[^<]*(?:<(\d+\.\d+)>)?')
CMD = re.compile(r'^\d+, "([A-Z]{4})')


def parse(path):
    for raw in open(path, errors="replace"):
        m = LINE.match(raw)
        if not m:
            continue
        h, mi, s, call, args, ret, dur = m.groups()
        t = int(h) * 3600 + int(mi) * 60 + float(s)
        yield t, call, args, int(ret), float(dur) if dur else 0.0


def one_thread(path, phases, trips, span):
    """Reads one thread's trace; returns the time it sat in one-socket
    polls and whether it sent commands."""
    per_fd = {}
    blocked = 0.0
    sent = False
    for t, call, args, ret, dur in parse(path):
        span[0] = t if span[0] is None else min(span[0], t)
        span[1] = t + dur if span[1] is None else max(span[1], t + dur)
        if call == "poll":
            # one socket and a timeout: a wait on that socket alone
            if re.match(r'^\[\{fd=\d+, [^}]*\}\], 1, [1-9]', args):
                blocked += dur
            continue
        if ret <= 0:
            continue
        st = per_fd.setdefault(args.split(",", 1)[0], {
            "wait": None, "at": 0, "n": 0, "final": None, "body": False})
        if call in ("sendto", "write"):
            c = CMD.match(args)
            verb = c.group(1) if c else None
            if verb == "MAIL":
                if st["final"] is not None:
                    phases["client"].append(t - st["final"])
                    trips.append(st["n"])
                st["n"] = 0
            if verb in ("MAIL", "RCPT", "DATA"):
                st["wait"], st["at"] = verb, t
                st["n"] += 1
                sent = True
            elif st["body"]:
                # the message (and its final dot, maybe in a write of
                # its own): timed from its first write
                st["wait"], st["at"], st["body"] = "body+.", t, False
                st["n"] += 1
        elif call in ("recvfrom", "read") and st["wait"]:
            r = re.match(r'^\d+, "(\d{3})[ -]', args)
            if not r:
                continue
            phases[st["wait"]].append(t - st["at"])
            if st["wait"] == "body+.":
                st["final"] = t
            st["body"] = st["wait"] == "DATA" and r.group(1) == "354"
            st["wait"] = None
    return blocked, sent


def main():
    name, files = sys.argv[1], sys.argv[2:]
    phases = {"MAIL": [], "RCPT": [], "DATA": [], "body+.": [],
              "client": []}
    trips = []
    span = [None, None]
    threads = [one_thread(f, phases, trips, span) for f in files]
    senders = [b for b, sent in threads if sent]
    wall = span[1] - span[0] if span[0] is not None else 0
    out = ["%-11s" % name]
    for k in ("MAIL", "RCPT", "DATA", "body+.", "client"):
        v = phases[k]
        out.append("%s %.2f" % (k, statistics.median(v) * 1000 if v else 0))
    out.append("trips/msg %.0f" % (statistics.median(trips) if trips else 0))
    if len(senders) == 1:
        out.append("one-socket waits %.0f %% of the time" %
                   (100 * senders[0] / wall if wall else 0))
    else:
        out.append("(%d sending threads)" % len(senders))
    print("  ".join(out))


main()
