"""Retrieval over the development laws beside the seeds (real model): article lookups by number and
short name, everyday wording, versions."""
from __future__ import annotations

import pytest

from kb.search.legal import defined_terms

pytestmark = pytest.mark.slow


def _top(kb, question: str, k: int = 1) -> list:
    return kb.search(question, k=k)


def _doc(kb, title: str, current: bool = True):
    return next(d for d in kb.documents if d.title == title and (d.superseded_by is None) == current)


def test_an_article_asked_by_number_and_short_name_is_rank_one(laws_kb):
    parking = _doc(laws_kb, "北京市机动车停车条例")
    assert _top(laws_kb, "停车条例第二十二条是怎么规定的？")[0].clause_id == f"{parking.id}:art22"
    assert _top(laws_kb, "北京市机动车停车条例第22条")[0].clause_id == f"{parking.id}:art22"
    energy = _doc(laws_kb, "中华人民共和国节约能源法")
    assert _top(laws_kb, "节能法第二十四条")[0].clause_id.startswith(f"{energy.id}:art24")


def test_the_version_a_question_names_is_the_one_found(laws_kb):
    old, new = _doc(laws_kb, "中华人民共和国海洋环境保护法", False), _doc(laws_kb, "中华人民共和国海洋环境保护法")
    assert _top(laws_kb, "海洋环境保护法第一条")[0].doc_id == new.id
    assert _top(laws_kb, "2017年海洋环境保护法第一条")[0].doc_id == old.id


def test_everyday_words_find_the_law_that_uses_other_words(laws_kb):
    # 乱停/人行道 → 违法停放; 砍树 → 采伐林木: none of the law's own words
    hits = _top(laws_kb, "把车乱停在人行道上会被拖走吗？", k=5)
    assert any("停车" in h.doc_title for h in hits[:3])
    hits = _top(laws_kb, "在自家承包的山上砍树要不要批准？", k=5)
    assert any("采伐" in h.text for h in hits[:5])


def test_everyday_words_for_false_figures_find_the_census_article_against_them(laws_kb):
    # 改小/瞎填 → 虚报、瞒报; 摸底调查 → 普查 (without them the article is fourth or lower)
    for question in ("单位领导让我们把报给全国排污摸底调查的数据改小一点，这样做可以吗？", "普查的时候瞎填数据会怎么样？"):
        hits = _top(laws_kb, question, k=3)
        assert any("普查" in h.doc_title and ("虚报" in h.text or "瞒报" in h.text) for h in hits), question


def test_a_penalty_question_finds_the_article_that_sets_the_fine(laws_kb):
    hit = _top(laws_kb, "停车设施设置后没按时报送泊位情况，会被怎么处罚？")[0]
    assert hit.label == "第二十二条" and "两千元罚款" in hit.text


def test_the_terms_an_article_defines():
    assert defined_terms("本法所称能源，是指煤炭、石油") == ("能源",)
    assert defined_terms("（一）放射性污染，是指由于人类活动") == ("放射性污染",)
    assert defined_terms("一级防火区是指自然保护区。\n二级防火区是指成片有林地。") == ("一级防火区", "二级防火区")
    assert defined_terms("单位应当按照规定报告。") == ()
    # a sentence opening with the term and 包括 defines it by its parts (not 包括下列, not …应当包括)
    assert defined_terms("森林划分为生态公益林和商品林。 生态公益林包括防护林和特种用途林；商品林包括经济林。") == ("生态公益林", "商品林")
    assert defined_terms("本条例所称城市河道包括水域、河槽、堤防") == ("城市河道",)
    assert defined_terms("节能规划应当包括节能目标。处罚主要包括罚款。禁止的行为包括下列：") == ()


def test_a_definition_question_finds_the_defining_article(laws_kb):
    top = _top(laws_kb, "伴生放射性矿指的是什么？")[0]
    assert top.label == "第六十二条" and "伴生放射性矿，是指" in top.text


