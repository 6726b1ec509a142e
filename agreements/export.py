"""Streaming all signed PDFs as one ZIP with a manifest, in constant memory.

The ZIP is written into a small buffer that is drained after every chunk, so neither the PDFs
nor the archive are ever held whole in memory: peak memory depends on the chunk size, not on
the number of files. PDFs are already compressed, so entries are stored, not deflated.
"""

import csv
import io
import json
import zipfile

from django.db.models import Prefetch
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.utils import timezone
from django.utils.text import slugify

from samverkan.spreadsheets import safe_dict

from .models import Signature, SignedDocument

CHUNK = 64 * 1024
ITERATOR_CHUNK = 20
MANIFEST_FIELDS = (
    "agreement_id",
    "agreement",
    "version",
    "diarienummer",
    "parties",
    "signatures",
    "signed_on",
    "sealed_at",
    "sha256",
    "verification_code",
    "file",
)


def export_queryset(*, municipality=None, status=None, year=None):
    documents = SignedDocument.objects.filter(status=SignedDocument.Status.READY)
    if municipality is not None:
        documents = documents.filter(version__agreement__parties=municipality)
    if status:
        documents = documents.filter(version__agreement__status=status)
    if year:
        documents = documents.filter(signed_on__year=year)
    # Only the few fields the manifest needs come out of the (large) snapshot, in SQL.
    return (
        documents.select_related("version")
        .defer("version__snapshot")
        .annotate(
            export_title=KeyTextTransform("title", KeyTransform("agreement", "version__snapshot")),
            export_diarienummer=KeyTextTransform(
                "diarienummer", KeyTransform("agreement", "version__snapshot")
            ),
            export_parties=KeyTransform("parties", "version__snapshot"),
        )
        .order_by("pk")
    )


def _in_pages(documents, size: int = ITERATOR_CHUNK):
    """Keyset pagination: one small query per page, so no cursor or cache holds all rows."""
    last = 0
    while True:
        page = list(documents.filter(pk__gt=last).order_by("pk")[:size])
        if not page:
            return
        last = page[-1].pk
        for document in page:
            yield document
            _release(document)


def _release(document) -> None:
    """Break the reference cycles a model instance forms with its FieldFile and prefetch
    caches, so it is freed at once instead of waiting for the cyclic garbage collector."""
    document.__dict__.pop("file", None)
    version = document.__dict__.get("_state").fields_cache.get("version")
    if version is not None:
        version.__dict__.pop("_prefetched_objects_cache", None)
        version._state.fields_cache.clear()
    document._state.fields_cache.clear()


def archive_name(document) -> str:
    version = document.version
    title = getattr(document, "export_title", None)
    if title is None:
        title = version.snapshot.get("agreement", {}).get("title", "")
    slug = slugify(title)[:50] or "overenskommelse"
    return f"{version.agreement_id:05d}-{slug}-v{version.number}.pdf"


class _Sink(io.RawIOBase):
    """A write-only, non-seekable stream that keeps only what has not been drained yet."""

    def __init__(self):
        super().__init__()
        self._chunks: list[bytes] = []
        self._position = 0

    def writable(self):
        return True

    def seekable(self):
        return False

    def write(self, data):
        self._chunks.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self):
        return self._position

    def drain(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def _zip_time(moment):
    local = timezone.localtime(moment)
    return (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)


def manifest_rows(documents):
    for document in documents:
        version = document.version
        parties = document.export_parties
        if isinstance(parties, str):  # databases without native JSON return text
            parties = json.loads(parties)
        yield {
            "agreement_id": version.agreement_id,
            "agreement": document.export_title or "",
            "version": version.number,
            "diarienummer": document.export_diarienummer or "",
            "parties": "; ".join(p["name"] for p in parties or []),
            "signatures": "; ".join(
                f"{s.name} ({s.party_name}) {s.signed_on.isoformat()}"
                for s in version.signatures.all()
            ),
            # Signed by all on the last signature's date; sealed when the portal had them all.
            "signed_on": document.signed_on.isoformat(),
            "sealed_at": timezone.localtime(document.signed_at).isoformat(timespec="seconds"),
            "sha256": document.sha256,
            "verification_code": document.verification_code,
            "file": archive_name(document),
        }


def stream_zip(documents, chunk_size: int = CHUNK):
    """Yield the bytes of a ZIP with manifest.csv and every document's PDF."""
    documents = documents.prefetch_related(
        Prefetch(
            "version__signatures",
            queryset=Signature.objects.order_by("signed_on", "signed_at", "pk"),
        )
    )
    sink = _Sink()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        info = zipfile.ZipInfo("manifest.csv", date_time=_zip_time(timezone.now()))
        with archive.open(info, mode="w") as entry:
            text = io.TextIOWrapper(entry, encoding="utf-8-sig", newline="")
            writer = csv.DictWriter(text, fieldnames=MANIFEST_FIELDS)
            writer.writeheader()
            for row in manifest_rows(_in_pages(documents)):
                writer.writerow(safe_dict(row))
                text.flush()
                if sink.tell():
                    yield sink.drain()
            text.flush()
            text.detach()
        yield sink.drain()
        for document in _in_pages(documents):
            info = zipfile.ZipInfo(archive_name(document), date_time=_zip_time(document.signed_at))
            info.compress_type = zipfile.ZIP_STORED
            with (
                archive.open(info, mode="w", force_zip64=True) as entry,
                document.file.open("rb") as source,
            ):
                while block := source.read(chunk_size):
                    entry.write(block)
                    yield sink.drain()
            yield sink.drain()
    yield sink.drain()
