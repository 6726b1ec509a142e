"""The search's GIN indexes (search/migrations/0001): each kind without related text is
found through the index on exactly its vector, so a search does not vectorise every row."""

import importlib

import pytest
from django.db import connection

from search.kinds import KINDS, KINDS_BY_KEY
from search.services import Search
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

INDEXES = importlib.import_module("search.migrations.0001_full_text_indexes")
INDEX_OF_KIND = {
    "indikatorer": "search_indicator_gin",
    "grupper": "search_group_gin",
    "moten": "search_meeting_gin",
    "jobbspar": "search_jobtrack_gin",
    "bilagor": "search_appendix_gin",
}


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # The test database is tiny: without this the planner rightly reads the table.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_every_kind_without_related_text_has_an_index_on_its_own_fields():
    assert {kind.key for kind in KINDS if not kind.related} == set(INDEX_OF_KIND)
    fields = {name: indexed for _app, _model, name, indexed in INDEXES.INDEXED}
    for key, index in INDEX_OF_KIND.items():
        assert fields[index] == KINDS_BY_KEY[key].fields, key


@pytest.mark.parametrize(("key", "index"), INDEX_OF_KIND.items())
def test_the_search_of_each_kind_uses_its_index(world, key, index):
    # GIVEN a meeting (so the tables are not empty) and an administrator's search
    MeetingFactory(minutes="Vi talade om arbetsmarknaden.")
    search = Search(world.admin, "arbetsmarknad")
    # THEN the planner filters the kind's rows through its GIN index
    assert f"Bitmap Index Scan on {index}" in plan(search.queryset(KINDS_BY_KEY[key]))
