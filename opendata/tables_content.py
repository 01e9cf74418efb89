"""Open-data tables of the strategy content: fields, themes, networks, roadmaps."""

from django.urls import reverse

from api import selectors
from fields.models import Measure, Theme

from .schema import (
    FIELD_REF,
    ID,
    MARKDOWN_DE,
    MARKDOWN_EN,
    PUBLIC,
    ROADMAP_REF,
    Column,
    Table,
    _enum,
    _text,
    _url,
    _web,
)


# --- fields -------------------------------------------------------------------------------------
def _field_rows():
    for field in selectors.fields_for(PUBLIC).order_by("order", "pk"):
        yield (
            {
                "id": field.pk,
                "slug": field.slug,
                "code": field.code,
                "name": field.name,
                "name_en": field.name_en,
                "profile": field.profile,
                "web_url": _url(field.get_absolute_url()),
            },
            field.updated_at,
        )


FIELDS = Table(
    "fields",
    "Spezialisierungsfelder",
    "Specialisation fields",
    "Die Spezialisierungsfelder der Regionalen Innovationsstrategie Thüringen.",
    "The specialisation fields of the Regional Innovation Strategy of Thuringia.",
    (
        ID("des Feldes", "field"),
        _text(
            "slug", "Kürzel (URL)", "Slug (URL)", "Kürzel in Adressen.", "Slug used in URLs.", True
        ),
        _text(
            "code",
            "Code",
            "Code",
            "Kurzcode des Feldes (z. B. IPS).",
            "Short code of the field (e.g. IPS).",
            True,
        ),
        _text(
            "name",
            "Name",
            "Name",
            "Name des Feldes (deutsch).",
            "Name of the field (German).",
            True,
        ),
        _text(
            "name_en",
            "Name (englisch)",
            "Name (English)",
            "Name des Feldes (englisch).",
            "Name of the field (English).",
        ),
        _text(
            "profile",
            "Profil",
            "Profile",
            "Profiltext des Feldes" + MARKDOWN_DE + ".",
            "Profile text of the field" + MARKDOWN_EN + ".",
        ),
        _web(),
    ),
    _field_rows,
)


def _theme_rows():
    for theme in selectors.themes_for(PUBLIC).order_by("pk"):
        yield (
            {
                "id": theme.pk,
                "slug": theme.slug,
                "field_id": theme.field_id,
                "name": theme.name,
                "name_en": theme.name_en,
                "status": theme.status,
                "potentials": "; ".join(p.slug for p in theme.potentials.all()),
                "related_field_ids": "; ".join(str(f.pk) for f in theme.related_fields.all()),
                "description": theme.description,
                "source_note": theme.source_note,
            },
            theme.updated_at,
        )


THEMES = Table(
    "themes",
    "Themen und Highlights",
    "Themes and highlights",
    "Öffentliche Themen der Spezialisierungsfelder (ohne Kandidaten).",
    "Public themes of the specialisation fields (without candidates).",
    (
        ID("des Themas", "theme"),
        _text(
            "slug", "Kürzel (URL)", "Slug (URL)", "Kürzel in Adressen.", "Slug used in URLs.", True
        ),
        FIELD_REF,
        _text(
            "name",
            "Name",
            "Name",
            "Name des Themas (deutsch).",
            "Name of the theme (German).",
            True,
        ),
        _text(
            "name_en",
            "Name (englisch)",
            "Name (English)",
            "Name des Themas (englisch).",
            "Name of the theme (English).",
        ),
        Column(
            "status",
            "string",
            "Status",
            "Status",
            "aktiv, highlight (Highlight des Feldes) oder ruhend.",
            "aktiv (active), highlight (highlight of the field) or ruhend (dormant).",
            True,
            enum=tuple(v for v in _enum(Theme.Status.choices) if v != "kandidat"),
        ),
        _text(
            "potentials",
            "Entwicklungspotenziale",
            "Development potentials",
            "Kürzel der Entwicklungspotenziale, durch Semikolon getrennt.",
            "Slugs of the development potentials, separated by semicolons.",
        ),
        _text(
            "related_field_ids",
            "Weitere Felder",
            "Related fields",
            "Kennungen weiterer Felder (feldübergreifend), durch Semikolon getrennt.",
            "Identifiers of further fields (cross-cluster), separated by semicolons.",
        ),
        _text(
            "description",
            "Beschreibung",
            "Description",
            "Beschreibung" + MARKDOWN_DE + ".",
            "Description" + MARKDOWN_EN + ".",
        ),
        _text("source_note", "Quelle", "Source", "Quellenangabe.", "Source reference."),
    ),
    _theme_rows,
    foreign_keys=(("field_id", "fields", "id"),),
    unique=("slug",),
)


