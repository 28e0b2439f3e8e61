"""The engine is pure Python: importing every module of it loads no Django and nothing of the apps."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import assetlink.engine

ENGINE = Path(assetlink.engine.__file__).parent


def test_no_engine_module_imports_django_or_an_app():
    for path in ENGINE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith("django"), f"{path.name} imports {name}"
                if name.startswith("assetlink"):
                    assert name.startswith("assetlink.engine"), f"{path.name} imports {name}"


def test_importing_the_whole_engine_loads_no_django():
    modules = [f"assetlink.engine.{info.name}" for info in pkgutil.iter_modules([str(ENGINE)])]
    assert len(modules) >= 10
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
        "print(len(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0"
