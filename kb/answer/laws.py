"""What a law answer needs to know about documents: their level, their version, the laws a question names.

Laws come in versions (an amended version has status 已修订 and `superseded_by`) and at levels
(国家法律, 行政法规, 地方性法规…, from the document type and scope). A question may name a law
("森林法第八十三条", "《北京市大气污染防治条例》"); when no document in the corpus is that law,
the question is about a document we do not hold and is refused rather than answered from another.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kb import vocab
from kb.model import Document

LAW_TYPES = ("法律", "行政法规", "地方性法规", "司法解释", "部门规章", "地方政府规章")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def answer_vocab() -> dict:
    """kb/data/answers.json: question kinds, penalty words, authority and number patterns."""
    return vocab.data("answers")


def is_law(doc: Document) -> bool:
    return (doc.type or "") in LAW_TYPES


def level_label(doc: Document) -> str | None:
    """"国家法律" / "地方性法规（北京市）": which level of the legal order a document belongs to."""
    label = answer_vocab()["levels"].get(doc.type or "")
    if label is None:
        return None
    return label if doc.scope in ("全国", "", None) else f"{label}（{doc.scope}）"


def version_year(doc: Document) -> int | None:
    """The year of this version: its latest amendment, the date in its file name, else adoption."""
    found = re.search(r"((?:19|20)\d{2})-\d{2}-\d{2}", doc.source or doc.file or "")
    for value in (doc.date_amended, found.group(1) if found else None, doc.date_published, doc.date_adopted,
                  doc.date_effective):
        if value:
            return int(str(value)[:4])
    return None


def version_note(doc: Document, docs: dict[str, Document]) -> str | None:
    """"已被 2024年修订" for an amended version, None for a version in force."""
    newer = docs.get(doc.superseded_by or "")
    if doc.status != "已修订" and newer is None:
        return None
    year = version_year(newer) if newer else None
    return f"已被 {year}年修订" if year else "已修订"


def asked_version(query_years: list[int], doc: Document, docs: dict[str, Document]) -> bool:
    """True when the question names this (older) version by its year ("按2017年版海洋环境保护法")."""
    return version_year(doc) in query_years


# ---- laws named in a question ------------------------------------------------------------

def named_laws(text: str) -> list[str]:
    """Law names in a question: 《…》, or a run of characters ending in 法/条例/办法/规定."""
    data = answer_vocab()
    names = []
    for m in re.finditer(data["law_name"], text):
        name = re.sub(r"^(?:年版|年|版|按照|依照|根据|按|依)?(?:修正|修订|修改|通过|公布)?的?", "", m.group(1) or m.group(2))
        common = [w for w in data["not_law_names"] if name.endswith(w) and len(name) - len(w) < 2]
        if len(name) >= 3 and not common:
            names.append(name)
    return names


_SUFFIXES = ("办法", "条例", "规定", "解释", "决定", "法")


def _suffix(name: str) -> str:
    return next((s for s in _SUFFIXES if name.endswith(s)), "")


def _in_order(name: str, title: str) -> int:
    """How many characters of `name` occur in `title` in the same order (a greedy subsequence)."""
    pos, found = 0, 0
    for char in name:
        nxt = title.find(char, pos)
        if nxt >= 0:
            found, pos = found + 1, nxt + 1
    return found


def law_match(name: str, doc: Document) -> float:
    """How well a name as people write it ("停车条例", "北京市实施水法办法") fits a document, 0 when not.

    An abbreviation drops characters of the title, it does not add or reorder them: every
    character of the name occurs in the title in order (one may differ in a long name, 司法解释
    for 解释), the kind of act (法 / 条例 / 办法) is the same, and a place it names is the document's.
    """
    core = name.replace("中华人民共和国", "")
    title = doc.title.replace("中华人民共和国", "")
    if _suffix(core) != _suffix(title.rstrip("》")) or not _suffix(core):
        return 0.0
    if any(place in core and place not in title for place in answer_vocab()["places"]):
        return 0.0
    found = _in_order(core, title)
    if found < len(core) - (1 if len(core) >= 8 else 0):
        return 0.0
    return found / len(title)  # the closest title wins: 森林法 is 中华人民共和国森林法


def documents_named(text: str, documents: list[Document]) -> tuple[list[str], list[Document]]:
    """The law names in a question, and the documents (all versions) each best refers to."""
    names, found = named_laws(text), []
    for name in names:
        scored = [(law_match(name, d), d) for d in documents]
        best = max((s for s, _ in scored), default=0.0)
        found += [d for s, d in scored if best and s == best and d not in found]
    return names, found


# ---- article numbers --------------------------------------------------------------------

def article_number(text: str) -> int | None:
    """第八十三条 → 83; 第120条 → 120."""
    found = re.search(r"第([一二三四五六七八九十百零〇两\d]+)条", text)
    return cn_number(found.group(1)) if found else None


def cn_number(text: str) -> int | None:
    """Chinese or Arabic numerals up to the thousands: 一百二十 → 120, 十五 → 15."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char in "十百千":
            total += (current or 1) * {"十": 10, "百": 100, "千": 1000}[char]
            current = 0
        else:
            return None
    return total + current


@lru_cache(maxsize=4096)
def label_number(label: str) -> int | None:
    return article_number(label)
