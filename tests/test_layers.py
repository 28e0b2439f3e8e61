"""Imports run down the layers of docs/architecture.md, and no two apps import each other round a circle."""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
ARCHITECTURE = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"

# Lowest first. A module may import its own layer and those below it. The most specific pattern wins.
LAYERS: list[tuple[str, list[str]]] = [
    ("engine", ["assetlink.engine*"]),
    (
        "kernel",
        [
            "assetlink",
            "assetlink.events",
            "assetlink.validation",
            "assetlink.encryption",
            "assetlink.formats*",
        ],
    ),
    (
        "platform",
        [
            "assetlink.accounts*",
            "assetlink.audit*",
            "assetlink.background*",
            "assetlink.programmes*",
            "assetlink.web*",
            "assetlink.taxonomy*",
            "assetlink.exchange*",
            "assetlink.exchange.standards.hsds",
            "assetlink.organisations*",
            "assetlink.places*",
            "assetlink.impact.models*",
            "assetlink.impact.guard",
            "assetlink.impact.rules",
            "assetlink.impact.services",
        ],
    ),
    (
        "registers",
        [
            "assetlink.people*",
            "assetlink.opportunities*",
            "assetlink.exchange.standards*",
            "assetlink.places.map*",
            "assetlink.places.urls",
            "assetlink.spend*",
        ],
    ),
    ("timelines", ["assetlink.timelines*"]),
    ("impact", ["assetlink.impact*"]),
    ("workflows", ["assetlink.matching*", "assetlink.journeys*"]),
    ("research", ["assetlink.research*"]),
    ("catalogue", ["assetlink.catalogue*"]),
    (
        "assembly",
        [
            "assetlink.demo*",
            "assetlink.api",
            "assetlink.urls",
            "assetlink.cli",
            "assetlink.wsgi",
            "assetlink.settings",
        ],
    ),
]


@dataclass(frozen=True)
class Import:
    module: str
    line: int
    target: str


def layer_of(module: str) -> int:
    """The index of the module's layer: the layer whose pattern matches it most specifically."""
    best: tuple[int, int] | None = None
    for index, (_name, patterns) in enumerate(LAYERS):
        for pattern in patterns:
            if fnmatchcase(module, pattern):
                specificity = len(pattern.rstrip("*"))
                if best is None or specificity > best[0]:
                    best = (specificity, index)
    if best is None:
        raise LookupError(f"{module} is in no layer: add it to LAYERS and docs/architecture.md")
    return best[1]


def modules(root: Path) -> dict[str, Path]:
    found = {}
    for path in sorted((root / "assetlink").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        dotted = ".".join(path.relative_to(root).with_suffix("").parts)
        found[dotted.removesuffix(".__init__")] = path
    return found


def imports(root: Path) -> Iterator[Import]:
    """Every import of a project module, at any depth in the file (function-level imports count too)."""
    known = modules(root)
    for module, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # `from assetlink.audit import services` imports the module assetlink.audit.services.
                targets = [
                    f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module
                    for alias in node.names
                ]
            else:
                continue
            for target in targets:
                if target.split(".")[0] == "assetlink":
                    yield Import(module, node.lineno, target)


def upward_imports(root: Path) -> list[str]:
    problems = []
    for found in imports(root):
        own, other = layer_of(found.module), layer_of(found.target)
        if other > own:
            problems.append(
                f"{found.module}:{found.line} imports {found.target} "
                f"({LAYERS[own][0]} may not import {LAYERS[other][0]})"
            )
    return problems


def app_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def circles_between_apps(root: Path) -> list[list[str]]:
    """Strongly connected groups of modules that span more than one app."""
    graph: dict[str, set[str]] = {module: set() for module in modules(root)}
    for found in imports(root):
        if found.target in graph:
            graph[found.module].add(found.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len({app_of(member) for member in group}) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def test_every_module_has_a_layer():
    for module in modules(SOURCE):
        layer_of(module)


def test_imports_run_down_the_layers():
    assert upward_imports(SOURCE) == []


def test_no_circle_of_imports_between_apps():
    assert circles_between_apps(SOURCE) == []


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    shutil.copytree(
        SOURCE / "assetlink", tmp_path / "assetlink", ignore=shutil.ignore_patterns("static", "locale")
    )
    return tmp_path


@pytest.mark.parametrize(
    ("module", "planted"),
    [
        # The imports that ran upward before the layers were enforced.
        ("people/services.py", "from assetlink.matching.triggers import refresh_person"),
        ("organisations/views.py", "from assetlink.journeys.timeline import timeline_panel"),
        ("people/views.py", "from assetlink.timelines.views import timeline_panel"),
        ("people/erasure.py", "from assetlink.journeys.models import Note"),
        ("impact/rules.py", "from assetlink.journeys.models import Referral"),
        ("programmes/demo.py", "from assetlink.people.demo import build_people"),
        ("programmes/api.py", "from assetlink.demo import build"),
        ("engine/scoring.py", "from assetlink.people.models import Person"),
        ("places/selectors.py", "import assetlink.opportunities.services"),
    ],
)
def test_the_check_catches_a_planted_upward_import(source_copy: Path, module: str, planted: str):
    path = source_copy / "assetlink" / module
    path.write_text(path.read_text() + f"\n\ndef planted():\n    {planted}\n")
    problems = upward_imports(source_copy)
    assert len(problems) == 1
    assert problems[0].startswith(module.removesuffix(".py").replace("/", ".").join(["assetlink.", ":"]))


def test_the_check_catches_a_planted_circle_between_apps(source_copy: Path):
    # Two modules of the same layer may import each other's apps, but not round a circle.
    selectors = source_copy / "assetlink" / "places" / "selectors.py"
    selectors.write_text(selectors.read_text() + "\n\nfrom assetlink.taxonomy import in_use\n")
    in_use = source_copy / "assetlink" / "taxonomy" / "in_use.py"
    in_use.write_text(in_use.read_text() + "\n\nfrom assetlink.places import selectors\n")
    assert circles_between_apps(source_copy) == [["assetlink.places.selectors", "assetlink.taxonomy.in_use"]]


def test_the_documented_layers_are_the_checked_ones():
    """docs/architecture.md has a table of the layers, lowest first, naming the same layers in order."""
    text = ARCHITECTURE.read_text()
    documented = re.findall(r"^\| \d+ \| \*\*(\w+)\*\* \|", text, flags=re.MULTILINE)
    assert documented == [name for name, _patterns in LAYERS]
