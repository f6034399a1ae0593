//! The portfolio view over the organisation tree: money by fiscal period (plan, actual,
//! forecast), capacity against demand, and milestones across projects.

pub mod capacity;
pub mod financials;
pub mod milestones;
