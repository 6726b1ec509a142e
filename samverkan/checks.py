"""System checks for production settings (``manage.py check --deploy``)."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def seal_certificate_check(app_configs, **kwargs):
    """Signed PDFs are sealed with the portal's certificate: production must have one."""
    path = settings.SIGNING_CERT_PATH
    if not path or not Path(path).is_file():
        return [
            Error(
                f"The seal certificate SIGNING_CERT_PATH={path!r} does not exist.",
                hint="Set SIGNING_CERT_PATH and SIGNING_CERT_PASSWORD to the portal's PKCS#12 "
                "file; signed PDFs cannot be made without it.",
                id="samverkan.E001",
            )
        ]
    return []
