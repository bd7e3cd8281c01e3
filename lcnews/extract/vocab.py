"""General knowledge of Chinese news pages: the vocabulary every stage of the extractor reads.

This module is data, kept apart from the logic the way trafilatura keeps its XPath expressions
in one file. It holds what is true of Chinese web pages in general -- credit labels, byline
forms, wire datelines, counter and caption forms, the words of page furniture -- never a fact
about one site (those live in the site profile, ``lcnews/profiles/*.toml``) and never text of one
page. Spellings are Simplified and half-width: every stage matches them against
:func:`lcnews.extract.normalize.normalize` of the page text (NFKC, Traditional to Simplified,
lowercase, one code point at a time), so 來源／來源：／来源: are one spelling here.

Each tuple is read by exactly the stage named in its comment.
"""

from __future__ import annotations

# fmt: off
# -- meta line: source and publication time (stage: timesource) ----------------------------------
SOURCE_LABELS = (
    "来源", "稿源", "文章来源", "本文来源", "新闻来源", "信息来源", "消息来源", "内容来源", "出处", "转载自", "转载于", "转自", "来自", "发布单位", "发布机构",
    "发文机关",
)
# Source labels that take no colon ("来源于 X").
SOURCE_LABELS_NO_COLON = ("来源于", "转载于", "转载自", "稿源于")
# Labels of the publication time, strongest first. A label ending in 时间/日期 that is not listed
# (活动时间, 报名时间) names an event, not the page.
PUBLISHED_LABELS = (
    "发布时间", "发表时间", "发布日期", "发表日期", "发稿时间", "发文时间", "刊发时间", "首发时间", "上线时间", "成文日期", "发布于", "发表于", "时间", "日期",
    "published", "posted",
)
# Later stamps: taken only when no publication time is shown.
UPDATED_LABELS = ("更新时间", "更新日期", "修改时间", "最后更新", "编辑时间", "updated", "modified")
# Words of a view / comment counter ("点击:123次", "阅读 2.3万", "评论：0").
COUNTER_WORDS = (
    "点击", "点击数", "点击量", "浏览", "浏览量", "浏览次数", "阅读", "阅读量", "阅读数", "人气", "访问", "访问量", "访问次数", "评论", "跟帖", "点赞",
    "收藏", "转发", "分享", "字号", "字体", "播放", "播放量", "播放次数", "观看", "观看次数",
)

