"""find_quantities and parse_number: exact values from real-looking sentences, near-misses, bad input."""

from __future__ import annotations

import time
from decimal import Decimal, getcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govnews_extract as gx
from govnews_extract._patterns import get_patterns
from govnews_extract.quantities import Quantity, find_quantities, parse_number, parse_range


def rows(text: str) -> list[tuple[str, Decimal, str | None, str | None]]:
    return [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(text)]


# -- parse_number: one row per numeral -------------------------------------------------------

@pytest.mark.parametrize(("numeral", "value"), [
    ("369.50亿", "36950000000"), ("16.4亿", "1640000000"), ("47.264287亿", "4726428700"),
    ("2.54亿", "254000000"), ("1.3亿", "130000000"), ("3541.07万", "35410700"), ("1.2万亿", "1200000000000"),
    ("两千余", "2000"), ("一万三千五百", "13500"), ("〇", "0"), ("零", "0"), ("两百", "200"), ("两千", "2000"),
    ("十几", "10"), ("二百零三", "203"), ("一百零四万", "1040000"), ("一万零四十", "10040"),
    ("三万四千五百零七", "34507"), ("一亿三千万", "130000000"), ("三点五", "3.5"), ("三点五亿", "350000000"),
    ("二〇二四", "2024"), ("贰佰零叁", "203"), ("參萬肆仟伍佰陸拾柒", "34567"), ("一萬三千五百", "13500"),
    ("廿三", "23"), ("五百卅四", "534"), ("一千一", "1100"), ("三万五", "35000"), ("三十余万", "300000"),
    ("20多亿", "2000000000"), ("1,200,000", "1200000"), ("１２３", "123"), (".77", "0.77"), ("01.10", "1.1"),
    ("-1200000", "-1200000"), ("负一百二十万", "-1200000"), ("二分之一", "0.5"), ("十", "10"), ("十五", "15"),
])
def test_parse_number_exact(numeral, value):
    got = parse_number(numeral)
    assert got == Decimal(value) and isinstance(got, Decimal)
    assert "E" not in str(got)  # never exponent form


@pytest.mark.parametrize("numeral", ["两三万", "三五", "", "abc", "统一", "百千", "万万", "1.2.3", "一二"])
def test_parse_number_gives_none(numeral):
    assert parse_number(numeral) is None


def test_values_beyond_28_digits_are_exact_not_rounded():
    # Decimal's default context keeps 28 digits: 33 digits times 亿 came out as 1234…6790000000000000
    digits = "123456789012345678901234567890123"
    assert parse_number(digits + "亿") == Decimal(digits + "00000000")
    assert rows(f"累计交易金额{digits}.5万元") == [(f"{digits}.5万元", Decimal(digits + "5000"), "元", None)]
    assert parse_number("9" * 40 + "万亿") == Decimal("9" * 40 + "0" * 12)
    assert parse_number("9" * 41) is None  # longer runs are codes, not amounts
    assert parse_number("三分之一") == Decimal(1) / Decimal(3)  # a fraction that does not end: 28 digits
    assert getcontext().prec == 28  # the caller's context is left as it was


def test_parse_number_non_str():
    assert parse_number(12) is None  # type: ignore[arg-type]


def test_parse_range():
    assert parse_range("两三万") == (Decimal(20000), Decimal(30000))
    assert parse_range("三四十") == (Decimal(30), Decimal(40))
    assert parse_range("十五六") == (Decimal(15), Decimal(16))
    assert parse_range("三十") is None


# -- the sample page ---------------------------------------------------------------------------

def test_sample_page_money_and_counts(sample_text):
    qs = find_quantities(sample_text)
    got = {(q.text, q.value, q.unit) for q in qs}
    for want in [("369.50亿元", Decimal("36950000000"), "元"), ("5.91亿元", Decimal("591000000"), "元"),
                 ("2359家", Decimal(2359), "家"), ("873项", Decimal(873), "项"), ("2890万元", Decimal(28900000), "元"),
                 ("77.16万元", Decimal(771600), "元"), ("2300余台（套）", Decimal(2300), "台（套）"),
                 ("1600余人", Decimal(1600), "人"), ("20多亿元", Decimal(2000000000), "元")]:
        assert want in got
    bare = [q for q in qs if q.text == "2.54亿"]
    assert len(bare) == 1 and bare[0].unit is None and bare[0].bare_magnitude and bare[0].value == 254000000
    filled = bare[0].with_unit("元")
    assert (filled.unit, filled.dimension, filled.value) == ("元", "money", 254000000)
    for q in qs:  # every span points at the text as written
        assert sample_text[q.span[0]:q.span[1]] == q.text


