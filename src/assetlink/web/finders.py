"""Static files from npm packages, file by file: the builds the pages load, not the packages' sources,
type declarations and source maps (thousands of files that every server start would scan)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

# URL prefix under /static/ → (package build folder under node_modules, file name patterns served). A
# build's source map goes with it: the manifest storage checks every file a script refers to.
VENDOR_FILES = {
    "vendor/vega": ("vega/build", ["vega.min.js", "vega.min.js.map"]),
    "vendor/vega-lite": ("vega-lite/build", ["vega-lite.min.js", "vega-lite.min.js.map"]),
    "vendor/vega-embed": ("vega-embed/build", ["vega-embed.min.js", "vega-embed.min.js.map"]),
    "vendor/vega-interpreter": ("vega-interpreter/build", ["vega-interpreter.js", "vega-interpreter.js.map"]),
    # ES modules with relative imports of their siblings (read by vega-interpreter through the import map).
    "vendor/vega-util": ("vega-util/build", ["*.js", "*.js.map"]),
}


class VendorFinder(BaseFinder):
    """Finds the listed files of npm packages under their `vendor/...` prefix."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sources: dict[str, tuple[FileSystemStorage, list[str]]] = {}
        for prefix, (folder, patterns) in VENDOR_FILES.items():
            storage = FileSystemStorage(location=Path(settings.NODE_MODULES_DIR) / folder)
            storage.prefix = prefix  # type: ignore[attr-defined]
            self.sources[prefix] = (storage, patterns)

    def _served(self, prefix: str, name: str) -> bool:
        _storage, patterns = self.sources[prefix]
        return "/" not in name and any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:  # str, or a list with find_all
        found: list[str] = []
        for prefix, (storage, _patterns) in self.sources.items():
            if not path.startswith(prefix + "/"):
                continue
            name = path[len(prefix) + 1 :]
            if self._served(prefix, name) and storage.exists(name):
                match = storage.path(name)
                if not (find_all or kwargs.get("all")):
                    return match
                found.append(match)
        return found

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        for prefix, (storage, _patterns) in self.sources.items():
            if not os.path.isdir(storage.location):
                continue
            for name in sorted(os.listdir(storage.location)):
                if self._served(prefix, name) and os.path.isfile(os.path.join(storage.location, name)):
                    yield name, storage
