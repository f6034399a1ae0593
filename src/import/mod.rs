//! Importers from other tools' file formats into the portfolio model.
//!
//! Each importer returns the model it could build plus findings for everything it could not
//! represent, so an analyst sees what was left behind instead of losing it silently.

pub mod csv;
pub mod mspdi;

pub use mspdi::{read_mspdi, ImportError};
