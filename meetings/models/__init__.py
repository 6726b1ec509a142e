from .groups import Group, GroupMember
from .jobtracks import EMPLOYMENT_GOAL_PERCENT, CompetenceTeamMember, JobTrack
from .meetings import ActionItem, CalendarFeed, Meeting, MinutesNote

__all__ = [
    "EMPLOYMENT_GOAL_PERCENT",
    "ActionItem",
    "CalendarFeed",
    "CompetenceTeamMember",
    "Group",
    "GroupMember",
    "JobTrack",
    "Meeting",
    "MinutesNote",
]
