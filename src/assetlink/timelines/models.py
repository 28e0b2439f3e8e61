"""A note or a task on a record's timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Note(models.Model):
    """A note or a task on the shared timeline of a person, organisation, opportunity or referral."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="notes", verbose_name=_("programme")
    )
    # The record: its model label ("people.person") and id; see subjects.py for the records that have one.
    subject_type = models.CharField(_("about"), max_length=80)
    subject_id = models.PositiveIntegerField(_("subject id"))
    body = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    author_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author's organisation"),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    is_private = models.BooleanField(
        _("only my organisation"),
        default=False,
        help_text=_("Seen only by your organisation and the programme admins"),
    )
    mentions = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="mentioned_in",
        verbose_name=_("partners mentioned"),
    )
    # A task: someone to do it, by a date.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("assigned to"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        # The table was made when notes belonged to journeys; it kept its name when they moved here.
        db_table = "journeys_note"
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["programme", "subject_type", "subject_id"], name="journeys_no_program_200b32_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_type}:{self.subject_id} {self.created_at:%Y-%m-%d}"

    @property
    def is_task(self) -> bool:
        return self.assignee_id is not None or self.due_on is not None

    @property
    def is_overdue(self) -> bool:
        return (
            self.is_task
            and self.done_at is None
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )
