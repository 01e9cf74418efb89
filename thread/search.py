"""Search over every kind of object a role may see, with German stemming, ranking and snippets.

PostgreSQL: full-text search with the `german` configuration (Snowball stemmer in the database),
`ts_rank` and `ts_headline`. SQLite (the embedded setup): the same Snowball German stemmer
(`snowballstemmer`) applied in Python to the indexed text and to the query, ranked by where the
words occur. Either way "Netzwerke" finds "Netzwerk" and "Brennstoffzellen" "Brennstoffzelle".

Each `Source` names the rows a viewer may see (public rows on public terms; internal rows only
within the role's scope) and the page each result links to (see `links`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

import snowballstemmer
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from fields import selectors as fields_selectors
from fields.models import Actor, Measure, Roadmap, SpecializationField, Theme, ValueNetwork
from governance import selectors as governance_selectors
from governance.models import DevelopmentGoal, ForumEvent
from monitoring.models import Activity, Indicator
from reports.models import Report
from ris_portal.roles import UserRoles
from ris_portal.templatetags.ris import name_and_language, name_of

from . import links
from .links import PUBLIC_THEME_STATUSES, Viewer

GROUP_LIMIT = 5  # results per kind on the overview; "alle anzeigen" pages through the rest
SNIPPET_WORDS = 24
_START, _STOP = "\x02", "\x03"  # highlight markers, replaced by <mark> after escaping
_WORD = re.compile(r"\w+", re.UNICODE)
_MARKUP = re.compile(r"[*_#`>\[\]()|~]+")
_stemmer = snowballstemmer.stemmer("german")


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def stems(text: str) -> list[str]:
    return [stem(word) for word in _WORD.findall(text or "")]


@dataclass
class Source:
    """One kind of result. Each source reads its own model, so rows are typed `Any` here."""

    key: str
    label: str | Promise  # a lazy translation, resolved when the page renders
    queryset: Callable[[Viewer], QuerySet[Any]]
    title: str
    columns: tuple[str, ...]
    url: Callable[[Viewer, Any], str | None]
    meta: Callable[[Any], str] = lambda obj: ""


@dataclass
class Hit:
    title: str
    url: str | None
    snippet: str
    meta: str
    rank: float = 0.0
    lang: str | None = None  # of the title, when not the page's (German content)


@dataclass
class Group:
    key: str
    label: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    ranked: object = None  # all hits (a list, or a lazy sequence), for paging one kind


# --- what each role may find -------------------------------------------------------------------


def _public_themes():
    return Theme.objects.live("field").filter(status__in=PUBLIC_THEME_STATUSES)


def _in_scope(queryset, viewer: Viewer, path: str, public: Q):
    ids = viewer.roles.internal_field_ids()
    if ids is None:
        return queryset
    return queryset.filter(public | Q(**{f"{path}__in": ids}))


def _themes(viewer: Viewer):
    qs = Theme.objects.live().select_related("field")
    return _in_scope(qs, viewer, "field", Q(pk__in=_public_themes().values("pk")))


def _networks(viewer: Viewer):
    qs = ValueNetwork.objects.live().select_related("theme__field")
    return _in_scope(qs, viewer, "theme__field", Q(theme__in=_public_themes()))


def _published_roadmaps():
    return Roadmap.objects.live().filter(status=Roadmap.Status.PUBLISHED)


def _roadmaps(viewer: Viewer):
    qs = Roadmap.objects.live().select_related("network__theme__field")
    public = Q(pk__in=_published_roadmaps().values("pk"))
    if viewer.roles.is_steering:
        public |= Q(status__in=fields_selectors.STEERING_VISIBLE_STATUSES)
    return _in_scope(qs, viewer, "network__theme__field", public)


def _measures(viewer: Viewer):
    qs = Measure.objects.live("action_field").select_related(
        "action_field__roadmap__network__theme__field"
    )
    public = Q(action_field__roadmap__in=_published_roadmaps())
    return _in_scope(qs, viewer, "action_field__roadmap__network__theme__field", public)


def _needs(viewer: Viewer):
    return fields_selectors.need_list_workspace(viewer.roles).live()


def _decisions(viewer: Viewer):
    return governance_selectors.decision_detail_for(viewer.roles)


def _goals(viewer: Viewer):
    """Development goals: only on internal pages, as the goal pages scope them."""
    if viewer.public:
        return DevelopmentGoal.objects.none()
    return governance_selectors.goals_for(viewer.roles)


def _reports(viewer: Viewer):
    qs = Report.objects.exclude(status=Report.Status.FAILED)
    if viewer.roles.can_view_draft_reports:
        return qs
    return qs.filter(status=Report.Status.PUBLISHED)


def _roadmap_link(viewer, roadmap):
    return links.roadmap_url(viewer, roadmap, roadmap.network.theme.field_id)


def _measure_link(viewer, measure):
    roadmap = measure.action_field.roadmap
    return links.measure_url(viewer, measure, roadmap, roadmap.network.theme.field_id)


def _theme_link(viewer, theme):
    return links.theme_url(viewer, theme) or (
        links.field_url(viewer, theme.field) + f"#theme-{theme.slug}"
    )


def _network_link(viewer, network):
    field_ = network.theme.field
    return links.network_url(viewer, network, field_.pk) or (
        links.field_url(viewer, field_) + "#networks"
    )


def _unarchived(model, capability: str = "", related: str = "") -> Callable[[Viewer], QuerySet]:
    """The model's unarchived rows; with `capability`, only for viewers that have it."""

    def rows(viewer: Viewer) -> QuerySet:
        if capability and not getattr(viewer.roles, capability):
            return model.objects.none()
        queryset = model.objects.live()
        return queryset.select_related(related) if related else queryset

    return rows


