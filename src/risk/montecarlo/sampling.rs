//! Latin hypercube sampling (McKay, Beckman and Conover, 1979): for each sampled dimension the
//! unit interval is cut into N equal strata, one per iteration, and each iteration's stratum is
//! a seeded random permutation (Fisher–Yates), so every stratum is used exactly once per
//! dimension and the dimensions are paired at random. Within its stratum a value is uniform.
//!
//! The permutations are drawn once, up front, so the plan is fixed by the seed before the first
//! iteration and a run split into chunks reads the same values as a run in one go. Memory is
//! one u32 per dimension per iteration.

use crate::random::Random;

#[derive(Debug, Clone)]
pub struct LatinHypercube {
    iterations: usize,
    /// `strata[dimension * iterations + iteration]`.
    strata: Vec<u32>,
}

impl LatinHypercube {
    pub fn new(dimensions: usize, iterations: usize, random: &mut Random) -> LatinHypercube {
        let mut strata = Vec::with_capacity(dimensions * iterations);
        for _ in 0..dimensions {
            let start = strata.len();
            strata.extend(0..iterations as u32);
            let permutation = &mut strata[start..];
            for i in (1..permutation.len()).rev() {
                let j = random.below(i + 1);
                permutation.swap(i, j);
            }
        }
        LatinHypercube { iterations, strata }
    }

    /// The uniform for one dimension in one iteration, given a uniform `jitter` in [0, 1).
    pub fn uniform(&self, dimension: usize, iteration: usize, jitter: f64) -> f64 {
        (self.strata[dimension * self.iterations + iteration] as f64 + jitter) / self.iterations as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stratum_is_used_once_per_dimension() {
        let mut random = Random::seeded(9);
        let plan = LatinHypercube::new(3, 50, &mut random);
        for dimension in 0..3 {
            let mut seen = [false; 50];
            for iteration in 0..50 {
                let u = plan.uniform(dimension, iteration, 0.5);
                let stratum = (u * 50.0) as usize;
                assert!(!seen[stratum]);
                seen[stratum] = true;
            }
        }
    }
}
