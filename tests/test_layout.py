"""The core stays independent of MkDocs and Material: only hooks/ imports them."""

from __future__ import annotations

import ast

from conftest import ROOT


def _imports(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_the_core_never_imports_mkdocs_or_material():
    for path in [*(ROOT / "scrutiny").rglob("*.py"), ROOT / "build.py"]:
        assert not _imports(path) & {"mkdocs", "material"}, path


def test_only_the_hook_and_the_engine_import_mkdocs():
    hook, engine = ROOT / "hooks" / "surgeries.py", ROOT / "hooks" / "engine.py"
    assert {"mkdocs", "scrutiny"} <= _imports(hook)
    assert {"mkdocs", "scrutiny"} <= _imports(engine)