def test_sample_page_has_no_names_or_dates(sample_text):
    texts = {q.text for q in find_quantities(sample_text)}
    for word in ("十大", "六新", "五链", "七查", "一打", "一盘棋", "一岗", "2023年", "1月20日", "24小时",
                 "十年", "一名"):
        assert not any(word in t for t in texts), word


def test_sample_page_weather_row(sample_text):
    row = sample_text[sample_text.index("周一（1月22日）"):sample_text.index("周二（1月23日）")]
    got = [(q.text, q.value, q.unit, q.range) for q in find_quantities(row)]
    assert got == [("2级", 2, "级", "from"), ("3级", 3, "级", "to"),
                   ("-10℃", -10, "℃", "from"), ("-1℃", -1, "℃", "to")]


# -- exact readings in other cities and years -----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("郑州市2022年实现地区生产总值12934.69亿元，同比增长1%",
     [("12934.69亿元", Decimal("1293469000000"), "元", None), ("1%", 1, "%", None)]),
    ("洛阳市今年接待游客20万人次以上，营业额增长近2倍",
     [("20万人次", 200000, "人次", "以上"), ("2倍", 2, "倍", "近")]),
    ("全市財政收入達到3.6億元，新建住房1,200套，新增綠地500公頃",
     [("3.6億元", 360000000, "元", None), ("1,200套", 1200, "套", None), ("500公頃", 500, "公顷", None)]),
    ("全縣共有農戶兩萬三千個，耕地面積十二萬畝", [("兩萬三千個", 23000, "个", None), ("十二萬畝", 120000, "亩", None)]),
    ("安阳市居民消费价格上涨0.3个百分点，CPI涨幅约为2.1%",
     [("0.3个百分点", Decimal("0.3"), "百分点", None), ("2.1%", Decimal("2.1"), "%", None)]),
    ("鹤壁市超过3000名志愿者参与，帮扶困难群众两千余人",
     [("3000名", 3000, "名", "超过"), ("两千余人", 2000, "人", "余")]),
    ("项目总投资3541.07万元2.3本项目", [("3541.07万元", 35410700, "元", None), ("2.3", Decimal("2.3"), None, None)]),
    ("南阳市粮食总产量达到1,105.6万吨，新增高标准农田65万亩",
     [("1,105.6万吨", 11056000, "吨", None), ("65万亩", 650000, "亩", None)]),
    ("新增装机容量120兆瓦，年发电量2.4亿千瓦时，减排二氧化碳约20万吨",
     [("120兆瓦", 120, "兆瓦", None), ("2.4亿千瓦时", 240000000, "千瓦时", None), ("20万吨", 200000, "吨", "约")]),
    ("开封市建成区面积达到150平方公里，道路延长3.5公里",
     [("150平方公里", 150, "平方公里", None), ("3.5公里", Decimal("3.5"), "公里", None)]),
    ("全年完成进出口总额12.5亿美元", [("12.5亿美元", 1250000000, "美元", None)]),
    ("共有一万三千五百名考生参加考试", [("一万三千五百名", 13500, "名", None)]),
    ("农村居民人均收入增长百分之八点五", [("百分之八点五", Decimal("8.5"), "%", None)]),
])
def test_real_looking_sentences(text, expected):
    assert rows(text) == [(t, Decimal(v) if not isinstance(v, Decimal) else v, u, q) for t, v, u, q in expected]


def test_ranges_are_two_quantities_with_own_spans():
    qs = find_quantities("每年拿出营业额的3%~5%，降幅在5%-20%之间")
    assert [(q.text, q.value, q.range) for q in qs] == [
        ("3%", 3, "from"), ("5%", 5, "to"), ("5%", 5, "from"), ("20%", 20, "to")]
    assert qs[0].span != qs[1].span
    temps = find_quantities("气温-10℃~-1℃，-10~-1℃，3℃~-8℃，零下5度到零下2度")
    assert [(q.value, q.unit) for q in temps] == [(-10, "℃"), (-1, "℃"), (-10, "℃"), (-1, "℃"), (3, "℃"),
                                                (-8, "℃"), (-5, "℃"), (-2, "℃")]
    assert all(q.dimension == "temperature" for q in temps)


