"""What a question says about laws: the documents it names, the article it asks for, whether it
asks about consequences. Vocabulary is data (kb/data/legal.json); names are derived from titles."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kb import vocab
from kb.documents.numbering import cn_to_int, int_to_cn
from kb.model import Document

_ARTICLE = re.compile(r"第\s*([零〇一二三四五六七八九十百千两\d]+)\s*条(?:之([一二三四五六七八九十]+))?")
_PREFIX = "中华人民共和国"
_LOCAL_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:省|市|自治区)(?:实施)?")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class LegalAsk:
    """The legal reading of a question."""

    named: frozenset[str]  # ids of documents the question names (all versions)
    year: int | None  # a year the question gives next to a document's name: that version
    article: str | None  # "第一百一十八条" (normalised) when the question asks for one
    penalty: bool  # asks what happens to a violation


@lru_cache(maxsize=1)
def _data() -> dict:
    return vocab.data("legal")


@lru_cache(maxsize=1)
def penalty_question() -> re.Pattern[str]:
    return re.compile(_data()["penalty_question"])


@lru_cache(maxsize=1)
def penalty_text() -> re.Pattern[str]:
    return re.compile(_data()["penalty_text"])


@lru_cache(maxsize=1)
def liability_chapter() -> re.Pattern[str]:
    return re.compile(_data()["liability_chapter"])


def document_names(doc: Document) -> set[str]:
    """What people call a document: its title with and without 中华人民共和国 or its place,
    its recorded aliases and the common short names of that title."""
    title = re.sub(r"[《》\s]", "", doc.title)
    names = {title, *doc.aliases}
    bare = title.replace(_PREFIX, "")
    names.add(bare)
    local = _LOCAL_PREFIX.sub("", bare)
    if len(local) >= 3:
        names.add(local)
    for full, short in _data()["abbreviations"].items():
        if local == full or bare == full:
            names.update(short)
    return {n for n in names if len(n) >= 2}


def read_question(text: str, names: dict[str, set[str]]) -> LegalAsk:
    """The documents named (longest name wins where names overlap), the article, penalty intent."""
    compact = re.sub(r"[《》\s]", "", text)
    hits = [(name, doc_id) for doc_id, doc_names in names.items() for name in doc_names if name in compact]
    longest = max((len(n) for n, _ in hits), default=0)
    named = frozenset(doc_id for name, doc_id in hits if len(name) == longest) if hits else frozenset()
    year = _YEAR.search(compact)
    article = None
    m = _ARTICLE.search(compact)
    if m:
        number = cn_to_int(m.group(1))
        article = f"第{int_to_cn(number)}条" + (f"之{m.group(2)}" if m.group(2) else "")
    return LegalAsk(named, int(year.group(1)) if year and named else None, article,
                    bool(penalty_question().search(compact)))
