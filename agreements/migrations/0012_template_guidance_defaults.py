"""The national template's guidance as it stands by default (agreements.guidance)."""

from django.db import migrations

from agreements.guidance import guidance_defaults_ensure


def forwards(apps, schema_editor):
    guidance_defaults_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0011_template_guidance")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
