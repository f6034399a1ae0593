//! Critical path scheduling with MS Project's semantics (in progress; see issue #3).

pub mod calendar;
pub mod network;
pub mod passes;
pub mod compile;
pub mod result;
