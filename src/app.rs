//! The shell: turns a parsed command line into reads, prompts and writes.
//!
//! Each command loads what it needs, calls the pure core to build a view,
//! renders it, and writes it out. Nothing here decides a stage or formats a
//! table; it only moves data between the person, the disk and the core.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::answers::History;
use crate::cli::{Cli, ColorChoice, Command, FrameworkCommand, Global, OutputArgs};
use crate::error::Error;
use crate::framework::{self, Framework};
use crate::input;
use crate::render::{self, Format, Look};
use crate::select;
use crate::store;
use crate::view;

mod assess;
mod framework_cmd;
mod man;
mod team;

/// What every command needs: the framework, the answers file, the person.
pub struct Context {
    /// The framework in use.
    pub framework: Framework,
    /// The answers file.
    pub file: PathBuf,
    /// Whether the answers file was named (flag or environment), not found.
    pub file_given: bool,
    /// The adapted framework's file, if one is in use.
    pub framework_file: Option<PathBuf>,
    /// The respondent named by flag or environment.
    pub respondent: Option<String>,
    /// Colour on stdout.
    pub color: bool,
    /// Fewer messages.
    pub quiet: bool,
}

impl Context {
    fn new(global: &Global) -> Result<Context, Error> {
        let framework = load_framework(global.framework.as_deref())?;
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        Ok(Context {
            framework,
            file: store::locate(global.file.as_deref(), &cwd),
            file_given: global.file.is_some(),
            framework_file: global.framework.clone(),
            respondent: global.respondent.clone().filter(|r| !r.trim().is_empty()),
            color: color_on(global.color, io::stdout().is_terminal()),
            quiet: global.quiet,
        })
    }

    fn look(&self, output: &OutputArgs) -> Look {
        let to_screen = output.output.is_none();
        Look {
            color: self.color && to_screen,
            ascii: output.ascii,
            width: if to_screen && io::stdout().is_terminal() {
                console::Term::stdout().size_checked().map(|(_, w)| w)
            } else {
                None
            },
        }
    }

    /// Writes a message to stderr unless `--quiet`; a closed terminal is ignored.
    fn note(&self, text: &str) {
        if self.quiet {
            return;
        }
        let width = io::stderr()
            .is_terminal()
            .then(|| console::Term::stderr().size_checked())
            .flatten()
            .map(|(_, w)| usize::from(w).saturating_sub(1))
            .filter(|w| *w >= 40);
        let text = match width {
            Some(w) => render::wrap::wrap_indented(text, w, "  "),
            None => text.to_string(),
        };
        let _ = writeln!(io::stderr(), "{text}");
    }

    /// Says once, plainly, when the latest assessment used another framework.
    fn note_framework_change(&self, history: &History) {
        if let Some(last) = history.assessments.last()
            && (last.framework.id != self.framework.id || last.framework.version != self.framework.version)
        {
            self.note(&format!(
                "note: the latest assessment was taken with framework {} {}; you are using {} {}. Answers are matched by action id.",
                last.framework.id, last.framework.version, self.framework.id, self.framework.version
            ));
        }
    }

    fn history(&self) -> Result<History, Error> {
        let h = store::load_existing(&self.file)?;
        self.note_framework_change(&h);
        Ok(h)
    }

    /// The assessment `selector` names, or the latest (by the respondent, if named).
    fn pick(&self, history: &History, selector: Option<&str>) -> Result<usize, Error> {
        let who = self.respondent.as_deref();
        match selector {
            Some(s) => select::select(history, s, who).ok_or_else(|| Error::NoSuchAssessment {
                path: self.file.clone(),
                selector: s.to_string(),
                count: history.indices_for(who).count(),
                respondent: self.respondent.clone(),
            }),
            None => history.latest_index(who).ok_or_else(|| Error::NoAssessments {
                path: self.file.clone(),
                respondent: self.respondent.clone(),
            }),
        }
    }
}

impl Context {
    /// The two assessments `compare` shows. By default the latest and the
    /// same person's assessment before it: comparing two people is `team`'s job.
    fn pick_pair(&self, history: &History, a: Option<&str>, b: Option<&str>) -> Result<(usize, usize), Error> {
        let b_given = b;
        let nothing = |respondent: Option<&str>| Error::NothingToCompare {
            path: self.file.clone(),
            count: history.indices_for(respondent).count(),
            respondent: respondent.map(str::to_string),
        };
        let (a, b) = match (a, b) {
            (None, _) => {
                let b = self.pick(history, b)?;
                let who = history.assessments[b].respondent.as_deref();
                let a = select::previous_of(history, b).ok_or_else(|| nothing(who.or(self.respondent.as_deref())))?;
                (a, b)
            }
            (Some(a), None) => {
                let a = self.pick(history, Some(a))?;
                let b = match self.respondent.as_deref() {
                    Some(who) => history.latest_index(Some(who)),
                    None => history.latest_of_exactly(history.assessments[a].respondent.as_deref()),
                }
                .unwrap_or(a);
                (a, b)
            }
            (Some(a), Some(b)) => (self.pick(history, Some(a))?, self.pick(history, Some(b))?),
        };
        if a == b {
            return Err(Error::SameAssessment {
                number: a + 1,
                latest: b_given.is_none(),
            });
        }
        let (x, y) = (&history.assessments[a].respondent, &history.assessments[b].respondent);
        if !crate::answers::same_person(x.as_deref(), y.as_deref()) {
            let name = |r: &Option<String>, n: usize| {
                r.clone()
                    .map_or(format!("#{n} has no name"), |r| format!("#{n} is {r}'s"))
            };
            self.note(&format!(
                "note: {} and {}; to see people side by side, use `mbct-sustain team`.",
                name(x, a + 1),
                name(y, b + 1)
            ));
        }
        Ok((a, b))
    }

