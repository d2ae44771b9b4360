//! Sync: the way records leave and reach this device over the network.
//!
//! Its home is laid out for the replication issue: the replication rules
//! (what to ask a CouchDB endpoint for, what a checkpoint may record, how
//! a batch merges, when to retry) will be plain Rust here, tested on the
//! host; only the HTTP edge touches `fetch`. This module is the only one
//! in Kith that speaks HTTP; today that is one request, [`probe`], which
//! tells a live network from a dead one.

pub mod probe;
