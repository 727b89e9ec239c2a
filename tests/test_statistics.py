"""Statistics (issue 6): every figure with its metric, subject, unit and period.

Cases are grouped by origin: the sample page (every figure, in text order), sentences written
after statistics bulletins (统计公报), government work reports and enterprise profiles of other
cities and years (some in traditional characters), and what must never become a statistic.
Each case lists the WHOLE list of statistics the text gives; a field not listed is not checked.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest

import govnews_extract as gx
from _harness import mismatch

PUB = dt.date(2024, 1, 22)


def stats(text: str, published: dt.date | None = PUB) -> list[dict]:
    return gx.extract(text, published=published).to_dict()["statistics"]


def S(subject, metric, text, value, unit, period=None, qualifier=None) -> dict:
    return {"subject": subject, "metric": metric, "text": text, "value": Decimal(str(value)), "unit": unit,
            "period": period, "qualifier": qualifier}


# -- the sample page: every figure, in text order -------------------------------------------------
SAMPLE = [
    S(None, "单位", "5家", 5, "家"),  # 市工信局、市应急管理局等5家单位作了交流发言: the list is what is counted
    S("市公共资源交易中心", "完成各类交易项目", "873项", 873, "项", "2023"),  # headline, 去年
    S("市公共资源交易中心", "增收节支", "5.91亿元", 591000000, "元", "2023"),  # sub-headline carries both
    S("市公共资源交易中心", "服务市场主体", "2359家", 2359, "家", "2023"),
    S("市公共资源交易中心", "完成各类交易项目", "873项", 873, "项", "2023"),
    S("市公共资源交易中心", "累计交易金额", "369.50亿元", 36950000000, "元", "2023"),
    S("市公共资源交易中心", "增收节支", "5.91亿元", 591000000, "元", "2023"),
    # 5000万元以上 is a threshold (which projects are counted), not a stated fact
    S("市公共资源交易中心", "完成5000万元以上项目交易", "56项", 56, "项", "2023"),
    S("市公共资源交易中心", "投标人", "512家", 512, "家"),  # 目前: no period
    S("市公共资源交易中心", "数字证书", "2944个", 2944, "个"),
    S("市公共资源交易中心", "跨区域远程异地评标", "168次", 168, "次"),
    S("市公共资源交易中心", "跨省", "14次", 14, "次"),
    S("市公共资源交易中心", "开展分散式不见面评标", "969次", 969, "次"),
    S("市公共资源交易中心", "投标企业", "1109家", 1109, "家", "2023"),
    S("市公共资源交易中心", "投标保证金", "2.54亿", 254000000, "元", "2023"),
    S("市公共资源交易中心", "使用电子保函方式缴纳投标保证金", "2890万元", 28900000, "元", "2023"),
    S("翟坡镇", "名企业", "20余家", 20, "家", None, "余"),  # 发展到今天 is no period
    S("翟坡镇", "财政预算收入", "8000万元", 80000000, "元", "2021"),
    S("翟坡镇", "财政预算收入", "1亿元", 100000000, "元", "2022", "突破"),
    S("翟坡镇", "财政预算收入", "1.3亿元", 130000000, "元", "2023"),
    S("新乡县翟坡镇", "大小中小企业", "278家", 278, "家"),  # 该镇, 目前
    S("新乡县翟坡镇", "大型企业", "66家", 66, "家"),
    S("新乡县翟坡镇", "中型企业", "94家", 94, "家"),
    S("新乡县翟坡镇", "小型企业", "118家", 118, "家"),
    S("翟坡镇", "名企业", "20余家", 20, "家", None, "余"),
    # 这两项举措 is anaphoric; 该企业 after 「鸿泰纸业、兴泰纸业」 is either of two: no subject
    S(None, "年产值新增", "20多亿元", 2000000000, "元", None, "多"),
    S("弘力电源", "锰系锂离子电池占全国市场份额", "20%", 20, "%"),
    S("弘力电源", "上缴国家利税总额", "3500万元", 35000000, "元", "2020"),
    S("弘力电源", "上缴国家利税总额", "6450万元", 64500000, "元", "2023"),
    S("中杰药业", "营业额增长", "2倍", 2, "倍", None, "近"),
    S("中杰药业", "上缴国家利税", "900万元", 9000000, "元", "2020"),
    S("中杰药业", "上缴国家利税", "1787万元", 17870000, "元", "2023"),
    # 近3年 is a duration; 每年 keeps the period null
    S("弘力电源", "拿出营业额", "3%", 3, "%"),
    S("弘力电源", "拿出营业额", "5%", 5, "%"),
    S("弘力电源", "研发人员", "200多名", 200, "名", None, "多"),
    S("弘力电源", "国家专利", "35项", 35, "项"),
    S("弘力电源", "各类先进设备", "2300余台（套）", 2300, "台（套）", None, "余"),
    S("弘力电源", "先进的锂离子电池生产线", "7条", 7, "条"),
    # 7大研发中心: a number with no measure word is no statistic (the 十大战略 form)
    S("威猛振动", "注册商标", "34件", 34, "件"),
    S("威猛振动", "有效专利", "600余项", 600, "项", None, "余"),
    S("威猛振动", "获得省级以上科技进步奖", "5项", 5, "项"),
    S("台硝化工", "投入科研经费", "77.16万元", 771600, "元", "2022"),
    S("翟坡镇", "企业", "22家", 22, "家"),
    S("弘力电源、凯丰纸业等企业", "捐款捐物价值", "150多万元", 1500000, "元", None, "多"),
    S("兴泰纸业等企业", "投入", "30余万元", 300000, "元", "2021", "余"),
    S("兴泰纸业等企业", "转移受灾群众", "1600余人", 1600, "人", "2021", "余"),
    S("威猛振动", "发放奖学金", "60万元", 600000, "元", None, "近"),
    S("威猛振动", "捐助学校", "30余万元", 300000, "元", None, "余"),
]


def test_sample_page_every_figure(sample_text):
    found = stats(sample_text)
    assert mismatch(SAMPLE, found) is None, mismatch(SAMPLE, found)


def test_sample_evidence_points_at_the_figure(sample_text):
    report = gx.extract(sample_text, published=PUB)
    for stat in report.statistics:
        assert stat.evidence.rule.startswith("stat_")
        start, end = stat.evidence.spans[0]
        assert sample_text[start:end] == stat.text
        ms, me = stat.evidence.spans[1]
        assert sample_text[ms:me].replace("\n", "") == stat.metric


# -- other cities, other years: bulletins, work reports, enterprise profiles ---------------------
CASES = [
    ("2023年，全市实现地区生产总值3218.6亿元，同比增长5.1%。其中，第一产业增加值286.4亿元，增长3.2%；"
     "第二产业增加值1302.5亿元，增长6.0%。", PUB, [
        S("全市", "地区生产总值", "3218.6亿元", 321860000000, "元", "2023"),
        S("全市", "同比增长", "5.1%", Decimal("5.1"), "%", "2023"),
        S("全市", "第一产业增加值", "286.4亿元", 28640000000, "元", "2023"),
        S("全市", "增长", "3.2%", Decimal("3.2"), "%", "2023"),
        S("全市", "第二产业增加值", "1302.5亿元", 130250000000, "元", "2023"),
        S("全市", "增长", "6.0%", 6, "%", "2023")]),
    ("全年规模以上工业增加值同比下降3.2%，规上工业企业达到1086家。", PUB, [
        S(None, "规模以上工业增加值同比下降", "3.2%", Decimal("3.2"), "%"),
        S(None, "规上工业企业", "1086家", 1086, "家")]),
    ("2022年全县一般公共预算收入完成18.6亿元，税收收入占比达72.5%，较上年提高1.8个百分点。", PUB, [
        S("全县", "一般公共预算收入", "18.6亿元", 1860000000, "元", "2022"),
        S("全县", "税收收入占比", "72.5%", Decimal("72.5"), "%", "2022"),
        S("全县", "较上年提高", "1.8个百分点", Decimal("1.8"), "百分点", "2022")]),
    ("截至2023年底，全市市场主体总数达到62.3万户，其中企业14.8万户。", PUB, [
        S("全市", "市场主体总数", "62.3万户", 623000, "户", "2023-12"),
        S("全市", "企业", "14.8万户", 148000, "户", "2023-12")]),
    ("2012年一季度，全区完成固定资产投资45.3亿元，同比增长12.3%。", PUB, [
        S("全区", "完成固定资产投资", "45.3亿元", 4530000000, "元", "2012-01/2012-03"),
        S("全区", "同比增长", "12.3%", Decimal("12.3"), "%", "2012-01/2012-03")]),
    ("2023年上半年，全市接待游客1260萬人次，實現旅遊收入98.6億元。", PUB, [
        S("全市", "接待游客", "1260萬人次", 12600000, "人次", "2023-01/2023-06"),
        S("全市", "旅遊收入", "98.6億元", 9860000000, "元", "2023-01/2023-06")]),
    ("2022年前三季度，全县新增城镇就业1.2万人，城镇登记失业率控制在3.5%以内。", PUB, [
        S("全县", "新增城镇就业", "1.2万人", 12000, "人", "2022-01/2022-09"),
        S("全县", "城镇登记失业率", "3.5%", Decimal("3.5"), "%", "2022-01/2022-09", "以内")]),
    ("全年糧食播種面積達到126.8萬畝，總產量52.3萬噸。", PUB, [
        S(None, "糧食播種面積", "126.8萬畝", 1268000, "亩"),
        S(None, "總產量", "52.3萬噸", 523000, "吨")]),
    ("市統計局數據顯示，去年全市居民人均可支配收入為3.2萬元，增長6.1%。", PUB, [
        S("全市", "居民人均可支配收入", "3.2萬元", 32000, "元", "2023"),
        S("全市", "增長", "6.1%", Decimal("6.1"), "%", "2023")]),
    ("据市统计局统计，2023年社会消费品零售总额达1562亿元。", PUB, [
        S("市统计局", "社会消费品零售总额", "1562亿元", 156200000000, "元", "2023")]),
    ("宏达科技成立于2008年，去年实现营业收入5.6亿元，上缴税金3200万元。", PUB, [
        S("宏达科技", "营业收入", "5.6亿元", 560000000, "元", "2023"),
        S("宏达科技", "上缴税金", "3200万元", 32000000, "元", "2023")]),
    ("该公司现有员工两千余人，其中研发人员380名。", PUB, [
        S(None, "员工", "两千余人", 2000, "人", None, "余"),  # 该公司 with nothing before it: no subject
        S(None, "研发人员", "380名", 380, "名")]),
    ("新乡化纤年产能达到30万吨，产品销往20多个国家和地区。", PUB, [
        S("新乡化纤", "年产能", "30万吨", 300000, "吨"),
        S("新乡化纤", "国家和地区", "20多个", 20, "个", None, "多")]),
    ("全市共建成5G基站4200个，实现乡镇以上区域全覆盖。", PUB, [
        S("全市", "建成5G基站", "4200个", 4200, "个")]),
    ("全镇建成高标准农田3.2万亩，新增装机容量120兆瓦。", PUB, [
        S("全镇", "建成高标准农田", "3.2万亩", 32000, "亩"),
        S("全镇", "新增装机容量", "120兆瓦", 120, "兆瓦")]),
    ("今年春节假期，景区接待游客20万人次以上，带动周边群众就业800余人。", PUB, [
        S("景区", "接待游客", "20万人次", 200000, "人次", "2024", "以上"),
        S("景区", "带动周边群众就业", "800余人", 800, "人", "2024", "余")]),
    ("该行全年付息金额4120亿。", PUB, [
        S(None, "付息金额", "4120亿", 412000000000, "元")]),  # 该行 with nothing before it
    ("全縣農民人均可支配收入由2020年的1.52萬元增長至2023年的1.86萬元。", PUB, [
        S("全縣", "農民人均可支配收入", "1.52萬元", 15200, "元", "2020"),
        S("全縣", "農民人均可支配收入", "1.86萬元", 18600, "元", "2023")]),
    ("全市空气质量优良天数达到236天，PM2.5平均浓度为45微克/立方米。", PUB, [
        S("全市", "空气质量优良天数", "236天", 236, "天"),
        S("全市", "PM2.5平均浓度", "45微克/立方米", 45, "微克/立方米")]),
    ("活动期间，共组织招聘会32场，提供就业岗位1.5万个。", PUB, [
        S(None, "组织招聘会", "32场", 32, "场"),
        S(None, "提供就业岗位", "1.5万个", 15000, "个")]),
    ("截至目前，全市累计发放创业担保贷款12.6亿元，扶持创业1.3万人。", PUB, [
        S("全市", "发放创业担保贷款", "12.6亿元", 1260000000, "元"),
        S("全市", "扶持创业", "1.3万人", 13000, "人")]),
    ("全區共有規模以上工業企業356家，比上年增加21家。", PUB, [
        S("全區", "規模以上工業企業", "356家", 356, "家"),
        S("全區", "比上年增加", "21家", 21, "家")]),  # 上年 is a base of comparison, not a period
    ("全年完成造林面积2.5万亩，森林覆盖率达到32.6%。", PUB, [
        S(None, "完成造林面积", "2.5万亩", 25000, "亩"),
        S(None, "森林覆盖率", "32.6%", Decimal("32.6"), "%")]),
    ("鑫源集团营业额增长近2倍，净利润突破5亿元。", PUB, [
        S("鑫源集团", "营业额增长", "2倍", 2, "倍", None, "近"),
        S("鑫源集团", "净利润", "5亿元", 500000000, "元", None, "突破")]),
    ("每户补贴标准为3-5万元。", PUB, [
        S(None, "每户补贴标准", "3", 30000, "元"),
        S(None, "每户补贴标准", "5万元", 50000, "元")]),
    ("2019年，该县财政总收入从5.2億元增加到6.8億元，再到2021年的8.1億元。", PUB, [
        S(None, "财政总收入", "5.2億元", 520000000, "元", "2019"),
        S(None, "财政总收入", "6.8億元", 680000000, "元", "2019"),
        S(None, "财政总收入", "8.1億元", 810000000, "元", "2021")]),
    ("昨日，记者从市人社局获悉，2023年全市城镇新增就业5.6万人。全年发放稳岗返还资金1.2亿元。", PUB, [
        S("全市", "城镇新增就业", "5.6万人", 56000, "人", "2023"),
        S("全市", "发放稳岗返还资金", "1.2亿元", 120000000, "元", "2023")]),
    ("城镇居民人均可支配收入增长5.2%，高于全省0.3个百分点。", None, [
        S(None, "城镇居民人均可支配收入增长", "5.2%", Decimal("5.2"), "%"),
        S(None, "高于全省", "0.3个百分点", Decimal("0.3"), "百分点")]),
    ("去年全市进出口总额達到120.5億元。", None, [  # without published, 去年 is unknown
        S("全市", "进出口总额", "120.5億元", 12050000000, "元", None)]),
    # an enterprise written in full once, by a short form later: the short form is the subject
    ("由退伍军人赵国栋创办的洛阳瑞达农机装备有限公司一派繁忙。今年上半年，瑞达农机年产各类农机具超过5000台，"
     "带动就业120余人。", PUB, [
        S("瑞达农机", "年产各类农机具", "5000台", 5000, "台", "2024-01/2024-06", "超过"),
        S("瑞达农机", "带动就业", "120余人", 120, "人", "2024-01/2024-06", "余")]),
    ("洛阳中航精工轴承有限公司加大研发投入。今年上半年，中航精工出口额达到1.36亿元，同比增长18.5%。", PUB, [
        S("中航精工", "出口额", "1.36亿元", 136000000, "元", "2024-01/2024-06"),
        S("中航精工", "同比增长", "18.5%", Decimal("18.5"), "%", "2024-01/2024-06")]),
    # a currency before the figure is not part of the metric; 目前 is no 前年
    ("大昌精機股份有限公司成立於1978年。大昌精機去年營收達新臺幣52.3億元。\n永裕自行車目前年產自行車約60萬輛。", PUB, [
        S("大昌精機", "營收", "52.3億元", 5230000000, "元", "2023"),
        S(None, "永裕自行車目前年產自行車", "60萬輛", 600000, "辆", None, "約")]),
    # 全年 / 今冬 open a clause before its place; 城镇 is no subject (the paragraph's 全市 stays); a
    # paragraph that opens with 全年 goes on with the place of the paragraph before (tests/pages 10-xuchang)
    ("全年全市生产总值3449.2亿元。\n今冬全市集中供热面积2.1亿平方米，全年城镇新增就业5.62万人。\n"
     "全年城镇新增就业5.62万人。\n城镇新增就业5.62万人。", PUB, [
        S("全市", "生产总值", "3449.2亿元", 344920000000, "元"),
        S("全市", "集中供热面积", "2.1亿平方米", 210000000, "平方米"),
        S("全市", "城镇新增就业", "5.62万人", 56200, "人"),
        S("全市", "城镇新增就业", "5.62万人", 56200, "人"),
        S(None, "城镇新增就业", "5.62万人", 56200, "人")]),
    ("该村去年接待游客两三万人。", PUB, [
        S(None, "接待游客", "两三万人", 20000, "人", "2023"),
        S(None, "接待游客", "两三万人", 30000, "人", "2023")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES, ids=[c[0][:14] for c in CASES])
def test_other_pages(text, published, expected):
    found = stats(text, published)
    problem = mismatch(expected, found)
    assert problem is None, f"{problem}\n{found}"


# -- never statistics -------------------------------------------------------------------------------
NOT_STATISTICS = [
    "经济总量位居全省第4位，连续三年保持全省前三甲。",  # ranks, ordinals, durations
    "该县综合实力跃居全省前10位。",  # a rank written with 位
    "深入落实省委“十大战略”，推动“五链耦合”，把“六新”突破作为主攻方向。",  # names with numbers
    "上述五項指標均居全省首位，这两项举措成效明显。",  # counts that point back
    "年满60岁以上的老人享受免费乘车。",  # an age
    "连续三年获评先进，经过几十年的发展。",  # durations
    "2023年12月11日，以竞争性谈判方式完成采购。",  # a date
    "周一（1月22日），晴天间多云，东北风转西南风2级~3级，气温-10℃~-1℃。",  # a forecast row
    "周末最高气温在10℃左右，早上最低气温将降至零下5度。",  # weather figures
    "拥有7大研发中心，实施十大工程。",  # a number with no measure word
    "",
    "   \n\n  ",
]


@pytest.mark.parametrize("text", NOT_STATISTICS)
def test_not_statistics(text):
    assert stats(text) == []


def test_threshold_is_no_statistic():
    found = stats("全年签约亿元以上项目32个，其中10亿元以上的项目5个。")
    assert [s["text"] for s in found] == ["32个", "5个"]


def test_counted_per_mention():
    found = stats("全年完成各类交易项目873项。\n\n全年完成各类交易项目873项。")
    assert [s["value"] for s in found] == [873, 873]


def test_fall_keeps_a_positive_value():
    found = stats("全市规上工业增加值同比下降3.2%。")
    assert mismatch([S("全市", "规上工业增加值同比下降", "3.2%", Decimal("3.2"), "%")], found) is None


# -- bad input --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["万亿元%%%，，，", "的的的的了了了", "第" * 50, "1" * 500, "\ue000\ue001" * 100,
                                  "该企业该镇该中心。", "从由到至突破，再到"])
def test_odd_input_gives_no_crash(text):
    assert isinstance(stats(text), list)


def test_long_input_stays_linear():
    unit = "2023年，全市实现地区生产总值3218.6亿元，同比增长5.1%，规上工业企业达到1086家。\n"
    small, big = unit * 50, unit * 400
    t0 = time.perf_counter()
    stats(small)
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = stats(big)
    t_big = time.perf_counter() - t0
    assert len(found) == 3 * 400
    assert t_big < max(1.0, t_small * 8 * 4)


# -- gaps that are closed ---------------------------------------------------------------------------
def test_gap_hou_nian_inside_a_phrase():
    # 「建成后年可新增」: 后 closes the verb phrase, so 后年 (the year after next) is no date here
    found = stats("项目建成后年可新增产值1.2亿元。")
    assert [s["period"] for s in found] == [None]


def test_gap_year_end():
    # 截至2023年底 is the month the year ends in
    found = stats("截至2023年底，全市市场主体总数达到62.3万户。")
    assert found[0]["period"] == "2023-12"


def test_short_forms_need_three_characters_of_the_brand():
    # 凯旋大道 and 河南新增 share only two characters with the name: no subject
    text = ("河南凯旋光电科技有限公司落户高新区。\n凯旋大道两侧新栽树木1200棵。\n河南新增企业3.2万户。\n"
            "凯旋光电营收5亿元。")
    assert [(s["subject"], s["metric"]) for s in stats(text)] == [
        (None, "凯旋大道两侧新栽树木"), (None, "河南新增企业"), ("凯旋光电", "营收")]



# -- the faster forms of the rules find what the rules find -----------------------------------------
def test_fast_forms_match_as_the_rules():
    from importlib import resources

    from govnews_extract import statistics as st
    from govnews_extract._patterns import get_patterns

    text = resources.files("govnews_extract").joinpath("data", "sample-xinxiang-daily-2024-01-22.txt").read_text(
        encoding="utf-8") + "累计达\n完成了近\ue001\ue001，兴泰纸业等企业投入\ue001，创办于\ue000的南宁丰泽糖业集团，"
    rules = st._rules()
    for fast in (rules.trail, rules.point_right):  # EndSearch: a window whose last character ends no match
        for end in range(len(text) + 1):
            for start in (max(0, end - 60), max(0, end - 3), end):
                got, want = fast.search(text, start, end), fast.regex.search(text, start, end)
                assert (got and got.span()) == (want and want.span()), (text[start:end], fast.regex.pattern)
    # the subject rules from where a clause's opening words end: the same matches, and groups
    plain = get_patterns().rule("stat_subject_clause").regex
    bare = get_patterns().compile("(?:{STAT_LEAD})*+(?P<head>{STAT_BARE_ENTERPRISE})")
    assert rules.subj_clause_after_lead
    for start in range(len(text)):
        end = min(len(text), start + 40)
        lead = rules.lead_only.match(text, start, end)
        at = lead.end() if lead else start
        for fast, want in ((rules.subj_clause, plain), (rules.subj_bare_after_lead, bare)):
            got, want = fast.match(text, at, end), want.match(text, start, end)
            assert (got and (got.end(), [got.span(g) for g in got.groupdict()])) == (
                want and (want.end(), [want.span(g) for g in want.groupdict()])), text[start:end]


def test_character_verdicts_turn_away_no_match():
    """StartChars / EndChars say no only where the rule finds nothing: at every position of the sample page
    (and a few made-up windows), for each rule the reader asks them of."""
    from importlib import resources

    from govnews_extract import statistics as st

    text = resources.files("govnews_extract").joinpath("data", "sample-xinxiang-daily-2024-01-22.txt").read_text(
        encoding="utf-8") + "本报讯（记者 王梅）·公司其中，\ue000，位居前\n该公司\n这"
    rules = st._rules()
    starts = ((rules.byline_starts, rules.byline), (rules.bare_starts, rules.subj_bare_after_lead),
              (rules.bullet_starts, rules.bullet))
    for pos in range(len(text)):
        char = text[pos]
        for verdict, rx in starts:
            assert verdict[char] or rx.match(text, pos, pos + 40) is None, (char, rx.pattern)
        lead = rules.lead_only.match(text, pos, pos + 40)
        assert rules.lead_starts[char] or (lead is not None and lead.end() == pos), char
    ends = ((rules.trail_ends, rules.trail.regex), (rules.point_right_ends, rules.point_right.regex),
            (rules.not_rank_ends, rules.not_rank), (rules.not_anaphor_ends, rules.not_anaphor))
    for end in range(len(text) + 1):
        for verdict, rx in ends:
            for start in (max(0, end - 60), max(0, end - 4), end):
                window = text[start:end]
                assert verdict[window[-1:]] or rx.search(text, start, end) is None, (window, rx.pattern)
    assert rules.trail_ends["\n"] and not rules.not_rank_ends[""]
