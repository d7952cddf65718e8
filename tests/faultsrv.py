#!/usr/bin/env python3
"""faultsrv: a scripted SMTP server (RFC 5321, RFC 3207, RFC 4954 PLAIN)
for faults a real server cannot produce on cue.  Test use only.

  --port-file F        listen on 127.0.0.1:0 and write the port to F
  --drop-data N        close the connection in the middle of the DATA of
                       the Nth message (counted over all connections)
  --drop-rcpt ADDR     the same for every message to ADDR
  --reply ADDR=REPLY   answer RCPT TO:<ADDR> with REPLY ("451 4.2.0 busy")
  --auth USER:PASS     offer AUTH PLAIN and require it before MAIL
  --tls CERT:KEY       offer STARTTLS
  --smtps              TLS from the connection's start (RFC 8314, port
                       465), with --tls's certificate
  --tls-hang           offer STARTTLS, answer it 220 and then say nothing
                       (a relay whose TLS handshake never comes)
  --log F              one line per accepted message: "CONN MSG RCPT"
  --trace F            one line per command verb received
  --ends F             one line per message whose final "." arrived:
                       "RCPT SECONDS" (the clock's time then, time.time())
  --greet REPLY        greet with REPLY ("421 4.3.2 busy") and hang up
  --greet-from N       ... from the Nth connection on (default 1)
  --data-reply ADDR=REPLY   answer DATA with REPLY for a message to ADDR
  --end-reply ADDR=REPLY    answer the final "." with REPLY for ADDR
  --drop-end ADDR      take a message to ADDR (logged) and hang up after
                       its final "." without a reply
  --slow-end SECONDS   wait that long before answering a final "."
  --trickle-end SECONDS  answer a final "." one byte every SECONDS (a
                       reply that never stops coming, never whole in time)
  --max-conns N        greet a connection beyond N open at once with 421
                       (Postfix's smtpd_client_connection_count_limit)
  --mail-reply REPLY   answer every MAIL FROM with REPLY ("%s": its address)
  --hangup-rcpt ADDR   hang up at RCPT TO:<ADDR>, without a reply
  --size-limit BYTES   refuse a larger message after its "." with 552
                       5.3.4, as Postfix's message_size_limit does
  --no-pipelining      do not announce PIPELINING (RFC 2920)
  --split              send every reply after the EHLO's a byte per TCP
                       segment, each line ending in a bare LF, and the
                       reply to a final "." as three lines, one of 600
                       bytes (RFC 5321 allows 512; clients take more)
  --data-anyway        answer DATA with 354 even when every RCPT TO was
                       refused (a pipelining server may: RFC 2920, 3.1)
  --mail-close         hang up after the reply to MAIL FROM
  --close-after N      hang up, without a word, after the reply to the
                       Nth message's final "." on a connection (--trace
                       notes "CLOSED")
  --hang-at VERB       never answer VERB (MAIL, RCPT, DATA)
  --idle-421 SECONDS   after a message, a connection silent that long
                       gets "421 4.4.2 ... timeout exceeded" and is closed
                       (Postfix's smtpd_timeout); --trace notes "IDLE421"
  --reset-after-ehlo SECONDS  reset the connection (RST) that long after
                       the reply to EHLO: the client's next write fails
  --drop-354           hang up right after answering DATA with 354
  --dsn                announce DSN (RFC 3461)
  --smtputf8           announce SMTPUTF8 (RFC 6531)
  --mail-log F         one line per MAIL FROM: "CONN ARGS", ARGS all
                       after "MAIL FROM:" as it came
  --pipelined F        one line per command that arrived with more
                       commands already sent behind it, before its reply
                       (pipelined): "CONN VERB"
"""
import argparse
import base64
import os
import select
import socket
import socketserver
import ssl
import struct
import threading
import time

lock = threading.Lock()
state = {"msgs": 0, "conns": 0}


