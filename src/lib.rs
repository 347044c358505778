//! mbct-sustain: how embedded and sustainable an MBCT service is, and what to do next.
//!
//! The library is a functional core (framework, answers, stage rule,
//! comparisons, views, renderers) with a thin shell (`walk`, `store`, `app`)
//! that touches the terminal and the disk.

#![warn(missing_docs)]

pub mod answers;
pub mod app;
pub mod cli;
pub mod compare;
pub mod doc;
pub mod error;
pub mod exit_code;
pub mod framework;
pub mod input;
pub mod interrupt;
pub mod render;
pub mod select;
pub mod stage;
pub mod store;
pub mod team;
pub mod view;
pub mod walk;
