//! pmo-analytics: the numbers a project management office reads every week (health, earned
//! value and earned schedule, the critical path, risk exposure), computed where the data is.
//!
//! Layers (see README.md): `model` is the data every engine reads; engines are pure functions
//! over it; `wasm` is the only code that knows JavaScript exists. A native Rust user can use the
//! crate without JavaScript.

pub mod evm;
pub mod health;
pub mod import;
pub mod model;
pub mod portfolio;
pub mod random;
pub mod risk;
pub mod sample;
pub mod schedule;
pub mod wasm;
pub mod workspace;
