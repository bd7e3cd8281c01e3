"""Hostile search queries for the property tests (tests/test_db_search.py, tests/test_search_interfaces.py):
FTS5 syntax, SQL fragments, control characters and 10,000-character strings, mixed with real words."""

from __future__ import annotations

from hypothesis import strategies as st

PIECES = ['"', "*", "AND", "OR", "NOT", "NEAR(", "NEAR", "(", ")", "-", ":", "^", "+", "title:", "body:", "{", "}",
          "'", ";", "--", "/*", "*/", "' OR 1=1 --", "'; DROP TABLE articles; --", "UNION SELECT * FROM sqlite_master",
          ") OR (", "\\", "%", "_", "\x00", "\t", "\n", " ", "\u3000", "“", "”", "聊城", "钢", "東阿", "新質生產力",
          "abc", "5G", "，", "。", "[", "]", ",", ".", "0", "NEAR(聊城 钢铁, 2)", "聊城*", '"聊城', "(聊城", "-聊城"]  # fmt: skip
LONG = st.sampled_from(["聊", "a", '"', "(", "聊城 ", "-", "OR ", "聊城 OR ", "*", "'", "-聊"]).map(
    lambda s: (s * 10_000)[:10_000]
)
QUERIES = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.text(max_size=60),
    LONG,
)
