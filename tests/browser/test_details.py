"""The details a user trips on, in a real browser: print, phone width, focus, the menu, the
login error and the calendar. Screenshots (1280 and 390 px) and printed PDFs are written to
test-artifacts/details/ for a person to look at; axe-core checks every page."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from agreements.demo import OSTERAKER, demo_agreement
from samverkan.models import User
from tests.browser.conftest import ARTIFACTS

SHOTS = ARTIFACTS / "details"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=StringIO())
    SHOTS.mkdir(parents=True, exist_ok=True)
    return demo_agreement(OSTERAKER)


def _shoot(page, name):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _hidden_in_print(page, selector):
    return page.eval_on_selector_all(
        selector, "els => els.every(e => getComputedStyle(e).display === 'none')"
    )


@pytest.mark.django_db(transaction=True)
def test_agreement_report_and_calendar_print_without_the_portal(
    page, demo, login, assert_accessible
):
    login(page, User.objects.get(username="osteraker"))
    # GIVEN the agreement, with its header, menu and "Redigera" links on screen
    page.goto(demo.get_absolute_url())
    expect(page.get_by_role("link", name="Redigera").first).to_be_visible()
    assert_accessible(page)
    _shoot(page, "agreement")
    # WHEN it is printed
    page.emulate_media(media="print")
    # THEN the header, menu, buttons and edit links are gone and the text remains
    assert _hidden_in_print(page, ".portal-header")
    assert _hidden_in_print(page, ".section-tools")
    assert _hidden_in_print(page, "footer")
    expect(page.get_by_role("heading", name=demo.title, level=1)).to_be_visible()
    page.pdf(path=str(SHOTS / "agreement.pdf"), format="A4")
    page.emulate_media(media="screen")

    # The report: no header and no buttons in print.
    page.goto(reverse("indicators:report", args=[demo.pk, 2025, 1]))
    page.emulate_media(media="print")
    assert _hidden_in_print(page, ".portal-header")
    assert _hidden_in_print(page, ".btn")
    page.pdf(path=str(SHOTS / "report.pdf"), format="A4")
    page.emulate_media(media="screen")

    # The calendar keeps all seven days, with the week number, on an A4 page.
    page.goto(reverse("meetings:calendar"))
    assert_accessible(page)
    _shoot(page, "calendar")
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 minus margins at 96 dpi
    page.emulate_media(media="print")
    headers = page.locator(".calendar-month thead th")
    expect(headers).to_have_count(8)
    sunday = headers.nth(7).bounding_box()
    assert sunday["x"] + sunday["width"] <= 718 + 1, sunday
    page.pdf(path=str(SHOTS / "calendar.pdf"), format="A4")


@pytest.mark.django_db(transaction=True)
def test_calendar_shows_iso_weeks_and_marks_other_months(page, demo, login, assert_accessible):
    login(page, User.objects.get(username="osteraker"))
    page.goto(reverse("meetings:calendar") + "?ar=2026&manad=11")
    weeks = page.locator(".calendar-month tbody th.calendar-week").all_inner_texts()
    # November 2026 starts on a Sunday: ISO week 44 (26 October) to week 49.
    assert [w.split()[-1] for w in weeks] == ["44", "45", "46", "47", "48", "49"]
    other = page.locator(".calendar-other-month").first
    inside = page.locator(".calendar-month td:not(.calendar-other-month)").first
    assert other.evaluate("e => getComputedStyle(e).backgroundColor") != inside.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    expect(other).to_contain_text("okt")
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_entry_grid_fits_a_phone(page, demo, login, assert_accessible):
    login(page, User.objects.get(username="osteraker"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("indicators:entry", args=[demo.pk, 2026, 1]))
    row = page.locator("tr[id^='rad-']").first
    for name in ("men", "unknown", "comment"):
        field = row.locator(f"[name$='-{name}']").first
        if field.count() == 0:
            continue
        box = field.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "entry-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / "entry-1280.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_review_page_opens_with_an_overview_and_a_jump_to_the_decision(
    page, demo, login, assert_accessible
):
    login(page, User.objects.get(username="af-nordost"))
    page.goto(reverse("indicators:review", args=[demo.pk, 2025, 1]))
    overview = page.get_by_role("navigation", name="Översikt")
    expect(overview).to_contain_text("Inskickad 26 augusti 2025")
    expect(page.get_by_text("Inskickad av").first).to_be_visible()
    overview.get_by_role("link", name="Gå till ditt beslut").click()
    expect(page.get_by_role("heading", name="Ditt beslut")).to_be_in_viewport()
    assert_accessible(page)
    _shoot(page, "review")


@pytest.mark.django_db(transaction=True)
def test_focus_is_a_visible_outline_and_the_menu_has_one_current_entry(
    page, demo, login, assert_accessible
):
    login(page, User.objects.get(username="admin"))
    page.goto(reverse("agreements:export"))
    assert page.locator("[aria-current='page']").count() == 1
    expect(page.locator(".nav-link[aria-current='page']")).to_have_text("Export")
    for locator in (
        page.locator(".nav-link").first,
        page.locator("main select, main input:not([type=hidden])").first,
        page.locator("main .btn").first,
    ):
        locator.focus()
        style = locator.evaluate(
            "e => { const s = getComputedStyle(e); "
            "return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
        )
        # #1b4f72 on white is about 9:1, well over the 3:1 a focus indicator needs.
        assert style == ["solid", "3px", "rgb(27, 79, 114)"], style
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_wrong_password_is_announced_and_marks_the_fields(page, demo, assert_accessible):
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("osteraker")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_contain_text("Fel användarnamn eller lösenord")
    for label in ("Användarnamn", "Lösenord"):
        field = page.get_by_label(label)
        assert field.get_attribute("aria-invalid") == "true"
        assert field.get_attribute("aria-describedby") == "login-error"
    assert page.get_by_label("Användarnamn").input_value() == "osteraker"
    assert_accessible(page)
    _shoot(page, "login-error")
