"""Meetings: every wording of issue 5 with its exact records, attendee lists of many shapes, near-misses.

Cases are written for the family of formats (other cities, years, traditional characters),
not for the sample page; the sample page has its own test.  A case is
``(text, [(date, name, chairs, speakers, attendees, organizations), ...])`` with people
written ``"name/title"`` (an empty title is null), all published 2024-01-22.
"""

from __future__ import annotations

import datetime as dt
import random
import time

import pytest

import govnews_extract as gx
from govnews_extract import meetings
from govnews_extract._extract import Context
from govnews_extract._people import (
    could_be_name,
    is_person_name,
    is_title,
    name_end,
    split_name,
    split_title,
    surname_of,
)

PUBLISHED = dt.date(2024, 1, 22)


def _people(items):
    return [f"{p['name']}/{p['title'] or ''}" for p in items]


def _meetings(text, published=PUBLISHED):
    # the meetings kind alone, so that the other kinds' work in progress cannot fail these tests
    return meetings.extract(Context(text, published))


def _compact(text, published=PUBLISHED):
    out = []
    for m in (record.to_dict() for record in _meetings(text, published)):
        out.append(
            (
                m["date"],
                m["name"],
                _people(m["chairs"]),
                _people(m["speakers"]),
                _people(m["attendees"]),
                m["organizations"],
            )
        )
    return out


