"""A PostgreSQL trigger that refuses any change to a frozen version's content, and its
deletion, even from raw SQL or queryset.update() that bypass AgreementVersion.save()."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION agreements_version_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'agreement versions are immutable (delete refused)';
    END IF;
    IF NEW.snapshot::text IS DISTINCT FROM OLD.snapshot::text
       OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
       OR NEW.number IS DISTINCT FROM OLD.number
       OR NEW.agreement_id IS DISTINCT FROM OLD.agreement_id
       OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'agreement versions are immutable (update refused)';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS agreements_version_immutable ON agreements_agreementversion;
CREATE TRIGGER agreements_version_immutable
    BEFORE UPDATE OR DELETE ON agreements_agreementversion
    FOR EACH ROW EXECUTE FUNCTION agreements_version_immutable();
"""

DROP = """
DROP TRIGGER IF EXISTS agreements_version_immutable ON agreements_agreementversion;
DROP FUNCTION IF EXISTS agreements_version_immutable();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0003_versions_and_signatures")]

    operations = [migrations.RunPython(forwards, backwards)]
