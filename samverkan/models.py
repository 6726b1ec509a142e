"""The core: organisations (parties) and the people who log in for them."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import (
    municipality_code_for_name,
    municipality_name,
    normalize_organisation_number,
    validate_municipality_code,
)


class Party(models.Model):
    """An organisation that can be party to agreements: a municipality, an
    Arbetsförmedlingen unit or another body such as a samordningsförbund."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "kommun", _("Kommun")
        EMPLOYMENT_SERVICE = "af", _("Arbetsförmedlingen")
        OTHER = "other", _("Annan organisation")

    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200, unique=True)
    organisation_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        help_text=_("Tio siffror, till exempel 212000-0043."),
    )
    municipality_code = models.CharField(
        _("kommunkod"),
        max_length=4,
        blank=True,
        validators=[validate_municipality_code],
        help_text=_(
            "Bara för kommuner: SCB:s fyrsiffriga kommunkod, till exempel 0117 för Österåker."
        ),
    )
    email = models.EmailField(_("e-post"), blank=True)
    # Single sign-on (samverkan/sso.py): accounts are created from a login only when asked for,
    # and only for the e-mail domains the organisation owns.
    sso_create_accounts = models.BooleanField(
        _("skapa konton vid inloggning med organisationens inloggning"),
        default=False,
        help_text=_(
            "Om den är ikryssad får den som loggar in med organisationens inloggning och har en "
            "bekräftad e-postadress i någon av domänerna nedan ett konto automatiskt."
        ),
    )
    sso_email_domains = models.CharField(
        _("organisationens e-postdomäner"),
        max_length=500,
        blank=True,
        help_text=_(
            "Domänerna organisationen äger, åtskilda med kommatecken, till exempel taby.se."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            # One organisation per municipality: Kolada figures and statistics are keyed by it.
            models.UniqueConstraint(
                fields=["municipality_code"],
                condition=~models.Q(municipality_code=""),
                name="party_municipality_code_once",
                violation_error_message=_("Kommunkoden används redan av en annan organisation."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def municipality_name(self) -> str | None:
        """The short name SCB gives this organisation's kommunkod (``Österåker``)."""
        return municipality_name(self.municipality_code)

    def clean(self):
        errors = {}
        try:
            self.organisation_number = normalize_organisation_number(self.organisation_number)
        except ValidationError as exc:
            errors["organisation_number"] = exc.messages
        errors.update(self._municipality_code_errors())
        self.sso_email_domains = ", ".join(self.email_domains)
        if self.sso_create_accounts and not self.sso_email_domains:
            errors["sso_email_domains"] = [
                _("Ange minst en e-postdomän om konton ska skapas vid inloggning.")
            ]
        for domain in self.email_domains:
            if "." not in domain or "@" in domain or " " in domain:
                errors.setdefault("sso_email_domains", []).append(
                    _("%(domain)s är ingen e-postdomän. Skriv till exempel taby.se.")
                    % {"domain": domain}
                )
        if errors:
            raise ValidationError(errors)

    def _municipality_code_errors(self) -> dict:
        code = self.municipality_code
        named = municipality_code_for_name(self.name)
        if self.kind != self.Kind.MUNICIPALITY:
            if code:
                return {"municipality_code": [_("Bara kommuner har en kommunkod.")]}
            return {}
        if not code:
            if getattr(self, "_municipality_code_refused", False):
                return {}  # the field already says what is wrong with what was typed
            message = _("En kommun måste ha en kommunkod.")
            if named:
                message = _("En kommun måste ha en kommunkod. %(name)s har kommunkod %(code)s.") % {
                    "name": municipality_name(named),
                    "code": named,
                }
            return {"municipality_code": [message]}
        if municipality_name(code) is None:
            return {}  # the field validator reports an unknown code
        if named and named != code:
            return {
                "municipality_code": [
                    _(
                        "Kommunkod %(code)s är %(code_name)s, men organisationen heter "
                        "%(name)s. %(named_name)s har kommunkod %(named)s."
                    )
                    % {
                        "code": code,
                        "code_name": municipality_name(code),
                        "name": self.name,
                        "named_name": municipality_name(named),
                        "named": named,
                    }
                ]
            }
        holder = Party.objects.filter(municipality_code=code).exclude(pk=self.pk).first()
        if holder is not None:
            return {
                "municipality_code": [
                    _("Kommunkod %(code)s (%(code_name)s) används redan av %(holder)s.")
                    % {"code": code, "code_name": municipality_name(code), "holder": holder}
                ]
            }
        return {}

    @property
    def email_domains(self) -> list[str]:
        """The e-mail domains the organisation owns (``sso_email_domains``), in lower case."""
        parts = self.sso_email_domains.replace(";", ",").split(",")
        return [d.strip().lower().lstrip("@") for d in parts if d.strip()]

    @property
    def is_municipality(self):
        return self.kind == self.Kind.MUNICIPALITY

    @property
    def is_employment_service(self):
        return self.kind == self.Kind.EMPLOYMENT_SERVICE


class User(AbstractUser):
    """A person who logs in. Belongs to one organisation and has one role there."""

    class Role(models.TextChoices):
        OFFICIAL = "official", _("Kommunhandläggare")
        SECTION_CHIEF = "section_chief", _("Sektionschef, Arbetsförmedlingen")
        ADMIN = "admin", _("Administratör")
        # Invites and manages the users of their own organisation; reads what it is party to.
        ORG_ADMIN = "org_admin", _("Organisationsadministratör")

    # Roles that write what their organisation is party to (see may_write).
    WRITER_ROLES = (Role.OFFICIAL, Role.SECTION_CHIEF)

    party = models.ForeignKey(
        Party,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.OFFICIAL)
    title = models.CharField(_("titel"), max_length=200, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["username"]

    def __str__(self):
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        # Administrators manage everything in the Django admin; the role is the one switch,
        # so taking it away also takes the admin rights away.
        if self._state.adding and self.is_superuser:
            self.role = self.Role.ADMIN  # manage.py createsuperuser
        is_admin = self.role == self.Role.ADMIN
        if is_admin or self.is_staff:
            self.is_staff = is_admin
            self.is_superuser = is_admin
        super().save(*args, **kwargs)

    @property
    def is_portal_admin(self) -> bool:
        return self.is_active and (self.role == self.Role.ADMIN or self.is_superuser)

    @property
    def is_section_chief(self) -> bool:
        return self.role == self.Role.SECTION_CHIEF

    @property
    def is_org_admin(self) -> bool:
        return self.is_active and self.role == self.Role.ORG_ADMIN and self.party_id is not None

    @property
    def is_official(self) -> bool:
        return self.role == self.Role.OFFICIAL

    @property
    def may_write(self) -> bool:
        """The one "may write" rule: officials and section chiefs (who still write only in
        what their organisation is party to) and administrators create and edit; other
        roles only read."""
        return self.is_portal_admin or self.role in self.WRITER_ROLES


class FormSubmission(models.Model):
    """One sending of a create form, by its one-time key: a form sent twice (a double click,
    a reload, back and send again) creates once and leads to what the first sending created."""

    key = models.UUIDField(_("formulärnyckel"), unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("skickat"), auto_now_add=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True)
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("skickat formulär")
        verbose_name_plural = _("skickade formulär")

    def __str__(self):
        return str(self.key)


class SealCertificate(models.Model):
    """The public part of a certificate the portal has sealed signed PDFs with.

    Recorded the first time the certificate seals, and never deleted: a seal stays verifiable
    after the portal's certificate is replaced, because verification trusts every certificate
    recorded here (see samverkan/seal.py).
    """

    fingerprint = models.CharField(_("SHA-256-fingeravtryck"), max_length=64, unique=True)
    subject = models.CharField(_("innehavare"), max_length=500)
    pem = models.TextField(_("certifikat (PEM)"))
    first_used_at = models.DateTimeField(_("första användning"), auto_now_add=True)

    class Meta:
        verbose_name = _("sigillcertifikat")
        verbose_name_plural = _("sigillcertifikat")
        ordering = ["first_used_at"]

    def __str__(self):
        return self.subject