class Handler(socketserver.StreamRequestHandler):
    def send(self, line):
        if not (args.split and self.split):
            self.wfile.write(line.encode() + b"\r\n")
            self.wfile.flush()
            return
        for b in line.encode() + b"\n":
            self.wfile.write(bytes([b]))
            self.wfile.flush()
            time.sleep(0.001)

    def ehlo(self):
        opts = ["8BITMIME"] if args.no_pipelining else ["PIPELINING",
                                                        "8BITMIME"]
        opts += ["DSN"] if args.dsn else []
        opts += ["SMTPUTF8"] if args.smtputf8 else []
        if (args.tls or args.tls_hang) and not self.tls:
            opts.append("STARTTLS")
        if args.auth:
            opts.append("AUTH PLAIN")
        lines = ["faultsrv"] + opts
        for i, l in enumerate(lines):
            self.send("250%s%s" % (" " if i == len(lines) - 1 else "-", l))

    def starttls(self):
        self.send("220 2.0.0 go ahead")
        self.tls_wrap()

    def tls_wrap(self):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        cert, key = args.tls.split(":")
        ctx.load_cert_chain(cert, key)
        self.request = ctx.wrap_socket(self.request, server_side=True)
        self.rfile = self.request.makefile("rb")
        self.wfile = self.request.makefile("wb")
        self.tls = True

    def more_sent(self):
        """Whether bytes after the command just read are here already."""
        if getattr(self.rfile, "peek", None) is None:
            return False
        self.request.setblocking(False)
        try:
            return len(self.rfile.peek(1)) > 0
        except (BlockingIOError, ssl.SSLWantReadError, OSError):
            return False
        finally:
            self.request.setblocking(True)

    def auth(self, arg):
        parts = arg.split(" ", 1)
        if len(parts) == 1:
            self.send("334 ")
            parts.append(self.rfile.readline().decode().strip())
        try:
            _, user, pw = base64.b64decode(parts[1]).decode().split("\0")
        except Exception:
            return self.send("501 5.5.2 bad AUTH data")
        if "%s:%s" % (user, pw) == args.auth:
            self.authed = True
            return self.send("235 2.7.0 Authentication successful")
        self.send("535 5.7.8 Authentication credentials invalid")

    def data(self, rcpts):
        with lock:
            state["msgs"] += 1
            n = state["msgs"]
        for r in rcpts:
            if r in data_replies:
                self.send(data_replies[r])
                return True
        self.send("354 End data with <CR><LF>.<CR><LF>")
        if args.drop_354:
            self.request.shutdown(2)
            return False
        lines = size = 0
        while True:
            line = self.rfile.readline()
            if not line:
                return False
            lines += 1
            size += len(line)
            if (n == args.drop_data or args.drop_rcpt in rcpts) and lines == 3:
                self.request.shutdown(2)
                return False
            if line == b".\r\n":
                break
        if args.ends:
            with lock, open(args.ends, "a") as f:
                for r in rcpts:
                    f.write("%s %.6f\n" % (r, time.time()))
        if args.size_limit and size > args.size_limit:
            self.send("552 5.3.4 Message size exceeds fixed limit")
            return True
        for r in rcpts:
            if r in end_replies:
                self.send(end_replies[r])
                return True
        if args.log:
            with lock, open(args.log, "a") as f:
                for r in rcpts:
                    f.write("%d %d %s\n" % (self.conn, n, r))
        if args.drop_end in rcpts:
            self.request.shutdown(2)
            return False
        if args.slow_end:
            time.sleep(args.slow_end)
        if args.trickle_end:
            return self.trickle(b"250 2.0.0 Ok: queued as FS%d\r\n" % n)
        if args.split:
            self.send("250-2.0.0 Ok\n250-" + "x" * 600)
        self.send("250 2.0.0 Ok: queued as FS%d" % n)
        self.taken += 1
        if self.taken == args.close_after:
            self.request.shutdown(2)
            if args.trace:
                with lock, open(args.trace, "a") as f:
                    f.write("%d CLOSED\n" % self.conn)
            return False
        return True

    def trickle(self, reply):
        try:
            for i in range(len(reply)):
                self.wfile.write(reply[i:i + 1])
                self.wfile.flush()
                time.sleep(args.trickle_end)
        except OSError:
            return False
        return True

    def handle(self):
        with lock:
            state["conns"] += 1
            self.conn = state["conns"]
            state["open"] = state.get("open", 0) + 1
        try:
            self.session()
        finally:
            with lock:
                state["open"] -= 1

    def session(self):
        if args.max_conns and state["open"] > args.max_conns:
            return self.send("421 4.7.0 Error: too many connections")
        self.tls, self.authed, rcpts = False, False, []
        self.split, self.taken = False, 0
        if args.split:
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY,
                                    1)
        if args.smtps:
            self.tls_wrap()
        if args.greet and self.conn >= args.greet_from:
            return self.send(args.greet)
        self.send("220 faultsrv ESMTP")
        while True:
            if args.idle_421 and self.taken and not select.select(
                    [self.request], [], [], args.idle_421)[0]:
                self.send("421 4.4.2 faultsrv Error: timeout exceeded")
                if args.trace:
                    with lock, open(args.trace, "a") as f:
                        f.write("%d IDLE421\n" % self.conn)
                self.request.shutdown(2)
                return
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode(errors="replace").rstrip("\r\n")
            verb = line.split(" ", 1)[0].upper()
            arg = line[len(verb) + 1:]
            if args.trace:
                with lock, open(args.trace, "a") as f:
                    f.write("%d %s\n" % (self.conn, verb))
            if args.pipelined and verb != "QUIT" and self.more_sent():
                with lock, open(args.pipelined, "a") as f:
                    f.write("%d %s\n" % (self.conn, verb))
            if verb == args.hang_at:
                time.sleep(120)
                return
            if verb in ("EHLO", "HELO"):
                self.ehlo()
                self.split = True
                if args.reset_after_ehlo:
                    time.sleep(args.reset_after_ehlo)
                    self.request.setsockopt(socket.SOL_SOCKET,
                                            socket.SO_LINGER,
                                            struct.pack("ii", 1, 0))
                    self.request.close()
                    return
            elif verb == "STARTTLS" and args.tls_hang:
                self.send("220 2.0.0 go ahead")
                time.sleep(120)
                return
            elif verb == "STARTTLS" and args.tls and not self.tls:
                self.starttls()
            elif verb == "AUTH" and args.auth:
                self.auth(arg[6:] if arg.upper().startswith("PLAIN") else "")
            elif verb == "MAIL":
                if args.mail_log:
                    with lock, open(args.mail_log, "a") as f:
                        f.write("%d %s\n" % (self.conn, line[10:]))
                if args.auth and not self.authed:
                    self.send("530 5.7.0 Authentication required")
                    continue
                rcpts = []
                if args.mail_reply:
                    addr = arg[arg.find("<") + 1:arg.rfind(">")]
                    self.send(args.mail_reply.replace("%s", addr))
                    if args.mail_close:
                        self.request.shutdown(2)
                        return
                    continue
                self.send("250 2.1.0 Ok")
            elif verb == "RCPT":
                addr = arg[arg.find("<") + 1:arg.rfind(">")]
                if addr == args.hangup_rcpt:
                    self.request.shutdown(2)
                    return
                if addr in replies:
                    self.send(replies[addr])
                else:
                    rcpts.append(addr)
                    self.send("250 2.1.5 Ok")
            elif verb == "DATA":
                if not rcpts and not args.data_anyway:
                    self.send("554 5.5.1 No valid recipients")
                elif not self.data(rcpts):
                    return
            elif verb == "RSET":
                rcpts = []
                self.send("250 2.0.0 Ok")
            elif verb == "NOOP":
                self.send("250 2.0.0 Ok")
            elif verb == "QUIT":
                self.send("221 2.0.0 Bye")
                return
            else:
                self.send("502 5.5.2 Command not recognized")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


