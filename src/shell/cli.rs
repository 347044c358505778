//! The command line: clap types only. Doc comments here are the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;

use crate::present::render::Format;
use crate::present::words::AnswerWords;
use crate::shell::error::Error;
use crate::shell::words;

const EXAMPLES: &str = "\
Examples:
  First assessment (asks about every action, about ten minutes):
    mbct-sustain
  Rerun before a team meeting, with your name and a label:
    mbct-sustain assess --respondent Sam --label \"March meeting\"
  The stage table as Markdown, for the minutes:
    mbct-sustain report --format markdown --output stages.md
  What moved since last time:
    mbct-sustain compare
  Everyone's answers side by side, and where you disagree:
    mbct-sustain team sam.yaml priya.yaml
  Two rounds compared by their labels:
    mbct-sustain compare \"Spring review\" \"Autumn review\"

The answers file is, in order: --file, then MBCT_SUSTAIN_FILE, then the nearest
mbct-sustain.yaml in this folder or a folder above it, else a new one here.";

/// See how embedded and sustainable your MBCT service is, and what to do next.
///
/// mbct-sustain walks your team through the ASPIRE framework for an embedded
/// Mindfulness-Based Cognitive Therapy service (bundled; `framework show`
/// prints it): for each domain, actions at each stage of the journey. You say
/// for each action whether it is in place; it shows the stage each domain has
/// reached, what changed since last time, and the next steps. Answers are kept
/// in a plain YAML file (mbct-sustain.yaml) that you can share or keep in git.
///
/// Run it with no command to take an assessment.
///
/// When the answers file holds several people's assessments, `report`,
/// `compare`, `history` and `plan` show the team's (--respondent NAME shows
/// one person's). The team's answers come in rounds: a round is a run of
/// assessments with no gap of more than 30 days between one and the next; in
/// a round each person counts once, with their latest answers in it, and an
/// action is the team's In place when most of those who answered it say so.
#[derive(Debug, Parser)]
#[command(
    name = "mbct-sustain",
    after_help = EXAMPLES,
    max_term_width = 100
)]
pub struct Cli {
    /// What to do; with none, take an assessment.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// With no command: the assessment's options.
    #[command(flatten)]
    pub assess: AssessArgs,
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// The answers file [default: the nearest mbct-sustain.yaml in this folder or above, else a new
    /// one here]
    #[arg(
        long,
        global = true,
        env = "MBCT_SUSTAIN_FILE",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub file: Option<PathBuf>,

    /// Use an adapted framework instead of the bundled ASPIRE framework
    #[arg(
        long,
        global = true,
        env = "MBCT_SUSTAIN_FRAMEWORK",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub framework: Option<PathBuf>,

    /// Who is answering; reports follow this person's assessments
    #[arg(
        long,
        global = true,
        env = "MBCT_SUSTAIN_RESPONDENT",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub respondent: Option<String>,

