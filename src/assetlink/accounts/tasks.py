"""E-mail is sent by the worker, not in a web request: a slow or failing mail server never holds a page
up, and every failure is logged with what it was about."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

from assetlink.encryption import decrypt, encrypt

logger = logging.getLogger(__name__)


@task()
def send_email_task(*, to: str, subject: str, sealed_body: str, about: str) -> None:
    """Send one message; its body (which may hold a one-time link) waits in the queue encrypted."""
    try:
        send_mail(subject=subject, message=decrypt(sealed_body), from_email=None, recipient_list=[to])
    except Exception:
        logger.exception("E-mail about %s to %s could not be sent.", about, to)
        raise


def send_email_later(*, to: str, subject: str, body: str, about: str) -> None:
    """Queue a message for the worker once the current transaction commits."""
    sealed = encrypt(body)
    transaction.on_commit(
        lambda: send_email_task.enqueue(to=to, subject=str(subject), sealed_body=sealed, about=about)
    )
