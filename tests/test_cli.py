"""The `kb` command line: the exact interfaces other tools depend on."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kb.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture
def env(real_index, monkeypatch):
    monkeypatch.setenv("KB_INDEX_DIR", str(real_index))
    monkeypatch.setenv("KB_CORPUS_DIR", str(ROOT / "corpus"))


def test_clause_stats_and_listing(env):
    stats = runner.invoke(app, ["clauses", "--stats"])
    assert stats.exit_code == 0 and "bj-action-2023" in stats.output and "task_row" in stats.output
    listing = runner.invoke(app, ["clauses", "--doc", "bj-opinion-2022", "--json"])
    rows = [json.loads(line) for line in listing.output.splitlines()]
    assert rows and all(r["doc_id"] == "bj-opinion-2022" for r in rows)
    unknown = runner.invoke(app, ["clauses", "--doc", "nope"])
    assert unknown.exit_code == 2 and "unknown document" in unknown.output


def test_show_prints_metadata_and_neighbours(env):
    result = runner.invoke(app, ["show", "bj-action-2023:A2.T14"])
    assert result.exit_code == 0
    assert "京政办发〔2023〕4号" in result.output and "牵头部门" in result.output and "↑" in result.output


def test_show_prints_a_documents_metadata(env):
    result = runner.invoke(app, ["show", "bj-plan-2021"])
    assert result.exit_code == 0
    assert "number: 京政发〔2021〕35号" in result.output and "type: 规划" in result.output and "clauses: " in result.output


def test_search_batch_writes_one_json_line_per_query(env, tmp_path):
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "a", "text": "到2025年各区降尘量要控制在多少？"}\n{"id": "b", "text": ""}\n', encoding="utf-8")
    result = runner.invoke(app, ["search", "--batch", str(batch), "-k", "3"])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert len(lines[0]["hits"]) == 3
    assert {"clause_id", "doc_id", "doc_title", "section", "text", "score"} <= set(lines[0]["hits"][0])
    assert lines[1]["hits"] == [] and "error" in lines[1]


def test_ask_json_and_readable_output(env):
    result = runner.invoke(app, ["ask", "推广新能源汽车由哪个部门牵头？", "--json"])
    answer = json.loads(result.output)
    assert answer["answerable"] and "市经济和信息化局" in answer["answer"] and answer["citations"]
    readable = runner.invoke(app, ["ask", "到2025年各区降尘量要控制在多少？"])
    assert readable.output.startswith("答：") and "《" in readable.output


def test_targets_json(env):
    result = runner.invoke(app, ["targets", "森林覆盖率", "--year", "2025", "--scope", "丰台区", "--json"])
    rows = json.loads(result.output)
    assert rows and all(r["year"] == 2025 and "丰台" in r["scope"] for r in rows)
    assert {"indicator", "value", "unit", "qualifier", "kind", "doc_id", "doc_title", "clause_id", "text"} <= set(rows[0])


def test_search_filters(env):
    result = runner.invoke(app, ["search", "森林覆盖率", "--doc", "ft-plan-2022", "--json", "-k", "5"])
    hits = json.loads(result.output)["hits"]
    assert hits and all(h["doc_id"] == "ft-plan-2022" for h in hits)
    typed = runner.invoke(app, ["search", "PM2.5", "--type", "行动计划", "--district", "海淀区", "--json"])
    assert all(h["doc_id"] == "bj-action-2023" for h in json.loads(typed.output)["hits"])
