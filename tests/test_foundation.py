"""The package skeleton: contract shape, input checks, normalisation, pattern loading, CLI, pipeline."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pytest

import govnews_extract as gx
from govnews_extract import cli
from govnews_extract._patterns import Patterns
from govnews_extract._records import Evidence
from govnews_extract._text import Normalized
from govnews_extract.errors import PatternError

CONTRACT = {"published", "meetings", "forecasts", "statistics", "enterprises"}


def test_public_namespace_is_small():
    assert set(gx.__all__) >= {"extract", "load", "find_quantities", "find_dates", "Report"}
    assert len(gx.__all__) <= 20


def test_import_loads_nothing_heavy():
    heavy = "('spacy', 'dateparser', 'spacy_pkuseg', 'thinc')"
    code = f"import sys, govnews_extract; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("bad", [b"\xe5\xb8\x82", 42, None, ["市长"]])
def test_non_str_text_is_a_type_error_naming_the_type(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        gx.extract(bad)


@pytest.mark.parametrize("call", [gx.extract, gx.find_dates, gx.find_quantities,
                                  lambda b: list(gx.extract_many([b])), lambda b: list(gx.extract_many([(b, None)]))],
                         ids=["extract", "find_dates", "find_quantities", "extract_many", "extract_many_pair"])
@pytest.mark.parametrize("raw", [b"\xe5\xb8\x82\xe9\x95\xbf", bytearray(b"\xe5\xb8\x82")], ids=["bytes", "bytearray"])
def test_bytes_for_text_say_how_to_decode_them(call, raw):
    # a page read with open(..., "rb") is the likeliest wrong type: every entry point names the fix
    hint = r" \(decode bytes first, e\.g\. data\.decode\('utf-8'\)\)"
    with pytest.raises(TypeError, match=type(raw).__name__ + hint):
        call(raw)


@pytest.mark.parametrize("text", ["", "   \n\n", "The mayor met the press on Monday.", "12345", "、、、、"])
def test_empty_or_foreign_text_gives_an_empty_report(text):
    d = gx.extract(text).to_dict()
    assert d == {"published": None, "meetings": [], "forecasts": [], "statistics": [], "enterprises": []}


def test_published_forms():
    assert gx.extract("", published="2024-01-22").published == dt.date(2024, 1, 22)
    assert gx.extract("", published=dt.datetime(2024, 1, 22, 8, 30)).published == dt.date(2024, 1, 22)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        gx.extract("", published="22/01/2024")
    with pytest.raises(TypeError, match="int"):
        gx.extract("", published=20240122)


def test_to_dict_has_exactly_the_contract_names_and_json_values():
    stat = gx.Statistic(metric="累计交易金额", text="369.50亿元", value=Decimal("36950000000"), unit="元",
                        subject="市公共资源交易中心", period="2023", evidence=Evidence("x", ((3, 10),)))
    day = gx.DayForecast(date=dt.date(2024, 1, 22), weekday=1, temp_min_c=Decimal("-10"), temp_max_c=Decimal("-1.5"))
    report = gx.Report(published=dt.date(2024, 1, 22), statistics=(stat,),
                       forecasts=(gx.Forecast(issuer="市气象台", days=(day,)),))
    d = report.to_dict()
    assert set(d) == CONTRACT
    assert d["statistics"][0] == {"subject": "市公共资源交易中心", "metric": "累计交易金额", "text": "369.50亿元",
                                  "value": 36950000000, "unit": "元", "period": "2023", "qualifier": None}
    assert type(d["statistics"][0]["value"]) is int
    row = d["forecasts"][0]["days"][0]
    assert row["date"] == "2024-01-22" and row["temp_min_c"] == -10 and row["temp_max_c"] == -1.5
    assert row["wind_directions"] == [] and row["gust_force_min"] is None
    assert json.loads(report.to_json()) == d
    assert report.to_dict(evidence=True)["statistics"][0]["evidence"] == {"rule": "x", "spans": [[3, 10]]}


def test_records_are_frozen():
    p = gx.Person(name="王保明", title="市政府秘书长")
    with pytest.raises(AttributeError):
        p.name = "x"  # type: ignore[misc]


# -- normalisation --------------------------------------------------------------------------

def test_normalisation_keeps_length_for_substitutions():
    n = Normalized("東北風\u3000３級，氣溫－１０℃")
    assert n.text == "东北风 3级，气温-10℃"
    assert n.span(4, 6) == (4, 6)
    assert n.written(0, 3) == "東北風"


def test_page_break_inside_a_word_is_joined_and_spans_point_into_the_original():
    original = "翟坡镇“名企业”和优秀企业家主要有：张文中与威达机械、李绍奎与威远机\n\n械、李玉尚与超力带钢。"
    n = Normalized(original)
    assert "威远机械" in n.text
    i = n.text.index("威远机械")
    s, e = n.span(i, i + 4)
    assert original[s:e] == "威远机\n\n械"
    assert n.written(i, i + 4) == "威远机械"


def test_a_break_inside_a_legal_form_is_joined_whatever_the_line_length():
    # the first line of a paragraph is short, but no writer ends a line inside 有限公司
    original = "“数”说企业新作为\n在观山湖区，贵州云启数据科技有\n限公司总经理陈思远介绍。"
    n = Normalized(original)
    assert "“数”说企业新作为\n在观山湖区，贵州云启数据科技有限公司总经理" in n.text
    i = n.text.index("贵州")
    assert n.written(i, i + 12) == "贵州云启数据科技有限公司"
    assert original[slice(*n.span(i, i + 12))] == "贵州云启数据科技有\n限公司"
    for original, joined in (("宜昌市橙乡果业股\n\n份有限公司", "宜昌市橙乡果业股份有限公司"),
                             ("延津县金麦种植专\n业合作社", "延津县金麦种植专业合作社"),
                             ("新華達集團有限公\n司", "新華達集團有限公司"),
                             ("在观山湖区，贵州云启数据科技\n有限公司", "在观山湖区，贵州云启数据科技有限公司")):
        assert Normalized(original).written(0, len(joined)) == joined
    # between the two words of a form, or after a lone 公, a short line may end: kept
    for kept in ("产能有限\n公司负责人表示，", "办公\n司机培训开班", "企业风采。\n有限公司改制后，"):
        assert "\n" in Normalized(kept).text


def test_short_headline_lines_are_not_joined():
    n = Normalized("全市消防安全工作会议召开\n\n强化底线思维 压实责任链条")
    assert "\n\n" in n.text


def test_masthead_lines_are_not_joined_to_the_headline():
    # fields apart by two spaces (or an ideographic space) make a masthead, not a broken sentence
    for masthead in ("许昌日报  2021年3月22日  星期一  第3版  经济",
                     "许昌日报\u30002021年3月22日\u3000星期一\u3000第3版经济"):
        n = Normalized(masthead + "\n\n去年我市生产总值3449.2亿元")
        assert "经济\n\n去年" in n.text
    # a long prose line cut mid-sentence is still joined, its leading indentation aside
    n = Normalized("\u3000\u3000今年以来，我市坚持稳中求进工作总基调，全力以赴抓项目、促投资、稳增长，"
                   "经济运行\n\n总体平稳。")
    assert "经济运行总体平稳" in n.text


def test_crlf_is_folded_and_positions_map_back():
    original = "周一（1月22日），晴。\r\n周二，多云。\r\n"
    n = Normalized(original)
    assert n.text == "周一（1月22日），晴。\n周二，多云。\n"
    i = n.text.index("周二")
    assert original[slice(*n.span(i, i + 2))] == "周二"


def test_ascii_punctuation_in_chinese_text_is_read_as_chinese_punctuation():
    original = "1月20日,我市召开会议(视频):市长主持;18:30结束,1,200人参加!"
    n = Normalized(original)
    assert n.text == "1月20日，我市召开会议（视频）：市长主持；18:30结束，1,200人参加！"
    assert n.written(0, len(n.text)) == original


def test_a_full_width_thousands_comma_is_read_as_one_number():
    n = Normalized("员工１，２００人，分别为３，４家，共１２，３４５６元")
    # three digits after it group thousands; one or four digits do not (a list, or no grouping)
    assert n.text == "员工1,200人，分别为3，4家，共12，3456元"
    assert n.written(2, 7) == "１，２００"


def test_a_line_wrapped_inside_a_sentence_is_joined():
    original = ("今年以来，我市坚持稳中求进工作总基调，全力以赴抓项目、促“投资”\r\n"
                "\u3000稳增长，经济运行总体平稳。\n下一段。")
    n = Normalized(original)
    assert n.text == ("今年以来，我市坚持稳中求进工作总基调，全力以赴抓项目、促“投资”稳增长，"
                      "经济运行总体平稳。\n下一段。")
    i = n.text.index("”稳")
    assert original[slice(*n.span(i, i + 2))] == "”\r\n\u3000稳"
    assert n.written(i, i + 2) == "”稳"


def test_a_line_that_ends_a_sentence_or_is_short_keeps_its_break():
    for text in ("今年以来，我市坚持稳中求进工作总基调，全力以赴抓项目、促投资、稳增长。\n下一段",
                 "他说：“今年以来，我市坚持稳中求进工作总基调，全力以赴抓项目、促投资。”\n下一段",
                 "具体预报如下，今年以来，我市坚持稳中求进工作总基调，全力以赴抓项目：\n周一，晴",
                 "全省第四季度重点工作推进电视电话会议召开\n我市在分会场收听收看"):
        assert "\n" in Normalized(text).text, text


def test_a_line_before_a_new_item_keeps_its_break_without_closing_punctuation():
    # lists, outlines, dated items and forecast rows often end a line with no mark at all
    for nxt in ("2.规模以上工业增加值增长6.2%", "（二）规模以上工业增加值增长6.2%", "二、规模以上工业增加值增长6.2%",
                "●规模以上工业增加值增长6.2%", "第二条 规模以上工业增加值", "1月21日，全市经济工作会议召开",
                "21日，晴，北风3级", "周二（1月23日），晴天转多云", "明天，多云转晴"):
        text = "1.全市实现地区生产总值3218.6亿元，同比增长5.1个百分点以上的增速\n" + nxt
        assert Normalized(text).text == text, nxt
    # a figure that opens the next line is no item: 「完成\n3.5亿元」 is a wrap, and so is a number cut in two
    text = "12日，多云转阴，偏北风3~4级，阵风6级，气温4℃~15℃；13日，多云转阴；1\n4日，晴，西北风3~4级"
    assert Normalized(text).text == text.replace("\n", "")
    n = Normalized("今年以来，全市坚持稳中求进工作总基调，全年一般公共预算收入完成\n3.5亿元，同比增长5%。")
    assert n.text == "今年以来，全市坚持稳中求进工作总基调，全年一般公共预算收入完成3.5亿元，同比增长5%。"


def test_indentation_that_opens_a_line_goes():
    original = "\u3000\u3000本报讯 今年以来。\n\n  \t第二段。\n\u3000第三段"
    n = Normalized(original)
    assert n.text == "本报讯 今年以来。\n\n第二段。\n第三段"
    i = n.text.index("第二段")
    assert original[slice(*n.span(i, i + 3))] == "第二段"


def test_narrow_column_lines_are_joined():
    # a run of short lines of nearly one width (12 to 16 characters), three or more of them cut
    # mid-sentence, is a newspaper column
    original = ("本报讯（记者 刘芳）3月8日，\n南阳市召开全市优化营商环境\n"
                "工作推进会，市长张伟出席会议\n并讲话。\n\n下一段。")
    n = Normalized(original)
    assert n.text == ("本报讯（记者 刘芳）3月8日，南阳市召开全市优化营商环境工作推进会，"
                      "市长张伟出席会议并讲话。\n\n下一段。")
    i = n.text.index("环境工作")
    assert n.span(i, i + 4) == (original.index("环境"), original.index("工作推进") + 2)
    assert original[slice(*n.span(i, i + 4))] == "环境\n工作"
    assert n.written(i, i + 4) == "环境工作"
    # half-width digits count half: a line of figures is as wide as its neighbours
    original = "今年1—5月，全市规上工业\n增加值同比增长12.6%，高于\n全省2.1个百分点，增速居全\n省第二位。"
    assert Normalized(original).text == original.replace("\n", "")


def test_short_lines_that_are_no_column_keep_their_breaks():
    for kept in (
        # a headline and its sub-headline over a long body line: the block's last line runs far past them
        "南阳市优化营商环境推进会召开\n市长张伟出席并讲话\n"
        "本报讯（记者 刘芳）3月8日，南阳市召开全市优化营商环境工作推进会，市长张伟出席会议并讲话。",
        # a closing line, a 「下一篇：」 line and the next headline: fewer than three lines cut mid-sentence
        "会议还研究了其他事项。\n下一篇：春风送暖入万家\n全市优化营商环境工作推进会召开\n"
        "本报讯（记者 刘芳）3月8日，南阳市召开全市优化营商环境工作推进会，市长张伟出席会议并讲话。",
        "安全隐患举报电话：0371-67181234\n相关阅读：乡村振兴一线见闻\n市长王强昨日主持召开市政府常务会议。",
        # two lines are no column
        "全省第四季度重点工作推进电视电话会议召开\n我市在分会场收听收看",
        # a list of figures or names has no comma or full stop
        "规模以上工业增加值增长6.1%\n固定资产投资增长7.3%\n社会消费品零售总额增长5.5%",
        # lines under ten characters, list items, forecast rows
        "市长 张伟\n副市长 李强\n秘书长 王军，",
        "洛阳市召开全市安全生产会议\n1.全市安全生产形势总体平稳，\n2.各县区要压实属地管理责任，\n3.各部门要加强督导检查",
        "3月9日，晴转多云，北风2级\n3月10日，多云，南风3级\n3月11日，小雨，东风2级",
    ):
        assert Normalized(kept).text == kept, kept


def test_a_number_or_a_name_cut_by_a_wrap_is_joined_at_any_line_length():
    for original, joined in (("一季度，全市工业增加值同比下降3.\n2%，降幅收窄", "同比下降3.2%，"),
                             ("前5月全市税收增长12\n.1%，高于全省", "增长12.1%，"),
                             ("出口增长５\n％。", "出口增长5%。"),
                             ("在观山湖区，贵州云启数据科\n技有限公司总经理", "贵州云启数据科技有限公司总经理"),
                             ("由河南豫港控股集\n团有限公司投资", "河南豫港控股集团有限公司"),
                             ("昆明滇池智造科\n技股份有限公司", "滇池智造科技股份有限公司")):
        n = Normalized(original)
        assert joined in n.text, original
        i = n.text.index(joined)
        assert "\n" in original[slice(*n.span(i, i + len(joined)))]
    n = Normalized("同比下降3.\n2%")
    assert n.text == "同比下降3.2%" and n.span(5, 7) == (5, 8) and n.written(4, 8) == "3.2%"
    # a list number alone, a count or an ordinal cut between digits, a line that opens with 该公司: kept
    for kept in ("3.\n2023年全市生产总值", "共有3\n2家企业", "今年第3\n季度", "会议召开\n该公司负责人介绍",
                 "表彰大会召开\n华为技术有限公司获奖"):
        assert Normalized(kept).text == kept, kept


def test_a_page_number_or_masthead_inside_a_sentence_goes_with_the_break():
    head = "本报讯（记者 孙丽）9月3日，全市文化旅游产业发展大会召开。市委副书记、市长"
    for furniture in ("\n\n— 3 —\n\n昆明日报\u30002023年9月4日\u3000星期一\u3000第3版\u3000要闻\n\n",
                      "\n第5版\n", "\n\n昆明日报\n\n", "\n\n2023年9月4日 星期一\n\n", "\n\n- 12 -\n\n"):
        original = head + furniture + "李晓峰出席会议并讲话。"
        n = Normalized(original)
        assert n.text == head + "李晓峰出席会议并讲话。", furniture
        i = n.text.index("市长李")
        assert original[slice(*n.span(i, i + 3))] == "市长" + furniture + "李"
        assert n.written(i, i + 3) == "市长李"
    # after a sentence's end the page furniture stays (a new article may follow), and so does a short line
    # of prose between the halves (no page furniture: the old rule joins the cut line to it)
    kept = "全市文化旅游产业发展大会召开。市委副书记、市长李晓峰出席会议并讲话。\n\n— 3 —\n\n昆明日报\n\n下一篇。"
    assert Normalized(kept).text == kept
    assert Normalized(head + "\n\n文旅融合\n\n李晓峰").text == head + "文旅融合\n\n李晓峰"


def test_html_tags_go_and_entities_are_read_as_their_characters():
    original = '<p>本报讯&nbsp;记者 王明</p><p>3月5日，市政府召开<span style="color:red">常务会议</span>。</p>'
    n = Normalized(original)
    # a block tag is a line break, an inline tag nothing, an entity its character
    assert n.text == "\n本报讯 记者 王明\n\n3月5日，市政府召开常务会议。\n"
    i = n.text.index("召开常务")
    assert original[slice(*n.span(i, i + 4))] == '召开<span style="color:red">常务'
    assert n.written(i, i + 4) == "召开常务"
    i = n.text.index(" 记者")
    assert n.span(i, i + 3) == (original.index("&nbsp;"), original.index("&nbsp;") + 8)
    assert n.written(i, i + 3) == "\u00a0记者"  # as written: the entity's character
    assert Normalized("&#33274;中市&amp;高雄市<BR>&#x53f0;東").text == "台中市&高雄市\n台东"
    assert Normalized("&#33274;中市").written(0, 3) == "臺中市"
    # a sentence cut between two paragraphs of a long line is joined as in plain text
    n = Normalized("<p>全市地区生产总值完成3218.6亿元，同比增长5.1%，第三产业增加值</p>\n<p>占比提高到52%。</p>")
    assert n.text == "\n全市地区生产总值完成3218.6亿元，同比增长5.1%，第三产业增加值占比提高到52%。\n"
    # table cells are apart by spaces
    assert Normalized("<tr><td>1月1日</td><td>晴</td></tr>").text == "\n1月1日  晴 \n"


def test_text_that_only_looks_like_markup_stays():
    for text in ("失业率控制在<10%以内", "若a<b且c>d", "x<y>z", "研发投入占比>3%，<5%", "R&D投入", "&unknown",
                 "&#0", "<p 未闭合"):
        n = Normalized(text)
        assert n.text == text and n.written(0, len(text)) == text, text


def test_traditional_liao_jie_is_read_as_simplified():
    assert Normalized("記者從市統計局瞭解到").text == "记者从市统计局了解到"


# -- pattern files --------------------------------------------------------------------------

def _write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_references_expand_and_lexicons_compile_longest_first(tmp_path):
    _write(tmp_path, "a.yaml", "vocabulary:\n  UNIT: [万元, 元, 亿元]\n  NUM: '[0-9]++'\n"
           "rules:\n  - name: money\n    pattern: '{NUM}{UNIT}'\n")
    p = Patterns(tmp_path)
    assert p.rule("money").regex.fullmatch("369亿元")
    assert p.lexicon("UNIT") == ("万元", "元", "亿元")


def test_a_prefiltered_rule_scans_only_the_clauses_holding_a_needed_word(tmp_path):
    _write(tmp_path, "a.yaml", "rules:\n  - name: held\n    pattern: '[^，。]{1,10}?会议召开'\n"
           "    needs: [召开]\n    stops: '，。'\n  - name: plain\n    pattern: '[^，。]{1,10}?会议召开'\n")
    p = Patterns(tmp_path)
    text = "今天上午，全市工作会议召开。会议强调，各地要抓好落实。另一场座谈会议召开，"
    scanner = p.rule("held").scanner
    assert scanner.needs == ("召开",) and scanner.regex is p.rule("held").regex
    found = [m.group() for m in scanner.finditer(text)]
    assert found == ["全市工作会议召开", "另一场座谈会议召开"]
    assert found == [m.group() for m in p.rule("plain").scanner.finditer(text)]
    assert [m.group() for m in scanner.finditer(text, 10)] == ["另一场座谈会议召开"]
    assert list(scanner.finditer("会议强调，各地要抓好落实。")) == []
    assert scanner.search(text).span() == (5, 13)
    assert [m.group() for m in p.rule("held").finditer(text, 0, 12)] == []  # the match would pass endpos


@pytest.mark.parametrize(("files", "code", "words"), [
    ({"a.yaml": "rules:\n  - name: r1\n    pattern: '{NOPE}'\n"}, "E004", ["r1", "a.yaml", "NOPE"]),
    ({"a.yaml": "vocabulary:\n  A: '{B}'\n  B: '{A}'\n"}, "E005", ["circle"]),
    ({"a.yaml": "vocabulary:\n  A: x\n", "b.yaml": "vocabulary:\n  A: y\n"}, "E003", ["A"]),
    ({"a.yaml": "rules:\n  - name: r1\n    pattern: '(x'\n"}, "E006", ["r1"]),
    ({"a.yaml": "rules:\n  - pattern: x\n"}, "E002", ["name"]),
    ({"a.yaml": "rules: [\n"}, "E001", ["a.yaml"]),
    ({"a.yaml": "rules:\n  - name: r1\n    pattern: x\n    examples: [3]\n"}, "E007", ["r1"]),
    ({"a.yaml": "rules:\n  - name: r1\n    pattern: x\n    needs: x\n"}, "E008", ["r1", "needs"]),
    ({"a.yaml": "rules:\n  - name: r1\n    pattern: x\n    stops: '。'\n"}, "E008", ["r1", "needs"]),
    ({"a.yaml": "rules:\n  - name: r1\n    pattern: x\n    needs: [x]\n    stops: 3\n"}, "E008", ["r1", "stops"]),
    ({"a.yaml": "rules:\n  - name: r1\n    pattern: x\n    engine: pcre\n"}, "E009", ["r1", "pcre", "engine: regex"]),
])
def test_malformed_pattern_files_fail_at_load_naming_file_rule_and_fix(tmp_path, files, code, words):
    for name, text in files.items():
        _write(tmp_path, name, text)
    with pytest.raises(PatternError) as info:
        Patterns(tmp_path)
    message = str(info.value)
    assert info.value.code == code and "Fix:" in message
    for word in words:
        assert word in message


# -- CLI ------------------------------------------------------------------------------------

def test_cli_demo_prints_the_contract(capsys):
    assert cli.main(["--demo", "--no-models"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert set(d) == CONTRACT and d["published"] == "2024-01-22"


def test_cli_bad_date_and_unreadable_file_exit_2_with_one_line(tmp_path, capsys):
    assert cli.main(["--published", "2024-02-30", "x.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "YYYY-MM-DD" in err
    assert cli.main([str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read" in err
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("市长".encode("gbk"))
    assert cli.main([str(bad)]) == 2


def test_cli_reads_files_in_jsonl(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("今天天气很好。", encoding="utf-8")
    assert cli.main([str(f), str(f), "--format", "jsonl", "--published", "2024-01-22", "--no-models"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["file"] == str(f)


# -- spaCy pipeline -------------------------------------------------------------------------

def test_load_gives_a_spacy_pipeline_with_the_report_on_the_doc():
    nlp = gx.load(models=False)
    assert "govnews_extractor" in nlp.pipe_names
    doc = nlp("会议召开。")
    assert isinstance(doc._.report, gx.Report)


def test_fast_yaml_reader_reads_every_shipped_file_like_srsly():
    import srsly

    from govnews_extract._patterns import _load_yaml, default_dir

    files = sorted(default_dir().rglob("*.yaml"))
    assert files
    for path in files:
        assert _load_yaml(path) == srsly.read_yaml(path), path.name


class _RecordingFinder:
    """A stand-in name model that finds 魏建平 and remembers what it was shown."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def find_many(self, texts):
        self.seen.extend(texts)
        return [[(t.index("魏建平"), t.index("魏建平") + 3, "PER")] if "魏建平" in t else [] for t in texts]


