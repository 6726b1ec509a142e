"""Freezing an agreement into a version and reading a frozen version back as a document.

Comparing two versions is ``compare``.

A snapshot is plain JSON: everything the signed document shows. Its SHA-256 is taken over a
canonical form (sorted keys, no insignificant whitespace, UTF-8), so the same content always
gives the same hash, whatever the database or dictionary order.
"""

import hashlib
import json

from django.db.models import Max, Prefetch
from django.utils import translation

from ..models import (
    SECTIONS,
    Agreement,
    AgreementTargetGroup,
    AgreementVersion,
    Appendix,
    Decision,
    Signatory,
)
from ..registry import document_parts

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
                    "paragraph": d.paragraph,
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
