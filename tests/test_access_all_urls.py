"""Every URL pattern, with every role, an outsider and an anonymous visitor (NetBox's
ViewTestCases). A new view that forgets its access rule fails here.

How to add a view: if its URL has a parameter this file does not know, add a provider to
``KWARGS`` (keyed by URL name, or by parameter name in ``PARAM_DEFAULTS``). If some role is
not meant to reach it, say so in ``EXPECTED``. Defaults: every insider gets 200, the outsider
gets 404 wherever the URL names an object, an anonymous visitor is sent to the login page.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api.services import api_token_create
from meetings.services import calendar_feed_get_or_create
from tests.factories import UserFactory
from tests.indicators.factories import (
    FollowUpPeriodFactory,
    FollowUpReportFactory,
    IndicatorFactory,
    MeasurementFactory,
)
from tests.indicators.kolada_support import make_conflict, make_demand, make_snapshot
from tests.meetings.factories import (
    ActionItemFactory,
    world_group,
    world_job_track,
    world_meeting,
)
from tests.samverkan.factories import ReminderFactory

ROLES = ("official", "section_chief", "admin", "outsider", "anonymous")

# URL names anyone may open without logging in.
PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # The public register of agreements in force and the verification of signed PDFs.
    "public:register",
    "public:register_detail",
    "public:register_pdf",
    "public:verify",
    "public:verify_code",
    # Public by its secret token (calendar programs cannot log in); an unknown or renewed
    # token is 404: tests/meetings/test_ical.py.
    "meetings:ical_feed",
    # The API's list of endpoints, and agreements in force (the public register).
    "api:api-root",
    "api:agreement-list",
    "api:openapi",
    "api:docs",
    # The pages about the portal: the accessibility statement, personal data, contact.
    "about:accessibility",
    "about:personal_data",
    "about:contact",
    # The link in an invitation e-mail (an unknown token is 404: tests/samverkan/test_invitations.py).
    "accounts:invitation_accept",
    # Single sign-on: 404 unless configured (tests/samverkan/test_sso.py runs it configured).
    "oidc_login",
    "oidc_callback",
}


def _followup_period(w):
    """The agreement's H1 2025 follow-up period (made on first use)."""
    return FollowUpPeriodFactory(agreement=w.agreement, year=2025, half=1)


def _indicator(w):
    return IndicatorFactory(goal__agreement=w.agreement)


def _comment(w):
    """A comment by the world's official on the world agreement's section 2."""
    from agreements.comments import comment_post

    return comment_post(agreement=w.agreement, section=2, text="Kommentar", user=w.official)


def _colleague(w):
    """A second official of world.municipality: the account pages act on them, so that a
    walk that deactivates them (tests/test_fuzz_forms.py) keeps the official's login."""
    return UserFactory(username="colleague", party=w.municipality)


# Parameter name -> value, from the world fixture (tests/conftest.py).
PARAM_DEFAULTS = {
    "pk": lambda w: w.agreement.pk,
    "agreement_pk": lambda w: w.agreement.pk,
    "section": lambda w: 2,
    "uidb64": lambda w: "MQ",
    "token": lambda w: "set-password",
    "party_pk": lambda w: w.municipality.pk,
    "year": lambda w: _followup_period(w).year,
    "half": lambda w: _followup_period(w).half,
    "indicator_pk": lambda w: _indicator(w).pk,
    "goal_pk": lambda w: _indicator(w).goal_id,
    "fmt": lambda w: "csv",
    "key": lambda w: "overenskommelser",
    "snapshot_pk": lambda w: make_snapshot(w.municipality).pk,
    "demand_pk": lambda w: make_demand(w.municipality).pk,
    "conflict_pk": lambda w: make_conflict(w.agreement).pk,
    "comment_pk": lambda w: _comment(w).pk,
    "user_pk": lambda w: _colleague(w).pk,
}


def _signed(world):
    """world.agreement's parties with a fully signed agreement (its PDF is a stub)."""
    from tests.agreements.factories import signed_agreement_with_fake_pdf

    if not hasattr(world, "_signed_agreement"):
        world._signed_agreement = signed_agreement_with_fake_pdf([world.municipality, world.af])
    return world._signed_agreement


def _version_of_agreement(world):
    from agreements.signing.versions import version_freeze

    version = version_freeze(agreement=world.agreement, user=None)
    return {"pk": world.agreement.pk, "number": version.number}


