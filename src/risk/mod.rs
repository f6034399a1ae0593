//! Risk: what could change the plan's dates and costs, and by how much.
//!
//! - `montecarlo`: schedule and cost risk analysis by simulation over the compiled schedule
//!   network (uncertain durations, risk events, correlated durations), as described in the
//!   AACE 57R-09 and PMI Practice Standard for Project Risk Management approach to
//!   quantitative schedule risk analysis.

pub mod montecarlo;
