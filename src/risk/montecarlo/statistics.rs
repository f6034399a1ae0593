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

/// The ranks `integer_sample_statistics` works with, listed (the tests compare them with
/// `ranks`).
#[cfg(test)]
fn ranks_of_integers(values: &[i32], scratch: &mut RankScratch, ranks: &mut Vec<f64>) {
    ranks.clear();
    match integer_ranks(values, scratch) {
        (low, IntegerRanks::Table(table)) => ranks.extend(values.iter().map(|&value| table[(i64::from(value) - low) as usize] as f64 / 2.0)),
        (_, IntegerRanks::Listed(listed)) => ranks.extend_from_slice(listed),
    }
}

/// Buffers the integer ranking reuses from one call to the next.
#[derive(Debug, Default)]
pub struct RankScratch {
    table: Vec<u32>,
    keys: Vec<u64>,
    ranks: Vec<f64>,
}

/// The same ranks as `ranks` for whole numbers (sampled durations in minutes); they are needed
/// once per uncertain activity. When the values span no more than a few times their count, as
/// sampled durations in minutes usually do, they come from counting each value (linear time).
/// Otherwise each value and its position are packed into one u64 key, so sorting is a plain
/// integer sort.
enum IntegerRanks<'a> {
    /// Twice the rank of value v at `table[v - low]`, `low` being the smallest value.
    Table(&'a [u32]),
    /// The rank of each value, in order.
    Listed(&'a [f64]),
}

/// The ranks of `values`, and the smallest value (0 when there are none).
fn integer_ranks<'a>(values: &[i32], scratch: &'a mut RankScratch) -> (i64, IntegerRanks<'a>) {
    let n = values.len();
    let (low, high) = values.iter().fold((i32::MAX, i32::MIN), |(low, high), &value| (low.min(value), high.max(value)));
    // In u64: the span of all i32 values does not fit a wasm32 usize.
    let span = (i64::from(high) - i64::from(low) + 1).max(0) as u64;
    let low = if n == 0 { 0 } else { i64::from(low) };
    if span <= 4 * n as u64 && n < (u32::MAX / 4) as usize {
        // First each value's count, then in its place twice the value's rank: tied values share
        // the average of the ranks they occupy, 2 × (number smaller) + count + 1 over two.
        let table = &mut scratch.table;
        table.clear();
        table.resize(span as usize, 0);
        for &value in values {
            table[(i64::from(value) - low) as usize] += 1;
        }
        let mut smaller = 0;
        for entry in table.iter_mut() {
            let count = *entry;
            *entry = 2 * smaller + count + 1;
            smaller += count;
        }
        return (low, IntegerRanks::Table(table));
    }
    let (keys, ranks) = (&mut scratch.keys, &mut scratch.ranks);
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
    (low, IntegerRanks::Listed(ranks))
}

/// A sample others are correlated with: its ranks, and their spread Σ r² − n m² (m the mean
/// rank), worked out once.
#[derive(Debug)]
pub struct RankedSample {
    ranks: Vec<f64>,
    spread: f64,
}

/// n m², with m = (n + 1) / 2 the mean of any n ranks, ties included.
fn rank_centre(n: usize) -> f64 {
    n as f64 * ((n + 1) as f64 / 2.0).powi(2)
}

impl RankedSample {
    pub fn of(values: &[f64]) -> RankedSample {
        let (mut order, mut sample_ranks) = (Vec::new(), Vec::new());
        ranks(values, &mut order, &mut sample_ranks);
        let spread = sample_ranks.iter().map(|rank| rank * rank).sum::<f64>() - rank_centre(values.len());
        RankedSample { ranks: sample_ranks, spread }
    }
}