def _signed_version(world):
    agreement = _signed(world)
    return {"pk": agreement.pk, "number": agreement.version_in_force.number}


def _verification_code(world):
    return {"code": _signed(world).version_in_force.signed_document.verification_code}


def _appendix_with_file(world):
    from django.core.files.base import ContentFile

    from agreements.models import Appendix

    appendix = Appendix.objects.create(agreement=world.agreement, number=1, title="Bilaga")
    appendix.file.save("bilaga.pdf", ContentFile(b"%PDF-1.7\n% bilaga\n"))
    return {"pk": world.agreement.pk, "appendix_pk": appendix.pk}


def _signature_scan(world):
    from django.core.files.base import ContentFile

    agreement = _signed(world)
    signature = agreement.version_in_force.signatures.get()
    signature.scan.save("scan.pdf", ContentFile(b"%PDF-1.7\n% scan\n"))
    return {"pk": agreement.pk, "signature_pk": signature.pk}


def _reminder_for_official(world):
    return {"pk": ReminderFactory(recipient=world.official, status="failed").pk}


def _api_snapshot(world):
    """A kartläggning of world.municipality on a day of its own (the pages' is 2020-08-31)."""
    import datetime

    return make_snapshot(world.municipality, measured_on=datetime.date(2021, 2, 28))


def _api_demand(world):
    """world.municipality's labour demand on a day of its own (the pages' is 2020-10-18)."""
    import datetime

    from indicators.models import LabourDemandRow, LabourDemandSnapshot

    demand = LabourDemandSnapshot.objects.create(
        municipality=world.municipality, measured_on=datetime.date(2021, 2, 28)
    )
    LabourDemandRow.objects.create(snapshot=demand, area="social", jobs=3, ads=2)
    return demand


# URL name -> kwargs, where the defaults do not fit.
KWARGS = {
    "agreements:version_detail": _version_of_agreement,
    "agreements:version_draft_pdf": _version_of_agreement,
    "agreements:version_draft_docx": _version_of_agreement,
    "agreements:signed_pdf": _signed_version,
    # Only an agreement in force can be the ground of a new draft.
    "agreements:copy_from_in_force": lambda w: {"pk": _signed(w).pk},
    "agreements:signed_pdf_retry": _signed_version,
    "agreements:appendix_file": _appendix_with_file,
    "agreements:signature_scan": _signature_scan,
    "public:register_detail": lambda w: {"pk": _signed(w).pk},
    "public:register_pdf": lambda w: {"pk": _signed(w).pk},
    "public:verify_code": _verification_code,
    **{
        f"meetings:{name}": (lambda w: {"pk": world_group(w).pk})
        for name in ("group_detail", "group_edit", "group_members")
    },
    "meetings:meeting_create": lambda w: {"group_pk": world_group(w).pk},
    **{
        f"meetings:{name}": (lambda w: {"pk": world_meeting(w).pk})
        for name in ("meeting_detail", "meeting_edit", "meeting_minutes", "meeting_approve")
    },
    "meetings:meeting_note": lambda w: {"pk": world_meeting(w).pk},
    "meetings:action_item_done": lambda w: {"pk": ActionItemFactory(meeting=world_meeting(w)).pk},
    "meetings:ical_feed": lambda w: {
        "feed_token": calendar_feed_get_or_create(user=w.official).token
    },
    **{
        f"jobbspar:{name}": (lambda w: {"pk": world_job_track(w).pk})
        for name in ("detail", "edit", "team")
    },
    "reminders:admin_resend": _reminder_for_official,
    "reminders:notice_open": _reminder_for_official,
    # The API's objects, each of world.agreement (or world.municipality's kartläggning).
    "api:goal-detail": lambda w: {"pk": _indicator(w).goal_id},
    "api:indicator-detail": lambda w: {"pk": _indicator(w).pk},
    "api:period-detail": lambda w: {"pk": _followup_period(w).pk},
    "api:measurement-detail": lambda w: {
        "pk": MeasurementFactory(indicator=_indicator(w), period=_followup_period(w)).pk
    },
    "api:report-detail": lambda w: {"pk": FollowUpReportFactory(period=_followup_period(w)).pk},
    "api:group-detail": lambda w: {"pk": world_group(w).pk},
    "api:meeting-detail": lambda w: {"pk": world_meeting(w).pk},
    "api:jobtrack-detail": lambda w: {"pk": world_job_track(w).pk},
    "api:statistics-snapshot-detail": lambda w: {"pk": _api_snapshot(w).pk},
    "api:labour-demand-detail": lambda w: {"pk": _api_demand(w).pk},
    # The official's own token: anyone else's is a 404.
    "api_tokens:revoke": lambda w: {
        "token_pk": api_token_create(user=w.official, name="Test")[0].pk
    },
    "accounts:user_action": lambda w: {"user_pk": _colleague(w).pk, "action": "deactivate"},
}

