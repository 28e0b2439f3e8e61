"""An uploaded import file with the outcome of its preview and of its commit."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One upload: kept encrypted until it is committed or abandoned, then its content is wiped."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        INVALID = "invalid", _("Has errors")
        READY = "ready", _("Ready to import")
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")
        DISCARDED = "discarded", _("Discarded")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="imports", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=40)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("started by")
    )
    file_name = models.CharField(_("file"), max_length=200)
    content = models.BinaryField(editable=False, default=b"")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CHECKING)
    size = models.PositiveBigIntegerField(_("size unpacked (bytes)"), default=0)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    written = models.PositiveIntegerField(_("rows written"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    task_run = models.ForeignKey(
        "background.TaskRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.file_name}"
