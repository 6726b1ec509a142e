"""Parts of the agreement document that other apps contribute.

The agreement knows neither goals nor groups; ``indicators`` registers what it shows in
section 4 (Målsättningar) and ``meetings`` what it shows in section 5 (Organisering av
samverkan), from their ``AppConfig.ready``. The document page, the frozen version and the
PDF all read the parts from here, so a part written once appears in all three.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DocumentPart:
    key: str
    section: int
    template_name: str
    # (agreement) -> template context for the part; must not query per row of its data.
    context: Callable[[Any], dict]
    # (agreement) -> JSON-serialisable data, part of a version's snapshot.
    snapshot: Callable[[Any], Any] | None = None
    order: int = 0
    # A template that renders the part from its frozen snapshot (context: ``data``, the
    # value ``snapshot`` returned, and ``pdf``, True inside the signed PDF). Versions, the
    # public register and the signed PDF use it; without it they show the snapshot as plain
    # tables and lists.
    snapshot_template_name: str | None = None


_parts: dict[str, DocumentPart] = {}


def register_document_part(part: DocumentPart) -> None:
    _parts[part.key] = part


def document_parts(section: int | None = None) -> list[DocumentPart]:
    parts = [p for p in _parts.values() if section is None or p.section == section]
    return sorted(parts, key=lambda p: (p.section, p.order, p.key))


def render_parts_context(agreement) -> dict[int, list[tuple[DocumentPart, dict]]]:
    """Section number -> [(part, context)] for one agreement's document."""
    result: dict[int, list[tuple[DocumentPart, dict]]] = {}
    for part in document_parts():
        result.setdefault(part.section, []).append((part, part.context(agreement)))
    return result


@dataclass(frozen=True)
class AgreementPanel:
    """A box beside the agreement document (follow-up, meetings, versions, signing…)."""

    key: str
    template_name: str
    # (request, agreement) -> context dict, or None to hide the panel for this user.
    context: Callable[[Any, Any], dict | None]
    order: int = 100


_panels: dict[str, AgreementPanel] = {}


def register_agreement_panel(panel: AgreementPanel) -> None:
    _panels[panel.key] = panel


def render_panels(request, agreement) -> list[tuple[str, dict]]:
    result = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(request, agreement)
        if context is not None:
            result.append((panel.template_name, context))
    return result


@dataclass(frozen=True)
class CopyStep:
    """What a room copies when a new draft is made from an agreement in force
    (``agreements.copying``): indicators copies goals and indicators, meetings its groups.
    ``copy(source=, target=)`` runs inside the copy's transaction; it copies the room's
    structure only, never what happened under the old agreement (measurements, meetings)."""

    key: str
    copy: Callable[..., Any]
    order: int = 100


_copy_steps: dict[str, CopyStep] = {}


def register_copy_step(step: CopyStep) -> None:
    _copy_steps[step.key] = step


def copy_steps() -> list[CopyStep]:
    return sorted(_copy_steps.values(), key=lambda s: (s.order, s.key))
