//! Every integration test in one binary (one link, as casey/just does): each
//! file below runs the built program as a person would, with one fixture
//! module, `common`.

mod common;

mod architecture;
mod bad_input;
mod cli;
mod concurrency;
mod meeting;
mod plan;
mod properties;
mod report;
mod rounds;
mod shared_folder;
mod team;
mod walk;
