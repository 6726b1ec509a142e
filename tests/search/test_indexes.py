"""The search's GIN indexes (search/migrations/0001, 0002): each kind without related text is
found through the index on exactly its vector, a kind with related text through the indexes
on its own fields and on each related field, so a search does not vectorise every row."""

import importlib

import pytest
from django.db import connection

from search.kinds import KINDS, KINDS_BY_KEY
from search.services import Search, own_vector, related_vector
from tests.indicators.factories import GoalFactory, IndicatorFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

INDEXES = importlib.import_module("search.migrations.0001_full_text_indexes")
RELATED_INDEXES = importlib.import_module("search.migrations.0002_related_text_indexes")
INDEX_OF_KIND = {
    "indikatorer": "search_indicator_gin",
    "grupper": "search_group_gin",
    "moten": "search_meeting_gin",
    "jobbspar": "search_jobtrack_gin",
    "bilagor": "search_appendix_gin",
}

# A kind with related text: the index on its own fields, then one per related field.
INDEXES_OF_RELATED_KIND = {
    "overenskommelser": (
        "search_agreement_gin",
        "search_targetgroup_head_gin",
        "search_targetgroup_desc_gin",
    ),
    "mal": ("search_goal_gin", "search_indicator_name_gin"),
}


def plan(queryset, *, bitmap_only: bool = False) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # The test database is tiny: without this the planner rightly reads the table.
        cursor.execute("SET LOCAL enable_seqscan = off")
        if bitmap_only:
            # Nor may it walk another index in order and filter: only an index that can
            # answer the condition itself is left.
            cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_every_kind_without_related_text_has_an_index_on_its_own_fields():
    assert {kind.key for kind in KINDS if not kind.related} == set(INDEX_OF_KIND)
    fields = {name: indexed for _app, _model, name, indexed in INDEXES.INDEXED}
    for key, index in INDEX_OF_KIND.items():
        assert fields[index] == KINDS_BY_KEY[key].fields, key


def matching(model, vector, search) -> str:
    """The plan of a filter on ``vector`` alone: what the index must serve (in the whole
    search the planner may, on a tiny test table, rightly prefer to join first)."""
    rows = model.objects.alias(v=vector).filter(v=search._tsquery()).order_by()
    return plan(rows, bitmap_only=True)


@pytest.mark.parametrize(("key", "index"), INDEX_OF_KIND.items())
def test_the_vector_each_kind_is_searched_by_is_served_by_its_index(world, key, index):
    # GIVEN a meeting (so the tables are not empty) and an administrator's search
    MeetingFactory(minutes="Vi talade om arbetsmarknaden.")
    search = Search(world.admin, "arbetsmarknad")
    kind = KINDS_BY_KEY[key]
    # THEN the kind's own vector, the one Search.queryset filters by, is found in its index
    model = search.queryset(kind).model
    assert f"Bitmap Index Scan on {index}" in matching(model, own_vector(kind), search)


def test_every_kind_with_related_text_has_indexes_on_its_own_and_its_related_fields():
    assert {kind.key for kind in KINDS if kind.related} == set(INDEXES_OF_RELATED_KIND)
    fields = {name: indexed for _app, _model, name, indexed in RELATED_INDEXES.INDEXED}
    for key, (own, *related) in INDEXES_OF_RELATED_KIND.items():
        kind = KINDS_BY_KEY[key]
        assert fields[own] == kind.fields, key
        assert [fields[name] for name in related] == [(r.field,) for r in kind.related], key


@pytest.mark.parametrize(("key", "indexes"), INDEXES_OF_RELATED_KIND.items())
def test_the_vectors_a_kind_with_related_text_is_narrowed_by_are_served_by_its_indexes(
    world, key, indexes
):
    search = Search(world.admin, "arbetsmarknad")
    kind = KINDS_BY_KEY[key]
    own, *related = indexes
    model = search.queryset(kind).model
    assert f"Bitmap Index Scan on {own}" in matching(model, own_vector(kind), search)
    for index, part in zip(related, kind.related, strict=True):
        assert f"Bitmap Index Scan on {index}" in matching(part.model, related_vector(part), search)
    # AND the whole search narrows through them (subplans, one per word and part)
    assert "SubPlan" in plan(search.queryset(kind))


def test_narrowing_keeps_a_hit_whose_words_are_split_over_own_and_related_text(world):
    # GIVEN a goal that says "arbete" and whose indicator says "praktikplatser"
    goal = GoalFactory(agreement=world.agreement, title="Fler i arbete")
    IndicatorFactory(goal=goal, name="Antal praktikplatser")
    GoalFactory(agreement=world.agreement, title="Fler i arbete utan indikator")
    # WHEN both words are searched for
    found = list(Search(world.official, "arbete praktikplats").queryset(KINDS_BY_KEY["mal"]))
    # THEN the goal is found (each word in one of its parts), the other goal is not
    assert found == [goal]