# -- credits (stage: credits) ---------------------------------------------------------------------
# Reporter labels. An organisation may be glued in front (新华社记者, 光明日报记者): the credits
# stage allows a short Han prefix before any label ending in 记者.
REPORTER_LABELS = (
    "本报记者", "本台记者", "本网记者", "本刊记者", "本站记者", "融媒记者", "全媒体记者", "首席记者", "特约记者", "见习记者", "实习记者", "驻站记者", "报道记者",
    "记者", "本报实习生", "实习生",
)
CORRESPONDENT_LABELS = ("本报通讯员", "特约通讯员", "通讯员")
# Author labels that need a separator after them (作者：X, 文/X, 采写 X).
AUTHOR_LABELS = (
    "作者", "文", "文字", "撰文", "撰稿", "撰稿人", "采写", "采访", "执笔", "执笔人", "本期评论员", "特约评论员", "评论员", "口述", "整理", "编译",
    "译者", "翻译", "主笔",
)
# Photo credits: a prefix (图/X, 摄影：X) or a suffix after the names (X 摄).
PHOTO_PREFIXES = ("摄影", "图片", "图", "拍摄", "摄")
PHOTO_SUFFIXES = ("摄影", "摄")
# Both the words and the pictures (文/图 X, 图文/X).
BOTH_PREFIXES = ("文/图", "图/文", "文图", "图文", "文并图", "文/摄", "图文编辑")
EDITOR_LABELS = (
    "责任编辑", "责编", "编辑", "初审编辑", "二审编辑", "三审编辑", "终审编辑", "复审编辑", "值班编辑", "网络编辑", "网站编辑", "新媒体编辑", "执行编辑", "主编",
    "执行主编",
)
# Credits that name people but none of the fields (planners, producers, designers).
OTHER_CREDIT_LABELS = (
    "总策划", "栏目策划", "策划", "统筹", "总监制", "监制", "出品人", "出品", "制片人", "制片", "海报设计", "设计", "视频制作", "制作", "视频", "摄像",
    "剪辑", "后期", "配音", "动画", "主持人", "主持", "编导", "技术支持", "技术", "供稿", "支持", "联合出品", "美编", "审校", "校对", "校审", "值班主任",
    "编审", "初审", "二审", "三审", "复审", "终审", "审核", "审签", "签发", "值班总编",
)
# Wire and paper datelines that open the first paragraph: X讯 / X电 / X消息, then the credit in
# brackets ("本报讯（记者 A 通讯员 B）", "XX社北京5月9日电（记者 A）", "XX网消息（记者 A）：").
DATELINE_ENDINGS = ("讯", "电", "消息")
# Text that opens a caption.
CAPTION_OPENERS = ("图为", "▲", "△", "▼", "上图", "下图", "左图", "右图", "图:", "图片:", "图注")
# A picture credit naming nobody.
PICTURE_CREDIT_ENDINGS = ("供图", "提供", "资料图", "资料图片", "图片", "截图", "视频截图", "视觉中国")
# "发自北京", "北京报道": where a report was filed from, not part of a name.
FILED_FROM = ("发自", "报道", "连线")
# Words that look like a short pen name but name nobody: page furniture and UI, genres, roles.
NOT_NAMES = (
    "首页", "博客", "论坛", "社区", "分享", "分享到", "微信", "微博", "朋友圈", "qq", "空间", "幻灯", "幻灯片", "登录", "注册", "退出", "评论",
    "留言", "反馈", "投稿", "返回", "更多", "打印", "关闭", "收藏", "推荐", "热点", "热门", "专题", "视频", "图片", "图集", "音频", "直播", "新闻",
    "资讯", "网友", "客户端", "下载", "关注", "扫码", "二维码", "搜索", "导航", "频道", "栏目", "字号", "纠错", "举报", "提交", "姓名", "电话",
    "邮箱", "手机", "验证码", "联系", "联系我们", "关于我们", "编者按", "摘要", "导读", "正文", "全文", "原文", "目录", "简介", "手记", "日记", "札记",
    "随笔", "评论员", "原创", "转载", "本报", "本网", "本台", "记者", "通讯员", "编辑", "作者", "来源", "佚名", "未知", "匿名", "综合", "整理",
    "供图", "资料", "显示", "隐藏", "展开", "收起", "上一页", "下一页", "置顶", "看电视", "听广播", "数字报", "读报", "商城", "天气", "地图", "无障碍",
    "长辈版", "english", "小编", "管理员", "admin", "administrator", "本站", "网站", "官方", "官网", "匿名用户", "游客", "大", "中",
    "小", "默认", "标准",
)
# Ends of Han words that name an organisation or a thing rather than a person.
ORG_ENDINGS = (
    "社", "网", "报", "台", "部", "局", "会", "院", "委", "办", "厅", "所", "处", "中心", "公司", "集团", "学校", "大学", "医院", "频道",
    "新闻", "日报", "晚报", "在线", "政府", "街道", "工作室",
)
# Common one-character Chinese family names and the two-character ones (a Han name that starts
# with one is more likely a person than a short word).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪"
    "梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简"
    "车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区"
    "郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍"
    "辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利呼居揭干但尉冶斯元束檀衣信"
    "展阴昝智幸奉植衡富尧闭由"
)
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "西门",
    "南宫", "独孤", "万俟", "澹台", "申屠", "呼延",
)

