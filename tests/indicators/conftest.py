import pytest

from indicators.demo import load_goals
from indicators.demo_data import OSTERAKER_GOALS

from .factories import FollowUpPeriodFactory


@pytest.fixture
def osteraker_like(world):
    """world.agreement with Österåker's goals and indicators (seed 002, 4.2–4.6), and H1 2025."""
    indicators = load_goals(world.agreement, OSTERAKER_GOALS, lambda message: None)
    period = FollowUpPeriodFactory(agreement=world.agreement, year=2025, half=1)
    return world.agreement, period, indicators
