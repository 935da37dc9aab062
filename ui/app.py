"""Gradio interface in Chinese: 问答, 检索, 目标对比, 文件 — thin callbacks over the KnowledgeBase."""
from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # set before gradio loads: the app never phones home

from typing import Callable  # noqa: E402

import gradio as gr  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from kb import Filters, KBError, KnowledgeBase  # noqa: E402
from kb.documents.outline import section_tree  # noqa: E402
from kb import vocab  # noqa: E402
from kb.search.query import MAX_QUERY_CHARS  # noqa: E402

from ui import render  # noqa: E402

EXAMPLES = vocab.data("examples")["questions"]
INDICATOR_EXAMPLES = vocab.data("examples")["indicators"]
MODES = {"混合（关键词＋语义）": "hybrid", "关键词（BM25）": "bm25", "语义（向量）": "dense"}
ANY = "不限"
YEARS = [ANY] + [str(y) for y in range(2020, 2036)]
CONTEXT_NEIGHBOURS = 1  # clauses shown before and after a citation when expanded
INTRO = ("# 北京生态环境政策知识库\n离线检索北京市生态环境政策文件的条款；每个回答都附原文出处（文件、文号、章节）。"
         "接口文档见 [/docs](/docs)。")


def _with_notice(notice: str | None, html: str) -> str:
    """The page, preceded by the busy notice when the results are keyword-only."""
    return render.note(notice) + html if notice else html


def _chosen(value: str | None) -> str | None:
    return None if value in (None, "", ANY) else value


class Callbacks:
    """What each control does: parse the widgets, call the KnowledgeBase, render HTML."""

    def __init__(self, get_kb: Callable[[], KnowledgeBase]):
        self.get_kb = get_kb

    def _contexts(self, hits) -> dict:
        kb = self.get_kb()
        return {h.clause_id: kb.clause(h.clause_id, CONTEXT_NEIGHBOURS) for h in hits}

    def ask(self, question: str) -> str:
        try:
            ans = self.get_kb().ask(question or "")
        except KBError as exc:
            return render.error(exc)
        return _with_notice(ans.notice, render.answer(ans.to_dict(), self._contexts(ans.citations)))

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
        year = _chosen(year)
        try:
            rows = self.get_kb().targets(indicator or "", year=int(year) if year else None, scope=_chosen(scope))
        except KBError as exc:
            return render.error(exc), render.targets_table([]), render.targets_chart([])
        summary = render.note(f"“{indicator}”共 {len(rows)} 条记录（目标值与现状值）。" if rows
                              else f"没有找到指标“{indicator}”的目标值，请换一个指标名称。")
        return summary, render.targets_table(rows), render.targets_chart(rows)

    def document(self, doc_id: str | None) -> str:
        if not doc_id:
            return render.note("请选择一份文件。")
        kb = self.get_kb()
        try:
            doc, clauses = kb.document_meta(doc_id), kb.document_clauses(doc_id)
        except KBError as exc:
            return render.error(exc)
        tree = section_tree(clauses).to_dict()
        return render.document({**doc.to_dict(), "date": doc.date}, tree, {c.clause_id: c for c in clauses})

    def on_load(self):
        """Choices that depend on the loaded index, and the status line."""
        kb = self.get_kb()
        docs = [(d.title, d.id) for d in kb.documents]
        types = sorted({d.type for d in kb.documents if d.type})
        scopes = [ANY] + sorted({d.scope for d in kb.documents if d.scope})
        i = kb.info
        status = (f"索引：{i['n_documents']} 份文件 · {i['n_clauses']} 条条款 · "
                  f"{'混合检索' if i['dense'] else '仅关键词检索'}（{i['model_id'] or '无向量模型'}）· 构建于 {i['built_at']}")
        return (gr.Dropdown(choices=docs), gr.Dropdown(choices=types), gr.Dropdown(choices=docs),
                gr.Dropdown(choices=scopes), status)


