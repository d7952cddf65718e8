#!/usr/bin/env python3
"""A scripted IMAP server that offers no STARTTLS, for the one fault a real
Dovecot cannot be made to produce.  Usage: imapnostls.py PORTFILE LOGFILE.
Writes its port to PORTFILE, logs every line a client sends to LOGFILE,
answers CAPABILITY and LOGOUT, refuses everything else (LOGIN included)."""
import socketserver
import sys

CAPS = b"IMAP4rev1 AUTH=PLAIN"


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"* OK [CAPABILITY " + CAPS + b"] fake server ready\r\n")
        for line in self.rfile:
            with open(sys.argv[2], "ab") as log:
                log.write(line)
            parts = line.split()
            if len(parts) < 2:
                continue
            tag, cmd = parts[0], parts[1].upper()
            if cmd == b"CAPABILITY":
                self.wfile.write(b"* CAPABILITY " + CAPS + b"\r\n" + tag + b" OK done\r\n")
            elif cmd == b"LOGOUT":
                self.wfile.write(b"* BYE\r\n" + tag + b" OK bye\r\n")
                return
            else:
                self.wfile.write(tag + b" NO not here\r\n")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


srv = Server(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write("%d\n" % srv.server_address[1])
srv.serve_forever()
