"""Frozen versions: the snapshot, its hash, immutability and the comparison."""

import hashlib
import json

import pytest
from django.db import DatabaseError, transaction

from agreements.models import AgreementVersion, ImmutableRowError
from agreements.registry import DocumentPart, _parts
from agreements.signing import agreement_send_for_signature, agreement_start_revision
from agreements.signing.compare import compare_snapshots
from agreements.signing.versions import (
    canonical_json,
    content_hash,
    version_freeze,
    version_hash_ok,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def goals_part():
    """A part as indicators would register it (section 4)."""
    part = DocumentPart(
        key="test_goals",
        section=4,
        template_name="agreements/includes/conflict.html",
        context=lambda agreement: {},
        snapshot=lambda agreement: [
            {"mål": "Arbetslösheten ska minska", "indikator": "Andel öppet arbetslösa"}
        ],
    )
    _parts[part.key] = part
    yield part
    _parts.pop(part.key, None)


def test_snapshot_holds_the_whole_agreement(jarfalla, goals_part):
    # GIVEN the Järfälla draft and a registered goals part
    # WHEN it is frozen
    version = version_freeze(agreement=jarfalla.agreement, user=jarfalla.official)
    snap = version.snapshot
    # THEN the snapshot has every part of the document
    assert [s["number"] for s in snap["sections"]] == list(range(1, 10))
    assert snap["sections"][1]["heading"] == "Syfte"
    assert {p["name"] for p in snap["parties"]} == {
        "Järfälla kommun",
        "Arbetsförmedlingen Stockholm Nordväst",
    }
    assert [s["name"] for s in snap["signatories"]] == [
        "Jan Karlsson",
        "Carina Karlsson",
        "Jenny Wilhelmsson",
    ]
    assert len(snap["target_groups"]) == 2
    assert len(snap["appendices"]) == 3
    assert len(snap["decisions"]) == 1
    assert snap["agreement"]["diarienummer"] == "Af-2022/0116 1568"
    assert snap["parts"]["test_goals"][0]["mål"] == "Arbetslösheten ska minska"
    assert version.number == 1


def test_hash_is_sha256_of_canonical_json(jarfalla):
    version = version_freeze(agreement=jarfalla.agreement, user=None)
    expected = hashlib.sha256(
        json.dumps(
            version.snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        ).encode()
    ).hexdigest()
    assert version.content_hash == expected
    assert version_hash_ok(version)
    # Key order does not matter; content does.
    reordered = json.loads(json.dumps(version.snapshot))
    reordered = dict(reversed(list(reordered.items())))
    assert content_hash(reordered) == version.content_hash
    assert canonical_json({"b": "å", "a": 1}) == '{"a":1,"b":"å"}'.encode()


def test_same_content_gives_same_hash_and_next_number(jarfalla):
    first = version_freeze(agreement=jarfalla.agreement, user=None)
    second = version_freeze(agreement=jarfalla.agreement, user=None)
    assert second.number == 2
    assert second.content_hash == first.content_hash


def test_version_cannot_be_changed_or_deleted(jarfalla):
    version = version_freeze(agreement=jarfalla.agreement, user=None)
    version.snapshot = {"forged": True}
    with pytest.raises(ImmutableRowError):
        version.save()
    with pytest.raises(ImmutableRowError):
        version.delete()


def test_database_refuses_updates_that_bypass_save(jarfalla):
    """The PostgreSQL trigger guards against queryset.update() and raw SQL."""
    version = version_freeze(agreement=jarfalla.agreement, user=None)
    with pytest.raises(DatabaseError), transaction.atomic():
        AgreementVersion.objects.filter(pk=version.pk).update(content_hash="0" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        AgreementVersion.objects.filter(pk=version.pk)._raw_delete(using="default")
    version.refresh_from_db()
    assert version_hash_ok(version)


def _changed(diffs):
    return {d.key: d for d in diffs if d.has_changes}


def test_comparison_marks_exactly_the_change(jarfalla):
    old = version_freeze(agreement=jarfalla.agreement, user=None)
    agreement = jarfalla.agreement
    agreement.text_followup = (
        "Måluppfyllelse följs upp i samband med styrgruppens möten och varje halvår."
    )
    agreement.save()
    new = version_freeze(agreement=agreement, user=None)
    diffs = compare_snapshots(old.snapshot, new.snapshot)
    changed = _changed(diffs)
    assert list(changed) == ["avsnitt-7"]
    html = "".join(line.html for line in changed["avsnitt-7"].lines)
    assert html == (
        "Måluppfyllelse följs upp i samband med styrgruppens möten"
        '<ins class="diff-ins"> och varje halvår</ins>.'
    )
    assert changed["avsnitt-7"].changed == 1


def test_comparison_shows_added_and_removed_lines(jarfalla):
    old = version_freeze(agreement=jarfalla.agreement, user=None)
    jarfalla.sign_jenny.delete()
    jarfalla.agreement.appendices.filter(number=3).delete()
    new = version_freeze(agreement=jarfalla.agreement, user=None)
    changed = _changed(compare_snapshots(old.snapshot, new.snapshot))
    assert set(changed) == {"avsnitt-9", "bilagor"}
    assert changed["avsnitt-9"].removed == 1
    assert "Jenny Wilhelmsson" in changed["avsnitt-9"].lines[-1].html


def test_comparison_escapes_text(jarfalla):
    old = version_freeze(agreement=jarfalla.agreement, user=None)
    jarfalla.agreement.text_purpose = '<script>alert(1)</script> <img src="file:///etc/passwd">'
    jarfalla.agreement.save()
    new = version_freeze(agreement=jarfalla.agreement, user=None)
    html = "".join(
        line.html for d in compare_snapshots(old.snapshot, new.snapshot) for line in d.lines
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_revision_after_signing_makes_a_new_version_and_keeps_the_signed_one(
    jarfalla, django_capture_on_commit_callbacks, client
):
    # GIVEN the Järfälla agreement signed by all three, with its signed PDF
    v1 = jarfalla.send()
    with django_capture_on_commit_callbacks(execute=True):
        document = jarfalla.sign_all(v1)
    document.refresh_from_db()
    pdf_before = document.file.read()
    hash_before = v1.content_hash
    # WHEN a revision changes one sentence and is sent for signature
    agreement_start_revision(agreement=jarfalla.agreement, user=jarfalla.official)
    agreement = jarfalla.agreement
    agreement.refresh_from_db()
    assert agreement.status == agreement.Status.UNDER_REVISION
    assert agreement.version_in_force_id == v1.pk  # still in force
    agreement.text_followup = "Måluppfyllelse följs upp varje halvår."
    agreement.save()
    # THEN the draft already compares against the signed version
    client.force_login(jarfalla.official)
    response = client.get(
        f"/overenskommelser/{agreement.pk}/versioner/jamfor/", {"fran": 1, "till": "utkast"}
    )
    assert response.status_code == 200
    assert [d.key for d in response.context["changed"]] == ["avsnitt-7"]
    v2 = agreement_send_for_signature(agreement=agreement, user=jarfalla.official)
    assert v2.number == 2
    changed = _changed(compare_snapshots(v1.snapshot, v2.snapshot))
    assert list(changed) == ["avsnitt-7"]
    # AND the signed version, its hash and its PDF are unchanged, and still in force
    v1.refresh_from_db()
    document.refresh_from_db()
    assert v1.content_hash == hash_before and version_hash_ok(v1)
    assert document.file.read() == pdf_before
    agreement.refresh_from_db()
    assert agreement.version_in_force_id == v1.pk
    assert agreement.pending_version_id == v2.pk


def test_version_pages(official_client, world):
    version = version_freeze(agreement=world.agreement, user=world.official)
    pk = world.agreement.pk
    assert official_client.get(f"/overenskommelser/{pk}/versioner/").status_code == 200
    response = official_client.get(version.get_absolute_url())
    assert response.status_code == 200
    assert world.agreement.title in response.content.decode()
    response = official_client.get(f"/overenskommelser/{pk}/versioner/jamfor/")
    assert response.status_code == 200
    assert response.context["changed"] == []


def test_compare_page_with_unknown_version_is_404(official_client, world):
    version_freeze(agreement=world.agreement, user=None)
    response = official_client.get(
        f"/overenskommelser/{world.agreement.pk}/versioner/jamfor/", {"fran": 9, "till": 1}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 8])
def test_version_list_queries_do_not_grow(
    official_client, world, django_assert_max_num_queries, count
):
    for _ in range(count):
        version_freeze(agreement=world.agreement, user=world.official)
    with django_assert_max_num_queries(8):
        response = official_client.get(f"/overenskommelser/{world.agreement.pk}/versioner/")
    assert len(response.context["versions"]) == count
