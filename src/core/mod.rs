//! The functional core: what the framework says, what people answered and
//! what follows from it, each rule in one module with its unit tests. Imports
//! nothing from `present` or `shell`, touches no file or terminal, and holds no
//! wording shown to people: failures and outcomes are plain enums that the
//! shell and the views put into words (`shell::error`, `present::words`). The
//! one English it writes is the answers file's header comment, part of the
//! file's format.

pub mod agenda;
pub mod answers;
pub mod compare;
pub mod corrected;
pub mod decisions;
pub mod evidence;
pub mod framework;
pub mod json_schema;
pub mod links;
pub mod merge;
pub mod names;
pub mod nesting;
pub mod planning;
pub mod record;
pub mod rounds;
pub mod stage;
pub mod standing;
pub mod subject;
pub mod tally;
pub mod team;
pub mod text;
pub mod time;
pub mod turns;
pub mod walk;
pub mod yaml;
pub mod yaml_emit;
