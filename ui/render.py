"""HTML for the UI: answers, citation cards, hit lists and document outlines.

Every piece of document or user text goes through `html.escape` before any markup is
added, so nothing in a clause or a question can inject tags or script. Scores, model ids,
clause ids and UTC timestamps stay in the API's JSON and are never rendered for officials.
"""
from __future__ import annotations

import html
import re
from typing import Iterable

from ui import cite
from ui.assets import CSS  # noqa: F401  (re-exported: the page's style sheet)

_NUMBER_EDGE = "0-9.A-Za-z"  # a number touching one of these is part of a longer token (2025, PM2.5, 5.5)


def esc(text: object) -> str:
    """`text` safe for HTML text and attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


def _number_pattern(word: str) -> re.Pattern:
    """`word` only where it stands alone: "5" not inside "2025", "2.5" not inside "PM2.5"."""
    before = f"(?<![{_NUMBER_EDGE}])" if word[0].isdigit() or word[0] == "." else ""
    after = f"(?![{_NUMBER_EDGE}])" if word[-1].isdigit() else ""
    return re.compile(before + re.escape(word) + after)


def _spans(text: str, words: Iterable[str], cls: str, taken: list) -> None:
    """Add non-overlapping (start, end, cls) spans for `words`, longest first, to `taken`."""
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        pattern = _number_pattern(word) if cls == "kb-num" else re.compile(re.escape(word))
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                taken.append((m.start(), m.end(), cls))


def highlight(text: str, terms: Iterable[str] = (), numbers: Iterable[str] = ()) -> str:
    """Escaped `text` with matched terms and whole numbers wrapped in <mark> (numbers win overlaps)."""
    spans: list[tuple[int, int, str]] = []
    _spans(text, numbers, "kb-num", spans)
    _spans(text, terms, "kb-term", spans)
    out, pos = [], 0
    for start, end, cls in sorted(spans):
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="{cls}">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def error(message: object) -> str:
    return f'<div class="kb-error">{esc(message)}</div>'


def note(message: object) -> str:
    return f'<div class="kb-note">{esc(message)}</div>'


def _context(ctx, hit: dict) -> str:
    """Neighbouring clauses around the cited one, inside a collapsed <details>."""
    clause, before, after = ctx
    parts = [f'<div class="kb-ctx">{esc(c.text)}</div>' for c in before]
    parts.append(f'<div class="kb-ctx kb-self">{highlight(clause.text, hit["matched_terms"], hit["numbers"])}</div>')
    parts += [f'<div class="kb-ctx">{esc(c.text)}</div>' for c in after]
    return (f'<details><summary>查看上下文（前后 {len(before)} / {len(after)} 条）</summary>'
            f'{"".join(parts)}</details>')


def _actions(hit: dict) -> str:
    """The card's two actions: open the clause in its document, copy the citation.

    The chat's sanitiser drops data-* attributes, so the page script reads the target from the
    link's own href and the citation from a hidden sibling's text.
    """
    link = cite.clause_link(hit["doc_id"], hit["clause_id"])
    return (f'<div class="kb-actions"><a class="kb-goto" href="{esc(link)}">在文件中查看</a>'
            f'<button type="button" class="kb-copy">复制引用</button>'
            f'<span class="kb-cite-text">{esc(cite.citation_text(hit))}</span></div>')


def _duties(hit: dict) -> str:
    """A task row's lead departments, each named once (rows repeat them measure by measure)."""
    leads = cite.merge_departments((hit.get("fields") or {}).get("牵头部门", ""))
    return f'<div class="kb-meta">牵头部门：{esc("、".join(leads))}</div>' if leads else ""


def hit_card(hit: dict, n: int, ctx=None) -> str:
    """One cited clause: 《document》, 文号 and date, section path, highlighted text, context, actions."""
    meta = " · ".join(esc(x) for x in (hit.get("doc_number"), cite.chinese_date(hit.get("doc_date")),
                                       hit.get("doc_type")) if x)
    path = esc(hit.get("section") or "（正文开头）")
    merged = hit.get("merged") or []
    merged_note = f'<div class="kb-meta">另有 {len(merged)} 条内容相近的条款已合并。</div>' if merged else ""
    return (f'<div class="kb-card" data-clause-id="{esc(hit["clause_id"])}">'
            f'<div class="kb-title"><span class="kb-n">[{n}]</span>《{esc(hit["doc_title"])}》</div>'
            f'<div class="kb-meta">{meta}</div><div class="kb-path">{path}</div>{_duties(hit)}'
            f'<div class="kb-text">{highlight(hit["text"], hit["matched_terms"], hit["numbers"])}</div>'
            f'{_context(ctx, hit) if ctx else ""}{merged_note}{_actions(hit)}</div>')


