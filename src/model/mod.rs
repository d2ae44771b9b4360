//! The domain core: plain Rust types and rules with no browser in sight.
//!
//! Everything here compiles and is tested on the host with `cargo test`
//! (and again as wasm32 in the browser); only `store`, the network and `ui`
//! may touch `web-sys` (scripts/test checks that this module never imports
//! them).

pub mod conflict;
pub mod consent;
pub mod contact;
pub mod doc;
pub mod draft;
pub mod geo;
pub mod id;
pub mod log;
pub mod map;
pub mod matching;
pub mod party;
pub mod quota;
pub mod record;
pub mod report;
pub mod rev;
pub mod sample;
pub mod search;
pub mod skill;
pub mod words;

pub use doc::{Doc, DocError, DocState, Edit, Merged};
pub use id::{DocId, IdError, Kind};
pub use record::Record;
pub use rev::{Rev, RevTree};
