"""The good-practice catalogue: practices with their texts in several languages and their results (typed
in, or live from a programme's indicators), the themes they are filed under, the networks of cities that
share practices, events with their sessions and registrations, subscriptions by theme, and the people
who edit and review the catalogue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assetlink.encryption import EncryptedTextField

# The text search configuration of each language PostgreSQL knows; others are searched word for word.
SEARCH_CONFIGS = {"en": "english", "es": "spanish", "fr": "french", "de": "german", "it": "italian"}
TEXT_FIELDS = ("title", "subtitle", "summary", "solution", "partnership", "impact", "why_transfer")


class Theme(models.Model):
    """A theme of the catalogue's managed list (social cohesion, local economy, jobs and skills…)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    names = models.JSONField(_("names"), default=dict, help_text=_("The theme's name by language code"))

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.names.get("en") or self.code


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("Awaiting review")
    PUBLISHED = "published", _("Published")


class Practice(models.Model):
    """A good practice: where it runs, what it is about, and its texts (see PracticeText)."""

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code"))
    city_population = models.PositiveIntegerField(_("city population"), null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="practices", verbose_name=_("themes"))
    label_date = models.DateField(_("labelled on"), null=True, blank=True)
    original_language = models.CharField(_("original language"), max_length=8, default="en")
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    in_partnership_with = models.CharField(_("in partnership with"), max_length=500, blank=True)
    results_programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_practices",
        verbose_name=_("programme whose indicators give live results"),
    )
    result_indicators = models.JSONField(_("indicators shown live"), default=list, blank=True)
    adapted_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
        verbose_name=_("adapted from"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class PracticeText(models.Model):
    """A practice's texts in one language."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=200)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    solution = models.TextField(_("the solution"), max_length=8000, blank=True)
    partnership = models.TextField(_("the partnership"), max_length=4000, blank=True)
    impact = models.TextField(_("impact and results"), max_length=6000, blank=True)
    why_transfer = models.TextField(_("why transfer it"), max_length=4000, blank=True)
    # The PostgreSQL text search configuration of the language, kept with the text so a search stems each
    # language as its own.
    search_config = models.CharField(max_length=20, default="simple")

    class Meta:
        verbose_name = _("practice text")
        verbose_name_plural = _("practice texts")
        ordering = ["practice", "language"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "language"], name="practice_text_once_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class TypedResult(models.Model):
    """A result of a practice as its city reports it (“85 residents trained as community researchers”)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="typed_results")
    value = models.CharField(_("figure"), max_length=40)
    labels = models.JSONField(_("what it counts"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("typed-in result")
        verbose_name_plural = _("typed-in results")
        ordering = ["practice", "position", "pk"]

    def __str__(self) -> str:
        return self.value


class NetworkKind(models.TextChoices):
    ACTION_PLANNING = "action_planning", _("Action planning network")
    IMPLEMENTATION = "implementation", _("Implementation network")
    TRANSFER = "transfer", _("Transfer network")


class NetworkStatus(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class Network(models.Model):
    """A network of cities working together on a theme for a period."""

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=NetworkKind.choices)
    theme = models.ForeignKey(
        Theme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="networks",
        verbose_name=_("theme"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=NetworkStatus.choices)
    descriptions = models.JSONField(_("description"), default=dict, blank=True)
    outputs = models.JSONField(_("outputs"), default=dict, blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")
    TRANSFERRING = "transferring", _("Transferring city (good practice)")


class NetworkPartner(models.Model):
    """A city in a network, with its role and the practice it brings."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="partners")
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2)
    role = models.CharField(
        _("role"), max_length=12, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    practice = models.ForeignKey(
        Practice, null=True, blank=True, on_delete=models.SET_NULL, related_name="networks"
    )

    class Meta:
        verbose_name = _("network partner")
        verbose_name_plural = _("network partners")
        ordering = ["network", "role", "city"]

    def __str__(self) -> str:
        return f"{self.city} ({self.network})"


class Event(models.Model):
    """An event of the catalogue (a conference, a transfer meeting) with its programme of sessions."""

    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    titles = models.JSONField(_("title"), default=dict)
    descriptions = models.JSONField(_("description"), default=dict, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2)
    network = models.ForeignKey(
        Network,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("network"),
    )
    capacity = models.PositiveIntegerField(_("places"))
    registration_open = models.BooleanField(_("registration open"), default=True)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "slug"]

    def __str__(self) -> str:
        return self.titles.get("en") or self.slug


class EventSession(models.Model):
    """A session of an event's programme."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    titles = models.JSONField(_("title"), default=dict)
    room = models.CharField(_("room"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event", "starts_at", "pk"]

    def __str__(self) -> str:
        return self.titles.get("en", "")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A place at an event, or a place on its waiting list; the e-mail address is kept encrypted."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = EncryptedTextField(_("e-mail"))
    email_index = models.CharField(max_length=64)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_index"],
                condition=~models.Q(status="cancelled"),
                name="registration_once_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.status}"


class Subscription(models.Model):
    """Someone who asked to hear by e-mail of practices published under some themes (confirmed first)."""

    email = EncryptedTextField(_("e-mail"))
    email_index = models.CharField(max_length=64, unique=True)
    themes = models.ManyToManyField(Theme, related_name="subscriptions", verbose_name=_("themes"))
    language = models.CharField(_("language"), max_length=8, default="en")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self) -> str:
        return f"subscription {self.pk}"


class EditorRole(models.TextChoices):
    EDITOR = "editor", _("Catalogue editor")
    REVIEWER = "reviewer", _("Catalogue editor who reviews and publishes")


class CatalogueEditor(models.Model):
    """Someone who edits the catalogue; a reviewer also publishes what another editor wrote."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="catalogue_role"
    )
    role = models.CharField(_("role"), max_length=10, choices=EditorRole.choices, default=EditorRole.EDITOR)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("catalogue editor")
        verbose_name_plural = _("catalogue editors")

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class PracticeTemplate(models.Model):
    """What a city takes over when it adopts a practice: captured from the programme that runs it (work
    packages, indicators with their targets, pathways, support programmes, opportunity kinds, surveys),
    each element marked core (kept as it is) or adaptable."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="templates")
    version = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    captured_from = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("captured from"),
    )
    created_at = models.DateTimeField(_("captured"), auto_now_add=True)

    class Meta:
        verbose_name = _("practice template")
        verbose_name_plural = _("practice templates")
        ordering = ["practice", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "version"], name="practice_template_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.practice} v{self.version}"


class Adoption(models.Model):
    """A city adopting a practice: the programme made from its template, and the transfer plan around it."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="adoptions")
    template = models.ForeignKey(PracticeTemplate, on_delete=models.PROTECT, related_name="adoptions")
    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.CASCADE, related_name="adoption", verbose_name=_("programme")
    )
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=2)
    city_population = models.PositiveIntegerField(_("city population"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("adopted"), auto_now_add=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.practice} in {self.city}"


class AdoptionChange(models.Model):
    """An element of the template as the adopting city took it: kept, changed (with why) or left out."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="changes")
    section = models.CharField(_("section"), max_length=30)
    key = models.CharField(_("element"), max_length=100)
    label = models.CharField(_("what"), max_length=300)
    original = models.CharField(_("in the original"), max_length=300, blank=True)
    adapted = models.CharField(_("in this city"), max_length=300, blank=True)
    core = models.BooleanField(_("core"), default=False)
    left_out = models.BooleanField(_("left out"), default=False)
    reason = models.TextField(_("why"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("change from the original")
        verbose_name_plural = _("changes from the original")
        ordering = ["adoption", "pk"]

    def __str__(self) -> str:
        return self.label


class TransferStage(models.TextChoices):
    UNDERSTAND = "understand", _("Understand")
    ADAPT = "adapt", _("Adapt")
    REUSE = "reuse", _("Re-use")


class TransferMilestone(models.Model):
    """A milestone of the transfer plan, in one of its three stages."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="milestones")
    stage = models.CharField(_("stage"), max_length=12, choices=TransferStage.choices)
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["adoption", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class LocalGroupMember(models.Model):
    """A stakeholder of the adopting city's local group."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="local_group")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role in the group"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("local group member")
        verbose_name_plural = _("local group members")
        ordering = ["adoption", "name"]

    def __str__(self) -> str:
        return self.name
