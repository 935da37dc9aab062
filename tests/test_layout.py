"""The layout shows the pipeline: every module imports only from its own stage or the stages
upstream of it, so there is no import circle between stages and none across kb and ui."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Upstream first. A module may import its own stage and any stage listed before it.
STAGES = ["kb.base", "kb.documents", "kb.index", "kb.search", "kb.answer", "kb.knowledge",
          "kb.serve", "kb.eval", "kb.cli", "ui"]
BASE = {"kb", "kb.model", "kb.errors", "kb.vocab"}


def _stage(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "kb" and len(parts) > 1 and not any((ROOT / "kb" / parts[1]).with_suffix(s).exists() for s in ("", ".py")):
        return "kb.knowledge"  # a name the package root re-exports (KnowledgeBase, Filters…)
    if module in BASE:
        return "kb.base"
    return next(s for s in sorted(STAGES, key=len, reverse=True) if module == s or module.startswith(s + "."))


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{a.name}" if node.module == "kb" else node.module for a in node.names]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names]
    return [m for m in found if m.split(".")[0] in ("kb", "ui")]


def test_imports_point_only_downstream():
    upward = []
    for path in sorted([*(ROOT / "kb").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]):
        rel = path.relative_to(ROOT).with_suffix("")
        module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        if module == "kb":
            continue  # the package root re-exports the entry point
        own = STAGES.index(_stage(module))
        upward += [f"{module} -> {m}" for m in _imports(path) if STAGES.index(_stage(m)) > own]
    assert upward == []


def test_no_relative_imports_hide_a_dependency():
    relative = [str(p.relative_to(ROOT)) for p in [*(ROOT / "kb").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
                if any(isinstance(n, ast.ImportFrom) and n.level for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert relative == []
