"""PlainSelect renders the same select as Django's, without a template per option."""

from html.parser import HTMLParser

import pytest
from django import forms

from samverkan.forms import PlainSelect
from samverkan.models import Party
from tests.factories import PartyFactory


class ChoiceForm(forms.Form):
    party = forms.ChoiceField(
        label="Part",
        required=False,
        choices=[("", "Alla"), ("1", "Täby <kommun>"), ("2", "Järfälla & co")],
        widget=PlainSelect,
    )


def test_plain_select_marks_the_choice_escapes_labels_and_keeps_the_id():
    html = str(ChoiceForm({"party": "2"})["party"])
    assert html.startswith('<select name="party" id="id_party">')
    assert '<option value="2" selected>Järfälla &amp; co</option>' in html
    assert '<option value="1">Täby &lt;kommun&gt;</option>' in html
    assert html.count("<option") == 3


def _tags(html: str) -> list:
    """The markup as tags with their attributes in any order and text without the whitespace
    that Django's template puts between the tags."""
    parts = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            parts.append((tag, sorted(attrs)))

        def handle_endtag(self, tag):
            parts.append(("/", tag))

        def handle_data(self, data):
            if data.strip():
                parts.append(("text", data))

        def handle_entityref(self, name):
            parts.append(("&", name))

        def handle_charref(self, name):
            parts.append(("&#", name))

    Reader(convert_charrefs=False).feed(html)
    return parts


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"party": "PK"}, {"party": "nonsense"}])
def test_plain_select_renders_what_djangos_select_renders(data):
    # GIVEN a model choice among organisations whose names need escaping, required, maybe
    # chosen, maybe refused (the refusal's aria attributes on the select)
    chosen = PartyFactory(name="Järfälla & co <kommun>")
    PartyFactory(name='Täby "kommun"')
    data = {k: str(chosen.pk) if v == "PK" else v for k, v in data.items()}

    def render(widget):
        class Form(forms.Form):
            party = forms.ModelChoiceField(
                label="Part", queryset=Party.objects.order_by("name"), widget=widget
            )

        return str(Form(data or None)["party"])

    # THEN the plain select is the same markup as Django's
    assert _tags(render(PlainSelect)) == _tags(render(forms.Select))
