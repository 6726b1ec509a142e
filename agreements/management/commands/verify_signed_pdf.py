"""Tell which agreement and version a signed PDF is, and whether it is unaltered."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agreements.signing.verification import verify_pdf_bytes


class Command(BaseCommand):
    help = (
        "Kontrollerar en undertecknad PDF: vilken överenskommelse och version den är, om dess "
        "SHA-256 stämmer med den lagrade och om portalens sigill är obrutet."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Sökväg till PDF-filen")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen finns inte: {path}")
        result = verify_pdf_bytes(path.read_bytes())
        out = self.stdout.write
        out(f"Fil: {path}")
        out(f"SHA-256 (filen): {result.sha256}")
        document = result.document
        if document is None:
            out("Dokument: okänt – filen motsvarar ingen undertecknad PDF i portalen")
        else:
            version = document.version
            agreement = version.snapshot.get("agreement", {})
            out(f"Överenskommelse: {agreement.get('title', '')} (id {version.agreement_id})")
            out(f"Diarienummer: {agreement.get('diarienummer') or '–'}")
            out(f"Version: {version.number}")
            out(f"Kontrollkod: {document.verification_code}")
            out(f"SHA-256 (lagrad): {document.sha256}")
            out(
                "Kontrollsumma: "
                + ("stämmer" if result.hash_matches else "STÄMMER INTE – filen är ändrad")
            )
        seal = result.seal
        if not seal.present:
            out("Sigill: saknas")
        elif seal.ok:
            out(f"Sigill: obrutet och giltigt ({seal.signer}, {seal.signing_time:%Y-%m-%d %H:%M})")
        else:
            detail = "brutet" if not seal.intact else "inte betrott eller täcker inte hela filen"
            out(f"Sigill: {detail.upper()}" + (f" ({seal.error})" if seal.error else ""))
        if result.ok:
            self.stdout.write(self.style.SUCCESS("Resultat: äkta och oförändrad"))
            return
        raise CommandError("Resultat: filen är ändrad eller okänd")
