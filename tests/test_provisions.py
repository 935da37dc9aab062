"""An article's parts: each penalty sentence matched by the 款 or 项 it names (立法法 structure)."""
from kb.answer.provisions import parts

ITEMS = ("违反本法规定，有下列行为之一，由主管部门责令改正，处以罚款：\n（一）占用、损害自然岸线的；\n"
         "（二）在严格保护岸线范围内开采海砂的。\n"
         "有前款第一项行为的，处每米五百元以上一万元以下的罚款；有前款第二项行为的，处二十万元以上二百万元以下的罚款。")


def _about(article: str, words: str):
    return next(p for p in parts(article) if words in p.quote)


def test_each_items_penalty_is_a_part_about_that_item():
    first = _about(ITEMS, "有前款第一项行为的")
    assert "占用、损害自然岸线" in first.about and "开采海砂" not in first.about
    assert first.quote.endswith("；") and "第二项" not in first.quote
    assert first.note.startswith("前款第一项：")
    second = _about(ITEMS, "有前款第二项行为的")
    assert "开采海砂" in second.about and "自然岸线" not in second.about


def test_items_are_quoted_with_their_lead_in():
    item = _about(ITEMS, "（二）")
    assert item.quote.startswith("违反本法规定，有下列行为之一") and item.quote.endswith("开采海砂的。")


def test_a_numbered_paragraph_and_a_list_of_items_are_resolved():
    article = ("任何单位不得擅自占道堆物。\n经批准占用的，应当保持整洁。\n经营者不得超出门窗经营。\n"
               "违反第一款规定的，处五百元以上五千元以下罚款。违反第三款规定的，处三百元以上三千元以下罚款。")
    assert "超出门窗经营" in _about(article, "违反第三款").about
    assert "占道堆物" in _about(article, "违反第一款").about
    listed = "有下列行为之一的，责令改正：\n(一)迟报的；\n(二)拒报的；\n(三)篡改的。\n有前款第一项、第三项行为之一的，处一万元以下的罚款。"
    both = _about(listed, "有前款第一项、第三项")
    assert "迟报" in both.about and "篡改" in both.about and "拒报" not in both.about


def test_several_paragraphs_named_are_all_the_conduct():
    article = ("经营单位应当在经营前十五日内办理备案。\n公共停车设施应当配建停车诱导设施。\n经营单位不得擅自停止经营。\n"
               "违反第一款、第二款规定的，由城市管理综合执法部门责令限期改正；逾期未改正的，处一万元罚款。")
    part = _about(article, "违反第一款、第二款")
    assert "办理备案" in part.about and "停车诱导设施" in part.about and "擅自停止经营" not in part.about
    assert part.note.startswith("第一款、第二款：")


def test_violating_the_rule_just_stated_is_quoted_with_the_rule():
    article = "任何人不得在公共场所张贴广告。违反规定的，责令清除，并处一百元以上一千元以下罚款。"
    part = _about(article, "违反规定的")
    assert part.quote.startswith("任何人不得在公共场所张贴广告。") and "张贴广告" in part.about


def test_another_acts_article_is_not_taken_for_this_ones():
    # "违反本条例第三十三条第一款" names an article of the act, not a 款 of this one.
    article = "违反本条例第三十三条第一款规定，未完成更新造林任务的，处3万元以下的罚款。\n第二款内容。"
    part = _about(article, "违反本条例")
    assert part.note == "" and part.about.startswith("违反本条例第三十三条第一款")


def test_plain_text_without_structure_is_one_part_a_sentence():
    assert [p.quote for p in parts("第一句。第二句很长很长很长很长很长很长很长很长很长很长很长。")] == \
        ["第一句。", "第二句很长很长很长很长很长很长很长很长很长很长很长。"]


def test_items_named_in_parentheses_and_by_a_list_of_numbers():
    # 第（一）、（四）项 and 第一、二、四项 are how older statutes name 项 (海洋环境保护法 2017).
    article = ("违反本法规定，有下列行为之一的，由主管部门予以警告，或者处以罚款：\n（一）未配备防污设施的；\n"
               "（二）未持有防污证书的；\n（三）未如实记录的；\n（四）货物不具备适运条件的。\n"
               "有前款第（一）、（四）项行为之一的，处二万元以上十万元以下的罚款；有前款第（二）项行为的，处二万元以下的罚款。")
    second = _about(article, "有前款第（二）项")
    assert "防污证书" in second.about and "防污设施" not in second.about and second.note.startswith("前款第（二）项")
    both = _about(article, "有前款第（一）、（四）项")
    assert "防污设施" in both.about and "适运条件" in both.about and "防污证书" not in both.about


def test_a_lead_in_is_quoted_with_its_items():
    # "下列用能单位为重点用能单位：" alone states nothing; with its items it is a whole answer.
    article = "下列用能单位为重点用能单位：\n（一）年综合能源消费总量一万吨以上的；\n（二）年综合能源消费总量五千吨以上不满一万吨的。"
    whole = [p for p in parts(article) if p.whole_list]
    assert len(whole) == 1 and "一万吨以上" in whole[0].quote and "五千吨以上" in whole[0].quote
    assert not any(p.quote == "下列用能单位为重点用能单位：" for p in parts(article))
    assert any(p.quote.endswith("五千吨以上不满一万吨的。") and not p.whole_list for p in parts(article))


def test_a_range_of_items_is_resolved():
    article = ("有下列行为之一的，责令改正：\n（一）迟报的；\n（二）拒报的；\n（三）篡改的。\n"
               "有前款第一项至第二项行为之一的，处一万元以下的罚款。")
    part = _about(article, "第一项至第二项")
    assert "迟报" in part.about and "拒报" in part.about and "篡改" not in part.about



