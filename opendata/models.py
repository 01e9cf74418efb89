"""Builds of the open-data package: each build is a durable job row (`ris_portal.jobs`)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ris_portal import modelfields
from ris_portal.jobs import LeasedJob


class PackageBuild(LeasedJob):
    """One (re)generation of the package; the newest finished build is what /open-data/ serves.

    `files` is the manifest {name: {"sha256", "bytes", "media_type"}}; the files lie in the
    default storage under `folder` (a build whose files equal the served build's reuses its
    folder, so an unchanged package is never written twice).
    """

    class Status(models.TextChoices):
        PENDING = "wartend", _("wartet")
        RUNNING = "laeuft", _("wird erstellt")
        DONE = "fertig", _("fertig")
        FAILED = "fehlgeschlagen", _("fehlgeschlagen")

    status = modelfields.status_field(Status, Status.PENDING)
    reason = models.CharField(_("Anlass"), max_length=200, blank=True)
    requested_at = models.DateTimeField(_("angefordert am"), auto_now_add=True)
    started_at = modelfields.optional_datetime(_("begonnen am"))
    finished_at = modelfields.optional_datetime(_("fertig am"))
    folder = models.CharField(_("Ablage"), max_length=200, blank=True)
    files = models.JSONField(_("Dateien"), default=dict, blank=True)
    package_sha256 = models.CharField(_("SHA-256 von datapackage.json"), max_length=64, blank=True)
    duration_ms = models.PositiveIntegerField(_("Dauer (ms)"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("Erstellung der offenen Daten")
        verbose_name_plural = _("Erstellungen der offenen Daten")
        constraints = [
            # Changes coalesce into the one waiting build (see services.package_schedule).
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="wartend"), name="one_pending_package_build"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.requested_at:%d.%m.%Y %H:%M})"