def resolved(ans: dict) -> str:
    """"按“…”理解" when a follow-up was read as a fuller question (e.g. 那海淀区呢？ → 海淀区…)."""
    text = (ans.get("resolved_query") or "").strip()
    if not text or text == (ans.get("query") or "").strip():
        return ""
    return f'<div class="kb-resolved">按“{esc(text)}”理解</div>'


def answer(ans: dict, contexts: dict) -> str:
    """The answer (with the question it answers), then each distinct citation as a card."""
    asked = f'<div class="kb-asked">问：{esc(ans["query"])}</div>'
    if not ans["answerable"]:
        return f'{resolved(ans)}<div class="kb-answer kb-refusal">{asked}{esc(ans["answer"])}</div>'
    body = highlight(ans["answer"], (), [ans["value"]] if ans.get("value") else [])
    distinct = cite.merge_near_duplicates(ans["citations"])
    cards = [hit_card(h, i, contexts.get(h["clause_id"])) for i, h in enumerate(distinct, 1)]
    return (f'{resolved(ans)}<div class="kb-answer">{asked}<b>答：</b>{body}</div>'
            f'{note(f"依据以下 {len(cards)} 条条款（按相关度排序）：")}{"".join(cards)}')


def hits(found: list[dict], contexts: dict) -> str:
    """Ranked clauses for the 检索 tab (near-duplicates merged, no scores)."""
    if not found:
        return note("没有符合条件的条款。请放宽筛选条件或换一种说法。")
    distinct = cite.merge_near_duplicates(found)
    cards = [hit_card(h, i, contexts.get(h["clause_id"])) for i, h in enumerate(distinct, 1)]
    return note(f"共 {len(cards)} 条结果：") + "".join(cards)


def document(doc: dict, tree: dict, clauses: dict, focus: str | None = None) -> str:
    """A document's metadata and its outline; `focus` (a clause id) is opened, marked and anchored."""
    issuers = "、".join(cite.merge_departments(doc.get("issuer") or ()))
    meta = " · ".join(esc(x) for x in (doc.get("number"), cite.chinese_date(doc.get("date")), doc.get("type"),
                                       doc.get("scope"), doc.get("status"), issuers) if x)
    outline, _ = _section(tree, clauses, focus, top=True)
    return (f'<div class="kb-doc" data-doc-id="{esc(doc["id"])}"><h3>《{esc(doc["title"])}》</h3>'
            f'<div class="kb-note">{meta} · {len(clauses)} 条条款</div><div class="kb-outline">{outline}</div></div>')


def _clause(clause, focus: str | None) -> str:
    """One clause with an anchor id; the focused one carries the highlight class."""
    cls = "kb-clause kb-hl" if clause.clause_id == focus else "kb-clause"
    return (f'<div class="{cls}" id="c-{esc(clause.clause_id)}" data-clause-id="{esc(clause.clause_id)}">'
            f'{esc(clause.text)}</div>')


def _section(node: dict, clauses: dict, focus: str | None, top: bool = False) -> tuple[str, bool]:
    """A section's HTML and whether it holds `focus` (then it is rendered open)."""
    items = "".join(_clause(clauses[cid], focus) for cid in node["clause_ids"])
    children = [_section(child, clauses, focus) for child in node["children"]]
    holds = focus in node["clause_ids"] or any(h for _, h in children)
    inner = items + "".join(c for c, _ in children)
    if top:
        return inner, holds
    opened = " open" if holds else ""
    return f'<details{opened}><summary>{esc(node["title"])}（{_count(node)}）</summary>{inner}</details>', holds


def _count(node: dict) -> int:
    return len(node["clause_ids"]) + sum(_count(c) for c in node["children"])
