"""Gradio interface in Chinese: 问答, 检索, 目标对比, 文件 — thin callbacks over the KnowledgeBase."""
from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # set before gradio loads: the app never phones home

from typing import Callable  # noqa: E402

import gradio as gr  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from kb import KnowledgeBase  # noqa: E402
from kb import vocab  # noqa: E402
from kb.search.query import MAX_QUERY_CHARS  # noqa: E402

from ui import render  # noqa: E402
from ui.assets import HEAD  # noqa: E402
from ui.callbacks import ANY, MODES, Callbacks  # noqa: E402,F401  (Callbacks: imported by tests)
from ui.conversation import new_state  # noqa: E402

EXAMPLES = vocab.data("examples")["questions"]
INDICATOR_EXAMPLES = vocab.data("examples")["indicators"]
YEARS = [ANY] + [str(y) for y in range(2020, 2036)]
INTRO = ("# 北京生态环境政策知识库\n离线检索北京市生态环境政策文件的条款；每个回答都附原文出处（文件、文号、章节），"
         "可一键复制引用或在文件中查看。")
# The citation link's script hands its target to the server through this hidden button.
GOTO_JS = "(target) => window.kbGoto || target"
SHOW_CLAUSE_JS = "() => { if (window.kbShowClause) window.kbShowClause(); }"


def _ask_tab(cb: Callbacks) -> None:
    """问答: a conversation, newest at the bottom; examples ask at once; the record downloads as Word."""
    state = gr.State(new_state())
    chat = gr.Chatbot(label="对话", elem_id="ask-chat", height=620, render_markdown=False, sanitize_html=True,
                      allow_tags=False, latex_delimiters=[], feedback_options=None, buttons=[],
                      placeholder="在下面输入问题，或点击示例问题。")
    with gr.Row():
        question = gr.Textbox(label="问题", placeholder=EXAMPLES[0], max_length=MAX_QUERY_CHARS,
                              scale=5, elem_id="ask-question")
        ask_btn = gr.Button("提问", variant="primary", scale=1, elem_id="ask-button")
    with gr.Row():
        download = gr.DownloadButton("下载问答记录（Word）", visible=False, elem_id="ask-download", size="sm")
        clear = gr.Button("清空对话", size="sm", elem_id="ask-clear")
    examples = gr.Dataset(components=[question], samples=[[q] for q in EXAMPLES], label="示例问题（点击即可提问）",
                          elem_id="ask-examples")
    outputs = [chat, question, state, download]
    ask_btn.click(cb.chat, [question, state], outputs)
    question.submit(cb.chat, [question, state], outputs)
    examples.click(cb.chat_example, [examples, state], outputs)
    clear.click(cb.clear, None, outputs)


def _search_tab(cb: Callbacks):
    """检索: ranked clauses with filters; returns the document filter (its choices load later)."""
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
    return docs, types


def _targets_tab(cb: Callbacks):
    """目标对比: a table and a chart per query; returns the scope filter (its choices load later)."""
    with gr.Row():
        indicator = gr.Textbox(label="指标", placeholder="例如：森林覆盖率", scale=3, elem_id="indicator")
        t_year = gr.Dropdown(label="年份", choices=YEARS, value=ANY, scale=1)
        scope = gr.Dropdown(label="范围", choices=[ANY], value=ANY, scale=1)
        targets_btn = gr.Button("对比", variant="primary", scale=1, elem_id="targets-button")
    summary = gr.HTML()
    chart = gr.Plot(label="各文件的目标值与现状值（实心为目标，空心为现状）", format="png", elem_id="targets-chart")
    table = gr.Dataframe(label="指标记录", wrap=True, interactive=False)
    gr.Examples([[x] for x in INDICATOR_EXAMPLES], inputs=[indicator], label="常见指标")
    targets_btn.click(cb.targets_view, [indicator, t_year, scope], [summary, table, chart])
    indicator.submit(cb.targets_view, [indicator, t_year, scope], [summary, table, chart])
    return scope


def build_ui(get_kb: Callable[[], KnowledgeBase]) -> gr.Blocks:
    """The Blocks layout; `get_kb` returns the KnowledgeBase loaded at start-up."""
    cb = Callbacks(get_kb)
    with gr.Blocks(title="北京生态环境政策知识库", analytics_enabled=False) as demo:
        gr.Markdown(INTRO)
        status = gr.Markdown(elem_id="kb-status")
        with gr.Tabs(selected="ask") as tabs:
            with gr.Tab("问答", id="ask"):
                _ask_tab(cb)
            with gr.Tab("检索", id="search"):
                docs, types = _search_tab(cb)
            with gr.Tab("目标对比", id="targets"):
                scope = _targets_tab(cb)
            with gr.Tab("文件", id="documents"):
                picker = gr.Dropdown(label="选择文件", choices=[], elem_id="doc-picker")
                outline = gr.HTML(render.note("选择一份文件，按章节浏览全部条款。"), elem_id="doc-outline")
                picker.input(cb.document, picker, outline)
        goto_target = gr.Textbox(visible="hidden", elem_id="kb-goto-target")
        goto_btn = gr.Button("打开条款", visible="hidden", elem_id="kb-goto-button")
        goto_btn.click(cb.goto, goto_target, [tabs, picker, outline], js=GOTO_JS).then(None, js=SHOW_CLAUSE_JS)
        demo.load(cb.on_load, None, [docs, types, picker, scope, status, tabs, outline]).then(None, js=SHOW_CLAUSE_JS)
    return demo


def mount_ui(app: FastAPI, get_kb: Callable[[], KnowledgeBase], path: str = "/") -> FastAPI:
    """Mount the interface on the API app: local fonts, no SSR, no share link, no footer, no raw errors."""
    theme = gr.themes.Default(primary_hue="blue", font=["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "ui-sans-serif",
                                    "system-ui", "sans-serif"],
                              font_mono=["ui-monospace", "Consolas", "monospace"])
    return gr.mount_gradio_app(app, build_ui(get_kb), path=path, css=render.CSS, head=HEAD, theme=theme,
                               ssr_mode=False, show_error=False, footer_links=[])