# -- body furniture (stage: body) -----------------------------------------------------------------
# A line opening with one of these ends the article: what follows is the page around it.
STOP_MARKERS = (
    "相关推荐", "相关新闻", "相关阅读", "相关文章", "相关链接", "相关报道", "相关专题", "相关资讯", "相关稿件", "延伸阅读", "推荐阅读", "热门推荐", "热点推荐",
    "精彩推荐", "为你推荐", "猜你喜欢", "更多精彩", "更多阅读", "更多新闻", "热门文章", "热门新闻", "热点新闻", "热点排行", "点击排行", "阅读排行", "排行榜",
    "网友评论", "我要评论", "发表评论", "评论区", "最新评论", "热门评论", "全部评论", "上一篇", "下一篇", "上一条", "下一条", "往期推荐", "往期回顾", "精彩回顾",
    "点击阅读原文", "视频推荐", "相关视频", "推荐视频", "热门视频", "更多视频", "精彩视频",
)
# Notices and calls to action that also end the article, but after which its credit lines may still
# follow (a 特别声明 box between the last paragraph and 责任编辑).
NOTICE_MARKERS = (
    "免责声明", "版权声明", "特别声明", "郑重声明", "风险提示", "返回搜狐", "返回首页", "打开app", "下载客户端", "分享到", "网站声明", "本站声明",
)
# A whole line that is page furniture (compared after removing spaces and brackets).
BOILERPLATE_LINES = (
    "a+a-", "a+", "a-", "分享", "分享到", "打印", "打印本页", "打印此页", "打印文章", "关闭", "关闭窗口", "关闭本页", "收藏", "收藏本页", "加入收藏",
    "字号", "字号大中小", "字体大中小", "大中小", "大", "中", "小", "返回顶部", "回到顶部", "顶部", "扫一扫", "微信扫一扫", "扫码分享", "手机扫一扫", "用手机看",
    "手机看", "纠错", "我要纠错", "我要留言", "打印关闭", "打印本页关闭窗口", "微信", "微博", "qq空间", "qq", "朋友圈", "复制链接", "链接", "举报", "点赞",
    "赞", "评论", "展开全文", "阅读全文", "查看原文", "阅读原文", "点击查看", "点击进入", "进入专题", "分享至", "语音播报", "播报", "听新闻", "视频加载中",
    "加载中", "正在加载", "责任编辑", "编辑", "全文完", "完", "终", "end", "the end", "返回列表", "返回", "上一页", "下一页", "首页", "尾页",
    "更多", "更多>>", "查看更多", "来源", "作者", "点击展开全文", "展开剩余",
)
# Lines of footers, licences and notices, as regular expressions over the normalised line.
FURNITURE_PATTERNS = (
    r"版权所有", r"^copyright\b|(?:©|\(c\))\s*(?:19|20)\d\d", r"icp[备证]", r"公网安备",
    r"(?:新闻信息服务|视听节目|节目制作经营|出版服务)许可证", r"违法和不良信息", r"举报(?:电话|邮箱|中心)", r"^(?:主办|承办|协办|技术支持|运营|运维)(?:单位)?\s*:",
    r"网站标识码", r"网站地图", r"^(?:关于我们|联系我们|广告服务|网站声明|版权声明)\s*\|", r"未经(?:书面)?(?:许可|授权).{0,12}(?:转载|复制)", r"转载请注明",
    r"不代表本(?:网|站|报|台)", r"仅代表作者", r"如有侵权", r"侵权.{0,6}(?:删除|联系)", r"^本文(?:来源|转自|转载自).{0,20}$", r"请(?:勿|不要)转载",
    r"^(?:扫描|扫)(?:二维码|码)", r"长按(?:识别|扫描)?二维码", r"扫一扫.{0,4}手机.{0,4}(?:打开|浏览|阅读)", r"您的浏览器不支持",
    r"关注(?:我们|官方|公众号|微信)", r"微信公众号", r"下载.{0,8}客户端",
    r"^\s*(?:19|20)\d\d[-/.]\d\d?[-/.]\d\d?(?:\s+\d\d?:\d\d(?::\d\d)?)?\s*$",
    r"付费内容|订阅后(?:可)?(?:继续)?阅读|开通会员(?:后)?(?:可)?(?:继续)?阅读", r"^原标题\s*:",
    r"^[-—=_*~·.]{3,}\s*(?:分隔线|分割线)?\s*[-—=_*~·.]*$|分隔线-{3,}|分割线-{3,}",
    # a pager: "第1页/共3页", "共3页 1 2 3 下一页", "<< 上一页 | 下一页 >>"
    r"^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|^共\s*\d+\s*页\s*(?:\d|上一页|下一页|首页)|上一页.{0,12}下一页[\s>»|]*$",
)
# A block whose lines open with these is a notice, not the article (disclaimer boxes).
NOTICE_OPENERS = (
    "免责声明", "版权声明", "特别声明", "网站声明", "本站声明", "声明", "郑重声明", "编者按", "温馨提示", "风险提示",
)