def test_two_three_ten_thousand_is_a_range_never_23():
    qs = find_quantities("每场吸引观众两三万人")
    assert [(q.value, q.unit, q.range) for q in qs] == [(20000, "人", "from"), (30000, "人", "to")]
    assert all(q.value != 23 for q in qs)


def test_degree_outside_weather_is_not_celsius():
    assert rows("全年用电量约3.5亿度") == [("3.5亿度", 350000000, "度", "约")]
    assert rows("明天最低气温3度") == [("3度", 3, "℃", None)]


def test_qualifiers_stay_out_of_text():
    q = find_quantities("投入资金近60万元")[0]
    assert (q.text, q.qualifier, q.value) == ("60万元", "近", 600000)
    assert q.evidence.spans[0][0] < q.span[0]  # the evidence covers the qualifier too


def test_to_dict_is_the_contract():
    d = find_quantities("累计交易金额369.50亿元")[0].to_dict()
    assert d == {"text": "369.50亿元", "value": 36950000000, "unit": "元", "qualifier": None, "span": [6, 14]}


@pytest.mark.parametrize("text", [
    "深入落实省委“十大战略”", "把“六新”突破作为主攻方向", "深化产业链“五链耦合”", "沿G4京港澳高速行驶",
    "排名全省第4位", "咨询电话0373-3056789", "手机13812345678", "2023年全市经济平稳运行", "动员全市上下统一思想",
    "形成一批千百亿级产业链群", "强化一盘棋思想", "扎实开展“七查一打”专项行动", "增强四个意识", "5G基站",
    "1月20日上午10时",
    "十四五规划", "第一时间奔赴救灾一线", "经过几十年的发展",
])
def test_near_misses_are_not_quantities(text):
    assert find_quantities(text) == []


def test_units_table_is_consistent():
    patterns = get_patterns()
    data = patterns.data("units.yaml")
    listed = [w for words in data["unit_dimensions"].values() for w in words]
    assert len(listed) == len(set(listed)), "a unit is in two dimensions"
    assert set(listed) == set(patterns.lexicon("UNIT")) | set(patterns.lexicon("LATIN_UNIT"))
    assert set(data["unit_base"]) <= set(listed)
    assert set(data["lone_digit_units"]) <= set(listed)


# -- bad input -------------------------------------------------------------------------------------

def test_type_error_names_the_type():
    with pytest.raises(TypeError, match="bytes"):
        find_quantities(b"12")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="int"):
        gx.find_quantities(12)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "。。。", "——", "%%%", "亿亿亿", "零下", "百分之", "-", "~"])
def test_empty_results(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize("text", ["1" * 100_000, "亿" * 100_000, "一" * 50_000, "1.2" * 30_000, "-~" * 50_000,
                                  "两三" * 30_000, "“1" * 50_000, "第" * 50_000 + "1", "1万" * 30_000])
def test_long_input_stays_linear(text):
    t0 = time.perf_counter()
    result = find_quantities(text)
    assert time.perf_counter() - t0 < 10
    assert isinstance(result, list)


QUANTITY_CHARS = list("0123456789.,-~%万亿千百十一二两三零余多近约超以上元人个度℃年月日第“”（）甲乙 \n")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(QUANTITY_CHARS), max_size=60))
def test_random_text_never_crashes(text):
    for q in find_quantities(text):
        assert isinstance(q, Quantity) and isinstance(q.value, Decimal)
        assert 0 <= q.span[0] < q.span[1] <= len(text)