def test_the_name_model_runs_only_on_sentences_that_name_people():
    from govnews_extract._extract import Context

    text = "今年全市粮食产量达到120万吨。\n市长魏建平主持会议。气温回升，天气晴好。"
    finder = _RecordingFinder()
    ctx = Context(text, None, finder)
    assert ctx.entities == [(text.index("魏建平"), text.index("魏建平") + 3, "PER")]
    assert finder.seen == ["市长魏建平主持会议。"]
    assert Context(text).entities == []


def test_the_name_model_runs_on_a_sentence_only_when_a_rule_asks_about_it():
    from govnews_extract._extract import Context

    text = "副市长魏建平出席活动。今年全市粮食产量达到120万吨。\n市长魏建平主持会议。"
    at = text.rindex("魏建平")
    finder = _RecordingFinder()
    ctx = Context(text, None, finder)
    assert ctx.names_at(text.index("粮食"), "PER") == []  # no cue word for people: the model is not asked
    assert finder.seen == []
    assert ctx.names_at(at + 1, "PER") == []  # a name neither starts nor ends here
    assert ctx.names_at(at, "PER") == [(at, at + 3, "PER")]  # one that starts here
    assert ctx.names_at(at + 2, "PER") == [(at, at + 3, "PER")]  # and ends right after here
    assert ctx.names_at(at, "ORG") == []  # a question names the kind of name it wants
    assert finder.seen == ["市长魏建平主持会议。"]  # the sentence is read once
    assert Context(text).names_at(at, "PER") == []  # rules only


