"""What each control does: parse the widgets, call the KnowledgeBase, render HTML (no retrieval here)."""
from __future__ import annotations

import json
from typing import Callable

import gradio as gr

from kb import Filters, KBError, KnowledgeBase
from kb.documents.outline import section_tree

from ui import charts, conversation, render
from ui.export import conversation_docx

MODES = {"混合（关键词＋语义）": "hybrid", "关键词（BM25）": "bm25", "语义（向量）": "dense"}
ANY = "不限"
CONTEXT_NEIGHBOURS = 1  # clauses shown before and after a citation when expanded


def _with_notice(notice: str | None, html: str) -> str:
    """The page, preceded by the busy notice when the results are keyword-only."""
    return render.note(notice) + html if notice else html


def _chosen(value: str | None) -> str | None:
    return None if value in (None, "", ANY) else value


def link_target(params) -> tuple[str | None, str | None]:
    """(doc id, clause id) from a deep link's query (?doc=…&clause=…), already percent-decoded."""
    params = params or {}
    return (params.get("doc") or "").strip() or None, (params.get("clause") or "").strip() or None


class Callbacks:
    """Thin functions over a KnowledgeBase returned by `get_kb` (it changes when an index is published)."""

    def __init__(self, get_kb: Callable[[], KnowledgeBase]):
        self.get_kb = get_kb

    def _contexts(self, hits) -> dict:
        kb = self.get_kb()
        return {h.clause_id: kb.clause(h.clause_id, CONTEXT_NEIGHBOURS) for h in hits}

    def _answer(self, question: str, history: list[str]) -> tuple[str, dict | None]:
        """The rendered answer and its dict, or an error message and None."""
        try:
            ans = conversation.ask(self.get_kb(), question or "", history)
        except KBError as exc:
            return render.error(exc), None
        data = conversation.answer_dict(ans)
        return _with_notice(ans.notice, render.answer(data, self._contexts(ans.citations))), data

    def ask(self, question: str) -> str:
        """One question without a conversation (kept for scripts and tests)."""
        return self._answer(question, [])[0]

    def chat(self, question: str, state: dict):
        """Ask with the earlier questions as context; returns chat, cleared box, state, download."""
        state = state or conversation.new_state()
        html, data = self._answer(question, conversation.history(state))
        state = conversation.add_turn(state, question or "", html, data)
        path = conversation_docx([t["answer"] for t in state["turns"]])
        download = gr.DownloadButton(value=str(path), visible=True) if path else gr.DownloadButton(visible=False)
        return state["messages"], "", state, download

    def chat_example(self, sample: list, state: dict):
        """A clicked example question, asked in the conversation."""
        return self.chat(sample[0] if sample else "", state)

    def clear(self):
        """A new conversation."""
        return [], "", conversation.new_state(), gr.DownloadButton(visible=False)

    def search(self, question: str, k: float, mode: str, doc_ids: list[str], doc_types: list[str],
               year: str, district: str) -> str:
        year = _chosen(year)
        filters = Filters(doc_ids=list(doc_ids or []), doc_types=list(doc_types or []),
                          year=int(year) if year else None, district=_chosen(district))
        try:
            found = self.get_kb().retrieve(question or "", k=int(k), mode=MODES.get(mode, mode), filters=filters)
        except KBError as exc:
            return render.error(exc)
        return _with_notice(found.notice, render.hits([h.to_dict() for h in found.hits], self._contexts(found.hits)))

    def targets(self, indicator: str, year: str, scope: str):
        """Summary, table and chart points for one indicator."""
        year = _chosen(year)
        try:
            rows = self.get_kb().targets(indicator or "", year=int(year) if year else None, scope=_chosen(scope))
        except KBError as exc:
            return render.error(exc), charts.targets_table([]), charts.chart_points([])
        table = charts.targets_table(rows)
        summary = render.note(f"“{indicator}”共 {len(table)} 条记录（目标值与现状值）。" if rows
                              else f"没有找到指标“{indicator}”的目标值，请换一个指标名称。")
        return summary, table, charts.chart_points(rows)

    def targets_view(self, indicator: str, year: str, scope: str):
        """As `targets`, with the points drawn as a new figure (its own legend, one panel per unit)."""
        summary, table, points = self.targets(indicator, year, scope)
        return summary, table, charts.targets_figure(points, (indicator or "").strip())

    def document(self, doc_id: str | None, focus: str | None = None) -> str:
        """A document's outline; `focus` (a clause id) is opened and highlighted."""
        if not doc_id:
            return render.note("请选择一份文件。")
        kb = self.get_kb()
        try:
            doc, clauses = kb.document_meta(doc_id), kb.document_clauses(doc_id)
        except KBError:
            return render.error(f"没有找到文件“{doc_id}”，链接可能已失效。请从上面的列表中选择文件。")
        tree = section_tree(clauses).to_dict()
        return render.document({**doc.to_dict(), "date": doc.date}, tree, {c.clause_id: c for c in clauses}, focus)

    def _focus(self, doc_id: str | None, clause_id: str | None) -> tuple[str | None, str]:
        """The document a link names (a clause id alone names its document too) and its outline."""
        if clause_id and not doc_id:
            doc_id = clause_id.split(":", 1)[0]  # clause ids start with their document's id
        return doc_id, self.document(doc_id, clause_id)

    def open_clause(self, doc_id: str | None, clause_id: str | None):
        """Switch to the 文件 tab on a document, scrolled (by the page script) to the clause."""
        doc_id, outline = self._focus(doc_id, clause_id)
        return gr.Tabs(selected="documents"), gr.Dropdown(value=doc_id), outline

    def goto(self, target: str):
        """A citation link clicked on the page: its {"doc", "clause"} arrive as JSON from the script."""
        try:
            data = json.loads(target or "{}")
        except ValueError:
            data = {}
        return self.open_clause(data.get("doc"), data.get("clause"))

    def on_load(self, request: gr.Request | None = None):
        """Choices from the loaded index, the status line, and the document a pasted link asks for."""
        kb = self.get_kb()
        docs = [(d.title, d.id) for d in kb.documents]
        types = sorted({d.type for d in kb.documents if d.type})
        scopes = [ANY] + sorted({d.scope for d in kb.documents if d.scope})
        i = kb.info  # the model id and the UTC build time stay in /health, not in front of officials
        status = (f"索引：{i['n_documents']} 份文件 · {i['n_clauses']} 条条款 · "
                  f"{'混合检索（关键词＋语义）' if i['dense'] else '仅关键词检索'}")
        doc_id, clause_id = link_target(request.query_params if request else None)
        if doc_id or clause_id:
            doc_id, outline = self._focus(doc_id, clause_id)
            tabs, picker = gr.Tabs(selected="documents"), gr.Dropdown(choices=docs, value=doc_id)
        else:
            tabs, picker, outline = gr.skip(), gr.Dropdown(choices=docs), gr.skip()
        return (gr.Dropdown(choices=docs), gr.Dropdown(choices=types), picker,
                gr.Dropdown(choices=scopes), status, tabs, outline)
