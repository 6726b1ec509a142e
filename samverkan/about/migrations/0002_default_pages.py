"""The three pages about the portal with their first text; administrators edit them later."""

from django.db import migrations


def create_pages(apps, schema_editor):
    from samverkan.about.defaults import PAGES

    InfoPage = apps.get_model("about", "InfoPage")
    for slug, title, body in PAGES:
        InfoPage.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("about", "0001_initial")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
