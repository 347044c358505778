//! Presenting results: a view turns core results into a [`doc::Doc`] of
//! meaning (a stage, a progress, a change), and a renderer turns a `Doc` into
//! text. Imports only from `core`; never reads the disk or the terminal.

pub mod doc;
pub mod fit;
pub mod page;
pub mod render;
pub mod safe;
pub mod view;