def test_words_that_read_as_nothing_but_words_send_nothing_to_the_name_model():
    """Questions whose answer could not change a record are not asked: 工厂 and 新厂 are words,
    and the 委员 of 委员会 / the 常委 of 常委会 are bodies, not titles before a name."""
    from govnews_extract._extract import build_report

    texts = ["公司负责人郭大海把工厂建在家门口，新厂预计明年量产。",
             "市人大常委会副主任赵文博、市政协副主席钱明列席会议。"]
    finder = _RecordingFinder()
    for text in texts:
        build_report(text, None, finder)
    assert finder.seen == []


def test_extraction_asks_the_name_model_once_for_all_the_sentences_it_needs():
    from govnews_extract._extract import build_report

    calls: list[list[str]] = []

    class Finder:  # finds 佴文强, a name whose surname the lexicon lacks
        def find_many(self, texts):
            calls.append(list(texts))
            return [[(t.index("佴文强"), t.index("佴文强") + 3, "PER")] if "佴文强" in t else [] for t in texts]

    first = "1月8日，市政府召开常务会议，会议由副市长佴文强主持。"
    text = first + "今年全市粮食产量达到120万吨。\n市长魏建平出席会议并讲话。"
    report = build_report(text, None, Finder())
    assert calls == [[first]]  # one batch, after a dry run of the rules
    assert [p.name for m in report.meetings for p in m.chairs] == ["佴文强"]
    assert build_report(text, None, None).meetings[0].chairs == ()


