"""ESCO in memory: label index, fuzzy and semantic lookup, skill relatedness, occupation proximity and
the skills associated with each occupation; and the text-to-concept functions built on them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from assetlink.engine.concepts import ScoredConcept, SkillMention
from assetlink.engine.embeddings import Embedder, Vectors, cached_passages
from assetlink.engine.esco_sources import EscoRecord, EscoRelation
from assetlink.engine.lexicon import english_variants
from assetlink.engine.text import normalise

# e5 similarities of short texts sit between ~0.75 (unrelated) and 1.0 (same meaning): these bounds map
# them onto 0..1 before they are combined with lexical evidence.
SEMANTIC_FLOOR = 0.80
SEMANTIC_CEILING = 0.95
# Two occupations closer than this (cosine of their labels' embeddings) count as neighbours.
OCCUPATION_NEIGHBOUR_FLOOR = 0.86
OCCUPATION_NEIGHBOURS = 12
# Weights of the evidence for a concept: exact label (or phrase), fuzzy label similarity, meaning.
LOOKUP_WEIGHTS = (0.40, 0.35, 0.25)
LOOKUP_WEIGHTS_WITHOUT_ENGLISH = (0.40, 0.0, 0.60)
# An exact match with a phrase cut from a run of alternative labels is weaker than a whole label.
PHRASE_EVIDENCE = 0.85
# Skills derived for an occupation when no ESCO relation is loaded, and the similarity they need.
DERIVED_SKILLS_PER_OCCUPATION = 25
DERIVED_SKILL_FLOOR = 0.84

_WORD = re.compile(r"[\w+#]+(?:[-'’.][\w+#]+)*", re.UNICODE)
# Words of job-ad titles that say seniority, contract or gender form rather than the occupation.
TITLE_NOISE = frozenset(
    {
        "senior",
        "junior",
        "lead",
        "principal",
        "trainee",
        "assistant to",
        "deputy",
        "locum",
        "bank",
        "temporary",
        "part-time",
        "full-time",
        "fixed-term",
        "permanent",
        "interim",
        "mid-level",
        "graduate",
        "apprentice",
        "sr",
        "jr",
        "ii",
        "iii",
        "iv",
    }
)
STOPWORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "for",
        "to",
        "with",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "be",
        "we",
        "you",
        "our",
        "your",
        "will",
        "this",
        "that",
        "de",
        "del",
        "la",
        "el",
        "los",
        "las",
        "y",
        "o",
        "en",
        "para",
        "con",
        "por",
        "un",
        "una",
    }
)


def label_key(text: str) -> str:
    """The form labels are indexed in: normalised (case, accents, spacing) and without punctuation."""
    return " ".join(_WORD.findall(normalise(text).replace("/", " / ")))


def title_variants(title: str) -> list[str]:
    """Forms of a job-ad title worth looking up: as written, before a dash or bracket, without a trailing
    "in …" (the specialty), without seniority words, and with Spanish gender endings reduced."""
    text = re.sub(r"(\w)/(a|as|os|ora|ras)\b", r"\1", title, flags=re.IGNORECASE)
    variants = [text]
    head = re.split(r"\s[-–—|:]\s|\(|,", text)[0].strip()
    if head and head != text:
        variants.append(head)
    for variant in list(variants):
        without_field = re.split(r"\s(?:in|of|for|en|de)\s", variant, maxsplit=1)[0]
        if without_field != variant:
            variants.append(without_field)
    for variant in list(variants):
        words = [
            word for word in label_key(variant).split() if word not in TITLE_NOISE and not word.isdigit()
        ]
        if words and words[0] == "band":
            words = words[1:]
        if words:
            variants.append(" ".join(words))
    seen: dict[str, None] = {}
    for variant in variants:
        key = label_key(variant)
        if key:
            seen.setdefault(key, None)
    return list(seen)


JOINING_WORDS = frozenset({"of", "and", "for", "in", "on", "to", "with", "&", "de", "y"})


def run_segments(run: str, heads: set[str]) -> list[str]:
    """Pieces of a run of alternative labels longer than six words, cut after head words (see
    `Taxonomy._phrases_of_runs`); shorter texts are whole labels and give no pieces."""
    words = run.split()
    if len(words) <= 6:
        return []
    segments, current = [], []
    for index, word in enumerate(words):
        current.append(word)
        following = words[index + 1] if index + 1 < len(words) else ""
        if word in heads and following not in JOINING_WORDS and following not in heads:
            segments.append(" ".join(current))
            current = []
    if current:
        segments.append(" ".join(current))
    return [segment for segment in segments if len(segment.split()) <= 6]


@dataclass(frozen=True, slots=True)
class ConceptRow:
    """What the taxonomy keeps of one concept."""

    uri: str
    kind: str
    label: str
    group_codes: tuple[str, ...]


class Taxonomy:
    """ESCO skills and occupations in memory, with the indexes matching needs.

    Labels are embedded once (preferred labels only; cached on disk by `cached_passages`); without an
    embedder or a cached file, lookup is lexical only and the relatedness falls back to the hierarchy.
    """

    def __init__(
        self,
        records: Iterable[EscoRecord],
        relations: Iterable[EscoRelation] = (),
        *,
        embedder: Embedder | None = None,
        compute_embeddings: bool = True,
    ) -> None:
        self.concepts: list[ConceptRow] = []
        self.position: dict[str, int] = {}
        labels: dict[str, list[tuple[str, bool]]] = {"skill": [], "occupation": []}
        owners: dict[str, list[int]] = {"skill": [], "occupation": []}
        self.exact: dict[str, dict[str, list[int]]] = {
            "skill": defaultdict(list),
            "occupation": defaultdict(list),
        }
        for record in records:
            if record.kind not in ("skill", "occupation") or record.uri in self.position:
                continue
            index = len(self.concepts)
            self.position[record.uri] = index
            self.concepts.append(
                ConceptRow(record.uri, record.kind, record.preferred_label, tuple(record.group_codes))
            )
            for text, is_preferred in (
                (record.preferred_label, True),
                *((alternative, False) for alternative in record.alternative_labels),
            ):
                key = label_key(text)
                if not key:
                    continue
                labels[record.kind].append((key, is_preferred))
                owners[record.kind].append(index)
                if index not in self.exact[record.kind][key]:
                    self.exact[record.kind][key].append(index)
        self.phrases = {kind: self._phrases_of_runs(kind) for kind in ("skill", "occupation")}
        self.label_texts = {kind: [text for text, _ in pairs] for kind, pairs in labels.items()}
        self.label_is_preferred = {kind: [flag for _, flag in pairs] for kind, pairs in labels.items()}
        self.label_owner = owners
        self.of_kind = {
            kind: np.array([i for i, row in enumerate(self.concepts) if row.kind == kind], dtype=np.int64)
            for kind in ("skill", "occupation")
        }
        self.embedder = embedder
        self.vectors: dict[str, Vectors | None] = {"skill": None, "occupation": None}
        if embedder is not None:
            for kind in ("skill", "occupation"):
                texts = [self.concepts[i].label for i in self.of_kind[kind]]
                self.vectors[kind] = cached_passages(texts, embedder, compute=compute_embeddings)
        self.primary_group = {
            index: next((code for code in row.group_codes if code.count(".") == 2), "")
            for index, row in enumerate(self.concepts)
            if row.kind == "skill"
        }
        self.relations: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for relation in relations:
            self.relations[relation.occupation_uri].append((relation.skill_uri, relation.is_essential))
        self._neighbours: dict[str, list[tuple[str, float]]] | None = None

    def _phrases_of_runs(self, kind: str) -> dict[str, list[int]]:
        """Labels recovered from alternative labels of more than six words: the packaged occupations keep
        all alternative labels as one unseparated run ("practice nurse learning disability nurse
        community staff nurse …"). The run is cut after each head word (the last word of some label of
        this kind) unless a joining word follows; each piece, and its endings of two words or more
        ("staff nurse"), is indexed."""
        heads = {key.split()[-1] for key in self.exact[kind] if key}
        phrases: dict[str, list[int]] = defaultdict(list)
        for key, owners in self.exact[kind].items():
            for segment in run_segments(key, heads):
                words = segment.split()
                for start in range(0, max(1, len(words) - 1)):
                    phrase = " ".join(words[start:])
                    for owner in owners:
                        if owner not in phrases[phrase]:
                            phrases[phrase].append(owner)
        return dict(phrases)

    # --- lookups ---------------------------------------------------------------------------------------

    def __contains__(self, uri: object) -> bool:
        return uri in self.position

    def label(self, uri: str) -> str:
        return self.concepts[self.position[uri]].label if uri in self.position else uri

    def skill_group(self, uri: str) -> str:
        """The skill's level-3 group of the ESCO skills hierarchy ("S4.5.0"), or "" when it has none."""
        index = self.position.get(uri)
        return self.primary_group.get(index, "") if index is not None else ""

    @property
    def has_embeddings(self) -> bool:
        return self.vectors["occupation"] is not None and self.vectors["skill"] is not None

    def _semantic(self, kind: str, query: Vectors, k: int) -> list[tuple[int, float]]:
        vectors = self.vectors[kind]
        if vectors is None:
            return []
        similarities = vectors @ query
        top = np.argpartition(-similarities, min(k, len(similarities) - 1))[:k]
        return [(int(self.of_kind[kind][i]), float(similarities[i])) for i in top]

    def _lexical(self, kind: str, text: str, k: int) -> list[tuple[int, float]]:
        found = process.extract(text, self.label_texts[kind], scorer=fuzz.WRatio, limit=k * 3)
        best: dict[int, float] = {}
        for _label, score, label_index in found:
            owner = self.label_owner[kind][label_index]
            weight = 1.0 if self.label_is_preferred[kind][label_index] else 0.97
            best[owner] = max(best.get(owner, 0.0), score / 100.0 * weight)
        return sorted(best.items(), key=lambda item: -item[1])[:k]

    def lookup(self, kind: str, text: str, lang: str = "en", k: int = 5) -> list[ScoredConcept]:
        """The k concepts of a kind most likely meant by a short text (a title, a skill phrase)."""
        written = title_variants(text) if kind == "occupation" else [label_key(text)]
        # Variants known to be English (ESCO's labels here are English): as written when the text is,
        # and whatever the job-ad lexicon makes of each variant.
        english = list(written) if lang == "en" else []
        for variant in written:
            english.extend(label_key(form) for form in english_variants(variant, lang))
        english = list(dict.fromkeys(form for form in english if form))
        if not written:
            return []
        scores: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for variant in dict.fromkeys([*written, *english]):
            for index in self.exact[kind].get(variant, ()):
                scores[index][0] = 1.0
            for index in self.phrases[kind].get(variant, ()):
                scores[index][0] = max(scores[index][0], PHRASE_EVIDENCE)
        for variant in english:
            for index, value in self._lexical(kind, variant, 30):
                scores[index][1] = max(scores[index][1], value)
        if self.embedder is not None and self.vectors[kind] is not None:
            for variant in list(dict.fromkeys([*written[:2], *english[-2:]])):
                query = self.embedder.query(variant)
                for index, similarity in self._semantic(kind, query, 30):
                    scaled = (similarity - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR)
                    scores[index][2] = max(scores[index][2], min(1.0, max(0.0, scaled)))
        weights = LOOKUP_WEIGHTS if english else LOOKUP_WEIGHTS_WITHOUT_ENGLISH
        combined = [
            (index, sum(weight * value for weight, value in zip(weights, evidence, strict=True)))
            for index, evidence in scores.items()
        ]
        combined.sort(key=lambda item: (-item[1], self.concepts[item[0]].label))
        return [
            ScoredConcept(self.concepts[index].uri, self.concepts[index].label, round(min(1.0, score), 4))
            for index, score in combined[:k]
        ]

    # --- relatedness -----------------------------------------------------------------------------------

    def occupation_neighbours(self, uri: str) -> list[tuple[str, float]]:
        """Occupations close to this one, with a proximity between 0 and 1 (itself first, at 1)."""
        if self._neighbours is None:
            self._neighbours = self._build_neighbours()
        return self._neighbours.get(uri, [(uri, 1.0)])

    def _build_neighbours(self) -> dict[str, list[tuple[str, float]]]:
        vectors = self.vectors["occupation"]
        indices = self.of_kind["occupation"]
        result: dict[str, list[tuple[str, float]]] = {}
        if vectors is None:
            return {self.concepts[i].uri: [(self.concepts[i].uri, 1.0)] for i in indices}
        for start in range(0, len(indices), 512):
            block = vectors[start : start + 512] @ vectors.T
            top = np.argsort(-block, axis=1)[:, : OCCUPATION_NEIGHBOURS + 1]
            for row, columns in enumerate(top):
                own = self.concepts[indices[start + row]].uri
                near = [(own, 1.0)]
                for column in columns:
                    similarity = float(block[row, column])
                    other = self.concepts[indices[column]].uri
                    if other != own and similarity >= OCCUPATION_NEIGHBOUR_FLOOR:
                        proximity = (
                            0.9 * (similarity - OCCUPATION_NEIGHBOUR_FLOOR) / (1 - OCCUPATION_NEIGHBOUR_FLOOR)
                        )
                        near.append((other, round(0.3 + proximity * 0.6, 3)))
                result[own] = near
        return result

    def occupation_skills(self, uri: str) -> list[tuple[str, bool]]:
        """Skills of an occupation: ESCO's relations where loaded, otherwise derived from the embeddings of
        the occupation's and the skills' labels (the nearest skills, none marked essential)."""
        if uri in self.relations:
            return self.relations[uri]
        vectors, skills = self.vectors["occupation"], self.vectors["skill"]
        index = self.position.get(uri)
        if vectors is None or skills is None or index is None:
            return []
        row = int(np.searchsorted(self.of_kind["occupation"], index))
        similarities = skills @ vectors[row]
        top = np.argsort(-similarities)[:DERIVED_SKILLS_PER_OCCUPATION]
        return [
            (self.concepts[self.of_kind["skill"][i]].uri, False)
            for i in top
            if similarities[i] >= DERIVED_SKILL_FLOOR
        ]

    def skill_relatedness(self, first: str, second: str) -> float:
        """1 for the same skill, 0.5 for skills of the same level-3 group of the hierarchy, else 0."""
        if first == second:
            return 1.0
        group = self.skill_group(first)
        return 0.5 if group and group == self.skill_group(second) else 0.0

    # --- text → concepts ---------------------------------------------------------------------------------

    def classify_occupation(self, title: str, lang: str = "en", k: int = 5) -> list[ScoredConcept]:
        return self.lookup("occupation", title, lang, k)

    def extract_skills(self, text: str, lang: str = "en") -> list[SkillMention]:
        """Skills named in a text: exact labels (preferred or alternative) of up to six words, then, for
        clauses with none, the nearest skill by meaning when it is close enough."""
        tokens = [(match.group(0), match.start(), match.end()) for match in _WORD.finditer(text)]
        mentions: list[SkillMention] = []
        taken = np.zeros(len(text) + 1, dtype=bool)
        folded = [label_key(token) for token, _, _ in tokens]
        for size in range(6, 0, -1):
            for start in range(0, len(tokens) - size + 1):
                words = folded[start : start + size]
                if size == 1 and (len(words[0]) < 3 or words[0] in STOPWORDS):
                    continue
                if words[0] in STOPWORDS or words[-1] in STOPWORDS:
                    continue
                found = self.exact["skill"].get(" ".join(words))
                if not found:
                    continue
                begin, end = tokens[start][1], tokens[start + size - 1][2]
                if taken[begin:end].any():
                    continue
                taken[begin:end] = True
                concept = self.concepts[found[0]]
                is_preferred = label_key(concept.label) == " ".join(words)
                mentions.append(
                    SkillMention(concept.uri, concept.label, 1.0 if is_preferred else 0.95, begin, end)
                )
        if self.embedder is not None and self.vectors["skill"] is not None:
            for begin, end in _clauses(text):
                if taken[begin:end].any() or len(_WORD.findall(text[begin:end])) < 2:
                    continue
                clause = text[begin:end].strip()
                query = self.embedder.query(clause)
                best = self._semantic("skill", query, 1)
                if not best:
                    continue
                index, similarity = best[0]
                lexical = fuzz.token_set_ratio(label_key(clause), label_key(self.concepts[index].label)) / 100
                threshold = 0.90 if lang == "en" else 0.87
                if similarity >= threshold and (lang != "en" or lexical >= 0.5):
                    concept = self.concepts[index]
                    score = round(
                        min(0.9, (similarity - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR)), 4
                    )
                    offset = text.index(clause, begin)
                    mentions.append(
                        SkillMention(concept.uri, concept.label, score, offset, offset + len(clause))
                    )
        unique: dict[str, SkillMention] = {}
        for mention in sorted(mentions, key=lambda m: (-m.score, m.start)):
            unique.setdefault(mention.uri, mention)
        return sorted(unique.values(), key=lambda m: m.start)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of a text between punctuation, line breaks and bullet marks."""
    spans, start = [], 0
    for match in re.finditer(r"[.;:,•\n\r()\u2022]|\s-\s|\band\b|\by\b", text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]
