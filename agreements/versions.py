"""Freezing an agreement into a version, and comparing versions section by section.

A snapshot is plain JSON: everything the signed document shows. Its SHA-256 is taken over a
canonical form (sorted keys, no insignificant whitespace, UTF-8), so the same content always
gives the same hash, whatever the database or dictionary order.
"""

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import (
    SECTIONS,
    Agreement,
    AgreementTargetGroup,
    AgreementVersion,
    Appendix,
    Decision,
    Signatory,
)
from .registry import document_parts

SNAPSHOT_SCHEMA = 1


def _date(value):
    return value.isoformat() if value else None


def snapshot_queryset():
    """Everything a snapshot reads, in a fixed number of queries."""
    return Agreement.objects.with_parties().prefetch_related(
        Prefetch(
            "agreement_target_groups",
            queryset=AgreementTargetGroup.objects.select_related("target_group"),
        ),
        Prefetch("appendices", queryset=Appendix.objects.select_related("responsible_party")),
        Prefetch("signatories", queryset=Signatory.objects.select_related("party")),
        Prefetch("decisions", queryset=Decision.objects.select_related("party")),
    )


def build_snapshot(agreement: Agreement) -> dict:
    """The agreement's whole content as JSON: sections, parties, target groups, signatories,
    appendices, decisions and every registered document part (goals, groups…)."""
    with translation.override("sv"):
        return {
            "schema": SNAPSHOT_SCHEMA,
            "agreement": {
                "id": agreement.pk,
                "title": agreement.title,
                "diarienummer": agreement.diarienummer,
                "summary": agreement.summary,
                "valid_from": _date(agreement.valid_from),
                "valid_until": _date(agreement.valid_until),
                "terminated_on": _date(agreement.terminated_on),
                "review_rule": agreement.review_rule,
                "next_review_date": _date(agreement.next_review_date),
                "document_date": _date(agreement.document_date),
            },
            "sections": [
                {"number": number, "heading": str(heading), "text": getattr(agreement, name)}
                for number, name, heading in SECTIONS
            ],
            "parties": [
                {
                    "party_id": ap.party_id,
                    "name": ap.party.name,
                    "kind": ap.party.kind,
                    "organisation_number": ap.party.organisation_number,
                    "municipality_code": ap.party.municipality_code,
                    "description": ap.description,
                    "is_convener": ap.is_convener,
                }
                for ap in agreement.agreement_parties.all()
            ],
            "target_groups": [
                # "name" is the agreement's own heading, as signed; "catalogue" is for filtering.
                {
                    "name": atg.display_heading,
                    "catalogue": atg.target_group.name,
                    "description": atg.description,
                }
                for atg in agreement.agreement_target_groups.all()
            ],
            "signatories": [
                {
                    "id": s.pk,
                    "party_id": s.party_id,
                    "party": s.party.name,
                    "name": s.name,
                    "title": s.title,
                }
                for s in agreement.signatories.all()
            ],
            "appendices": [
                {
                    "number": a.label,
                    "title": a.title,
                    "responsible_party": a.responsible_party.name if a.responsible_party else "",
                    "state": a.state,
                    "state_display": str(a.get_state_display()),
                    "state_note": a.state_note,
                    "due_date": _date(a.due_date),
                    "has_file": bool(a.file),
                    "text": a.text,
                }
                for a in agreement.appendices.all()
            ],
            "decisions": [
                {
                    "body": d.body,
                    "party": d.party.name if d.party else "",
                    "decided_on": _date(d.decided_on),
                    "reference": d.reference,
                    "text": d.text,
                }
                for d in agreement.decisions.all()
            ],
            "parts": {
                part.key: part.snapshot(agreement)
                for part in document_parts()
                if part.snapshot is not None
            },
        }


def canonical_json(snapshot: dict) -> bytes:
    return json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def content_hash(snapshot: dict) -> str:
    return hashlib.sha256(canonical_json(snapshot)).hexdigest()


