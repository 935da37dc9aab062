"""The HTML reader keeps a government page's article and drops the site around it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.documents.html_reader import decode_html, read_html


def _page() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        path = parent / "shared" / "laws" / "上海市大气污染防治条例.html"
        if path.is_file():
            return path
    return None


PAGE = _page()
# Strings that only the site furniture carries: header, breadcrumb, share bar, info line,
# the analytics script, the style block and the footer.
FURNITURE = ["网站首页", "无障碍浏览", "繁体版", "首页", "政务公开", "法规规章", "分享到", "微博", "打印本页",
             "关闭窗口", "来源：本网", "字号", "_hmt", "font-size", "主办单位", "网站标识码", "ICP备案号",
             "联系我们", "网站地图", "使用帮助"]


@pytest.mark.skipif(PAGE is None, reason="shared/laws not beside the repo")
def test_shanghai_regulation_page():
    raw = PAGE.read_bytes()
    lines = read_html(raw)
    assert lines[0] == "上海市大气污染防治条例"
    articles = re.findall(r"<p>(第[一二三四五六七八九十百零]+条)\s", raw.decode("utf-8"))
    assert len(articles) == 109 and articles[-1] == "第一百零九条"
    starts = [line.split(" ", 1)[0] for line in lines]
    assert [a for a in starts if re.fullmatch(r"第[一二三四五六七八九十百零]+条", a)] == articles
    assert lines[1].startswith("2014年7月25日") and "第八章 附则" in lines
    text = "\n".join(lines)
    for junk in FURNITURE:
        assert junk not in text, junk


SYNTHETIC = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某市人民政府关于印发某某方案的通知_某市人民政府门户网站</title>
<script>var share = "分享到朋友圈";</script></head><body>
<div id="nav"><a href="/">首页</a> &gt; <a href="/zc/">政策文件</a></div>
<div class="share">分享到：微信 微博 打印本页</div>
<div class="main"><h1>某市人民政府关于印发某某方案的通知</h1>
<p>各区人民政府，市政府各委、办、局：</p>
<p>现将《某某方案》印发给你们，请认真贯彻执行。各单位要加强组织领导，明确责任分工，确保各项任务按期完成。</p>
<table><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>
<tr><td>1</td><td>推进清洁能源替代</td><td>市发展改革委</td></tr>
<tr><td>2</td><td>加强扬尘管控</td><td>市住房城乡建设委</td></tr></table>
<p>某市人民政府</p><p>2023年2月23日</p></div>
<div class="footer">版权所有：某市人民政府办公厅 网站标识码 1100000088</div></body></html>"""


def test_synthetic_page_in_gb2312():
    lines = read_html(SYNTHETIC.encode("gb18030"))
    assert lines[0] == "某市人民政府关于印发某某方案的通知"
    assert "序号\t任务\t牵头单位" in lines and "1\t推进清洁能源替代\t市发展改革委" in lines
    assert lines[-2:] == ["某市人民政府", "2023年2月23日"]
    text = "\n".join(lines)
    for junk in ["首页", "政策文件", "分享到", "打印本页", "版权所有", "网站标识码", "朋友圈", "门户网站"]:
        assert junk not in text, junk


def test_decoding_without_a_declaration():
    body = "<html><body><p>生态环境保护规划</p></body></html>"
    assert decode_html(body.encode("gb18030")) == body
    assert decode_html(body.encode("utf-8")) == body
    assert decode_html(body) == body