def _name(obj, attribute: str = "name") -> str:
    """The name of `obj` as HTML: English where it has one and the UI is English, else German
    (marked lang="de" in another UI language)."""
    return conditional_escape(name_of(obj, attribute))


def _hit(source: Source, viewer: Viewer, obj, snippet: str, rank: float) -> Hit:
    title, language = name_and_language(obj, source.title)
    return Hit(title, source.url(viewer, obj), snippet, source.meta(obj), rank, language)


def _date(value) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


SOURCES = (
    Source(
        "felder",
        _("Spezialisierungsfelder"),
        _unarchived(SpecializationField),
        "name",
        ("profile",),
        links.field_url,
    ),
    Source(
        "themen",
        _("Themen"),
        _themes,
        "name",
        ("description",),
        _theme_link,
        lambda t: format_html("{} · {}", _name(t.field), t.get_status_display()),
    ),
    Source(
        "netzwerke",
        _("Wertschöpfungsnetzwerke"),
        _networks,
        "name",
        ("description",),
        _network_link,
        lambda n: _name(n.theme.field),
    ),
    Source(
        "roadmaps",
        _("Roadmaps"),
        _roadmaps,
        "title",
        ("summary",),
        _roadmap_link,
        lambda r: format_html("{} · {}", _name(r.network.theme.field), r.get_status_display()),
    ),
    Source(
        "massnahmen",
        _("Maßnahmen"),
        _measures,
        "title",
        ("description",),
        _measure_link,
        lambda m: format_html(
            "{} · {}", _name(m.action_field.roadmap, "title"), m.get_status_display()
        ),
    ),
    Source(
        "bedarfe",
        _("Handlungsbedarfe"),
        _needs,
        "title",
        ("description",),
        lambda v, n: links.need_url(v, n, n.theme.field_id),
        lambda n: format_html("{} · {}", _name(n.theme.field), n.get_kind_display()),
    ),
    Source(
        "beschluesse",
        _("Beschlüsse"),
        _decisions,
        "title",
        ("text",),
        links.decision_url,
        lambda d: f"{d.body.name} · {_date(d.decided_at)} · {d.get_outcome_display()}",
    ),
    Source(
        "veranstaltungen",
        _("Veranstaltungen"),
        _unarchived(ForumEvent),
        "title",
        ("description", "location"),
        lambda v, e: e.get_absolute_url(),
        lambda e: f"{_date(e.starts_at)} · {e.location}",
    ),
    Source(
        "indikatoren",
        _("Indikatoren"),
        _unarchived(Indicator),
        "name",
        ("code", "name_en", "description", "source"),
        links.indicator_url,
        lambda i: f"{i.code} · {i.get_kind_display()}",
    ),
    Source(
        "berichte",
        _("Monitoringberichte"),
        _reports,
        "title",
        ("description",),
        lambda v, r: links.report_url(r),
        lambda r: f"{r.year} · {r.get_status_display()}",
    ),
    Source(
        "aktivitaeten",
        _("Aktivitäten"),
        _unarchived(Activity, "can_edit_content"),
        "title",
        ("description", "reference"),
        links.activity_url,
        lambda a: f"{a.get_kind_display()} · {_date(a.start_date)}",
    ),
    Source(
        "akteure",
        _("Akteure"),
        _unarchived(Actor, "can_view_internal_workspace"),
        "name",
        ("description", "city"),
        lambda v, a: a.get_absolute_url(),
        lambda a: f"{a.get_kind_display()} · {a.city}",
    ),
    Source(
        "ziele",
        _("Entwicklungsziele"),
        _goals,
        "title",
        ("description",),
        lambda v, g: g.get_absolute_url(),
        lambda g: format_html("{} · {}", _name(g.field), g.get_status_display()),
    ),
)


