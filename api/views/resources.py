"""The read-only resources of /api/v1/ and the indicator-value upsert.

Each viewset names a selector from `api.selectors` (which picks the domain selectors by the
request's roles) and its filters; detail views look up in the same queryset, so an object a
role may not read answers 404, as on the pages.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from fields.models import Need, Roadmap, Theme
from governance.models import Body, Decision
from monitoring.models import Activity, Indicator, IndicatorValue
from reports.models import Report

from .. import selectors, serializers, services
from ..models import ApiToken
from ..permissions import api_roles


@dataclass(frozen=True)
class Filter:
    """A query parameter: how it narrows the queryset and how the schema describes it."""

    apply: Callable  # (queryset, parsed value) -> queryset
    description: str
    type: object = OpenApiTypes.STR
    enum: list | None = None


def lookup(path: str) -> Callable:
    return lambda queryset, value: queryset.filter(**{path: value})


def choice_filter(path: str, description: str, choices) -> Filter:
    """One of the values of a `TextChoices` class (the schema lists them)."""
    return Filter(lookup(path), description, enum=[value for value, _label in choices.choices])


def number_filter(path: str, description: str) -> Filter:
    return Filter(lookup(path), description, OpenApiTypes.INT)


def field_lookup(path: str) -> Callable:
    """A field given by its slug ("industrielle-produktion") or its code ("IPS")."""
    return lambda queryset, value: queryset.filter(
        Q(**{f"{path}__slug": value}) | Q(**{f"{path}__code__iexact": value})
    ).distinct()


def field_filter(path: str) -> Filter:
    return Filter(
        field_lookup(path),
        "Spezialisierungsfeld: Kürzel („industrielle-produktion“) oder Code („IPS“).",
    )


def _parse(name: str, flt: Filter, raw: str):
    if flt.type is OpenApiTypes.INT:
        try:
            return int(raw)
        except ValueError as error:
            raise ValidationError({name: _("Bitte geben Sie eine ganze Zahl an.")}) from error
    if flt.type is OpenApiTypes.BOOL:
        if raw.lower() not in ("true", "false", "1", "0"):
            raise ValidationError({name: _("Bitte geben Sie true oder false an.")})
        return raw.lower() in ("true", "1")
    if flt.enum is not None and raw not in flt.enum:
        raise ValidationError(
            {name: _("Erlaubt sind: %(values)s.") % {"values": ", ".join(flt.enum)}}
        )
    return raw


class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    selector: Callable = None  # (roles) -> queryset
    filters: dict[str, Filter] = {}
    # A capability of `UserRoles` needed to read at all (None: public).
    read_capability = ""

    def get_queryset(self):
        queryset = type(self).selector(api_roles(self.request))
        if self.action == "list":
            for name, flt in self.filters.items():
                raw = self.request.query_params.get(name)
                if raw not in (None, ""):
                    queryset = flt.apply(queryset, _parse(name, flt, raw))
        return queryset


def _parameters(filters: dict[str, Filter]) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(name, flt.type, description=flt.description, enum=flt.enum)
        for name, flt in filters.items()
    ]


# The resources, each routed under /api/v1/<prefix>/ and listed in this order at the API root:
# (prefix, viewset, basename of the URL names).
ROUTES: list[tuple[str, type[ResourceViewSet], str]] = []


def resource(prefix: str, basename: str):
    """Route the viewset (see `ROUTES`)."""

    def register(cls):
        ROUTES.append((prefix, cls, basename))
        return cls

    return register


def documented(cls):
    """Describe the filters of a viewset's list in the OpenAPI schema."""
    parameters = _parameters(cls.filters)
    summaries = getattr(cls, "summaries", ("", ""))
    return extend_schema_view(
        list=extend_schema(parameters=parameters, summary=summaries[0]),
        retrieve=extend_schema(summary=summaries[1]),
    )(cls)


@resource("fields", "field")
@documented
class FieldViewSet(ResourceViewSet):
    """Die fünf Spezialisierungsfelder der RIS Thüringen."""

    summaries = ("Spezialisierungsfelder", "Ein Spezialisierungsfeld")
    serializer_class = serializers.FieldSerializer
    selector = selectors.fields_for
    lookup_field = "slug"


@resource("themes", "theme")
@documented
class ThemeViewSet(ResourceViewSet):
    """Themen und Highlights der Felder (öffentlich ohne Kandidaten)."""

    summaries = ("Themen", "Ein Thema")
    serializer_class = serializers.ThemeSerializer
    selector = selectors.themes_for
    filters = {
        "field": field_filter("field"),
        "status": choice_filter("status", "Status.", Theme.Status),
    }


@resource("networks", "network")
@documented
class NetworkViewSet(ResourceViewSet):
    """Wertschöpfungsnetzwerke um die öffentlichen Themen."""

    summaries = ("Wertschöpfungsnetzwerke", "Ein Wertschöpfungsnetzwerk")
    serializer_class = serializers.NetworkSerializer
    selector = selectors.networks_for
    filters = {
        "field": field_filter("theme__field"),
        "theme": Filter(lookup("theme__slug"), "Thema (Kürzel)."),
    }


