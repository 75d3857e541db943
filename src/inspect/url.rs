//! The URL tests now live in [`crate::verdict::url`]; re-exported here for the JWT inspector's
//! existing imports.

pub use crate::verdict::url::*;
