//! Key-value stores (`kv.set(key, value)`, `redis.del(key)`): writes are sinks keyed by their
//! first argument; their other calls (reads) are no sink at all.

use super::{Library, OwnerScope};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// Root names of key-value clients.
pub(super) const KV_ROOTS: &[&str] = &["kv", "redis", "upstash", "valkey"];

/// Commands that write.
const KV_MUTATIONS: &[&str] = &[
    "set", "del", "hset", "hdel", "hmset", "lpush", "rpush", "lrem", "sadd", "srem", "zadd",
    "zrem", "incr", "incrby", "decr", "expire", "setex", "mset", "getdel", "unlink", "json.set",
];

/// A client-chosen key goes under the caller's own prefix.
pub(super) const OWNER_SCOPE: OwnerScope = OwnerScope::KeyPrefix;

/// A command on a key-value client.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let is_store =
        KV_ROOTS.contains(&step.root) || step.root.to_ascii_lowercase().contains("redis");
    if step.i != 0 || !is_store {
        return None;
    }
    if KV_MUTATIONS.contains(&step.name()) {
        return step.sink(
            SinkKind::Mutation,
            Library::KeyValue,
            None,
            ArgShape::KeyThenData,
        );
    }
    Some(Outcome::NextSegment)
}
