"""Open-data tables of governance: bodies, public decisions and forum events.

Deliberately absent: members of bodies (their consent covers being named on the portal, not
re-use under an open licence; the API lists them like the body page), registrations, meetings,
review rounds (scores and conflicts of interest) and anything else internal.
"""

from api import selectors
from governance.models import Body, Decision

from .rows import page_of, page_url, public_rows
from .schema import DESCRIPTION, ID, SLUG, Column, Table, _enum, _text, _title, _web

BODIES = Table(
    "bodies",
    "Gremien",
    "Bodies",
    "Gremien der RIS Thüringen: Strategiebeiräte, Foren, Lenkungskreis, Begleitausschuss.",
    "Bodies of the RIS Thuringia: strategy boards, forums, steering committee, monitoring "
    "committee.",
    (
        ID("des Gremiums", "body"),
        SLUG,
        Column(
            "kind",
            "string",
            "Art",
            "Kind",
            "strategiebeirat, forum, lenkungskreis oder begleitausschuss.",
            "strategiebeirat (strategy board), forum, lenkungskreis (steering committee) or "
            "begleitausschuss (ERDF/ESF+ monitoring committee).",
            True,
            enum=_enum(Body.Kind.choices),
        ),
        _text("name", "Name", "Name", "Name des Gremiums.", "Name of the body.", True),
        Column(
            "field_id",
            "integer",
            "Spezialisierungsfeld",
            "Specialisation field",
            "Kennung des Feldes bei Strategiebeiräten.",
            "Identifier of the field for strategy boards.",
        ),
        _text(
            "current_term",
            "Laufende Amtszeit",
            "Current term",
            "z. B. 2025–2028.",
            "e.g. 2025–2028.",
        ),
        DESCRIPTION,
        _web(),
    ),
    public_rows(selectors.bodies_for, web_url=page_of("governance:body_public", "slug")),
)


def _public(roadmap) -> bool:
    return roadmap is not None and roadmap.is_public and not roadmap.is_archived


DECISIONS = Table(
    "decisions",
    "Beschlüsse",
    "Decisions",
    "Öffentliche Beschlüsse der Gremien.",
    "Public decisions of the bodies.",
    (
        ID("des Beschlusses", "decision"),
        Column(
            "body_id",
            "integer",
            "Gremium",
            "Body",
            "Kennung des Gremiums.",
            "Identifier of the body.",
            True,
        ),
        Column(
            "decided_at",
            "datetime",
            "Beschlossen am",
            "Decided at",
            "Zeitpunkt des Beschlusses (UTC).",
            "Time of the decision (UTC).",
            True,
        ),
        _text(
            "meeting_title",
            "Sitzung",
            "Meeting",
            "Titel der Sitzung; leer bei Beschlüssen im Umlaufverfahren.",
            "Title of the meeting; empty for decisions taken online.",
        ),
        _text(
            "title",
            "Gegenstand",
            "Subject",
            "Gegenstand des Beschlusses.",
            "Subject of the decision.",
            True,
        ),
        _text(
            "text",
            "Beschlusstext",
            "Text",
            "Beschlusstext oder Begründung.",
            "Text of the decision or its reasons.",
        ),
        Column(
            "outcome",
            "string",
            "Ergebnis",
            "Outcome",
            "angenommen, abgelehnt, zurueckgegeben oder vertagt.",
            "angenommen (approved), abgelehnt (rejected), zurueckgegeben (returned) or vertagt "
            "(postponed).",
            True,
            enum=_enum(Decision.Outcome.choices),
        ),
        Column(
            "votes_yes",
            "integer",
            "Ja-Stimmen",
            "Votes in favour",
            "Anzahl der Ja-Stimmen.",
            "Number of votes in favour.",
            True,
        ),
        Column(
            "votes_no",
            "integer",
            "Nein-Stimmen",
            "Votes against",
            "Anzahl der Nein-Stimmen.",
            "Number of votes against.",
            True,
        ),
        Column(
            "votes_abstain",
            "integer",
            "Enthaltungen",
            "Abstentions",
            "Anzahl der Enthaltungen.",
            "Number of abstentions.",
            True,
        ),
        Column(
            "roadmap_id",
            "integer",
            "Roadmap",
            "Roadmap",
            "Kennung der beschlossenen Roadmap, wenn sie veröffentlicht ist (roadmaps.id).",
            "Identifier of the roadmap decided on, if it is published (roadmaps.id).",
        ),
        _web(),
    ),
    public_rows(
        selectors.decisions_for,
        meeting_title=lambda decision: decision.meeting.title if decision.meeting else "",
        roadmap_id=lambda decision: decision.roadmap.pk if _public(decision.roadmap) else None,
        web_url=page_of("governance:decision_detail"),
    ),
    foreign_keys=(("roadmap_id", "roadmaps", "id"),),
)


EVENTS = Table(
    "events",
    "Forumsveranstaltungen",
    "Forum events",
    "Öffentliche Veranstaltungen der Foren (ohne Anmeldedaten).",
    "Public events of the forums (without registration data).",
    (
        ID("der Veranstaltung", "event"),
        SLUG,
        Column(
            "body_id",
            "integer",
            "Forum",
            "Forum",
            "Kennung des ausrichtenden Gremiums.",
            "Identifier of the hosting body.",
        ),
        _title("der Veranstaltung", "event"),
        DESCRIPTION,
        Column("starts_at", "datetime", "Beginn", "Start", "Beginn (UTC).", "Start (UTC).", True),
        Column("ends_at", "datetime", "Ende", "End", "Ende (UTC).", "End (UTC).", True),
        _text("location", "Ort", "Location", "Veranstaltungsort.", "Venue.", True),
        Column(
            "capacity",
            "integer",
            "Plätze",
            "Places",
            "Anzahl der Plätze.",
            "Number of places.",
            True,
        ),
        Column(
            "is_cancelled",
            "boolean",
            "Abgesagt",
            "Cancelled",
            "true, wenn abgesagt.",
            "true if cancelled.",
            True,
        ),
        _text(
            "cancellation_reason",
            "Grund der Absage",
            "Reason for cancellation",
            "Grund der Absage.",
            "Reason for the cancellation.",
        ),
        _web(),
    ),
    public_rows(selectors.events_for, web_url=page_url),
)

TABLES = (BODIES, DECISIONS, EVENTS)
