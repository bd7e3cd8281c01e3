"""SQL of the Datasette tools over the print editions: one day's edition page by page, and the web
articles that were printed (from ``print_web_links``)."""

from __future__ import annotations

EDITION_SQL = """\
SELECT p.page_no, p.page_name, a.position, a.pretitle, a.title, a.subtitle, a.authors,
       length(a.body) AS chars, a.continued_to, a.continued_from, a.url, p.pdf_url
FROM print_pages p
LEFT JOIN print_articles a
  ON a.paper = p.paper AND a.edition_date = p.edition_date AND a.page_no = p.page_no
WHERE p.paper = :paper AND p.edition_date = :date
ORDER BY p.page_no, a.position, a.content_id"""

PRINTED_WEB_SQL = """\
SELECT a.published_at, a.title AS web_title, a.url AS web_url, l.paper, l.edition_date, l.page_no,
       pa.page_name, pa.title AS print_title, l.days_after, pa.url AS print_url
FROM print_web_links l
JOIN articles a ON a.article_id = l.article_id
JOIN print_articles pa ON pa.print_id = l.print_id
WHERE (:paper = '' OR l.paper = :paper)
  AND (:page_no = '' OR l.page_no = CAST(:page_no AS INTEGER))
  AND (:year = '' OR substr(a.published_at, 1, 4) = :year)
ORDER BY l.edition_date, l.page_no, a.published_at"""
