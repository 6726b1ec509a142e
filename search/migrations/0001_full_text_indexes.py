"""GIN indexes on the full-text vectors the search filters by (PostgreSQL only).

Each index is the very expression ``search.services.Search.queryset`` builds for a kind
without related text (``SearchVector(*kind.fields, config="swedish")``), so the planner can
use it instead of vectorising every visible row on each search. The kinds with related text
(agreements with their target groups, goals with their indicators) vectorise a subquery per
row and cannot be indexed this way. ``tests/search/test_indexes.py`` checks that every
index here is the one its kind's search uses, so a changed field list fails the suite.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "swedish"
# (app, model, index name, the kind's fields: title field first, then the body fields)
INDEXED = (
    ("indicators", "Indicator", "search_indicator_gin", ("name", "source_note", "baseline_label")),
    ("meetings", "Group", "search_group_gin", ("name", "description", "mandate")),
    ("meetings", "Meeting", "search_meeting_gin", ("location", "agenda", "minutes", "decisions")),
    (
        "meetings",
        "JobTrack",
        "search_jobtrack_gin",
        (
            "name",
            "employer",
            "occupational_area",
            "training_provider",
            "training",
            "employment_from",
            "employment_note",
            "workplace_note",
        ),
    ),
    ("agreements", "Appendix", "search_appendix_gin", ("title", "text", "state_note")),
)


def _indexes(apps):
    for app, model, name, fields in INDEXED:
        yield apps.get_model(app, model), GinIndex(SearchVector(*fields, config=CONFIG), name=name)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite (make run) searches with icontains
    for model, index in _indexes(apps):
        schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0014_merge_20261207_1356"),
        ("indicators", "0008_kolada_kpi_metadata"),
        ("meetings", "0006_merge_20261207_1356"),
    ]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
