#!/usr/bin/env python3
"""delayproxy.py PORT TARGET_PORT ONE_WAY_MS: a TCP proxy on 127.0.0.1:PORT
to 127.0.0.1:TARGET_PORT that holds every chunk ONE_WAY_MS milliseconds
before passing it on, each way, in order: a server on loopback then
answers as one 2 * ONE_WAY_MS away would (the bounce mailbox of an
operator whose Dovecot is elsewhere).  Prints "ready" once listening;
runs until killed."""
import asyncio
import sys


async def pipe(reader, writer, delay):
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
            queue.put_nowait((loop.time() + delay, data))
            if not data:
                break
    except ConnectionError:
        queue.put_nowait((loop.time(), b""))
    await sender


async def main(port, target, delay):
    async def serve(c_reader, c_writer):
        try:
            s_reader, s_writer = await asyncio.open_connection(
                "127.0.0.1", target)
        except OSError:
            c_writer.close()
            return
        await asyncio.gather(pipe(c_reader, s_writer, delay),
                             pipe(s_reader, c_writer, delay),
                             return_exceptions=True)

    server = await asyncio.start_server(serve, "127.0.0.1", port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]),
                     float(sys.argv[3]) / 1000))
