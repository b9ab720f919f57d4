"""Saved web pages: a government site's article page (site chrome, a metadata block, tables with
rowspan/colspan, GBK bytes) written here, read back by `load_report`, and checked down to the
facts of the pipeline."""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

import pytest

from assistant.errors import LoadError
from assistant.index.pipeline import prepare
from assistant.ingest.readers.html import decode_page
from assistant.ingest.readers.load import load_report

ARTICLE = """\
<h1>某县水利局2024年度部门整体支出绩效自评报告</h1>
<div class="share-bar">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div class="TRS_Editor">
<p>一、部门基本情况</p>
<p>　　本局内设机构5个，下属事业单位2个。2024年全年预算数为2,150.00万元，全年执行数为2,064.32万元，预算执行率为96.01%。</p>
<p>二、预算执行情况</p>
<p>单位：万元</p>
<table border="1">
<tr><th rowspan="2">资金来源</th><th colspan="2">预算数</th><th rowspan="2">全年执行数</th><th rowspan="2">执行率</th></tr>
<tr><th>年初</th><th>全年</th></tr>
<tr><td>合计</td><td>2,000.50</td><td>2,150.00</td><td>2,064.32</td><td>96.01%</td></tr>
<tr><td>财政拨款</td><td>1,800.00</td><td>1,900.00</td><td>1,824.00</td><td>96.00%</td></tr>
<tr><td>其他资金</td><td>200.50</td><td>250.00</td><td>240.32</td><td>96.13%</td></tr>
</table>
<p>三、绩效指标完成情况</p>
<table border="1">
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>水库巡查次数</td><td>≥120次</td><td>132次</td><td>20</td><td>20</td></tr>
<tr><td>时效指标</td><td>汛期值守到位率</td><td>100%</td><td>100%</td><td>10</td><td>10</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度</td><td>群众满意度</td><td>≥90%</td><td>93%</td><td>10</td><td>9</td></tr>
</table>
<p>四、存在的问题<br>个别项目执行进度偏慢，<span>资金拨付</span>不够及时。</p>
</div>
<div class="page-prev-next"><p>上一篇：<a href="#">某县水利局2023年度报告</a></p>
<p>下一篇：<a href="#">关于做好防汛工作的通知</a></p></div>
<div class="bottom-tools">【打印本页】【关闭窗口】</div>
"""

PAGE = """\
<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某县水利局2024年度部门整体支出绩效自评报告_某县人民政府门户网站</title>
<style>.x {{ color: red }}</style><script>var site = "首页";</script></head>
<body>
<div class="header"><div class="logo">某县人民政府门户网站</div>
<ul class="nav-list"><li><a href="/">首页</a></li><li><a href="/xxgk">信息公开</a></li>
<li><a href="/hd">互动交流</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk">信息公开</a> &gt; 财政预决算</div>
<table class="xxgk-table">
<tr><td>索引号：</td><td>11330000MB0000000X/2025-00123</td><td>发布机构：</td><td>某县水利局</td></tr>
<tr><td>发布日期：</td><td>2025-04-18</td><td>文号：</td><td>县水〔2025〕12号</td></tr></table>
<div class="article">{article}</div>
<div class="footer"><p>主办：某县人民政府办公室 版权所有</p><p>备案号：浙ICP备00000000号</p></div>
</body></html>
"""


def write_page(path: Path, encoding: str = "gbk", article: str = ARTICLE) -> Path:
    path.write_bytes(PAGE.format(article=article).encode(encoding))
    return path


def _rows(facts) -> set[tuple]:
    return {(f.scope, f.subject, f.metric, f.value, f.unit) for f in facts}


def test_article_without_chrome_metadata_on_top(tmp_path: Path) -> None:
    doc = load_report(write_page(tmp_path / "报告.html"))
    lines = doc.text.split("\n")
    assert doc.kind == "html"
    assert lines[:5] == ["索引号：11330000MB0000000X/2025-00123", "发布机构：某县水利局",
                         "发布日期：2025-04-18", "文号：县水〔2025〕12号",
                         "某县水利局2024年度部门整体支出绩效自评报告"]
    assert lines[5] == "一、部门基本情况"
    assert "四、存在的问题" in lines and "个别项目执行进度偏慢，资金拨付不够及时。" in lines
    for chrome in ("首页", "当前位置", "分享到", "上一篇", "下一篇", "打印", "版权所有", "备案号",
                   "互动交流", "var site", "color"):
        assert chrome not in doc.text, chrome
    assert doc.text.count("索引号") == 1
    # a two-row header under rowspan/colspan cells, the caption's unit in the amount headers
    assert ("资金来源：合计；年初预算数（万元）：2,000.50；全年预算数（万元）：2,150.00；"
            "全年执行数（万元）：2,064.32；执行率：96.01%") in lines
    assert ("二级指标：时效指标；三级指标：汛期值守到位率；年度指标值：100%；实际完成值：100%；"
            "分值：10；得分：10") in lines