    /// When to use colour (never when NO_COLOR is set, unless `always`)
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorChoice::Auto,
        value_name = "WHEN",
        alias = "colour"
    )]
    pub color: ColorChoice,

    /// Print only the results: no notes or progress messages
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take an assessment: answer each action, see each domain's stage
    #[command(
        after_help = "Examples:\n  mbct-sustain assess\n  mbct-sustain assess --respondent Sam \
            --label \"Autumn review\"\n  mbct-sustain assess --full          # ask every action, \
            even if nothing changed"
    )]
    Assess(AssessArgs),

    /// Show the stage each domain has reached (latest assessment or the team's latest round, or
    /// --at)
    #[command(
        after_help = "Examples:\n  mbct-sustain report\n  mbct-sustain report --at 2026-09-03\n  \
            mbct-sustain report --format markdown --output stages.md\n  mbct-sustain report \
            --format csv > stages.csv"
    )]
    Report(ReportArgs),

    /// Show what changed between two assessments or rounds (default: previous and latest)
    #[command(
        after_help = "Examples:\n  mbct-sustain compare                 # the previous against the \
            latest\n  mbct-sustain compare 1 -1            # the first against the latest\n  \
            mbct-sustain compare \"Spring review\" \"Autumn review\"\n  mbct-sustain compare \
            2026-03-01 2026-09-03 --format markdown"
    )]
    Compare(CompareArgs),

    /// List every assessment (the team's: every round) and each domain's stage over time
    #[command(after_help = "Examples:\n  mbct-sustain history\n  \
            mbct-sustain history --respondent Sam\n  \
            mbct-sustain history --format csv > history.csv")]
    History(HistoryArgs),

    /// The team's plan: next steps with owners and due dates, targets, the next review
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  mbct-sustain plan\n  mbct-sustain plan --format markdown >> \
            agenda.md\n  mbct-sustain plan --domain evaluation --domain team\n  mbct-sustain plan \
            assign networks.buddy --owner Priya --due 2027-01-31\n  mbct-sustain plan target \
            evaluation sustainable --by 2027-06-30\n  mbct-sustain plan review --every 6\n  \
            mbct-sustain plan edit                # go through the plan on a terminal"
    )]
    Plan(PlanCommandArgs),

    /// Show the team's latest round side by side, and the meeting's agenda
    #[command(
        after_help = "Examples:\n  mbct-sustain team                    # everyone in the answers \
            file\n  mbct-sustain team sam.yaml priya.yaml\n  mbct-sustain team --at \"Autumn \
            review\" --anonymous --format markdown"
    )]
    Team(TeamArgs),

    /// The team's members: list them, add one, rename, merge two names into one, record who left
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  mbct-sustain people\n  mbct-sustain people add Jo --account \
            jo.smith\n  mbct-sustain people rename Pryia Priya\n  mbct-sustain people merge \
            \"Priya K\" Priya\n  mbct-sustain people leave Alex --on 2027-01-31"
    )]
    People(PeopleArgs),

    /// Who has answered the current round, who is part-way through, who is awaited
    #[command(after_help = "Examples:\n  mbct-sustain status\n  mbct-sustain status --format json")]
    Status(OutputArgs),

    /// The service's name, which titles the meeting page: show it, or set it
    #[command(
        after_help = "Examples:\n  mbct-sustain service\n  mbct-sustain service \"Gwynedd MBCT \
            service\""
    )]
    Service {
        /// The name to set (without it, the name is shown)
        #[arg(value_name = "NAME")]
        name: Option<String>,
    },

    /// Go through the round's agenda as a team and record what you agree
    #[command(after_help = "Example:\n  mbct-sustain meeting")]
    Meeting,

    /// Record the team's agreed answer to an action (as `meeting` does, for scripts)
    #[command(
        after_help = "Examples:\n  mbct-sustain agree networks.buddy in-place --note \"Buddy \
            scheme running since May\"\n  mbct-sustain agree networks.buddy rule          # leave \
            it to the majority rule again"
    )]
    Agree {
        /// The action's id
        #[arg(value_name = "ACTION")]
        action: String,
        /// in-place, in-progress, not-yet, dont-know, not-applicable, or rule (leave it to the
        /// majority rule)
        #[arg(value_name = "ANSWER", value_parser = parse_agreed)]
        answer: Agreed,
        /// The meeting's comment
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Which round: number, date or label [default: the latest]
        #[arg(long, value_name = "ROUND", allow_hyphen_values = true)]
        at: Option<String>,
    },

    /// What shows an action is in place: list it, add it, remove it
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  mbct-sustain evidence\n  mbct-sustain evidence add \
            evaluation.annual-report \"Annual report 2026\" --link \
            https://intranet.example/report.pdf\n  mbct-sustain evidence remove \
            evaluation.annual-report 1"
    )]
    Evidence(EvidenceArgs),

    /// Withdraw an assessment taken by mistake: it is kept in the file and counts nowhere
    #[command(
        after_help = "N is the number `history` shows beside the assessment (1 = the oldest \
            in the file). For a team, `history --respondent NAME` lists that person's assessments \
            with these numbers; with --respondent, -1 is their latest.\n\nThe assessment stays \
            in the answers file, with a dated record that it was withdrawn, so no merge of \
            another copy brings it back; `history --withdrawn` lists it.\n\nExamples:\n  \
            mbct-sustain history --respondent Sam\n  mbct-sustain withdraw 5\n  \
            mbct-sustain withdraw -1 --respondent Sam      # Sam's latest"
    )]
    Withdraw {
        /// The assessment's number as `history` lists it (-1 = the latest)
        #[arg(value_name = "N", allow_hyphen_values = true, value_parser = parse_number)]
        number: i64,
    },

    /// Bring other answers files in: a colleague's file, a sync service's conflict copy
    #[command(
        after_help = "Examples:\n  mbct-sustain merge priya.yaml alex.yaml\n  mbct-sustain merge \
            \"mbct-sustain (Priya's conflicted copy 2026-12-03).yaml\" --remove-merged\n  \
            mbct-sustain merge other.yaml --dry-run"
    )]
    Merge(MergeArgs),

    /// For git (set up by `git-setup`): merge two versions of the answers file into %A
    MergeDriver {
        /// The version both started from (%O)
        base: PathBuf,
        /// Ours (%A), where the result is written
        ours: PathBuf,
        /// Theirs (%B)
        theirs: PathBuf,
    },

    /// Set up the git repository the answers file is in to merge it with mbct-sustain
    GitSetup,

    /// Show, start or check an adapted framework
    #[command(subcommand)]
    Framework(FrameworkCommand),

    /// Print a shell completion script
    #[command(after_help = "Examples:\n  mbct-sustain completions bash > \
            ~/.local/share/bash-completion/completions/mbct-sustain\n  mbct-sustain completions \
            zsh > ~/.zfunc/_mbct-sustain\n  mbct-sustain completions fish > \
            ~/.config/fish/completions/mbct-sustain.fish")]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff)
    #[command(after_help = "Example:\n  mbct-sustain man > ~/.local/share/man/man1/mbct-sustain.1")]
    Man,
}

