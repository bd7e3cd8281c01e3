"""Static data for the replica site: channels, menu, footer, name pools and phrase pools.

Everything here is plain data; the generator (``model.py``) draws from it and the renderer
(``render.py``) copies the fixed page chrome from it. Every string must be GBK-encodable because
any article may be served as GBK (a test checks this).
"""

from __future__ import annotations

ORIGIN = "https://www.lcxw.cn"

# Leaf channels that carry articles: (slug, breadcrumb names, relative weight).
# "wenhua" is in the home menu but deliberately NOT in the profile's [[channels]] list, so the crawler
# must discover it from the menu. "bumen/neibu" sits under a robots.txt Disallow.
ARTICLE_CHANNELS: list[tuple[str, tuple[str, ...], int]] = [
    ("ruiping", ("锐评",), 6),
    ("yaowen", ("要闻",), 3),
    ("yaowen/liaochengzhengqing", ("要闻", "聊城政情"), 10),
    ("yaowen/shendu", ("要闻", "深度"), 8),
    ("yaowen/shandong", ("要闻", "山东"), 7),
    ("yaowen/shehui", ("要闻", "社会"), 9),
    ("shiting", ("视听",), 4),
    ("tushuo", ("图说",), 4),
    ("rexian", ("热线",), 6),
    ("bumen/caijing", ("部门", "财经"), 8),
    ("bumen/minsheng", ("部门", "民生"), 8),
    ("xianyu", ("县域",), 10),
    ("wenhua", ("文化",), 5),
]
# Older pages of yaowen/shendu show this breadcrumb name (an alias in the profile).
SHENDU_OLD_NAME = "记者直击"
NEIBU_CHANNEL = ("bumen/neibu", ("部门", "内部参考"))

# Listing-only parent channels and their children (parents list every child's articles too).
PARENT_CHANNELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "yaowen": ("要闻", ("yaowen", "yaowen/liaochengzhengqing", "yaowen/shendu", "yaowen/shandong", "yaowen/shehui")),
    "bumen": ("部门", ("bumen/caijing", "bumen/minsheng", "bumen/neibu")),
}
# Sub-channel navigation shown on a parent's listing (neibu is not in the public sub-nav).
SUBNAV: dict[str, tuple[tuple[str, str], ...]] = {
    "yaowen": (
        ("yaowen/liaochengzhengqing", "聊城政情"),
        ("yaowen/shendu", "深度"),
        ("yaowen/shandong", "山东"),
        ("yaowen/shehui", "社会"),
    ),
    "bumen": (("bumen/caijing", "财经"), ("bumen/minsheng", "民生")),
}
# Channels whose listing paginates with ?page=N instead of index_N.html.
QUERY_PAGED_CHANNELS = frozenset({"rexian", "wenhua"})
# Channels rendered with the older listing markup (#newsList ul li a).
OLD_LISTING_CHANNELS = frozenset({"xianyu", "bumen", "bumen/caijing", "bumen/minsheng", "bumen/neibu", "rexian"})
# Items per listing page: small sites need several pages to exercise paging; big ones must keep every
# leaf channel under the profile's max_pages (500) so a default crawl still reaches every article.
LISTING_PAGE_SIZE = 10
LISTING_PAGE_SIZE_BIG = 20
BIG_SITE = 2000

# Home menu: (label, href). Mixed link forms on purpose (relative, absolute, protocol-relative).
MENU: list[tuple[str, str]] = [
    ("首页", "/"),
    ("锐评", "/ruiping/"),
    ("要闻", "https://www.lcxw.cn/yaowen/"),
    ("视听", "/shiting/"),
    ("图说", "//www.lcxw.cn/tushuo/"),
    ("热线", "/rexian/"),
    ("部门", "http://www.lcxw.cn/bumen/"),
    ("县域", "/xianyu/"),
    ("文化", "/wenhua/"),
    ("数字报", "http://lcrb.lcxw.cn/"),
    ("看电视", "/kandianshi/"),
    ("听广播", "/tingguangbo/"),
]

ZHUANTI_PATH = "/zhuanti/2025lianghui/"
ZHUANTI_TITLE = "2025聊城两会"
LIVE_PAGES: dict[str, tuple[str, str]] = {
    "/kandianshi/": ("看电视", "/kandianshi/live/lctv1.m3u8"),
    "/tingguangbo/": ("听广播", "/tingguangbo/live/fm915.m3u8"),
}

OFFSITE_LINKS: list[tuple[str, str]] = [
    ("大众网", "http://www.dzwww.com/"),
    ("中国山东网", "https://www.sdchina.com/"),
    ("闪电新闻", "https://www.iqilu.com/"),
    ("聊城市人民政府", "http://www.liaocheng.gov.cn/"),
    ("聊城晚报", "http://lcrb.lcxw.cn/lcwb/pc/layout/"),
]

ROBOTS_DISALLOWED = ["/bumen/neibu/", "/search/"]

SOURCES = ["聊城日报", "聊城新闻网", "海报新闻", "聊城晚报"]

