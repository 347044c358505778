//! mbct-sustain: how embedded and sustainable an MBCT service is, and what to do next.
//!
//! Three layers, each importing only from the ones below it:
//! - [`core`]: the framework, the answers, the stage rule, comparisons, team
//!   tallies and the walk's flow. Pure functions over plain types; no disk,
//!   no terminal, no command line, no wording for people.
//! - [`present`]: views (what a page means, and the words views share) and
//!   renderers (how it looks as a table, Markdown, CSV, JSON, YAML or HTML,
//!   written as bytes). Imports only `core`.
//! - [`shell`]: the command line, the disk, the terminal, interrupts, and the
//!   messages, notes and prompts a person reads. `main.rs` calls [`shell::run`]
//!   and nothing else.

#![warn(missing_docs)]

pub mod core;
pub mod present;
pub mod shell;

/// Fixtures for the unit tests (a framework builder, a scripted prompter):
/// compiled for tests only, never shipped.
#[cfg(test)]
mod tests;
