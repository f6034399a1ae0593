//! Written in #6.
