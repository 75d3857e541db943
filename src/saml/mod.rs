//! SAML inspector.
pub mod c14n;
pub mod dsig;
pub mod error;
pub mod input;
pub mod keys;
pub mod xml;
