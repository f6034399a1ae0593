//! Project and unit health through the Workspace. Written in #6.
