//! A small document model that every view builds and the table, Markdown and HTML renderers
//! write: views say *what* to show (headings, paragraphs, lists, tables of meaningful cells), the
//! renderers in `render/` how it looks. JSON and YAML are serialised from the views themselves,
//! and CSV is each view's sheet, so they carry ids and stay stable.

/// A renderer-agnostic document.
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
    /// A legend: cells shown side by side (each shade with its stage name).
    Key(Vec<Cell>),
    /// A bulleted list.
    List(Vec<Vec<Cell>>),
    /// A table shown in every format.
    Table(Table),
}

/// A table: a header row and rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column titles.
    pub header: Vec<String>,
    /// Rows; each has as many cells as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// One cell: what it means, not how it looks; each renderer draws it (a gauge, a colour, a chart).
#[allow(missing_docs)] // variant fields are named for what they hold
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Plain text.
    Text(String),
    /// A name, with a shorter one for when the table is too wide for it.
    Name { full: String, short: Option<String> },
    /// A stage, `rank` of `of` (0 = the first stage; `rank == of`: complete).
    Stage {
        name: String,
        rank: usize,
        of: usize,
    },
    /// A domain's change of stage, and the stage it moved from where that is not shown beside it;
    /// within the same stage, progress then and now (in place, applicable, twice); how many
    /// slipped.
    Change {
        direction: Direction,
        from: Option<String>,
        progress: Option<[usize; 4]>,
        slipped: usize,
        /// It moved only because of who answered (not among the same people).
        by_who: bool,
    },
    /// Progress through a stage: in place of applicable; whether it is worked in, and the target.
    Progress {
        done: usize,
        total: usize,
        working: bool,
        target: bool,
    },
    /// A stage drawn as a shade in a chart of stages over time.
    Shade {
        name: String,
        rank: usize,
        of: usize,
    },
    /// An answer's words, with how good a sign it is.
    Answer { text: String, tone: Tone },
    /// "From → to" between two cells of a list.
    Becomes,
}

/// Which way a domain moved between two assessments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Forward to a later stage.
    Up,
    /// Back to an earlier stage.
    Down,
    /// At the same stage.
    Same,
    /// Not in the earlier assessment.
    New,
}

/// How good a sign an answer is, for colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Done (In place).
    Good,
    /// Under way (In progress).
    Middling,
    /// Not started (Not yet).
    Poor,
    /// Neither (Not applicable, no answer).
    Neutral,
}

impl From<crate::core::compare::Movement> for Direction {
    fn from(m: crate::core::compare::Movement) -> Direction {
        use crate::core::compare::Movement;
        match m {
            Movement::Up(_) => Direction::Up,
            Movement::Down(_) => Direction::Down,
            Movement::Same => Direction::Same,
            Movement::New => Direction::New,
        }
    }
}

impl Cell {
    /// Progress through a stage that is neither worked in nor a target.
    pub fn progress(done: usize, total: usize) -> Cell {
        Cell::Progress {
            done,
            total,
            working: false,
            target: false,
        }
    }

    /// The cell where room is short: a name's short form, where it has one.
    pub fn short(&self) -> Cell {
        match self {
            Cell::Name { full, short } => Cell::Text(short.as_ref().unwrap_or(full).clone()),
            other => other.clone(),
        }
    }
}

impl Doc {
    /// Appends a block.
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    /// The first heading: what the document is.
    pub fn title(&self) -> Option<&str> {
        self.blocks.iter().find_map(|b| match b {
            Block::Heading(h) => Some(h.as_str()),
            _ => None,
        })
    }
}
