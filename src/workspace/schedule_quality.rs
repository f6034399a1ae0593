//! Schedule quality checks of a project through the Workspace. Written in #6.
