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


def field_lookup(path: str) -> Callable:
    """A field given by its slug ("industrielle-produktion") or its code ("IPS")."""
    return lambda queryset, value: queryset.filter(
        Q(**{f"{path}__slug": value}) | Q(**{f"{path}__code__iexact": value})
    ).distinct()


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


def documented(cls):
    """Describe the filters of a viewset's list in the OpenAPI schema."""
    parameters = [
        OpenApiParameter(name, flt.type, description=flt.description, enum=flt.enum)
        for name, flt in cls.filters.items()
    ]
    summaries = getattr(cls, "summaries", ("", ""))
    return extend_schema_view(
        list=extend_schema(parameters=parameters, summary=summaries[0]),
        retrieve=extend_schema(summary=summaries[1]),
    )(cls)


def _choices(model_choices) -> list[str]:
    return [value for value, _label in model_choices]


FIELD_SLUG = "Spezialisierungsfeld: Kürzel („industrielle-produktion“) oder Code („IPS“)."


@documented
class FieldViewSet(ResourceViewSet):
    """Die fünf Spezialisierungsfelder der RIS Thüringen."""

    summaries = ("Spezialisierungsfelder", "Ein Spezialisierungsfeld")
    serializer_class = serializers.FieldSerializer
    selector = selectors.fields_for
    lookup_field = "slug"


@documented
class ThemeViewSet(ResourceViewSet):
    """Themen und Highlights der Felder (öffentlich ohne Kandidaten)."""

    summaries = ("Themen", "Ein Thema")
    serializer_class = serializers.ThemeSerializer
    selector = selectors.themes_for
    filters = {
        "field": Filter(field_lookup("field"), FIELD_SLUG),
        "status": Filter(lookup("status"), "Status.", enum=_choices(Theme.Status.choices)),
    }


@documented
class NetworkViewSet(ResourceViewSet):
    """Wertschöpfungsnetzwerke um die öffentlichen Themen."""

    summaries = ("Wertschöpfungsnetzwerke", "Ein Wertschöpfungsnetzwerk")
    serializer_class = serializers.NetworkSerializer
    selector = selectors.networks_for
    filters = {
        "field": Filter(field_lookup("theme__field"), FIELD_SLUG),
        "theme": Filter(lookup("theme__slug"), "Thema (Kürzel)."),
    }


def _newest(queryset, wanted: bool):
    newest = selectors.roadmaps_current_public()
    return queryset.filter(pk__in=newest) if wanted else queryset.exclude(pk__in=newest)


@documented
class RoadmapViewSet(ResourceViewSet):
    """Veröffentlichte Roadmaps (alle Fassungen) mit Handlungsfeldern und Maßnahmen; mit
    Leserecht auch die Entwürfe, die die Rolle im Arbeitsbereich sieht."""

    summaries = ("Roadmaps", "Eine Roadmap")
    serializer_class = serializers.RoadmapSerializer
    selector = selectors.roadmaps_for
    filters = {
        "field": Filter(field_lookup("network__theme__field"), FIELD_SLUG),
        "network": Filter(lookup("network__slug"), "Wertschöpfungsnetzwerk (Kürzel)."),
        "status": Filter(lookup("status"), "Status.", enum=_choices(Roadmap.Status.choices)),
        "newest_published": Filter(
            _newest,
            "true: je Netzwerk nur die neueste veröffentlichte Fassung.",
            type=OpenApiTypes.BOOL,
        ),
    }


@documented
class NeedViewSet(ResourceViewSet):
    """Handlungsbedarfe und Engpässe (intern: Token mit Leserecht; Ministerium und
    Geschäftsstelle alle Felder)."""

    summaries = ("Handlungsbedarfe", "Ein Handlungsbedarf")
    serializer_class = serializers.NeedSerializer
    selector = selectors.needs_for
    read_capability = "can_view_internal_workspace"
    filters = {
        "field": Filter(field_lookup("theme__field"), FIELD_SLUG),
        "status": Filter(lookup("status"), "Status.", enum=_choices(Need.Status.choices)),
        "kind": Filter(lookup("kind"), "Art.", enum=_choices(Need.Kind.choices)),
    }


@documented
class BodyViewSet(ResourceViewSet):
    """Gremien; Mitglieder nur mit ihrer Einwilligung in die öffentliche Nennung."""

    summaries = ("Gremien", "Ein Gremium")
    serializer_class = serializers.BodySerializer
    selector = selectors.bodies_for
    lookup_field = "slug"
    filters = {
        "kind": Filter(lookup("kind"), "Art.", enum=_choices(Body.Kind.choices)),
        "field": Filter(field_lookup("field"), FIELD_SLUG),
    }


