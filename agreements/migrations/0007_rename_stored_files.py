"""Give files stored before 0006 generated, unguessable names (appendix files, scans of paper
signatures, signed PDFs). The bytes are not touched, so every signed PDF keeps its SHA-256."""

from django.db import migrations

from samverkan.files import rename_to_generated

FIELDS = (
    ("Appendix", "HistoricalAppendix", "file", "appendices"),
    ("Signature", None, "scan", "signatures"),
    ("SignedDocument", None, "file", "signed"),
)


def rename_files(apps, schema_editor):
    for model_name, history_name, field_name, folder in FIELDS:
        moved = rename_to_generated(apps.get_model("agreements", model_name), field_name, folder)
        if history_name:
            history = apps.get_model("agreements", history_name)
            for old, new in moved.items():
                history.objects.filter(**{field_name: old}).update(**{field_name: new})


class Migration(migrations.Migration):
    dependencies = [("agreements", "0006_private_file_names_and_date_range")]

    operations = [migrations.RunPython(rename_files, migrations.RunPython.noop, elidable=True)]