def test_the_rules_read_once_when_the_model_answers_nothing_they_asked(monkeypatch):
    """The dry run (rules only, questions noted) stands as the result when the model's answer
    to every question is empty as well; an answer that differs makes the rules read again."""
    from govnews_extract import enterprises, meetings
    from govnews_extract._extract import build_report

    reads, enterprise_reads = [], []
    original, original_enterprises = meetings.extract, enterprises.extract
    monkeypatch.setattr(meetings, "extract", lambda ctx: reads.append(1) or original(ctx))
    monkeypatch.setattr(enterprises, "extract", lambda ctx: enterprise_reads.append(1) or original_enterprises(ctx))

    class Finder:  # names the one 佴文强 it is shown, nothing else
        def find_many(self, texts):
            return [[(t.index("佴文强"), t.index("佴文强") + 3, "PER")] if "佴文强" in t else [] for t in texts]

    plain = "1月8日，市政府召开常务会议，会议由副市长王刚主持。副市长李四出席会议。"
    report = build_report(plain, None, Finder())
    assert reads == [1] and enterprise_reads == [1]  # each kind's dry run stood
    assert report.to_json(evidence=True) == build_report(plain, None, None).to_json(evidence=True)
    reads.clear()
    rare = "1月8日，市政府召开常务会议，会议由副市长佴文强主持。"
    report = build_report(rare, None, Finder())
    assert reads == [1, 1]  # the model named someone the meeting rules asked about: they read again
    assert [p.name for m in report.meetings for p in m.chairs] == ["佴文强"]