def test_law_names_as_questions_write_them():
    from kb.search.legal import named_laws

    assert named_laws("水污法罚款多少？") == ["水污法"]
    assert named_laws("2019年北京市实施《水法》办法第五十一条") == ["北京市实施《水法》办法"]
    assert named_laws("环评法和规划环评条例有什么不同？") == ["环评法", "规划环评条例"]
    assert named_laws("这种做法的后果是什么？") == [] and named_laws("违法的要罚吗？") == []
    # What the question says before the name is not part of it.
    assert named_laws("乔木林地郁闭度要达到多少才算森林法里的林地？") == ["森林法"]
    assert named_laws("北京市大气污染防治条例第十条") == ["北京市大气污染防治条例"]
    assert named_laws("预算法第十条") == ["预算法"] and named_laws("《计算机软件保护条例》") == ["计算机软件保护条例"]
    assert named_laws("这是森林法里的规定吗？") == ["森林法"]
    # 国务院 issues 行政法规: 国务院排水条例 is 城镇排水与污水处理条例, not a title beginning 国务院
    assert named_laws("按国务院排水条例要罚多少钱？") == ["排水条例"]
    assert named_laws("按现在的海洋环境保护法怎么罚？") == ["海洋环境保护法"]  # 现在的, like 现行


def test_an_article_of_a_title_with_inner_quotes_is_rank_one(laws_kb):
    top = _top(laws_kb, "2019年北京市实施《水法》办法第五十一条")[0]
    assert top.label == "第五十一条" and "水法" in top.doc_title
    assert laws_kb.searcher.docs[top.doc_id].superseded_by  # the older version, as the year asks


def test_definition_questions_ask_about_the_term_next_to_the_asking_words():
    from kb.search.legal import defines_asked

    assert defines_asked("节约能源法所称能源包括哪些？", ["能源"])
    assert defines_asked("森林法里的林地是什么意思？", ["林地"])
    assert not defines_asked("国家重点保护的林地包括哪些？", ["林地"])  # a list, not a meaning
    assert not defines_asked("排放污染物是指什么？", ["排放"]) and not defines_asked("为什么是林地？", ["林地"])
    assert defined_terms("本条例所称的“城市道路”（以下简称道路），是指供车辆通行的道路") == ("城市道路",)


def test_a_law_named_after_other_words_is_still_the_law(laws_kb):
    from kb.search.legal import documents_named, named_laws

    assert named_laws("《森林法》规定的林木采伐许可由谁审批？") == ["森林法"]
    assert named_laws("企业违反了节约能源法要被罚多少？") == ["节约能源法"]
    assert named_laws("环保部门执法有什么依据？") == [] and named_laws("用什么方法处理污泥？") == []
    assert [d.title for d in documents_named("单位违反停车条例怎么处罚？", laws_kb.documents)[1]][:1] == ["北京市机动车停车条例"]
    assert laws_kb.ask("垃圾分类的具体办法和要求是什么？").answerable  # 办法 here is no law's name


def test_the_version_in_force_in_the_year_asked():
    from kb.model import Document
    from kb.search.legal import in_force

    old = Document(id="p-2021", file="a", title="停车条例", date_amended="2021-09-24", superseded_by="p-2024")
    new = Document(id="p-2024", file="b", title="停车条例", date_amended="2024-03-29")
    docs = {d.id: d for d in (old, new)}
    assert in_force(old, 2022, docs) and not in_force(new, 2022, docs)  # 2022年按当时的停车条例
    assert in_force(new, 2024, docs) and not in_force(old, 2024, docs)
    assert in_force(old, 2021, docs)  # 2021年版
    assert in_force(old, 2019, docs)  # before the oldest version we hold: that one


def test_a_year_labelling_a_version_asks_for_that_text():
    # 海环法（2023年修订） was answered from the 2017 text, in force through 2023
    from kb.model import Document
    from kb.search.legal import other_version, read_question

    old = Document(id="sea-2017", file="a", title="中华人民共和国海洋环境保护法", date_amended="2017-11-04",
                   date_effective="2000-04-01", superseded_by="sea-2023")
    new = Document(id="sea-2023", file="b", title="中华人民共和国海洋环境保护法", date_amended="2023-10-24",
                   date_effective="2024-01-01")
    docs = {d.id: d for d in (old, new)}
    ask = read_question("现行海环法（2023年修订）规定，跨部门的工作由谁协调？", list(docs.values()))
    assert ask.labelled and other_version(old, ask, docs) and not other_version(new, ask, docs)
    ask = read_question("2023年按当时施行的海洋环境保护法，跨部门的工作由谁协调？", list(docs.values()))
    assert not ask.labelled and not other_version(old, ask, docs)  # the text in force in 2023


