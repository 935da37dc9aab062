"""Citations as officials use them: the text they paste, deep links, merged cards and departments.

Pure functions over the plain dicts of `Hit.to_dict()`, so they are tested without a server.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from urllib.parse import quote

NEAR_DUPLICATE = 0.8  # share of identical text above which two clauses of one document are one card
_LAW_LABEL = re.compile(r"^第[一二三四五六七八九十百千零〇\d]+条")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_LIST_SEP = "、，,；;/ \u3000\t\n"  # task tables separate departments by spaces and " / " too


def chinese_date(date: str | None) -> str:
    """2021-12-10 → 2021年12月10日 (the form used in official text); other strings unchanged."""
    m = _DATE.match(date or "")
    if not m:
        return date or ""
    return f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日"


def is_law_article(hit: dict) -> bool:
    """A numbered article of a law or regulation (cited by 第X条), not a section of a plan."""
    return hit.get("kind") == "article" and bool(_LAW_LABEL.match(hit.get("label") or ""))


def citation_text(hit: dict) -> str:
    """What "复制引用" copies: 《标题》（文号）第X条 for laws, 《标题》（文号） section path for plans, then the date.

    Documents without a 文号 drop the parentheses rather than showing an empty pair.
    """
    text = f"《{hit.get('doc_title') or ''}》"
    if hit.get("doc_number"):
        text += f"（{hit['doc_number']}）"
    if is_law_article(hit):
        text += _LAW_LABEL.match(hit["label"]).group(0)
    elif hit.get("section"):
        text += f" {hit['section']}"
    date = chinese_date(hit.get("doc_date"))
    return f"{text}，{date}" if date else text


def clause_link(doc_id: str, clause_id: str | None = None) -> str:
    """A deep link to the 文件 tab: ids may hold Chinese, ':' and '#', so every part is percent-encoded."""
    link = f"?doc={quote(doc_id, safe='')}"
    return f"{link}&clause={quote(clause_id, safe='')}" if clause_id else link


def similarity(a: str, b: str) -> float:
    """Share of identical text between two clauses (0..1); the cheap upper bound is tried first."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() <= NEAR_DUPLICATE or matcher.quick_ratio() <= NEAR_DUPLICATE:
        return matcher.quick_ratio()
    return matcher.ratio()


def merge_near_duplicates(hits: list[dict]) -> list[dict]:
    """Drop a card whose document already has a card with >80% identical text (the scraped plan
    repeats sentences); the kept, better-ranked card lists the merged clause ids under "merged"."""
    kept: list[dict] = []
    for hit in hits:
        twin = next((k for k in kept if k["doc_id"] == hit["doc_id"]
                     and similarity(k["text"], hit["text"]) > NEAR_DUPLICATE), None)
        if twin is None:
            kept.append({**hit, "merged": []})
        else:
            twin["merged"].append(hit["clause_id"])
    return kept


def _department_key(name: str) -> str:
    """Spelling differences that do not make a different department: brackets' width, spaces."""
    return re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")


def split_list(text: str) -> list[str]:
    """Split "A、B(含C、D)；E" at separators outside brackets: a department's note stays whole."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += 1 if ch in "(（" else -1 if ch in ")）" else 0
        if ch in _LIST_SEP and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [p.strip() for p in parts + [current] if p.strip()]


def merge_departments(items) -> list[str]:
    """Departments from lists or "、"-joined strings, each once, in first-mention order."""
    seen, out = set(), []
    for item in ([items] if isinstance(items, str) else items or ()):
        for name in split_list(item or ""):
            name = name.strip()
            if name and _department_key(name) not in seen:
                seen.add(_department_key(name))
                out.append(name)
    return out
