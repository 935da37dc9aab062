"""An article's quotable parts and what each is about, by the structure every Chinese statute shares
(立法法: 条 / 款 / 项): a penalty sentence such as "有前款第一项行为的，处每米五百元以上一万元以下的罚款"
or "违反第三款规定的，…处三百元以上三千元以下罚款" is about the 项 or 款 it names, so it is matched to a
question by that conduct, and quoted with it.

A 款 is a line of the article; the 项 （一）（二）… or 1. 2. under it are its items. Sentences end at
"。"; a sentence is split again at "；" before a piece that names its own 款 or 项, so each item's
penalty is a part of its own, and before a piece that fines a conduct of its own (…的，由…处…).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from kb.documents.numbering import cn_to_int
from kb.search.legal import pattern

_NUM = "一二三四五六七八九十"
_ITEM = re.compile(rf"^(?:[（(][{_NUM}]+[)）]|\d{{1,2}}[.．、](?!\d))")
# 违反第三款规定的 / 有前款第一项行为的 / 单位有本条第一款所列行为之一的 / 违反规定的 (本条例 is another act's word)
# 项 numbers as statutes write them: 第一项、第二项 / 第一、二、四项 / 第（一）、（四）项 / 第一项至第三项
_ITEM_NO = rf"(?:[（(][{_NUM}]+[)）]|[{_NUM}]+)"
_REFERS = re.compile(rf"(?:违反|有)(本条(?!例)|本款|前款)?(?:第([{_NUM}]+款(?:[、和或及]第[{_NUM}]+款)*))?"
                     rf"((?:[、和或]?第(?:{_ITEM_NO}[、和或])*{_ITEM_NO}项(?:[至到]第?{_ITEM_NO}项)?)*)"
                     rf"(?:规定|所列|行为)")
# 依照本条第一款规定处罚 / 依照前款的规定处理: the penalty is the one another 款 of the article sets
_APPLIES = re.compile(rf"(?:依照|按照|适用)(?:本条第([{_NUM}]+)款|(前款))(?:的)?规定(?:处罚|处理|予以处罚)")
_PENALTY = re.compile("罚款|罚金|没收|吊销|责令停业|责令关闭|拘留|警告")
SHORT = 24  # a sentence this short is quoted with the one before it ("公告期间不得少于七日。")
LIST_MAX = 400  # a lead-in ending in "：" is quoted with its items up to this length, else alone


@dataclass(frozen=True)
class Part:
    quote: str  # the article's own words, as the answer quotes them
    about: str  # what the part is about: the quote and the conduct it refers to
    note: str = ""  # the 款 or 项 referred to, quoted after it ("前款第一项：占用、损害自然岸线的；")
    whole_list: bool = False  # a lead-in quoted with all its items
    cited: str = ""  # the conduct of another article of the act the part applies (违反本条例第二十条规定)
    context: str = ""  # the sentence before a conduct fined after another (…；对以上信息作虚假宣传的，处…)


def _item_numbers(named: str) -> list[int]:
    """The 项 a reference names, from 0: 第一、三项 → [0, 2]; 第一项至第三项 → [0, 1, 2]."""
    numbers = [cn_to_int(k) - 1 for k in re.findall(f"[{_NUM}]+", named)]
    if len(numbers) == 2 and re.search("[至到]", named):
        return list(range(numbers[0], numbers[1] + 1))
    return numbers


def _referred(lead: str, listed: list[str], items: list[int]) -> str:
    """The conduct of a 款 a penalty refers to: the 项 named (from 0), else the whole 款 with its 项."""
    picked = [k for k in items if k < len(listed)]
    return " ".join([listed[k] for k in picked] if picked else [lead, *listed])


def _opens_list(piece: str) -> bool:
    return piece.rstrip().endswith(("：", ":"))


def paragraphs(article: str) -> list[tuple[str, list[str]]]:
    """The article's 款, each with the 项 listed under it."""
    out: list[tuple[str, list[str]]] = []
    for line in (s.strip() for s in article.split("\n")):
        if not line:
            continue
        if _ITEM.match(line) and out:
            out[-1][1].append(line)
        else:
            out.append((line, []))
    return out


def cited_conduct(article: str, paragraph: int | None, items: set[int]) -> str:
    """The part of an article another article cites: the 款 it names (第一款, from 1) and of its 项
    the ones named (第二项至第七项); all of it where it names neither."""
    paras = paragraphs(article)
    if paragraph is not None and 0 < paragraph <= len(paras):
        paras = [paras[paragraph - 1]]
    if not items:
        return " ".join(" ".join([lead, *listed]) for lead, listed in paras)
    lead, listed = next(((lead, listed) for lead, listed in paras if listed), paras[0])
    return " ".join([lead, *(listed[k - 1] for k in sorted(items) if 0 < k <= len(listed))])


def _pieces(paragraph: str) -> list[str]:
    """Sentences, split again before a piece that names its own 款 or 项, or that fines a conduct of
    its own after a fine ("…处二万元以上二十万元以下罚款；拒不执行扬尘管控措施的，由…处…")."""
    out = []
    for sentence in re.findall(r"[^。]+。?", paragraph):
        start = 0
        for m in re.finditer("；", sentence):
            if _refers(sentence[m.end():]) or _own_conduct(sentence[start:m.start()], sentence[m.end():]):
                out.append(sentence[start:m.end()])
                start = m.end()
        out.append(sentence[start:])
    return [p for p in out if p.strip()]


_CONDUCT_HEAD = re.compile(r"[^，。；：]{4,40}?的，")