# -- page structure (stages: content, title) ------------------------------------------------------
# class/id stems of page furniture (substring match on the lowercased attribute).
FURNITURE_CLASS_STEMS = (
    "comment", "footer", "sidebar", "share", "social", "related", "recommend", "crumb", "copyright", "advert",
    "banner", "login", "popup", "modal", "subscribe", "newsletter", "sponsor", "promo", "widget", "toolbar",
    "pagination", "pager", "masthead", "header", "topbar", "cookie", "disclaimer", "statement", "shengming",
    "xgxw", "xgyd", "xgwz", "tuijian", "pinglun", "authorbio", "author-bio", "menu", "rank", "paihang", "more",
    "hotnews", "hot-news", "qrcode", "erweima", "weixin", "wechat", "player", "video-list", "playlist", "gotop",
    "backtop", "fenxiang", "dayin", "print", "fontsize", "font-size", "zihao", "jiucuo", "prev", "next",
    "shangyipian", "xiayipian",
)
# Stems that win over a positive word in the same name ("content-recommend" is not the content).
STRONG_FURNITURE_STEMS = (
    "recommend", "related", "tuijian", "xgxw", "xgyd", "xgwz", "disclaimer", "statement", "shengming", "qrcode",
    "erweima", "playlist", "comment", "pinglun",
)
# Whole class tokens of furniture.
FURNITURE_CLASS_WORDS = (
    "foot", "side", "nav", "navbar", "navigation", "hot", "ad", "ads", "tag", "tags", "fixed", "list", "logo",
    "top", "search", "weather", "links", "friendlink", "link", "tools", "tool", "bottom",
)
FURNITURE_CLASS_PREFIXES = ("nav", "hot", "ad-", "ad_", "logo", "friend")
# class/id stems of the article's own parts.
CONTENT_CLASS_STEMS = (
    "article", "content", "entry", "story", "detail", "zhengwen", "artibody", "endtext", "trs_editor",
    "newstxt", "news_txt", "contxt", "con_txt", "textbox", "text_box", "neirong", "wenzhang", "xiangqing",
)
CONTENT_CLASS_PREFIXES = ("body", "main", "post", "text", "txt", "cont")
CONTENT_CLASS_WORDS = ("zw", "cont", "zoom", "con", "nr", "wz", "ucap-content")
# class/id stems of a headline element.
TITLE_CLASS_STEMS = (
    "title", "headline", "biaoti", "heading", "topic", "tit", "bt", "subject", "news-h", "art-h",
)
# class/id stems of a kicker (引题) or subtitle (副题) line, never the title itself.
SUBTITLE_CLASS_STEMS = ("subtitle", "sub-title", "sub_title", "fubiaoti", "yinti", "kicker", "vice", "fu-title")
# class/id stems of a byline / author element and of the meta line.
# (rich_media_meta_text: the author line of a WeChat official-account article, copied everywhere)
BYLINE_CLASS_STEMS = (
    "author", "byline", "writer", "zuozhe", "reporter", "jizhe", "editor", "bianji", "zeren", "rich_media_meta_text",
)
# class/id stems of a player or a script widget: dates inside are build stamps, not the article's.
PLAYER_CLASS_STEMS = (
    "player", "vjs", "video-js", "ckplayer", "prism", "dplayer", "jwplayer", "video-box", "video_box",
    "videobox", "video-wrap", "video_wrap", "swf", "flash",
)
# class/id stems of a caption.
CAPTION_CLASS_STEMS = (
    "caption", "pic-txt", "pic_txt", "pictext", "pic-text", "pic_text", "picdesc", "pic-desc", "picinfo",
    "pic-info", "pictitle", "pic-title", "imgtxt", "img-txt", "imgdesc", "img-desc", "imgtitle", "photo-txt",
    "photo_txt", "photodesc", "tuzhu", "imgtext", "picintro", "img_text", "img-text", "image-caption",
    "figure-caption", "wp-caption-text", "pic_note", "picnote",
)

# -- titles and breadcrumbs (stage: title) --------------------------------------------------------
# Ends of a short name that names a site or a section rather than a headline.
SITE_NAME_ENDINGS = (
    "网", "新闻网", "在线", "门户", "门户网站", "政府网", "人民政府", "官网", "官方网站", "客户端", "日报", "晚报", "早报", "都市报", "商报", "时报",
    "报", "电视台", "广播电视台", "融媒体中心", "新闻中心", "频道", "网站", "新闻", "资讯", "app", ".com", ".cn", ".net", "社区", "论坛",
    "博客", "bbs", "贴吧",
)
# Words of a section/channel name (a short title part made of these is a channel).
SECTION_WORDS = (
    "新闻", "要闻", "资讯", "动态", "频道", "国内", "国际", "社会", "时政", "财经", "经济", "科技", "体育", "娱乐", "文化", "教育", "健康", "军事",
    "评论", "观点", "本地", "地方", "城市", "民生", "政务", "公开", "通知", "公告", "政策", "解读", "图片", "视频", "专题", "部门", "县区", "乡镇",
    "工作", "信息", "首页", "正文",
)
BREADCRUMB_PREFIXES = (
    "您的位置", "您现在的位置", "你的位置", "你现在的位置", "当前位置", "所在位置", "位置", "当前页面",
)
BREADCRUMB_SKIP = ("首页", "主页", "网站首页", "正文", "内容", "正文内容", "详情", "文章", "详细内容", "新闻详情")
# Labels before a headline on some templates.
TITLE_LABELS = ("标题", "题目", "文章标题", "新闻标题", "主题")
# "次" after a counter's number.
COUNTER_UNIT = "次"
# fmt: on
