"""The Järfälla agreement of seed 004 (three signatories, two for the municipality) and
helpers that take an agreement through signing."""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from agreements.models import Agreement, Appendix, Signature, SignedDocument
from agreements.signing import agreement_send_for_signature, agreement_sign
from tests.factories import (
    DEMO_PASSWORD,
    AgreementFactory,
    AgreementTargetGroupFactory,
    DecisionFactory,
    EmploymentServiceFactory,
    PartyFactory,
    SectionChiefFactory,
    SignatoryFactory,
    TargetGroupFactory,
    UserFactory,
)

JARFALLA_TITLE = (
    "Överenskommelse om samverkan mellan Järfälla kommun och Arbetsförmedlingen för att "
    "påskynda individers etablering i arbetslivet och förbättra kompetensförsörjningen"
)
JARFALLA_DNR = "Af-2022/0116 1568"
SECTION_TEXT = {
    "text_parties": "",
    "text_purpose": (
        "Att genom samverkan påskynda individers etablering i arbetslivet med utgångspunkt i "
        "regionala och lokala rekryteringsbehov för att främja kompetensförsörjning och "
        "tillväxt.\n\nSamverkan ska ske om de individer som för sin etablering i arbetslivet "
        "bedöms ha behov av stöd, insatser och samordnade processer från både kommun och "
        "Arbetsförmedlingen.\n\nSamverkan ska ske om insatser och stöd till de arbetsgivare som "
        "bedöms ha svårt att rekrytera eller vill bredda sin rekryteringsbas."
    ),
    "text_target_groups": "Överenskommelsen omfattar följande målgrupper.",
    "text_goals": (
        "Mål: Enskildas möjlighet till egen försörjning ska öka\n\n"
        "Personer som uppbär försörjningsstöd ska minska som andel av befolkningen.\n\n"
        "Mål: Arbetslösheten ska minska\n\n"
        "- Antal arbetssökande män och kvinnor som övergår till arbete ska öka.\n"
        "- Antal långtidsarbetslösa (>12 mån) ska minska.\n"
        "- Antal utomeuropeiskt födda personer i lång långtidsarbetslöshet ska minska."
    ),
    "text_organisation": (
        "Styrgrupp\n\nDen strategiska samverkan leds av en styrgrupp bestående av enhetschef "
        "från Arbetsförmedlingen Stockholm Nordväst, områdeschef socialförvaltningen, rektor "
        "kommunal vuxenutbildning och enhetschef arbetsmarknadsenheten.\n\n"
        "Styrgruppen träffas 4 ggr/år, eller oftare om behov finns. Arbetsförmedlingen är "
        "sammankallande."
    ),
    "text_operations": (
        "Rutinbeskrivningar för det operativa arbetet tas fram för följande områden:\n"
        "- Arbetssökande med behov av utbildning/studier\n"
        "- Arbetssökande som uppbär ekonomiskt bistånd\n"
        "- Jobbspår\n- Subventionerade anställningar"
    ),
    "text_followup": "Måluppfyllelse följs upp i samband med styrgruppens möten.",
    "text_duration": (
        "Överenskommelsen gäller fr.o.m. 2023-01-01 och tillsvidare.\n\n"
        "Samverkansöverenskommelsen ses över vid årets sista styrgruppsmöte och revideras då "
        "vid behov."
    ),
    "text_signatures": "",
}