def test_page_facts_and_title(tmp_path: Path) -> None:
    doc = load_report(write_page(tmp_path / "报告.htm"))
    prepared = prepare(doc.path, doc.text)
    assert prepared.structure.title == "某县水利局2024年度部门整体支出绩效自评报告"
    assert prepared.structure.department == "某县水利局"
    assert prepared.structure.year == 2024
    rows = _rows(prepared.facts)
    assert {
        ("department", "", "预算数", 2150.0, "万元"),
        ("department", "", "年初预算数", 2000.5, "万元"),
        ("department", "", "支出", 2064.32, "万元"),
        ("department", "", "执行率", 96.01, "%"),
        ("source", "财政拨款", "支出", 1824.0, "万元"),
        ("source", "其他资金", "执行率", 96.13, "%"),
        ("indicator", "汛期值守到位率", "实际值", 100.0, "%"),
        ("indicator", "群众满意度", "目标值", 90.0, "%"),
        ("indicator", "群众满意度", "得分", 9.0, "分"),
        ("indicator", "水库巡查次数", "分值", 20.0, "分"),
    } <= rows
    for f in prepared.facts:
        assert doc.text[f.num_start:f.num_end] == f.raw
        assert doc.text[f.start:f.end] == f.quote


def test_web_archive_quoted_printable_and_base64(tmp_path: Path) -> None:
    html = PAGE.format(article=ARTICLE).replace("charset=gb2312", "charset=utf-8").encode()
    for encoding, body in (("quoted-printable", quopri.encodestring(html).decode("ascii")),
                           ("base64", base64.encodebytes(html).decode("ascii"))):
        archive = (
            "From: <Saved by Blink>\r\nSubject: page\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
            "------B\r\nContent-Type: text/html\r\n"
            f"Content-Transfer-Encoding: {encoding}\r\n"
            "Content-Location: https://example.invalid/a.html\r\n\r\n"
            f"{body}\r\n"
            "------B\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            "body { color: red }\r\n------B--\r\n")
        path = tmp_path / f"页面-{encoding}.mhtml"
        path.write_bytes(archive.encode("ascii"))
        doc = load_report(path)
        assert doc.kind == "mhtml"
        assert "索引号：11330000MB0000000X/2025-00123" in doc.text
        assert "资金来源：财政拨款；年初预算数（万元）：1,800.00" in doc.text
        assert "color" not in doc.text


def test_article_inside_a_layout_table(tmp_path: Path) -> None:
    body = "<p>" + "本单位严格执行预算管理制度，" * 50 + "</p>"
    article = (f"<table><tr><td><a href='/'>首页</a><a href='/a'>政务服务</a></td></tr>"
               f"<tr><td><div id='zoom'><p>一、总体情况</p>{body}"
               "<table><tr><td>项目</td><td>预算数</td><td>执行数</td></tr>"
               "<tr><td>办公经费</td><td>12.00</td><td>11.50</td></tr></table></div></td></tr></table>")
    doc = load_report(write_page(tmp_path / "p.html", "utf-8", article))
    assert "一、总体情况" in doc.text
    assert "项目：办公经费；预算数：12.00；执行数：11.50" in doc.text
    assert "政务服务" not in doc.text and "首页" not in doc.text


def test_charsets() -> None:
    text = "<html><head><meta charset='GBK'></head><body><p>预算执行率</p></body></html>"
    assert "预算执行率" in decode_page(text.encode("gbk"))
    assert "预算执行率" in decode_page(text.replace("GBK", "x").encode("utf-8"))
    assert "预算执行率" in decode_page(b"\xef\xbb\xbf" + text.encode("utf-8"))
    # no declaration, not UTF-8: GB18030
    assert "预算执行率" in decode_page("<p>预算执行率</p>".encode("gb18030"))


def test_pages_without_article_text_are_refused(tmp_path: Path) -> None:
    chrome_only = tmp_path / "空.html"
    chrome_only.write_text("<html><body><div class='nav'><a href='/'>首页</a></div>"
                           "<script>var a=1;</script></body></html>", encoding="utf-8")
    with pytest.raises(LoadError, match=r"空\.html.*no article text"):
        load_report(chrome_only)
    not_archive = tmp_path / "坏.mhtml"
    not_archive.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello")
    with pytest.raises(LoadError, match="holds no web page"):
        load_report(not_archive)
    with pytest.raises(LoadError, match="over the limit"):
        load_report(write_page(tmp_path / "大.html"), max_bytes=100)


def test_a_page_title_that_is_only_the_sites_name_is_not_the_reports(tmp_path: Path) -> None:
    page = ("<html><head><meta charset='utf-8'><title>某某市人民政府门户网站</title></head><body>"
            "<div>某某市人民政府门户网站</div><div>首页 &gt; 信息公开 &gt; 绩效评价</div>"
            "<div>发布日期：2024-04-28</div><div>字号：大 中 小</div>"
            "<div><p>某某中心2022年绩效报告.docx</p><p>某某市河道管理中心2022年整体支出绩效自评报告"
            "一 基本情况。我单位全年预算数 803.74 万元，执行率 100%。</p></div>"
            "<div>【打印】 【关闭】</div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = load_report(path)
    assert "门户网站" not in doc.text and "打印" not in doc.text
    prepared = prepare(path, doc.text)
    assert (prepared.structure.department, prepared.structure.year) == ("某某市河道管理中心", 2022)


def test_metadata_fields_stop_at_a_page_counter_and_source_is_kept(tmp_path: Path) -> None:
    page = ("<html><head><meta charset='utf-8'><title>某镇农技站2025年度绩效自评报告_某县农业农村局</title>"
            "</head><body><div class='meta'><span>发布机构：某县农业农村局</span>"
            "<span>发布日期：2026-04-01</span><span>阅读次数：88</span><span>来源：县农业农村局办公室</span>"
            "</div><div class='content'><p>一、基本情况</p><p>本站年末在职人员12人，承担全镇农技推广。</p>"
            "<table><tr><td>资金来源：财政拨款</td><td>100.00</td></tr></table>"
            "<p>二、支出情况</p><p>全年支出86.40万元，执行率96.00%。</p></div></body></html>")
    path = tmp_path / "站.html"
    path.write_text(page, encoding="utf-8")
    lines = load_report(path).text.split("\n")
    assert lines[:3] == ["发布机构：某县农业农村局", "发布日期：2026-04-01", "来源：县农业农村局办公室"]
    assert not any("阅读次数" in line for line in lines)
    assert not any(line.startswith("来源：财政拨款") for line in lines)  # a table's column is no field


def test_an_empty_paragraph_is_an_empty_cell_of_a_form_one_cell_per_paragraph(
        tmp_path: Path) -> None:
    cells = ["资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率",
             "财政拨款", "80.00", "90.00", "81.00", "90.00%",
             "上年结转", "", "&nbsp;", "6.00", "",
             "其他资金", "5.00", "5.00", "4.50", "90.00%"]
    article = ("<p>某县档案馆2024年度部门整体支出绩效自评报告</p><p></p>"
               + "\n".join(f"<p>{c}</p>" for c in cells) + "<p></p>")
    doc = load_report(write_page(tmp_path / "表.html", article=article))
    lines = doc.text.split("\n")
    start = lines.index("资金来源")
    # the empty cells stay blank lines, so 6.00 is the third cell of its row; no blank line
    # trails the article
    assert lines[start + 10:start + 16] == ["上年结转", "", "", "6.00", "", "其他资金"]
    assert lines[-1] == "90.00%"


def test_tabs_between_the_words_of_a_paragraph_are_kept_as_cell_boundaries(
        tmp_path: Path) -> None:
    article = ("<p>某县档案馆2024年度部门整体支出绩效自评报告</p>\n"
               "<p>项目名称\t档案数字化</p>\n"
               "<p>\t年度资金总额\t40.00\t\t36.00</p>\n"
               "<p>\n\t\t全年完成档案数字化12万页。\n\t</p>")
    lines = load_report(write_page(tmp_path / "表.html", article=article)).text.split("\n")
    assert "项目名称\t档案数字化" in lines
    assert "\t年度资金总额\t40.00\t\t36.00" in lines
    assert "全年完成档案数字化12万页。" in lines  # the markup's indentation is no cell


def test_a_paragraphs_full_width_indent_is_kept(tmp_path: Path) -> None:
    # as in a .txt, the indent opens a paragraph when the normaliser joins lines
    article = ("<p>某县档案馆2024年度部门整体支出绩效自评报告</p>"
               "<p>\u3000\u3000全年完成档案数字化12万页。</p><p>\u3000\u3000</p>")
    lines = load_report(write_page(tmp_path / "文.html", article=article)).text.split("\n")
    assert lines[-1] == "\u3000\u3000全年完成档案数字化12万页。"


def test_a_table_s_own_caption_gives_its_amounts_their_unit(tmp_path: Path) -> None:
    # the line above is long prose; the unit is in the table's <caption>
    prose = "<p>" + "各资金来源的预算和执行情况见表1，金额以元为单位列示，括号内为减少数。" * 2 + "</p>"
    table = ("<table><caption>表1　资金来源及执行情况（单位：元）</caption>"
             "<tr><th>资金来源</th><th>全年预算数</th><th>全年执行数</th></tr>"
             "<tr><td>合计</td><td>23184600.00</td><td>22073512.40</td></tr></table>")
    doc = load_report(write_page(tmp_path / "p.html", "utf-8", "<p>一、预算执行</p>" + prose + table))
    assert "表1　资金来源及执行情况（单位：元）" in doc.text
    assert "资金来源：合计；全年预算数（元）：23184600.00；全年执行数（元）：22073512.40" in doc.text
