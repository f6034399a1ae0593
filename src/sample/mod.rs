//! Deterministic generator of realistic portfolios (placeholder until written).
