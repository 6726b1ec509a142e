"""The one "may write" rule: User.may_write and User.WRITER_ROLES (issue 14)."""

import re
from pathlib import Path

import pytest

from samverkan.models import User
from tests.factories import AdminFactory, SectionChiefFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
# The role pair spelled out, in any of the shapes the seven copies had.
SPELLED_OUT = re.compile(
    r"Role\.OFFICIAL,\s*\w*\.?Role\.SECTION_CHIEF|Role\.SECTION_CHIEF,\s*\w*\.?Role\.OFFICIAL"
)


@pytest.mark.django_db
def test_officials_section_chiefs_and_administrators_may_write():
    assert UserFactory().may_write
    assert SectionChiefFactory().may_write
    assert AdminFactory().may_write
    superuser = UserFactory(is_superuser=True, role=User.Role.OFFICIAL)
    assert superuser.may_write
    # A role outside the writers (none exists today but the rule must not guess).
    reader = UserFactory()
    reader.role = "reader"
    assert not reader.may_write
    inactive_admin = AdminFactory(is_active=False)
    assert not inactive_admin.is_portal_admin
    assert set(User.WRITER_ROLES) == {User.Role.OFFICIAL, User.Role.SECTION_CHIEF}


def test_the_writer_roles_are_spelled_out_only_in_the_core():
    offenders = []
    for app in ("agreements", "indicators", "meetings", "samverkan"):
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or relative == Path("samverkan/models.py"):
                continue
            if SPELLED_OUT.search(path.read_text(encoding="utf-8")):
                offenders.append(str(relative))
    assert offenders == []
    assert SPELLED_OUT.search("(user.Role.OFFICIAL, user.Role.SECTION_CHIEF)")
    assert SPELLED_OUT.search("(\n    user.Role.OFFICIAL,\n    user.Role.SECTION_CHIEF,\n)")
