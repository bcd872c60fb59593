//! The integration tests: one crate (one link, one binary to build) with a module per area, as
//! ripgrep keeps them, and what the areas share in `fixtures`. One area runs with
//! `cargo test --test integration AREA::` (for example `cli::` or `graph::`).

mod fixtures;

mod bounded;
mod catalogue;
mod cli;
mod context;
mod eval;
mod examples;
mod explorer;
mod exports;
mod graph;
mod import;
mod inputs;
mod matching;
mod offsets;
mod parts;
mod pictures;
mod properties;
mod relations;
mod relations_gold;
mod robust;
mod roles;
mod seed_counts;
mod slices;
mod spark;
mod time;
mod timeline;
