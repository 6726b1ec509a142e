"""Writing a comment on a draft's section, and answering one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samverkan.concurrency import CreateOnceFormMixin

from ..models import COMMENT_MAX_LENGTH, SECTIONS


class CommentForm(CreateOnceFormMixin, forms.Form):
    section = forms.TypedChoiceField(
        label=_("Avsnitt"),
        coerce=int,
        choices=[(number, f"{number}. {heading}") for number, _field, heading in SECTIONS],
    )
    text = forms.CharField(
        label=_("Kommentar"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Syns bara för överenskommelsens parter och ingår aldrig i den undertecknade versionen."
        ),
    )


class ReplyForm(CreateOnceFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Svar"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