def test_a_question_about_when_an_act_takes_effect_finds_its_last_article(laws_kb):
    top = _top(laws_kb, "节约能源法从什么时候开始施行？")[0]
    assert "起施行" in top.text and top.doc_title == "中华人民共和国节约能源法"
    from kb.search.legal import read_question

    assert not read_question("企业从哪天起必须安装在线监测设备？", laws_kb.documents).effective
    # asked in other words: 哪年哪月哪日生效, the revised text's 实施日期
    top = _top(laws_kb, "放射性污染防治法具体是哪年哪月哪日生效的？")[0]
    assert "起施行" in top.text and "放射性污染防治法" in top.doc_title, top.text
    assert read_question("北京市机动车停车条例2021年修正文本里规定的实施日期是什么时候？", laws_kb.documents).effective
    # 开始执行 asks about a measure as often as about the act (供热期每年从哪天开始执行)
    for measure in ("北京市机动车停车条例规定的收费标准什么时候开始执行？",
                    "北京市机动车停车条例规定的错时停车每天从哪天开始执行？"):
        assert not read_question(measure, laws_kb.documents).effective, measure
    assert not read_question("北京市重污染天气应急措施的实施日期是哪天？", laws_kb.documents).effective  # a measure's


def test_a_year_in_the_question_picks_the_version_then_in_force(laws_kb):
    old = _doc(laws_kb, "北京市机动车停车条例", False)
    hits = _top(laws_kb, "2023年按当时的北京市机动车停车条例，停车场备案有什么规定？", k=3)
    assert hits[0].doc_id == old.id


def test_a_law_name_after_words_that_are_not_part_of_it_and_laws_we_do_not_hold():
    from kb.model import Document
    from kb.search.legal import documents_named

    docs = [Document(id="sh", file="a", title="上海市大气污染防治条例", scope="上海市"),
            Document(id="sea", file="b", title="中华人民共和国海洋环境保护法"),
            Document(id="rad", file="c", title="中华人民共和国放射性污染防治法"),
            Document(id="forest", file="d", title="北京市森林资源保护管理条例")]
    assert [d.id for d in documents_named("2023年按当时施行的海洋环境保护法罚多少？", docs)[1]] == ["sea"]
    assert [d.id for d in documents_named("新修订的海洋环境保护法从哪天起施行？", docs)[1]] == ["sea"]
    assert [d.id for d in documents_named("上海大气条例罚多少", docs)[1]] == ["sh"]
    for absent in ("北京市大气污染防治条例第十条", "水污染防治法第十条规定了什么", "土壤污染防治法怎么规定",
                   "野生动物保护法罚多少", "生活垃圾管理条例怎么罚"):
        assert documents_named(absent, docs)[1] == [], absent  # not another law that shares its tail


def test_a_revision_takes_over_from_the_year_it_takes_effect():
    from kb.model import Document
    from kb.search.legal import in_force

    old = Document(id="sea-2017", file="a", title="海洋环境保护法", date_amended="2017-11-04",
                   date_effective="2000-04-01", superseded_by="sea-2023")  # an amended text keeps the first 施行 date
    new = Document(id="sea-2023", file="b", title="海洋环境保护法", date_amended="2023-10-24", date_effective="2024-01-01")
    docs = {d.id: d for d in (old, new)}
    assert in_force(old, 2023, docs)  # revised in October 2023, in effect from 2024
    assert in_force(new, 2023, docs)  # "2023年修订的海洋环境保护法" names it by its year
    assert in_force(new, 2024, docs) and not in_force(old, 2024, docs)


def test_an_act_we_hold_in_one_undated_text_is_the_version_whatever_the_year():
    from kb.model import Document
    from kb.search.legal import LegalAsk, in_force, other_version

    only = Document(id="only", file="a", title="某条例")
    assert in_force(only, 2023, {"only": only})
    assert not other_version(only, LegalAsk(frozenset({"only"}), 2023, None, False), {"only": only})


def test_a_year_with_before_asks_for_the_version_in_force_the_year_before():
    from kb.model import Document
    from kb.search.legal import read_question

    docs = [Document(id="sea", file="b", title="中华人民共和国海洋环境保护法")]
    assert read_question("海洋环境保护法2024年施行之前，石油勘探造成污染罚多少？", docs).year == 2023
    assert read_question("2024年按海洋环境保护法罚多少？", docs).year == 2024
    assert read_question("2024年以前海洋环境保护法怎么规定", docs).year == 2023