    /// Says which person's assessment is shown when the file holds several
    /// people's and nobody was named.
    fn note_whose(&self, history: &History, index: usize) {
        if self.respondent.is_some() {
            return;
        }
        let shown = history.assessments[index].respondent.as_deref();
        let mut others: Vec<&str> = Vec::new();
        for a in &history.assessments {
            if let Some(r) = a.respondent.as_deref()
                && !crate::answers::same_person(Some(r), shown)
                && !others.iter().any(|o| crate::answers::same_person(Some(o), Some(r)))
            {
                others.push(r);
            }
        }
        if !others.is_empty() {
            self.note(&format!(
                "note: showing {} latest assessment; this file also holds {}'s. Use --respondent NAME to choose, or `mbct-sustain team` to see everyone.",
                shown.map_or("the".to_string(), |s| format!("{s}'s")),
                others.join("'s, ")
            ));
        }
    }
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    if cli.global.color == ColorChoice::Never || (cli.global.color == ColorChoice::Auto && no_color_env()) {
        console::set_colors_enabled_stderr(false);
    }
    match cli.command {
        None => assess::run(&Context::new(&cli.global)?, &cli.assess),
        Some(Command::Assess(args)) => assess::run(&Context::new(&cli.global)?, &args),
        Some(Command::Report(args)) => {
            let ctx = Context::new(&cli.global)?;
            let history = ctx.history()?;
            let index = ctx.pick(&history, args.at.as_deref())?;
            ctx.note_whose(&history, index);
            let report = view::report::build(&ctx.framework, &history, index, select::previous_of(&history, index));
            emit(&ctx, &report, &args.output)
        }
        Some(Command::Compare(args)) => {
            let ctx = Context::new(&cli.global)?;
            let history = ctx.history()?;
            let (a, b) = ctx.pick_pair(&history, args.a.as_deref(), args.b.as_deref())?;
            emit(
                &ctx,
                &view::compare::build(&ctx.framework, &history, a, b),
                &args.output,
            )
        }
        Some(Command::History(args)) => {
            let ctx = Context::new(&cli.global)?;
            let history = ctx.history()?;
            let indices: Vec<usize> = history.indices_for(ctx.respondent.as_deref()).collect();
            if ctx.respondent.is_none()
                && history.assessments.iter().any(|a| {
                    !crate::answers::same_person(a.respondent.as_deref(), history.assessments[0].respondent.as_deref())
                })
            {
                ctx.note("note: this file holds several people's assessments, shown together; --respondent NAME follows one person.");
            }
            if indices.is_empty() {
                return Err(Error::NoAssessments {
                    path: ctx.file.clone(),
                    respondent: ctx.respondent.clone(),
                });
            }
            emit(
                &ctx,
                &view::history::build(&ctx.framework, &history, &indices),
                &args.output,
            )
        }
        Some(Command::Plan(args)) => {
            let ctx = Context::new(&cli.global)?;
            check_domains(&ctx.framework, &args.domains)?;
            let history = ctx.history()?;
            let index = ctx.pick(&history, args.at.as_deref())?;
            ctx.note_whose(&history, index);
            let plan = view::plan::build(
                &ctx.framework,
                &history.assessments[index],
                view::AssessmentInfo::new(&history, index),
                &args.domains,
            );
            emit(&ctx, &plan, &args.output)
        }
        Some(Command::Team(args)) => team::run(&Context::new(&cli.global)?, &args),
        Some(Command::Framework(cmd)) => match cmd {
            FrameworkCommand::Show { format } => {
                framework_cmd::show(&load_framework(cli.global.framework.as_deref())?, format)
            }
            FrameworkCommand::Init { file, force } => {
                let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
                let answers = store::locate(cli.global.file.as_deref(), &cwd);
                framework_cmd::init(&file, force, &answers, cli.global.quiet)
            }
            FrameworkCommand::Check { file } => framework_cmd::check(&file),
        },
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut crate::cli::command(), "mbct-sustain", &mut out);
            let mut script = String::from_utf8_lossy(&out).into_owned();
            if shell == clap_complete::Shell::Bash {
                // clap_complete names a hyphenated binary's subcommands two ways
                // (clap-rs/clap#6421), so nothing past the first word completes.
                script = script.replace("mbct__subcmd__sustain", "mbct__sustain");
            }
            write_stdout(script.as_bytes())
        }
        Some(Command::Man) => {
            let page = man::page(crate::cli::command()).map_err(|source| Error::WriteFailed {
                path: "standard output".into(),
                source,
            })?;
            write_stdout(page.as_bytes())
        }
    }
}

