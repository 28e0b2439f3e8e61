"""ESCO concepts with their labels in several languages, the skills hierarchy, and level scales."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConceptKind(models.TextChoices):
    SKILL = "skill", _("Skill")
    OCCUPATION = "occupation", _("Occupation")
    ISCO_GROUP = "isco_group", _("ISCO-08 group")


class EscoConcept(models.Model):
    """An ESCO skill or occupation (or ISCO-08 group), identified by its ESCO URI."""

    uri = models.CharField(_("ESCO URI"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=ConceptKind.choices, db_index=True)
    preferred_label = models.CharField(_("preferred label"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    isco_code = models.CharField(_("ISCO-08 code"), max_length=6, blank=True)
    group_codes = models.JSONField(_("skill groups"), default=list, blank=True)

    class Meta:
        verbose_name = _("ESCO concept")
        verbose_name_plural = _("ESCO concepts")
        ordering = ["preferred_label"]

    def __str__(self) -> str:
        return self.preferred_label


class EscoLabel(models.Model):
    """A preferred or alternative label of a concept in one language, with a form normalised for search."""

    concept = models.ForeignKey(EscoConcept, on_delete=models.CASCADE, related_name="labels")
    language = models.CharField(_("language"), max_length=8)
    text = models.CharField(_("label"), max_length=500)
    search_text = models.CharField(max_length=500, db_index=True)
    is_preferred = models.BooleanField(_("preferred"), default=False)

    class Meta:
        verbose_name = _("ESCO label")
        verbose_name_plural = _("ESCO labels")
        indexes = [models.Index(fields=["language", "search_text"], name="esco_label_language_search")]

    def __str__(self) -> str:
        return self.text


class SkillGroup(models.Model):
    """A group of the ESCO skills hierarchy, e.g. S4.5 "leading and motivating"."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    label = models.CharField(_("label"), max_length=300)

    class Meta:
        verbose_name = _("skill group")
        verbose_name_plural = _("skill groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class OccupationSkill(models.Model):
    """ESCO's relation between an occupation and one of its essential or optional skills."""

    occupation = models.ForeignKey(EscoConcept, on_delete=models.CASCADE, related_name="skill_relations")
    skill = models.ForeignKey(EscoConcept, on_delete=models.CASCADE, related_name="occupation_relations")
    is_essential = models.BooleanField(_("essential"))

    class Meta:
        verbose_name = _("occupation skill")
        verbose_name_plural = _("occupation skills")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="occupation_skill_once"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} → {self.skill_id}"


class CefrLevel(models.TextChoices):
    """Common European Framework of Reference for Languages levels."""

    A1 = "A1", _("A1 beginner")
    A2 = "A2", _("A2 elementary")
    B1 = "B1", _("B1 intermediate")
    B2 = "B2", _("B2 upper intermediate")
    C1 = "C1", _("C1 advanced")
    C2 = "C2", _("C2 proficient")
    NATIVE = "native", _("First language")


CEFR_ORDER = {level.value: rank for rank, level in enumerate(CefrLevel, start=1)}


class EqfLevel(models.IntegerChoices):
    """European Qualifications Framework levels."""

    LEVEL_1 = 1, _("EQF 1 (basic general knowledge)")
    LEVEL_2 = 2, _("EQF 2")
    LEVEL_3 = 3, _("EQF 3")
    LEVEL_4 = 4, _("EQF 4 (upper secondary)")
    LEVEL_5 = 5, _("EQF 5 (short-cycle tertiary)")
    LEVEL_6 = 6, _("EQF 6 (bachelor's)")
    LEVEL_7 = 7, _("EQF 7 (master's)")
    LEVEL_8 = 8, _("EQF 8 (doctorate)")