FOOTER_LINKS = ["关于我们", "广告服务", "版权声明", "联系我们", "跟帖评论自律管理承诺书"]
FOOTER_A = [
    "聊城新闻网 2006-2025 版权所有 聊城市新闻传媒中心/聊城市政府新闻办公室 联合主办",
    "互联网新闻信息服务许可证编号:37120180030 鲁ICP备09083931号 鲁公网安备 37150202000134号",
    "信息网络传播视听节目许可证编号:115330086 广播电视节目制作经营许可证(鲁)字第720号",
    "本网违法和不良信息举报电话:18663509279 举报邮箱:liufei@lcxw.cn",
]
# The older template's footer: end year lags and the publisher is the newspaper.
FOOTER_B = [
    "聊城新闻网 2006-2021 版权所有 聊城日报社 主办",
    "互联网新闻信息服务许可证编号:37120180030 鲁ICP备09083931号 鲁公网安备 37150202000134号",
    "本网违法和不良信息举报电话:0635-8275123 举报邮箱:liufei@lcxw.cn",
]

# -- people ------------------------------------------------------------------------------------
REPORTERS = [
    "赵琦",
    "朱海波",
    "张承斌",
    "刘庆功",
    "赵宗锋",
    "赵鹏",
    "孙克峰",
    "林晨",
    "王慧",
    "李军",
    "许舒婷",
    "张目",
    "司浩宇",
    "王博",
    "陈金华",
    "徐永晖",
    "曹雪莹",
    "郝智慧",
    "于凡",
    "刘亚男",
]
CORRESPONDENTS = ["张亚林", "胜前", "王鹏飞", "李晓燕", "孟凡", "高原", "郭建", "马倩倩", "任强", "宋玉涛"]
EDITORS = ["李明", "王芳", "刘洋", "张璐", "陈晨", "马丽", "杜娟", "周文"]
PHOTOGRAPHERS = ["赵鹏", "孙克峰", "张目", "王博", "徐永晖"]
COMMENT_PLANNERS = ["高波", "张建国"]
COMMENTATORS = ["鲁雅", "孙书", "何晓", "蒋文"]
VIDEO_MAKERS = ["吕涛", "金鑫", "牛宇"]
# A GBK-only character (not in GB2312): used once on a page that declares gb2312, because real
# servers do this and a decoder must treat gb2312 as gbk.
GBK_ONLY_NAME = "王堃"

# -- places, organisations, topics --------------------------------------------------------------
PLACES = [
    "东昌府区",
    "临清市",
    "茌平区",
    "阳谷县",
    "莘县",
    "东阿县",
    "冠县",
    "高唐县",
    "聊城高新区",
    "聊城经济技术开发区",
    "江北水城旅游度假区",
]
TOWNS = ["古楼街道", "新区街道", "闫寺街道", "烟店镇", "张秋镇", "鱼山镇", "梁水镇", "韩集镇", "柳园街道", "道口铺街道"]
COMPANIES = [
    "鑫鹏集团",
    "信发集团",
    "鲁西集团",
    "中通客车",
    "时风集团",
    "祥光铜业",
    "凤祥股份",
    "东阿阿胶",
    "景阳冈酒业",
    "泉林纸业",
    "聊城睿达产业园",
    "金号家纺",
    "华鲁恒升",
]
INDUSTRIES = [
    "有色金属",
    "黑色金属",
    "绿色化工",
    "农副产品加工",
    "高端轴承",
    "汽车及零部件",
    "轻工纺织",
    "绿色建材",
    "装备制造",
    "新一代信息技术",
    "新能源",
    "大健康",
    "低空经济",
    "钢管",
]
PRODUCTS = ["无缝钢管", "精密轴承", "新能源客车", "铜箔", "阿胶糕", "生物基材料", "家纺制品", "特种钢板"]
DEPARTMENTS = [
    "市发展改革委",
    "市工信局",
    "市农业农村局",
    "市住房城乡建设局",
    "市市场监管局",
    "市人社局",
    "市生态环境局",
    "市卫生健康委",
    "市文化和旅游局",
    "市交通运输局",
]
PEOPLE = ["冯言杰", "刘晓东", "王建军", "张秀兰", "李海涛", "孙立平", "赵红梅", "陈志强", "杨丽", "周国庆"]
POSITIONS = ["总经理", "负责人", "党委书记", "村党支部书记", "车间主任", "项目经理", "工作人员"]
TOPICS = [
    "新质生产力",
    "数字化转型",
    "乡村振兴",
    "城市更新",
    "营商环境",
    "科技创新",
    "黄河流域生态保护",
    "文旅融合",
    "民生实事",
    "安全生产",
    "现代服务业",
    "“453X”现代工业体系",
]
LANDMARKS = ["东昌湖", "光岳楼", "山陕会馆", "景阳冈", "运河文化博物馆", "中华水上古城", "古运河"]

