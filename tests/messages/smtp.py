"""A real SMTP server for the tests, run by aiosmtpd in a thread of the test process."""

import email
import socket
from email.policy import default

from aiosmtpd.controller import Controller
from django.core.mail.backends.smtp import EmailBackend


class Mailbox:
    """What the server received, as parsed emails; refuses the addresses in ``refused``."""

    def __init__(self):
        self.messages = []
        self.refused = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=default)
        for address in envelope.rcpt_tos:
            self.messages.append((address, parsed))
        return "250 Message accepted"

    def to(self, address):
        """The emails that ``address`` received."""
        return [message for rcpt, message in self.messages if rcpt == address]

    def recipients(self):
        """Every address that received an email, as often as it did."""
        return [rcpt for rcpt, _message in self.messages]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server():
    """Start an SMTP server on a free local port; returns ``(controller, mailbox)``."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, mailbox


class WorkerStopped(BaseException):
    """The worker's process ends: nothing after it runs, as with a killed worker."""


class StoppingBackend(EmailBackend):
    """Django's SMTP backend in a worker that stops before its ``stop_at``-th email."""

    stop_at = None
    count = 0

    def send_messages(self, email_messages):
        type(self).count += len(email_messages)
        if self.stop_at is not None and type(self).count >= self.stop_at:
            raise WorkerStopped
        return super().send_messages(email_messages)
