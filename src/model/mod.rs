//! The domain core: plain Rust types and rules with no browser in sight.
//!
//! Everything here compiles and is tested on the host with `cargo test`;
//! only `store`, the network and `ui` may touch `web-sys` (scripts/test
//! checks that this module never imports them).

pub mod id;

pub use id::{DocId, IdError, Kind};
