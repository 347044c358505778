//! Presenting results: a view turns a resolved subject into a [`doc::Doc`]
//! of meaning (a stage, a progress, a change), and a renderer turns a `Doc`
//! into text: a terminal table, Markdown, CSV or an HTML page (JSON is the
//! view itself). Imports only from `core`; never reads the disk or the terminal.

pub mod doc;
pub mod fit;
pub mod render;
pub mod safe;
pub mod schema;
pub mod view;
pub mod words;
