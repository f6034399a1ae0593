//! Risk: the register's scores, heat map and exposure (expected monetary value, reserves).
//!
//! Follows PMI's vocabulary and practice (PMBOK Guide, Project Risk Management; the Practice
//! Standard for Project Risk Management): probability and impact on ordinal scales, the
//! probability-impact matrix, expected monetary value and the contingency reserve.

pub mod register;