def _newest(queryset, wanted: bool):
    newest = selectors.roadmaps_current_public()
    return queryset.filter(pk__in=newest) if wanted else queryset.exclude(pk__in=newest)


@resource("roadmaps", "roadmap")
@documented
class RoadmapViewSet(ResourceViewSet):
    """Veröffentlichte Roadmaps (alle Fassungen) mit Handlungsfeldern und Maßnahmen; mit
    Leserecht auch die Entwürfe, die die Rolle im Arbeitsbereich sieht."""

    summaries = ("Roadmaps", "Eine Roadmap")
    serializer_class = serializers.RoadmapSerializer
    selector = selectors.roadmaps_for
    filters = {
        "field": field_filter("network__theme__field"),
        "network": Filter(lookup("network__slug"), "Wertschöpfungsnetzwerk (Kürzel)."),
        "status": choice_filter("status", "Status.", Roadmap.Status),
        "newest_published": Filter(
            _newest,
            "true: je Netzwerk nur die neueste veröffentlichte Fassung.",
            type=OpenApiTypes.BOOL,
        ),
    }


@resource("needs", "need")
@documented
class NeedViewSet(ResourceViewSet):
    """Handlungsbedarfe und Engpässe (intern: Token mit Leserecht; Ministerium und
    Geschäftsstelle alle Felder)."""

    summaries = ("Handlungsbedarfe", "Ein Handlungsbedarf")
    serializer_class = serializers.NeedSerializer
    selector = selectors.needs_for
    read_capability = "can_view_internal_workspace"
    filters = {
        "field": field_filter("theme__field"),
        "status": choice_filter("status", "Status.", Need.Status),
        "kind": choice_filter("kind", "Art.", Need.Kind),
    }


@resource("bodies", "body")
@documented
class BodyViewSet(ResourceViewSet):
    """Gremien; Mitglieder nur mit ihrer Einwilligung in die öffentliche Nennung."""

    summaries = ("Gremien", "Ein Gremium")
    serializer_class = serializers.BodySerializer
    selector = selectors.bodies_for
    lookup_field = "slug"
    filters = {
        "kind": choice_filter("kind", "Art.", Body.Kind),
        "field": field_filter("field"),
    }


@resource("decisions", "decision")
@documented
class DecisionViewSet(ResourceViewSet):
    """Öffentliche Beschlüsse der Gremien."""

    summaries = ("Beschlüsse", "Ein Beschluss")
    serializer_class = serializers.DecisionSerializer
    selector = selectors.decisions_for
    filters = {
        "body": Filter(lookup("body__slug"), "Gremium (Kürzel)."),
        "year": number_filter("decided_at__year", "Jahr des Beschlusses."),
        "outcome": choice_filter("outcome", "Ergebnis.", Decision.Outcome),
    }


def _when(queryset, value: str):
    now = datetime.datetime.now(datetime.UTC)
    if value == "upcoming":
        return queryset.filter(ends_at__gte=now)
    return queryset.filter(ends_at__lt=now)


@resource("events", "event")
@documented
class EventViewSet(ResourceViewSet):
    """Forumsveranstaltungen (ohne personenbezogene Daten; belegte Plätze als Anzahl)."""

    summaries = ("Veranstaltungen", "Eine Veranstaltung")
    serializer_class = serializers.EventSerializer
    selector = selectors.events_for
    lookup_field = "slug"
    filters = {
        "when": Filter(_when, "Kommende oder vergangene.", enum=["upcoming", "past"]),
        "year": number_filter("starts_at__year", "Jahr des Beginns."),
    }


@resource("indicators", "indicator")
@documented
class IndicatorViewSet(ResourceViewSet):
    """Indikatoren mit Definition und Quelle."""

    summaries = ("Indikatoren", "Ein Indikator")
    serializer_class = serializers.IndicatorSerializer
    selector = selectors.indicators_for
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filters = {
        "kind": choice_filter("kind", "Art.", Indicator.Kind),
        "level": choice_filter("level", "Ebene.", Indicator.Level),
    }


def _field_code(queryset, value: str):
    if value.upper() == "TH":
        return queryset.filter(field__isnull=True)
    return queryset.filter(field__code=value)


SCOPE = "Feldcode (z. B. „IPS“) oder „TH“ für ganz Thüringen."


UPSERT_RESPONSE = inline_serializer(
    "IndicatorValueUpsertResponse",
    {"results": serializers.UpsertResultSerializer(many=True)},
)


VALUE_FILTERS = {
    "indicator": Filter(lookup("indicator__code"), "Indikatorcode."),
    "field": Filter(_field_code, SCOPE),
    "year": number_filter("year", "Jahr."),
    "year_from": number_filter("year__gte", "ab Jahr."),
    "year_to": number_filter("year__lte", "bis Jahr."),
    "status": choice_filter("status", "Status.", IndicatorValue.Status),
}


