"""Builds an RFC 5965 feedback report (ARF) about a delivered message, as a
mailbox provider's feedback loop sends it: multipart/report with a human
part, a message/feedback-report part and the original message.

usage: arf.py ORIGINAL.eml COMPLAINANT REPORT_TO [--strip FIELD]...
              [--mail-from ADDR | --no-mail-from] [--no-feedback-type]
              [--no-feedback-part]
  --strip FIELD       leave every FIELD out of the returned copy (a loop
                      that redacts it)
  --mail-from ADDR    Original-Mail-From: <ADDR> (default: the copy's
                      Return-Path, as delivered)
  --no-mail-from      no Original-Mail-From field
  --no-feedback-type  leave out the required Feedback-Type (a malformed
                      report, RFC 5965 3.1)
  --no-feedback-part  the report's fields in a text/plain part, no
                      message/feedback-report part (malformed, RFC 5965 2)
Python's email package writes it, not mailer's code."""
import argparse
import email
import sys
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid

ap = argparse.ArgumentParser()
ap.add_argument('original')
ap.add_argument('complainant')
ap.add_argument('report_to')
ap.add_argument('--strip', action='append', default=[])
ap.add_argument('--mail-from')
ap.add_argument('--no-mail-from', action='store_true')
ap.add_argument('--no-feedback-type', action='store_true')
ap.add_argument('--no-feedback-part', action='store_true')
a = ap.parse_args()
with open(a.original, 'rb') as f:
    original = email.message_from_binary_file(f)
mail_from = a.mail_from or (original['Return-Path'] or '').strip('<> ')
for name in a.strip:
    del original[name]

report = MIMEMultipart('report', report_type='feedback-report')
report['From'] = 'Feedback Loop <fbl@feedback.example.net>'
report['To'] = a.report_to
report['Subject'] = 'Email Feedback Report for IP 192.0.2.25'
report['Date'] = formatdate()
report['Message-ID'] = make_msgid(domain='feedback.example.net')
report.attach(MIMEText('This is an email abuse report for an email '
                       'message received from IP 192.0.2.25.\n'))
fields = [] if a.no_feedback_type else ['Feedback-Type: abuse']
fields += ['User-Agent: ExampleFBL/1.0', 'Version: 1']
if not a.no_mail_from:
    fields.append('Original-Mail-From: <%s>' % mail_from)
fields += ['Original-Rcpt-To: <%s>' % a.complainant,
           'Arrival-Date: %s' % formatdate(), 'Source-IP: 192.0.2.25']
fb = MIMEBase(*(('text', 'plain') if a.no_feedback_part else
                ('message', 'feedback-report')))
fb.set_payload(''.join(f + '\n' for f in fields))
report.attach(fb)
report.attach(MIMEMessage(original))
sys.stdout.buffer.write(report.as_bytes())
