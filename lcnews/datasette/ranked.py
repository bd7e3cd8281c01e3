"""The articles table's search box, ranked: the hits in ``lcnews search``'s order, with snippets.

Datasette's table view orders a search by a column (here ``published_at``). On the articles
table's HTML page, a search (``?_search=``) without an order of its own (``wanted``) is shown
as ``lcnews search`` shows it: the same compiled query, the same ranking (``lcnews.db.hits``) and
the same snippets, within the table's column filters and facet selections (Datasette's own
``Filters``), so the count above the list and the facets beside it describe the same articles.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from datasette.filters import Filters

from lcnews.db import QueryError
from lcnews.db.canned import within_rows
from lcnews.db.hits import check_index, plan_search, run_search

PAGE_SIZE = 50
PAGE_ARG = "_rank_page"
# ?_lcnews_table=1: the reader asked for the table (newest first, every column) instead.
TABLE_ARG = "_lcnews_table"
# The table's default order (metadata sort_desc): Datasette's search form always submits it again.
DEFAULT_SORT_DESC = "published_at"
# Arguments that change the rows in ways the ranked list cannot follow: the table's order is used.
UNRANKABLE = (TABLE_ARG, "_sort", "_where", "_through", "_col", "_nocol")
_PARAM = re.compile(r":(p\d+)")


@dataclass
class Ranked:
    query: str
    hits: list[dict[str, Any]] = field(default_factory=list)
    page: int = 0
    more: bool = False
    error: str = ""


def wanted(args: Mapping[str, Any]) -> bool:
    """Whether the table page shows the ranked hits: a search with no order or column choice of its
    own (the default order, which the search form sends along, is no choice)."""
    query = args.get("_search")
    if not (query and str(query).strip()) or any(k in args for k in UNRANKABLE):
        return False
    return args.get("_sort_desc") in (None, DEFAULT_SORT_DESC)


def column_filters(request: Any, table: str) -> tuple[list[str], list[Any]]:
    """Datasette's column filters of the request (``channel=...``, ``published_at__startswith=...``,
    ``authors__arraycontains=...``) as conditions with positional parameters."""
    pairs = [(k, v) for k in request.args for v in request.args.getlist(k) if not (k.startswith("_") and "__" not in k)]
    where, named = Filters(sorted(pairs)).build_where_clauses(table)
    out: list[str] = []
    params: list[Any] = []
    for clause in where:
        out.append(_PARAM.sub("?", clause))
        params.extend(named[m.group(1)] for m in _PARAM.finditer(clause))
    return out, params


def ranked_hits(conn: sqlite3.Connection, query: str, where: list[str], params: list[Any], page: int) -> Ranked:
    """One page of hits, best first; ``error`` set (no hits) when the query cannot be searched."""
    result = Ranked(query, page=page)
    try:
        plan = plan_search(query, limit=PAGE_SIZE + 1, offset=page * PAGE_SIZE)
        if where:
            plan.where.append(within_rows(where))
            plan.params.extend(params)
        check_index(conn)
        hits = run_search(conn, plan)
    except QueryError as exc:
        result.error = str(exc)
        return result
    result.hits, result.more = hits[:PAGE_SIZE], len(hits) > PAGE_SIZE
    return result