def test_the_name_model_is_not_asked_where_the_rules_already_know():
    """A cut of 「市长王刚」 is a name only after a whole title (市 is none), 出席 or 调研 after
    a title opens no name, and a bare 「。公司」 has no enterprise name before its legal form:
    no sentence needs the model."""
    from govnews_extract._extract import build_report

    calls: list[list[str]] = []

    class Finder:
        def find_many(self, texts):
            calls.append(list(texts))
            return [[] for _ in texts]

    text = ("1月20日，我市召开全市经济工作会议。市长王刚主持会议。副市长王乐新调研重点项目。市领导出席会议。"
            "公司负责人表示，今年产值增长。会议指出，要抓好安全生产。局有关负责人介绍，全年产值增长。")
    report = build_report(text, None, Finder())
    assert calls == []
    assert [(p.name, p.title) for m in report.meetings for p in m.chairs] == [("王刚", "市长")]


def test_a_rule_picks_its_engine(tmp_path):
    """A pattern re can run goes to re unless its rule says ``engine: regex``; one re cannot run
    (a duplicate group name) stays on regex either way."""
    import re

    import regex

    _write(tmp_path, "a.yaml", "rules:\n  - name: plain\n    pattern: '\\p{Han}{2}会议'\n"
           "  - name: scanned\n    engine: regex\n    pattern: '\\p{Han}{2}会议'\n"
           "  - name: twice\n    pattern: '(?P<y>\\d{4})年|(?P<y>\\d{2})年'\n")
    p = Patterns(tmp_path)
    assert isinstance(p.rule("plain").regex, re.Pattern)
    assert isinstance(p.rule("scanned").regex, regex.Pattern)
    assert isinstance(p.rule("twice").regex, regex.Pattern)
    text = "昨日，全市工作会议召开；2024年、24年"
    assert [m.group() for m in p.rule("plain").finditer(text)] == ["工作会议"]
    assert [m.group() for m in p.rule("scanned").finditer(text)] == ["工作会议"]
    assert [m.group("y") for m in p.rule("twice").finditer(text)] == ["2024", "24"]


