//! mbct-sustain: how embedded and sustainable an MBCT service is, and what to do next.
//!
//! The library is a functional core (framework, answers, stage rule,
//! comparisons, views, renderers) with a thin shell (`walk`, `store`, `app`)
//! that touches the terminal and the disk.

pub mod answers;
pub mod compare;
pub mod doc;
pub mod framework;
pub mod input;
pub mod render;
pub mod stage;
pub mod view;
pub mod error;
pub mod exit_code;
pub mod interrupt;
pub mod store;
pub mod walk;
pub mod select;
pub mod cli;
pub mod team;
pub mod app;
