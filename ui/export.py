"""The 问答 conversation as a Word file: each question, its answer and the citations to quote."""
from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from ui import cite


def _add_turn(document, n: int, ans: dict) -> None:
    """One question with its answer, then each distinct citation and the clause text."""
    document.add_heading(f"{n}. 问：{ans['query']}", level=2)
    rq = (ans.get("resolved_query") or "").strip()
    if rq and rq != ans["query"].strip():
        document.add_paragraph(f"按“{rq}”理解")
    document.add_paragraph(f"答：{ans['answer']}")
    for i, hit in enumerate(cite.merge_near_duplicates(ans.get("citations") or []), 1):
        document.add_paragraph(f"[{i}] {cite.citation_text(hit)}")
        leads = cite.merge_departments((hit.get("fields") or {}).get("牵头部门", ""))
        if leads:
            document.add_paragraph(f"牵头部门：{'、'.join(leads)}")
        quote = document.add_paragraph(hit["text"])
        quote.paragraph_format.left_indent = 360000  # EMU, about 1 cm: the quotation stands apart


def conversation_docx(turns: list[dict], folder: Path | None = None) -> Path | None:
    """Write the conversation (answer dicts, oldest first) to a new .docx; None when empty."""
    from docx import Document

    if not turns:
        return None
    document = Document()
    document.add_heading("北京生态环境政策知识库 · 问答记录", level=1)
    # Local time for people in Beijing, not the UTC the index records.
    document.add_paragraph(f"导出时间：{datetime.now():%Y年%m月%d日 %H:%M}")
    for n, ans in enumerate(turns, 1):
        _add_turn(document, n, ans)
    folder = Path(folder or tempfile.mkdtemp(prefix="kb-export-"))
    path = folder / "问答记录.docx"
    document.save(path)
    return path
