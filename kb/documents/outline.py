"""A document's section tree: headings in reading order, each with the ids of its clauses."""
from __future__ import annotations

from dataclasses import dataclass, field

from kb.model import Clause


@dataclass
class Section:
    """One heading of a document, the clauses directly under it and its sub-headings."""

    title: str
    clause_ids: list[str] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"title": self.title, "clause_ids": list(self.clause_ids),
                "children": [c.to_dict() for c in self.children]}


def section_tree(clauses: list[Clause]) -> Section:
    """The untitled root holds clauses without a heading (preamble); headings keep first-seen order."""
    root = Section("")
    nodes: dict[tuple[str, ...], Section] = {(): root}
    for clause in clauses:
        path: tuple[str, ...] = ()
        for title in clause.section_path:
            parent, path = nodes[path], path + (title,)
            if path not in nodes:
                nodes[path] = Section(title)
                parent.children.append(nodes[path])
        nodes[path].clause_ids.append(clause.clause_id)
    return root