fn check_domains(framework: &Framework, ids: &[String]) -> Result<(), Error> {
    for id in ids {
        if !framework.domains.iter().any(|d| &d.id == id) {
            let known: Vec<&str> = framework.domains.iter().map(|d| d.id.as_str()).collect();
            return Err(Error::UnknownDomain {
                id: id.clone(),
                known: known.join(", "),
            });
        }
    }
    Ok(())
}

/// Loads the framework from `path`, or the bundled one.
pub fn load_framework(path: Option<&Path>) -> Result<Framework, Error> {
    let Some(path) = path else {
        return Ok(Framework::bundled());
    };
    let text = input::read_text(path, store::MAX_FRAMEWORK_BYTES).map_err(|problem| Error::FrameworkUnreadable {
        path: path.to_path_buf(),
        problem,
    })?;
    framework::parse(&text).map_err(|problems| Error::FrameworkInvalid {
        name: path.display().to_string(),
        problems,
    })
}

/// Renders a view and writes it to stdout or `--output`.
fn emit<V: render::View>(ctx: &Context, v: &V, output: &OutputArgs) -> Result<(), Error> {
    emit_reading(ctx, v, output, &[])
}

/// As [`emit`], for a command that also read `inputs` (never written over).
fn emit_reading<V: render::View>(ctx: &Context, v: &V, output: &OutputArgs, inputs: &[PathBuf]) -> Result<(), Error> {
    let text = render::render(v, output.format, ctx.look(output));
    write_output(ctx, text.as_bytes(), output, inputs)
}

fn write_output(ctx: &Context, bytes: &[u8], output: &OutputArgs, inputs: &[PathBuf]) -> Result<(), Error> {
    match &output.output {
        Some(path) => {
            if inputs.iter().any(|input| store::same_file(input, path)) {
                return Err(Error::WouldOverwrite {
                    path: path.clone(),
                    what: "answers file",
                });
            }
            for (kept, what) in [
                (Some(&ctx.file), "answers file"),
                (ctx.framework_file.as_ref(), "framework"),
            ] {
                if kept.is_some_and(|k| store::same_file(k, path)) {
                    return Err(Error::WouldOverwrite {
                        path: path.clone(),
                        what,
                    });
                }
            }
            store::write_atomic(path, bytes).map_err(|source| Error::WriteFailed {
                path: path.clone(),
                source,
            })?;
            let what = match output.format {
                Format::Table => "table",
                Format::Markdown => "Markdown",
                Format::Csv => "CSV",
                Format::Json => "JSON",
            };
            ctx.note(&format!("Wrote the {what} to {}", path.display()));
            Ok(())
        }
        None => write_stdout(bytes),
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::WriteFailed {
            path: "standard output".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Colour only on a terminal, never with NO_COLOR or TERM=dumb, unless `always`.
fn color_on(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color_env() && std::env::var("TERM").map_or(true, |t| t != "dumb"),
    }
}

/// Prints an error as `error: …` and `hint: …` on stderr.
pub fn print_error(e: &Error, choice: ColorChoice) {
    let terminal = io::stderr().is_terminal();
    let color = color_on(choice, terminal);
    let width = terminal
        .then(|| {
            console::Term::stderr()
                .size_checked()
                .map(|(_, w)| usize::from(w).saturating_sub(1))
        })
        .flatten()
        .filter(|w| *w >= 40);
    let style = |label: &str, c: console::Color| {
        if color {
            console::style(label).fg(c).bold().force_styling(true).to_string()
        } else {
            label.to_string()
        }
    };
    // Stopping is the person's choice, not a failure: no "error:" then.
    let (label, hint) = match e {
        Error::Interrupted { .. } => (String::new(), String::new()),
        _ => (
            style("error:", console::Color::Red),
            style("hint:", console::Color::Cyan),
        ),
    };
    let line = |label: &str, text: &str| {
        let text = render::safe::printable(text);
        let text = if label.is_empty() {
            text.into_owned()
        } else {
            format!("{label} {text}")
        };
        match width {
            Some(w) => text
                .lines()
                .map(|l| render::wrap::wrap_indented(l, w, "  "))
                .collect::<Vec<_>>()
                .join("\n"),
            None => text,
        }
    };
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", line(&label, &e.to_string()));
    if let Some(h) = e.hint() {
        let _ = writeln!(err, "{}", line(&hint, &h));
    }
}
