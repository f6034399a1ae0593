//! Probability distributions for uncertain durations and costs, with named parameters.
//!
//! Each one is sampled by inversion, `quantile(u)` (the inverse CDF), so the same uniform
//! drawn by plain Monte Carlo, by a Latin hypercube or through a Gaussian copula gives the
//! distribution's own marginal. Durations are in working days; costs in the model's currency.
//!
//! - Triangular {min, mode, max}: closed-form inverse.
//! - Beta-PERT {min, mode, max, shape = 4}: a Beta(α, β) on [min, max] with
//!   α = 1 + shape·(mode − min)/(max − min), β = 1 + shape·(max − mode)/(max − min),
//!   mean (min + shape·mode + max)/(shape + 2), as in Vose, "Risk Analysis" (2008), and R's
//!   mc2d::qpert. The inverse is bisection on the regularized incomplete beta function.
//! - Uniform {min, max}; Normal {mean, sd}; Lognormal {mu, sigma}, where mu and sigma are the
//!   mean and standard deviation of the natural logarithm of the value, not of the value;
//!   Fixed {value}.

use serde::{Deserialize, Serialize};

use super::special::{beta_quantile, normal_quantile};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase", deny_unknown_fields)]
pub enum Distribution {
    Triangular { min: f64, mode: f64, max: f64 },
    Pert {
        min: f64,
        mode: f64,
        max: f64,
        #[serde(default = "default_pert_shape")]
        shape: f64,
    },
    Uniform { min: f64, max: f64 },
    Normal { mean: f64, sd: f64 },
    /// Parameters of the log: ln(value) is Normal(mu, sigma).
    Lognormal { mu: f64, sigma: f64 },
    Fixed { value: f64 },
}

fn default_pert_shape() -> f64 {
    4.0
}

/// What is wrong with a distribution's parameters; `code()` is stable.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DistributionError {
    #[error("The parameter {parameter} is not a finite number.")]
    NonFinite { parameter: &'static str },
    #[error("The minimum {min} is greater than the maximum {max}.")]
    MinAboveMax { min: f64, max: f64 },
    #[error("The most likely value {mode} lies outside the range from {min} to {max}.")]
    ModeOutsideRange { min: f64, mode: f64, max: f64 },
    #[error("The standard deviation {sd} is negative.")]
    NegativeSd { sd: f64 },
    #[error("The PERT shape {shape} is negative.")]
    NegativeShape { shape: f64 },
}

impl DistributionError {
    pub fn code(&self) -> &'static str {
        match self {
            DistributionError::NonFinite { .. } => "non_finite_parameter",
            DistributionError::MinAboveMax { .. } => "min_above_max",
            DistributionError::ModeOutsideRange { .. } => "mode_outside_range",
            DistributionError::NegativeSd { .. } => "negative_sd",
            DistributionError::NegativeShape { .. } => "negative_shape",
        }
    }
}

