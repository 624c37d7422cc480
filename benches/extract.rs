//! Placeholder; the real benches come with the performance issue.
fn main() {}
