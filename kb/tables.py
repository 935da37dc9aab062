"""Tab-separated tables: task tables (序号 / 重点任务 / … / 牵头部门) and indicator tables."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .cleaning import clean_text, strip_markup, to_simplified

if TYPE_CHECKING:
    from .clauses import Builder

TASK_COLUMNS = ("序号", "重点任务", "工作措施", "完成时限", "牵头部门", "主责单位", "协办单位")
_P_SPLIT = re.compile(r"</p>\s*<p>|</?p>")
_EMPTY = {"", "—", "——", "-", "/"}
KEEP_FIRST = ("序号", "重点任务")  # a task keeps its first name when a page break repeats it
_CAPTION_NUMBER = re.compile(r"^表\s*(\d+)")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def is_table_line(raw: str) -> bool:
    """A tab-separated row: at least three cells."""
    return raw.count("\t") >= 2


def split_cells(raw: str) -> list[str]:
    """Cells of one row; <p> items inside a cell become separate lines."""
    cells = []
    for cell in raw.rstrip("\n").split("\t"):
        items = [clean_text(x) for x in _P_SPLIT.split(cell)]
        cells.append("\n".join(x for x in items if x))
    return cells


def _header_name(cell: str) -> str:
    """Header cells are wrapped in the PDF: drop every space ("年 均浓度" -> "年均浓度")."""
    return re.sub(r"\s+", "", to_simplified(strip_markup(cell)))


def _is_header(cells: list[str]) -> bool:
    first = _header_name(cells[0]) if cells else ""
    return first in ("序号", "区") or "指标名称" in "".join(cells)


def _header(cells: list[str]) -> list[str]:
    header = [_header_name(c) for c in cells]
    while header and not header[-1]:
        header.pop()  # a stray tab at the end of a repeated header row
    return header


@dataclass
class TableState:
    """The table being read: its header, kind and the task row still collecting continuations."""

    header: list[str]
    kind: str  # task | indicator
    name: str
    key: str  # "表2": the caption's number, else the table's place in its annex or chapter
    scope: str  # the id of the annex or chapter the table sits in
    rows_seen: int = 0
    task: dict[str, str] | None = None
    task_lines: tuple[int, int] = (0, 0)
    task_path: list[str] = field(default_factory=list)
    fill_down: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def feed(builder: "Builder", state: "TableState | None", cells: list[str], line: int) -> "TableState | None":
        """Consume one table row; return the state to use for the next one."""
        if _is_header(cells):
            header = _header(cells)
            if state is not None and state.header == header:
                return state  # the header repeated at the top of a new page
            if state is not None:
                state.finish(builder)
            return TableState.open(builder, header)
        if state is None:
            return None  # rows without any header: nothing to name their columns by
        state.row(builder, cells, line)
        return state

    @staticmethod
    def open(builder: "Builder", header: list[str]) -> "TableState":
        """Start a table under the caption just read, or under the open heading."""
        caption = builder.loose_title or ""
        builder.loose_title = None
        name = caption or (builder.stack[-1].title if builder.stack else builder.doc.title)
        scope = builder.path_id().split(".")[0]
        builder.table_counts[scope] = builder.table_counts.get(scope, 0) + 1
        numbered = _CAPTION_NUMBER.match(caption)
        key = f"表{numbered.group(1) if numbered else builder.table_counts[scope]}"
        kind = "task" if "牵头部门" in header else "indicator"
        return TableState(header, kind, name, key, scope)

    def row(self, builder: "Builder", cells: list[str], line: int) -> None:
        """Read one body row as a task or an indicator."""
        values = dict(zip(self.header, cells + [""] * (len(self.header) - len(cells))))
        if self.kind == "task":
            self._task_row(builder, values, line)
        else:
            self._indicator_row(builder, values, line)

    def _task_row(self, builder: "Builder", values: dict[str, str], line: int) -> None:
        number = values.get("序号", "").strip()
        if self.task is not None and (not number or number == self.task.get("序号")):
            self._continue_task(values, line)
            return
        self.finish(builder)
        if "重点任务" in values:
            values["重点任务"] = _CJK_GAP.sub("", values["重点任务"])
        self.task = dict(values)
        self.task_lines = (line, line)
        self.task_path = builder.path_titles()

    def _continue_task(self, values: dict[str, str], line: int) -> None:
        """A row with no number, or the same number after a page break, adds to the task above."""
        task = self.task
        for key, value in values.items():
            if not value or key in KEEP_FIRST or value in task.get(key, ""):
                continue
            task[key] = f"{task[key]}\n{value}" if task.get(key) else value
        self.task_lines = (self.task_lines[0], line)

    def finish(self, builder: "Builder") -> None:
        """Emit the task row still open, if any."""
        if self.task is None:
            return
        task, (start, end) = self.task, self.task_lines
        self.task = None
        fields = {k: task.get(k, "") for k in TASK_COLUMNS if k in task}
        annex = self.task_path[0] if self.scope.startswith("A") and self.task_path else ""
        if annex:
            fields["附件"] = annex
        clause = builder.new_clause(
            f"{self.scope}.T{fields.get('序号', '')}", fields.get("序号", ""),
            "task_row", task_text(fields), start, fields=fields, section_path=self.task_path,
        )
        clause.end_line = end

    def _indicator_row(self, builder: "Builder", values: dict[str, str], line: int) -> None:
        for key in ("指标类别",):
            if key in values:
                if values[key]:
                    self.fill_down[key] = values[key]
                else:
                    values[key] = self.fill_down.get(key, "")
        first = self.header[0]
        values[first] = re.sub(r"\s+", "", values.get(first, ""))
        row_key = values[first] or str(self.rows_seen + 1)
        self.rows_seen += 1
        subject = values.get("指标名称") or values.get(first, "")
        parts = [f"{k}：{v}" for k, v in values.items()
                 if k not in (first, "指标名称") and v.strip() not in _EMPTY]
        text = f"{subject}：" + "；".join(parts) + "。"
        clause = builder.new_clause(
            f"{self.scope}.{self.key}.{row_key}", row_key, "indicator_row",
            text, line, fields={k: v for k, v in values.items() if k},
        )
        if not clause.section_path or clause.section_path[-1] != self.name:
            clause.section_path.append(self.name)


def task_text(fields: dict[str, str], measures: str | None = None) -> str:
    """How a task row reads to a person: task, measures, then who and when."""
    measures = fields.get("工作措施", "") if measures is None else measures
    duty = "；".join(
        f"{k}：{_one_line(fields[k])}" for k in ("完成时限", "牵头部门", "主责单位", "协办单位")
        if fields.get(k, "").strip() not in _EMPTY
    )
    return f"【{fields.get('重点任务', '')}】{measures}\n{duty}"


def _one_line(value: str) -> str:
    return " / ".join(dict.fromkeys(v.strip() for v in value.split("\n") if v.strip()))