class Jarfalla:
    """Järfälla kommun and Af Stockholm Nordväst, their users and the draft agreement."""

    def __init__(self):
        self.kommun = PartyFactory(
            name="Järfälla kommun", organisation_number="212000-0043", municipality_code="0123"
        )
        self.af = EmploymentServiceFactory(
            name="Arbetsförmedlingen Stockholm Nordväst", organisation_number="202100-2114"
        )
        self.carina = UserFactory(
            username="carina", first_name="Carina", last_name="Karlsson", party=self.kommun
        )
        self.jenny = UserFactory(
            username="jenny", first_name="Jenny", last_name="Wilhelmsson", party=self.kommun
        )
        self.jan = SectionChiefFactory(
            username="jan", first_name="Jan", last_name="Karlsson", party=self.af
        )
        self.official = UserFactory(username="jarfalla-handlaggare", party=self.kommun)
        self.agreement = AgreementFactory(
            title=JARFALLA_TITLE,
            diarienummer=JARFALLA_DNR,
            document_date=datetime.date(2022, 12, 12),
            valid_from=datetime.date(2023, 1, 1),
            review_rule="Vid årets sista styrgruppsmöte",
            parties=[self.kommun, self.af],
            **SECTION_TEXT,
        )
        for index, name in enumerate(
            ["Arbetssökande som uppbär ekonomiskt bistånd", "Långtidsarbetslösa"]
        ):
            AgreementTargetGroupFactory(
                agreement=self.agreement,
                target_group=TargetGroupFactory(name=name),
                position=index,
                description="Gruppen är heterogen och består av både kvinnor och män.",
            )
        for number, title in enumerate(
            [
                "Arbetssökande med behov av utbildning (vuxenutbildning)",
                "Arbetssökande som uppbär ekonomiskt bistånd (socialförvaltningen, AME)",
                "Jobbspår (AME)",
            ],
            start=1,
        ):
            Appendix.objects.create(
                agreement=self.agreement,
                number=number,
                title=title,
                state_note="Upprättas Q 1, 2023",
            )
        DecisionFactory(agreement=self.agreement, party=self.kommun)
        self.sign_jan = SignatoryFactory(
            agreement=self.agreement,
            party=self.af,
            name="Jan Karlsson",
            title="Enhetschef",
            user=self.jan,
            position=1,
        )
        self.sign_carina = SignatoryFactory(
            agreement=self.agreement,
            party=self.kommun,
            name="Carina Karlsson",
            title="Utbildnings- och arbetsmarknadsdirektör",
            user=self.carina,
            position=2,
        )
        self.sign_jenny = SignatoryFactory(
            agreement=self.agreement,
            party=self.kommun,
            name="Jenny Wilhelmsson",
            title="Socialdirektör",
            user=self.jenny,
            position=3,
        )
        self.signatories = [
            (self.sign_jan, self.jan),
            (self.sign_carina, self.carina),
            (self.sign_jenny, self.jenny),
        ]

    def send(self, sent_at=None):
        return agreement_send_for_signature(
            agreement=self.agreement, user=self.official, sent_at=sent_at
        )

    def sign_all(self, version):
        for signatory, user in self.signatories:
            agreement_sign(version=version, signatory=signatory, user=user, password=DEMO_PASSWORD)
        self.agreement.refresh_from_db()
        return SignedDocument.objects.get(version=version)


def signed_agreement_with_fake_pdf(parties, signer_user=None) -> Agreement:
    """A fully signed agreement whose stored 'PDF' is a few bytes: for access tests that do
    not look at the PDF and should not spend seconds rendering one."""
    from agreements.signing.versions import version_freeze

    agreement = AgreementFactory(parties=parties)
    signatory = SignatoryFactory(agreement=agreement, party=parties[0], user=signer_user)
    version = version_freeze(agreement=agreement, user=None)
    now = timezone.now()
    Signature.objects.create(
        version=version,
        signatory=signatory,
        name=signatory.name,
        title=signatory.title,
        party_name=signatory.party.name,
        method=Signature.Method.PAPER,
        signed_at=now,
        signed_on=timezone.localdate(now),
    )
    content = b"%PDF-1.7\n% test\n"
    document = SignedDocument(version=version, signed_at=now, signed_on=timezone.localdate(now))
    document.file.save("test.pdf", ContentFile(content), save=False)
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.status = SignedDocument.Status.READY
    document.save()
    Agreement.objects.filter(pk=agreement.pk).update(
        status=Agreement.Status.IN_FORCE, version_in_force=version
    )
    agreement.refresh_from_db()
    return agreement
