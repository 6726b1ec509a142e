from agreements.models import SignedDocument
from agreements.pdf import render_signed_pdf


def test_smoke(jarfalla, django_capture_on_commit_callbacks):
    version = jarfalla.send()
    with django_capture_on_commit_callbacks(execute=True):
        doc = jarfalla.sign_all(version)
    doc.refresh_from_db()
    assert doc.status == SignedDocument.Status.READY, doc.error
    stored = doc.file.read()
    open("/tmp/signed.pdf", "wb").write(stored)
    again = render_signed_pdf(doc)
    open("/tmp/signed2.pdf", "wb").write(again)
    assert again == stored


def test_verify(jarfalla, django_capture_on_commit_callbacks, tmp_path):
    from django.core.management import call_command

    version = jarfalla.send()
    with django_capture_on_commit_callbacks(execute=True):
        doc = jarfalla.sign_all(version)
    doc.refresh_from_db()
    data = doc.file.read()
    f = tmp_path / "a.pdf"
    f.write_bytes(data)
    call_command("verify_signed_pdf", str(f))
    changed = bytearray(data)
    changed[len(data) // 3] ^= 0x01
    f.write_bytes(bytes(changed))
    call_command("verify_signed_pdf", str(f))
