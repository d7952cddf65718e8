#!/usr/bin/env python3
"""Splits a PGP/MIME (RFC 3156) message into the exact signed bytes and the
detached signature, the way a verifying mail client does: line ends made
CRLF, the first part taken between its boundary delimiters byte for byte.

usage: pgpmime.py MESSAGE OUTDIR [MESSAGE OUTDIR]...
  -> OUTDIR/data, OUTDIR/sig; prints micalg and what is protected, one line
     a message (also in OUTDIR/info).  A message that is not PGP/MIME gets
     no OUTDIR and a line on stderr; the exit status is then 1.  Several
     messages in one run save a Python start each (~0.15 s, more on a
     loaded machine).
Independent of the program under test: only Python's standard library."""
import email, email.policy, os, re, sys


def split(msg_path, out):
    raw = open(msg_path, 'rb').read()
    raw = re.sub(rb'\r?\n', b'\r\n', raw)
    m = email.message_from_bytes(raw, policy=email.policy.default)
    if m.get_content_type() != 'multipart/signed':
        raise ValueError(f'not multipart/signed but {m.get_content_type()}')
    if m.get_param('protocol') != 'application/pgp-signature':
        raise ValueError(f'protocol is {m.get_param("protocol")}')
    b = m.get_boundary().encode()
    start = raw.index(b'\r\n--' + b + b'\r\n') + len(b) + 6
    end = raw.index(b'\r\n--' + b + b'\r\n', start)
    data = raw[start:end]
    parts = list(m.iter_parts())
    sig = parts[1]
    if sig.get_content_type() != 'application/pgp-signature':
        raise ValueError(f'second part is {sig.get_content_type()}')
    inner = parts[0]
    info = ' '.join([
        str(m.get_param('micalg')), inner.get_param('protected-headers') or '-',
        'subject-protected' if inner['Subject'] == m['Subject'] else 'subject-NOT-protected',
        'from-protected' if inner['From'] == m['From'] else 'from-NOT-protected'])
    os.makedirs(out, exist_ok=True)
    open(os.path.join(out, 'data'), 'wb').write(data)
    open(os.path.join(out, 'sig'), 'wb').write(sig.get_payload(decode=True) or sig.get_content().encode())
    open(os.path.join(out, 'info'), 'w').write(info + '\n')
    return info


args = sys.argv[1:]
if not args or len(args) % 2:
    sys.exit(__doc__)
status = 0
for msg_path, out in zip(args[::2], args[1::2]):
    try:
        print(split(msg_path, out))
    except Exception as e:  # one bad message must not hide the others
        print(f'{msg_path}: {e}', file=sys.stderr)
        status = 1
sys.exit(status)
