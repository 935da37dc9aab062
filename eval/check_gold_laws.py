#!/usr/bin/env python3
"""Check eval/gold_laws.jsonl against the law texts in ../shared/laws/.

Standard library only.  Usage:
    python3 check.py                 # run checks, exit 1 on any error
    python3 check.py --dump DIR      # also write the cleaned text of every file to DIR
    python3 check.py --gold PATH     # check another question file (default eval/gold_laws.jsonl)
    python3 check.py --laws DIR      # the acts the questions cite (default ../shared/laws)

Cleaning (independent of the system under test):
  .md   : drop '<!-- ... -->', zero-width spaces, leading '#' markers, '**'; one paragraph per line
  .txt  : drop page-number lines ('— 3 —'); a line starting with full-width indentation
          starts a new paragraph, any other line is joined to the previous one without a space
  .docx : word/document.xml, one paragraph per <w:p>, text of <w:t>
  .html : one paragraph per <p> inside the content div, tags stripped, entities unescaped
Article span: from a paragraph beginning with 第X条 / 第X条之Y to the next such paragraph
(chapter/section headings 第X章/第X节 and 附则-type headings also end a span).
The one-third-frozen split rule applies to the default file only; a set given with --gold
(e.g. an all-frozen held-out set) is checked for everything else.
"""
import html
import json
import re
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAWS = ROOT.parent / "shared" / "laws"
GOLD = ROOT / "eval" / "gold_laws.jsonl"

NUM = "〇零一二三四五六七八九十百千"
ART_RE = re.compile(rf"^(第[{NUM}]+条(?:之[{NUM}]+)?)(?=[\s　]|$)")
HEAD_RE = re.compile(rf"^第[{NUM}]+[章节]")


def paras_md(p):
    text = p.read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    out = []
    for line in text.splitlines():
        line = line.replace("\u200b", "").replace("\ufeff", "")
        line = re.sub(r"^#+\s*", "", line)
        line = line.replace("**", "").strip()
        if line:
            out.append(line)
    return out


def paras_txt(p):
    out = []
    for raw in p.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        if re.fullmatch(r"\s*[—–-]\s*\d+\s*[—–-]\s*", raw):
            continue
        if raw.startswith("　") or raw.startswith("  ") or not out:
            out.append(raw.strip(" 　\t"))
        else:
            out[-1] += raw.strip(" 　\t")
    return out


def paras_docx(p):
    with zipfile.ZipFile(p) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    out = []
    for para in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        t = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", para))
        t = html.unescape(t).strip()
        if t:
            out.append(t)
    return out


def paras_html(p):
    text = p.read_text(encoding="utf-8")
    m = re.search(r'<div class="content">(.*?)</div>', text, flags=re.S)
    body = m.group(1) if m else text
    out = []
    for para in re.findall(r"<p[^>]*>(.*?)</p>", body, flags=re.S):
        t = re.sub(r"<[^>]+>", "", para)
        t = html.unescape(t).replace("\n", "").replace("\xa0", " ").strip()
        if t:
            out.append(t)
    return out


def paragraphs(name):
    p = LAWS / name
    return {".md": paras_md, ".txt": paras_txt, ".docx": paras_docx,
            ".html": paras_html}[p.suffix](p)


def articles(paras):
    """label -> list of paragraphs (first one starts with the label)."""
    arts, cur = {}, None
    for para in paras:
        m = ART_RE.match(para)
        if m:
            cur = m.group(1)
            if cur in arts:  # duplicate label: keep first, mark
                cur = cur + "#dup"
            arts[cur] = [para]
        elif HEAD_RE.match(para):
            cur = None
        elif cur:
            arts[cur].append(para)
    return arts


_cache = {}


def load(name):
    if name not in _cache:
        paras = paragraphs(name)
        _cache[name] = (paras, articles(paras))
    return _cache[name]


KINDS = {"penalty", "department", "obligation", "definition", "deadline_threshold",
         "everyday", "cross_law", "article_lookup", "out_of_scope"}
ANSWER_KINDS = {"penalty", "department", "deadline_threshold", "definition"}