/// Mean, sample standard deviation (None below two values) and Spearman's correlation with
/// `other` (None when either does not vary), of whole numbers such as sampled durations in
/// minutes, in one pass after the ranking.
///
/// The rank sums are exact: ranks are multiples of ½ whose products, summed over fewer than a
/// few million samples, stay inside f64's integer range. The spread is summed from the smallest
/// value up, so it cancels little.
pub fn integer_sample_statistics(values: &[i32], other: &RankedSample, scratch: &mut RankScratch) -> (f64, Option<f64>, Option<f64>) {
    let n = values.len();
    let (mut sum, mut squares, mut rank_squares, mut rank_products) = (0i64, 0.0, 0.0, 0.0);
    let (low, ranked) = integer_ranks(values, scratch);
    let mut add = |value: i32, rank: f64, other: f64| {
        let above = i64::from(value) - low;
        sum += above;
        squares += above as f64 * above as f64;
        rank_squares += rank * rank;
        rank_products += rank * other;
    };
    match ranked {
        IntegerRanks::Table(table) => {
            for (&value, &other) in values.iter().zip(&other.ranks) {
                add(value, table[(i64::from(value) - low) as usize] as f64 / 2.0, other);
            }
        }
        IntegerRanks::Listed(ranks) => {
            for ((&value, &rank), &other) in values.iter().zip(ranks).zip(&other.ranks) {
                add(value, rank, other);
            }
        }
    }
    let mean = low as f64 + sum as f64 / n as f64;
    let sd = (n >= 2).then(|| ((squares - sum as f64 * sum as f64 / n as f64).max(0.0) / (n - 1) as f64).sqrt());
    let centre = rank_centre(n);
    let own = rank_squares - centre;
    let spearman = (own > 0.0 && other.spread > 0.0).then(|| (rank_products - centre) / (own * other.spread).sqrt());
    (mean, sd, spearman)
}

/// Pearson's correlation; None when either side does not vary. The plain definition, to check
/// the one-pass Spearman correlation against.
#[cfg(test)]
fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
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
        let mut keys = RankScratch::default();
        ranks_of_integers(&[3, -1, 3, 2, -7], &mut keys, &mut r);
        assert_eq!(r, vec![4.5, 2.0, 4.5, 3.0, 1.0]);
        ranks_of_integers(&[i32::MAX, -1, i32::MIN, -1], &mut keys, &mut r);
        assert_eq!(r, vec![4.0, 2.5, 1.0, 2.5]);
        assert_eq!(pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]), Some(1.0));
        assert_eq!(pearson(&[1.0, 1.0], &[2.0, 4.0]), None);
    }

    /// Counting (narrow spans) and sorting (wide ones) give the ranks of the general function.
    #[test]
    fn integer_ranks_agree_with_float_ranks() {
        let mut random = crate::random::Random::seeded(11);
        let (mut order, mut keys, mut expected, mut actual) = (Vec::new(), RankScratch::default(), Vec::new(), Vec::new());
        for spread in [3, 50, 400, 1_000_000] {
            let values: Vec<i32> = (0..200).map(|_| random.below(spread) as i32 - 100).collect();
            let floats: Vec<f64> = values.iter().map(|&v| v as f64).collect();
            ranks(&floats, &mut order, &mut expected);
            ranks_of_integers(&values, &mut keys, &mut actual);
            assert_eq!(actual, expected, "values spread over {spread}");
        }
    }

    /// The one-pass figures agree with the general functions (mean, n − 1 standard deviation,
    /// Pearson's correlation of the ranks).
    #[test]
    fn integer_sample_statistics_agree_with_the_general_functions() {
        let mut random = crate::random::Random::seeded(12);
        let (mut order, mut keys, mut duration_ranks, mut other_ranks) = (Vec::new(), RankScratch::default(), Vec::new(), Vec::new());
        for spread in [1, 5, 3_000, 1_000_000] {
            let values: Vec<i32> = (0..500).map(|_| 480 + random.below(spread) as i32).collect();
            let other: Vec<f64> = values.iter().map(|&v| v as f64 * 0.5 + random.uniform(0.0, 2_000.0)).collect();
            ranks(&other, &mut order, &mut other_ranks);
            let (mean_value, sd, spearman) = integer_sample_statistics(&values, &RankedSample::of(&other), &mut keys);
            let floats: Vec<f64> = values.iter().map(|&v| v as f64).collect();
            ranks(&floats, &mut order, &mut duration_ranks);
            assert!((mean_value - mean(&floats).unwrap()).abs() < 1e-9, "mean, spread {spread}");
            assert!((sd.unwrap() - sample_sd(&floats).unwrap()).abs() < 1e-9, "sd, spread {spread}");
            match pearson(&duration_ranks, &other_ranks) {
                Some(expected) => assert!((spearman.unwrap() - expected).abs() < 1e-12, "spearman, spread {spread}"),
                None => assert_eq!(spearman, None, "spearman of a constant, spread {spread}"),
            }
        }
        assert_eq!(integer_sample_statistics(&[7], &RankedSample::of(&[1.0]), &mut keys), (7.0, None, None));
    }

    #[test]
    fn histogram_counts_every_value() {
        let summary = SampleSummary::of(&[1.0, 2.0, 2.5, 4.0], 3).unwrap();
        assert_eq!(summary.histogram.counts, vec![1, 2, 1]);
        assert_eq!(summary.cdf.len(), 101);
    }
}
