"""Answers about a document itself — its 发文字号, 成文日期, 发布日期, 发文机关 (GB/T 9704's 版头 and
版记) or, for an act, the day it was adopted — from the metadata read at ingestion, cited to the
document's opening clause; and what its 附件 N is, from the title the annex opens with. Only for a
question that names one document we hold and asks one of these; the wording of each ask is data
(`kb/data/answers.json`, "document_fields")."""
from __future__ import annotations

import re

from kb.answer.extract import Answer
from kb.answer.laws import answer_vocab
from kb.documents.numbering import cn_to_int
from kb.model import Document
from kb.search.legal import other_version, pattern, reading
from kb.search.query import Query
from kb.vocab import book_title, number_brackets, without_quotes

LABELS = {"number": "文号", "date_written": "成文日期", "date_published": "发布日期", "issuer": "发文机关",
          "date_adopted": "通过日期"}


def named_document(query: Query, documents: list[Document]) -> tuple[Document, str] | None:
    """The one document the question names by its title or a name it gives itself (the longest
    name found wins), with that name; of an act's versions, the one it asks about (2021年版, in
    force in a year it gives), else the one in force. None when none or several are named."""
    compact = _compact(query.text)
    found: dict[str, str] = {}
    for doc in documents:
        for name in (doc.title, *doc.names):
            bare = _compact(name)
            if len(bare) >= 4 and bare in compact and len(bare) > len(found.get(doc.id, "")):
                found[doc.id] = bare
    ask = reading(query, documents)
    if not found:  # 北京市实施《水法》办法: a law named the way retrieval reads names (kb.search.legal)
        acts = [d for d in documents if d.id in ask.named]
        if len(ask.names) != 1 or len({d.title for d in acts}) != 1:
            return None
        found = {d.id: _compact(ask.names[0]) for d in acts}
    longest = max(map(len, found.values()))
    docs = [d for d in documents if len(found.get(d.id, "")) == longest]
    by_id = {d.id: d for d in documents}
    current = [d for d in docs if not other_version(d, ask, by_id)] or docs
    if len(current) != 1:
        return None
    # 2023年行动计划…同时废止的2021年行动计划通知: another one's; 京政办发〔2023〕4号通知 is the one numbered
    nouns = answer_vocab()["document_nouns"]
    rest = re.sub(re.escape(found[current[0].id]) + f"(?:{nouns}|文件|文)?", "", compact)
    return None if re.search(nouns, rest) else (current[0], found[current[0].id])


def _compact(text: str) -> str:
    """A question or a name without spaces, quotation and title marks, a 文号's year in 〔〕: names are compared so."""
    return number_brackets(re.sub(r"\s", "", without_quotes(text)))


_LINK = r"[的是于由在]{0,2}"  # between the name and the field: 丰台区规划的文号, 2023年行动计划是哪天印发的
_ASKING = re.compile(r"[是为多少什么哪天一几号个谁的了呢吗？?。，,！!\s]*")  # what may follow the field


def asked_field(question: str, name: str = "") -> str | None:
    """The record field a question asks of the document it names: the field's wording right after the
    name and nothing but asking words after it (丰台区规划的文号是多少, not 规划中哪个部门发布空气质量预警)."""
    compact = _compact(question)
    after = compact[compact.find(name) + len(name):] if name and name in compact else compact
    version = pattern("version_asked").match(after) if name else None  # …条例2021年版的通过日期
    after = after[version.end():] if version else after
    link = re.compile(f"(?:{answer_vocab()['document_nouns']}|文件|文)?{_LINK}")  # 京政办发〔2023〕4号通知的成文日期
    for field, wording in answer_vocab()["document_fields"].items():
        m = re.search(wording, after)
        if m and (not name or link.fullmatch(after[:m.start()])) and _ASKING.fullmatch(after[m.end():]):
            return field
    return None


def _date(value: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    return f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日" if m else value


def record_answer(kb, query: Query) -> Answer | None:
    """"《…规划》的成文日期是哪一天？" → "2021年11月28日", cited to the document's first clause; "not
    stated" when the document lacks it; None when the question asks no such thing or names no single
    document."""
    annex = _ANNEX_ASKED.search(_compact(query.text))
    if asked_field(query.text) is None and annex is None:  # cheap first: most questions ask no such thing
        return None
    named = named_document(query, kb.documents)
    if named is not None and annex is not None:
        return _annex_answer(kb, query, named[0], cn_to_int(annex.group(1)))
    if named is None:
        return None
    doc, name = named
    field = asked_field(query.text, name)
    if field is None:
        return None
    citations = kb.cite([c.clause_id for c in kb.document_clauses(doc.id)[:1]], query)
    if field == "date_adopted" and not doc.date_adopted:  # 哪年制定 of a plan or a 国务院令: the day it was issued
        field = next((f for f in ("date_published", "date_written") if getattr(doc, f, None)), field)
    value = getattr(doc, field, None)
    if not value:  # 实施意见 issued jointly by 市委 and 市政府 often carry no 文号: say so
        return Answer(query.text, True, f"现有文件未载明{book_title(doc.title)}的{LABELS[field]}；以下为该文件的开头。",
                      kind="record", citations=citations, found=False)
    value = "、".join(value) if isinstance(value, tuple) else _date(value)
    number = f"（{doc.number}）" if doc.number and field != "number" else ""
    text = f"{book_title(doc.title)}{number}{LABELS[field]}：{value}"
    if field == "date_adopted" and doc.date_amended:  # the text we hold is the amended one
        text += f"（最近一次修改：{_date(doc.date_amended)}）"
    text += "。"
    return Answer(query.text, True, text, value=value, kind="record", citations=citations)


# 附件6是什么 / 附件三叫什么名字: the annex's title, not a figure or a task inside it (附件6里东城区的目标是多少)
_ANNEX_ASKED = re.compile(r"附件([0-9一二三四五六七八九十]+)(?:的)?(?:是|叫)?(?:什么|啥|哪个)?(?:名称|名字|标题|题目|文件|内容)?"
                          r"(?:是什么|是啥)?[？?。！!]*$")


def _annex_answer(kb, query: Query, doc: Document, number: int) -> Answer:
    """The title of the document's annex `number` (the ingested structure numbers annexes in order,
    A1, A2…, as GB/T 9704 has them listed), cited to the annex's first clause."""
    clauses = [c for c in kb.document_clauses(doc.id) if c.clause_id.split(":", 1)[1].split(".")[0] == f"A{number}"]
    if not clauses:
        return Answer(query.text, True, f"现有文件中{book_title(doc.title)}没有附件{number}。", kind="record",
                      citations=kb.cite([c.clause_id for c in kb.document_clauses(doc.id)[:1]], query), found=False)
    title = clauses[0].section.split(" › ")[0]
    return Answer(query.text, True, f"{book_title(doc.title)}附件{number}：{title}。", value=title, kind="record",
                  citations=kb.cite([clauses[0].clause_id], query))
