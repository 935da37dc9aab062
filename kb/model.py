"""Records that flow between stages: documents, clauses, hits and answers."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SECTION_SEP = " › "


@dataclass(frozen=True)
class Document:
    """One source document as recorded in the corpus manifest."""

    id: str
    file: str
    title: str
    issuer: tuple[str, ...] = ()
    number: str | None = None
    date_written: str | None = None
    date_published: str | None = None
    status: str | None = None
    type: str | None = None
    scope: str = "全市"
    period: str | None = None
    target_year: int | None = None
    aliases: tuple[str, ...] = ()  # how people refer to it: "美丽北京意见", "2023年计划"

    @property
    def date(self) -> str | None:
        """The date to cite: publication date, else the date written."""
        return self.date_published or self.date_written

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["issuer"] = list(self.issuer)
        d["aliases"] = list(self.aliases)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        known["issuer"] = tuple(known.get("issuer") or ())
        known["aliases"] = tuple(known.get("aliases") or ())
        return cls(**known)


@dataclass
class Clause:
    """The smallest citable unit of a document."""

    clause_id: str
    doc_id: str
    section_path: list[str]
    label: str
    kind: str  # preamble | paragraph | measure | item | task_row | indicator_row
    text: str
    start_line: int
    end_line: int
    part: int | None = None
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def section(self) -> str:
        return SECTION_SEP.join(self.section_path)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Clause":
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})