fn finite(parameters: &[(&'static str, f64)]) -> Result<(), DistributionError> {
    match parameters.iter().find(|(_, value)| !value.is_finite()) {
        Some(&(parameter, _)) => Err(DistributionError::NonFinite { parameter }),
        None => Ok(()),
    }
}

fn ordered(min: f64, max: f64) -> Result<(), DistributionError> {
    if min > max { Err(DistributionError::MinAboveMax { min, max }) } else { Ok(()) }
}

fn mode_inside(min: f64, mode: f64, max: f64) -> Result<(), DistributionError> {
    ordered(min, max)?;
    if mode < min || mode > max { Err(DistributionError::ModeOutsideRange { min, mode, max }) } else { Ok(()) }
}

/// Keeps u inside (0, 1) for distributions with infinite tails.
fn open_unit(u: f64) -> f64 {
    u.clamp(1e-16, 1.0 - 1e-16)
}

impl Distribution {
    pub fn validate(&self) -> Result<(), DistributionError> {
        match *self {
            Distribution::Triangular { min, mode, max } => {
                finite(&[("min", min), ("mode", mode), ("max", max)])?;
                mode_inside(min, mode, max)
            }
            Distribution::Pert { min, mode, max, shape } => {
                finite(&[("min", min), ("mode", mode), ("max", max), ("shape", shape)])?;
                mode_inside(min, mode, max)?;
                if shape < 0.0 { Err(DistributionError::NegativeShape { shape }) } else { Ok(()) }
            }
            Distribution::Uniform { min, max } => {
                finite(&[("min", min), ("max", max)])?;
                ordered(min, max)
            }
            Distribution::Normal { mean, sd } => {
                finite(&[("mean", mean), ("sd", sd)])?;
                if sd < 0.0 { Err(DistributionError::NegativeSd { sd }) } else { Ok(()) }
            }
            Distribution::Lognormal { mu, sigma } => {
                finite(&[("mu", mu), ("sigma", sigma)])?;
                if sigma < 0.0 { Err(DistributionError::NegativeSd { sd: sigma }) } else { Ok(()) }
            }
            Distribution::Fixed { value } => finite(&[("value", value)]),
        }
    }

    /// α and β of a Beta-PERT (None for other distributions or a zero-width range).
    pub fn pert_shape_parameters(&self) -> Option<(f64, f64)> {
        match *self {
            Distribution::Pert { min, mode, max, shape } if max > min => {
                Some((1.0 + shape * (mode - min) / (max - min), 1.0 + shape * (max - mode) / (max - min)))
            }
            _ => None,
        }
    }

    /// The same inverse CDF with its per-distribution constants worked out once, for drawing in
    /// a loop; it returns exactly what `quantile` returns.
    pub fn sampler(&self) -> Sampler {
        let triangular_split = match *self {
            Distribution::Triangular { min, mode, max } if max > min => Some((mode - min) / (max - min)),
            _ => None,
        };
        Sampler { distribution: self.clone(), triangular_split }
    }

    /// The inverse CDF at u in [0, 1]. Call `validate` first: parameters are not checked here.
    pub fn quantile(&self, u: f64) -> f64 {
        match *self {
            Distribution::Triangular { min, mode, max } => {
                let width = max - min;
                if width <= 0.0 {
                    return min;
                }
                let split = (mode - min) / width;
                if u < split {
                    min + (u * width * (mode - min)).sqrt()
                } else {
                    max - ((1.0 - u) * width * (max - mode)).sqrt()
                }
            }
            Distribution::Pert { min, max, .. } => match self.pert_shape_parameters() {
                Some((alpha, beta)) => min + (max - min) * beta_quantile(u, alpha, beta),
                None => min,
            },
            Distribution::Uniform { min, max } => min + (max - min) * u,
            Distribution::Normal { mean, sd } => {
                if sd == 0.0 { mean } else { mean + sd * normal_quantile(open_unit(u)) }
            }
            Distribution::Lognormal { mu, sigma } => {
                if sigma == 0.0 { mu.exp() } else { (mu + sigma * normal_quantile(open_unit(u))).exp() }
            }
            Distribution::Fixed { value } => value,
        }
    }

    pub fn mean(&self) -> f64 {
        match *self {
            Distribution::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Distribution::Pert { min, mode, max, shape } => (min + shape * mode + max) / (shape + 2.0),
            Distribution::Uniform { min, max } => (min + max) / 2.0,
            Distribution::Normal { mean, .. } => mean,
            Distribution::Lognormal { mu, sigma } => (mu + sigma * sigma / 2.0).exp(),
            Distribution::Fixed { value } => value,
        }
    }

    pub fn variance(&self) -> f64 {
        match *self {
            Distribution::Triangular { min, mode, max } => (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18.0,
            Distribution::Pert { min, max, shape, .. } => {
                let mean = self.mean();
                (mean - min) * (max - mean) / (shape + 3.0)
            }
            Distribution::Uniform { min, max } => (max - min) * (max - min) / 12.0,
            Distribution::Normal { sd, .. } => sd * sd,
            Distribution::Lognormal { mu, sigma } => ((sigma * sigma).exp() - 1.0) * (2.0 * mu + sigma * sigma).exp(),
            Distribution::Fixed { .. } => 0.0,
        }
    }

    pub fn sd(&self) -> f64 {
        self.variance().max(0.0).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_named_parameters_and_the_default_shape() {
        let pert: Distribution = serde_json::from_str(r#"{"type":"pert","min":2,"mode":3,"max":8}"#).unwrap();
        assert_eq!(pert, Distribution::Pert { min: 2.0, mode: 3.0, max: 8.0, shape: 4.0 });
        let lognormal: Distribution = serde_json::from_str(r#"{"type":"lognormal","mu":0,"sigma":0.5}"#).unwrap();
        assert!((lognormal.mean() - (0.125f64).exp()).abs() < 1e-15);
    }

    #[test]
    fn quantiles_invert_the_cdf() {
        let uniform = Distribution::Uniform { min: 2.0, max: 6.0 };
        assert_eq!(uniform.quantile(0.25), 3.0);
        let normal = Distribution::Normal { mean: 10.0, sd: 2.0 };
        assert!((normal.quantile(0.5) - 10.0).abs() < 1e-12);
        let pert = Distribution::Pert { min: 0.0, mode: 0.5, max: 1.0, shape: 4.0 };
        assert!((pert.quantile(0.5) - 0.5).abs() < 1e-12);
        assert_eq!(Distribution::Triangular { min: 4.0, mode: 4.0, max: 4.0 }.quantile(0.3), 4.0);
    }

    /// The sampler's triangular gives `quantile`'s numbers bit for bit, on both
    /// sides of the mode, at the ends, and for a mode at either end.
    #[test]
    fn the_sampler_matches_the_quantile_bit_for_bit() {
        let mut random = crate::random::Random::seeded(8);
        for (min, mode, max) in [(2.0, 3.0, 8.0), (0.8, 1.0, 1.5), (5.0, 5.0, 9.0), (1.0, 7.5, 7.5), (-3.0, 0.1, 0.2)] {
            let distribution = Distribution::Triangular { min, mode, max };
            let sampler = distribution.sampler();
            let uniforms: Vec<f64> = [0.0, 1.0, (mode - min) / (max - min)].into_iter().chain((0..1_000).map(|_| random.next_f64())).collect();
            let mut values = vec![0.0; uniforms.len()];
            sampler.quantiles(&uniforms, &mut values);
            for (&u, &value) in uniforms.iter().zip(&values) {
                assert_eq!(value.to_bits(), distribution.quantile(u).to_bits(), "triangular {min} {mode} {max} at {u}");
            }
        }
    }

    #[test]
    fn refuses_bad_parameters_with_codes() {
        let code = |d: Distribution| d.validate().unwrap_err().code();
        assert_eq!(code(Distribution::Triangular { min: 5.0, mode: 4.0, max: 3.0 }), "min_above_max");
        assert_eq!(code(Distribution::Pert { min: 1.0, mode: 9.0, max: 3.0, shape: 4.0 }), "mode_outside_range");
        assert_eq!(code(Distribution::Normal { mean: 1.0, sd: -1.0 }), "negative_sd");
        assert_eq!(code(Distribution::Uniform { min: f64::NAN, max: 1.0 }), "non_finite_parameter");
    }
}

/// A distribution ready for sampling: the triangular's split point (a division, which costs more
/// than the rest of a draw) is computed once instead of at every draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Sampler {
    distribution: Distribution,
    triangular_split: Option<f64>,
}

impl Sampler {
    pub fn quantile(&self, u: f64) -> f64 {
        let mut value = [0.0];
        self.quantiles(&[u], &mut value);
        value[0]
    }

    /// `quantile` of each of `uniforms` into `values`, choosing the distribution's formula once
    /// for the whole run of values.
    pub fn quantiles(&self, uniforms: &[f64], values: &mut [f64]) {
        match (self.triangular_split, &self.distribution) {
            // The same operations as `Distribution::quantile`, so the same results.
            (Some(split), &Distribution::Triangular { min, mode, max }) => {
                let width = max - min;
                for (value, &u) in values.iter_mut().zip(uniforms) {
                    // One square root and two selects: which side u falls is random, so
                    // putting both square roots behind a branch would be mispredicted often.
                    // (Blending the two sides with weights of 1 and 0 measured slower.)
                    let lower = u < split;
                    let root = if lower { u * width * (mode - min) } else { (1.0 - u) * width * (max - mode) }.sqrt();
                    *value = if lower { min + root } else { max - root };
                }
            }
            (_, distribution) => {
                for (value, &u) in values.iter_mut().zip(uniforms) {
                    *value = distribution.quantile(u);
                }
            }
        }
    }
}
