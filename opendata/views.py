"""Public pages of the open data: the overview and the files; staff start a rebuild."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from ris_portal.permissions import capability_required
from ris_portal.roles import roles_for

from . import services
from .licences import current_licence
from .models import PackageBuild
from .package import TABLES

CACHE_SECONDS = 300
logger = logging.getLogger(__name__)


def _current_or_build() -> PackageBuild | None:
    """The served build; on a fresh installation (never built) build once, synchronously."""
    build = services.package_current()
    if build is None:
        try:
            build = services.package_build_now(reason="erster Abruf")
        except Exception:  # noqa: BLE001 - shown to staff on the page; the sweep retries
            logger.exception("Open data could not be built on first request")
            return None
    return build


class OpenDataView(TemplateView):
    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        build = _current_or_build()
        files = build.files if build else {}
        context.update(
            build=build,
            tables=[
                {"table": table, "size": files.get(table.path, {}).get("bytes")} for table in TABLES
            ],
            package_size=files.get("datapackage.json", {}).get("bytes"),
            licence=current_licence(),
            attribution=settings.OPEN_DATA_ATTRIBUTION,
        )
        if roles_for(self.request.user).can_edit_content:
            context["builds"] = PackageBuild.objects.all()[:10]
        return context


def open_data_file(request, name: str):
    build = _current_or_build()
    if build is None or name not in build.files:
        raise Http404
    info = build.files[name]
    etag = f'"{info["sha256"]}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        try:
            handle = services.package_open(build, name)
        except FileNotFoundError as missing:
            raise Http404 from missing
        content_type = info["media_type"]
        if content_type.startswith("text/") or content_type == "application/json":
            content_type += "; charset=utf-8"
        response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="{name}"'
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"  # open data: any web page may load it
    return response


@require_POST
@capability_required("can_edit_content")
def open_data_rebuild(request):
    failed = request.POST.get("retry")
    if failed and failed.isdigit():
        build = get_object_or_404(PackageBuild, pk=int(failed), status=PackageBuild.Status.FAILED)
        services.package_retry(build=build)
    else:
        services.package_schedule(reason=_("von der Geschäftsstelle angestoßen"))
    messages.success(
        request,
        _("Die offenen Daten werden im Hintergrund neu erstellt; das dauert einige Sekunden."),
    )
    return redirect("opendata:index")
