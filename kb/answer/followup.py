"""Follow-up questions: "那海淀区呢？", "2027年呢？", "罚款呢？" completed from the previous question.

A follow-up is short and elliptical (it starts with 那 or ends with 呢). What it names — a
district, a year or period, an indicator — replaces the same slot of the previous full question;
anything else (罚款, 由谁负责) replaces what the previous question asked about its subject.
"""
from __future__ import annotations

import re

from kb import vocab
from kb.answer.from_ledger import _indicator_names, indicator_in
from kb.answer.indicators import normal_name, vocabulary
from kb.answer.laws import answer_vocab
from kb.errors import QueryError
from kb.search.query import analyse

_ASKING = re.compile(r"(?:由|归|向|找)?(?:哪个|哪些|什么|谁|多少|几|怎么|怎样|如何|是否|是不是|有没有|能否|可以|会被|会|要|应当|需要).*$")
_YEAR_TEXT = re.compile(r"(?:到|至|在)?20\d{2}\s*年?(?:底|末)?")


def is_followup(text: str) -> bool:
    rules = answer_vocab()["followup"]
    return len(re.sub(r"[？?。！!，,\s]", "", text)) <= rules["max_chars"] and bool(re.search(rules["marker"], text))


def resolve(question: str, history: list[str]) -> str:
    """The question to answer: itself, or a follow-up completed from the last question of `history`."""
    if not history or not is_followup(question):
        return question
    previous = resolve(history[-1], history[:-1])
    fragment = re.sub(answer_vocab()["followup"]["marker"], "", question.strip()).strip(" ？?。，,")
    fragment = re.sub(r"呢$", "", fragment).strip()
    if not fragment:
        return previous
    try:
        slots, old = analyse(fragment), analyse(previous)
    except QueryError:
        return previous
    resolved, replaced = previous, False
    if slots.districts:
        resolved, replaced = _replace_places(resolved, old.districts, slots.districts[0]), True
    if slots.years or slots.periods:
        new_year = fragment if slots.periods else f"{slots.years[0]}年"
        resolved, replaced = _replace_year(resolved, new_year), True
    indicator, previous_indicator = indicator_in(fragment), indicator_in(previous)
    if indicator and previous_indicator and indicator != previous_indicator:
        resolved, replaced = _replace_indicator(resolved, previous_indicator, fragment), True
    if replaced:
        return resolved
    core = _ASKING.sub("", previous.rstrip("？?。")).rstrip("，,、 ")
    return f"{core}，{fragment}？"


def _replace_places(text: str, old: list[str], new: str) -> str:
    """海淀区 for 朝阳区 (also where the question wrote 朝阳 without 区); prefixed when none was named."""
    for district in old:
        for form in (district, district[:-1] if district.endswith("区") else district):
            if form in text:
                return text.replace(form, new, 1)
    for whole in ("各区", "全市", "本市"):  # "到2025年各区降尘量…" → "那丰台呢" asks for 丰台区 instead
        if whole in text:
            return text.replace(whole, new, 1)
    return new + text


def _replace_year(text: str, new: str) -> str:
    found = _YEAR_TEXT.search(text)
    periods = [p for p in vocab.periods() if p in text]
    if found:
        return text[:found.start()] + ("到" + new if not new.startswith(("到", "十")) else new) + text[found.end():]
    if periods:
        return text.replace(periods[0], new.rstrip("年") if new in vocab.periods() else new, 1)
    return "到" + new + "，" + text


def _replace_indicator(text: str, old: str, new_text: str) -> str:
    """Swap the words naming the previous indicator for the follow-up's words."""
    folded = normal_name(text)
    aliases = sorted((alias for alias, name in _indicator_names() if name == old and alias in folded), key=len)
    if not aliases:  # named by its pollutant alone ("PM2.5目标")
        aliases = [t for t in vocabulary()["terms"] if old.startswith(t) and t in folded]
    if not aliases:
        return text + "，" + new_text
    start = folded.find(aliases[-1])
    return text[:start] + new_text + text[start + len(aliases[-1]):]
