"""Phrase pools and the story generator: invented local news in plain modern news Chinese.

Every place, company, person and event here is invented; nothing is taken from a real page. A
:class:`Story` is the article as its newsroom wrote it (headline, kicker, subtitle, paragraphs,
people); families decide how a page shows it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
DOUBLE_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "慕容")
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰晓东海燕云峰雪梅亮鹏辉宁浩宇博文婷倩颖琳欣然思远子轩嘉怡俊凯雨涵晨阳立新春"
    "晖翔凡佳琪瑞睿彤梓萱一鸣泽楠昊然书瑶鑫淼诗雅振兴庆丰德胜永福学良"
)
# Characters outside GB2312 but inside GBK: a page declaring gb2312 that uses them is lying a little.
GBK_ONLY_GIVEN = "喆堃珺昇赟玥垚犇"

CITIES = ("青岚", "东临", "云泽", "北湾", "昭川", "梧阳", "临溪", "榆城", "沂岭", "澜州", "苍梧岭", "南屏")
PROVINCES = ("江淮省", "云岭省", "海岱省", "秦川省")
DISTRICTS = (
    "云溪区",
    "滨湖区",
    "高新区",
    "经开区",
    "河西区",
    "东城区",
    "望江县",
    "石门县",
    "柳林县",
    "白沙县",
    "新港区",
)
TOWNS = ("柳湾街道", "桃源镇", "石桥镇", "青石街道", "双河镇", "杏林街道", "临河镇", "凤鸣街道", "南关镇", "东坪乡")
VILLAGES = ("前屯村", "后营村", "杨家洼村", "三里庄村", "河口村", "新民社区", "枣林社区", "望湖社区")
COMPANIES = ("瑞丰新材料", "恒岳精密机械", "青禾农业科技", "远航智能装备", "金穗面业", "天衡电子",
             "润泽生物医药", "启明光电", "长岭储能科技", "嘉和纺织")  # fmt: skip
DEPARTMENTS = ("住房和城乡建设局", "农业农村局", "教育局", "卫生健康委员会", "文化和旅游局", "生态环境局",
               "交通运输局", "工业和信息化局", "民政局", "市场监督管理局", "自然资源和规划局", "水利局")  # fmt: skip
# The departments a story of each topic quotes (so a school story is not checked by the water bureau).
TOPIC_DEPTS = {
    "urban": ("住房和城乡建设局", "自然资源和规划局", "城市管理局"),
    "farm": ("农业农村局", "水利局"),
    "school": ("教育局",),
    "health": ("卫生健康委员会", "医疗保障局"),
    "travel": ("文化和旅游局",),
    "industry": ("工业和信息化局", "发改委", "商务局"),
    "env": ("生态环境局", "水利局", "城市管理局"),
    "traffic": ("交通运输局", "公安局交通警察支队"),
    "service": ("民政局", "行政审批服务局", "人社局"),
}
DEPT_POSITIONS = ("负责人", "副局长", "科长", "工作人员", "办公室主任")
POSITIONS = ("负责人", "副局长", "工作人员", "党支部书记", "总经理", "项目经理", "社区主任", "技术员", "科长")

SUFFIX_PAPERS = ("日报", "晚报", "广播电视台", "融媒体中心", "发布", "新闻网")


@dataclass
class Topic:
    key: str
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    quotes: tuple[str, ...]
    captions: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "urban",
        (
            "{city}市新建{n2}处口袋公园 市民家门口享绿意",
            "{district}老旧小区改造提速 {n3}户居民受益",
            "{city}市启动{n2}条背街小巷整治",
            "{town}完成雨污分流改造 {n2}个小区告别“水漫金山”",
        ),
        (
            "今年以来，{city}市{dept}把口袋公园建设作为民生实事，利用边角地、闲置地见缝插绿。",
            "截至目前，{district}已完成{n2}个老旧小区的管网更新，涉及居民{n3}户。",
            "改造内容包括外墙保温、屋面防水、电梯加装和停车位规划等{n1}个方面。",
            "施工期间，项目部设立了居民意见箱，累计收集并解决问题{n2}条。",
            "{md}，记者在{town}看到，新铺设的透水砖路面平整干净，两侧的绿化带已经栽上了苗木。",
            "据介绍，{city}市计划到年底再建成{n2}处小微绿地，让市民出门{n1}百米可见绿。",
            "下一步，{dept}将建立长效管护机制，明确每一处公园的养护责任人。",
            "项目总投资约{n2}00万元，资金由市区两级财政共同承担。",
        ),
        ("以前下雨天出门得穿雨靴，现在楼下就能散步，心里敞亮多了。", "我们坚持先问需于民，再定改造方案。"),
        ("改造后的小区环境整洁", "市民在新建成的口袋公园休闲", "施工人员在铺设管网"),
    ),
    Topic(
        "farm",
        (
            "{district}{n2}万亩小麦进入收获期",
            "{town}大棚蔬菜喜获丰收 “菜篮子”拎得更稳",
            "{city}市推广秸秆还田 {n2}万亩土地受益",
            "智慧农机下田 {town}夏播进度过半",
        ),
        (
            "眼下正值夏收时节，{district}{n2}万亩小麦陆续成熟，田间地头一派繁忙景象。",
            "{town}{village}的种植大户老{surname}告诉记者，今年每亩单产比去年提高了{n2}斤左右。",
            "为保障颗粒归仓，{dept}组织{n2}台联合收割机跨区作业，并设立了{n1}个农机服务站。",
            "{md}起，当地气象部门每天发布两次农事天气预报，提醒农户抢抓晴好天气。",
            "近年来，{city}市大力推广测土配方施肥和统防统治，化肥使用量连续{n1}年下降。",
            "合作社还与{company}公司签订了订单收购协议，每斤收购价高于市场价{n1}分钱。",
            "据统计，全区已建成高标准农田{n2}万亩，旱能浇、涝能排的农田越来越多。",
        ),
        ("今年雨水匀，麦子长得好，收成比往年强。", "我们把服务送到地头，让农户少跑腿、多增收。"),
        ("联合收割机在田间作业", "农户展示刚采摘的蔬菜", "技术员在大棚内查看作物长势"),
    ),
    Topic(
        "school",
        (
            "{city}市今年新增学位{n3}个",
            "{district}{n1}所新建学校9月投用",
            "课后服务“加餐” {town}学生乐享社团时光",
            "{city}市开展中小学校园安全大检查",
        ),
        (
            "为缓解城区入学压力，{city}市今年新建、改扩建中小学{n2}所，新增学位{n3}个。",
            "新建的{district}实验学校占地{n2}亩，设计规模为{n2}个教学班。",
            "学校配备了录播教室、创客空间和室内体育馆，所有教室均安装了护眼照明设备。",
            "{md}，{dept}组织专家对新建学校的消防、食堂和校车进行了逐项验收。",
            "课后服务开设了书法、围棋、科学实验等{n2}门课程，学生可根据兴趣自主选择。",
            "据了解，今年全市参加课后服务的学生达{n3}人，参与率超过{n2}%。",
            "下一步，{dept}将继续推进集团化办学，让更多孩子在家门口上好学。",
        ),
        ("孩子放学后能在学校参加社团，我们家长接送也方便了。", "我们要让每一所新学校一开学就有好质量。"),
        ("学生在新教室内上课", "孩子们在参加社团活动", "工作人员检查校园安全设施"),
    ),
    Topic(
        "health",
        (
            "{district}家庭医生签约服务覆盖{n2}万人",
            "{city}市人民医院新院区试运行",
            "“一站式”服务上线 {city}市就医更便捷",
            "{town}卫生院开设中医特色门诊",
        ),
        (
            "{city}市人民医院新院区{md}起试运行，首批开放门诊、急诊和{n2}个病区。",
            "新院区设置床位{n3}张，配备了直线加速器、磁共振等大型设备。",
            "患者可通过手机预约挂号、查看检查报告，平均候诊时间缩短了{n2}分钟。",
            "{district}组建家庭医生团队{n2}支，为辖区老年人、慢性病患者提供上门随访服务。",
            "今年以来，{dept}累计开展义诊{n2}场，惠及群众{n3}人次。",
            "医院还与{district}{n1}家卫生院建立了远程会诊机制，基层患者不出镇就能得到专家指导。",
            "截至{md}，全市已有{n2}家医疗机构实现检查结果互认。",
        ),
        ("现在在手机上就能挂号，不用一大早来排队了。", "我们的目标是让群众少跑腿，看病更舒心。"),
        ("医护人员为患者检查身体", "新院区门诊大厅", "家庭医生上门随访"),
    ),
    Topic(
        "travel",
        (
            "{city}市推出{n2}条夏季精品旅游线路",
            "{town}非遗市集开市 游客体验传统手艺",
            "{district}古村落焕新 乡村游持续升温",
            "“五一”假期{city}市接待游客{n2}万人次",
        ),
        (
            "假期期间，{city}市各景区共接待游客{n2}万人次，实现旅游收入{n2}亿元。",
            "{town}的非遗市集汇集了剪纸、面塑、木版年画等{n2}个项目，不少游客现场体验制作。",
            "{district}对{village}的{n2}座老宅进行了保护性修缮，并改造为民宿和手工作坊。",
            "{md}晚，滨河公园举办了露天音乐会，吸引了上千名市民和游客。",
            "{dept}相关负责人介绍，今年将新培育乡村旅游重点村{n1}个，推出研学线路{n2}条。",
            "为方便游客出行，公交部门临时加开了{n1}条旅游专线，发车间隔缩短至{n2}分钟。",
            "记者注意到，不少外地游客通过短视频平台了解到当地的特色小吃和夜市。",
        ),
        ("没想到这里的古村保存得这么完整，下次还要带家人来。", "我们希望把老手艺留下来，也让年轻人愿意学。"),
        ("游客在非遗市集体验剪纸", "修缮后的古村落", "市民在夜市品尝特色小吃"),
    ),
    Topic(
        "industry",
        (
            "{company}智能工厂投产 年产值可达{n2}亿元",
            "{district}{n2}个重点项目集中开工",
            "{city}市一季度规上工业增加值增长{n1}.{n1}%",
            "“链”上发力 {district}新材料产业集群加速成形",
        ),
        (
            "{md}，{district}举行重点项目集中开工仪式，{n2}个项目总投资{n3}亿元。",
            "{company}有限公司新建的智能工厂已经投产，生产线自动化率达到{n2}%。",
            "项目达产后，预计年产值可达{n2}亿元，新增就业岗位{n3}个。",
            "今年以来，{city}市{dept}深入开展“企业服务日”活动，累计帮助企业解决问题{n2}个。",
            "园区实行“拿地即开工”审批模式，项目从签约到开工仅用了{n2}天。",
            "据统计，一季度全市规模以上工业增加值同比增长{n1}.{n1}%，高于全省平均水平。",
            "企业负责人表示，将继续加大研发投入，力争三年内推出{n1}款新产品。",
        ),
        ("审批快、服务好，我们对在这里发展很有信心。", "我们要把项目服务做在前面，让企业专心搞生产。"),
        ("智能生产线在运行", "项目开工现场", "技术人员调试设备"),
    ),
    Topic(
        "env",
        (
            "{city}市空气优良天数同比增加{n2}天",
            "{district}河道治理见成效 白鹭回来了",
            "{town}垃圾分类进小区 居民参与率超{n2}%",
            "{city}市开展夏季河湖“清四乱”行动",
        ),
        (
            "今年1至{n1}月，{city}市空气质量优良天数达到{n2}天，同比增加{n1}天。",
            "{district}对境内{n2}公里河道实施清淤疏浚和生态护岸工程。",
            "河道两岸新栽植苗木{n3}株，建成滨水步道{n1}公里。",
            "{md}，记者在河边看到，几只白鹭在浅滩上觅食，不少市民驻足拍照。",
            "{town}在{n2}个小区设置了智能分类投放点，居民投放可回收物可获得积分。",
            "{dept}还组建了{n2}人的志愿者队伍，定期开展入户宣传。",
            "下一步，当地将建立河湖长巡查台账，发现问题限时整改。",
        ),
        ("小时候河里能摸鱼，后来水脏了，现在又变清了。", "生态环境好了，老百姓的日子才更有盼头，我们一刻也不能放松。"),
        ("治理后的河道", "居民在智能投放点分类投放垃圾", "白鹭在浅滩觅食"),
    ),
    Topic(
        "traffic",
        (
            "{city}市{n1}条公交新线路开通",
            "{district}断头路打通 市民出行更顺畅",
            "{city}市至{city2}市高速公路建设进入冲刺阶段",
            "{town}农村公路“户户通”完成",
        ),
        (
            "{md}起，{city}市新开通{n1}条公交线路，串联起{n2}个居民小区和{n1}所学校。",
            "{district}的{n2}条断头路已全部打通，周边居民绕行距离缩短了{n1}公里。",
            "高速公路全长{n2}公里，设互通立交{n1}处，建成后两市通行时间将缩短至{n2}分钟。",
            "施工单位实行“两班倒”作业，目前路基工程已完成{n2}%。",
            "{dept}在{n2}个路口优化了信号灯配时，早晚高峰通行效率提升明显。",
            "为方便群众出行，部分线路首班车提前到早上{n1}点发车。",
            "今年，全市计划新改建农村公路{n3}公里，实现自然村通硬化路全覆盖。",
        ),
        ("以前去市区要倒两趟车，现在家门口就能坐上直达车。", "我们每天盯进度、保质量，确保按期通车。"),
        ("新开通的公交车驶出站台", "施工人员在高速公路工地作业", "打通后的道路"),
    ),
    Topic(
        "service",
        (
            "{city}市政务服务“一网通办”事项达{n3}项",
            "{town}“幸福食堂”开张 老人吃饭不再犯愁",
            "{district}开展便民服务进社区活动",
            "{city}市启动夏季送清凉活动",
        ),
        (
            "{city}市政务服务中心推出“一窗受理”改革，{n3}个事项实现全程网办。",
            "{town}的“幸福食堂”每天为{n2}名老人提供午餐，{n2}岁以上老人享受补贴。",
            "{md}上午，{district}组织{n2}家单位在社区广场开展便民服务，现场为居民理发、量血压、维修家电。",
            "{dept}工作人员现场解答了社保缴纳、养老待遇认证等方面的咨询。",
            "据介绍，今年全区已建成社区养老服务站{n2}处，覆盖{n2}个社区。",
            "活动还设置了防诈骗宣传展板，提醒老年人警惕各类新型骗局。",
            "下一步，{city}市将继续拓展“掌上办”事项，让更多服务“指尖可办”。",
        ),
        ("食堂饭菜可口又便宜，孩子们上班也放心了。", "群众有需要的地方，就是我们服务的地方。"),
        ("老人在幸福食堂用餐", "志愿者为居民提供理发服务", "政务服务中心办事大厅"),
    ),
)

# Sentences that fit any local story (each used at most once per story).
GENERIC_SENTENCES = (
    "{city}市{dept}相关负责人接受记者采访时介绍，各项工作正按计划有序推进。",
    "为确保工作落地见效，当地成立了由分管负责同志牵头的工作专班，实行周调度、月通报。",
    "在推进过程中，{district}注重听取群众意见，先后召开座谈会{n1}次。",
    "不少市民在社交平台上分享了身边的新变化，相关话题的阅读量超过{n2}万次。",
    "据了解，这项工作已连续{n1}年被列入{city}市民生实事项目。",
    "针对群众反映集中的问题，{dept}建立了问题清单，逐项明确整改时限。",
    "当天，{town}还组织志愿者开展了政策宣传，发放宣传资料{n3}份。",
    "业内人士认为，这一做法为同类地区提供了可复制、可推广的经验。",
    "今后一个时期，{city}市将在资金、用地等方面继续给予支持。",
    "记者从{city}市{dept}获悉，相关配套细则将于近期出台。",
    "截至目前，已有{n2}个镇街完成了前期摸排工作。",
    "{district}有关负责人介绍，下一步将对完成情况开展“回头看”，确保不留死角。",
)

OPINION_SENTENCES = (
    "一座城市的温度，往往体现在细微之处。",
    "民生无小事，把实事办好，需要的是耐心和恒心。",
    "群众的获得感，来自一件件看得见、摸得着的变化。",
    "好的政策还要有好的落实，最后一公里同样关键。",
)

NOTICE_TITLES = ("关于{district}部分区域临时停水的通知", "{city}市{dept}关于开展{n2}周年专项检查的公告",
                 "关于{town}{village}道路施工期间交通管制的通告", "{city}市{dept}{n4}年度部门预算公开说明")  # fmt: skip

ENDING_QUOTE = "“{quote}”{name}说。"
ENDING_QUOTE_POS = "{org}{position}{name}说：“{quote}”"


def han_name(rng: random.Random, gbk_only: bool = False) -> str:
    """An invented Chinese personal name (2-3 characters, occasionally a double surname)."""
    surname = rng.choice(DOUBLE_SURNAMES) if rng.random() < 0.04 else rng.choice(SURNAMES)
    pool = GIVEN + (GBK_ONLY_GIVEN if gbk_only else "")
    given = "".join(rng.choice(pool) for _ in range(rng.choice((1, 2, 2, 2))))
    if gbk_only and not any(c in GBK_ONLY_GIVEN for c in given):
        given = given[:-1] + rng.choice(GBK_ONLY_GIVEN)
    return surname + given


def names(rng: random.Random, k: int, taken: set[str] | None = None, gbk_only: bool = False) -> list[str]:
    """k distinct names, none already in ``taken`` (which grows)."""
    taken = taken if taken is not None else set()
    out: list[str] = []
    while len(out) < k:
        n = han_name(rng, gbk_only and not out)
        if n not in taken and all(n not in t and t not in n for t in taken):
            taken.add(n)
            out.append(n)
    return out


@dataclass
class Story:
    """One article as written: truth-side text before any page furniture is added."""

    ts: datetime  # Beijing time, naive
    city: str  # e.g. "青岚" (without 市)
    topic: str
    title: str
    kicker: str
    subtitle: str
    paragraphs: list[str]
    captions: list[str]
    people: set[str] = field(default_factory=set)  # every generated name (to keep credits distinct)
    event_md: str = ""  # a dated event mentioned in the text, e.g. "5月20日"

    def name(self, rng: random.Random, gbk_only: bool = False) -> str:
        return names(rng, 1, self.people, gbk_only)[0]

    def names(self, rng: random.Random, k: int) -> list[str]:
        return names(rng, k, self.people)


_SLOT = re.compile(r"\{(\w+)\}")


def _fill(template: str, rng: random.Random, ctx: dict[str, str]) -> str:
    if "cdept" in ctx:  # "{city}市{dept}" reads 青岚市教育局; a bare {dept} reads 市教育局
        template = template.replace("{city}市{dept}", "{cdept}")

    def slot(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in ctx:
            return ctx[key]
        if key == "n1":
            return str(rng.randint(2, 9))
        if key == "n2":
            return str(rng.randint(11, 98))
        if key == "n3":
            return str(rng.randint(120, 9800))
        if key == "n4":
            return str(rng.choice((2023, 2024, 2025)))
        if key == "surname":
            return rng.choice(SURNAMES)
        pools = {"district": DISTRICTS, "town": TOWNS, "village": VILLAGES, "company": COMPANIES, "dept": DEPARTMENTS}
        return rng.choice(pools[key])

    return _SLOT.sub(slot, template)


def make_story(rng: random.Random, ts: datetime, n_par: tuple[int, int] = (4, 8), gbk_names: bool = False) -> Story:
    """A fresh invented story: headline, paragraphs (each 1-3 sentences), a quote, captions."""
    topic = rng.choice(TOPICS)
    city = rng.choice(CITIES)
    event = ts + timedelta(days=rng.choice((-6, -3, -2, -1, 3, 7, 12)))
    md = f"{event.month}月{event.day}日"
    dept = rng.choice(TOPIC_DEPTS[topic.key])
    ctx = {"city": city, "city2": rng.choice([c for c in CITIES if c != city]), "md": md, "cdept": f"{city}市{dept}",
           "district": rng.choice(DISTRICTS), "town": rng.choice(TOWNS), "dept": "市" + dept}  # fmt: skip
    title = _fill(rng.choice(topic.titles), rng, ctx)
    sentences = list(topic.sentences)
    rng.shuffle(sentences)
    # the dated sentence always appears, so each story mentions an event date inside the text
    dated = [s for s in sentences if "{md}" in s][:1]
    generic = list(GENERIC_SENTENCES)
    rng.shuffle(generic)
    pool = [s for s in sentences if s not in dated] + generic[:6]
    for s in dated:
        pool.insert(rng.randint(0, 2), s)
    n = rng.randint(*n_par)
    people: set[str] = set()
    paragraphs: list[str] = []
    i = 0
    for k in range(n):
        take = max(1, min(rng.choice((1, 2, 2)), len(pool) - i - (n - k - 1)))
        chunk = pool[i : i + take]
        i += take
        text = "".join(_fill(s, rng, ctx) for s in chunk)
        if k == n // 2:
            speaker = names(rng, 1, people, gbk_names)[0]
            if rng.random() < 0.5:
                org, pos = ctx["cdept"], rng.choice(DEPT_POSITIONS)
            else:
                village = rng.choice(VILLAGES)
                org = ctx["town"] + village
                pos = rng.choice(("主任", "居民") if village.endswith("社区") else ("党支部书记", "村民"))
            q = rng.choice(topic.quotes)
            text += _fill(ENDING_QUOTE_POS, rng, {"org": org, "position": pos, "name": speaker, "quote": q})
        paragraphs.append(text)
    if rng.random() < 0.3:
        paragraphs[-1] += rng.choice(OPINION_SENTENCES)
    kicker = _fill(rng.choice(("{district}：", "聚焦民生实事", "奋进新征程", "{city}观察")), rng, ctx)
    subtitle = _fill(
        rng.choice(("——{district}推进民生实事见闻", "——来自{town}的报道", "今年计划投资{n2}亿元")), rng, ctx
    )
    captions = list(topic.captions)
    rng.shuffle(captions)
    return Story(ts, city, topic.key, title, kicker, subtitle, paragraphs, captions, people, md)


def notice_story(rng: random.Random, ts: datetime) -> Story:
    """A short government notice (2-4 paragraphs) with a signature block that is part of the text."""
    city = rng.choice(CITIES)
    ctx = {"city": city, "district": rng.choice(DISTRICTS), "town": rng.choice(TOWNS), "dept": rng.choice(DEPARTMENTS)}
    title = _fill(rng.choice(NOTICE_TITLES), rng, ctx)
    start = ts + timedelta(days=rng.randint(1, 5))
    paragraphs = [
        _fill(
            "因{town}供水管网改造施工需要，定于" + f"{start.month}月{start.day}日" + "8时至20时对以下区域暂停供水，"
            "请相关单位和居民提前做好储水准备。",
            rng,
            ctx,
        ),
        _fill("停水范围：{town}{village}、" + rng.choice(VILLAGES) + "及周边沿街商户。", rng, ctx),
        _fill(
            "如遇特殊情况需延长停水时间，将另行通知。由此给您带来的不便，敬请谅解。咨询电话：0{n1}{n1}{n1}-{n3}{n1}。",
            rng,
            ctx,
        ),
    ][: rng.randint(2, 3)]
    org = f"{city}市{ctx['dept']}"
    paragraphs += [org, f"{ts.year}年{ts.month}月{ts.day}日"]
    return Story(ts, city, "notice", title, "", "", paragraphs, [], set(), f"{start.month}月{start.day}日")


def headline_pool(rng: random.Random, k: int) -> list[str]:
    """Headlines of other (invented) stories, for related lists and sidebars."""
    out = []
    for _ in range(k):
        topic = rng.choice(TOPICS)
        ctx = {"city": rng.choice(CITIES), "city2": rng.choice(CITIES), "md": "",
               "district": rng.choice(DISTRICTS), "town": rng.choice(TOWNS), "dept": rng.choice(DEPARTMENTS)}  # fmt: skip
        out.append(_fill(rng.choice(topic.titles), rng, ctx))
    return list(dict.fromkeys(out))
