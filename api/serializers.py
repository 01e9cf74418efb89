"""Representations of the API (English keys; German help texts feed the OpenAPI schema).

Serializers only read what the selectors prepared (joins and prefetches), so lists make the
same number of queries for any number of rows.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fields.models import (
    ActionField,
    Measure,
    Need,
    Roadmap,
    SpecializationField,
    Theme,
    ValueNetwork,
)
from governance.models import Body, Decision, ForumEvent, Membership
from monitoring.forms import ActivityForm, TargetForm
from monitoring.models import Activity, Indicator, IndicatorValue, Target
from reports.models import Report


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class WebUrlField(serializers.SerializerMethodField):
    """Absolute address of a page of the object in the portal.

    The object's `get_absolute_url()`, or the URL named `page` with the object's `key`
    attribute; `None` for an object that `shown` (if given) refuses.
    """

    def __init__(self, page: str = "", key: str = "pk", shown=None, **kwargs):
        kwargs.setdefault("help_text", "Seite im Portal (absolute Adresse).")
        self.page, self.key, self.shown = page, key, shown
        super().__init__(**kwargs)

    def to_representation(self, value):
        if self.shown is not None and not self.shown(value):
            return None
        if self.page:
            path = reverse(self.page, kwargs={self.key: getattr(value, self.key)})
        else:
            path = value.get_absolute_url()
        return _absolute(self.context.get("request"), path)


WebUrlField = extend_schema_field(OpenApiTypes.URI)(WebUrlField)


def optional_value(source: str, **kwargs):
    """A value of a related row that may be missing: null instead of an error."""
    return serializers.CharField(
        source=source, read_only=True, allow_null=True, default=None, **kwargs
    )


def label(field_name: str):
    """The display label of a choice field, in the request's language."""
    return serializers.CharField(
        source=f"get_{field_name}_display", read_only=True, help_text="Bezeichnung des Werts."
    )


def form_keys(form, *, labelled=(), renamed=None) -> list[str]:
    """The fields of a model form as keys of the API, in the form's order: `renamed` where the
    API calls them otherwise, each name in `labelled` followed by its `<name>_label`."""
    keys = []
    for name in form.Meta.fields:
        keys.append((renamed or {}).get(name, name))
        if name in labelled:
            keys.append(f"{name}_label")
    return keys


# --- fields app -------------------------------------------------------------------------------
class FieldSerializer(serializers.ModelSerializer):
    web_url = WebUrlField()

    class Meta:
        model = SpecializationField
        fields = ["id", "slug", "code", "name", "name_en", "profile", "key_figures", "web_url"]
        extra_kwargs = {"profile": {"help_text": "Profil des Feldes (Markdown)."}}


class ThemeSerializer(serializers.ModelSerializer):
    field = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    related_fields = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    potentials = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    status_label = label("status")

    class Meta:
        model = Theme
        fields = [
            "id",
            "slug",
            "field",
            "related_fields",
            "name",
            "name_en",
            "status",
            "status_label",
            "potentials",
            "description",
            "source_note",
        ]


class NetworkSerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    field = serializers.CharField(source="theme.field.slug", read_only=True)

    class Meta:
        model = ValueNetwork
        fields = ["id", "slug", "name", "theme", "field", "description"]


class MeasureSerializer(serializers.ModelSerializer):
    status_label = label("status")
    responsible_actors = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True, help_text="Verantwortliche Akteure."
    )

    class Meta:
        model = Measure
        fields = [
            "id",
            "order",
            "title",
            "description",
            "status",
            "status_label",
            "start",
            "end",
            "responsible_actors",
        ]


class ActionFieldSerializer(serializers.ModelSerializer):
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = ActionField
        fields = ["id", "order", "title", "description", "measures"]


class RoadmapSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    field = serializers.CharField(source="network.theme.field.slug", read_only=True)
    status_label = label("status")
    action_fields = ActionFieldSerializer(
        source="structure", many=True, read_only=True, help_text="Handlungsfelder mit Maßnahmen."
    )
    web_url = WebUrlField(
        "fields:roadmap_public",
        shown=lambda roadmap: roadmap.is_public,
        help_text="Öffentliche Seite (nur bei veröffentlichten Roadmaps).",
    )

    class Meta:
        model = Roadmap
        fields = [
            "id",
            "network",
            "field",
            "number",
            "is_current",
            "title",
            "summary",
            "status",
            "status_label",
            "published_at",
            "web_url",
            "action_fields",
        ]


class NeedSerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    field = serializers.CharField(source="theme.field.slug", read_only=True)
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    kind_label = label("kind")
    status_label = label("status")

    class Meta:
        model = Need
        fields = [
            "id",
            "title",
            "description",
            "theme",
            "field",
            "network",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "priority",
        ]


# --- governance -------------------------------------------------------------------------------
class PublicMemberSerializer(serializers.ModelSerializer):
    """What the body's public page shows of a member who consented to be named."""

    name = serializers.CharField(source="user.get_full_name", read_only=True)
    organisation = optional_value("organisation.name")
    role_label = label("role")

    class Meta:
        model = Membership
        fields = ["name", "organisation", "role", "role_label"]