def _network_rows():
    for network in selectors.networks_for(PUBLIC).order_by("pk"):
        yield (
            {
                "id": network.pk,
                "slug": network.slug,
                "theme_id": network.theme_id,
                "name": network.name,
                "description": network.description,
            },
            network.updated_at,
        )


NETWORKS = Table(
    "networks",
    "Wertschöpfungsnetzwerke",
    "Value networks",
    "Wertschöpfungsnetzwerke um die öffentlichen Themen.",
    "Value-creation networks around the public themes.",
    (
        ID("des Netzwerks", "network"),
        _text(
            "slug", "Kürzel (URL)", "Slug (URL)", "Kürzel in Adressen.", "Slug used in URLs.", True
        ),
        Column(
            "theme_id",
            "integer",
            "Thema",
            "Theme",
            "Kennung des Themas (themes.id).",
            "Identifier of the theme (themes.id).",
            True,
        ),
        _text("name", "Name", "Name", "Name des Netzwerks.", "Name of the network.", True),
        _text(
            "description",
            "Beschreibung",
            "Description",
            "Beschreibung" + MARKDOWN_DE + ".",
            "Description" + MARKDOWN_EN + ".",
        ),
    ),
    _network_rows,
    foreign_keys=(("theme_id", "themes", "id"),),
)


def _roadmap_rows():
    newest = set(selectors.roadmaps_current_public().values_list("pk", flat=True))
    for roadmap in selectors.roadmaps_for(PUBLIC).order_by("pk"):
        yield (
            {
                "id": roadmap.pk,
                "network_id": roadmap.network_id,
                "network_name": roadmap.network.name,
                "field_id": roadmap.network.theme.field_id,
                "number": roadmap.number,
                "is_newest": roadmap.pk in newest,
                "title": roadmap.title,
                "summary": roadmap.summary,
                "published_at": roadmap.published_at,
                "web_url": _url(reverse("fields:roadmap_public", kwargs={"pk": roadmap.pk})),
            },
            roadmap.updated_at,
        )


ROADMAPS = Table(
    "roadmaps",
    "Roadmaps",
    "Roadmaps",
    "Veröffentlichte Roadmaps der Wertschöpfungsnetzwerke, alle veröffentlichten Fassungen.",
    "Published roadmaps of the value networks, every published version.",
    (
        ID("der Roadmap-Fassung", "roadmap version"),
        Column(
            "network_id",
            "integer",
            "Netzwerk",
            "Network",
            "Kennung des Wertschöpfungsnetzwerks.",
            "Identifier of the value network.",
            True,
        ),
        _text(
            "network_name",
            "Name des Netzwerks",
            "Network name",
            "Name des Netzwerks.",
            "Name of the network.",
            True,
        ),
        FIELD_REF,
        Column(
            "number",
            "integer",
            "Fassung",
            "Version",
            "Nummer der Fassung.",
            "Version number.",
            True,
        ),
        Column(
            "is_newest",
            "boolean",
            "Neueste Fassung",
            "Newest version",
            "true bei der neuesten veröffentlichten Fassung des Netzwerks.",
            "true for the newest published version of the network.",
            True,
        ),
        _text("title", "Titel", "Title", "Titel der Roadmap.", "Title of the roadmap.", True),
        _text(
            "summary",
            "Zusammenfassung",
            "Summary",
            "Zusammenfassung" + MARKDOWN_DE + ".",
            "Summary" + MARKDOWN_EN + ".",
        ),
        Column(
            "published_at",
            "datetime",
            "Veröffentlicht am",
            "Published at",
            "Zeitpunkt der Veröffentlichung (UTC).",
            "Time of publication (UTC).",
        ),
        _web(),
    ),
    _roadmap_rows,
    foreign_keys=(("field_id", "fields", "id"),),
)