# Not @documented: the viewset also writes, and only its list takes the filters.
@resource("indicator-values", "indicator-value")
@extend_schema_view(
    list=extend_schema(summary="Indikatorwerte", parameters=_parameters(VALUE_FILTERS)),
    retrieve=extend_schema(summary="Ein Indikatorwert"),
)
class IndicatorValueViewSet(ResourceViewSet):
    """Indikatorwerte, vorläufige und endgültige gekennzeichnet. Öffentlich die Jahre, deren
    Monitoringbericht veröffentlicht ist; mit Leserecht Dashboard-Rollen und das Statistische
    Landesamt alle Jahre."""

    serializer_class = serializers.IndicatorValueSerializer
    selector = selectors.indicator_values_for
    write_scope = ApiToken.Scope.WRITE_VALUES
    write_capability = "can_write_indicator_values"
    filters = VALUE_FILTERS

    @extend_schema(
        summary="Indikatorwerte liefern (Upsert)",
        description=(
            "Legt Werte an oder ändert sie, erkannt an Indikator, Feld und Jahr. Dieselbe "
            "Lieferung zweimal ändert nichts (`unchanged`). Es gelten dieselben Prüfungen wie "
            "beim Import: gesperrte Jahre, Begründung bei Änderung endgültiger Werte, "
            "Plausibilitätsregeln. Eine Liste wird ganz oder gar nicht übernommen. Braucht ein "
            "Token mit der Berechtigung `indicator_values:write`."
        ),
        request=serializers.IndicatorValueWriteSerializer(many=True),
        responses={200: UPSERT_RESPONSE},
    )
    def create(self, request, *args, **kwargs):
        items = request.data if isinstance(request.data, list) else [request.data]
        if not items or len(items) > 1000:
            raise ValidationError(_("Bitte senden Sie 1 bis 1000 Werte je Anfrage."))
        parsed = serializers.IndicatorValueWriteSerializer(data=items, many=True)
        if not parsed.is_valid():
            # Errors by position in the delivery, like the errors of the service below.
            errors = parsed.errors
            if isinstance(errors, list):  # older DRF: a list with an entry per item
                errors = dict(enumerate(errors))
            raise ValidationError({"errors": {str(i): e for i, e in errors.items() if e}})
        results, errors = [], {}
        with transaction.atomic():
            for index, item in enumerate(parsed.validated_data):
                try:
                    results.append(
                        services.indicator_value_upsert(
                            indicator_code=item["indicator"],
                            field_code=item.get("field") or None,
                            year=item["year"],
                            value=item["value"],
                            status=item["status"],
                            source_note=item["source_note"],
                            reason=item["reason"],
                            quality_reason=item["quality_reason"],
                            user=request.user,
                        )
                    )
                except DjangoValidationError as error:
                    errors[str(index)] = _messages(error)
            if errors:
                transaction.set_rollback(True)
        if errors:
            raise ValidationError({"errors": errors})
        context = self.get_serializer_context()
        return Response(
            {
                "results": [
                    {
                        "action": result.action,
                        "value": serializers.IndicatorValueSerializer(
                            result.value, context=context
                        ).data,
                    }
                    for result in results
                ]
            }
        )


@resource("targets", "target")
@documented
class TargetViewSet(ResourceViewSet):
    """Basis- und Zielwerte der Indikatoren (Thüringen oder ein Feld), mit Toleranz."""

    summaries = ("Zielwerte", "Ein Zielwert")
    serializer_class = serializers.TargetSerializer
    selector = selectors.targets_for
    filters = {
        "indicator": Filter(lookup("indicator__code"), "Indikatorcode."),
        "field": Filter(_field_code, SCOPE),
    }


@resource("reports", "report")
@documented
class ReportViewSet(ResourceViewSet):
    """Veröffentlichte Monitoringberichte mit Download-Adresse und SHA-256; mit Leserecht von
    Ministerium und Geschäftsstelle auch die nicht veröffentlichten."""

    summaries = ("Monitoringberichte", "Ein Monitoringbericht")
    serializer_class = serializers.ReportSerializer
    selector = selectors.reports_for
    filters = {
        "kind": choice_filter("kind", "Art.", Report.Kind),
        "year": number_filter("year", "Berichtsjahr."),
        "status": choice_filter("status", "Status.", Report.Status),
    }


@resource("activities", "activity")
@documented
class ActivityViewSet(ResourceViewSet):
    """Aktivitäten zur Umsetzung der Strategie (nur Geschäftsstelle, wie im Portal)."""

    summaries = ("Aktivitäten", "Eine Aktivität")
    serializer_class = serializers.ActivitySerializer
    read_capability = "can_edit_content"
    filters = {
        "year": number_filter("start_date__year", "Jahr des Beginns."),
        "kind": choice_filter("kind", "Art.", Activity.Kind),
        "field": field_filter("fields"),
    }

    @staticmethod
    def selector(roles):
        return selectors.activities_for(roles, filters={})


def _messages(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if key == "__all__" else key): [
                str(m) for e in value for m in e.messages
            ]
            for key, value in error.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in error.messages]}
