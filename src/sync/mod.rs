//! Sync: the way records leave and reach this device over the network,
//! with any server that speaks CouchDB's replication protocol.
//!
//! The replication rules (what to ask for, what a checkpoint may record,
//! what may leave the device, when to try again) are plain Rust in the
//! pure modules here, tested on the host. Only the edge touches the
//! browser: [`http`] (one request through `fetch`), [`probe`] (is the
//! network there at all), [`connect`] (Test connection) and `replicate`
//! (the replicator, which also talks to the store). This module is the
//! only one in Kith that speaks HTTP.

pub mod checkpoint;
pub mod connect;
pub mod error;
pub mod http;
pub mod probe;
pub mod replicate;
pub mod retry;
pub mod setup;
pub mod share;
pub mod status;
pub mod wire;

pub use error::SyncError;
