//! Project health: a score from 0 to 100 and a band for each dimension and overall, computed from
//! the data with thresholds the PMO owns, each carrying its evidence; and the schedule quality
//! checks (DCMA 14-point) that feed its data-quality dimension.

pub mod schedule_quality;
pub use schedule_quality::{assess_schedule_quality, QualityCheck, QualityOptions, ScheduleQualityReport};
