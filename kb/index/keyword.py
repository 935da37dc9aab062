"""Keyword path: jieba tokenisation with a domain dictionary, scored by BM25 (bm25s)."""
from __future__ import annotations

import json
import logging
import math
import re
import threading
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

_JIEBA_LOCK = threading.Lock()  # jieba builds its dictionary lazily; concurrent first calls must wait
_ASCII_TERM = re.compile(r"[A-Za-z][A-Za-z0-9.]*[A-Za-z0-9]|\d+(?:\.\d+)?")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    with _JIEBA_LOCK:
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        with resources.as_file(resources.files("kb") / "data" / "domain_dict.txt") as path:
            tokenizer.load_userdict(str(path))
        return tokenizer


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = (resources.files("kb") / "data" / "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip())


def tokenize(text: str, use_domain_dict: bool = True) -> list[str]:
    """Search-grained jieba tokens without stop words; ASCII terms (PM2.5, VOCs) kept whole. Width
    and compatibility forms are folded first (ＰＭ２.５ → PM2.5, 劣Ⅴ类 → 劣V类), as questions are."""
    text = unicodedata.normalize("NFKC", text)
    words = _ascii_terms(text)
    rest = _ASCII_TERM.sub(" ", text)
    cutter = _jieba() if use_domain_dict else _plain_jieba()
    stop = stopwords()
    words += [w for w in cutter.cut_for_search(rest) if w.strip() and w not in stop]
    return words


@lru_cache(maxsize=50_000)
def _clause_tokens(text: str, use_domain_dict: bool) -> tuple[str, ...]:
    # A service that adds documents rebuilds BM25 over every clause; unchanged clauses keep their tokens.
    return tuple(tokenize(text, use_domain_dict))


def _ascii_terms(text: str) -> list[str]:
    return [m.group(0).upper() if not m.group(0)[0].isdigit() else m.group(0)
            for m in _ASCII_TERM.finditer(text)]


@lru_cache(maxsize=1)
def _plain_jieba():
    import jieba

    with _JIEBA_LOCK:
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        return tokenizer


class KeywordIndex:
    """BM25 over clause tokens; the fallback when the dense path is unavailable."""

    def __init__(self, retriever, use_domain_dict: bool = True):
        self._bm25 = retriever
        self.use_domain_dict = use_domain_dict
        self.vocab: dict[str, int] = retriever.vocab_dict

    @classmethod
    def build(cls, texts: list[str], use_domain_dict: bool = True, k1: float = 1.2, b: float = 0.75) -> "KeywordIndex":
        import bm25s

        retriever = bm25s.BM25(k1=k1, b=b)
        retriever.index([list(_clause_tokens(t, use_domain_dict)) or ["∅"] for t in texts], show_progress=False)
        return cls(retriever, use_domain_dict)

    def scores(self, query: str | list[str]) -> np.ndarray:
        """BM25 score of every clause for the query (tokens or text)."""
        tokens = tokenize(query, self.use_domain_dict) if isinstance(query, str) else query
        known = [t for t in tokens if t in self.vocab]
        if not known:
            return np.zeros(self._bm25.scores["num_docs"], dtype=np.float32)
        return self._bm25.get_scores(known)

    def rarity(self, term: str) -> float:
        """How rare a word is among the clauses, 0-1: its inverse document frequency over that of a
        word in one clause. A word jieba splits is as rare as its rarest piece (it occurs no more often)."""
        n = self._bm25.scores["num_docs"]
        indptr = self._bm25.scores["indptr"]
        ids = [self.vocab[t] for t in (tokenize(term, self.use_domain_dict) or [term]) if t in self.vocab]
        if not ids:
            return 1.0
        df = min(int(indptr[i + 1] - indptr[i]) for i in ids)
        return math.log(1 + n / max(df, 1)) / math.log(1 + n)

    def known(self, tokens: list[str]) -> list[str]:
        return [t for t in tokens if t in self.vocab]

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory), show_progress=False)
        (Path(directory) / "tokenizer.json").write_text(
            json.dumps({"use_domain_dict": self.use_domain_dict}), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "KeywordIndex":
        import bm25s

        retriever = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        params = json.loads((Path(directory) / "tokenizer.json").read_text(encoding="utf-8"))
        return cls(retriever, params["use_domain_dict"])
