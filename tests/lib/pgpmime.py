#!/usr/bin/env python3
"""Splits a PGP/MIME (RFC 3156) message into the exact signed bytes and the
detached signature, the way a verifying mail client does: line ends made
CRLF, the first part taken between its boundary delimiters byte for byte.

usage: pgpmime.py MESSAGE OUTDIR   -> OUTDIR/data, OUTDIR/sig, prints micalg
Independent of the program under test: only Python's standard library."""
import email, email.policy, os, re, sys

msg_path, out = sys.argv[1], sys.argv[2]
raw = open(msg_path, 'rb').read()
raw = re.sub(rb'\r?\n', b'\r\n', raw)
m = email.message_from_bytes(raw, policy=email.policy.default)
if m.get_content_type() != 'multipart/signed':
    sys.exit(f'{msg_path}: not multipart/signed but {m.get_content_type()}')
if m.get_param('protocol') != 'application/pgp-signature':
    sys.exit(f'{msg_path}: protocol is {m.get_param("protocol")}')
b = m.get_boundary().encode()
start = raw.index(b'\r\n--' + b + b'\r\n') + len(b) + 6
end = raw.index(b'\r\n--' + b + b'\r\n', start)
data = raw[start:end]
parts = list(m.iter_parts())
sig = parts[1]
if sig.get_content_type() != 'application/pgp-signature':
    sys.exit(f'{msg_path}: second part is {sig.get_content_type()}')
os.makedirs(out, exist_ok=True)
open(os.path.join(out, 'data'), 'wb').write(data)
open(os.path.join(out, 'sig'), 'wb').write(sig.get_payload(decode=True) or sig.get_content().encode())
inner = parts[0]
print(m.get_param('micalg'), inner.get_param('protected-headers') or '-',
      'subject-protected' if inner['Subject'] == m['Subject'] else 'subject-NOT-protected',
      'from-protected' if inner['From'] == m['From'] else 'from-NOT-protected')
