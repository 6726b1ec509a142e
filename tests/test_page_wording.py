"""Every page, as an administrator and as an official: Swedish words where Django or a first
draft left others. Reuses the every-URL walk of tests/test_access_all_urls.py."""

import re

import pytest

from tests import test_access_all_urls as every_url

# What a user must never read, and why.
FORBIDDEN = {
    "---------": "Django's empty choice; a select says 'Välj …'",
    "Skickade in av": "the report history reads 'Inskickad av'",
    "Godkände av": "the report history reads 'Godkänd av'",
}
FORBIDDEN_PATTERNS = {
    r"(?<![\d,])1 rader\b": "one row is '1 rad'",
    r"\b(?:19|20)\d\d H[12]\b": "a half-year reads 'Första halvåret 2023'",
    r"Ska (?:öka|minska) \d": "a target reads 'Ska öka till 30'",
}
NEW_ROW = re.compile(r'<details class="formset-new[^>]*>(.*?)</details>', re.S)


def _html_pages():
    for name, params in every_url.URLS:
        if name in every_url.PUBLIC and params:
            continue
        yield name, params


PAGES = list(_html_pages())


@pytest.mark.django_db
@pytest.mark.parametrize("role", ("admin", "official"))
@pytest.mark.parametrize(("name", "params"), PAGES, ids=[n for n, _ in PAGES])
def test_page_has_no_stray_words(client, world, name, params, role):
    url = every_url.build_url(world, name, params)
    client.force_login(world.users()[role])
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return
    html = response.content.decode()
    for word, why in FORBIDDEN.items():
        assert word not in html, f"{url} ({role}): {word!r}: {why}"
    for pattern, why in FORBIDDEN_PATTERNS.items():
        match = re.search(pattern, html)
        assert match is None, f"{url} ({role}): {match.group(0)!r}: {why}"
    # A formset's new row is offered by a 'Lägg till ny' button, without a 'Radera' box.
    for new_row in NEW_ROW.findall(html):
        assert "-DELETE" not in new_row, f"{url}: a new row offers 'Radera'"
        assert "<summary" in new_row and "Lägg till ny" in new_row
    assert not re.search(r"<legend[^>]*>\s*Lägg till ny", html), f"{url}: heading, not button"
