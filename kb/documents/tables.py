"""Tab-separated tables: task tables (序号 / 重点任务 / … / 牵头部门) and indicator tables.

A `Table` reads rows and hands back finished `TableRow`s; the clause builder turns them into
clauses. Column names are data (kb/data/tables.json).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kb import vocab
from kb.documents.cleaning import clean_text, strip_markup, to_simplified

_P_SPLIT = re.compile(r"</p>\s*<p>|</?p>")
_EMPTY = {"", "—", "——", "-", "/"}
_CAPTION_NUMBER = re.compile(r"^表\s*(\d+)")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


@lru_cache(maxsize=1)
def columns() -> dict:
    """Column names of task and indicator tables (kb/data/tables.json)."""
    return vocab.data("tables")


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


def header_of(cells: list[str]) -> list[str] | None:
    """The column names if this row is a table header, else None."""
    names = [_header_name(c) for c in cells]
    first = names[0] if names else ""
    if first not in columns()["header_first_cells"] and not any(m in "".join(names) for m in columns()["header_markers"]):
        return None
    while names and not names[-1]:
        names.pop()  # a stray tab at the end of a repeated header row
    return names


def table_key(caption: str, count: int) -> str:
    """"表2": the caption's number, else the table's place in its annex or chapter."""
    numbered = _CAPTION_NUMBER.match(caption)
    return f"表{numbered.group(1) if numbered else count}"


@dataclass
class TableRow:
    """A finished row, ready to become a clause."""

    kind: str  # task_row | indicator_row
    key: str  # id piece under the table's scope: "T14", "表8.朝阳区"
    label: str
    text: str
    fields: dict[str, str]
    start_line: int
    end_line: int
    section_path: list[str] | None = None  # task rows: the headings open when the task started
    caption: str | None = None  # indicator rows: the table's name, appended to the section path


@dataclass
class Table:
    """The table being read: its header, kind, and the task row still collecting continuations."""

    header: list[str]
    name: str
    key: str
    annex: str = ""  # the annex the table sits in, recorded on task rows
    rows_seen: int = 0
    task: dict[str, str] | None = None
    task_lines: tuple[int, int] = (0, 0)
    task_path: list[str] = field(default_factory=list)
    fill_down: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return "task" if columns()["task_marker"] in self.header else "indicator"

    def row(self, cells: list[str], line: int, path: list[str]) -> list[TableRow]:
        """Read one body row; return the rows it finished."""
        values = dict(zip(self.header, cells + [""] * (len(self.header) - len(cells))))
        if self.kind == "task":
            return self._task_row(values, line, path)
        return [self._indicator_row(values, line)]

    def finish(self) -> list[TableRow]:
        """The task row still open, if any."""
        if self.task is None:
            return []
        task, (start, end) = self.task, self.task_lines
        self.task = None
        fields = {k: task.get(k, "") for k in columns()["task_columns"] if k in task}
        if self.annex:
            fields["附件"] = self.annex
        number = fields.get("序号", "")
        return [TableRow("task_row", f"T{number}", number, task_text(fields), fields, start, end,
                         section_path=list(self.task_path))]

    def _task_row(self, values: dict[str, str], line: int, path: list[str]) -> list[TableRow]:
        number = values.get("序号", "").strip()
        if self.task is not None and (not number or number == self.task.get("序号")):
            self._continue_task(values, line)
            return []
        done = self.finish()
        name = columns()["task_name"]
        if name in values:
            values[name] = _CJK_GAP.sub("", values[name])
        self.task = dict(values)
        self.task_lines = (line, line)
        self.task_path = list(path)
        return done

    def _continue_task(self, values: dict[str, str], line: int) -> None:
        """A row with no number, or the same number after a page break, adds to the task above."""
        task = self.task
        for key, value in values.items():
            if not value or key in columns()["keep_first"] or value in task.get(key, ""):
                continue
            task[key] = f"{task[key]}\n{value}" if task.get(key) else value
        self.task_lines = (self.task_lines[0], line)

    def _indicator_row(self, values: dict[str, str], line: int) -> TableRow:
        for key in columns()["fill_down"]:
            if key in values:
                if values[key]:
                    self.fill_down[key] = values[key]
                else:
                    values[key] = self.fill_down.get(key, "")
        first = self.header[0]
        values[first] = re.sub(r"\s+", "", values.get(first, ""))
        row_key = values[first] or str(self.rows_seen + 1)
        self.rows_seen += 1
        subject_column = columns()["subject_column"]
        subject = values.get(subject_column) or values.get(first, "")
        parts = [f"{k}：{v}" for k, v in values.items()
                 if k not in (first, subject_column) and v.strip() not in _EMPTY]
        text = f"{subject}：" + "；".join(parts) + "。"
        return TableRow("indicator_row", f"{self.key}.{row_key}", row_key, text,
                        {k: v for k, v in values.items() if k}, line, line, caption=self.name)


def task_text(fields: dict[str, str], measures: str | None = None) -> str:
    """How a task row reads to a person: task, measures, then who and when."""
    measures = fields.get(columns()["task_measures"], "") if measures is None else measures
    duty = "；".join(
        f"{k}：{_one_line(fields[k])}" for k in columns()["duty_columns"]
        if fields.get(k, "").strip() not in _EMPTY
    )
    return f"【{fields.get(columns()['task_name'], '')}】{measures}\n{duty}"


def _one_line(value: str) -> str:
    return " / ".join(dict.fromkeys(v.strip() for v in value.split("\n") if v.strip()))
