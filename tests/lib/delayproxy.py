#!/usr/bin/env python3
"""delayproxy.py PORT TARGET_PORT ONE_WAY_MS [REWRITE]: a TCP proxy on
127.0.0.1:PORT to 127.0.0.1:TARGET_PORT that holds every chunk ONE_WAY_MS
milliseconds before passing it on, each way, in order: a server on
loopback then answers as one 2 * ONE_WAY_MS away would (the bounce
mailbox of an operator whose Dovecot is elsewhere).  Prints "ready" once
listening; runs until killed.

REWRITE (plain IMAP only) makes the server's FETCH answers of the form
"* N FETCH (UID U RFC822.SIZE S)" those of a server real Dovecot cannot
play:
  omit-size    "* N FETCH (UID U)": the size not given at all;
  flags-after  the answer, then "* N FETCH (UID U FLAGS (\\Seen))": the
               size given, then an answer for the message without it (a
               flag change sent unasked, as RFC 3501 section 7.4.2 lets a
               server do at any time)."""
import asyncio
import re
import sys

SIZE = re.compile(rb"^\* (\d+) FETCH \(UID (\d+) RFC822\.SIZE \d+\)\r\n$")


def omit_size(line):
    m = SIZE.match(line)
    return b"* %s FETCH (UID %s)\r\n" % m.groups() if m else line


def flags_after(line):
    m = SIZE.match(line)
    return line + b"* %s FETCH (UID %s FLAGS (\\Seen))\r\n" % m.groups() \
        if m else line


REWRITES = {"omit-size": omit_size, "flags-after": flags_after}


def by_line(rewrite):
    """A filter of chunks that applies rewrite to each whole line: what it
    holds back is a line not yet ended."""
    held = b""

    def feed(data):
        nonlocal held
        if not data:
            out, held = held, b""
            return out
        lines = (held + data).split(b"\n")
        held = lines.pop()
        return b"".join(rewrite(line + b"\n") for line in lines)
    return feed


async def pipe(reader, writer, delay, feed=None):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def send():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                break
            writer.write(data)
            await writer.drain()
        writer.close()

    sender = asyncio.create_task(send())
    try:
        while True:
            data = await reader.read(65536)
            if feed:
                tail = feed(data)
                if tail:
                    queue.put_nowait((loop.time() + delay, tail))
            else:
                queue.put_nowait((loop.time() + delay, data))
            if not data:
                queue.put_nowait((loop.time() + delay, b""))
                break
    except ConnectionError:
        queue.put_nowait((loop.time(), b""))
    await sender


async def main(port, target, delay, rewrite):
    async def serve(c_reader, c_writer):
        try:
            s_reader, s_writer = await asyncio.open_connection(
                "127.0.0.1", target)
        except OSError:
            c_writer.close()
            return
        feed = by_line(rewrite) if rewrite else None
        await asyncio.gather(pipe(c_reader, s_writer, delay),
                             pipe(s_reader, c_writer, delay, feed),
                             return_exceptions=True)

    server = await asyncio.start_server(serve, "127.0.0.1", port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]),
                     float(sys.argv[3]) / 1000,
                     REWRITES[sys.argv[4]] if len(sys.argv) > 4 else None))
