"""Open-data tables of the strategy content: fields, themes, networks, roadmaps."""

from api import selectors
from fields.models import Measure, Theme

from .rows import PUBLIC, object_rows, page_of, page_url, public_rows
from .schema import (
    DESCRIPTION,
    FIELD_REF,
    ID,
    MARKDOWN_DE,
    MARKDOWN_EN,
    PUBLISHED_AT,
    ROADMAP_REF,
    SLUG,
    VERSION,
    Column,
    Table,
    _enum,
    _markdown,
    _text,
    _title,
    _web,
)

# --- fields -------------------------------------------------------------------------------------
FIELDS = Table(
    "fields",
    "Spezialisierungsfelder",
    "Specialisation fields",
    "Die Spezialisierungsfelder der Regionalen Innovationsstrategie Thüringen.",
    "The specialisation fields of the Regional Innovation Strategy of Thuringia.",
    (
        ID("des Feldes", "field"),
        SLUG,
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
    public_rows(selectors.fields_for, "order", "pk", web_url=page_url),
)


THEMES = Table(
    "themes",
    "Themen und Highlights",
    "Themes and highlights",
    "Öffentliche Themen der Spezialisierungsfelder (ohne Kandidaten).",
    "Public themes of the specialisation fields (without candidates).",
    (
        ID("des Themas", "theme"),
        SLUG,
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
        DESCRIPTION,
        _text("source_note", "Quelle", "Source", "Quellenangabe.", "Source reference."),
    ),
    public_rows(
        selectors.themes_for,
        potentials=lambda theme: "; ".join(p.slug for p in theme.potentials.all()),
        related_field_ids=lambda theme: "; ".join(str(f.pk) for f in theme.related_fields.all()),
    ),
    foreign_keys=(("field_id", "fields", "id"),),
    unique=("slug",),
)


NETWORKS = Table(
    "networks",
    "Wertschöpfungsnetzwerke",
    "Value networks",
    "Wertschöpfungsnetzwerke um die öffentlichen Themen.",
    "Value-creation networks around the public themes.",
    (
        ID("des Netzwerks", "network"),
        SLUG,
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
        DESCRIPTION,
    ),
    public_rows(selectors.networks_for),
    foreign_keys=(("theme_id", "themes", "id"),),
)


def _roadmap_rows():
    newest = set(selectors.roadmaps_current_public().values_list("pk", flat=True))
    return object_rows(
        selectors.roadmaps_for(PUBLIC).order_by("pk"),
        network_name=lambda roadmap: roadmap.network.name,
        field_id=lambda roadmap: roadmap.network.theme.field_id,
        is_newest=lambda roadmap: roadmap.pk in newest,
        web_url=page_of("fields:roadmap_public"),
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
        VERSION,
        Column(
            "is_newest",
            "boolean",
            "Neueste Fassung",
            "Newest version",
            "true bei der neuesten veröffentlichten Fassung des Netzwerks.",
            "true for the newest published version of the network.",
            True,
        ),
        _title("der Roadmap", "roadmap"),
        _markdown("summary", "Zusammenfassung", "Summary"),
        PUBLISHED_AT,
        _web(),
    ),
    _roadmap_rows,
    foreign_keys=(("field_id", "fields", "id"),),
)


def _position(description_de: str, description_en: str) -> Column:
    return Column(
        "order", "integer", "Reihenfolge", "Order", description_de, description_en, required=True
    )


def _structure():
    for roadmap in selectors.roadmaps_for(PUBLIC).order_by("pk"):
        for action_field in roadmap.structure:
            yield roadmap, action_field


def _action_field_rows():
    return object_rows(action_field for _roadmap, action_field in _structure())


ACTION_FIELDS = Table(
    "action_fields",
    "Handlungsfelder",
    "Action fields",
    "Handlungsfelder der veröffentlichten Roadmaps.",
    "Action fields of the published roadmaps.",
    (
        ID("des Handlungsfelds", "action field"),
        ROADMAP_REF,
        _position("Position in der Roadmap.", "Position in the roadmap."),
        _title("des Handlungsfelds", "action field"),
        DESCRIPTION,
    ),
    _action_field_rows,
    foreign_keys=(("roadmap_id", "roadmaps", "id"),),
)


def _measure_rows():
    for roadmap, action_field in _structure():
        yield from object_rows(
            action_field.measures.all(),
            roadmap_id=lambda _measure, roadmap=roadmap: roadmap.pk,
            responsible_actors=lambda measure: "; ".join(
                actor.name for actor in measure.responsible_actors.all()
            ),
            web_url=page_of("fields:measure_public"),
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
        _position("Position im Handlungsfeld.", "Position in the action field."),
        _title("der Maßnahme", "measure"),
        DESCRIPTION,
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
