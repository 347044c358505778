//! What each command shows, as plain data built once from a resolved
//! [`Snapshot`]: serialised as JSON, and laid out as a [`Doc`] for every
//! other format. One builder per view; whether it shows a person or the
//! team is what the snapshot holds, never a second builder. What views share
//! is in [`subject`] (whom a view is about), [`refs`] (the framework's items
//! and the file's evidence and notes, as JSON names them), [`team_answer`]
//! (the team's answer to each action) and `present::words`.
//!
//! [`Doc`]: crate::present::doc::Doc
//! [`Snapshot`]: crate::core::subject::Snapshot

pub mod compare;
pub mod evidence;
pub mod framework;
pub mod history;
pub mod page;
pub mod people;
pub mod plan;
pub mod refs;
pub mod report;
pub mod sheet;
pub mod subject;
pub mod team;
pub mod team_answer;
