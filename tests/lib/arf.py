"""Builds an RFC 5965 feedback report (ARF) about a delivered message, as a
mailbox provider's feedback loop sends it: multipart/report with a human
part, a message/feedback-report part and the original message.

usage: arf.py ORIGINAL.eml COMPLAINANT REPORT_TO > report.eml
Python's email package writes it, not mailer's code."""
import email
import sys
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid

orig_path, complainant, report_to = sys.argv[1:4]
with open(orig_path, 'rb') as f:
    original = email.message_from_binary_file(f)
mail_from = (original['Return-Path'] or '').strip('<> ')

report = MIMEMultipart('report', report_type='feedback-report')
report['From'] = 'Feedback Loop <fbl@feedback.example.net>'
report['To'] = report_to
report['Subject'] = 'Email Feedback Report for IP 192.0.2.25'
report['Date'] = formatdate()
report['Message-ID'] = make_msgid(domain='feedback.example.net')
report.attach(MIMEText('This is an email abuse report for an email '
                       'message received from IP 192.0.2.25.\n'))
fb = MIMEBase('message', 'feedback-report')
fb.set_payload('Feedback-Type: abuse\nUser-Agent: ExampleFBL/1.0\n'
               'Version: 1\nOriginal-Mail-From: <%s>\n'
               'Original-Rcpt-To: <%s>\nArrival-Date: %s\n'
               'Source-IP: 192.0.2.25\n'
               % (mail_from, complainant, formatdate()))
report.attach(fb)
report.attach(MIMEMessage(original))
sys.stdout.buffer.write(report.as_bytes())
