//! One file per command family that needs more than a few lines of the shell.

pub mod agreed;
pub mod assess;
pub mod completions;
pub mod framework;
pub mod man;
pub mod meeting;
pub mod people;
pub mod plan;
pub mod plan_edit;
pub mod share;
pub mod team;
pub mod views;
pub mod withdraw;