p = argparse.ArgumentParser()
p.add_argument("--port-file", required=True)
p.add_argument("--drop-data", type=int, default=0)
p.add_argument("--drop-rcpt")
p.add_argument("--reply", action="append", default=[])
p.add_argument("--auth")
p.add_argument("--tls")
p.add_argument("--tls-hang", action="store_true")
p.add_argument("--smtps", action="store_true")
p.add_argument("--log")
p.add_argument("--trace")
p.add_argument("--ends")
p.add_argument("--greet")
p.add_argument("--greet-from", type=int, default=1)
p.add_argument("--data-reply", action="append", default=[])
p.add_argument("--end-reply", action="append", default=[])
p.add_argument("--drop-end")
p.add_argument("--slow-end", type=float, default=0)
p.add_argument("--trickle-end", type=float, default=0)
p.add_argument("--size-limit", type=int, default=0)
p.add_argument("--hangup-rcpt")
p.add_argument("--max-conns", type=int, default=0)
p.add_argument("--mail-reply")
p.add_argument("--no-pipelining", action="store_true")
p.add_argument("--pipelined")
p.add_argument("--split", action="store_true")
p.add_argument("--data-anyway", action="store_true")
p.add_argument("--mail-close", action="store_true")
p.add_argument("--close-after", type=int, default=0)
p.add_argument("--hang-at")
p.add_argument("--idle-421", type=float, default=0)
p.add_argument("--reset-after-ehlo", type=float, default=0)
p.add_argument("--drop-354", action="store_true")
p.add_argument("--dsn", action="store_true")
p.add_argument("--smtputf8", action="store_true")
p.add_argument("--mail-log")
args = p.parse_args()
replies = dict(r.split("=", 1) for r in args.reply)
data_replies = dict(r.split("=", 1) for r in args.data_reply)
end_replies = dict(r.split("=", 1) for r in args.end_reply)
srv = Server(("127.0.0.1", 0), Handler)
with open(args.port_file + ".tmp", "w") as f:
    f.write("%d\n" % srv.server_address[1])
os.rename(args.port_file + ".tmp", args.port_file)
srv.serve_forever()