/// Options of `assess`.
#[derive(Debug, Clone, Default, Args)]
pub struct AssessArgs {
    /// A name for this assessment, e.g. "Autumn review"
    #[arg(long, value_name = "TEXT")]
    pub label: Option<String>,

    /// Ask every action, even in domains where nothing changed
    #[arg(long)]
    pub full: bool,

    /// Draw the closing table with plain ASCII characters
    #[arg(long)]
    pub ascii: bool,

    /// The --respondent name is someone new to the team, though it is close to a member's name
    #[arg(long)]
    pub new: bool,

    /// Enter an assessment given on paper on this day (YYYY-MM-DD): the walk as usual, dated
    /// that day at noon UTC
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub on: Option<jiff::civil::Date>,
}

/// The formats a command's `--format` offers, declared once for each command (its
/// [`OutputArgs`]): clap offers only these, and refuses any other as wrong usage (exit 2),
/// listing them.
pub trait Offers: Clone + Default + Send + Sync + 'static {
    /// The formats, the first the default.
    const FORMATS: &'static [Format];
}

/// The views of the answers: `report` (its page is the meeting page), `compare`, `history`,
/// `plan`, `team`, `people`, `status` and `evidence`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ViewFormats;

impl Offers for ViewFormats {
    const FORMATS: &'static [Format] = &[
        Format::Table,
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::Html,
    ];
}

/// `framework show`: as the views, and as YAML, a framework file to adapt.
#[derive(Debug, Clone, Copy, Default)]
pub struct FrameworkFormats;

impl Offers for FrameworkFormats {
    const FORMATS: &'static [Format] = &Format::ALL;
}

/// `--format`'s parser: the formats `offered`, by the names and help the command line gives them.
fn format_parser(
    offered: &'static [Format],
) -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let values = offered.iter().map(|f| {
        let (name, help) = f.name_and_help();
        let value = PossibleValue::new(name).help(help);
        // `framework show --format tree`, as earlier versions called its table.
        if *f == Format::Table {
            value.alias("tree")
        } else {
            value
        }
    });
    PossibleValuesParser::new(values).map(move |name: String| {
        let named =
            |f: &&Format| f.name_and_help().0 == name || (name == "tree" && **f == Format::Table);
        offered.iter().find(named).copied().unwrap_or_default()
    })
}