def _structure():
    for roadmap in selectors.roadmaps_for(PUBLIC).order_by("pk"):
        for action_field in roadmap.structure:
            yield roadmap, action_field


def _action_field_rows():
    for roadmap, action_field in _structure():
        yield (
            {
                "id": action_field.pk,
                "roadmap_id": roadmap.pk,
                "order": action_field.order,
                "title": action_field.title,
                "description": action_field.description,
            },
            action_field.updated_at,
        )


ACTION_FIELDS = Table(
    "action_fields",
    "Handlungsfelder",
    "Action fields",
    "Handlungsfelder der veröffentlichten Roadmaps.",
    "Action fields of the published roadmaps.",
    (
        ID("des Handlungsfelds", "action field"),
        ROADMAP_REF,
        Column(
            "order",
            "integer",
            "Reihenfolge",
            "Order",
            "Position in der Roadmap.",
            "Position in the roadmap.",
            True,
        ),
        _text(
            "title",
            "Titel",
            "Title",
            "Titel des Handlungsfelds.",
            "Title of the action field.",
            True,
        ),
        _text(
            "description",
            "Beschreibung",
            "Description",
            "Beschreibung" + MARKDOWN_DE + ".",
            "Description" + MARKDOWN_EN + ".",
        ),
    ),
    _action_field_rows,
    foreign_keys=(("roadmap_id", "roadmaps", "id"),),
)


def _measure_rows():
    for roadmap, action_field in _structure():
        for measure in action_field.measures.all():
            yield (
                {
                    "id": measure.pk,
                    "action_field_id": action_field.pk,
                    "roadmap_id": roadmap.pk,
                    "order": measure.order,
                    "title": measure.title,
                    "description": measure.description,
                    "status": measure.status,
                    "start": measure.start,
                    "end": measure.end,
                    "responsible_actors": "; ".join(
                        actor.name for actor in measure.responsible_actors.all()
                    ),
                    "web_url": _url(reverse("fields:measure_public", kwargs={"pk": measure.pk})),
                },
                measure.updated_at,
            )


MEASURES = Table(
    "measures",
    "Maßnahmen",
    "Measures",
    "Maßnahmen in den Handlungsfeldern der veröffentlichten Roadmaps.",
    "Measures in the action fields of the published roadmaps.",
    (
        ID("der Maßnahme", "measure"),
        Column(
            "action_field_id",
            "integer",
            "Handlungsfeld",
            "Action field",
            "Kennung des Handlungsfelds (action_fields.id).",
            "Identifier of the action field (action_fields.id).",
            True,
        ),
        ROADMAP_REF,
        Column(
            "order",
            "integer",
            "Reihenfolge",
            "Order",
            "Position im Handlungsfeld.",
            "Position in the action field.",
            True,
        ),
        _text("title", "Titel", "Title", "Titel der Maßnahme.", "Title of the measure.", True),
        _text(
            "description",
            "Beschreibung",
            "Description",
            "Beschreibung" + MARKDOWN_DE + ".",
            "Description" + MARKDOWN_EN + ".",
        ),
        Column(
            "status",
            "string",
            "Status",
            "Status",
            "geplant, laufend, abgeschlossen oder verworfen.",
            "geplant (planned), laufend (running), abgeschlossen (completed) or verworfen "
            "(dropped).",
            True,
            enum=_enum(Measure.Status.choices),
        ),
        Column(
            "start",
            "date",
            "Beginn",
            "Start",
            "Geplanter oder tatsächlicher Beginn.",
            "Planned or actual start.",
        ),
        Column(
            "end",
            "date",
            "Ende",
            "End",
            "Geplantes oder tatsächliches Ende.",
            "Planned or actual end.",
        ),
        _text(
            "responsible_actors",
            "Verantwortliche Akteure",
            "Responsible actors",
            "Namen der verantwortlichen Organisationen, durch Semikolon getrennt.",
            "Names of the responsible organisations, separated by semicolons.",
        ),
        _web(),
    ),
    _measure_rows,
    foreign_keys=(("action_field_id", "action_fields", "id"), ("roadmap_id", "roadmaps", "id")),
)

TABLES = (FIELDS, THEMES, NETWORKS, ROADMAPS, ACTION_FIELDS, MEASURES)