def version_freeze(*, agreement: Agreement, user, frozen_at=None) -> AgreementVersion:
    """Freeze the agreement's current content as its next version. Call inside the
    transaction that holds the agreement's row lock."""
    loaded = snapshot_queryset().get(pk=agreement.pk)
    snapshot = build_snapshot(loaded)
    # Round-trip through JSON so the stored value is exactly what was hashed.
    snapshot = json.loads(canonical_json(snapshot))
    last = agreement.versions.aggregate(n=Max("number"))["n"] or 0
    return AgreementVersion.objects.create(
        agreement=agreement,
        number=last + 1,
        snapshot=snapshot,
        content_hash=content_hash(snapshot),
        created_by=user if user and user.is_authenticated else None,
        **({"created_at": frozen_at} if frozen_at is not None else {}),
    )


def version_hash_ok(version: AgreementVersion) -> bool:
    return content_hash(version.snapshot) == version.content_hash


# --- Comparison -------------------------------------------------------------------------


def _flatten(value, prefix="") -> list[str]:
    """A registered part's snapshot as lines of text, whatever its shape."""
    if value is None or value == "" or value == [] or value == {}:
        return []
    if isinstance(value, dict):
        scalars = [f"{k}: {v}" for k, v in sorted(value.items()) if not isinstance(v, dict | list)]
        lines = [prefix + "; ".join(scalars)] if scalars else []
        for _key, v in sorted(value.items()):
            if isinstance(v, dict | list):
                lines += _flatten(v, prefix + "  ")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            lines += _flatten(item, prefix)
        return lines
    return [prefix + str(value)]


def _text_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


@dataclass
class SnapshotSection:
    key: str
    heading: str
    lines: list[str] = field(default_factory=list)


def snapshot_sections(snapshot: dict) -> list[SnapshotSection]:
    """A snapshot as comparable sections of lines, in document order."""
    a = snapshot.get("agreement", {})
    meta = [
        f"{_('Titel')}: {a.get('title', '')}",
        f"{_('Diarienummer')}: {a.get('diarienummer') or '–'}",
        f"{_('Gäller från')}: {a.get('valid_from') or '–'}",
        f"{_('Gäller till')}: {a.get('valid_until') or _('tills vidare')}",
        f"{_('Regel för revidering')}: {a.get('review_rule') or '–'}",
    ]
    if a.get("terminated_on"):
        meta.append(f"{_('Uppsagd den')}: {a['terminated_on']}")
    result = [
        SnapshotSection("uppgifter", _("Uppgifter"), meta),
        SnapshotSection("inledning", _("Inledning"), _text_lines(a.get("summary", ""))),
    ]
    parts = snapshot.get("parts", {})
    part_sections = {part.key: part.section for part in document_parts()}
    for section in snapshot.get("sections", []):
        number = section["number"]
        lines = []
        if number == 1:
            lines += [
                f"{p['description'] or p['name']}, {_('org. nr')} {p['organisation_number']}"
                + (f" ({_('sammankallande')})" if p.get("is_convener") else "")
                for p in snapshot.get("parties", [])
            ]
        lines += _text_lines(section.get("text", ""))
        if number == 3:
            for group in snapshot.get("target_groups", []):
                lines.append(f"» {group['name']}")
                lines += _text_lines(group.get("description", ""))
        for key in sorted(parts):
            if part_sections.get(key, 0) == number:
                lines += _flatten(parts[key])
        if number == 9:
            lines += [
                f"{s['name']}, {s['title']} ({s['party']})" for s in snapshot.get("signatories", [])
            ]
        result.append(
            SnapshotSection(f"avsnitt-{number}", f"{number}. {section['heading']}", lines)
        )
    orphan_parts = [k for k in sorted(parts) if part_sections.get(k, 0) not in range(1, 10)]
    if orphan_parts:
        result.append(
            SnapshotSection(
                "ovrigt", _("Övrigt"), [line for k in orphan_parts for line in _flatten(parts[k])]
            )
        )
    result.append(
        SnapshotSection(
            "bilagor",
            _("Bilagor"),
            [
                f"{_('Bilaga')} {x['number']}. {x['title']}"
                + (f" ({x['responsible_party']})" if x.get("responsible_party") else "")
                + f". {x['state_display']}"
                + (f": {x['state_note']}" if x.get("state_note") else "")
                for x in snapshot.get("appendices", [])
            ]
            + [
                line
                for x in snapshot.get("appendices", [])
                for line in _text_lines(x.get("text", ""))
            ],
        )
    )
    result.append(
        SnapshotSection(
            "beslut",
            _("Beslut"),
            [
                f"{d['body']} {d.get('decided_on') or ''} {d.get('reference') or ''}".strip()
                + f": {d['text']}"
                for d in snapshot.get("decisions", [])
            ],
        )
    )
    return result