/// How and where to write a result, in the formats `F` declares.
#[derive(Debug, Clone, Default, Args)]
pub struct OutputArgs<F: Offers = ViewFormats> {
    /// Output format
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "table",
        value_parser = format_parser(F::FORMATS)
    )]
    pub format: Format,

    /// Write to this file (replaced whole) instead of the screen
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Draw tables with plain ASCII characters
    #[arg(long)]
    pub ascii: bool,

    /// The formats offered.
    #[arg(skip)]
    pub offered: std::marker::PhantomData<F>,
}

/// Options of `merge`.
#[derive(Debug, Clone, Args)]
pub struct MergeArgs {
    /// The answers files to bring in
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Say what would come in, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Then remove each sync service's conflict copy whose every value is in the saved answers file
    #[arg(long, conflicts_with = "dry_run")]
    pub remove_merged: bool,
}

/// How the team's rounds are formed.
#[derive(Debug, Clone, Default, Args)]
pub struct RoundArgs {
    /// Leave out assessments taken before this date, before the team's rounds are formed
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<jiff::civil::Date>,
}

/// Options of `report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Which assessment (the team's: which round): number (1 = oldest, -1 = latest), date
    /// (2026-09-03) or label
    #[arg(long, value_name = "WHICH", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// How the team's rounds are formed.
    #[command(flatten)]
    pub rounds: RoundArgs,
    /// How and where to write the result.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options of `compare`.
#[derive(Debug, Clone, Args)]
pub struct CompareArgs {
    /// The earlier assessment or round: number, date or label [default: the previous]
    #[arg(value_name = "A", allow_hyphen_values = true)]
    pub a: Option<String>,
    /// The later assessment or round: number, date or label [default: the latest]
    #[arg(value_name = "B", allow_hyphen_values = true)]
    pub b: Option<String>,
    /// How the team's rounds are formed.
    #[command(flatten)]
    pub rounds: RoundArgs,
    /// How and where to write the result.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options of `history`.
#[derive(Debug, Clone, Args)]
pub struct HistoryArgs {
    /// Also list the assessments withdrawn (`withdraw`), marked so; they count nowhere
    #[arg(long)]
    pub withdrawn: bool,
    /// How the team's rounds are formed.
    #[command(flatten)]
    pub rounds: RoundArgs,
    /// How and where to write the result.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `plan`, or one of its commands that change the plan.
#[derive(Debug, Clone, Args)]
pub struct PlanCommandArgs {
    /// What to change; with none, show the plan.
    #[command(subcommand)]
    pub command: Option<PlanCommand>,
    /// How to show the plan.
    #[command(flatten)]
    pub show: PlanArgs,
}

/// The commands that change the plan (each saves the answers file at once).
#[derive(Debug, Clone, Subcommand)]
pub enum PlanCommand {
    /// Give an action an owner and, optionally, a due date
    #[command(
        after_help = "Example:\n  mbct-sustain plan assign networks.buddy --owner Priya --due \
            2027-01-31"
    )]
    Assign {
        /// The action's id, as `mbct-sustain framework show` lists it
        #[arg(value_name = "ACTION")]
        action: String,
        /// Who owns it
        #[arg(long, value_name = "NAME", value_parser = parse_name)]
        owner: String,
        /// When it should be in place
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        due: Option<jiff::civil::Date>,
    },
    /// Take an action's owner and due date off the plan
    #[command(after_help = "Example:\n  mbct-sustain plan unassign networks.buddy")]
    Unassign {
        /// The action's id
        #[arg(value_name = "ACTION")]
        action: String,
    },
    /// Set (or --clear) the stage a domain should reach, and by when
    #[command(
        group = clap::ArgGroup::new("what").args(["stage", "clear"]).required(true),
        after_help = "Examples:\n  mbct-sustain plan target evaluation sustainable --by \
            2027-06-30\n  mbct-sustain plan target evaluation Embedded     # every stage met\n  \
            mbct-sustain plan target evaluation --clear"
    )]
    Target {
        /// The domain's id
        #[arg(value_name = "DOMAIN")]
        domain: String,
        /// The stage, by id or name (the completion label: every stage met)
        #[arg(value_name = "STAGE")]
        stage: Option<String>,
        /// When the domain should be there
        #[arg(long, value_name = "DATE", value_parser = parse_date, conflicts_with = "clear")]
        by: Option<jiff::civil::Date>,
        /// Remove the domain's target
        #[arg(long, conflicts_with = "stage")]
        clear: bool,
    },
    /// Set when the team reviews next: on a date, or every N months after the latest round
    #[command(
        group = clap::ArgGroup::new("when").args(["on", "every"]).required(true),
        after_help = "Examples:\n  mbct-sustain plan review --on 2027-03-01\n  mbct-sustain plan \
            review --every 6"
    )]
    Review {
        /// On this date
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<jiff::civil::Date>,
        /// Every N months after the latest round (or assessment)
        #[arg(long, value_name = "N", value_parser = review_months())]
        every: Option<u32>,
    },
    /// Go through the plan on a terminal: owners, due dates, targets, the next review
    Edit,
    /// The team agrees an action is now in place, between reviews
    #[command(
        after_help = "Example:\n  mbct-sustain plan done networks.buddy --on 2027-03-10 --note \
            \"Buddy scheme running\" --evidence \"Scheme leaflet\""
    )]
    Done {
        /// The action's id
        #[arg(value_name = "ACTION")]
        action: String,
        /// The day it was in place [default: today]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<jiff::civil::Date>,
        /// A comment for the record
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// What shows it is in place (added as evidence)
        #[arg(long, value_name = "TEXT")]
        evidence: Option<String>,
    },
}

