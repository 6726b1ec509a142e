"""Two people saving one agreement at the same moment: nothing that was saved is lost.

Real concurrency: two threads, each with its own client and its own PostgreSQL connection,
released together by a barrier, against committed data (``transaction=True``).
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from agreements.forms import AgreementForm
from agreements.models import SECTION_FIELDS, Agreement
from samverkan.concurrency import fingerprint

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 100


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post_together(posts):
    """Send each (client, url, data) from its own thread at the same moment; the statuses and
    the responses' HTML, in order."""
    barrier = threading.Barrier(len(posts))
    results = [None] * len(posts)

    def send(index):
        client, url, data = posts[index]
        try:
            barrier.wait(timeout=30)
            response = client.post(url, data)
            results[index] = (response.status_code, response.content.decode())
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _section_url(agreement, number):
    return reverse("agreements:section_edit", args=[agreement.pk, number])


def test_two_sections_saved_at_the_same_moment_keep_both_texts(world):
    # GIVEN two people who each opened a different section of the same agreement
    agreement = world.agreement
    first, second = _logged_in(world.official), _logged_in(world.section_chief)
    field3, field5 = SECTION_FIELDS[3], SECTION_FIELDS[5]
    lost = []
    for n in range(ROUNDS):
        agreement.refresh_from_db()
        # WHEN both save at the same moment, a hundred times over
        results = _post_together(
            [
                (
                    first,
                    _section_url(agreement, 3),
                    {
                        field3: f"Målgrupper, runda {n}.",
                        "base_fingerprint": fingerprint(agreement, [field3]),
                    },
                ),
                (
                    second,
                    _section_url(agreement, 5),
                    {
                        field5: f"Organisering, runda {n}.",
                        "base_fingerprint": fingerprint(agreement, [field5]),
                    },
                ),
            ]
        )
        # THEN both were told "sparat" and both texts are stored
        assert [status for status, _html in results] == [302, 302], n
        stored = Agreement.objects.values(field3, field5).get(pk=agreement.pk)
        if stored != {field3: f"Målgrupper, runda {n}.", field5: f"Organisering, runda {n}."}:
            lost.append((n, stored))
    assert lost == []


def test_the_same_section_saved_at_the_same_moment_keeps_one_and_refuses_the_other(world):
    # GIVEN two people who opened the same section
    agreement = world.agreement
    base = fingerprint(agreement, ["text_purpose"])
    url = _section_url(agreement, 2)
    # WHEN both save their own text at the same moment
    results = _post_together(
        [
            (
                _logged_in(world.official),
                url,
                {"text_purpose": "Min text.", "base_fingerprint": base},
            ),
            (
                _logged_in(world.section_chief),
                url,
                {"text_purpose": "Din text.", "base_fingerprint": base},
            ),
        ]
    )
    # THEN exactly one is saved; the other is told in Swedish and still has their text
    statuses = sorted(status for status, _html in results)
    assert statuses == [200, 302]
    saved_text, refused = (
        ("Min text.", results[1][1]) if results[0][0] == 302 else ("Din text.", results[0][1])
    )
    agreement.refresh_from_db()
    assert agreement.text_purpose == saved_text
    assert "Någon annan har sparat ändringar" in refused
    kept = "Din text." if saved_text == "Min text." else "Min text."
    assert f"{kept}</textarea>" in refused


def test_a_form_on_a_row_read_before_another_save_writes_only_its_own_fields(world):
    # GIVEN the particulars form built on the agreement as it was read …
    stale = Agreement.objects.get(pk=world.agreement.pk)
    form = AgreementForm(instance=stale)
    data = {name: form.initial.get(name) or "" for name in form.fields}
    # … and section 7 saved by someone else after that read
    Agreement.objects.filter(pk=stale.pk).update(text_followup="Sparat av en kollega.")
    # WHEN the particulars are saved with a new title
    data["title"] = "Ny titel"
    form = AgreementForm(data, instance=stale)
    assert form.is_valid(), form.errors
    assert form.save_guarded()
    # THEN the title is stored and the section saved meanwhile is untouched
    stored = Agreement.objects.get(pk=stale.pk)
    assert stored.title == "Ny titel"
    assert stored.text_followup == "Sparat av en kollega."
