//! Correlated durations through a Gaussian copula (Iman and Conover's setting; see also
//! Vose, "Risk Analysis", 2008, ch. 13).
//!
//! A correlation matrix R over some activities is checked (square, finite, entries in
//! [−1, 1], symmetric, unit diagonal) and factored R = L·Lᵀ (Cholesky). Each iteration draws
//! independent standard normals ε, correlates them z = L·ε, maps u = Φ(z) and samples
//! x = F⁻¹(u) from each activity's own distribution, so every marginal (and its mean) is kept
//! and only the dependence changes. The matrix is the correlation of the normal scores, which
//! is close to, not equal to, the rank correlation of the durations.
//!
//! A matrix that is not positive semi-definite is refused, not repaired: a silent repair
//! would change correlations the user stated, so the user is asked to fix them.

use serde::{Deserialize, Serialize};

/// Correlations among the durations of some activities: `matrix[i][j]` between
/// `activity_ids[i]` and `activity_ids[j]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CorrelationGroup {
    pub activity_ids: Vec<String>,
    pub matrix: Vec<Vec<f64>>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CorrelationError {
    #[error("The correlation matrix must have one row and one column per activity ({expected}); row {row} does not.")]
    Shape { expected: usize, row: usize },
    #[error("The correlation at row {row}, column {column} is {value}, which is not a number between -1 and 1.")]
    OutOfRange { row: usize, column: usize, value: f64 },
    #[error("The correlation matrix is not symmetric: row {row}, column {column} differs from row {column}, column {row}.")]
    NotSymmetric { row: usize, column: usize },
    #[error("The diagonal of a correlation matrix must be 1; row {row} has {value}.")]
    Diagonal { row: usize, value: f64 },
    #[error("The correlations contradict one another (the matrix is not positive semi-definite; it fails at row {row}); lower the strongest correlations until they are consistent.")]
    NotPositiveSemidefinite { row: usize },
}

impl CorrelationError {
    pub fn code(&self) -> &'static str {
        match self {
            CorrelationError::Shape { .. } => "correlation_shape",
            CorrelationError::OutOfRange { .. } => "correlation_out_of_range",
            CorrelationError::NotSymmetric { .. } => "correlation_not_symmetric",
            CorrelationError::Diagonal { .. } => "correlation_diagonal",
            CorrelationError::NotPositiveSemidefinite { .. } => "correlation_not_positive_semidefinite",
        }
    }
}

const TOLERANCE: f64 = 1e-9;

/// The lower-triangular Cholesky factor of a checked correlation matrix, row-major (n × n).
/// A zero pivot (a semi-definite matrix, e.g. a correlation of exactly 1) gives a zero column.
pub fn cholesky(matrix: &[Vec<f64>]) -> Result<Vec<f64>, CorrelationError> {
    let n = matrix.len();
    for (row, values) in matrix.iter().enumerate() {
        if values.len() != n {
            return Err(CorrelationError::Shape { expected: n, row });
        }
        for (column, &value) in values.iter().enumerate() {
            if !value.is_finite() || value.abs() > 1.0 + TOLERANCE {
                return Err(CorrelationError::OutOfRange { row, column, value });
            }
        }
    }
    for (row, values) in matrix.iter().enumerate() {
        if (values[row] - 1.0).abs() > TOLERANCE {
            return Err(CorrelationError::Diagonal { row, value: values[row] });
        }
        for (column, &value) in values.iter().enumerate().take(row) {
            if (value - matrix[column][row]).abs() > TOLERANCE {
                return Err(CorrelationError::NotSymmetric { row, column });
            }
        }
    }
    let mut factor = vec![0.0; n * n];
    for j in 0..n {
        let pivot = matrix[j][j] - (0..j).map(|k| factor[j * n + k] * factor[j * n + k]).sum::<f64>();
        if pivot < -1e-10 {
            return Err(CorrelationError::NotPositiveSemidefinite { row: j });
        }
        let diagonal = pivot.max(0.0).sqrt();
        factor[j * n + j] = diagonal;
        for i in j + 1..n {
            let rest = matrix[i][j] - (0..j).map(|k| factor[i * n + k] * factor[j * n + k]).sum::<f64>();
            if diagonal > 1e-7 {
                factor[i * n + j] = rest / diagonal;
            } else if rest.abs() > 1e-6 {
                // A zero pivot needs a zero remainder below it, or no factor exists.
                return Err(CorrelationError::NotPositiveSemidefinite { row: i });
            }
        }
    }
    Ok(factor)
}

/// z = L·ε for a row-major lower-triangular L of size n, written into `out`.
pub fn correlate(factor: &[f64], independent: &[f64], out: &mut [f64]) {
    let n = independent.len();
    for i in 0..n {
        out[i] = (0..=i).map(|k| factor[i * n + k] * independent[k]).sum();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_and_reproduces_the_matrix() {
        let matrix = vec![vec![1.0, 0.8, 0.3], vec![0.8, 1.0, 0.5], vec![0.3, 0.5, 1.0]];
        let l = cholesky(&matrix).unwrap();
        for i in 0..3 {
            for j in 0..3 {
                let product: f64 = (0..3).map(|k| l[i * 3 + k] * l[j * 3 + k]).sum();
                assert!((product - matrix[i][j]).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn perfect_correlation_is_semi_definite_and_accepted() {
        let l = cholesky(&[vec![1.0, 1.0], vec![1.0, 1.0]]).unwrap();
        assert_eq!(l, vec![1.0, 0.0, 1.0, 0.0]);
    }

    #[test]
    fn refuses_inconsistent_correlations() {
        let matrix = vec![vec![1.0, 0.9, -0.9], vec![0.9, 1.0, 0.9], vec![-0.9, 0.9, 1.0]];
        assert_eq!(cholesky(&matrix).unwrap_err().code(), "correlation_not_positive_semidefinite");
        assert_eq!(cholesky(&[vec![1.0, 0.2], vec![0.3, 1.0]]).unwrap_err().code(), "correlation_not_symmetric");
        assert_eq!(cholesky(&[vec![0.9, 0.2], vec![0.2, 1.0]]).unwrap_err().code(), "correlation_diagonal");
    }
}
