//! Schedule quality checks (the DCMA 14-point assessment where the data allows). Written in #6.
