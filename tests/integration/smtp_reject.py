# SPDX-License-Identifier: ISC. Copyright (c) 2026 the qetracker authors.
"""An aiosmtpd handler that refuses every recipient with a 550, for the
digest's SMTP failure test: python3 -m aiosmtpd -c smtp_reject.Reject"""


class Reject:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 no such mailbox here"
