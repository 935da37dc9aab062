"""Retrieval settings: fusion weights, rescoring stages and their boosts."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Settings:
    """Retrieval knobs, tuned on eval/gold.jsonl (see README)."""

    # Fusion: chosen by 5-fold cross-validation over the dev questions of both gold sets
    # (eval/tune.py): folds chose dense 0.7-1.0 and k 10-30; 1.0 / 10 is best on all dev questions.
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    rrf_k: int = 10
    district_boost: float = 0.5
    year_boost: float = 0.3
    doc_boost: float = 0.5
    unit_boost: float = 0.3  # 多少辆: clauses stating a number of 辆
    city_boost: float = 0.2  # no district named: city-wide documents
    diversify: bool = True  # comparison questions: best clause of each document first
    use_synonyms: bool = True
    use_parts: bool = True  # dense: a clause scores as its closest part (sentence, 款) as well as whole
    law_boost: float = 0.5  # the question names the law or regulation
    article_boost: float = 2.0  # … and the article number ("第一百一十八条")
    penalty_boost: float = 0.3  # 罚多少 / 什么后果: articles that impose penalties
    definition_boost: float = 2.0  # 是指什么: the article defining that term ("本法所称X，是指…")
    effective_boost: float = 2.0  # 停车条例哪天起施行: that act's article "本条例自…起施行"
    amended_factor: float = 0.7  # a version other than the one wanted (legal.other_version)
    # Stages after fusion (kb.search.rescore.RESCORERS); "ranker" is learnt (eval/train_ranker.py).
    rescorers: tuple[str, ...] = ("boosts", "legal", "ranker", "asked_article", "penalty_article")
    dense_wait: float | None = None  # seconds to wait for the query vector, then keyword-only; None: always wait
