"""Views of the assessments per report chapter: overview, chapter, editor, comments, history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from ris_portal.editing import VersionedFormView, comment_post
from ris_portal.history_views import ObjectHistoryView
from ris_portal.permissions import CapabilityRequiredMixin, capability_required
from ris_portal.roles import roles_for

from . import narratives
from .forms import NarrativeCommentForm, NarrativeForm, NarrativeYearForm
from .models import Narrative, Report


def _kind(value: str) -> str:
    if value not in narratives.KINDS:
        raise Http404
    return value


class NarrativeMixin(CapabilityRequiredMixin):
    """Resolves kind, year and chapter from the URL (404 for chapters that do not exist)."""

    capability = "can_view_draft_reports"

    def load_objects(self) -> None:
        self.kind = _kind(self.kwargs["kind"])
        self.year = self.kwargs["year"]
        if not 2000 <= self.year <= 2100:
            raise Http404
        self.ref = narratives.chapter_from_slug(self.kwargs["chapter"])
        if self.ref is None:
            raise Http404

    def chapter_url(self) -> str:
        return reverse(
            "reports:narrative_chapter",
            kwargs={"kind": self.kind, "year": self.year, "chapter": self.ref.slug},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            kind=self.kind,
            kind_label=Report.Kind(self.kind).label,
            year=self.year,
            ref=self.ref,
            is_open=narratives.narratives_open(kind=self.kind, year=self.year),
            overview_url=reverse("reports:narrative_overview")
            + f"?jahr={self.year}&art={self.kind}",
        )
        return context


class NarrativeOverviewView(CapabilityRequiredMixin, TemplateView):
    """All chapters of one report with the state of their assessment and the comments."""

    capability = "can_view_draft_reports"
    template_name = "reports/narrative/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = NarrativeYearForm(self.request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        year = data.get("jahr") or timezone.localdate().year - 1
        kind = data.get("art") or Report.Kind.ANNUAL
        context.update(
            form=form,
            year=year,
            kind=kind,
            kind_label=Report.Kind(kind).label,
            chapters=narratives.narrative_chapters(kind=kind, year=year, with_comment_counts=True),
            is_open=narratives.narratives_open(kind=kind, year=year),
        )
        return context


class NarrativeChapterView(NarrativeMixin, TemplateView):
    """The draft text of one chapter, its comments and (for the committee) the comment form."""

    template_name = "reports/narrative/chapter.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        narrative = narratives.narrative_for(kind=self.kind, year=self.year, ref=self.ref)
        comments = []
        if narrative is not None:
            comments = narrative.comments.select_related("author").order_by("created_at", "id")
        context.update(
            narrative=narrative,
            comments=comments,
            comment_form=NarrativeCommentForm(),
            can_comment=roles_for(self.request.user).can_comment_on_narratives,
        )
        return context


class NarrativeEditView(NarrativeMixin, VersionedFormView):
    """Staff write or change the chapter's text; a parallel edit is merged, never overwritten."""

    capability = "can_edit_content"
    form_class = NarrativeForm
    intro = gettext_lazy(
        "Der Text erscheint im Bericht am Anfang des Kapitels, so wie er am Stichtag des "
        "Berichts stand. Speichern Sie ihn also vor dem Stichtag, den Sie beim Anfordern wählen."
    )

    def get(self, request, *args, **kwargs):
        if not narratives.narratives_open(kind=self.kind, year=self.year):
            messages.error(request, str(narratives.CLOSED_MESSAGE))
            return redirect(self.chapter_url())
        return super().get(request, *args, **kwargs)

    def get_versioned_object(self) -> Narrative | None:
        if not hasattr(self, "_narrative"):
            self._narrative = narratives.narrative_for(kind=self.kind, year=self.year, ref=self.ref)
        return self._narrative

    def get_initial(self):
        narrative = self.get_versioned_object()
        if narrative is None:
            return {"version": 0, "text": ""}  # 0: the chapter was still empty
        return {"version": narrative.version, "text": narrative.text}

    def get_heading(self) -> str:
        return self.ref.title

    def get_preline(self) -> str:
        return _("Einschätzung der Geschäftsstelle · %(report)s %(year)s") % {
            "report": Report.Kind(self.kind).label,
            "year": self.year,
        }

    def get_cancel_url(self) -> str:
        return self.chapter_url()

    def save_form(self, form) -> Narrative:
        return narratives.narrative_save(
            kind=self.kind,
            year=self.year,
            ref=self.ref,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )

    def on_saved(self, obj):
        messages.success(self.request, _("Die Einschätzung wurde gespeichert."))
        return redirect(self.chapter_url())


@require_POST
@capability_required("can_comment_on_narratives")
def narrative_comment(request, kind: str, year: int, chapter: str):
    ref = narratives.chapter_from_slug(chapter)
    if ref is None:
        raise Http404
    narrative = narratives.narrative_for(kind=_kind(kind), year=year, ref=ref)
    if narrative is None:
        raise Http404
    url = reverse(
        "reports:narrative_chapter", kwargs={"kind": kind, "year": year, "chapter": ref.slug}
    )
    return comment_post(
        request,
        NarrativeCommentForm(request.POST),
        lambda text: narratives.narrative_comment_create(
            narrative=narrative, author=request.user, text=text
        ),
        url + "#kommentare",
    )


class NarrativeHistoryView(ObjectHistoryView):
    model = Narrative
    capability = "can_view_draft_reports"

    def get_queryset(self):
        return Narrative.objects.select_related("field")

    def restore_check(self, obj, record=None):
        if not narratives.narratives_open(kind=obj.kind, year=obj.year):
            raise ValidationError(str(narratives.CLOSED_MESSAGE))

    def get_back_url(self):
        return self.object.get_absolute_url()