def test_terms_defined_by_an_item_or_named_in_passing():
    from kb.search.legal import defined_terms

    assert defined_terms("本法下列用语的含义是：（一）森林，包括乔木林、竹林和国家特别规定的灌木林。") == ("森林",)
    assert "专项规划" in defined_terms("对其组织编制的有关专项规划(以下称专项规划)，应当进行环境影响评价。")
    assert defined_terms("排放污染物的企业事业单位（以下统称排污单位）应当…") == ("排污单位",)
    assert defined_terms("各级人民政府应当采取措施，包括加强监测。") == ()  # 包括 defines only as an item


def test_a_law_named_after_a_version_phrase():
    from kb.search.legal import named_laws

    assert named_laws("2017年修正的那版海洋环境保护法是从哪天起施行的？") == ["海洋环境保护法"]
    assert named_laws("2023年修订前的海洋环境保护法对此怎么规定？") == ["海洋环境保护法"]
    assert named_laws("2017年修正的海洋环境保护法写的施行日期是哪天？") == ["海洋环境保护法"]


def test_a_law_named_before_any_word_a_noun_takes(laws_kb):
    from kb.search.legal import documents_named, named_laws

    # a name that can only be a law's may be followed by 最 / 由 / 按 / 上 …, when it is a held act's
    def named(q):
        return documents_named(q, laws_kb.documents)[0]
    assert named("按森林法最多罚多少？") == ["森林法"] and named("按2023年修订的海环法由谁来确定？") == ["海环法"]
    assert named("森林法上的商品林是怎么界定的？") == ["森林法"] and named("违法排污在森林法上怎么罚？") == ["森林法"]
    # the loose reading carries the words before a name; it names no act we lack, so it refuses nothing
    for q in ("违法排污在环境保护法上怎么罚？", "有关条例需要怎么执行？", "国务院条例由谁制定？"):
        assert named(q) == [], q
        assert "现有文件中没有" not in laws_kb.ask(q).answer, q
    assert named_laws("具体办法由谁制定？", loose=True) == [] and named_laws("转移支付的管理办法由哪个部门制定？", loose=True) == []
    assert named_laws("照现行北京停车条例，以后怎么增加车位？") == ["北京停车条例"]
    assert named_laws("由哪个部门处罚、依据什么法？") == []  # 什么法 asks which act; it names none
    assert named_laws("国有林场没编森林经营方案，2020年起施行的新森林法怎么处理？") == ["森林法"]
    for title in ("汕头经济特区城市景观照明条例", "日照市城市绿化条例", "辐照装置安全管理条例"):
        assert named_laws(f"{title}第十条讲什么？") == [title]


def test_the_version_a_record_question_names_answers_it(laws_kb):
    a = laws_kb.ask("2017年修正的海洋环境保护法写的施行日期是哪天？")
    assert "2000年4月1日" in a.answer, a.answer


def test_a_word_in_many_clauses_is_less_rare_than_one_in_few():
    from kb.index.keyword import KeywordIndex

    texts = ["任何单位不得擅自占道。", "禁止擅自挖掘道路。", "不得擅自改变用途。", "不得将停车设施改作他用。"]
    index = KeywordIndex.build(texts)
    assert index.rarity("改作他用") > index.rarity("擅自") > 0
    assert index.rarity("从未出现的词") == 1.0


def test_a_national_law_called_国家_in_a_question():
    from kb.model import Document
    from kb.search.legal import law_match

    energy = Document(id="energy", file="e.md", title="中华人民共和国节约能源法", type="法律")
    security = Document(id="security", file="s.md", title="中华人民共和国国家安全法", type="法律")
    assert law_match("国家节约能源法", energy) > 0
    assert law_match("国家安全法", security) > 0 and law_match("国家安全法", energy) == 0
    nuclear = Document(id="nuclear", file="n.md", title="中华人民共和国核安全法", type="法律")
    assert law_match("国家安全法", nuclear) == 0  # not held: refused, not answered from 核安全法


