"""The Redis keys of one shared crawl, and the scripts that change several of them atomically."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    """Every key of the crawl ``name``: ``lcnews:<name>:queue`` and so on."""

    name: str

    @property
    def prefix(self) -> str:
        return f"lcnews:{self.name}"

    @property
    def queue(self) -> str:
        return f"{self.prefix}:queue"  # scrapy-redis PriorityQueue (sorted set of pickled requests)

    @property
    def dupefilter(self) -> str:
        return f"{self.prefix}:dupefilter"  # scrapy-redis request fingerprints (set)

    @property
    def articles(self) -> str:
        return f"{self.prefix}:articles"  # article ids a worker has requested (any URL form)

    @property
    def workers(self) -> str:
        return f"{self.prefix}:workers"  # ids of the workers that joined (set)

    def inflight(self, worker: str) -> str:
        return f"{self.prefix}:inflight:{worker}"  # id -> "score\nrequest" taken and not yet archived

    def alive(self, worker: str) -> str:
        return f"{self.prefix}:alive:{worker}"  # heartbeat, expires when the worker stops beating

    def host_next(self, host: str) -> str:
        return f"{self.prefix}:host:{host}:next"  # earliest time the next request to host may start

    def host_leases(self, host: str) -> str:
        return f"{self.prefix}:host:{host}:leases"  # requests to host now running (sorted by expiry)


# Take the best request and hold it in the worker's in-flight hash, in one step (a worker killed
# between the two would otherwise lose it). KEYS: queue, inflight. Returns {id, request} or nil.
TAKE = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return nil end
redis.call('ZREM', KEYS[1], r[1])
local id = redis.sha1hex(r[1])
redis.call('HSET', KEYS[2], id, r[2] .. '\\n' .. r[1])
return {id, r[1]}
"""

# Put a worker's in-flight requests back in the queue unless it is alive (recovery of a dead
# worker, or a worker stopping before its requests were done). KEYS: inflight, alive, queue,
# workers; ARGV: worker, force ("1": even if alive). Returns how many went back.
REQUEUE = """
if ARGV[2] ~= '1' and redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local v = all[i + 1]
  local nl = string.find(v, '\\n', 1, true)
  redis.call('ZADD', KEYS[3], tonumber(string.sub(v, 1, nl - 1)), string.sub(v, nl + 1))
end
redis.call('DEL', KEYS[1])
if ARGV[2] ~= '1' then redis.call('SREM', KEYS[4], ARGV[1]) end
return #all / 2
"""

# The crawl is complete when the queue is empty and no worker holds a request; then its queue,
# fingerprints, claimed article ids and worker list are removed (a later crawl starts afresh).
# KEYS: queue, workers, dupefilter, articles; ARGV: prefix. Returns 1 when complete.
FINISH = """
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('HLEN', ARGV[1] .. ':inflight:' .. w) > 0 then return 0 end
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return 1
"""

# A turn at a host for one request: at most ARGV[1] requests running at once across the fleet,
# starts at least ARGV[2] seconds apart. KEYS: leases, next; ARGV: limit, delay, lease id, lease
# seconds. Returns {granted (0/1), seconds to wait before asking again}.
HOST_TURN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return {0, '0.02'} end
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nxt > now then return {0, tostring(nxt - now)} end
redis.call('SET', KEYS[2], string.format('%.6f', now + tonumber(ARGV[2])), 'EX', 3600)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
redis.call('EXPIRE', KEYS[1], 3600)
return {1, '0'}
"""

# Keep a worker's running requests' turns: a live worker renews them every heartbeat, a dead
# worker's run out within the heartbeat TTL. KEYS: leases of each host; ARGV: ttl, then one lease
# id per key. Returns how many were renewed.
RENEW = """
local t = redis.call('TIME')
local until_ = tonumber(t[1]) + tonumber(t[2]) / 1000000 + tonumber(ARGV[1])
local n = 0
for i, key in ipairs(KEYS) do
  n = n + redis.call('ZADD', key, 'XX', 'CH', until_, ARGV[i + 1])
end
return n
"""
