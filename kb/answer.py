"""Extractive answers: the sentence (and value or department) from the best clause, or a refusal."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from .cleaning import split_sentences
from .keyword import tokenize
from .query import Query
from .search import Hit

REFUSAL = "未在现有文件中找到与该问题相关的条款。请换一种问法，或确认问题属于北京市生态环境政策文件的范围。"
_VALUE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(%|％|微克/立方米|吨/平方公里·月|万吨|亿立方米|亿千瓦时|万千瓦|公里|"
    r"平方米|万平方米|万辆|辆|个|家|处|吨|亿元|天|万户|户|座|条|台|项)"
)


@dataclass
class Answer:
    query: str
    answerable: bool
    answer: str
    value: str | None = None
    kind: str = "clause"
    citations: list[Hit] = field(default_factory=list)
    id: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["citations"] = [h.to_dict() for h in self.citations]
        return d


@dataclass
class RefusalRule:
    """When to say "not found" instead of quoting the least-bad clause (tuned on eval/gold.jsonl)."""

    min_dense: float = 0.80
    min_dense_with_terms: float = 0.76


@lru_cache(maxsize=1)
def _posseg():
    import jieba.posseg

    return jieba.posseg


def unknown_places(query: Query, vocab: dict[str, int]) -> list[str]:
    """Place names in the question that no clause mentions (上海, 天津…)."""
    return [w.word for w in _posseg().cut(query.text)
            if w.flag == "ns" and len(w.word) >= 2 and w.word not in vocab and "北京" not in w.word]


def is_answerable(query: Query, hits: list[Hit], vocab: dict[str, int], rule: RefusalRule) -> bool:
    if not hits or unknown_places(query, vocab):
        return False
    top = hits[0]
    if top.dense_score == 0.0 and top.bm25_score > 0:  # keyword-only mode: trust term overlap
        return len(top.matched_terms) >= 2
    threshold = rule.min_dense_with_terms if len(top.matched_terms) >= 2 else rule.min_dense
    return max(h.dense_score for h in hits[:3]) >= threshold


def compose(query: Query, hits: list[Hit], answerable: bool) -> Answer:
    """The answer text: a duty field for who/when questions, else the best sentence and its value."""
    if not answerable:
        return Answer(query.text, False, REFUSAL, kind="refusal", citations=[])
    if "responsibility" in query.intents or "deadline" in query.intents:
        duty = _duty_answer(query, hits)
        if duty is not None:
            return duty
    best = hits[0]
    sentence = best_sentence(query, best.text)
    value = extract_value(sentence, query) if "quantity" in query.intents else None
    text = f"{value}（{sentence}）" if value else sentence
    return Answer(query.text, True, text, value=value, kind="clause", citations=hits)


def _duty_answer(query: Query, hits: list[Hit]) -> Answer | None:
    field_name = "牵头部门" if "responsibility" in query.intents else "完成时限"
    for hit in hits[:5]:
        value = hit.fields.get(field_name, "").strip()
        if hit.kind == "task_row" and value:
            value = " / ".join(dict.fromkeys(v.strip() for v in value.split("\n") if v.strip()))
            task = hit.fields.get("重点任务", "")
            text = f"{field_name}：{value}（任务：{task}）"
            ordered = [hit] + [h for h in hits if h is not hit]
            return Answer(query.text, True, text, value=value, kind=field_name, citations=ordered)
    return None


def best_sentence(query: Query, text: str) -> str:
    """The sentence of `text` sharing most terms with the question (numbers break ties)."""
    terms = [t for t in tokenize(query.expanded_text) if len(t) > 1]
    sentences = [s.strip() for line in text.split("\n") for s in split_sentences(line)] or [text]

    def score(s: str) -> tuple[float, int]:
        overlap = sum(len(t) for t in set(terms) if t in s)
        return overlap, int(bool(_VALUE.search(s)))

    return max(sentences, key=score)


def extract_value(sentence: str, query: Query) -> str | None:
    """The first number with a unit in the sentence, skipping years."""
    for m in _VALUE.finditer(sentence):
        if m.group(2) == "年":
            continue
        return m.group(0).replace(" ", "")
    return None
