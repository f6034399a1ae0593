//! TypeScript declarations for the plain objects that cross the boundary (placeholder).