def test_the_word_segmenter_loads_only_when_a_text_is_tokenised():
    from govnews_extract import _models
    from govnews_extract._pipeline import LazySegmenter, extract_with, run

    if not _models.models_available():
        pytest.skip("shipped models are absent (train them: see docs/models.md)")
    nlp = gx.load()
    segment = nlp.tokenizer.segment
    assert isinstance(segment, LazySegmenter) and not segment.loaded
    text = "1月20日，市长魏建平主持召开全市安全生产工作会议。"
    report = extract_with(nlp, text, "2024-01-22")
    assert not segment.loaded  # a report reads the string
    doc = run(nlp, text, "2024-01-22")  # nlp(text) with a reference date
    assert segment.loaded and doc.text == text
    assert {"市长", "主持", "安全"} <= {t.text for t in doc}  # words, not characters
    assert doc._.report.to_json(evidence=True) == report.to_json(evidence=True)


def test_lines_around_the_article_are_read_as_blank():
    """Links to other articles (PAGE_CHROME_LINE) make no records, and positions stay right."""
    article = "1月20日，全市经济工作会议召开。市长王刚主持会议。全市生产总值增长5.2%。"
    links = ("\n上一篇：市政府召开第十次常务会议\n下一篇：全市安全生产工作会议召开，投资增长8%"
             "\n  相关新闻: 县委召开常委会会议")
    report = gx.extract(article + links, published="2024-01-22")
    assert [(m.name, m.date.isoformat()) for m in report.meetings] == [("全市经济工作会议", "2024-01-20")]
    assert [s.text for s in report.statistics] == ["5.2%"]
    assert all(e <= len(article) for _, e in report.meetings[0].evidence.spans)  # spans of the article
    # the same words inside prose are no link line
    prose = "1月21日，县委召开常委会会议。会议听取了相关新闻：发布工作的汇报。下一篇章由全县人民书写。"
    assert [m.name for m in gx.extract(prose, published="2024-01-22").meetings] == ["常委会会议"]


def test_a_page_is_translated_as_the_table_says_in_one_pass_or_by_replacing():
    """_translate_bmp_page replaces the few kinds of character a page changes one after another:
    the same text as str.translate, also where one replacement writes what another replaces
    (a chain) and on a page of many kinds (traditional characters)."""
    import random

    from govnews_extract import _text

    table = _text._page_table()
    _, changes = _text._page_changes()
    chained = [k for k, v in changes.items() if v in changes]
    kinds = sorted(changes)
    rng = random.Random(7)
    texts = ["", "全市生产总值，增长5%", "會議於臺北舉行：１２０　人出席,(含列席)", "".join(kinds[::40])]
    texts += [c + changes[c] + "中文" for c in chained]
    alphabet = kinds + list("中文，。,:()12　 ")
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80))) for _ in range(300)]
    for text in texts:
        assert _text._translate_bmp_page(text) == text.translate(table), text
        assert _text._translate_bmp_page(text + "\U00020000") is None  # past U+FFFF: the whole table
    assert _text._translate_page("會議\U00020000,１２") == "会议\U00020000，12"