def test_the_conduct_an_article_cites_is_the_paragraph_and_items_it_names():
    from kb.answer.provisions import cited_conduct

    article = ("禁止在保护范围内从事下列行为：\n（一）捡拾鸟蛋；\n（二）倾倒废弃物；\n（三）擅自建造建筑物。\n"
               "保护范围由市人民政府划定。")
    assert cited_conduct(article, None, {1}) == "禁止在保护范围内从事下列行为： （一）捡拾鸟蛋；"
    assert "倾倒废弃物" in cited_conduct(article, None, {2, 3}) and "鸟蛋" not in cited_conduct(article, None, {2, 3})
    assert cited_conduct(article, 2, set()) == "保护范围由市人民政府划定。"
    assert "鸟蛋" in cited_conduct(article, None, set()) and "划定" in cited_conduct(article, None, set())


def test_a_paragraph_applying_another_paragraphs_penalty_carries_that_penalty():
    # 森林法第七十三条: its third 款 sets no penalty of its own, "依照本条第一款规定处罚"
    article = ("违反本法规定，未经县级以上人民政府林业主管部门审核同意，擅自改变林地用途的，由县级以上人民政府林业主管部门"
               "责令限期恢复植被和林业生产条件，可以处恢复植被和林业生产条件所需费用三倍以下的罚款。\n"
               "虽经审核同意，但未办理建设用地审批手续擅自占用林地的，依照《中华人民共和国土地管理法》的有关规定处罚。\n"
               "临时使用林地期满后一年内未恢复植被或者林业生产条件的，依照本条第一款规定处罚。")
    third = next(p for p in parts(article) if p.quote.startswith("临时使用林地"))
    assert third.note.startswith("本条第一款：由县级以上人民政府林业主管部门") and "三倍以下的罚款" in third.note
    assert "擅自改变林地用途" not in third.note  # the penalty, not the first 款's conduct
    second = next(p for p in parts(article) if p.quote.startswith("虽经"))
    assert second.note == ""  # another act's penalty: nothing of this article to carry


def test_a_conduct_fined_after_a_semicolon_is_a_part_of_its_own():
    # 上海…第八十一条 fines three refusals in one sentence: 燃放烟花爆竹 was answered with the first one's
    # 二万元以上二十万元以下 (an invented sentence of the same shape, not the act's words)
    text = ("违反本条例第十条规定，拒不执行停产措施的，由生态环境部门处二万元以上二十万元以下罚款；"
            "拒不执行洒水措施的，由城管执法部门处一万元以上十万元以下罚款；"
            "拒不执行禁止燃放措施的，由公安机关依照有关规定予以处罚。")
    quotes = [p.quote for p in parts(text)]
    assert len(quotes) == 3 and quotes[2].startswith("拒不执行禁止燃放措施的") and "罚款" not in quotes[2]
    # what goes on about the same conduct stays with it: 情节严重的, 逾期不改正的, 对个人
    text = "擅自取水的，由水行政主管部门处二万元以上十万元以下罚款；情节严重的，吊销取水许可证；逾期不改正的，处五万元罚款。"
    assert [p.quote for p in parts(text)] == [text]
    text = "乱倒垃圾的，对单位处五千元罚款；对个人处二百元罚款。"
    assert [p.quote for p in parts(text)] == [text]
    # a tier of the same conduct names no one imposing it: it stays with the conduct (lawrefbook, 外汇 rules)
    text = "数额在10万美元以上不满100万美元的，给予降级或者撤职处分；数额在100万美元以上的，给予留用察看或者开除处分。"
    assert [p.quote for p in parts(text)] == [text]


def test_a_short_paragraph_going_on_with_the_one_before_is_about_it():
    # 暂扣的期限不得超过七日 is a 款 of its own; what is held (木材, on suspicion of 盗伐) is the 款 before it
    article = ("对涉嫌盗伐、滥伐林木的，经林业行政主管部门负责人批准，可以暂扣有关的木材。\n"
               "暂扣的期限不得超过七日。情况复杂的，经本机关负责人批准，可以延长到三十日。")
    part = _about(article, "暂扣的期限")
    assert part.quote == "暂扣的期限不得超过七日。" and "盗伐" in part.about, part
    first = _about(article, "对涉嫌盗伐")
    assert "七日" not in first.about  # the first 款 is about itself only
    own = _about("植树造林、保护森林，是公民应尽的义务。\n每年三月十二日为植树节。", "植树节")
    assert own.about == own.quote  # a short 款 of its own, opening with none of the words before it
    listed = "审查小组应当提出书面审查意见。\n审查意见应当包括下列内容：\n（一）基础资料的真实性；\n（二）评价方法的适当性。"
    assert _about(listed, "审查意见应当包括").whole_list  # a short lead-in is quoted with its items


def test_a_sentence_opening_on_the_outcome_of_the_one_before_is_quoted_with_it():
    # 经核查属实的，向…提出建议 says nothing of who verifies: the sentence before it does
    article = "环境保护主管部门发现规划实施过程中产生重大不良环境影响的，应当及时进行核查。经核查属实的，向规划审批机关提出采取改进措施或者修订规划的建议。"
    part = _about(article, "经核查属实的")
    assert part.quote.startswith("环境保护主管部门发现") and part.quote.endswith("建议。"), part
    other = _about("单位应当建立台账。经营者应当如实记录进货的数量、来源和去向，并保存两年以上。", "经营者")
    assert other.quote.startswith("经营者")  # 经营者 opens on no outcome of the sentence before
