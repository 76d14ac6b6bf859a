# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""aiosmtpd handlers that count what reaches them, for the digest's
exactly-once tests (python3 -m aiosmtpd -c smtp_count.NAME). Each message
the server is asked to take writes a line to $QT_SMTP_LOG."""
import os


def _note(what):
    with open(os.environ["QT_SMTP_LOG"], "a") as f:
        f.write(what + "\n")


class Refuse:
    """554 after DATA: a permanent refusal of the whole message."""
    async def handle_DATA(self, server, session, envelope):
        _note("data")
        return "554 5.7.1 message refused"


class Later:
    """451 after DATA: a temporary failure."""
    async def handle_DATA(self, server, session, envelope):
        _note("data")
        return "451 4.3.0 try again later"


class Take:
    """Takes every message."""
    async def handle_DATA(self, server, session, envelope):
        _note("data")
        return "250 OK"


class Envelope:
    """Takes every message, and writes its envelope (MAIL FROM, each RCPT
    TO) and then the message itself to $QT_SMTP_LOG.eml files."""
    async def handle_DATA(self, server, session, envelope):
        _note("from " + envelope.mail_from)
        for r in envelope.rcpt_tos:
            _note("rcpt " + r)
        with open(os.environ["QT_SMTP_LOG"] + ".eml", "wb") as f:
            f.write(envelope.original_content)
        return "250 OK"
