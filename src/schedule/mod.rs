//! Critical path scheduling with MS Project's semantics: the compiled network, the passes, and the
//! results read back as dates.

pub mod calendar;
pub mod network;
pub mod passes;
pub mod compile;
pub mod flat;
pub mod result;
