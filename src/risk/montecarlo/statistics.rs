//! Summaries of simulated samples.
//!
//! Percentiles use Hyndman and Fan's type 7 (the default of R's `quantile` and of NumPy's
//! `percentile`): with n sorted values x₀ ≤ … ≤ xₙ₋₁ and h = (n − 1)·p, the p-quantile is
//! x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋). The standard deviation is the sample one (divisor n − 1).
//! Rank correlation is Spearman's: Pearson's correlation of the ranks, ties given their
//! average rank.

use serde::Serialize;

/// The percentiles reported for every sample: P5, P10, P20, …, P90, P95.
pub const REPORTED_PERCENTILES: [u8; 11] = [5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95];

/// Type-7 quantile of sorted values; None for no values.
pub fn quantile_sorted(sorted: &[f64], probability: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * probability.clamp(0.0, 1.0);
    let low = h.floor() as usize;
    let high = (low + 1).min(n - 1);
    Some(sorted[low] + (h - low as f64) * (sorted[high] - sorted[low]))
}

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Sample standard deviation (n − 1); None below two values.
pub fn sample_sd(values: &[f64]) -> Option<f64> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let mean = mean(values)?;
    Some((values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64).sqrt())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Percentile {
    pub percentile: u8,
    pub value: f64,
}

/// Equal-width bins from `lower`; bin k counts values in [lower + k·width, lower + (k+1)·width),
/// the last bin closed on the right.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Histogram {
    pub lower: f64,
    pub bin_width: f64,
    pub counts: Vec<u64>,
}

/// A point of the empirical CDF: the share of iterations at or below `value`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CdfPoint {
    pub value: f64,
    pub probability: f64,
}

/// The most histogram bins a summary draws (more are asked for in vain).
pub const MAX_BINS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SampleSummary {
    pub mean: f64,
    /// None with a single iteration.
    pub sd: Option<f64>,
    pub min: f64,
    pub max: f64,
    pub percentiles: Vec<Percentile>,
    pub histogram: Histogram,
    /// 101 points, at the type-7 quantiles 0 %, 1 %, …, 100 %.
    pub cdf: Vec<CdfPoint>,
}

impl SampleSummary {
    /// None for no values.
    pub fn of(values: &[f64], bins: usize) -> Option<SampleSummary> {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Self::of_sorted(values, &sorted, bins)
    }

    pub fn of_sorted(values: &[f64], sorted: &[f64], bins: usize) -> Option<SampleSummary> {
        let (&min, &max) = (sorted.first()?, sorted.last()?);
        // A histogram of more bins than this says nothing more and could exhaust memory.
        let bins = bins.clamp(1, MAX_BINS);
        let bin_width = if max > min { (max - min) / bins as f64 } else { 1.0 };
        let mut counts = vec![0u64; bins];
        for &value in sorted {
            let bin = (((value - min) / bin_width) as usize).min(bins - 1);
            counts[bin] += 1;
        }
        let percentiles = REPORTED_PERCENTILES.iter().map(|&p| Percentile { percentile: p, value: quantile_sorted(sorted, p as f64 / 100.0).unwrap_or(min) }).collect();
        let cdf = (0..=100).map(|k| CdfPoint { value: quantile_sorted(sorted, k as f64 / 100.0).unwrap_or(min), probability: k as f64 / 100.0 }).collect();
        Some(SampleSummary { mean: mean(values)?, sd: sample_sd(values), min, max, percentiles, histogram: Histogram { lower: min, bin_width, counts }, cdf })
    }

    pub fn percentile(&self, percentile: u8) -> Option<f64> {
        self.percentiles.iter().find(|p| p.percentile == percentile).map(|p| p.value)
    }
}

/// Average ranks (1-based) of `values` into `ranks`, using `order` as scratch.
pub fn ranks(values: &[f64], order: &mut Vec<(f64, u32)>, ranks: &mut Vec<f64>) {
    let n = values.len();
    // Values sorted with their positions beside them (not positions sorted by a lookup), so the
    // sort reads memory in order; ties get the same average rank whatever their order, so an
    // unstable sort is enough. It runs once per activity on every iteration's sample.
    order.clear();
    order.extend(values.iter().enumerate().map(|(index, &value)| (value, index as u32)));
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    ranks.clear();
    ranks.resize(n, 0.0);
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && order[end].0 == order[start].0 {
            end += 1;
        }
        let average = (start + end + 1) as f64 / 2.0;
        for &(_, index) in &order[start..end] {
            ranks[index as usize] = average;
        }
        start = end;
    }
}

/// The same ranks for whole numbers (sampled durations in minutes): each value and its position
/// packed into one u64 key, so sorting is a plain integer sort, several times faster than
/// comparing floats; it runs once per uncertain activity.
pub fn ranks_of_integers(values: &[i32], keys: &mut Vec<u64>, ranks: &mut Vec<f64>) {
    let n = values.len();
    keys.clear();
    // Flipping the sign bit orders negative values before positive ones as unsigned numbers.
    keys.extend(values.iter().enumerate().map(|(index, &value)| (u64::from((value as u32) ^ 0x8000_0000) << 32) | index as u64));
    keys.sort_unstable();
    ranks.clear();
    ranks.resize(n, 0.0);
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && keys[end] >> 32 == keys[start] >> 32 {
            end += 1;
        }
        let average = (start + end + 1) as f64 / 2.0;
        for &key in &keys[start..end] {
            ranks[(key & 0xFFFF_FFFF) as usize] = average;
        }
        start = end;
    }
}

/// Pearson's correlation; None when either side does not vary.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let (mean_x, mean_y) = (mean(x)?, mean(y)?);
    let (mut xy, mut xx, mut yy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        xy += (a - mean_x) * (b - mean_y);
        xx += (a - mean_x) * (a - mean_x);
        yy += (b - mean_y) * (b - mean_y);
    }
    (xx > 0.0 && yy > 0.0).then(|| xy / (xx * yy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_7_percentiles_interpolate() {
        let sorted = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&sorted, 0.5), Some(2.5));
        assert_eq!(quantile_sorted(&sorted, 0.8), Some(3.4000000000000004));
        assert_eq!(quantile_sorted(&sorted, 1.0), Some(4.0));
        assert_eq!(quantile_sorted(&[], 0.5), None);
    }

    #[test]
    fn ties_share_their_average_rank() {
        let (mut order, mut r) = (Vec::new(), Vec::new());
        ranks(&[3.0, 1.0, 3.0, 2.0], &mut order, &mut r);
        assert_eq!(r, vec![3.5, 1.0, 3.5, 2.0]);
        let mut keys = Vec::new();
        ranks_of_integers(&[3, -1, 3, 2, -7], &mut keys, &mut r);
        assert_eq!(r, vec![4.5, 2.0, 4.5, 3.0, 1.0]);
        assert_eq!(pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]), Some(1.0));
        assert_eq!(pearson(&[1.0, 1.0], &[2.0, 4.0]), None);
    }

    #[test]
    fn histogram_counts_every_value() {
        let summary = SampleSummary::of(&[1.0, 2.0, 2.5, 4.0], 3).unwrap();
        assert_eq!(summary.histogram.counts, vec![1, 2, 1]);
        assert_eq!(summary.cdf.len(), 101);
    }
}
