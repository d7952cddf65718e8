#!/usr/bin/env python3
"""holdpolicy: a Postfix policy service (SMTPD_POLICY_README) for
tests/t/0350.  Answers DUNNO to every request, except that it holds the
DATA request whose number (counted from 1 since start) is written in the
file --hold-at (read at each request; absent or empty: hold none): it
creates the file --held and never answers, so that smtpd session stays
at DATA (before 354: nothing of that message is queued) until the test
kills the relay.  Test use only.

  --port-file F   listen on 127.0.0.1:0, write the port to F
  --hold-at F     the file naming which DATA request to hold
  --held F        created when the request is held
"""
import argparse
import os
import socketserver
import threading

lock = threading.Lock()
count = {"data": 0}


def hold_at():
    try:
        with open(args.hold_at) as f:
            v = f.read().strip()
        return int(v) if v else 0
    except (OSError, ValueError):
        return 0


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        attrs = {}
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if line:
                k, _, v = line.partition("=")
                attrs[k] = v
                continue
            if attrs.get("protocol_state") == "DATA":
                with lock:
                    count["data"] += 1
                    n = count["data"]
                if n == hold_at():
                    open(args.held, "w").close()
                    threading.Event().wait()   # until the relay dies
                    return
            self.wfile.write(b"action=DUNNO\n\n")
            self.wfile.flush()
            attrs = {}


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


p = argparse.ArgumentParser()
p.add_argument("--port-file", required=True)
p.add_argument("--hold-at", required=True)
p.add_argument("--held", required=True)
args = p.parse_args()
srv = Server(("127.0.0.1", 0), Handler)
tmp = args.port_file + ".tmp"
with open(tmp, "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(tmp, args.port_file)
srv.serve_forever()