# URL name -> {role: expected GET status}; roles not named get the default.
ADMIN_ONLY = {"official": 404, "section_chief": 404, "outsider": 404}
# The API answers an anonymous visitor 401 (it is no page to be sent to log in from);
# world.agreement is a draft, so not in the public register either.
API_EXPECTED = {
    "api:agreement-detail": {"anonymous": 404, "outsider": 404},
    **{
        f"api:{kind}-{view}": {"anonymous": 401}
        for kind in (
            "goal",
            "indicator",
            "period",
            "measurement",
            "report",
            "group",
            "meeting",
            "jobtrack",
            "statistics-snapshot",
            "labour-demand",
        )
        for view in ("list", "detail")
    },
}
EXPECTED = {
    **API_EXPECTED,
    # POST only (revoking one's own API token).
    "api_tokens:revoke": dict.fromkeys(("official", "section_chief", "admin", "outsider"), 405),
    "party_list": ADMIN_ONLY,
    "party_create": ADMIN_ONLY,
    "party_edit": ADMIN_ONLY,
    "password_reset_confirm": dict.fromkeys(ROLES, 200),
    "oidc_login": dict.fromkeys(ROLES, 404),
    "oidc_callback": dict.fromkeys(ROLES, 404),
    # Administrators' second factor: an administrator without an app is sent to set one up.
    "second_factor_setup": ADMIN_ONLY,
    "second_factor_verify": {**ADMIN_ONLY, "admin": 302},
    # Only a section chief of a party's Af unit reviews a follow-up report.
    "indicators:review": {"official": 403, "admin": 403},
    # POST only (saving the analysis, submitting); outsiders get 404 on POST.
    "indicators:report_save": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 405
    ),
    # No PDF ordered yet: back to the report page, which offers to make it (the ready file's
    # download is tested in tests/indicators/test_report_pdf.py).
    "indicators:report_pdf": dict.fromkeys(("official", "section_chief", "admin"), 302),
    # POST only (ordering the report's PDF, made in the background).
    "indicators:report_pdf_order": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 405
    ),
    "indicators:goal_delete": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 405
    ),
    "indicators:indicator_delete": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 405
    ),
    # The parties' comments: an administrator outside the parties does not see them.
    "agreements:comments": {"admin": 404},
    # POST only (answering, resolving).
    **{
        f"agreements:{name}": dict.fromkeys(("official", "section_chief", "admin", "outsider"), 405)
        for name in ("comment_reply", "comment_resolve")
    },
    # Administrators only: registering paper signatures and exporting all signed PDFs.
    "agreements:register_paper": ADMIN_ONLY,
    "agreements:export": ADMIN_ONLY,
    "agreements:export_zip": ADMIN_ONLY,
    # POST only (an administrator's retry of a failed signed PDF).
    "agreements:signed_pdf_retry": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 405
    ),
    # POST only: GET is refused once logged in (the anonymous visitor is sent to log in).
    **{
        f"meetings:{name}": dict.fromkeys(("official", "section_chief", "admin", "outsider"), 405)
        for name in ("meeting_approve", "meeting_note", "action_item_done", "calendar_feed_renew")
    },
    # Everything the user sees: for an outsider a table of their own (and nothing of others,
    # tests/test_data_export.py).
    "agreements:data_table": {"outsider": 200},
    # The comparison's chart needs a choice (tests/indicators/test_across.py); without, 404.
    "indicators:across_chart": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 404
    ),
    # Kartläggning is written by officials of the municipality itself and administrators.
    "statistics:snapshot_create": {"section_chief": 403},
    "statistics:demand_create": {"section_chief": 403},
    "statistics:snapshot_edit": {"section_chief": 404},
    "statistics:demand_edit": {"section_chief": 404},
    # POST only.
    "statistics:kolada_import": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 405
    ),
    "statistics:kolada_conflict_resolve": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 405
    ),
    # The reminder log is the administrators' alone; for anyone else it does not exist.
    "reminders:admin_list": ADMIN_ONLY,
    # The whole log (changes, logins, refusals) is the administrators' alone.
    "history:admin_log": ADMIN_ONLY,
    # POST only.
    "reminders:admin_resend": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 405
    ),
    "reminders:admin_resend_failed": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 405
    ),
    # A notice is its recipient's alone: opening it leads on to what it is about.
    "reminders:notice_open": {"official": 302, "section_chief": 404, "admin": 404},
    "reminders:notices_read": dict.fromkeys(
        ("official", "section_chief", "admin", "outsider"), 405
    ),
    # Accounts: everyone sees their own organisation's users (the section chief is of the Af
    # unit, not world.municipality); administrators and the organisation's
    # organisationsadministratör manage them (tests/samverkan/test_accounts_access.py).
    "accounts:my_users": dict.fromkeys(("official", "section_chief", "admin", "outsider"), 302),
    "accounts:party_users": {"section_chief": 404},
    "accounts:user_invite": ADMIN_ONLY,
    "accounts:user_detail": ADMIN_ONLY,
    "accounts:user_action": dict.fromkeys(("official", "section_chief", "admin", "outsider"), 405),
    "accounts:invitation_accept": dict.fromkeys(ROLES, 404),
}