def build_ui(get_kb: Callable[[], KnowledgeBase]) -> gr.Blocks:
    """The Blocks layout; `get_kb` returns the KnowledgeBase loaded at start-up."""
    cb = Callbacks(get_kb)
    with gr.Blocks(title="北京生态环境政策知识库", analytics_enabled=False) as demo:
        gr.Markdown(INTRO)
        status = gr.Markdown(elem_id="kb-status")
        with gr.Tabs():
            with gr.Tab("问答", id="ask"):
                with gr.Row():
                    question = gr.Textbox(label="问题", placeholder=EXAMPLES[0], max_length=MAX_QUERY_CHARS,
                                          scale=5, elem_id="ask-question")
                    ask_btn = gr.Button("提问", variant="primary", scale=1, elem_id="ask-button")
                answer = gr.HTML(elem_id="ask-answer", render=False)  # placed below the examples
                gr.Examples([[q] for q in EXAMPLES], inputs=[question], outputs=[answer], fn=cb.ask,
                            run_on_click=True, cache_examples=False, label="示例问题（点击即可提问）")
                answer.render()
                ask_btn.click(cb.ask, question, answer)
                question.submit(cb.ask, question, answer)
            with gr.Tab("检索", id="search"):
                with gr.Row():
                    query = gr.Textbox(label="检索内容", placeholder="例如：扬尘管控", scale=4,
                                       max_length=MAX_QUERY_CHARS, elem_id="search-query")
                    search_btn = gr.Button("检索", variant="primary", scale=1, elem_id="search-button")
                with gr.Row():
                    docs = gr.Dropdown(label="文件", multiselect=True, choices=[], elem_id="filter-docs")
                    types = gr.Dropdown(label="文件类型", multiselect=True, choices=[])
                    year = gr.Dropdown(label="年份", choices=YEARS, value=ANY)
                    district = gr.Dropdown(label="区", choices=[ANY, *vocab.districts()], value=ANY)
                with gr.Row():
                    k = gr.Slider(1, 50, value=10, step=1, label="返回条数")
                    mode = gr.Radio(list(MODES), value=next(iter(MODES)), label="检索方式")
                results = gr.HTML(elem_id="search-results")
                inputs = [query, k, mode, docs, types, year, district]
                search_btn.click(cb.search, inputs, results)
                query.submit(cb.search, inputs, results)
            with gr.Tab("目标对比", id="targets"):
                with gr.Row():
                    indicator = gr.Textbox(label="指标", placeholder="例如：森林覆盖率", scale=3, elem_id="indicator")
                    t_year = gr.Dropdown(label="年份", choices=YEARS, value=ANY, scale=1)
                    scope = gr.Dropdown(label="范围", choices=[ANY], value=ANY, scale=1)
                    targets_btn = gr.Button("对比", variant="primary", scale=1)
                summary = gr.HTML()
                chart = gr.ScatterPlot(x="年份", y="数值", color="来源", title="各文件的目标值与现状值",
                                       y_title="数值", sort="x", tooltip="all", height=320)
                table = gr.Dataframe(label="指标记录", wrap=True, interactive=False)
                gr.Examples([[x] for x in INDICATOR_EXAMPLES], inputs=[indicator], label="常见指标")
                targets_btn.click(cb.targets, [indicator, t_year, scope], [summary, table, chart])
                indicator.submit(cb.targets, [indicator, t_year, scope], [summary, table, chart])
            with gr.Tab("文件", id="documents"):
                picker = gr.Dropdown(label="选择文件", choices=[], elem_id="doc-picker")
                outline = gr.HTML(render.note("选择一份文件，按章节浏览全部条款。"))
                picker.change(cb.document, picker, outline)
        demo.load(cb.on_load, None, [docs, types, picker, scope, status])
    return demo


def mount_ui(app: FastAPI, get_kb: Callable[[], KnowledgeBase], path: str = "/") -> FastAPI:
    """Mount the interface on the API app: local fonts, no SSR, no share link, no raw errors shown."""
    theme = gr.themes.Default(primary_hue="blue", font=["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "ui-sans-serif",
                                    "system-ui", "sans-serif"],
                              font_mono=["ui-monospace", "Consolas", "monospace"])
    return gr.mount_gradio_app(app, build_ui(get_kb), path=path, css=render.CSS, theme=theme,
                               ssr_mode=False, show_error=False, footer_links=["settings"])