# --- matching and snippets -------------------------------------------------------------------


def _plain(text: str) -> str:
    return _MARKUP.sub(" ", text or "")


def _render_marked(text: str) -> str:
    return mark_safe(  # noqa: S308 – escaped before the markers become <mark>
        escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


def _python_snippet(text: str, query_stems: set[str]) -> str:
    """A window of words around the first match, matched words marked (SQLite path)."""
    words = _plain(text).split()
    if not words:
        return ""
    positions = [i for i, w in enumerate(words) if any(s in query_stems for s in stems(w))]
    start = max(0, (positions[0] if positions else 0) - SNIPPET_WORDS // 3)
    window = words[start : start + SNIPPET_WORDS]
    marked = [
        f"{_START}{w}{_STOP}" if any(s in query_stems for s in stems(w)) else w for w in window
    ]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(words) else ""
    return _render_marked(prefix + " ".join(marked) + suffix)


def _search_python(source: Source, viewer: Viewer, query: str) -> list[Hit]:
    query_stems = set(stems(query))
    if not query_stems:
        return []
    queryset = source.queryset(viewer)
    rows = queryset.values_list("pk", source.title, *source.columns)
    scored = []
    for pk, title, *texts in rows:
        title_stems = stems(title)
        text_stems = stems(" ".join(t or "" for t in texts))
        if not all(s in title_stems or s in text_stems for s in query_stems):
            continue
        rank = sum(3 * title_stems.count(s) + min(text_stems.count(s), 5) for s in query_stems)
        scored.append((rank, pk))
    scored.sort(key=lambda item: (-item[0], item[1]))
    objects = queryset.in_bulk([pk for _rank, pk in scored])
    hits = []
    for rank, pk in scored:
        obj = objects[pk]
        text = " ".join(str(getattr(obj, c) or "") for c in source.columns)
        snippet = _python_snippet(text, query_stems) or _python_snippet(
            getattr(obj, source.title), query_stems
        )
        hits.append(_hit(source, viewer, obj, snippet, rank))
    return hits


class _PostgresHits:
    """Lazy, sliceable hits over a ranked queryset (for the paginator)."""

    def __init__(self, source: Source, viewer: Viewer, queryset):
        self.source, self.viewer, self.queryset = source, viewer, queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        rows = self.queryset[index] if isinstance(index, slice) else [self.queryset[index]]
        hits = [
            _hit(self.source, self.viewer, obj, _render_marked(obj.headline or ""), obj.rank)
            for obj in rows
        ]
        return hits if isinstance(index, slice) else hits[0]


def _search_postgres(source: Source, viewer: Viewer, query: str) -> _PostgresHits:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )
    from django.db.models import TextField, Value
    from django.db.models.functions import Coalesce, Concat

    vector = SearchVector(source.title, weight="A", config="german") + SearchVector(
        *source.columns, weight="B", config="german"
    )
    search_query = SearchQuery(query, config="german", search_type="websearch")
    as_text: TextField[str, str] = TextField()
    parts = [
        part
        for c in source.columns
        for part in (Coalesce(c, Value(""), output_field=as_text), Value(" "))
    ]
    text = Concat(*parts[:-1], output_field=as_text) if len(parts) > 2 else parts[0]
    queryset = (
        source.queryset(viewer)
        .annotate(search=vector, rank=SearchRank(vector, search_query))
        .filter(search=search_query)
        .annotate(
            headline=SearchHeadline(
                text,
                search_query,
                config="german",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=SNIPPET_WORDS,
                min_words=8,
            )
        )
        .order_by("-rank", "pk")
    )
    return _PostgresHits(source, viewer, queryset)


def search_source(source: Source, viewer: Viewer, query: str):
    if connection.vendor == "postgresql":
        return _search_postgres(source, viewer, query)
    return _search_python(source, viewer, query)


def search(query: str, *, roles: UserRoles, kinds: set[str] | None = None) -> list[Group]:
    """Groups of hits per kind (kinds without hits are left out), best hits first."""
    query = (query or "").strip()
    if not _WORD.search(query):
        return []
    viewer = Viewer(roles=roles, public=not roles.can_view_internal_workspace)
    groups = []
    for source in SOURCES:
        if kinds is not None and source.key not in kinds:
            continue
        ranked = search_source(source, viewer, query)
        total = len(ranked)
        if total:
            groups.append(
                Group(source.key, str(source.label), total, list(ranked[:GROUP_LIMIT]), ranked)
            )
    return groups
