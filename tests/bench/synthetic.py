"""Synthetic people and opportunities over the real ESCO feature space, built straight into the sparse
matrices the batch uses (Python objects for a million people would measure the generator, not matching).

Occupations are drawn with a Zipf-like skew; a person's skills come mostly from the skills associated
with their occupation, as in a real register; opportunities are built through `SoftModel` itself."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from assetlink.engine.batch import FeatureSpace
from assetlink.engine.scoring import FULL_EXPERIENCE_YEARS, OpportunityProfile, SoftModel
from assetlink.engine.taxonomy import Taxonomy


@dataclass
class Universe:
    space: FeatureSpace
    occupations: list[str]
    skills: list[str]
    occupation_skills: list[np.ndarray]  # per occupation: skill positions
    neighbour_columns: dict[str, list[np.ndarray]]  # per prefix o/x/a: per occupation, feature columns
    neighbour_values: list[np.ndarray]
    skill_columns: np.ndarray
    group_columns: np.ndarray  # per skill: column of its group, -1 if none


def universe(taxonomy: Taxonomy) -> Universe:
    skills = [taxonomy.concepts[i].uri for i in taxonomy.of_kind["skill"]]
    occupations = [taxonomy.concepts[i].uri for i in taxonomy.of_kind["occupation"]]
    space = FeatureSpace()
    skill_columns = np.array([space.column(("s", uri)) for uri in skills])
    group_columns = np.array(
        [space.column(("g", group)) if (group := taxonomy.skill_group(uri)) else -1 for uri in skills]
    )
    position = {uri: i for i, uri in enumerate(skills)}
    neighbour_columns: dict[str, list[np.ndarray]] = {"o": [], "x": [], "a": []}
    neighbour_values = []
    occupation_skills = []
    for uri in occupations:
        near = taxonomy.occupation_neighbours(uri)
        for prefix in neighbour_columns:
            neighbour_columns[prefix].append(np.array([space.column((prefix, other)) for other, _ in near]))
        neighbour_values.append(np.array([value for _, value in near], dtype=np.float32))
        own = [position[skill] for skill, _ in taxonomy.occupation_skills(uri) if skill in position]
        occupation_skills.append(np.array(own or [0]))
    return Universe(
        space,
        occupations,
        skills,
        occupation_skills,
        neighbour_columns,
        neighbour_values,
        skill_columns,
        group_columns,
    )


def _zipf_choice(rng: np.random.Generator, size: int, count: int) -> np.ndarray:
    weights = 1.0 / np.arange(1, size + 1) ** 0.9
    order = rng.permutation(size)
    return order[rng.choice(size, count, p=weights / weights.sum())]


def people_matrix(world: Universe, count: int, seed: int = 1) -> sparse.csr_matrix:
    rng = np.random.default_rng(seed)
    width = len(world.space.columns)
    occupation = _zipf_choice(rng, len(world.occupations), count)
    years = rng.uniform(0, 15, count).astype(np.float32)
    aspires = rng.random(count) < 0.5
    blocks = []
    # Built by chunks to keep the temporary lists small.
    for start in range(0, count, 50_000):
        rows, cols, vals = [], [], []
        for i in range(start, min(start + 50_000, count)):
            own = world.occupation_skills[occupation[i]]
            picked = rng.choice(own, size=min(len(own), int(rng.integers(3, 9))), replace=False)
            if rng.random() < 0.5:
                picked = np.append(picked, rng.integers(0, len(world.skills)))
            picked = np.unique(picked)
            groups = np.unique(world.group_columns[picked])
            groups = groups[groups >= 0]
            near_values = world.neighbour_values[occupation[i]]
            experience = min(float(years[i]), FULL_EXPERIENCE_YEARS) / FULL_EXPERIENCE_YEARS
            parts_cols = [
                world.skill_columns[picked],
                groups,
                world.neighbour_columns["o"][occupation[i]],
                world.neighbour_columns["x"][occupation[i]],
            ]
            parts_vals = [
                np.full(len(picked), 0.5, np.float32),
                np.full(len(groups), 0.5, np.float32),
                near_values,
                near_values * experience,
            ]
            if aspires[i]:
                parts_cols.append(world.neighbour_columns["a"][occupation[i]])
                parts_vals.append(near_values)
            columns = np.concatenate(parts_cols)
            rows.append(np.full(len(columns), i - start))
            cols.append(columns)
            vals.append(np.concatenate(parts_vals))
        blocks.append(
            sparse.csr_matrix(
                (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                shape=(min(start + 50_000, count) - start, width),
            )
        )
    return sparse.vstack(blocks, format="csr")


def opportunities_matrix(world: Universe, model: SoftModel, count: int, seed: int = 2) -> sparse.csr_matrix:
    rng = np.random.default_rng(seed)
    occupation = _zipf_choice(rng, len(world.occupations), count)
    rows = []
    for i in range(count):
        own = world.occupation_skills[occupation[i]]
        picked = rng.choice(own, size=min(len(own), int(rng.integers(3, 8))), replace=False)
        cut = int(rng.integers(2, 5))
        profile = OpportunityProfile(
            key=str(i),
            occupation=world.occupations[occupation[i]],
            essential_skills=tuple(world.skills[s] for s in picked[:cut]),
            optional_skills=tuple(world.skills[s] for s in picked[cut:]),
        )
        merged: dict[tuple[str, str], float] = {}
        for weights in model.opportunity_weights(profile).values():
            for feature, weight in weights.items():
                merged[feature] = merged.get(feature, 0.0) + weight
        rows.append(merged)
    return world.space.matrix(rows, grow=False)
