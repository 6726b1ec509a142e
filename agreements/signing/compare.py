"""Comparing two frozen versions section by section, word by word within a changed line."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from samverkan import richtext

from ..registry import document_parts


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
    # The text as the page and the PDF show it, so formatting marks are not compared as words.
    return richtext.text_lines(text or "")


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
                " ".join(
                    str(x)
                    for x in (
                        d["body"],
                        d.get("decided_on"),
                        d.get("paragraph"),
                        d.get("reference"),
                    )
                    if x
                )
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