# the wordings the issue names, then attendee lists of other shapes, cities and scripts
CASES = [
    (
        "1月20日，我市召开新型工业化推进大会。市委书记李卫东讲话，市长魏建平主持会议。李卫东指出，要坚定信心。李卫东强调，要狠抓落实。",
        [("2024-01-20", "新型工业化推进大会", ["魏建平/市长"], ["李卫东/市委书记"], [], [])],
    ),
    (
        "3月2日，郑州市召开全市科技创新大会，市委书记安伟出席并讲话，市长何雄主持会议。",
        [("2024-03-02", "全市科技创新大会", ["何雄/市长"], ["安伟/市委书记"], ["安伟/市委书记"], [])],
    ),
    (
        "昨日，市政府召开第30次常务会议，市长陈星主持会议并讲话。",
        [("2024-01-21", "第30次常务会议", ["陈星/市长"], ["陈星/市长"], [], [])],
    ),
    (
        "1月20日，全市春运工作会议召开，会议由副市长司马南主持。",
        [("2024-01-20", "全市春运工作会议", ["司马南/副市长"], [], [], [])],
    ),
    (
        "1月21日，市委书记张志伟主持召开市委常委会会议。",
        [("2024-01-21", "市委常委会会议", ["张志伟/市委书记"], [], [], [])],
    ),
    (
        "1月19日，全市优化营商环境工作推进会召开。市委书记王刚作重要讲话，县（市、区）委书记作表态发言。",
        [("2024-01-19", "全市优化营商环境工作推进会", [], ["王刚/市委书记"], [], [])],
    ),
    (
        "20日，全市乡村振兴工作会议召开。市委副书记刘平、副市长赵敏分别讲话。",
        [("2024-01-20", "全市乡村振兴工作会议", [], ["刘平/市委副书记", "赵敏/副市长"], [], [])],
    ),
    (
        "1月18日，我市召开经济运行调度会。市发改委、市统计局、市税务局作交流发言。",
        [("2024-01-18", "经济运行调度会", [], [], [], ["市发改委", "市统计局", "市税务局"])],
    ),
    (
        "近日，开封市召开文旅工作座谈会，市文化广电和旅游局局长张帆作交流发言。",
        [(None, "文旅工作座谈会", [], ["张帆/市文化广电和旅游局局长"], [], [])],
    ),
    (
        "1月15日，我市召开安全生产工作会议。中原区区长李明作表态发言。",
        [("2024-01-15", "安全生产工作会议", [], ["李明/中原区区长"], [], [])],
    ),
    (
        "1月20日，全市城市管理工作会议召开。副市长王宁在会上强调，要提升城市品质。",
        [("2024-01-20", "全市城市管理工作会议", [], ["王宁/副市长"], [], [])],
    ),
    ("王宁在全市城市管理工作会议上强调", [(None, "全市城市管理工作会议", [], ["王宁/"], [], [])]),
    ("全市城市管理工作会议强调", [(None, "全市城市管理工作会议", [], [], [], [])]),
    (
        "1月19日，市人大常委会召开第十次会议。副主任王万鹏、张俊峰，秘书长刘义出席会议。",
        [("2024-01-19", "第十次会议", [], [], ["王万鹏/副主任", "张俊峰/副主任", "刘义/秘书长"], [])],
    ),
    (
        "1月19日，市人大常委会召开第十次会议。副市长李强、中级人民法院院长王伟、人民检察院检察长陈曦列席会议。",
        [("2024-01-19", "第十次会议", [], [], ["李强/副市长", "王伟/中级人民法院院长", "陈曦/人民检察院检察长"], [])],
    ),
    (
        "1月19日，全省经济工作会议在郑州召开。省领导王国生、楼阳生等在郑的副省级以上领导同志出席。",
        [("2024-01-19", "全省经济工作会议", [], [], ["王国生/省领导", "楼阳生/省领导"], [])],
    ),
    (
        "1月19日，全省经济工作会议在郑州召开。王国生、楼阳生等在郑的副省级以上领导同志出席。",
        [("2024-01-19", "全省经济工作会议", [], [], ["王国生/副省级以上领导", "楼阳生/副省级以上领导"], [])],
    ),
    (
        "1月20日，洛阳市召开全市招商引资大会。市领导江凌、徐衣显、王军、魏险峰、李新建出席会议。",
        [
            (
                "2024-01-20",
                "全市招商引资大会",
                [],
                [],
                ["江凌/市领导", "徐衣显/市领导", "王军/市领导", "魏险峰/市领导", "李新建/市领导"],
                [],
            )
        ],
    ),
    (
        "1月20日，安阳市召开重点项目建设推进会。袁家健、刘建发等市领导出席会议。",
        [("2024-01-20", "重点项目建设推进会", [], [], ["袁家健/市领导", "刘建发/市领导"], [])],
    ),
    (
        "1月20日，我市召开全市防汛工作会议。市委常委、常务副市长朱东亚，副市长刘军伟出席。",
        [("2024-01-20", "全市防汛工作会议", [], [], ["朱东亚/市委常委、常务副市长", "刘军伟/副市长"], [])],
    ),
    (
        "1月20日，深圳市召开全市高质量发展大会。市领导孟凡利、覃伟中、黄敏、林杰和张勇出席。",
        [
            (
                "2024-01-20",
                "全市高质量发展大会",
                [],
                [],
                ["孟凡利/市领导", "覃伟中/市领导", "黄敏/市领导", "林杰/市领导", "张勇/市领导"],
                [],
            )
        ],
    ),
    (
        "1月20日，台中市政府召開市政會議，市長盧秀燕主持，副市長黃景茂、鄭照新出席。",
        [("2024-01-20", "市政會議", ["盧秀燕/市長"], [], ["黃景茂/副市長", "鄭照新/副市長"], [])],
    ),
    (
        "1月20日，開封市召開全市經濟工作會議。市委書記高建軍講話，市領導侯紅、張寧、劉新斌出席會議。",
        [
            (
                "2024-01-20",
                "全市經濟工作會議",
                [],
                ["高建軍/市委書記"],
                ["侯紅/市領導", "張寧/市領導", "劉新斌/市領導"],
                [],
            )
        ],
    ),
    (
        "1月20日，市政协召开十五届五次常委会议。在主席台就座的有市政协主席胡军，副主席刘海燕、赵立新、欧阳红。",
        [
            (
                "2024-01-20",
                "十五届五次常委会议",
                [],
                [],
                ["胡军/市政协主席", "刘海燕/副主席", "赵立新/副主席", "欧阳红/副主席"],
                [],
            )
        ],
    ),
    (
        "1月20日，我市召开人才工作会议。出席会议的有市委常委、组织部部长马强，副市长周芳，市政府秘书长孙伟等。",
        [("2024-01-20", "人才工作会议", [], [], ["马强/市委常委、组织部部长", "周芳/副市长", "孙伟/市政府秘书长"], [])],
    ),
    (
        # 作工作报告 is a speech (docs/meetings.md); the 作 of 工作 once kept the match from the name
        "1月20日，我市召开全市民政工作会议。市委副书记刘平出席会议并讲话，市民政局局长吴刚作工作报告。",
        [("2024-01-20", "全市民政工作会议", [], ["刘平/市委副书记", "吴刚/市民政局局长"], ["刘平/市委副书记"], [])],
    ),
    (
        "1月20日，我市召开全市招商引资工作会议。市领导魏建平、孙栋在主席台就座。",
        [("2024-01-20", "全市招商引资工作会议", [], [], ["魏建平/市领导", "孙栋/市领导"], [])],
    ),
    (
        "1月20日，市委召开党外人士座谈会。市委书记李卫东主持会议，市委常委、统战部部长张晓红，副市长买买提·艾力出席。",
        [
            (
                "2024-01-20",
                "党外人士座谈会",
                ["李卫东/市委书记"],
                [],
                ["张晓红/市委常委、统战部部长", "买买提·艾力/副市长"],
                [],
            )
        ],
    ),
    (
        "1月20日，新乡市召开全市教育工作会议。副市长王新军及市教育局局长胡剑出席会议。",
        [("2024-01-20", "全市教育工作会议", [], [], ["王新军/副市长", "胡剑/市教育局局长"], [])],
    ),
    (
        "1月20日，卫辉市召开干部大会。新乡市委常委、组织部部长宋宝立宣布了任职决定，市委书记郭晓光主持会议。",
        [("2024-01-20", "干部大会", ["郭晓光/市委书记"], [], [], [])],
    ),
    (
        "1月20日，全市民营经济发展大会召开。市领导、各县（市、区）主要负责同志、市直有关单位负责同志参加会议。",
        [("2024-01-20", "全市民营经济发展大会", [], [], [], [])],
    ),
    ("1月20日，我市召开会议。有关领导参加会议。会议指出，要高度重视。", [("2024-01-20", None, [], [], [], [])]),
    (
        "1月20日，我市召开全市生态环境保护大会，市委书记李卫东，市长魏建平，市人大常委会主任王登喜，市政协主席宋宝立出席会议。",
        [
            (
                "2024-01-20",
                "全市生态环境保护大会",
                [],
                [],
                ["李卫东/市委书记", "魏建平/市长", "王登喜/市人大常委会主任", "宋宝立/市政协主席"],
                [],
            )
        ],
    ),
    (
        "1月20日，郑州市召开民营企业座谈会，市长何雄与企业家代表座谈，副市长黄卿、秘书长吕挺琳参加。",
        [("2024-01-20", "民营企业座谈会", [], [], ["黄卿/副市长", "吕挺琳/秘书长"], [])],
    ),
    (
        "1月20日，我市召开“三个一批”项目建设推进会，副市长孙栋、市发改委主任张华、市财政局局长高峰参加会议。",
        [
            (
                "2024-01-20",
                "“三个一批”项目建设推进会",
                [],
                [],
                ["孙栋/副市长", "张华/市发改委主任", "高峰/市财政局局长"],
                [],
            )
        ],
    ),
    (
        "1月20日，市政府召开廉政工作会议。市长魏建平作廉政讲话，副市长孙栋、朱东亚和刘军伟参加会议。",
        [("2024-01-20", "廉政工作会议", [], ["魏建平/市长"], ["孙栋/副市长", "朱东亚/副市长", "刘军伟/副市长"], [])],
    ),
    (
        "1月20日，市委理论学习中心组召开集体学习会。市委书记李卫东主持并讲话，市领导王乐新、王新军等参加。",
        [
            (
                "2024-01-20",
                "集体学习会",
                ["李卫东/市委书记"],
                ["李卫东/市委书记"],
                ["王乐新/市领导", "王新军/市领导"],
                [],
            )
        ],
    ),
    (
        "1月20日，我市组织收看全国安全生产电视电话会议。市领导孙栋、朱东亚在新乡分会场收听收看。",
        [("2024-01-20", "全国安全生产电视电话会议", [], [], ["孙栋/市领导", "朱东亚/市领导"], [])],
    ),
    (
        "1月20日，我市召开全市信访工作会议，副市长司马强、市信访局局长诸葛明出席，市信访局、市公安局等8家单位作了表态发言。",
        [
            (
                "2024-01-20",
                "全市信访工作会议",
                [],
                [],
                ["司马强/副市长", "诸葛明/市信访局局长"],
                ["市信访局", "市公安局"],
            )
        ],
    ),
    (
        "1月20日，安阳市召开全市组织部长会议。市委常委、组织部部长李志伟讲话，市委组织部副部长张东、王鹏和刘洋出席。",
        [
            (
                "2024-01-20",
                "全市组织部长会议",
                [],
                ["李志伟/市委常委、组织部部长"],
                ["张东/市委组织部副部长", "王鹏/市委组织部副部长", "刘洋/市委组织部副部长"],
                [],
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"case{i:02d}" for i in range(len(CASES))])
def test_case(text, expected):
    assert _compact(text) == expected


MORE_LISTS = [
    # 「列席」 with titles from courts and procuratorates, traditional characters
    (
        "1月10日，安陽市人大常委會召開第八次會議。副市長張明、市中級人民法院院長李華、市人民檢察院檢察長王強列席會議。",
        [
            (
                "2024-01-10",
                "第八次會議",
                [],
                [],
                ["張明/副市長", "李華/市中級人民法院院長", "王強/市人民檢察院檢察長"],
                [],
            )
        ],
    ),
    # a name padded with a space to the width of three characters
    (
        "1月9日，我市召开春耕生产工作会议。市领导王  强、李卫国出席会议。",
        [("2024-01-09", "春耕生产工作会议", [], [], ["王强/市领导", "李卫国/市领导"], [])],
    ),
    # 「与」 joins two people; a compound surname; a shared title after 等
    (
        "1月8日，洛阳市召开文旅文创融合发展大会。欧阳春与慕容雪等市领导出席。",
        [("2024-01-08", "文旅文创融合发展大会", [], [], ["欧阳春/市领导", "慕容雪/市领导"], [])],
    ),
    # a list after 「出席会议的还有」 that ends with 等
    (
        "1月7日，台中市政府召開治安會議。出席會議的還有副市長鄭照新、秘書長黃崇典等。",
        [("2024-01-07", "治安會議", [], [], ["鄭照新/副市長", "黃崇典/秘書長"], [])],
    ),
    # people watching a teleconference from a branch venue attend it
    (
        "1月6日，全省防汛抗旱工作电视电话会议召开。开封市领导高建军、李湘豫在开封分会场参加会议。",
        [("2024-01-06", "全省防汛抗旱工作电视电话会议", [], [], ["高建军/开封市领导", "李湘豫/开封市领导"], [])],
    ),
    # a weekday-free relative date and a chair who also speaks
    (
        "前天，郑州市召开全市“两会”筹备工作会议，市委副书记、市长何雄主持会议并讲话，副市长黄卿、孙晓红参加。",
        [
            (
                "2024-01-20",
                "全市“两会”筹备工作会议",
                ["何雄/市委副书记、市长"],
                ["何雄/市委副书记、市长"],
                ["黄卿/副市长", "孙晓红/副市长"],
                [],
            )
        ],
    ),
    # a year written out needs no publication date
    (
        "2023年12月28日，深圳市召开全市安全生产工作会议。市长覃伟中讲话，副市长黄敏、张华主持。",
        [("2023-12-28", "全市安全生产工作会议", ["黄敏/副市长", "张华/副市长"], ["覃伟中/市长"], [], [])],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_LISTS, ids=[f"list{i:02d}" for i in range(len(MORE_LISTS))])
def test_more_lists(text, expected):
    assert _compact(text) == expected


def test_sample_page(sample_text):
    got = _compact(sample_text)
    assert got == [
        (
            "2024-01-20",
            "新型工业化、重点产业链培育暨深化“万人助万企”活动推进大会",
            ["魏建平/市长"],
            ["李卫东/市委书记"],
            [
                f"{n}/市领导"
                for n in "谢松民 王乐新 王新军 孙栋 祁文华 王占波 杨彦玲 崔红建 翟洪凯 牛晓辉 刘军伟 周勇".split()
            ],
            ["市工信局", "市应急管理局"],
        ),
        (
            "2024-01-20",
            "全市消防安全工作会议",
            [],
            ["魏建平/市长"],
            ["魏建平/市领导", "孙栋/市领导", "朱东亚/市领导", "刘军伟/市领导", "王保明/市政府秘书长"],
            [],
        ),
        ("2024-01-20", "全省消防安全工作电视电话会议", [], [], [], []),
    ]


def test_title_from_earlier_mention():
    text = (
        "1月5日，市委召开全会。市委书记李卫东讲话。会议由市长魏建平主持。"
        "李卫东强调，要真抓实干。魏建平指出，要抓好落实。"
    )
    assert _compact(text) == [("2024-01-05", "全会", ["魏建平/市长"], ["李卫东/市委书记", "魏建平/市长"], [], [])]


def test_people_stay_in_their_article():
    text = (
        "市政府召开常务会议\n本报讯 1月5日，市政府召开第9次常务会议。市长魏建平主持会议。\n\n"
        "我市举办迎春书画展\n本报讯 1月6日，迎春书画展开幕。市领导孙栋、朱东亚参加开幕式。"
    )
    assert _compact(text) == [("2024-01-05", "第9次常务会议", ["魏建平/市长"], [], [], [])]


def test_a_list_page_link_is_no_second_meeting():
    """A link on a list page names the meeting an article below reports: one record; a link whose
    article is not on the page still reports its meeting."""
    link = "· 副市长韦红梅收看全区防汛工作视频会议　2023-06-08\n· 我市新增国家级专精特新企业9家　2023-06-08\n\n"
    article = ("副市长韦红梅收看全区防汛工作视频会议\n发布日期：2023-06-08\n\n"
               "6月7日，自治区召开全区防汛工作视频会议。副市长韦红梅在柳州分会场收看。")
    both = gx.extract(link + article, published=dt.date(2023, 6, 8)).meetings
    assert [(m.name, str(m.date)) for m in both] == [("全区防汛工作视频会议", "2023-06-07")]
    assert [m.name for m in gx.extract(link).meetings] == ["全区防汛工作视频会议"]


def test_a_title_before_a_name_and_its_day_is_found_without_the_model():
    """「市長黃偉哲今（9）日主持」: the day after the name ends it, so a later 「黃偉哲指出」 takes 市長
    from the rules alone too."""
    from govnews_extract._pipeline import extract_with

    text = "市長黃偉哲今（9）日主持市政會議。黃偉哲指出，要加快公車路網調整。"
    for nlp in (gx.load(models=False), gx.load()):
        (m,) = extract_with(nlp, text, dt.date(2024, 4, 9)).meetings
        assert [(p.name, p.title) for p in m.speakers] == [("黃偉哲", "市長")]


def test_no_published_date_gives_null():
    assert _compact("1月20日，我市召开全市消防安全工作会议。", published=None)[0][0] is None


NEAR_MISSES = [
    "会议指出，要高度重视安全生产工作。",
    "有关领导参加会议。",
    "会议传达了全省新型工业化暨重点产业链培育推进大会精神。",
    "深入学习贯彻习近平总书记在中央经济工作会议上的重要讲话精神。",
    "市领导孙栋、朱东亚参加义务植树活动。",  # people, but no meeting
    "市委书记李卫东批示要求，各地要压实责任。",
    "会议时间另行通知，地点在市行政中心。",
    "",
    "会",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_miss(text):
    assert _compact(text) == []


def test_nothing_invented_in_a_meeting():
    got = _compact("1月20日，我市召开全市消防安全工作会议。有关领导参加会议。会议指出，要压紧责任。")
    assert got == [("2024-01-20", "全市消防安全工作会议", [], [], [], [])]


def test_evidence_names_rules_and_points_into_the_text():
    text = "1月20日，開封市召開全市經濟工作會議。市委書記高建軍講話，市領導侯紅、張寧出席會議。"
    report = gx.Report(source=text, meetings=tuple(_meetings(text)))
    m = report.meetings[0]
    assert m.evidence.rule == "meeting_convened"
    assert report.evidence_text(m).startswith("召開全市經濟工作會議")
    assert [p.evidence.rule for p in m.attendees] == ["attendee_list", "attendee_list"]
    assert report.evidence_text(m.attendees[0]) == "市領導 … 侯紅"
    assert report.evidence_text(m.attendees[1]) == "張寧"
    assert m.speakers[0].evidence.rule == "speaker_spoke"
    assert "高建軍" in report.evidence_text(m.speakers[0])


class _FakeNames:
    """Stands in for the statistical model: it reports one PER span."""

    def __init__(self, name):
        self.name = name

    def find(self, text):
        i = text.find(self.name)
        return [(i, i + len(self.name), "PER")] if i >= 0 else []


def test_model_names_complete_a_list():
    # 禤 and 仉 are not in the surname lexicon: rules alone confirm nobody in the list; the
    # model's PER span confirms 禤国维, who then vouches for 仉建华
    text = "1月20日，我市召开全市经济工作会议。市领导禤国维、仉建华出席会议。"
    rules_only = meetings.extract(Context(text, PUBLISHED))
    assert [p.name for p in rules_only[0].attendees] == []
    with_model = meetings.extract(Context(text, PUBLISHED, _FakeNames("禤国维")))
    assert [(p.name, p.title) for p in with_model[0].attendees] == [("禤国维", "市领导"), ("仉建华", "市领导")]
    # a chair alone has no list to vouch for it: only the model reads the name
    text = "1月20日，全市安全生产工作会议召开，会议由副市长仉建华主持。"
    assert meetings.extract(Context(text, PUBLISHED))[0].chairs == ()
    with_model = meetings.extract(Context(text, PUBLISHED, _FakeNames("仉建华")))
    assert [(p.name, p.title) for p in with_model[0].chairs] == [("仉建华", "副市长")]


def test_a_shared_title_after_the_words_that_open_the_subject():
    # 「会议由市委副书记、市长刘建华主持」: both titles are his, as at any other mention
    text = "3月14日，全市经济运行调度会召开。会议由市委副书记、市长刘建华主持。市委书记王宏伟作重要讲话。"
    assert _compact(text, dt.date(2023, 3, 15)) == [
        ("2023-03-14", "全市经济运行调度会", ["刘建华/市委副书记、市长"], ["王宏伟/市委书记"], [], [])]


def test_a_group_title_inside_the_lead_in():
    text = "3月14日，全市经济运行调度会召开。出席会议的市领导还有：张建国、李娟、欧阳志远。"
    assert _compact(text, dt.date(2023, 3, 15))[0][4] == ["张建国/市领导", "李娟/市领导", "欧阳志远/市领导"]
    # a lead-in group title without a list after it gives nobody
    text = "3月14日，全市经济运行调度会召开。出席会议的市领导还有各县区负责人。"
    assert _compact(text, dt.date(2023, 3, 15))[0][4] == []


def test_rare_surname_of_the_lexicon():
    # 笪 (Jiangsu) and 亓 (Shandong) are rare but real surnames of the lexicon
    text = "1月20日，我市召开全市经济工作会议。市领导笪志刚、王乐新出席会议。市长亓宏伟讲话。"
    assert _compact(text)[0][3:5] == (["亓宏伟/市长"], ["笪志刚/市领导", "王乐新/市领导"])


def test_unknown_surnames_vouched_for_by_the_list():
    # 禤 and 仉 are outside the lexicon; 王乐新 in the same 、 list vouches for them
    text = "1月20日，我市召开全市经济工作会议。市领导禤国维、王乐新、仉建华出席会议。"
    assert _compact(text)[0][4] == ["禤国维/市领导", "王乐新/市领导", "仉建华/市领导"]
    text = "1月20日，全市安全生产工作会议召开。副市长仉建华、王乐新出席。"
    assert _compact(text)[0][4] == ["仉建华/副市长", "王乐新/副市长"]


def test_a_list_without_any_confirmed_name_gives_nobody():
    # without a confirmed name (or the model) nothing vouches for 禤国维 and 仉建华
    text = "1月20日，我市召开全市经济工作会议。市领导禤国维、仉建华出席会议。"
    assert _compact(text)[0][4] == []
    # words that only look like names stay out of a list: 各县区 has 区, 有关 is no name
    text = "1月20日，全市安全生产工作会议召开。各县区、王乐新出席。"
    assert _compact(text)[0][4] == ["王乐新/"]


def test_group_title_after_name():
    text = "1月20日，我市召开全市经济工作会议。王五副市长出席会议。"
    assert _compact(text)[0][4] == ["王五/副市长"]


def test_department_heads_written_short_are_titles():
    # 宣传部长, 组织部长, 统战部长 are how papers write 宣传部部长; 执行主席 chairs a congress session
    text = "1月20日，全市宣传思想工作会议召开。市委常委、宣传部长李华出席会议并讲话，执行主席谢松民主持会议。"
    assert _compact(text) == [("2024-01-20", "全市宣传思想工作会议", ["谢松民/执行主席"], ["李华/市委常委、宣传部长"],
                               ["李华/市委常委、宣传部长"], [])]


def test_a_county_written_without_its_county_before_its_head_is_a_title():
    # 「获嘉县长」 is 获嘉县县长, as papers write it; 副市长 and 市长 alone stay what they were
    text = "1月20日，全市经济工作会议召开。获嘉县长王海作表态发言，延津县长李强、副市长张华参加会议。"
    assert _compact(text) == [("2024-01-20", "全市经济工作会议", [], ["王海/获嘉县长"],
                               ["李强/延津县长", "张华/副市长"], [])]


def test_title_after_name():
    # a person's own title written after the name (「王五局长」), also in brackets (「王五（局长）」)
    text = "1月20日，我市召开全市经济工作会议。王五局长出席会议。"
    assert _compact(text)[0][4] == ["王五/局长"]
    text = "1月20日，我市召开全市经济工作会议。王五（市委常委、秘书长）、李六（副市长）出席会议。"
    assert _compact(text)[0][4] == ["王五/市委常委、秘书长", "李六/副市长"]


# -- the _people API (imported by the enterprises kind) -------------------------------------


@pytest.mark.parametrize(
    "name", ["江成", "李卫东", "欧阳修", "欧阳小明", "司马南", "诸葛亮", "买买提·艾力", "張寧", "范徐丽泰",
             "张镇平"]  # 镇 inside a given name; a name never ends in it
)
def test_is_person_name(name):
    assert is_person_name(name)


@pytest.mark.parametrize(
    "word", ["全市", "市长", "有关领导", "会议", "江成与", "安全", "副市长买买提·艾力", "王", "", "李卫东指出",
             "赵文主持", "梁华出席",  # two surnames and a word that follows names: no four-character name
             "阿不都·热合曼出席会议并",  # a dotted name does not run on into the words after it
             "孟庄镇", "李村", "王家乡"]  # a town or village is no name
)
def test_is_not_person_name(word):
    assert not is_person_name(word)


@pytest.mark.parametrize("piece", ["仉建华", "禤国维", "佴文强", "江成"])
def test_could_be_name(piece):
    assert could_be_name(piece)


@pytest.mark.parametrize("piece", ["出席会", "调研重", "参加", "主持", "全市", "各县区", "王刚的", "副市长", "王",
                                   "会议", "介绍", "认为", "表示"])
def test_could_not_be_name(piece):
    # words that introduce people (出席, 调研) or follow names (介绍, 认为) open no name; nor do
    # common words, titles, function words
    assert not could_be_name(piece)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("江成与大家座谈", "江成"),
        ("李卫东指出，", "李卫东"),
        ("王强在会上讲话", "王强"),
        ("张三和李四", "张三"),
        ("欧阳小明出席", "欧阳小明"),
        ("魏建平主持会议", "魏建平"),
        # names with a middle dot: the last part ends where the words of the clause begin
        ("艾力·买买提表示，", "艾力·买买提"),
        ("热合曼·吐尔逊主持会议", "热合曼·吐尔逊"),
        ("艾力·买买提出席会议", "艾力·买买提"),  # 提出 and 出席 overlap: 出席 is the word
        ("阿依古丽·阿不都热依木等参加", "阿依古丽·阿不都热依木"),  # 都 is part of the name, 等 is not
        ("买买提·吐尔逊在会上讲话", "买买提·吐尔逊"),
        ("迪丽热巴·迪力木拉提和李四", "迪丽热巴·迪力木拉提"),
        ("约翰·史密斯先生", "约翰·史密斯"),
        ("努尔·白克力", "努尔·白克力"),
        # verbs of news after a name; a shorter reading whose word runs past the longer one wins
        ("王刚认为，", "王刚"),  # not 王刚认 + 为
        ("许文涛告诉记者，", "许文涛"),
        ("杨振国深有感触。", "杨振国"),
        ("李娜透露，", "李娜"),
        ("李卫东希望大家", "李卫东"),
        ("张天任出席活动", "张天任"),  # a one-character word (任) never shortens a name
        ("梁华出席。", "梁华"),  # not a four-character name of two surnames (梁, 华)
        ("李华陪同调研", "李华"),  # the longest word after the name counts: 陪同, not 陪
        ("王强来到车间", "王强"),
        ("王强逝世", "王强"),
        ("李华相继发言", "李华"),
        ("孙其峰主持会议", "孙其峰"),  # 其 and 月 stand in given names
        ("李强正在调试设备", "李强"),  # adverbs after a name end it: 正在, 应邀, 明确, 今日
        ("王海应邀出席", "王海"),
        ("李明明确要求", "李明"),
        ("王海今日出席", "王海"),
        ("李月华出席", "李月华"),
        ("安康交流。", "安康"),
        ("王刚分析，", "王刚"),
        ("陈冯富珍出席", "陈冯富珍"),  # a four-character name of two surnames stays whole
        ("魏建平主持会议", "魏建平"),
    ],
)
def test_split_name(text, name):
    assert split_name(text)[0] == name


def test_title_helpers():
    assert split_title("党组书记江成") == ("党组书记", "江成")
    assert split_title("市政府秘书长王保明") == ("市政府秘书长", "王保明")
    assert split_title("市委書記李衛東") == ("市委書記", "李衛東")
    assert split_title("传达市委书记李卫东") is None
    assert is_title("市人大常委会主任") and is_title("市领导") and not is_title("会议")
    assert surname_of("诸葛亮") == "诸葛" and surname_of("会议") is None
    text = "党组书记江成与大家座谈"
    assert name_end(text, 4) == 6


def test_every_title_ends_as_title_tails_says(sample_text):
    """Meetings try TITLE_FULL only on pieces ending in ``title_tails``: every whole title of the
    sample page and the test pages does."""
    from pathlib import Path

    from govnews_extract._patterns import get_patterns
    from govnews_extract._people import _lex, title_tails

    tails, n = title_tails(get_patterns())
    texts = [sample_text] + [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parent.glob("pages/*.txt"))]
    title = _lex().title
    found = 0
    for text in texts:
        for s in range(len(text)):
            for e in range(s + 1, min(len(text), s + 30) + 1):
                if title.fullmatch(text, s, e) is not None:
                    found += 1
                    assert text[e - n:e] in tails, text[s:e]
    assert found > 100


# -- bad input: empty results, never a crash or a hang ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "市领导" * 20000,
        "、" * 100000,
        "召开" * 20000,
        "会" * 30000,
        "召开会议。" + "市领导王乐新、" * 3000 + "出席会议。",
        "召开会议。" + "市委书记李卫东讲话。" * 2000,
    ],
)
def test_long_inputs_stay_fast(text):
    start = time.perf_counter()
    _meetings(text)
    assert time.perf_counter() - start < 20


def test_random_text_never_crashes():
    rng = random.Random(5)
    alphabet = "市领导李卫东魏建平、，。；召开会议主持讲话出席参加等在上强调1月20日\n“”·欧阳 王"
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        for m in _meetings(text):
            assert all(p.name for p in (*m.chairs, *m.speakers, *m.attendees))