@documented
class DecisionViewSet(ResourceViewSet):
    """Öffentliche Beschlüsse der Gremien."""

    summaries = ("Beschlüsse", "Ein Beschluss")
    serializer_class = serializers.DecisionSerializer
    selector = selectors.decisions_for
    filters = {
        "body": Filter(lookup("body__slug"), "Gremium (Kürzel)."),
        "year": Filter(lookup("decided_at__year"), "Jahr des Beschlusses.", OpenApiTypes.INT),
        "outcome": Filter(lookup("outcome"), "Ergebnis.", enum=_choices(Decision.Outcome.choices)),
    }


def _when(queryset, value: str):
    now = datetime.datetime.now(datetime.UTC)
    if value == "upcoming":
        return queryset.filter(ends_at__gte=now)
    return queryset.filter(ends_at__lt=now)


@documented
class EventViewSet(ResourceViewSet):
    """Forumsveranstaltungen (ohne personenbezogene Daten; belegte Plätze als Anzahl)."""

    summaries = ("Veranstaltungen", "Eine Veranstaltung")
    serializer_class = serializers.EventSerializer
    selector = selectors.events_for
    lookup_field = "slug"
    filters = {
        "when": Filter(_when, "Kommende oder vergangene.", enum=["upcoming", "past"]),
        "year": Filter(lookup("starts_at__year"), "Jahr des Beginns.", OpenApiTypes.INT),
    }


@documented
class IndicatorViewSet(ResourceViewSet):
    """Indikatoren mit Definition und Quelle."""

    summaries = ("Indikatoren", "Ein Indikator")
    serializer_class = serializers.IndicatorSerializer
    selector = selectors.indicators_for
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filters = {
        "kind": Filter(lookup("kind"), "Art.", enum=_choices(Indicator.Kind.choices)),
        "level": Filter(lookup("level"), "Ebene.", enum=_choices(Indicator.Level.choices)),
    }


def _field_code(queryset, value: str):
    if value.upper() == "TH":
        return queryset.filter(field__isnull=True)
    return queryset.filter(field__code=value)


SCOPE = "Feldcode (z. B. „IPS“) oder „TH“ für ganz Thüringen."


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


@documented
class ReportViewSet(ResourceViewSet):
    """Veröffentlichte Monitoringberichte mit Download-Adresse und SHA-256; mit Leserecht von
    Ministerium und Geschäftsstelle auch die nicht veröffentlichten."""

    summaries = ("Monitoringberichte", "Ein Monitoringbericht")
    serializer_class = serializers.ReportSerializer
    selector = selectors.reports_for
    filters = {
        "kind": Filter(lookup("kind"), "Art.", enum=_choices(Report.Kind.choices)),
        "year": Filter(lookup("year"), "Berichtsjahr.", OpenApiTypes.INT),
        "status": Filter(lookup("status"), "Status.", enum=_choices(Report.Status.choices)),
    }


@documented
class ActivityViewSet(ResourceViewSet):
    """Aktivitäten zur Umsetzung der Strategie (nur Geschäftsstelle, wie im Portal)."""

    summaries = ("Aktivitäten", "Eine Aktivität")
    serializer_class = serializers.ActivitySerializer
    read_capability = "can_edit_content"
    filters = {
        "year": Filter(lookup("start_date__year"), "Jahr des Beginns.", OpenApiTypes.INT),
        "kind": Filter(lookup("kind"), "Art.", enum=_choices(Activity.Kind.choices)),
        "field": Filter(field_lookup("fields"), FIELD_SLUG),
    }

    @staticmethod
    def selector(roles):
        return selectors.activities_for(roles, filters={})


UPSERT_RESPONSE = inline_serializer(
    "IndicatorValueUpsertResponse",
    {"results": serializers.UpsertResultSerializer(many=True)},
)


@extend_schema_view(
    list=extend_schema(
        summary="Indikatorwerte",
        parameters=[
            OpenApiParameter(name, flt.type, description=flt.description, enum=flt.enum)
            for name, flt in {
                "indicator": Filter(None, "Indikatorcode."),
                "field": Filter(None, SCOPE),
                "year": Filter(None, "Jahr.", OpenApiTypes.INT),
                "year_from": Filter(None, "ab Jahr.", OpenApiTypes.INT),
                "year_to": Filter(None, "bis Jahr.", OpenApiTypes.INT),
                "status": Filter(None, "Status.", enum=_choices(IndicatorValue.Status.choices)),
            }.items()
        ],
    ),
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
    filters = {
        "indicator": Filter(lookup("indicator__code"), ""),
        "field": Filter(_field_code, ""),
        "year": Filter(lookup("year"), "", OpenApiTypes.INT),
        "year_from": Filter(lookup("year__gte"), "", OpenApiTypes.INT),
        "year_to": Filter(lookup("year__lte"), "", OpenApiTypes.INT),
        "status": Filter(lookup("status"), "", enum=_choices(IndicatorValue.Status.choices)),
    }

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


def _messages(error: DjangoValidationError):
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if key == "__all__" else key): [
                str(m) for e in value for m in e.messages
            ]
            for key, value in error.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in error.messages]}
