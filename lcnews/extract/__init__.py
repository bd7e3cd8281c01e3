"""Pure extraction core (no Scrapy): page bytes -> clean article fields.

``extract_article`` is the entry point; ``decode_html`` is exposed for callers that only need text.
Modules: decode (bytes -> text), dom (parse, walk), rules (profile labels compiled), dates,
bylines, body (clean-body rules), meta (title, canonical, meta line, breadcrumb), sitepage
(profile selectors), generic (density fallback), article (orchestration).
"""

from lcnews.extract.article import EXTRACTOR_VERSION, Extracted, extract_article
from lcnews.extract.decode import decode_html

__all__ = ["EXTRACTOR_VERSION", "Extracted", "decode_html", "extract_article"]
