"""A participant and what they bring: languages, skills, occupations, qualifications, credentials, goals.

Contact details and right-to-work status are encrypted at rest. A person's `__str__` is their
reference, never their name, so that logs and audit entries do not copy names around.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assetlink.encryption import EncryptedTextField, blind_index
from assetlink.taxonomy.models import CefrLevel, EqfLevel


class RightToWork(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    SETTLED = "settled", _("Settled or permanent status")
    WORK_VISA = "work_visa", _("Visa with the right to work")
    REFUGEE = "refugee", _("Refugee status")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker (work restricted)")
    PENDING = "pending", _("Decision pending")
    NONE = "none", _("No right to work")
    UNKNOWN = "unknown", _("Not known")


class Availability(models.TextChoices):
    NOW = "now", _("Available now")
    MONTH = "month", _("Within a month")
    QUARTER = "quarter", _("Within three months")
    LATER = "later", _("Not yet")


class RegisteredVia(models.TextChoices):
    STAFF = "staff", _("Registered by partner staff")
    SELF = "self", _("Self-registration")
    IMPORT = "import", _("Imported")
    DEMO = "demo", _("Demo data")


class Person(models.Model):
    """A resident taking part in a programme; personal data held under their consent."""

    # Fields that are personal data and never copied into the audit trail in clear.
    PERSONAL_FIELDS = ("given_name", "family_name")

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="people", verbose_name=_("programme")
    )
    reference = models.CharField(_("reference"), max_length=20)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("account"),
    )
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    email = EncryptedTextField(_("email address"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    postcode = EncryptedTextField(_("postcode"), blank=True)
    area = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("area"),
    )
    right_to_work = EncryptedTextField(_("right to work"), blank=True, choices=RightToWork.choices)
    # The status can be filtered on without decrypting it: a blind index, kept by save().
    right_to_work_index = models.CharField(max_length=32, blank=True, editable=False, db_index=True)
    right_to_work_expires = EncryptedTextField(_("right to work ends"), blank=True, help_text=_("YYYY-MM-DD"))
    availability = models.CharField(
        _("availability"), max_length=10, choices=Availability.choices, default=Availability.NOW
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week wanted"), null=True, blank=True, validators=[MaxValueValidator(80)]
    )
    max_commute_km = models.PositiveSmallIntegerField(
        _("furthest travel to work (km)"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    registered_via = models.CharField(_("registered"), max_length=10, choices=RegisteredVia.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registering_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registered_people",
        verbose_name=_("registering organisation"),
    )
    created_at = models.DateTimeField(_("registered on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    erasure_requested_at = models.DateTimeField(_("erasure requested"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "reference"], name="person_reference_per_programme"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.right_to_work_index = blind_index("right_to_work", self.right_to_work or "")
        fields = kwargs.get("update_fields")
        if fields is not None and "right_to_work" in fields:
            kwargs["update_fields"] = {*fields, "right_to_work_index"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        if self.erased_at:
            return str(_("Erased person"))
        return " ".join(part for part in (self.given_name, self.family_name) if part) or self.reference


class ConsentPurpose(models.TextChoices):
    MATCHING = "matching", _("Matching with opportunities")
    SHARING = "sharing", _("Sharing with a named organisation")
    REFERRAL = "referral", _("Referral to a named organisation, showing it only the parts agreed")
    RESEARCH = "research", _("Community research")
    CONTACT = "contact", _("Being contacted about opportunities")


# Purposes whose consent names one organisation.
ORGANISATION_PURPOSES = frozenset({ConsentPurpose.SHARING, ConsentPurpose.REFERRAL})


class RecordPart(models.TextChoices):
    """Parts of a person's record that a referral consent may let the receiving organisation see."""

    NAME = "name", _("Name")
    CONTACT = "contact", _("Contact details")
    AREA = "area", _("Neighbourhood")
    LANGUAGES = "languages", _("Languages")
    SKILLS = "skills", _("Skills and work experience")
    QUALIFICATIONS = "qualifications", _("Qualifications and credentials")
    RIGHT_TO_WORK = "right_to_work", _("Right to work")
    AVAILABILITY = "availability", _("Availability, hours and travel")
    GOALS = "goals", _("Goals")


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Signed form")
    VERBAL = "verbal", _("Verbal, recorded by staff")
    ONLINE = "online", _("Online form")
    SELF_SERVICE = "self_service", _("By the person in assetlink")
    IMPORT = "import", _("Imported with a record of consent")


class Consent(models.Model):
    """One decision of a person about one purpose: the history is kept, the latest decision counts."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    purpose = models.CharField(_("purpose"), max_length=10, choices=ConsentPurpose.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("For sharing or referral: the organisation the person agrees to share with"),
    )
    parts = models.JSONField(
        _("parts of the record"),
        default=list,
        blank=True,
        help_text=_("For referral: the parts of the record the organisation may see"),
    )
    given = models.BooleanField(_("given"))
    method = models.CharField(_("how"), max_length=14, choices=ConsentMethod.choices)
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        blank=True,
        help_text=_(
            "What records the decision when staff enter it for the person: a signed form, a recorded call…"
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(purpose__in=["sharing", "referral"], organisation__isnull=False)
                | (~models.Q(purpose__in=["sharing", "referral"]) & models.Q(organisation__isnull=True)),
                name="consent_sharing_names_an_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.purpose} {'+' if self.given else '-'}"


class ConsentState(models.Model):
    """The decision in force for one person, purpose and (for sharing) organisation; kept by the services."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consent_states")
    purpose = models.CharField(max_length=10, choices=ConsentPurpose.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    parts = models.JSONField(default=list, blank=True)
    given = models.BooleanField()
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "purpose", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="consent_state_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["person", "purpose"],
                condition=models.Q(organisation__isnull=True),
                name="consent_state_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.purpose} {self.given}"

    @property
    def part_labels(self) -> list[str]:
        return [str(RecordPart(part).label) for part in self.parts if part in RecordPart.values]


class LanguageSkill(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="languages", verbose_name=_("person")
    )
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639-1 code, e.g. en, es, ar"))
    level = models.CharField(_("level"), max_length=6, choices=CefrLevel.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["person", "language"], name="person_language_once")]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


class SkillLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    EXPERT = "expert", _("Expert")


class Evidence(models.TextChoices):
    SELF_DECLARED = "self", _("Self-declared")
    WORK_HISTORY = "work", _("Work history")
    ASSESSED = "assessed", _("Assessed by a partner")
    CERTIFICATE = "certificate", _("Certificate")


class PersonSkill(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="skills", verbose_name=_("person")
    )
    skill = models.ForeignKey(
        "taxonomy.EscoConcept", on_delete=models.PROTECT, related_name="+", verbose_name=_("skill")
    )
    level = models.CharField(
        _("level"), max_length=12, choices=SkillLevel.choices, default=SkillLevel.INTERMEDIATE
    )
    evidence = models.CharField(
        _("evidence"), max_length=12, choices=Evidence.choices, default=Evidence.SELF_DECLARED
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [models.UniqueConstraint(fields=["person", "skill"], name="person_skill_once")]

    def __str__(self) -> str:
        return str(self.skill)


class OccupationHeld(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="occupations", verbose_name=_("person")
    )
    occupation = models.ForeignKey(
        "taxonomy.EscoConcept", on_delete=models.PROTECT, related_name="+", verbose_name=_("occupation")
    )
    years = models.DecimalField(
        _("years"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(60)]
    )
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code"))

    class Meta:
        verbose_name = _("occupation held")
        verbose_name_plural = _("occupations held")

    def __str__(self) -> str:
        return str(self.occupation)


class RecognitionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    RECOGNISED = "recognised", _("Recognised")
    PARTIAL = "partial", _("Partly recognised")
    REFUSED = "refused", _("Not recognised")


class Qualification(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="qualifications", verbose_name=_("person")
    )
    title = models.CharField(_("title"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    awarding_country = models.CharField(
        _("awarding country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code")
    )
    eqf_level = models.PositiveSmallIntegerField(
        _("EQF level"), choices=EqfLevel.choices, null=True, blank=True
    )
    year_awarded = models.PositiveSmallIntegerField(
        _("year awarded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )
    recognition_status = models.CharField(
        _("recognition"),
        max_length=12,
        choices=RecognitionStatus.choices,
        default=RecognitionStatus.NOT_STARTED,
    )
    recognition_reference = models.CharField(
        _("recognition reference"), max_length=100, blank=True, help_text=_("e.g. an ENIC statement number")
    )

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self) -> str:
        return self.title


class CredentialKind(models.TextChoices):
    PROFESSIONAL_REGISTRATION = "registration", _("Professional registration")
    LICENSING_EXAM = "licensing_exam", _("Licensing exam")
    LANGUAGE_TEST = "language_test", _("Language test")
    BACKGROUND_CHECK = "background_check", _("Background check")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")


class CredentialStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("Applied or booked")
    HELD = "held", _("Held or passed")
    FAILED = "failed", _("Not passed")
    EXPIRED = "expired", _("Expired")


class Credential(models.Model):
    """A typed holding that is not a skill: e.g. NMC registration, IELTS 7.0, PLAB 1, enhanced DBS check."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="credentials", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CredentialKind.choices)
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("e.g. NMC registration, GMC licence, IELTS Academic, OET, PLAB 1"),
    )
    issuer = models.CharField(
        _("issuer"), max_length=100, blank=True, help_text=_("e.g. NMC, GMC, HCPC, GPhC, DBS")
    )
    status = models.CharField(_("status"), max_length=12, choices=CredentialStatus.choices)
    number = EncryptedTextField(_("number"), blank=True, help_text=_("Registration or certificate number"))
    score = models.CharField(
        _("score"), max_length=60, blank=True, help_text=_("For tests: overall score or grade, e.g. 7.0 or B")
    )
    obtained_on = models.DateField(_("date obtained or taken"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Aspiration(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="aspirations", verbose_name=_("person")
    )
    occupation = models.ForeignKey(
        "taxonomy.EscoConcept",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("target occupation"),
    )

    class Meta:
        verbose_name = _("aspiration")
        verbose_name_plural = _("aspirations")
        constraints = [
            models.UniqueConstraint(fields=["person", "occupation"], name="person_aspiration_once")
        ]

    def __str__(self) -> str:
        return str(self.occupation)


class SavedSearch(models.Model):
    """A user's named set of filters on the participants list (the query string of the list)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("user"),
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filters"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "programme", "name"], name="saved_search_name_per_user"),
        ]

    def __str__(self) -> str:
        return self.name