/// Options of `plan`.
#[derive(Debug, Clone, Args)]
pub struct PlanArgs {
    /// Only these domains (by id; repeat for several)
    #[arg(long = "domain", value_name = "ID")]
    pub domains: Vec<String>,
    /// Which assessment (the team's: which round) to plan from [default: the latest]
    #[arg(long, value_name = "WHICH", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// How the team's rounds are formed.
    #[command(flatten)]
    pub rounds: RoundArgs,
    /// How and where to write the result.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options of `team`.
#[derive(Debug, Clone, Args)]
pub struct TeamArgs {
    /// Answers files to read [default: the answers file]
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Which round: number (1 = oldest, -1 = latest), date (2026-09-03) or label [default: the
    /// latest]
    #[arg(long, value_name = "WHICH", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// Leave out assessments taken before this date, before rounds are formed
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<jiff::civil::Date>,
    /// Only assessments with this label
    #[arg(long, value_name = "TEXT")]
    pub label: Option<String>,
    /// Show every agenda point on the terminal, not only the first 12
    #[arg(long)]
    pub all: bool,
    /// Show how many gave each answer instead of who (respondents are otherwise listed by name)
    #[arg(long)]
    pub anonymous: bool,
    /// How and where to write the result.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `evidence`, or one of its commands.
#[derive(Debug, Clone, Args)]
pub struct EvidenceArgs {
    /// What to change; with none, list the evidence.
    #[command(subcommand)]
    pub command: Option<EvidenceCommand>,
    /// How and where to write the list.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// The commands that change the evidence (each saves the answers file at once).
#[derive(Debug, Clone, Subcommand)]
pub enum EvidenceCommand {
    /// Record what shows an action is in place (dated today)
    Add {
        /// The action's id
        #[arg(value_name = "ACTION")]
        action: String,
        /// What shows it (a report, a record, minutes)
        #[arg(value_name = "TEXT")]
        text: String,
        /// Where to find it: an http or https address
        #[arg(long, value_name = "URL")]
        link: Option<String>,
        /// Who adds it [default: --respondent, if given]
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
    /// Remove a piece of evidence (kept in the file as a dated removal)
    Remove {
        /// The action's id
        #[arg(value_name = "ACTION")]
        action: String,
        /// Which of its evidence, as `evidence` numbers them [default: the only one]
        #[arg(value_name = "N")]
        number: Option<usize>,
    },
}

/// An agreed answer: one of the five, or none (left to the majority rule).
#[derive(Debug, Clone, Copy)]
pub struct Agreed(pub Option<crate::core::answers::Answer>);

/// An agreed answer as typed: one of the five, or `rule` (none).
fn parse_agreed(text: &str) -> Result<Agreed, String> {
    use crate::core::answers::Answer;
    let t = text.trim().to_lowercase().replace(['_', ' '], "-");
    if t == "rule" {
        return Ok(Agreed(None));
    }
    Answer::ALL
        .into_iter()
        .find(|a| a.key() == t || a.label().to_lowercase().replace(' ', "-") == t)
        .map(|a| Agreed(Some(a)))
        .ok_or_else(|| {
            format!(
                "`{text}` is not an answer; use in-place, in-progress, not-yet, dont-know, \
                not-applicable, or rule"
            )
        })
}

/// `people`, or one of its commands that change the roster.
#[derive(Debug, Clone, Args)]
pub struct PeopleArgs {
    /// What to change; with none, list the team.
    #[command(subcommand)]
    pub command: Option<PeopleCommand>,
    /// How and where to write the list.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// The commands that change the roster (each saves the answers file at once).
#[derive(Debug, Clone, Subcommand)]
pub enum PeopleCommand {
    /// Add someone to the team
    Add {
        /// Their name, as the team writes it
        #[arg(value_name = "NAME")]
        name: String,
        /// The login account they run mbct-sustain from: the name question starts on them there
        #[arg(long, value_name = "LOGIN")]
        account: Option<String>,
        /// Someone new, though their name looks like a member's (in letters of another script)
        #[arg(long)]
        new: bool,
    },
    /// Give someone a new name: their assessments, notes and plan steps follow, and the old name
    /// still means them
    Rename {
        /// The name (or another spelling) they go by now
        #[arg(value_name = "OLD")]
        old: String,
        /// The name to use from now on
        #[arg(value_name = "NEW")]
        new: String,
    },
    /// Two names are one person: SPELLING's assessments become INTO's
    Merge {
        /// The name to fold in (a typo, another spelling)
        #[arg(value_name = "SPELLING")]
        spelling: String,
        /// The member it means
        #[arg(value_name = "INTO")]
        into: String,
    },
    /// Someone left the team: later rounds do not wait for them; their answers are kept
    Leave {
        /// Their name
        #[arg(value_name = "NAME")]
        name: String,
        /// The day they left [default: today]
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<jiff::civil::Date>,
    },
}

/// The `framework` commands.
#[derive(Debug, Subcommand)]
pub enum FrameworkCommand {
    /// Print the framework in use: domains, stages and actions with their ids
    #[command(
        after_help = "Examples:\n  mbct-sustain framework show\n  mbct-sustain framework show \
            --format json"
    )]
    Show {
        /// How and where to write it.
        #[command(flatten)]
        output: OutputArgs<FrameworkFormats>,
    },
    /// Write a copy of the bundled framework to FILE, to adapt it
    #[command(
        after_help = "Examples:\n  mbct-sustain framework init my-framework.yaml\n  mbct-sustain \
            --framework my-framework.yaml   # then use it"
    )]
    Init {
        /// Where to write the copy
        // Its own id: `file` is the global --file (the answers file).
        #[arg(id = "copy", value_name = "FILE")]
        file: PathBuf,
        /// Overwrite FILE if it exists
        #[arg(long)]
        force: bool,
    },
    /// Check an adapted framework and list every problem found
    #[command(after_help = "Example:\n  mbct-sustain framework check my-framework.yaml")]
    Check {
        /// The framework file to check
        #[arg(id = "checked", value_name = "FILE")]
        file: PathBuf,
    },
}

/// A name that is not blank.
fn parse_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    let refused = "an owner needs a name; give one, or use `plan unassign` to take the owner off";
    if name.is_empty() {
        Err(refused.into())
    } else {
        Ok(name.to_string())
    }
}

/// An assessment's number as `history` lists it, with a plain message when it is not one.
fn parse_number(text: &str) -> Result<i64, String> {
    text.trim().parse().map_err(|_| {
        format!("`{text}` is not a number; give the number `history` shows beside it, like 3 or -1")
    })
}

/// `--every`'s parser: the months reviews may be set apart.
fn review_months() -> clap::builder::RangedI64ValueParser<u32> {
    let months = crate::core::answers::plan::REVIEW_MONTHS;
    clap::value_parser!(u32).range(i64::from(*months.start())..=i64::from(*months.end()))
}

/// A date as people type it (`--since`, `--due`, `--by`, `--on`), with a
/// plain message when it is not one, or not one a service plans around.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    crate::core::time::parse_day(text).map_err(|problem| words::day_problem(text, problem))
}

