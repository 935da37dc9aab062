"""The data files under kb/data are read with json.load, which keeps the last of two equal keys
without a word; a duplicated entry (an everyday word mapped twice) would silently lose one."""
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "kb" / "data"


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert not repeated, f"keys given twice: {repeated}"
    return dict(pairs)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.json")), ids=lambda p: p.name)
def test_a_data_file_has_no_key_twice(path):
    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)


@pytest.mark.parametrize("name", ["everyday.json", "register.json"])
def test_every_everyday_word_maps_to_some_term(name):
    terms = json.loads((DATA / name).read_text(encoding="utf-8"))["terms"]
    assert all(isinstance(v, list) and v and all(t.strip() for t in v) for v in terms.values())


@pytest.mark.parametrize("name", ["answers.json", "legal.json"])
def test_every_pattern_in_a_vocabulary_file_is_read_by_the_code(name):
    # A key nothing reads is a rule that looks in force and is not (law_name_prefixes was one).
    source = "\n".join(p.read_text(encoding="utf-8") for p in (DATA.parent).rglob("*.py"))
    keys = [k for k in json.loads((DATA / name).read_text(encoding="utf-8")) if not k.startswith("_")]
    unread = [k for k in keys if f'["{k}"]' not in source and f'("{k}")' not in source]
    assert not unread, f"{name}: keys no code reads: {unread}"
