"""Rendering Django templates to PDF with WeasyPrint, for every app (the signed agreement,
the half-year follow-up report).

The renderer reads nothing but the project's own static files: the URL fetcher serves files
under the static directories from disk and refuses everything else (other files, http(s),
data: URLs), so text typed into the portal can never make the renderer read /etc/passwd or
call out to the network. Rendering is deterministic: the same template and context give the
same bytes, because the document's dates come from the caller and the PDF identifier is a
digest of the content.
"""

import logging
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

MIME_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


class ResourceRefused(ValueError):
    """The renderer asked for something outside the project's static files."""


def static_roots() -> list[Path]:
    roots = [Path(d).resolve() for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def static_base_url() -> str:
    """Templates write relative URLs ("fonts/DejaVuSans.ttf"); they resolve against this."""
    return static_roots()[0].as_uri() + "/"


class StaticOnlyURLFetcher(URLFetcher):
    """Serves file:// URLs inside the static directories; refuses everything else.

    ``requested`` records every URL the renderer asked for, so tests can prove that it asked
    for nothing outside static.
    """

    def __init__(self, roots=None):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.roots = roots if roots is not None else static_roots()
        self.requested: list[str] = []
        self.refused: list[str] = []

    def path_for(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ResourceRefused(f"refused non-static resource {url[:200]!r}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise ResourceRefused(f"refused file outside static {url[:200]!r}")
        if path.suffix.lower() not in MIME_TYPES or not path.is_file():
            raise ResourceRefused(f"refused unknown static resource {url[:200]!r}")
        return path

    def fetch(self, url, headers=None):
        self.requested.append(url)
        try:
            path = self.path_for(url)
        except ResourceRefused:
            self.refused.append(url)
            logger.warning("PDF renderer refused %s", url[:200])
            raise
        return URLFetcherResponse(
            path.as_uri(),
            body=path.read_bytes(),
            headers={"Content-Type": MIME_TYPES[path.suffix.lower()]},
        )


def _w3c(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def render_html(template_name: str, context: dict) -> str:
    return render_to_string(template_name, context)


def render_pdf(
    template_name: str,
    context: dict,
    *,
    created: datetime,
    modified: datetime | None = None,
    pdf_variant: str | None = "pdf/a-3b",
    url_fetcher: StaticOnlyURLFetcher | None = None,
) -> bytes:
    """Render a template to PDF bytes (PDF/A-3b by default).

    ``created``/``modified`` become the document's metadata dates: pass a time that belongs
    to the document (the signing time, the report's submission), never now(), so that
    rendering again gives the same bytes. The template's <head> gets them as
    ``pdf_created``/``pdf_modified`` (see templates/pdf/base.html).
    """
    fetcher = url_fetcher or StaticOnlyURLFetcher()
    html = render_html(
        template_name,
        {
            **context,
            "pdf_created": _w3c(created),
            "pdf_modified": _w3c(modified or created),
        },
    )
    document = HTML(string=html, base_url=static_base_url(), url_fetcher=fetcher).render()
    return document.write_pdf(
        pdf_variant=pdf_variant,
        pdf_identifier=None,  # PDF/A: WeasyPrint derives it from the content (deterministic)
        uncompressed_pdf=False,
    )