def main():
    global LAWS
    if "--laws" in sys.argv:
        LAWS = Path(sys.argv[sys.argv.index("--laws") + 1]).resolve()
    dump = None
    if "--dump" in sys.argv:
        dump = Path(sys.argv[sys.argv.index("--dump") + 1])
        dump.mkdir(parents=True, exist_ok=True)
    gold = GOLD
    if "--gold" in sys.argv:
        gold = Path(sys.argv[sys.argv.index("--gold") + 1]).resolve()
    files = sorted(f.name for f in LAWS.iterdir() if f.name != "README.md")
    for f in files:
        paras, arts = load(f)
        dups = [a for a in arts if a.endswith("#dup")]
        if dups:
            print(f"WARN {f}: duplicate article labels {dups}")
        if dump:
            (dump / (f + ".clean.txt")).write_text("\n".join(paras) + "\n", encoding="utf-8")

    errors = []
    items = []
    for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except Exception as e:
            errors.append(f"line {n}: bad JSON {e}")
    ids = Counter(q.get("id") for q in items)
    for i, c in ids.items():
        if c > 1:
            errors.append(f"duplicate id {i} x{c}")

    by_kind = defaultdict(Counter)
    per_file = Counter()
    for q in items:
        qid = q.get("id")
        kind = q.get("kind")
        if kind not in KINDS:
            errors.append(f"{qid}: unknown kind {kind}")
        if q.get("split") not in ("frozen", "dev"):
            errors.append(f"{qid}: bad split {q.get('split')}")
        if not q.get("question"):
            errors.append(f"{qid}: empty question")
        by_kind[kind][q.get("split")] += 1
        if kind == "out_of_scope":
            for k in ("file", "article", "evidence", "gold", "answer"):
                if k in q:
                    errors.append(f"{qid}: out_of_scope must not have {k}")
            continue
        if "gold" in q:
            if any(k in q for k in ("file", "article", "evidence")):
                errors.append(f"{qid}: has both gold list and top-level file/article/evidence")
            golds = q["gold"]
            if not isinstance(golds, list) or len(golds) < 2:
                errors.append(f"{qid}: gold list must have >=2 entries")
        else:
            golds = [{"file": q.get("file"), "article": q.get("article"),
                      "evidence": q.get("evidence")}]
        if kind == "cross_law" and "gold" not in q:
            errors.append(f"{qid}: cross_law should use gold list")
        if kind in ANSWER_KINDS and not q.get("answer"):
            errors.append(f"{qid}: kind {kind} needs answer")
        answer_found = False
        for g in golds:
            f, art, ev = g.get("file"), g.get("article"), g.get("evidence")
            if f not in files:
                errors.append(f"{qid}: unknown file {f}")
                continue
            per_file[f] += 1
            paras, arts = load(f)
            if art not in arts:
                errors.append(f"{qid}: article {art} not found in {f}")
                continue
            span = arts[art]
            if not isinstance(ev, list) or not 1 <= len(ev) <= 2:
                errors.append(f"{qid}: evidence must be list of 1-2 strings")
                continue
            for e in ev:
                if not 10 <= len(e) <= 40:
                    errors.append(f"{qid}: evidence length {len(e)} not in 10..40: {e}")
                if e.startswith(art):  # the index keeps an article's label apart from its text
                    errors.append(f"{qid}: evidence starts with the article label {art}: {e}")
                if not any(e in p for p in span):
                    where = [a for a, ps in arts.items() if any(e in p for p in ps)]
                    errors.append(f"{qid}: evidence not in {f} {art} (found in {where}): {e}")
                    continue
                if f.endswith(".txt"):
                    raw_lines = (LAWS / f).read_text(encoding="utf-8").splitlines()
                    if not any(e in r for r in raw_lines):
                        print(f"WARN {qid}: txt evidence spans a PDF hard line break (allowed): {e}")
                total = sum(p.count(e) for p in paras)
                if total > 1:
                    where = [a for a, ps in arts.items() if any(e in p for p in ps)]
                    if set(where) != {art}:
                        errors.append(f"{qid}: evidence not unique in {f} (articles {where}): {e}")
            if q.get("answer") and any(q["answer"] in p for p in span):
                answer_found = True
        if kind in ANSWER_KINDS and q.get("answer") and not answer_found:
            errors.append(f"{qid}: answer '{q['answer']}' not verbatim in gold article(s)")

    # split: exactly one third frozen per kind (rounded) -- default file only
    for kind, c in sorted(by_kind.items(), key=lambda x: str(x[0])):
        total = sum(c.values())
        want = round(total / 3)
        if gold == GOLD and c["frozen"] != want:
            errors.append(f"kind {kind}: frozen {c['frozen']} of {total}, want {want}")

    print(f"{gold.name}: {len(items)} questions")
    for kind, c in sorted(by_kind.items(), key=lambda x: str(x[0])):
        print(f"  {kind:20s} total {sum(c.values()):3d}  frozen {c['frozen']:3d}  dev {c['dev']:3d}")
    tot = Counter(q.get("split") for q in items)
    print(f"  splits: {dict(tot)}")
    # per-file counts (every file should have >= 5 questions)
    for f in files:
        mark = "" if per_file[f] >= 5 else "   <-- fewer than 5"
        print(f"  {per_file[f]:3d}  {f}{mark}")
        if per_file[f] < 5:
            errors.append(f"file {f}: only {per_file[f]} questions")
    if errors:
        print(f"\n{len(errors)} ERRORS")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
