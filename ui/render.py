"""HTML for the UI: answers, citation cards, hit lists and document outlines.

Every piece of document or user text goes through `html.escape` before any markup is
added, so nothing in a clause or a question can inject tags or script.
"""
from __future__ import annotations

import html
from typing import Iterable

CSS = """
.kb-answer {border-left: 4px solid #2563eb; background: #eff6ff; padding: 12px 16px; border-radius: 6px;
            font-size: 1.05rem; line-height: 1.7; margin-bottom: 14px; color: #111827;}
.kb-asked {color: #4b5563; font-size: 0.92rem; margin-bottom: 4px;}
.kb-answer.kb-refusal {border-color: #9ca3af; background: #f3f4f6;}
.kb-error {border-left: 4px solid #dc2626; background: #fef2f2; padding: 10px 14px; border-radius: 6px; color: #7f1d1d;}
.kb-note {color: #4b5563; margin: 4px 0 10px;}
.kb-card {border: 1px solid #e5e7eb; border-radius: 8px; padding: 12px 16px; margin: 10px 0; background: #fff;
          color: #111827;}
.kb-card .kb-title {font-weight: 600; font-size: 1.02rem;}
.kb-card .kb-n {color: #2563eb; margin-right: 6px;}
.kb-card .kb-meta, .kb-card .kb-path, .kb-card .kb-id {color: #6b7280; font-size: 0.86rem; margin-top: 2px;}
.kb-card .kb-text {margin-top: 8px; line-height: 1.75; white-space: pre-wrap;}
mark.kb-term {background: #fef08a; padding: 0 1px;}
mark.kb-num {background: #bbf7d0; font-weight: 600; padding: 0 1px;}
.kb-card details {margin-top: 8px;}
.kb-card summary {cursor: pointer; color: #2563eb; font-size: 0.9rem;}
.kb-ctx {border-left: 3px solid #e5e7eb; padding: 4px 10px; margin: 6px 0; color: #6b7280; white-space: pre-wrap;}
.kb-ctx.kb-self {border-color: #2563eb; color: #111827;}
.kb-doc h3 {margin: 0 0 4px;}
.kb-outline details {margin-left: 14px;}
.kb-outline summary {cursor: pointer; font-weight: 600; margin: 4px 0;}
.kb-clause {margin: 4px 0 4px 14px; white-space: pre-wrap; line-height: 1.6;}
.kb-clause code {color: #6b7280; font-size: 0.8rem;}
"""


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def highlight(text: str, terms: Iterable[str] = (), numbers: Iterable[str] = ()) -> str:
    """Escaped `text` with matched terms and numbers wrapped in <mark> (numbers win overlaps)."""
    spans: list[tuple[int, int, str]] = []
    for words, cls in ((numbers, "kb-num"), (terms, "kb-term")):
        for word in sorted({w for w in words if w}, key=len, reverse=True):
            start = text.find(word)
            while start != -1:
                end = start + len(word)
                if not any(s < end and start < e for s, e, _ in spans):
                    spans.append((start, end, cls))
                start = text.find(word, end)
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


def hit_card(hit: dict, n: int, ctx=None, show_score: bool = False) -> str:
    """One cited clause: 《document》, 文号 and date, section path, highlighted text, context."""
    meta = " · ".join(esc(x) for x in (hit.get("doc_number"), hit.get("doc_date"), hit.get("doc_type")) if x)
    score = f' · 得分 {hit["score"]:.4f}' if show_score else ""
    path = esc(hit.get("section") or "（正文开头）")
    return (f'<div class="kb-card" data-clause-id="{esc(hit["clause_id"])}">'
            f'<div class="kb-title"><span class="kb-n">[{n}]</span>《{esc(hit["doc_title"])}》</div>'
            f'<div class="kb-meta">{meta}</div><div class="kb-path">{path}</div>'
            f'<div class="kb-text">{highlight(hit["text"], hit["matched_terms"], hit["numbers"])}</div>'
            f'{_context(ctx, hit) if ctx else ""}'
            f'<div class="kb-id">条款编号 {esc(hit["clause_id"])}{score}</div></div>')


