//! Every integration test in one binary (one link, as casey/just does): each
//! file below runs the built program as a person would, with one fixture
//! module, `common`.

mod common;

mod agreed;
mod architecture;
mod bad_input;
mod cli;
mod concurrency;
mod exports;
mod json_schema;
mod meeting;
mod people;
mod plan;
mod properties;
mod record;
mod report;
mod rounds;
mod safety;
mod saving;
mod shared_folder;
mod sharing;
mod shells;
mod team;
mod walk;
mod withdraw;
mod yaml_readers;
