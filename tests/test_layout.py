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


def test_the_plugin_is_one_class_with_its_state_on_the_instance():
    """hooks/surgeries.py: a BasePlugin with a typed config; no module-level state, no
    `global`, nothing run in another process or thread."""
    tree = ast.parse((ROOT / "hooks" / "surgeries.py").read_text(encoding="utf-8"))
    classes = {node.name: [ast.unparse(b) for b in node.bases]
               for node in tree.body if isinstance(node, ast.ClassDef)}
    assert classes == {"SurgeriesConfig": ["base.Config"],
                       "SurgeriesPlugin": ["BasePlugin[SurgeriesConfig]"]}
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Global | ast.Nonlocal)]
    state = [ast.unparse(n) for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign)]
    assert state == ["log = logging.getLogger('mkdocs.plugins.surgeries')",
                     "COMPRESS_ABOVE = 2000"]
    assert not _imports(ROOT / "hooks" / "surgeries.py") & {
        "multiprocessing", "threading", "concurrent", "subprocess"}
    events = [n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)
              and n.name.startswith("on_")]
    assert len(events) <= 11, events


def test_the_plugin_is_registered_and_used():
    import tomllib

    import yaml

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["mkdocs.plugins"] == {
        "surgeries": "hooks.surgeries:SurgeriesPlugin"}
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config
    assert [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == [
        "surgeries"]
