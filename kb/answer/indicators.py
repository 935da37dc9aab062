"""Indicator vocabulary: clean a name as written and map its synonyms to one canonical indicator.

The vocabulary lives in ``kb/data/indicators.json`` and is read once:
``terms`` rewrites pollutant aliases inside a name (细颗粒物 → PM2.5, VOCs → 挥发性有机物),
``indicators`` maps each canonical indicator to its synonyms, ``suffixes`` are the heads that a
list such as 农药、化肥利用率 shares, and ``scopes`` are the areas a figure can apply to.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from kb import vocab
from kb.answer.laws import answer_vocab

FUZZY_RATIO = 0.9  # 二氧化硫年均浓度 vs 二氧化氮年均浓度 is 0.875: they must stay apart

# One-to-one character folding keeps string offsets valid (full-width ASCII, roman five in 劣Ⅴ类).
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {ord("Ⅴ"): "V", ord("\u3000"): " "}
_PARENS = re.compile(r"\([^()]*\)")
_NOISE = re.compile(r"[“”\"'‘’《》「」\s]")


def fold(text: str) -> str:
    """Fold full-width forms to ASCII without changing the string's length."""
    return text.translate(_FOLD)


def vocabulary() -> dict[str, Any]:
    """The indicator vocabulary: kb/data/indicators.json."""
    return vocab.data("indicators")


@lru_cache(maxsize=1)
def _term_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    alias_to_term = {}
    for term, aliases in vocabulary()["terms"].items():
        for alias in [term, *aliases]:
            alias_to_term[fold(alias)] = term
    ordered = sorted(alias_to_term, key=len, reverse=True)
    # An alias in Latin letters is a whole formula, not part of one: O3 is not in NO3-N or CaCO3.
    bounded = [rf"(?<![A-Za-z0-9]){re.escape(a)}(?![A-Za-z0-9])" if a.isascii() else re.escape(a) for a in ordered]
    return re.compile("|".join(bounded)), alias_to_term


def apply_terms(name: str) -> str:
    """Rewrite pollutant and denominator aliases to their canonical spelling."""
    pattern, alias_to_term = _term_pattern()
    return pattern.sub(lambda m: alias_to_term[m.group(0)], name)


@lru_cache(maxsize=1)
def _share_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    to_word = {alias: word for word, aliases in vocabulary()["share_words"].items() for alias in aliases}
    return re.compile("|".join(map(re.escape, to_word))), to_word


def normal_name(text: str) -> str:
    """How an indicator's name is compared: folded, aliases unified, and the words for a share
    (占比, 比率, 比重) read as 比例 — 优良水体占比 is 比例 as 优良水体比例 is. The share words keep
    their length; the aliases `apply_terms` unifies may not (VOCs → 挥发性有机物)."""
    pattern, to_word = _share_pattern()
    return pattern.sub(lambda m: to_word[m.group(0)], apply_terms(fold(text)))


def clean_name(name: str) -> str:
    """Drop parentheses, quotes and spaces; unify aliases. 细颗粒物（PM2.5）年均浓度 → PM2.5年均浓度."""
    text = fold(name)
    while _PARENS.search(text):
        text = _PARENS.sub("", text)
    return apply_terms(_NOISE.sub("", text))


@lru_cache(maxsize=1)
def _synonym_index() -> dict[str, str]:
    index = {}
    for canonical, synonyms in vocabulary()["indicators"].items():
        for name in [canonical, *synonyms]:
            index[clean_name(name)] = canonical
    return index


@lru_cache(maxsize=1)
def _scope_prefix() -> re.Pattern[str]:
    scopes = sorted(vocabulary()["scopes"], key=len, reverse=True)
    return re.compile("^(?:" + "|".join(scopes) + ")(?:及|和|、)?")


def strip_scope(name: str) -> str:
    """Remove leading area words: 全市森林覆盖率 → 森林覆盖率."""
    pattern = _scope_prefix()
    previous = None
    while previous != name:
        previous, name = name, pattern.sub("", name)
    return name


@lru_cache(maxsize=4096)
def normalise_indicator(name: str) -> str | None:
    """The canonical indicator for a name as written (synonym or near spelling), else None."""
    cleaned = strip_scope(clean_name(name)).replace("累计", "")
    if not cleaned:
        return None
    index = _synonym_index()
    if cleaned in index:
        return index[cleaned]
    best = max(index, key=lambda known: SequenceMatcher(None, cleaned, known).ratio())
    if SequenceMatcher(None, cleaned, best).ratio() >= FUZZY_RATIO:
        return index[best]
    return None


def indicator_name(raw: str) -> str:
    """The name to store: the canonical indicator when known, else the cleaned name."""
    cleaned = strip_scope(clean_name(raw))
    return normalise_indicator(cleaned) or cleaned


@lru_cache(maxsize=4096)  # the /targets endpoint asks for the same few hundred names again and again
def matching_indicators(query: str, names: frozenset[str], min_ratio: float = 0.8) -> frozenset[str]:
    """The stored indicator names a looked-up name refers to.

    Vocabulary first: a synonym (可再生能源占比) or a part of canonical names (PM2.5) selects
    those canonical indicators only; otherwise names containing the query or spelled nearly the
    same (ratio >= min_ratio) match.
    """
    wanted = strip_scope(clean_name(query))
    if not wanted:
        return frozenset()
    canonical = normalise_indicator(wanted)
    known = {canonical} if canonical else {
        c for name, c in _synonym_index().items() if wanted in name}
    if known:
        return names & known
    return frozenset(n for n in names if wanted in n or SequenceMatcher(None, wanted, n).ratio() >= min_ratio)


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    return tuple(sorted(vocabulary()["suffixes"], key=len, reverse=True))


