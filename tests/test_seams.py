"""Each swappable stage is a registry entry: a second, fake implementation goes in without
touching the code that calls it."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kb import KnowledgeBase
from kb.documents import readers
from kb.documents.corpus import parse_document
from kb.index import vectors
from kb.index.store import build_from, load
from kb.model import Clause, Document
from kb.search import rescore
from kb.search.settings import Settings

TEXTS = ["到2025年，各区降尘量控制在5吨/平方公里·月以内。", "推广新能源汽车，由市经济和信息化局牵头。",
         "全市森林覆盖率达到45%。", "加强噪声污染防治。"]


def _clauses() -> tuple[Document, list[Clause]]:
    doc = Document(id="demo", file="demo.txt", title="演示文件")
    return doc, [Clause(f"demo:{i}.p1", "demo", ["一、总体要求"], "", "paragraph", t, i, i) for i, t in enumerate(TEXTS)]


class NumpyStore:
    """Brute-force cosine search over a numpy array, saved as .npy: the seam's second backend."""

    backend = "numpy-test"

    def __init__(self, ids=None, matrix=None):
        self.ids, self.matrix = list(ids or []), matrix

    @classmethod
    def empty(cls, dim, expected=0):
        return cls([], np.zeros((0, dim), np.float32))

    @property
    def size(self):
        return len(self.ids)

    @property
    def kind(self):
        return "brute-force"

    def add(self, ids, vecs):
        self.ids += list(ids)
        self.matrix = np.vstack([self.matrix, vecs])

    def remove(self, ids):
        keep = [i for i, c in enumerate(self.ids) if c not in set(ids)]
        self.ids, self.matrix = [self.ids[i] for i in keep], self.matrix[keep]

    def search(self, query, k):
        scores = self.matrix @ query
        return [(self.ids[i], float(scores[i])) for i in np.argsort(-scores)[:k]]

    def save(self, directory):
        np.save(Path(directory) / "vectors.npy", self.matrix)
        (Path(directory) / "vector-ids.txt").write_text("\n".join(self.ids), encoding="utf-8")

    @classmethod
    def load(cls, directory):
        ids = (Path(directory) / "vector-ids.txt").read_text(encoding="utf-8").split("\n")
        return cls(ids, np.load(Path(directory) / "vectors.npy"))


def test_a_second_vector_store_builds_loads_and_searches(tmp_path, fake_embedder, monkeypatch):
    monkeypatch.setitem(vectors.STORES, NumpyStore.backend, lambda: NumpyStore)
    doc, clauses = _clauses()
    build_from([doc], clauses, "h", tmp_path, fake_embedder, progress=False, store=NumpyStore.backend)
    loaded = load(tmp_path, fake_embedder.model_id)
    assert loaded.manifest["vector_store"] == "numpy-test"
    assert isinstance(loaded.dense, NumpyStore)
    kb = KnowledgeBase(loaded, fake_embedder)
    assert kb.search("各区降尘量控制在多少", k=1, mode="dense")[0].clause_id == "demo:0.p1"


def test_an_index_naming_an_unknown_store_says_what_to_do(tmp_path, fake_embedder, monkeypatch):
    monkeypatch.setitem(vectors.STORES, NumpyStore.backend, lambda: NumpyStore)
    doc, clauses = _clauses()
    build_from([doc], clauses, "h", tmp_path, fake_embedder, progress=False, store=NumpyStore.backend)
    monkeypatch.delitem(vectors.STORES, NumpyStore.backend)
    with pytest.raises(Exception, match="numpy-test.*kb build"):
        load(tmp_path, fake_embedder.model_id, verify=False)


class PreferLast:
    """A fake reranker: puts the clause that comes last in its document first."""

    def __init__(self, settings, documents):
        pass

    def rescore(self, query, candidates):
        top = max(c.clause.start_line for c in candidates)
        return [replace(c, score=c.score + (10.0 if c.clause.start_line == top else 0.0)) for c in candidates]


def test_a_rescoring_stage_plugs_in_by_name(tmp_path, fake_embedder, monkeypatch):
    monkeypatch.setitem(rescore.RESCORERS, "prefer-last", PreferLast)
    doc, clauses = _clauses()
    build_from([doc], clauses, "h", tmp_path, fake_embedder, progress=False)
    plain = KnowledgeBase(load(tmp_path, fake_embedder.model_id), fake_embedder)
    assert plain.search("降尘量", k=1)[0].clause_id == "demo:0.p1"
    reranked = KnowledgeBase(load(tmp_path, fake_embedder.model_id), fake_embedder,
                             Settings(rescorers=("boosts", "prefer-last")))
    assert reranked.search("降尘量", k=1)[0].clause_id == "demo:3.p1"


def test_a_new_file_format_is_one_registry_entry(tmp_path, monkeypatch):
    monkeypatch.setitem(readers.READERS, ".rtf-test", lambda path: path.read_text(encoding="utf-8").upper())
    (tmp_path / "a.rtf-test").write_text("一、总体要求\n到2025年，pm2.5浓度下降。\n", encoding="utf-8")
    clauses = parse_document(Document(id="a", file="a.rtf-test", title="A"), tmp_path)
    assert [c.text for c in clauses] == ["到2025年，PM2.5浓度下降。"]


def test_an_unknown_format_lists_the_registered_ones(tmp_path):
    (tmp_path / "a.xls").write_bytes(b"x")
    with pytest.raises(Exception, match=r"unsupported format '\.xls'.*\.html"):
        readers.read_lines(tmp_path / "a.xls")


def test_a_new_numbering_style_is_one_table_row(tmp_path, monkeypatch):
    import re

    from kb.documents import numbering

    bracketed = numbering.Style("bracket", re.compile(r"^【(\d{1,2})】\s*"), "b", "measure")
    monkeypatch.setattr(numbering, "STYLES", [numbering.STYLES[0], bracketed, *numbering.STYLES[1:]])
    (tmp_path / "a.txt").write_text("【1】总体要求\n一、目标\n到2025年，PM2.5浓度下降到30微克/立方米。\n【2】保障措施\n"
                                    "一、组织\n各区政府负责组织实施，每年报送进展情况。\n", encoding="utf-8")
    clauses = parse_document(Document(id="a", file="a.txt", title="A"), tmp_path)
    assert [c.section_path for c in clauses] == [["【1】总体要求", "一、目标"], ["【2】保障措施", "一、组织"]]
    assert [c.clause_id for c in clauses] == ["a:b1.1.p1", "a:b2.1.p1"]
