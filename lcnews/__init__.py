"""lcnews: crawler and research archive for 聊城新闻网 (lcxw.cn)."""

__version__ = "0.1.0"