# Namespaces with their own access machinery.
SKIP_NAMESPACES = {"admin", "djdt"}
SKIP_NAMES = {"logout"}  # POST only; tested in tests/samverkan/test_auth.py


def _walk(resolver, namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in SKIP_NAMESPACES:
                continue
            yield from _walk(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def all_url_names():
    names = []
    for name, pattern in _walk(get_resolver()):
        if name in SKIP_NAMES or name.split(":")[-1] in SKIP_NAMES:
            continue
        names.append((name, sorted(pattern.pattern.converters)))
    return sorted({(n, tuple(p)) for n, p in names})


def build_url(world, name, params):
    if name in KWARGS:
        return reverse(name, kwargs=KWARGS[name](world))
    kwargs = {}
    for param in params:
        if param not in PARAM_DEFAULTS:
            pytest.fail(
                f"URL {name!r} has a parameter {param!r} that tests/test_access_all_urls.py "
                "cannot fill: add it to KWARGS or PARAM_DEFAULTS."
            )
        kwargs[param] = PARAM_DEFAULTS[param](world)
    return reverse(name, kwargs=kwargs)


def names_object(name, params):
    return bool(params) and name not in PUBLIC


URLS = all_url_names()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "params"), URLS, ids=[n for n, _ in URLS])
def test_get_by_role(client, world, name, params, role):
    url = build_url(world, name, params)
    if role != "anonymous":
        client.force_login(world.users()[role])
    response = client.get(url)
    expected = EXPECTED.get(name, {}).get(role)
    if expected is not None:
        assert response.status_code == expected, f"{role} GET {url}"
    elif role == "anonymous":
        if name in PUBLIC:
            assert response.status_code == 200, f"anonymous GET {url}"
        else:
            assert response.status_code == 302, f"anonymous GET {url}"
            assert response["Location"].startswith(reverse("login")), url
    elif role == "outsider" and names_object(name, params):
        assert response.status_code == 404, f"outsider GET {url} must be 404"
    elif name in PUBLIC:
        assert response.status_code in (200, 302), f"{role} GET {url}"
    else:
        assert response.status_code == 200, f"{role} GET {url}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "params"), URLS, ids=[n for n, _ in URLS])
def test_post_by_outsider_and_anonymous(client, world, name, params):
    """Writes check access as strictly as reads: nothing changes, nothing leaks."""
    if name in PUBLIC:
        return
    url = build_url(world, name, params)
    response = client.post(url, {})
    assert response.status_code in (302, 405), f"anonymous POST {url}"
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login")), url
    if names_object(name, params):
        client.force_login(world.outsider)
        response = client.post(url, {})
        assert response.status_code in (404, 405), f"outsider POST {url} must be 404"


def test_every_url_is_walked():
    """Guards the walker itself: it must find the views it is meant to cover."""
    found = {name for name, _ in URLS}
    assert {
        "dashboard",
        "agreements:list",
        "agreements:detail",
        "agreements:section_edit",
        "agreements:appendix_file",
        "agreements:signature_scan",
    } <= found
