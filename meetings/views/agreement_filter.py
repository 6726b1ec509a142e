"""The agreement filter of the group and jobbspår lists.

A text field matched against the agreement's title or diarienummer, not a list of every
agreement: an administrator sees 3,000 agreements at Sweden scale, and a <select> of their
titles made the pages 300 kB. Links with ``?overenskommelse=<pk>`` (from the agreement page)
still pick one agreement; the field then shows its title.
"""

from dataclasses import dataclass

from django.db.models import Q

from samverkan.validators import id_param

AGREEMENT_PARAM = "overenskommelse"
TEXT_PARAM = "avtal"
TEXT_MAX_LENGTH = 100


@dataclass(frozen=True)
class AgreementFilter:
    selected: int | None
    text: str

    @classmethod
    def from_request(cls, request) -> "AgreementFilter":
        selected = id_param(request.GET.get(AGREEMENT_PARAM))
        text = (request.GET.get(TEXT_PARAM) or "").strip()
        return cls(selected, "" if selected else text[:TEXT_MAX_LENGTH])

    @property
    def active(self) -> bool:
        return bool(self.selected or self.text)

    def condition(self, prefix: str = "") -> Q:
        """The filter on agreements, or on rows whose agreement is at ``prefix``
        (``"agreement__"``)."""
        if self.selected:
            return Q(**{f"{prefix}pk": self.selected})
        if self.text:
            return Q(**{f"{prefix}title__icontains": self.text}) | Q(
                **{f"{prefix}diarienummer__icontains": self.text}
            )
        return Q()

    def context(self, selected_title: str | None = None) -> dict:
        """What the template's field shows: the typed text, or the chosen agreement's title
        (None when the chosen agreement is not visible: then nothing, not even its title)."""
        return {
            "param": TEXT_PARAM,
            "value": (selected_title or "") if self.selected else self.text,
            "max_length": TEXT_MAX_LENGTH,
            "active": self.active,
        }
