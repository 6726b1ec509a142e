"""A real SMTP server on a free local port (aiosmtpd) that keeps every message it accepts."""

import contextlib
import email
import email.policy
import threading

from aiosmtpd.controller import Controller

from .reminder_worker import free_port


class KeepingHandler:
    def __init__(self, refuse_first: int = 0):
        self.lock = threading.Lock()
        self.messages: list[email.message.EmailMessage] = []
        self.refuse_first = refuse_first

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        with self.lock:
            if self.refuse_first > 0:
                self.refuse_first -= 1
                return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


@contextlib.contextmanager
def smtp_server(settings, *, refuse_first: int = 0):
    """Start the server and point Django's SMTP backend at it; stopped on exit."""
    handler = KeepingHandler(refuse_first=refuse_first)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    try:
        yield handler
    finally:
        controller.stop()