# Words and punctuation carry their leading space, so spaces alone never "match".
WORD_RE = re.compile(r"\s*\w+|\s*[^\w\s]|\s+")


def _word_diff(old: str, new: str) -> str:
    a, b = WORD_RE.findall(old), WORD_RE.findall(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f'<del class="diff-del">{escape("".join(a[i1:i2]))}</del>')
        if j2 > j1:
            out.append(f'<ins class="diff-ins">{escape("".join(b[j1:j2]))}</ins>')
    return "".join(out)


@dataclass
class DiffLine:
    kind: str  # equal, added, removed, changed
    html: str  # escaped, with <ins>/<del> marks


@dataclass
class SectionDiff:
    key: str
    heading: str
    lines: list[DiffLine]
    added: int = 0
    removed: int = 0
    changed: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def diff_lines(old: list[str], new: list[str]) -> SectionDiff:
    result = SectionDiff("", "", [])
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.lines += [DiffLine("equal", escape(line)) for line in old[i1:i2]]
        elif op == "delete":
            result.lines += [DiffLine("removed", escape(line)) for line in old[i1:i2]]
            result.removed += i2 - i1
        elif op == "insert":
            result.lines += [DiffLine("added", escape(line)) for line in new[j1:j2]]
            result.added += j2 - j1
        else:
            # Pair replaced lines one to one and mark the words; the rest are whole lines.
            pairs = min(i2 - i1, j2 - j1)
            for k in range(pairs):
                result.lines.append(DiffLine("changed", _word_diff(old[i1 + k], new[j1 + k])))
            result.changed += pairs
            for line in old[i1 + pairs : i2]:
                result.lines.append(DiffLine("removed", escape(line)))
                result.removed += 1
            for line in new[j1 + pairs : j2]:
                result.lines.append(DiffLine("added", escape(line)))
                result.added += 1
    for line in result.lines:
        line.html = mark_safe(line.html)  # noqa: S308 - built from escaped pieces only
    return result


def compare_snapshots(old: dict, new: dict) -> list[SectionDiff]:
    """Section by section: every section of either snapshot, with its lines marked."""
    old_sections = {s.key: s for s in snapshot_sections(old)}
    new_sections = snapshot_sections(new)
    keys = [s.key for s in new_sections] + [
        k for k in old_sections if k not in {s.key for s in new_sections}
    ]
    new_by_key = {s.key: s for s in new_sections}
    result = []
    for key in keys:
        o = old_sections.get(key)
        n = new_by_key.get(key)
        diff = diff_lines(o.lines if o else [], n.lines if n else [])
        diff.key = key
        diff.heading = (n or o).heading
        result.append(diff)
    return result


# --- Showing a snapshot as a document ----------------------------------------------------


def snapshot_document(snapshot: dict, signatures=()) -> dict:
    """What the document templates need to show a frozen version: the nine sections with
    the registered parts' frozen data, and each signatory with their signature, if any."""
    registered = {part.key: part for part in document_parts()}
    parts_by_section: dict[int, list[dict]] = {}
    for key, data in sorted(snapshot.get("parts", {}).items()):
        part = registered.get(key)
        section = part.section if part else 0
        parts_by_section.setdefault(section, []).append(
            {
                "key": key,
                "template": part.snapshot_template_name if part else None,
                "data": data,
                "order": part.order if part else 0,
            }
        )
    by_signatory = {s.signatory_id: s for s in signatures}
    signers = []
    for s in snapshot.get("signatories", []):
        signers.append({**s, "signature": by_signatory.get(s["id"])})
    return {
        "agreement": snapshot.get("agreement", {}),
        "sections": [
            {
                **section,
                "parts": sorted(
                    parts_by_section.get(section["number"], []),
                    key=lambda p: (p["order"], p["key"]),
                ),
            }
            for section in snapshot.get("sections", [])
        ],
        "other_parts": parts_by_section.get(0, []),
        "parties": snapshot.get("parties", []),
        "target_groups": snapshot.get("target_groups", []),
        "signatories": signers,
        "appendices": snapshot.get("appendices", []),
        "decisions": snapshot.get("decisions", []),
    }