/// Ends as clap does, except that help or a version that cannot be written
/// (a full disk) is a failure, as any other output is.
fn finish(e: clap::Error) -> Error {
    match e.print().and_then(|()| io::stdout().flush()) {
        Err(source) if !e.use_stderr() && source.kind() != io::ErrorKind::BrokenPipe => {
            Error::WriteFailed {
                path: "standard output".into(),
                source,
            }
        }
        _ => std::process::exit(e.exit_code()),
    }
}

/// Parses the command line, with the bundled framework in `--version`.
pub fn parse() -> Result<Cli, Error> {
    use clap::FromArgMatches;
    // An empty setting would reach clap as a missing value, which names the
    // flag, not the variable the person set.
    for name in [
        "MBCT_SUSTAIN_FILE",
        "MBCT_SUSTAIN_FRAMEWORK",
        "MBCT_SUSTAIN_RESPONDENT",
    ] {
        if std::env::var_os(name).is_some_and(|v| v.is_empty()) {
            let why = format!(
                "the environment variable {name} is set but empty: unset it (`unset {name}`) or \
                    give it a value"
            );
            command()
                .error(clap::error::ErrorKind::InvalidValue, why)
                .exit();
        }
    }
    // `--version` alone, the commonest way to ask, is answered without building the parser (most
    // of its cost), with the line clap writes.
    let mut args = std::env::args_os().skip(1);
    if let (Some(only), None) = (args.next(), args.next())
        && (only == "--version" || only == "-V")
    {
        let mut out = io::stdout().lock();
        return match out
            .write_all(version_line().as_bytes())
            .and_then(|()| out.flush())
        {
            // As clap's: a full disk is a failure, a reader that stopped reading is not.
            Err(source) if source.kind() != io::ErrorKind::BrokenPipe => Err(Error::WriteFailed {
                path: "standard output".into(),
                source,
            }),
            _ => std::process::exit(0),
        };
    }
    let matches = command().try_get_matches().map_err(finish)?;
    let cli = Cli::from_arg_matches(&matches).map_err(|e| finish(e.format(&mut command())))?;
    if cli.command.is_some()
        && (cli.assess.label.is_some() || cli.assess.full || cli.assess.ascii || cli.assess.new)
    {
        let why = "--label, --full and --ascii before a command belong to the assessment: put them \
            after the command, or leave out the command";
        command()
            .error(clap::error::ErrorKind::ArgumentConflict, why)
            .exit();
    }
    Ok(cli)
}

/// The clap command, with the version naming the bundled framework (known when the program was
/// built: no framework is read for `--version`, `--help`, `completions` or `man`).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command().version(version())
}

/// The program's version, and the bundled framework's.
fn version() -> String {
    let (id, version) = crate::core::framework::BUNDLED_ID_VERSION;
    format!("{} (framework {id} {version})", env!("CARGO_PKG_VERSION"))
}

/// What `--version` prints, as clap prints it.
fn version_line() -> String {
    format!("mbct-sustain {}\n", version())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        super::command().debug_assert();
    }

    #[test]
    fn the_version_line_written_without_clap_is_claps() {
        assert_eq!(super::version_line(), super::command().render_version());
    }
}