def test_a_law_short_name_keeps_the_first_character_of_the_title():
    from kb.model import Document
    from kb.search.legal import documents_named, law_match

    sea = Document(id="sea", file="s.md", title="中华人民共和国海洋环境保护法", type="法律")
    env = Document(id="env", file="e.md", title="中华人民共和国环境保护法", type="法律")
    energy = Document(id="energy", file="n.md", title="中华人民共和国节约能源法", type="法律")
    forest = Document(id="forest", file="f.md", title="中华人民共和国森林法", type="法律")
    assert law_match("环境保护法", sea) == 0 and law_match("能源法", energy) == 0
    assert law_match("海洋环保法", sea) > 0 and law_match("节能法", energy) > 0
    assert law_match("海洋环境保护法", env) == 0  # holding only 环境保护法, the marine law is still not held
    assert [d.id for d in documents_named("“海上焚烧”在海洋环境保护法里指什么", [sea, env])[1]] == ["sea"]
    assert law_match("上海市森林法", forest) == 0  # a place the title does not name


def test_a_penalty_question_gets_the_article_punishing_the_rule_it_found(laws_kb):
    # Retrieval finds the rule (第十八条 下列地区禁止开凿机井); the article citing it and setting the fine
    # answers a question about consequences.
    top = _top(laws_kb, "自来水管网已经通到的地方，有人私自打机井抽地下水，北京会罚多少？")[0]
    assert top.label == "第四十五条" and "七万元以上十万元以下" in top.text, (top.label, top.text[:60])
    from dataclasses import replace

    from kb.search.searcher import Searcher

    question = "自来水管网已经通到的地方，有人私自打机井抽地下水，北京会罚多少？"

    def first(*stages):
        settings = replace(laws_kb.searcher.settings, rescorers=stages)
        return Searcher(laws_kb.loaded, laws_kb.searcher.encoder, settings).search(question, 3).hits[0].label
    # The learnt ranker has come to rank the penalty first too; without it the stage alone does.
    assert first("boosts", "legal") == "第十八条"  # without the stage: the rule, not its penalty
    assert first("boosts", "legal", "penalty_article") == "第四十五条"


def test_the_version_before_an_amendment_and_a_title_inside_a_title_are_read(laws_kb):
    top = _top(laws_kb, "2023年修订前的海洋环境保护法第八十八条说的是什么？")[0]
    assert top.clause_id.startswith("海洋环境保护法-2017") and top.label == "第八十八条", top.clause_id
    top = _top(laws_kb, "2019年版《北京市实施〈中华人民共和国水法〉办法》第六十五条说的是什么？")[0]
    assert "水法" in top.doc_title and top.label == "第六十五条", (top.doc_title, top.label)


def test_a_question_asking_whether_it_is_allowed_finds_the_prohibition_before_its_penalty(laws_kb):
    hits = laws_kb.search("想从国外便宜买一批被放射性污染过的废旧钢材运回国内，可以吗？", k=3)
    assert "禁止" in hits[0].text and "罚款" not in hits[0].text, [h.clause_id for h in hits]


def test_a_law_named_before_a_bracket_a_pronoun_or_a_particle():
    # Questions end a name with "）", go on with 他们 or ask 吗 right after it; the name was missed and
    # with it the version asked (按2017年版海环法 answered from the 2023 text: 13 dev questions).
    from kb.search.legal import named_laws

    assert named_laws("给菜打药有什么讲究？（按2017年版海环法）") == ["海环法"]
    assert named_laws("按2017年的海洋环境保护法他们要保密吗？") == ["海洋环境保护法"]
    assert named_laws("2021年版北京停车条例：私自画停车位罚多少？") == ["北京停车条例"]
    assert named_laws("两份实施意见的提法有什么不同？") == []  # 提法 is a word, not a 法
    # a version in brackets right after the name: 海环法（2023年修订）第10条 read no act and was refused
    assert named_laws("海环法（2023年修订）第10条主要讲什么？") == ["海环法"]
    assert named_laws("京水法办法(2019年版)第3条说的是什么？") == ["京水法办法"]
    # in 《》 two characters name an act (《水法》第七十二条 read none and was answered from another act)
    assert named_laws("《水法》第七十二条管的是哪些行为？") == ["水法"]
    assert named_laws("这种办法第七十二条管什么？") == []


