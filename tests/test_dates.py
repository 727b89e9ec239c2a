"""find_dates: resolution against the publication date, periods, weekdays, bad input."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govnews_extract as gx
from govnews_extract.dates import DateMention, find_dates

D = dt.date


def periods(text: str, published=None) -> list[tuple[str, str | None]]:
    return [(d.text, d.period) for d in find_dates(text, published)]


def test_sample_page(sample_text):
    got = [(d.text, d.period, d.weekday) for d in find_dates(sample_text, D(2024, 1, 22))]
    assert got[:3] == [("1月20日", "2024-01-20", None), ("1月20日", "2024-01-20", None),
                       ("本周", "2024-01-22/2024-01-28", None)]
    assert ("周一（1月22日）", "2024-01-22", 1) in got and ("周日（1月28日）", "2024-01-28", 7) in got
    assert ("周一至周三", "2024-01-22/2024-01-24", None) in got
    assert ("周末", "2024-01-27/2024-01-28", None) in got
    assert ("昨日", "2024-01-21", None) in got and ("去年", "2023", None) in got
    assert ("2023年12月11日", "2023-12-11", None) in got
    for d in find_dates(sample_text, D(2024, 1, 22)):
        assert sample_text[d.span[0]:d.span[1]] == d.text


def test_without_published_unknown_years_are_null(sample_text):
    by_text = {d.text: d for d in find_dates(sample_text)}
    assert by_text["1月20日"].start is None and by_text["1月20日"].period is None
    assert by_text["昨日"].start is None and by_text["去年"].period is None
    assert by_text["2023年12月11日"].start == D(2023, 12, 11)  # the text gives the year
    assert by_text["周一（1月22日）"].start is None and by_text["周一（1月22日）"].weekday == 1


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("2024年1月20日", None, [("2024年1月20日", "2024-01-20")]),
    ("二〇二三年十二月十一日", None, [("二〇二三年十二月十一日", "2023-12-11")]),
    ("一月二十日", "2024-01-22", [("一月二十日", "2024-01-20")]),
    ("20日，市委召开常委会", "2024-01-22", [("20日", "2024-01-20")]),
    ("12月30日，全市召开总结大会", "2024-01-03", [("12月30日", "2023-12-30")]),
    ("二〇二四年是关键之年", None, [("二〇二四年", "2024")]),
    ("去年、今年、前年、明年", "2024-01-22", [("去年", "2023"), ("今年", "2024"), ("前年", "2022"), ("明年", "2025")]),
    ("上月、本月", "2024-01-22", [("上月", "2023-12"), ("本月", "2024-01")]),
    ("昨日、昨天、今天、明天", "2024-01-01", [("昨日", "2023-12-31"), ("昨天", "2023-12-31"), ("今天", "2024-01-01"),
                                             ("明天", "2024-01-02")]),
    ("2012年一季度", None, [("2012年一季度", "2012-01/2012-03")]),
    ("今年上半年", "2023-07-20", [("今年上半年", "2023-01/2023-06")]),
    ("前三季度", "2023-10-25", [("前三季度", "2023-01/2023-09")]),
    ("2023年1-11月", None, [("2023年1-11月", "2023-01/2023-11")]),
    ("2023年12月", None, [("2023年12月", "2023-12")]),
    ("2021—2025年", None, [("2021—2025年", "2021/2025")]),
    ("2024-01-22", None, [("2024-01-22", "2024-01-22")]),
    ("2024年3月5日至7日", None, [("2024年3月5日至7日", "2024-03-05/2024-03-07")]),
    ("近3年", "2024-01-22", []),
    ("目前", "2024-01-22", []),
    ("每周一召开例会，一周一调度", "2024-01-22", []),
    ("在3日内办结，地铁3号线开通", "2024-01-22", []),
    ("历时9个月", "2024-01-22", []),
])
def test_periods(text, published, expected):
    assert periods(text, published) == expected


def test_weekday_across_new_year():
    d = find_dates("周一（1月1日），晴天间多云", D(2023, 12, 29))[0]
    assert (d.start, d.weekday, d.grain) == (D(2024, 1, 1), 1, "day")
    # a forecast without dates reads forward, into the days ahead
    d = find_dates("受冷空气影响，周一气温下降", D(2023, 12, 29))[0]
    assert d.start == D(2024, 1, 1)


def test_weekday_in_news_is_in_the_week_of_the_report():
    d = find_dates("周三，市长到企业调研", D(2024, 1, 26))[0]
    assert (d.start, d.weekday) == (D(2024, 1, 24), 3)
    assert find_dates("上周五，市委常委会召开会议", D(2024, 1, 24))[0].start == D(2024, 1, 19)
    assert find_dates("下星期二将举行开幕式", D(2024, 1, 24))[0].start == D(2024, 1, 30)


def test_weekday_follows_the_week_the_text_names():
    got = find_dates("下周天气以晴为主。周一至周三有小雨，周末转晴", D(2024, 1, 24))
    assert [(d.text, d.start, d.end) for d in got] == [
        ("下周", D(2024, 1, 29), D(2024, 2, 4)), ("周一至周三", D(2024, 1, 29), D(2024, 1, 31)),
        ("周末", D(2024, 2, 3), D(2024, 2, 4))]


def test_traditional_and_full_width():
    got = find_dates("２０２４年１月２０日（週六），禮拜一", D(2024, 1, 22))
    assert got[0].text == "２０２４年１月２０日（週六）" and got[0].start == D(2024, 1, 20) and got[0].weekday == 6
    assert got[1].text == "禮拜一" and got[1].start == D(2024, 1, 22)


def test_published_forms():
    want = [("1月20日", "2024-01-20")]
    assert periods("1月20日", "2024-01-22") == want
    assert periods("1月20日", dt.datetime(2024, 1, 22, 9, 30)) == want
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        find_dates("1月20日", "22/01/2024")
    with pytest.raises(TypeError):
        find_dates("1月20日", 20240122)
    with pytest.raises(TypeError, match="bytes"):
        find_dates(b"1")  # type: ignore[arg-type]


def test_invalid_dates_give_nothing():
    assert find_dates("2023年2月30日", None) == []
    assert periods("2月30日", "2024-01-22") == []
    # 29 February near a year that has none: the nearest leap year is far from the report, no reading
    assert periods("2月29日，市委常委会召开会议", "2023-03-15") == []
    assert periods("2月29日，市委常委会召开会议", "2024-03-15") == [("2月29日", "2024-02-29")]


def test_to_dict_is_plain_data():
    d = find_dates("2023年12月11日", None)[0].to_dict()
    assert d == {"text": "2023年12月11日", "start": "2023-12-11", "end": "2023-12-11", "period": "2023-12-11",
                 "grain": "day", "weekday": None, "span": [0, 11]}


def test_import_does_not_load_dateparser():
    code = ("import sys, govnews_extract as gx; gx.find_dates('1月20日', '2024-01-22'); "
            "print('dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("text", ["", "年年年", "月" * 1000, "周" * 1000, "1" * 100_000, "1月" * 20_000,
                                  "2023年" * 20_000, "周一至" * 20_000])
def test_bad_and_long_input(text):
    t0 = time.perf_counter()
    result = find_dates(text, D(2024, 1, 22))
    assert time.perf_counter() - t0 < 10 and isinstance(result, list)


DATE_CHARS = list("0123456789-~至年月日号周星期一二三四五六七八九十天末去今上下本季度半（）， \n")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(DATE_CHARS), max_size=50),
       st.one_of(st.none(), st.dates(min_value=D(1901, 1, 1), max_value=D(2098, 12, 31))))
def test_random_text_never_crashes(text, published):
    for d in find_dates(text, published):
        assert isinstance(d, DateMention)
        assert (d.start is None) == (d.end is None)
        assert d.start is None or d.start <= d.end
        assert 0 <= d.span[0] < d.span[1] <= len(text)


def test_gx_namespace():
    assert [d.text for d in gx.find_dates("去年", "2024-01-22")] == ["去年"]


# -- 今（12）日: today / yesterday with the day of month in brackets ------------------------------------

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("臺中市政府今（12）日召開市政會議", D(2023, 6, 12), [("今（12）日", "2023-06-12")]),
    ("高雄市政府今(5)日召開防災整備會議", D(2024, 11, 5), [("今(5)日", "2024-11-05")]),
    ("市府昨（11）日表示，明（13）日起實施", D(2023, 6, 12),
     [("昨（11）日", "2023-06-11"), ("明（13）日", "2023-06-13")]),
    ("昨（31）日公布", D(2024, 1, 1), [("昨（31）日", "2023-12-31")]),
    # the bracketed number disagrees with 今: the number decides
    ("今（12）日召開", D(2023, 6, 13), [("今（12）日", "2023-06-12")]),
    ("今（30）日召開", D(2023, 7, 1), [("今（30）日", "2023-06-30")]),
    ("今（12）日召開", None, [("今（12）日", None)]),
    # stamped later than it appeared: today and yesterday are never after the page's date
    ("臺北市長蔣萬安今（5）日主持市政會議", D(2024, 1, 22), [("今（5）日", "2024-01-05")]),
    ("高雄市長陳其邁昨（4）日出席", D(2024, 1, 22), [("昨（4）日", "2024-01-04")]),
    ("昨（28）日公布", D(2024, 3, 2), [("昨（28）日", "2024-02-28")]),
    # tomorrow keeps the nearest
    ("明（3）日起實施", D(2024, 1, 30), [("明（3）日", "2024-02-03")]),
])
def test_bracketed_relative_day(text, published, expected):
    assert periods(text, published) == expected


def test_bracketed_relative_day_dates_the_meeting():
    text = "高雄市政府今（5）日召開防災整備會議，由代理市長陳志明主持。"
    (meeting,) = gx.extract(text, published=D(2024, 11, 5)).meetings
    assert meeting.date == D(2024, 11, 5)
    text = "市政府昨(11)日召开常务会议，由市长王建国主持。"
    (meeting,) = gx.extract(text, published=D(2023, 6, 12)).meetings
    assert meeting.date == D(2023, 6, 11)


# -- 年底 / 年末 / 年初 and 后年 --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("截至2023年底，全市市场主体", None, [("2023年底", "2023-12")]),
    ("2023年末全市常住人口", None, [("2023年末", "2023-12")]),
    ("2024年初启动", None, [("2024年初", "2024-01")]),
    ("去年年底，今年初", D(2024, 1, 22), [("去年年底", "2023-12"), ("今年初", "2024-01")]),
    ("年初以来", D(2024, 5, 10), [("年初", "2024-01")]),
    ("2023年初步核算", None, [("2023年", "2023")]),
    ("每年年底开展检查", D(2024, 5, 10), []),
])
def test_year_end_and_start(text, published, expected):
    assert periods(text, published) == expected


def test_year_end_has_month_grain():
    (d,) = find_dates("截至2023年底")
    assert (d.start, d.end, d.grain) == (D(2023, 12, 1), D(2023, 12, 31), "month")


@pytest.mark.parametrize(("text", "expected"), [
    ("项目建成后年可新增产值1.2亿元", []),
    ("生产线投产后年产值可达5亿元", []),
    ("工程完成后年均节约用水", []),
    ("后年全面建成", [("后年", "2026")]),
    ("明年和后年，到后年", [("明年", "2025"), ("后年", "2026"), ("后年", "2026")]),
    ("预计后年3月竣工", [("后年3月", "2026-03")]),
])
def test_hou_nian_needs_a_boundary(text, expected):
    assert periods(text, D(2024, 1, 22)) == expected


# -- a bare quarter or half is the latest one that has ended -------------------------------------------

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("一季度", D(2024, 1, 22), "2023-01/2023-03"),
    ("一季度", D(2024, 3, 31), "2024-01/2024-03"),
    ("一季度", D(2024, 4, 15), "2024-01/2024-03"),
    ("前三季度", D(2023, 10, 26), "2023-01/2023-09"),
    ("前三季度", D(2023, 9, 29), "2022-01/2022-09"),
    ("前三季", D(2023, 10, 26), "2023-01/2023-09"),
    ("上半年", D(2024, 7, 20), "2024-01/2024-06"),
    ("上半年", D(2024, 5, 20), "2023-01/2023-06"),
    ("下半年", D(2024, 1, 10), "2023-07/2023-12"),
    ("四季度", D(2024, 1, 10), "2023-10/2023-12"),
    ("今年一季度", D(2024, 1, 22), "2024-01/2024-03"),
    ("今年前三季", D(2024, 11, 5), "2024-01/2024-09"),
    ("2012年一季度", D(2024, 1, 22), "2012-01/2012-03"),
])
def test_bare_quarter_is_the_latest_ended(text, published, expected):
    assert periods(text, published) == [(text, expected)]


@pytest.mark.parametrize(("text", "expected"), [
    ("一九四九年十月一日，中华人民共和国成立", [("一九四九年十月一日", "1949-10-01")]),
    ("二〇二四年一月二十日召开", [("二〇二四年一月二十日", "2024-01-20")]),
    # four Chinese digits outside 1800–2099 name no year: 〇〇〇〇 was read as 1911 (its year 0 taken
    # for the ROC calendar), and 九九九九年底 / 下半年 overflowed the calendar (ValueError)
    ("〇〇〇〇年起步，1月20日召开", [("1月20日", "2024-01-20")]),
    ("九九九九年底前完成，九九九九年下半年投产", [("下半年", "2023-07/2023-12")]),  # as 9999年下半年 is
    ("九九九九年12月31日，次日开工", [("12月31日", "2023-12-31"), ("次日", "2024-01-01")]),
])
def test_a_year_in_chinese_digits_is_one_of_1800_to_2099(text, expected):
    assert periods(text, D(2024, 1, 22)) == expected
    gx.extract(text, published="2024-01-22")  # the rules of every kind read these years too


@pytest.mark.parametrize(("text", "expected"), [
    # a second day earlier than the first and with no month of its own runs into the next month:
    # these were read a year on (「2023年12月28日至3日」 as 2023-12-28/2024-12-03)
    ("2023年12月28日至3日举办迎新春展销会", [("2023年12月28日至3日", "2023-12-28/2024-01-03")]),
    ("1月28日至3日，全市开展集中排查", [("1月28日至3日", "2024-01-28/2024-02-03")]),
    ("30日至2日召开会议", [("30日至2日", "2024-01-30/2024-02-02")]),
    # with its own month the second day may be in the next year
    ("12月31日至1月2日放假", [("12月31日至1月2日", "2023-12-31/2024-01-02")]),
    # and a day the next month lacks is no date at all (it was 2024-01-31/2025-01-30)
    ("1月31日至30日", []),
])
def test_a_range_of_days_runs_into_the_next_month(text, expected):
    assert periods(text, D(2024, 1, 22)) == expected