# -- sentence and title templates ---------------------------------------------------------------
# Slots: {place} {town} {company} {industry} {product} {dept} {person} {position} {topic}
# {landmark} {n1} {n2} {n3} {pct} {money} {md} (month-day like 2月5日) {mon} (1-12) {year}.
SENTENCES = [
    "{md},在位于{place}的{company}生产园区内,工人们正开足马力生产{product}",
    "作为{industry}产业链的链主企业,{company}以高端化、智能化、绿色化为引领,先后投入{money}亿元实施技改{n1}余项",
    "今年以来,{place}坚持创新引领,培育发展{topic},建设以先进制造业为骨干的现代化产业体系",
    "{dept}相关负责人介绍,全市已累计完成设备更新{n2}余台(套),带动投资{money}亿元",
    "截至目前,{company}一期已全部建成投用,入驻企业{n1}余家,二期工程将于今年开工建设",
    "“我们将牢牢把握这一契机,加快项目建设进度,打造具有区域影响力的产业园区。”{person}表示",
    "{place}{town}{n1}个村(社区)实现了集体经济收入全部过{n3}万元",
    "据了解,该项目总投资{money}亿元,建成后可实现年产值{n2}亿元,新增就业岗位{n3}个",
    "{year}年,全市{industry}产业实现营业收入同比增长{pct}%,高于全省平均水平",
    "在{landmark}附近,前来游玩的市民和游客络绎不绝,{topic}成为当地发展的新引擎",
    "{dept}持续优化营商环境,推行“一次办好”改革,企业开办时间压缩至{n1}个小时以内",
    "针对群众反映的问题,{place}迅速组织人员现场核查,{n1}天内完成整改",
    "{position}{person}告诉记者,今年订单已经排到了{mon}月份,生产线满负荷运转",
    "聊城市坚持把{topic}作为高质量发展的发力点和突破点,打造一批应用场景",
    "下一步,{place}将继续聚焦{industry},着力引育“填空式”企业,推动产业链延链补链强链",
    "目前,全市共有规模以上工业企业{n2}家,其中高新技术企业{n3}家",
    "新的一年,{company}将在技术创新道路上继续探索前行,不断加大研发投入,加强与高校、科研机构的多方合作",
    "{md}上午,{dept}联合{place}开展专项检查,共检查企业{n1}家,发现并整改隐患{n2}处",
    "该村依托特色种植,发展{product}深加工,带动{n3}余户群众增收",
    "记者从{dept}获悉,{year}年全市计划实施重点项目{n2}个,总投资超过{n3}亿元",
    "“以前办事要跑好几趟,现在在家门口就能办。”{town}居民{person}说",
    "聊城钢铁、铜材等传统产业加快向高端迈进,{product}等产品远销{n1}个国家和地区",
    "走进{company}的数字化车间,每块物料都有自己的“ID”,进厂、加工、出厂可全链路跟踪",
    "{place}把{topic}摆在突出位置,全年新增城镇就业{n2}人",
    "近日,{place}{town}举办农民丰收节,现场展销特色农产品{n1}余种",
    "AI质检、5G专网等新技术在{company}得到广泛应用,产品不良率下降{pct}%",
]
# Sentences that look like boilerplate to a naive cleaner but are body text.
TRICKY_SENTENCES = [
    "据市新闻传媒中心编辑部统计,今年共收到群众来信来电{n2}件,办结率达{pct}%",
    "上述数据来源于{dept},与去年同期相比有较大提升",
    "活动现场,{person}与大家分享了自己返乡创业的经历",
    "该公司编辑部负责人说,内容生产正在向短视频转型",
]
SUBHEADS = [
    "向“新”聚能 激发发展动能",
    "以“实”为要 扎实推进项目建设",
    "聚力攻坚 跑出发展“加速度”",
    "数字赋能 产业焕发新活力",
    "民生为本 托起群众稳稳的幸福",
]
TITLES = [
    "聊城:培育壮大{topic} 加快构建现代化产业体系",
    "{place}:{industry}产业跑出“加速度”",
    "{company}投入{money}亿元实施技改 产品远销海外",
    "聊城{n1}个项目入选省级重点项目名单",
    "{place}{town}:小村庄走出乡村振兴新路子",
    "{dept}:持续优化营商环境 为企业发展保驾护航",
    "关注{topic}|{place}这样干",
    "{landmark}迎来客流高峰 文旅市场持续升温",
    "聊城{year}年民生实事项目全部完成",
    "热线追踪:{place}{town}道路破损问题得到解决",
    "{company}:数字化车间里的“智”造故事",
    "锐评|以{topic}引领高质量发展",
    "聊城召开{topic}工作推进会议",
    "{place}扎实推进{topic}见行见效",
    "图说|{landmark}的冬日美景",
]
CAPTIONS = [
    "{md},工人在{company}生产车间内作业。",
    "{landmark}景色宜人。",
    "{place}{town}的特色种植基地。",
    "工作人员正在检查{product}质量。",
    "市民在{landmark}游玩。",
]
EDIT_SENTENCE = "经核实,相关数据已更新,项目总投资调整为{money}亿元"
EDIT_TITLE_SUFFIX = "(更新)"

# Related-list timestamps and "hot" sidebar headings are drawn from real articles; nothing here.
SITE_NAME = "聊城新闻网"