class BodySerializer(serializers.ModelSerializer):
    field = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    kind_label = label("kind")
    members = PublicMemberSerializer(
        source="public_members",
        many=True,
        read_only=True,
        help_text="Mitglieder, die in die öffentliche Nennung eingewilligt haben.",
    )
    web_url = WebUrlField("governance:body_public", "slug", help_text=None)

    class Meta:
        model = Body
        fields = [
            "id",
            "slug",
            "kind",
            "kind_label",
            "name",
            "field",
            "current_term",
            "description",
            "members",
            "web_url",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    meeting = optional_value("meeting.title", help_text="Sitzung (leer: Umlaufverfahren).")
    outcome_label = label("outcome")
    roadmap_status = optional_value("roadmap.status")
    roadmap = serializers.SerializerMethodField(
        help_text="Id der Roadmap, wenn sie veröffentlicht ist."
    )
    web_url = WebUrlField(
        "governance:decision_detail", help_text="Öffentliche Seite des Beschlusses."
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "body",
            "meeting",
            "decided_at",
            "title",
            "text",
            "outcome",
            "outcome_label",
            "votes_yes",
            "votes_no",
            "votes_abstain",
            "roadmap",
            "roadmap_status",
            "web_url",
        ]

    @extend_schema_field(OpenApiTypes.INT)
    def get_roadmap(self, obj):
        roadmap = obj.roadmap
        public = roadmap is not None and roadmap.is_public and not roadmap.is_archived
        return roadmap.pk if public else None


class EventSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    places_taken = serializers.IntegerField(
        source="confirmed_count", read_only=True, help_text="Bestätigte Anmeldungen (Anzahl)."
    )
    is_cancelled = serializers.BooleanField(read_only=True)
    web_url = WebUrlField()

    class Meta:
        model = ForumEvent
        fields = [
            "id",
            "slug",
            "body",
            *ForumEvent.ANNOUNCEMENT_FIELDS,
            "places_taken",
            "registration_open",
            "is_cancelled",
            "cancellation_reason",
            "web_url",
        ]


# --- monitoring -------------------------------------------------------------------------------
class IndicatorSerializer(serializers.ModelSerializer):
    kind_label = label("kind")
    level_label = label("level")
    direction_label = label("direction")
    web_url = WebUrlField("monitoring:indicator_public", "code", help_text=None)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "unit",
            "kind",
            "kind_label",
            "level",
            "level_label",
            "direction",
            "direction_label",
            "source",
            "erdf_code",
            "description",
            "web_url",
        ]


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    field = optional_value("field.code", help_text="Feldcode; leer für ganz Thüringen.")
    status_label = label("status")

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "field",
            "year",
            "value",
            "status",
            "status_label",
            "is_sample",
            "source_note",
            "updated_at",
        ]
        extra_kwargs = {"value": {"coerce_to_string": False}}


class IndicatorValueWriteSerializer(serializers.Serializer):
    """One value of an indicator in a year (Thuringia or one field), identified by its codes."""

    indicator = serializers.CharField(max_length=40, help_text="Indikatorcode.")
    field = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        allow_null=True,
        default="",
        help_text="Feldcode; leer für ganz Thüringen.",
    )
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    value = serializers.DecimalField(max_digits=18, decimal_places=4, coerce_to_string=False)
    status = serializers.ChoiceField(
        choices=IndicatorValue.Status.choices, default=IndicatorValue.Status.PROVISIONAL
    )
    source_note = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Begründung; Pflicht, wenn ein endgültiger Wert geändert wird.",
    )
    quality_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=(
            "Begründung für einen Wert, der eine Plausibilitätswarnung auslöst (z. B. starke "
            "Änderung zum Vorjahr); ohne sie wird ein solcher Wert abgelehnt."
        ),
    )


class UpsertResultSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["created", "changed", "unchanged"])
    value = IndicatorValueSerializer()


class TargetSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    field = optional_value("field.code")

    class Meta:
        model = Target
        # What staff edit in the target form, after the target's own keys.
        fields = ["id", "indicator", *TargetForm.Meta.fields]
        extra_kwargs = {name: {"coerce_to_string": False} for name in TargetForm.decimal_fields}


class ActivitySerializer(serializers.ModelSerializer):
    kind_label = label("kind")
    specialization_fields = serializers.SlugRelatedField(
        source="fields", slug_field="slug", many=True, read_only=True
    )
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    actors = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Activity
        # What staff edit in the activity form, the kind with its label, the fields under the
        # key "specialization_fields".
        fields = [
            "id",
            *form_keys(
                ActivityForm, labelled=("kind",), renamed={"fields": "specialization_fields"}
            ),
        ]
        extra_kwargs = {"funding_amount": {"coerce_to_string": False}}


# --- reports ----------------------------------------------------------------------------------
class ReportSerializer(serializers.ModelSerializer):
    kind_label = label("kind")
    status_label = label("status")
    download_url = WebUrlField(
        "reports:report_download",
        shown=lambda report: report.has_file,
        help_text="PDF-Datei (veröffentlichte Berichte ohne Anmeldung).",
    )

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "kind_label",
            "year",
            "number",
            "title",
            "description",
            "status",
            "status_label",
            "stichtag",
            "pages",
            "size",
            "sha256",
            "published_at",
            "download_url",
        ]