def answer(ans: dict, contexts: dict) -> str:
    """The question and answer, then each citation as a card."""
    asked = f'<div class="kb-asked">问：{esc(ans["query"])}</div>'
    if not ans["answerable"]:
        return f'<div class="kb-answer kb-refusal">{asked}{esc(ans["answer"])}</div>'
    body = highlight(ans["answer"], (), [ans["value"]] if ans.get("value") else [])
    cards = [hit_card(h, i, contexts.get(h["clause_id"])) for i, h in enumerate(ans["citations"], 1)]
    return (f'<div class="kb-answer">{asked}<b>答：</b>{body}</div>'
            f'{note(f"依据以下 {len(cards)} 条条款（按相关度排序）：")}{"".join(cards)}')


def hits(found: list[dict], contexts: dict) -> str:
    """Ranked clauses for the 检索 tab."""
    if not found:
        return note("没有符合条件的条款。请放宽筛选条件或换一种说法。")
    cards = [hit_card(h, i, contexts.get(h["clause_id"]), show_score=True) for i, h in enumerate(found, 1)]
    return note(f"共 {len(found)} 条结果：") + "".join(cards)


def document(doc: dict, tree: dict, clauses: dict) -> str:
    """A document's metadata and its outline; each section expands to its clauses."""
    meta = " · ".join(esc(x) for x in (doc.get("number"), doc.get("date"), doc.get("type"), doc.get("scope"),
                                       doc.get("status"), "、".join(doc.get("issuer") or ())) if x)
    return (f'<div class="kb-doc"><h3>《{esc(doc["title"])}》</h3><div class="kb-note">{meta} · '
            f'{len(clauses)} 条条款</div><div class="kb-outline">{_section(tree, clauses, top=True)}</div></div>')


def _section(node: dict, clauses: dict, top: bool = False) -> str:
    items = "".join(f'<div class="kb-clause"><code>{esc(cid)}</code> {esc(clauses[cid].text)}</div>'
                    for cid in node["clause_ids"])
    children = "".join(_section(child, clauses) for child in node["children"])
    if top:
        return items + children
    count = _count(node)
    return f'<details><summary>{esc(node["title"])}（{count}）</summary>{items}{children}</details>'


def _count(node: dict) -> int:
    return len(node["clause_ids"]) + sum(_count(c) for c in node["children"])


# ---- targets: a table and a chart (plain data, no markup) ----------------------
TABLE_COLUMNS = ["年份", "指标", "类型", "数值", "范围", "文件", "条款编号", "原文"]


def _number(row: dict) -> float | None:
    for value in (row.get("number"), row.get("value")):
        try:
            return float(value)
        except (TypeError, ValueError):
            continue
    return None


def short_title(title: str, limit: int = 14) -> str:
    """A document title short enough for a chart axis."""
    for prefix in ("中共北京市委 北京市人民政府关于", "北京市人民政府关于"):
        title = title.removeprefix(prefix)
    return title if len(title) <= limit else title[:limit] + "…"


def targets_table(rows: list[dict]):
    """One line per target or status figure, with its source."""
    import pandas as pd

    data = [[r.get("year") or "—", r.get("indicator", ""), "目标" if r.get("kind") == "target" else "现状",
             f"{r.get('qualifier') or ''}{r.get('value', '')}{r.get('unit') or ''}", r.get("scope") or "",
             f"《{r.get('doc_title', '')}》", r.get("clause_id", ""), r.get("text", "")] for r in rows]
    return pd.DataFrame(data, columns=TABLE_COLUMNS)


def targets_chart(rows: list[dict]):
    """Points by year, one colour per document and scope; only the most common unit is drawn."""
    import pandas as pd

    units = [r.get("unit") or "" for r in rows if _number(r) is not None]
    unit = max(set(units), key=units.count) if units else ""
    data = [[f"{r['year']}年", _number(r), f"{short_title(r.get('doc_title', ''), 10)}·{r.get('scope') or '全市'}",
             "目标" if r.get("kind") == "target" else "现状"]
            for r in rows if r.get("year") and _number(r) is not None and (r.get("unit") or "") == unit]
    return pd.DataFrame(data, columns=["年份", "数值", "来源", "类型"])
