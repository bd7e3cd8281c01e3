"""The real servers some tests use: PostgreSQL and Redis on loopback (``bash .ci/services`` starts
them; CI runs it). No stand-ins: a test that needs a server and cannot reach it FAILS, saying how
to start one, so a missing service is never a silent skip."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

import pytest

from lcnews.db.urls import redact

PG_URL = os.environ.get("LCNEWS_TEST_PG_URL", "postgresql://lcnews:lcnews@127.0.0.1:5432/lcnews")
REDIS_URL = os.environ.get("LCNEWS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
HOW = "start them with `bash .ci/services` (CI does), or point LCNEWS_TEST_PG_URL / LCNEWS_TEST_REDIS_URL at yours"


def require_pg() -> str:
    """The PostgreSQL server's URL; fails the test when it cannot be reached."""
    import psycopg

    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.Error as e:
        pytest.fail(f"PostgreSQL is not reachable at {redact(PG_URL)} ({e}); {HOW}", pytrace=False)
    return PG_URL


def require_redis() -> str:
    """The Redis server's URL; fails the test when it cannot be reached."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as e:
        pytest.fail(f"Redis is not reachable at {REDIS_URL} ({e}); {HOW}", pytrace=False)
    return REDIS_URL


def schema_url(base: str, name: str) -> str:
    """``base`` with its connections' search_path set to schema ``name``."""
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{name}"


@contextlib.contextmanager
def pg_schema() -> Iterator[str]:
    """A URL of a new, empty schema on the test server (dropped afterwards: test scratch only)."""
    import psycopg

    base = require_pg()
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    try:
        yield schema_url(base, name)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