def _own_conduct(before: str, after: str) -> bool:
    """Whether the piece after a "；" fines a conduct of its own: it opens with one (…的，) that does
    not go on about the conduct before it (情节严重的, 逾期不改正的, 对单位…, or refusing what the piece
    before orders), names who imposes its penalty (…的，由…处…: a tier of the same conduct, 数额在…以上的，
    给予开除处分, names none), and both pieces set a penalty."""
    head = re.match(r"[^；。]*", after).group(0)
    sets = pattern("penalty_text")  # 处…罚款, 依照有关规定予以处罚, 依法给予处分
    ordered = before[before.find("责令"):] if "责令" in before else ""
    refuses_order = after.startswith("拒不") and after[2:4] in ordered  # 责令关闭或者拆除…；拒不关闭或者拆除的
    conduct = _CONDUCT_HEAD.match(after)
    return (conduct is not None and not pattern("penalty_goes_on").search(after) and not refuses_order
            and "由" in head[conduct.end():] and bool(sets.search(before)) and bool(sets.search(head)))


def _sentence_before(pieces: list[str], i: int) -> list[str]:
    """The pieces of the same sentence before piece i (those ending in "；")."""
    start = i
    while start > 0 and pieces[start - 1].endswith("；"):
        start -= 1
    return pieces[start:i]


def _refers(piece: str) -> re.Match | None:
    """The reference a piece opens with (within its first clause of words)."""
    head = re.match(r"[^，。；]*", piece).group(0)
    return _REFERS.search(head)


def _goes_on(before: str, piece: str) -> bool:
    """Whether a sentence opens on the outcome of what the one before it does (…应当及时进行核查。/
    经核查属实的，向…提出…建议): it says nothing of who acts without it."""
    return piece.startswith("经") and piece[1:3] in before and "的，" in piece[:12]


def parts(article: str) -> list[Part]:
    """Every quotable part of an article: sentences (and their pieces) and items."""
    paras = paragraphs(article)
    out: list[Part] = []
    for n, (para, items) in enumerate(paras):
        pieces = _pieces(para)
        for i, piece in enumerate(pieces):
            before = "".join(pieces[:i])
            ref = _refers(piece)
            conduct, note = "", ""
            if ref:
                scope, para_no, item_no = ref.groups()  # item_no: 第一项、第二项
                targets = [n - 1] if scope == "前款" else [cn_to_int(k) - 1 for k in re.findall(f"[{_NUM}]+", para_no or "")]
                targets = [t for t in targets if 0 <= t < len(paras) and t != n]  # 第一款、第二款: every 款 named
                if targets:
                    items_named = _item_numbers(item_no) if len(targets) == 1 else []
                    conduct = " ".join(_referred(*paras[t], items_named) for t in targets)
                    named = re.sub(r"^(?:违反|有)|(?:规定|所列|行为)$", "", ref.group(0))  # 前款第一项
                    note = f"{named}：{conduct}"
                    note = "" if len(note) > 200 else note
                elif scope in (None, "本款") and before:  # 违反规定的: the sentences before it in the 款
                    out.append(Part(before + piece, before + piece))
                    continue
                elif scope == "本条":
                    conduct = " ".join(p for p, _ in paras)
            elif "下列" in piece and items and _PENALTY.search(piece):  # 有下列行为之一的，…处…罚款：
                conduct = " ".join(items)  # (本法中下列用语的含义是： is about none of its items: each is)
            applied = _APPLIES.search(piece)
            if applied and not note and not _PENALTY.search(piece):  # the 款 whose penalty applies, quoted after it
                target = n - 1 if applied.group(2) else cn_to_int(applied.group(1)) - 1
                if 0 <= target < len(paras) and target != n:
                    penalty = "".join(p for p in _pieces(paras[target][0]) if _PENALTY.search(p))
                    penalty = penalty[penalty.find("，由") + 1:] if "，由" in penalty else penalty  # not its conduct
                    named = "前款" if applied.group(2) else f"本条第{applied.group(1)}款"
                    note = f"{named}：{penalty}" if penalty and len(penalty) <= 200 else ""
            if not ref and before and (len(piece) <= SHORT or _goes_on(pieces[i - 1], piece)):
                out.append(Part(pieces[i - 1] + piece, pieces[i - 1] + piece))
                continue
            if not ref and len(piece) <= SHORT and i == 0 and n > 0 and not paras[n - 1][1] \
                    and piece[:2] in paras[n - 1][0] and not _opens_list(piece):
                # a short 款 opening with what the one before did (…可以暂扣有关的木材。/ 暂扣的期限不得超过七日。)
                # is about what that one says; one of its own (每年三月十二日为植树节) is not
                out.append(Part(piece, f"{paras[n - 1][0]} {piece}"))
                continue
            listing = piece + "".join(items)
            if i == len(pieces) - 1 and _opens_list(piece) and items and len(listing) <= LIST_MAX:
                out.append(Part(listing, listing, note, whole_list=True))  # "下列用能单位为重点用能单位：（一）…（二）…"
                continue
            # a conduct fined after another in the same sentence (…；对以上信息作虚假宣传的，处…) is
            # chosen by what that sentence said before it too
            context = "".join(_sentence_before(pieces, i)) if not ref else ""
            out.append(Part(piece, f"{piece} {conduct}".strip(), note, context=context))
        lead = pieces[-1] if pieces and _opens_list(pieces[-1]) else ""
        out += [Part(lead + item, lead + item) for item in items]
    return out
