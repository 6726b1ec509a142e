"""Tables too wide for a phone scroll inside their wrapper, and keyboard users can scroll them."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_a_table_that_scrolls_on_a_phone_is_a_focusable_named_region(
    page, world, login, assert_accessible
):
    login(page, world.official)
    # GIVEN a phone-wide screen and the month calendar (a wide table with nothing to focus)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/samverkan/kalender/?ar=2030&manad=4")
    wrapper = page.locator(".table-responsive").first
    # THEN the page itself does not scroll sideways, the table's wrapper does
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] == widths[1]
    # AND the wrapper can be reached with the keyboard and is named after the month
    assert wrapper.get_attribute("tabindex") == "0"
    assert wrapper.get_attribute("role") == "region"
    assert wrapper.get_attribute("aria-label") == "April 2030"
    assert_accessible(page)
    # WHEN the screen is wide enough for the whole table
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function(
        "() => !document.querySelector('.table-responsive').hasAttribute('tabindex')"
    )
    # THEN the wrapper is out of the tab order again
    assert wrapper.get_attribute("role") is None
    assert_accessible(page)
