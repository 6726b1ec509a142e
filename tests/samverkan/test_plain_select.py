"""PlainSelect renders the same select as Django's, without a template per option."""

from django import forms

from samverkan.forms import PlainSelect


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
