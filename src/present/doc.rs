//! A small document model that every view builds and every format renders.
//!
//! Views (report, compare, history, plan, team) say *what* to show as
//! headings, paragraphs, lists and tables; the renderers in `render/` decide
//! how it looks in a terminal, in Markdown or in CSV. JSON is serialised from
//! the views themselves, so it carries ids and stays stable.

/// A rendered-agnostic document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading.
    Heading(String),
    /// A paragraph of plain text.
    Text(String),
    /// A small-print line (legends, explanations); dimmed on a terminal.
    Note(String),
    /// A bulleted list.
    List(Vec<Vec<Cell>>),
    /// A table shown in every format.
    Table(Table),
    /// A table only CSV shows: the machine-friendly form of a list view.
    Data(Table),
}

/// A table: a header row and rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column titles.
    pub header: Vec<String>,
    /// Rows; each has as many cells as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// One cell, with enough meaning for a terminal to colour or draw it.
#[allow(missing_docs)] // variant fields are named for what they hold
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Plain text.
    Text(String),
    /// A stage name; `rank` of `of` (`rank == of` means complete).
    Stage { text: String, rank: usize, of: usize },
    /// A change; `direction` > 0 is progress, < 0 is a step back.
    Change { text: String, direction: i8 },
    /// Progress through a stage: in place out of applicable.
    Progress { done: usize, total: usize },
    /// An answer (In place, Not yet, ...).
    Answer(crate::core::answers::Answer),
}

impl Cell {
    /// The cell as plain text, without any drawing.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Stage { text: t, .. } | Cell::Change { text: t, .. } => t.clone(),
            Cell::Progress { done, total } => format!("{done}/{total}"),
            Cell::Answer(a) => a.label().to_string(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl Doc {
    /// Appends a block.
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    /// The table CSV writes: the first `Data` block, else the first `Table`.
    pub fn primary_table(&self) -> Option<&Table> {
        self.blocks
            .iter()
            .find_map(|b| match b {
                Block::Data(t) => Some(t),
                _ => None,
            })
            .or_else(|| {
                self.blocks.iter().find_map(|b| match b {
                    Block::Table(t) => Some(t),
                    _ => None,
                })
            })
    }
}