def _suffix_of(item: str) -> str:
    return next((h for h in _heads() if item.endswith(h) and len(item) > len(h)), "")


def split_items(subject: str, n_values: int, distributive: bool) -> list[str]:
    """Names for each value of a list: 农药、化肥利用率 with 2 values → [农药利用率, 化肥利用率].

    Without 分别/均 a single value is shared only when every part is a known indicator
    (受污染耕地、污染地块安全利用率), so 重点工业园区、产业集群VOCs环境浓度 stays whole.
    """
    items = [i for i in re.split(r"、|以及|和|及|与", subject) if i]
    if len(items) < 2 or (len(items) != n_values and n_values != 1):
        return [subject] * max(n_values, 1)
    head = _suffix_of(items[-1])
    items = [i if _suffix_of(i) or not head else i + head for i in items[:-1]] + [items[-1]]
    if distributive or n_values > 1 or all(normalise_indicator(i) for i in items):
        return items
    return [subject]


_CELL = re.compile(
    r"^(?P<cmp>>=|<=|[<>≤≥]|不低于|不高于)?(?P<num>\d+(?:\.\d+)?)(?P<pct>%)?"
    r"(?P<post>左右|以上|以下|以内)?(?:\((?P<parts>[\d.,\s]+)\))?$"
)
_CMP = {">": "高于", ">=": "不低于", "≥": "不低于", "<": "低于", "<=": "不高于", "≤": "不高于"}
_RATE = re.compile(r"(?P<acc>累计)?(?P<verb>下降|削减)(?:率|幅)$|(?P<drop>降幅)$")


def parse_header(text: str) -> dict[str, Any]:
    """Split a table header or indicator cell into name, unit, qualifier, baseline and part names.

    单位地区生产总值二氧化碳排放较2020年累计下降率(%) → name 单位地区生产总值二氧化碳排放,
    unit %, qualifier 累计下降, baseline 2020年.
    """
    folded = fold(text).replace(" ", "")
    groups = re.findall(r"\(([^()]*)\)", folded)
    unit = next((g for g in groups if g in vocab.units() or g[1:] in vocab.units() and g[0] in "万亿"), "")
    parts = next((g.split(",") for g in groups if "," in g), [])
    name = _PARENS.sub("", folded)
    baseline = re.search(r"较((?:19|20)\d{2}年)", name)
    name = re.sub(r"较(?:19|20)\d{2}年", "", name)
    qualifier = []
    rate = _RATE.search(name)
    if rate:
        qualifier = [(rate["acc"] or "") + (rate["verb"] or "下降")]
        name = name[: rate.start()]
    if "累计" in name:
        qualifier.insert(0, "累计")
    return {"name": indicator_name(name.replace("累计", "")), "unit": unit, "qualifier": qualifier,
            "baseline": baseline.group(1) if baseline else None,
            "parts": [indicator_name(p) for p in parts]}


def parse_cell(cell: str) -> list[tuple[str, str, list[str]]] | None:
    """Read a table cell as [(value, unit, qualifiers), part values…]; None when it holds no figure."""
    match = _CELL.match(fold(cell).replace(" ", ""))
    if not match:
        return None
    qualifier = [q for q in (_CMP.get(match["cmp"] or ""), match["post"]) if q]
    first = (match["num"], "%" if match["pct"] else "", qualifier)
    parts = [(p.strip(), "", []) for p in (match["parts"] or "").split(",") if p.strip()]
    return [first, *parts]


def _table_layout(fields: dict[str, str]) -> tuple[str, str] | None:
    """('indicator', key) for a row per indicator, ('region', key) for a row per district."""
    for key in ("指标名称", "指标"):
        if key in fields:
            return "indicator", key
    for key in ("区", "地区", "区域"):
        if key in fields:
            return "region", key
    return None


def _column_year_kind(column: str, default_year: int | None) -> tuple[int | None, str, bool]:
    """Year, kind, and whether the column states the year (else the document's is assumed)."""
    found = re.search(r"((?:19|20)\d{2})年", column)
    kind = "status" if re.search(answer_vocab()["status_column"], column) else "target"
    return (int(found.group(1)) if found else default_year), kind, bool(found)


def table_figures(fields: dict[str, str], scope: str, year: int | None) -> list[dict[str, Any]] | None:
    """One figure per cell of an indicator-table row, or None when the row is no indicator table.

    A row per indicator (丰台 表1/表2: 指标名称 with 2020年现状值 / 2025年规划值 columns) takes year
    and kind from each column; a row per district (the 2023 表: 区 with one column per indicator)
    takes its scope from the 区 cell and the document's year.
    """
    layout = _table_layout(fields)
    if layout is None:
        return None
    mode, key = layout
    skip = {key, "序号", "指标类别", "类别", "指标属性", "属性", "备注", "单位", "附件"}
    figures = []
    for column, cell in fields.items():
        cells = None if column in skip else parse_cell(cell)
        if not cells:
            continue
        header = parse_header(fields[key] if mode == "indicator" else column)
        when, kind, stated = _column_year_kind(column if mode == "indicator" else header["name"], year)
        names = [header["name"], *header["parts"]] if len(cells) == len(header["parts"]) + 1 else [header["name"]]
        for name, (value, unit, qualifier) in zip(names, cells):
            figures.append(dict(indicator=name, value=value, number=float(value), unit=unit or header["unit"],
                                qualifier=" ".join(header["qualifier"] + qualifier), year=when,
                                baseline=header["baseline"], scope=fields[key] if mode == "region" else scope,
                                kind=kind, text=f"{fields[key]}｜{column}：{cell}", year_stated=stated))
    return figures
