"""Records that flow between stages: documents, clauses, hits and answers."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

SECTION_SEP = " › "
# A document id: short and readable, Chinese characters allowed ("海洋环境保护法-2023", "bj-plan-2021").
DOC_ID_PATTERN = r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z\u4e00-\u9fff-]{1,60}$"
DOC_ID = re.compile(DOC_ID_PATTERN)

PART_SEP = "|"  # the vector id of a part of a clause (a sentence, 款): "<clause id>|<n>"


def part_owner(vector_id: str) -> str:
    """The clause a vector id belongs to ("森林法-2019:art56|2" → "森林法-2019:art56")."""
    return vector_id.split(PART_SEP, 1)[0]


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
    status: str | None = None  # validity: 现行有效 / 已修订 / 已废止
    type: str | None = None
    scope: str = "全市"
    period: str | None = None
    target_year: int | None = None
    aliases: tuple[str, ...] = ()  # how people refer to it: "美丽北京意见", "2023年计划"
    date_adopted: str | None = None  # 通过
    date_amended: str | None = None  # the latest 修正 / 修订
    date_effective: str | None = None  # 施行
    superseded_by: str | None = None  # the id of the newer version, when this one was amended
    source: str | None = None  # the file's name as it was added (corpus/ keeps it under its id)

    @property
    def names(self) -> tuple[str, ...]:
        """What a question may call it by besides its title: the short names it gives itself and its 文号."""
        return (*self.aliases, self.number) if self.number else self.aliases

    @property
    def date(self) -> str | None:
        """The date to cite: publication date, else the date written."""
        return self.date_published or self.date_written

    @property
    def version_year(self) -> int | None:
        """The year that tells versions of one act apart: the latest amendment, else adoption, else the date."""
        date = self.date_amended or self.date_adopted or self.date
        return int(date[:4]) if date else None

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
    kind: str  # preamble | paragraph | measure | item | task_row | indicator_row | article
    text: str
    start_line: int
    end_line: int
    part: int | None = None
    fields: dict[str, str] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)  # articles it cites: "<law title or ''>#<number>"
    links: list[str] = field(default_factory=list)  # clause ids of the cited articles that are in the corpus

    @property
    def section(self) -> str:
        return SECTION_SEP.join(self.section_path)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Clause":
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})
