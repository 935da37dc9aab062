"""What keeps every answer honest, whatever the question: the answer that says no clause states what
was asked ("现有文件未规定…；以下为相关条款"), and the check that the text an answer rests on is about the
question (a penalty's conduct, a figure's sentence), by the model's closeness and not by words alone."""
from __future__ import annotations

import re

from kb.answer.extract import Answer
from kb.answer.laws import answer_vocab
from kb.answer.measures import asked_units
from kb.search.query import Query
from kb.search.searcher import Hit

# The text a closeness check encodes is cut to this many characters: a penalty's conduct is a list of
# many items at times, and the model's time grows with the length (a 1,000-character passage takes
# ten times a query's). On 105 penalty answers cut and uncut texts fell on the same side of the
# threshold every time (median conduct 92 characters, 90th percentile 163).
CLOSE_CHARS = 150

NOT_STATED = "现有文件未规定{what}；以下为相关条款。"
_WHAT = {"penalty": "对该行为的处罚", "department": "负责该事项的部门", "deadline": "所问的期限或数量",
         "definition": "该用语的含义", "amount": "所问的具体数额"}


def not_stated(query: Query, hits: list[Hit], kind: str | None, what: str | None = None) -> Answer:
    """In scope, but no retrieved clause says it: say so and show the related clauses. A figure asked is
    named for what it measures: a time (晚上几点, 多久之内, 哪一天) or a sum of money, else a number."""
    if kind == "amount" and what is None:
        what = _figure_asked(query.text)
    text = NOT_STATED.format(what=what or _WHAT.get(kind or "", "所问的具体内容"))
    return Answer(query.text, True, text, kind="not_stated", citations=hits, found=False)


def _figure_asked(question: str) -> str:
    """What a question asking a figure asks for, in the words of a "not stated" answer."""
    vocab = answer_vocab()
    units = {u for asked in asked_units(question, time=True) for u in asked.split("|")}
    if re.search(vocab["asks_money"], question) or "元" in units:
        return "所问的具体金额"
    if re.search(rf"{vocab['asks_when']}|{vocab['asks_day']}|几点", question) or units & _TIME_UNITS:
        return "所问的具体时间或期限"
    return _WHAT["amount"]


_TIME_UNITS = frozenset({"工作日", "日", "天", "月", "年", "小时"})


def close_enough(kb, query: Query, text: str, threshold: float, question_text: str | None = None) -> bool:
    """Whether the text an answer rests on (a penalty's conduct, a figure's sentence) is as close to
    the question (or to `question_text`, what of it is compared) as `threshold` (e5 cosine,
    RefusalRule): words alone do not tell, 生活垃圾不分类 and 乱丢…塑料袋 share the street-cleanliness
    act's words. Without a model, words decide alone."""
    if kb.embedder is None or not text:
        return True
    question = kb.embedder.try_encode_query(question_text or query.text, kb.searcher.settings.dense_wait)
    if question is None:  # the model is busy and retrieval went on without it: words decide
        return True
    return float(question @ kb.embedder.encode_passages([text[:CLOSE_CHARS]])[0]) >= threshold
