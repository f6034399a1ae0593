//! Risk: what could change the plan's dates and costs, and by how much.
//!
//! - `register`: the register's scores, heat map and exposure (expected monetary value,
//!   reserves), in PMI's vocabulary (PMBOK Guide, Project Risk Management; the Practice Standard
//!   for Project Risk Management): probability and impact on ordinal scales, the
//!   probability-impact matrix, expected monetary value and the contingency reserve.
//! - `montecarlo`: schedule and cost risk analysis by simulation over the compiled schedule
//!   network (uncertain durations, risk events, correlated durations), the quantitative schedule
//!   risk analysis of AACE 57R-09 and the same Practice Standard.

pub mod montecarlo;
pub mod register;
