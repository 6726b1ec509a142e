"""GIN indexes for the kinds with related text (PostgreSQL only): the agreement's and the
goal's own fields, and each related field on its own (a target group's heading and
description, an indicator's name). ``Search._narrowed`` finds the rows with each word
through these before the whole vector (own and related text) is computed for the rest.
``tests/search/test_indexes.py`` checks that the search uses each of them.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "swedish"
AGREEMENT_FIELDS = (
    "title",
    "diarienummer",
    "summary",
    "text_parties",
    "text_purpose",
    "text_target_groups",
    "text_goals",
    "text_organisation",
    "text_operations",
    "text_followup",
    "text_duration",
    "text_signatures",
)
# (app, model, index name, fields)
INDEXED = (
    ("agreements", "Agreement", "search_agreement_gin", AGREEMENT_FIELDS),
    ("agreements", "AgreementTargetGroup", "search_targetgroup_head_gin", ("heading",)),
    ("agreements", "AgreementTargetGroup", "search_targetgroup_desc_gin", ("description",)),
    ("indicators", "Goal", "search_goal_gin", ("title", "description")),
    ("indicators", "Indicator", "search_indicator_name_gin", ("name",)),
)


def _indexes(apps):
    for app, model, name, fields in INDEXED:
        yield apps.get_model(app, model), GinIndex(SearchVector(*fields, config=CONFIG), name=name)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in _indexes(apps):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_full_text_indexes")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
