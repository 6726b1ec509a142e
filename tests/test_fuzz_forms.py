"""Every form in the portal, filled with generated input, never gives an error 500.

The walker of tests/test_access_all_urls.py opens every page as a user who may use it (an
official, else a section chief, else an administrator), finds each <form> in the HTML and
Hypothesis fills its fields: NUL characters, huge and odd numbers, dates far outside the
portal's years, odd unicode, long text, wrong choices, files that are not what they claim.
The budget is bounded and derandomized so CI is deterministic: ``FUZZ_EXAMPLES`` examples per
form (default 3), one world for all forms.
"""

import os
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_access_all_urls import KWARGS, PARAM_DEFAULTS, URLS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
ROLES = ("official", "section_chief", "admin")
# Actions that end the session or whose effect would stop the walk; tested on their own.
SKIP_ACTIONS = ("/konto/logga-ut/", "/admin/")

EDGE_TEXT = [
    "",
    " ",
    "0",
    "-1",
    "12345678901",
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "1,5",
    "99999999999999999999999999",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-13-45T25:61",
    "1999-12-31",
    "\x00",
    "a\x00b",
    "ÅÄÖ åäö \u202e\u200b\ufeff 🙂",
    "\ud7ff\ue000\uffff",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "x" * 5000,
    "rad1\r\nrad2\rrad3",
]
FILES = [
    ("a.pdf", b"%PDF-1.7\n% kort\n"),
    ("a.pdf", b"inte en pdf"),
    ("a.csv", b"Indikator-id;Totalt\r1;12345678901\r"),
    ("a.csv", b"Indikator-id,Totalt\n\x00,1e308\n"),
    ("a.xlsx", b"PK\x03\x04 trasig"),
    ("tom.pdf", b""),
]


@dataclass
class Form:
    method: str
    action: str
    multipart: bool
    fields: dict = field(default_factory=dict)  # name -> (kind, initial, options)


class FormParser(HTMLParser):
    """The forms of a page with their fields' names, kinds, initial values and options."""

    def __init__(self, url):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[Form] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(
                method=(a.get("method") or "get").lower(),
                action=urljoin(self.url, a.get("action") or self.url),
                multipart="multipart" in (a.get("enctype") or ""),
            )
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "option" and self._select:
            kind, initial, options = self._form.fields[self._select]
            options.append(a.get("value", ""))
            if "selected" in a or initial is None:
                initial = a.get("value", "")
            self._form.fields[self._select] = (kind, initial, options)
        elif not a.get("name"):
            return
        elif tag == "input":
            self._input(a)
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form.fields[a["name"]] = ("textarea", "", [])
        elif tag == "select":
            self._select = a["name"]
            self._form.fields[a["name"]] = ("select", None, [])

    def _input(self, a):
        name, kind = a["name"], (a.get("type") or "text").lower()
        if kind in ("submit", "button", "image", "reset"):
            return
        if kind in ("checkbox", "radio"):
            _, initial, options = self._form.fields.get(name, (kind, None, []))
            options.append(a.get("value", "on"))
            if "checked" in a:
                initial = a.get("value", "on")
            self._form.fields[name] = (kind, initial, options)
        else:
            self._form.fields[name] = (kind, a.get("value", ""), [])

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            kind, initial, options = self._form.fields[self._textarea]
            self._form.fields[self._textarea] = (kind, initial + data, options)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def value_strategy(kind, initial, options):
    """What a person, a broken browser or an attacker might send for one field."""
    choices = [st.sampled_from(EDGE_TEXT), st.text(max_size=40)]
    if initial not in (None, ""):
        choices.append(st.just(initial))
    if options:
        choices.append(st.sampled_from(options))
    if kind == "file":
        return st.sampled_from(FILES)
    if kind in ("checkbox", "radio", "select"):
        return st.one_of(st.sampled_from(options or ["on"]), *choices)
    return st.one_of(*choices)


def form_strategy(form):
    """Each field is left out, kept as the page filled it, or replaced by generated input."""
    parts = {}
    for name, (kind, initial, options) in form.fields.items():
        parts[name] = st.one_of(st.none(), value_strategy(kind, initial, options))
    return st.fixed_dictionaries(parts)


def _request_data(form, generated):
    data = {}
    for name, value in generated.items():
        if value is None:
            continue
        if isinstance(value, tuple):
            data[name] = SimpleUploadedFile(value[0], value[1])
        else:
            data[name] = value
    return data


def build_url(world, name, params, made):
    """As the access test builds it, but each object is made once: one world serves all."""
    if name in KWARGS:
        if name not in made:
            made[name] = KWARGS[name](world)
        return reverse(name, kwargs=made[name])
    for param in params:
        if param not in made:
            made[param] = PARAM_DEFAULTS[param](world)
    return reverse(name, kwargs={param: made[param] for param in params})


def discover_forms(client, world):
    """Every distinct form on every page, with the first role that may use the page."""
    users = world.users()
    found = {}
    made = {}
    for name, params in URLS:
        url = build_url(world, name, params, made)
        for role in ROLES:
            client.force_login(users[role])
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = FormParser(url)
            parser.feed(response.content.decode())
            for form in parser.forms:
                path = urlsplit(form.action).path
                if path.startswith(SKIP_ACTIONS) or not form.fields:
                    continue
                key = (form.method, path, tuple(sorted(form.fields)))
                found.setdefault(key, (role, form))
            break
    return list(found.values())


def fuzz(client, form):
    """A Hypothesis test that sends generated input to one form; it fails on any 5xx."""
    path = urlsplit(form.action).path

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(form_strategy(form))
    def send(generated):
        data = _request_data(form, generated)
        if form.method == "post":
            response = client.post(path, data)
        else:
            data = {k: v for k, v in data.items() if not hasattr(v, "read")}
            response = client.get(path, data)
        assert response.status_code < 500, (path, data)

    return send


@pytest.mark.django_db
def test_no_form_gives_an_error_500(client, world):
    started = time.monotonic()
    forms = discover_forms(client, world)
    print(f"{len(forms)} forms found in {time.monotonic() - started:.1f} s")
    # The walk must find the portal's forms, or this test proves nothing.
    actions = sorted({urlsplit(form.action).path for _, form in forms})
    assert len(forms) >= 25, actions
    users = world.users()
    failures = []
    for role, form in forms:
        client.force_login(users[role])
        try:
            fuzz(client, form)()
        except Exception as exc:  # every form is tried; all failures are reported together
            failures.append(f"{role} {form.method.upper()} {form.action}: {exc!r}"[:3000])
    print(f"all forms tried in {time.monotonic() - started:.1f} s")
    assert not failures, "\n\n".join(failures)