# -- numbers in sections of falling magnitude (1萬8,263, 1万8千, 3亿5千万) -----------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("工廠登記家數為1萬8,263家", [("1萬8,263家", Decimal(18263), "家", None)]),
    ("共有市场主体1万8千家", [("1万8千家", Decimal(18000), "家", None)]),
    ("总投资3亿5千万元", [("3亿5千万元", Decimal(350000000), "元", None)]),
    ("转移群众2万3千余人", [("2万3千余人", Decimal(23000), "人", "余")]),
    ("资金1亿2345万6789元", [("1亿2345万6789元", Decimal(123456789), "元", None)]),
    ("道路全长3万5千米", [("3万5千米", Decimal(35000), "米", None)]),
    ("每人补助1万3千-1万5千元", [("1万3千", Decimal(13000), "元", None), ("1万5千元", Decimal(15000), "元", None)]),
])
def test_mixed_magnitude_numbers(text, expected):
    assert rows(text) == expected


def test_mixed_magnitude_keeps_the_leading_magnitude():
    (q,) = find_quantities("投资3亿5千万")
    assert (q.value, q.unit, q.magnitude, q.bare_magnitude) == (Decimal(350000000), None, 10**8, True)


@pytest.mark.parametrize(("text", "expected"), [
    # a section must be smaller than the one before; one digit after 万 is no units place; a year is a year
    ("人均收入1万8", [("1万", Decimal(10000), None, None), ("8", Decimal(8), None, None)]),
    ("新增就业1万2024年以来", [("1万", Decimal(10000), None, None)]),
    ("增收5万元2.3本", [("5万元", Decimal(50000), "元", None), ("2.3", Decimal("2.3"), None, None)]),
    ("交易369.50亿元", [("369.50亿元", Decimal(36950000000), "元", None)]),
])
def test_mixed_magnitude_near_misses(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize(("numeral", "value"), [
    ("1万8千", 18000), ("3亿5千万", 350000000), ("1万8,263", 18263), ("2万3千余", 23000), ("1亿2345万6789", 123456789),
])
def test_parse_number_mixed(numeral, value):
    assert parse_number(numeral) == Decimal(value)


@pytest.mark.parametrize("numeral", ["1万8", "1万2万", "1千2万", "1万12345", "1.5万3千", "1万8,26"])
def test_parse_number_mixed_rejects(numeral):
    assert parse_number(numeral) is None


# -- numerals that start an ordinary word ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "汽車零件廠持續擴產", "零部件企业增加", "社会消费品零售额", "服务群众零距离", "对腐败零容忍", "零星降雨",
    "打造一流营商环境", "深入一线解决问题", "零元购",
])
def test_numerals_that_start_a_word_are_no_numbers(text):
    assert rows(text) == []


def test_zero_inside_a_numeral_or_as_a_sign_still_counts():
    assert rows("一百零三家企业，最低气温零下5度，增长零点五个百分点") == [
        ("一百零三家", Decimal(103), "家", None), ("零下5度", Decimal(-5), "℃", None),
        ("零点五个百分点", Decimal("0.5"), "百分点", None)]


# -- qualifiers stay as written ----------------------------------------------------------------------

def test_qualifier_is_as_written():
    assert rows("觀光產值約485億元，遊客逾5萬人次，投資超過1,200億元，轉移兩千餘人以上，二十幾個") == [
        ("485億元", Decimal(48500000000), "元", "約"), ("5萬人次", Decimal(50000), "人次", "逾"),
        ("1,200億元", Decimal(120000000000), "元", "超過"), ("兩千餘人", Decimal(2000), "人", "餘,以上"),
        ("二十幾個", Decimal(20), "个", "幾")]
    assert rows("约3亿元，百分之二十多") == [("3亿元", Decimal(300000000), "元", "约"),
                                       ("百分之二十多", Decimal(20), "%", "多")]


def test_bracketed_day_is_no_quantity():
    assert rows("臺中市政府今（12）日召開會議，昨(11)日公布") == []


@pytest.mark.parametrize("text", ["1万8千" * 20_000, "1萬8,263" * 15_000, "今（" * 50_000, "零件" * 50_000])
def test_new_forms_stay_linear(text):
    t0 = time.perf_counter()
    result = find_quantities(text)
    assert time.perf_counter() - t0 < 10
    assert isinstance(result, list)


def test_quantity_fields_stand_in_the_order_scan_passes_them():
    """quantities.scan makes each Quantity with its fields by position (faster than keywords)."""
    import attrs

    from govnews_extract.quantities import Quantity

    assert [a.name for a in attrs.fields(Quantity)] == [
        "text", "value", "unit", "qualifier", "span", "start", "end", "range", "dimension", "magnitude", "evidence"]
