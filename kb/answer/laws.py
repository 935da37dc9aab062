"""What a law answer needs to know about documents: their level, their version, article numbers.

Laws come in versions (an amended version has status 已修订 and `superseded_by`) and at levels
(国家法律, 行政法规, 地方性法规…, from the document type and scope). Which law a question names
is read by kb.search.legal.documents_named, the same reading retrieval uses.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kb import vocab
from kb.documents.numbering import cn_to_int
from kb.model import Document

LAW_TYPES = ("法律", "行政法规", "地方性法规", "司法解释", "部门规章", "地方政府规章")


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


def version_note(doc: Document, docs: dict[str, Document]) -> str | None:
    """"已被 2024年修订" for an amended version, None for a version in force."""
    newer = docs.get(doc.superseded_by or "")
    if doc.status != "已修订" and newer is None:
        return None
    year = newer.version_year if newer else None
    return f"已被 {year}年修订" if year else "已修订"


# ---- article numbers --------------------------------------------------------------------

def article_number(text: str) -> int | None:
    """第八十三条 → 83; 第120条 → 120."""
    found = re.search(r"第([一二三四五六七八九十百零〇两\d]+)条", text)
    return cn_to_int(found.group(1)) if found else None


@lru_cache(maxsize=4096)
def label_number(label: str) -> int | None:
    return article_number(label)