def test_a_two_character_name_is_an_act_only_when_one_held_is_called_so():
    # 依照水法怎么处罚 read no act (names were three characters or more); 依法, 合法 name nothing
    from kb.model import Document
    from kb.search.legal import documents_named

    water = Document(id="w", file="a", title="中华人民共和国水法")
    pollution = Document(id="p", file="b", title="中华人民共和国水污染防治法")
    assert [d.id for d in documents_named("工厂擅自从河里抽水，依照水法怎么处罚？", [water, pollution])[1]] == ["w"]
    assert documents_named("依照水法怎么处罚？", [pollution]) == ([], [])  # not 水污染防治法, nor reported missing
    assert documents_named("依法应当怎么处罚？这种做法合法吗", [water, pollution]) == ([], [])


def test_a_law_name_opening_with_a_province_abbreviation():
    # 沪 is 上海 (GB/T 2260 abbreviations, places.json): 沪大气条例第1条 was answered "we hold no 沪大气条例"
    from kb.model import Document
    from kb.search.legal import law_match

    sh = Document(id="sh", file="a", title="上海市大气污染防治条例", scope="上海市")
    bj = Document(id="bj", file="b", title="北京市大气污染防治条例", scope="北京市")
    bj_water = Document(id="w", file="c", title="北京市实施《中华人民共和国水法》办法", scope="北京市")
    assert law_match("沪大气条例", sh) > 0 and law_match("沪大气条例", bj) == 0
    assert law_match("京大气条例", bj) > 0 and law_match("京大气条例", sh) == 0
    assert law_match("京水法办法", bj_water) > 0
    assert law_match("新大气条例", sh) == 0  # 新疆's abbreviation, but no Xinjiang act is held


def test_a_name_that_says_only_where_and_what_kind_names_an_act_only_when_one_fits(laws_kb):
    from kb.search.legal import documents_named

    # "北京条例" fits every Beijing 条例 held: which act is not said, so none is named (nor reported missing)
    names, docs = documents_named("国家森林法和北京条例怎么规定？", laws_kb.documents)
    assert names == ["国家森林法"] and {d.title for d in docs} == {"中华人民共和国森林法"}
    names, docs = documents_named("国家法和北京办法怎么规定的？", laws_kb.documents)
    assert names == [] and docs == []
    # one Shanghai 条例 is held: 上海条例 names it
    names, docs = documents_named("上海条例里的高污染燃料指哪些？", laws_kb.documents)
    assert [d.title for d in docs] == ["上海市大气污染防治条例"]


def test_a_question_naming_the_old_version_in_brackets_is_answered_from_it(laws_kb):
    old = _doc(laws_kb, "中华人民共和国海洋环境保护法", False)
    top = _top(laws_kb, "海上钻油平台上沾了油的废料，按2017年版海环法能不能直接倒海里？")[0]
    assert top.doc_id == old.id and "含油的工业垃圾" in top.text


def test_an_implementing_act_called_若干规定_is_named():
    # 实施《X法》的若干规定 is a form local implementing acts take, like 实施《X法》办法
    from kb.search.legal import named_laws

    assert named_laws("青岛市实施《水法》的若干规定第十条讲什么？") == ["青岛市实施《水法》的若干规定"]
    assert named_laws("某省实施《渔业法》若干规定对此怎么罚？") == ["某省实施《渔业法》若干规定"]


def test_a_title_opening_with_防治_is_shortened_with_防治_after_its_object():
    from kb.model import Document
    from kb.search.legal import law_match

    land = Document(id="land", file="l.md", title="防治陆源污染物污染损害海洋环境管理条例", type="行政法规")
    ships = Document(id="ships", file="s.md", title="防治船舶污染海洋环境管理条例", type="行政法规")
    air = Document(id="air", file="a.md", title="上海市大气污染防治条例", type="地方性法规")
    assert law_match("陆源污染物防治条例", land) > 0 and law_match("陆源污染物防治条例", ships) == 0
    assert law_match("船舶污染防治条例", ships) > 0
    assert law_match("大气污染防治条例", land) == 0 and law_match("大气污染防治条例", air) > 0


def test_moving_a_tree_elsewhere_in_everyday_words_finds_the_approval_for_transplanting(laws_kb):
    # 挪到别处去种 is what the act calls 移植林木 (kb/data/everyday.json): the article saying who approves it
    hits = _top(laws_kb, "小区里有棵老槐树挡道，物业想把它挪到别处去种，需要谁批准？", k=5)
    assert any("需要移植林木的，应当经" in h.text for h in hits), [h.text[:40] for h in hits]
