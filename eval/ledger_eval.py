"""Precision and recall of the target ledger against hand-labelled figures.

Each line of eval/targets_gold.jsonl is one figure a person would extract from a clause:
clause_id, anchor (text next to the figure, or for a table row its name and a column, which
finds the clause again when the parser renumbers clauses), indicator, value, unit, year, scope
and kind. A line whose indicator is null marks text that was read and holds no figure (a
threshold such as 面积大于50亩的). Every figure in the labelled clauses was labelled, so precision
counts the extractions from the labelled sentences and table rows only.

What was labelled: every number with a unit that states how much or how many of something
is to be reached (target) or was reached (status), including counts of things built, closed or
held (100处示范区, 20次宣传活动) and every numeric cell of an indicator table. Not labelled:
years, dates and deadlines, thresholds that define a category (4.5吨以下环卫车, 面积大于50亩的,
30米范围内), numbers inside names (500米服务半径), parenthesised descriptions (约225平方公里),
ranks (第4名) and the count of an enumerated list (……等3处). Status figures without a stated year
take the end of the period they review (“十三五” → 2020); targets without one take the document's
target year. The "split" field says whether a line was labelled before the extractor was written
(dev, also used while developing it) or after its rules were frozen (heldout).

A prediction matches a gold figure when clause, value and year agree and the indicator names
agree. Two name rules are reported: strict (same canonical name after cleaning) and lenient
(also when one name contains the other or they share at least half their characters in order),
because names outside the vocabulary are free text. The floor applies to the lenient rule unless
--strict is given.

Usage: python eval/ledger_eval.py [--floor 0.8] [--strict] [--errors] [--gold PATH] [--corpus DIR]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb.documents.corpus import parse_corpus  # noqa: E402
from kb.answer.indicators import clean_name, fold, indicator_name  # noqa: E402
from kb.answer.ledger import Target, extract_targets  # noqa: E402


def load_gold(path: Path) -> list[dict]:
    """Gold lines as dicts."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _norm(text: str) -> str:
    return "".join(fold(text).split())


def _searchable(clause) -> str:
    return _norm(clause.text + "".join(f"{k}{v}" for k, v in clause.fields.items()))


def resolve(gold: list[dict], clauses: list) -> list[dict]:
    """Point each gold line at the current clause holding its anchor text (ids move when the
    parser changes); a line whose anchor is found nowhere keeps its old id and counts as a miss."""
    by_doc: dict[str, list] = {}
    for clause in clauses:
        by_doc.setdefault(clause.doc_id, []).append(clause)
    resolved = []
    for record in gold:
        old = record["clause_id"]
        anchors = [_norm(a) for a in record["anchor"]]
        found = [c for c in by_doc.get(old.split(":")[0], []) if all(a in _searchable(c) for a in anchors)]
        found.sort(key=lambda c: (c.clause_id != old, c.kind != "indicator_row" if len(anchors) > 1 else 0))
        resolved.append(dict(record, clause_id=found[0].clause_id if found else old, found=bool(found),
                             table=bool(found) and found[0].kind == "indicator_row"))
    return resolved


def in_scope(target: Target, gold: list[dict]) -> bool:
    """Whether a prediction comes from labelled text: a labelled table row, or a sentence of a
    labelled clause that holds a gold anchor (every figure in such a sentence was labelled)."""
    for record in gold:
        if record["clause_id"] != target.clause_id:
            continue
        if record["table"] or any(_norm(a) in _norm(target.text) for a in record["anchor"]):
            return True
    return False


def _same_value(a: str, b: str) -> bool:
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return fold(str(a)).replace("—", "-").replace("至", "-") == fold(str(b)).replace("—", "-").replace("至", "-")


def names_agree(gold_name: str, predicted: str, lenient: bool) -> bool:
    """Strict: same canonical name. Lenient: also containment or a SequenceMatcher ratio >= 0.5."""
    g, p = indicator_name(gold_name), indicator_name(predicted)
    if g == p:
        return True
    if not lenient or not g or not p:
        return False
    g, p = clean_name(g), clean_name(p)
    return g in p or p in g or SequenceMatcher(None, g, p).ratio() >= 0.5


def match(gold: list[dict], predicted: list[Target], lenient: bool) -> tuple[list, list, list]:
    """One-to-one greedy matching: (matched pairs, unmatched gold, unmatched predictions)."""
    free = list(predicted)
    pairs, missed = [], []
    for record in gold:
        candidates = [t for t in free if t.clause_id == record["clause_id"]
                      and _same_value(t.value, record["value"]) and t.year == record["year"]]
        strict = [t for t in candidates if names_agree(record["indicator"], t.indicator, False)]
        loose = [t for t in candidates if lenient and names_agree(record["indicator"], t.indicator, True)]
        chosen = (strict or loose or [None])[0]
        if chosen is None:
            missed.append(record)
        else:
            free.remove(chosen)
            pairs.append((record, chosen))
    return pairs, missed, free


def scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _row(label: str, tp: int, fp: int, fn: int) -> str:
    p, r, f = scores(tp, fp, fn)
    return f"{label:<24}{p:>7.3f}{r:>7.3f}{f:>7.3f}{tp:>5}{fp:>5}{fn:>5}"


def evaluate(gold_path: Path, corpus: Path, lenient: bool, show_errors: bool) -> tuple[float, float]:
    """Print the table and return (precision, recall) under the chosen name rule."""
    docs, clauses = parse_corpus(corpus)
    gold = resolve(load_gold(gold_path), clauses)
    figures = [r for r in gold if r["indicator"] is not None]
    predicted = [t for t in extract_targets(clauses, docs) if in_scope(t, gold)]
    print(f"gold: {len(figures)} figures in {len({r['clause_id'] for r in gold})} clauses; "
          f"{len(predicted)} extracted from the same sentences and table rows")
    missing = sorted({r["clause_id"] for r in gold if not r["found"]})
    if missing:
        print(f"anchors not found in the current parse (counted as misses): {missing}")
    print(f"{'':<24}{'P':>7}{'R':>7}{'F1':>7}{'TP':>5}{'FP':>5}{'FN':>5}")
    result = (0.0, 0.0)
    for rule in (True, False):
        pairs, missed, extra = match(figures, predicted, rule)
        print(_row("lenient names" if rule else "strict names", len(pairs), len(extra), len(missed)))
        _print_groups(figures, gold, pairs, missed, extra)
        if rule == lenient:
            result, chosen = scores(len(pairs), len(extra), len(missed))[:2], (pairs, missed, extra)
    pairs, missed, extra = chosen
    agree = Counter()
    for record, target in pairs:
        agree["kind"] += record["kind"] == target.kind
        agree["scope"] += record["scope"] == target.scope
        agree["unit"] += record["unit"] == target.unit
    print("on matched figures: " + ", ".join(f"{k} agrees {v}/{len(pairs)}" for k, v in agree.items()))
    if show_errors:
        _print_errors(missed, extra)
    return result


def _print_groups(figures: list[dict], gold: list[dict], pairs: list, missed: list, extra: list) -> None:
    """One row per document, then one per split (dev: labelled while building; heldout: after)."""
    groups = sorted({r["clause_id"].split(":")[0] for r in figures}) + ["split:" + s for s in _splits(figures)]
    for group in groups:
        def inside(clause_id: str, split: str | None) -> bool:
            return split == group[6:] if group.startswith("split:") else clause_id.startswith(group + ":")
        tp = sum(inside(r["clause_id"], r.get("split")) for r, _ in pairs)
        fn = sum(inside(r["clause_id"], r.get("split")) for r in missed)
        fp = sum(inside(t.clause_id, _split_of(t, gold)) for t in extra)
        print(_row(f"  {group}", tp, fp, fn))


def _splits(figures: list[dict]) -> list[str]:
    return sorted({r.get("split") or "dev" for r in figures})


def _split_of(target: Target, gold: list[dict]) -> str | None:
    """The split of the labelled text a prediction came from."""
    for record in gold:
        if record["clause_id"] == target.clause_id and (
                record["table"] or any(_norm(a) in _norm(target.text) for a in record["anchor"])):
            return record.get("split") or "dev"
    return None


def _print_errors(missed: list[dict], extra: list[Target]) -> None:
    for record in missed:
        print(f"MISS {record['clause_id']} {record['indicator']} {record['value']} {record['year']}")
    for target in extra:
        print(f"EXTRA {target.clause_id} {target.indicator} {target.value}{target.unit} {target.year}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floor", type=float, default=0.8, help="minimum precision and recall")
    parser.add_argument("--strict", action="store_true", help="apply the floor to strict name matching")
    parser.add_argument("--errors", action="store_true", help="list misses and extra extractions")
    parser.add_argument("--gold", type=Path, default=ROOT / "eval" / "targets_gold.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = parser.parse_args(argv)
    precision, recall = evaluate(args.gold, args.corpus, not args.strict, args.errors)
    if min(precision, recall) < args.floor:
        print(f"FAIL: precision {precision:.3f} / recall {recall:.3f} under the floor {args.floor}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
