//! The real interactive walk, driven through a pseudo-terminal as a person
//! would: keys in, screen text out.

use std::ffi::OsStr;
use std::fmt::Debug;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::*;
use expectrl::process::unix::WaitStatus;
use expectrl::{Captures, Eof, Expect, Needle, Regex, Session};
use mbct_sustain::core::answers::{self, Answer};
use mbct_sustain::present::words::AnswerWords;

pub(crate) type Pty = expectrl::session::OsSession;

/// How long a test waits for the screen to show something: a guard against
/// a hang, never a clock a passing test depends on.
const HANG: Duration = Duration::from_secs(120);

pub(crate) trait Screen {
    /// Waits until the screen shows `needle`; returns it and what came before.
    fn wait_for<N: Needle + Debug>(&mut self, needle: N) -> Captures;
}

impl Screen for Pty {
    fn wait_for<N: Needle + Debug>(&mut self, needle: N) -> Captures {
        // Polled gently: expectrl's own `expect` spins on a core, which on a
        // busy machine starves the very program it waits for.
        let start = Instant::now();
        loop {
            match self.check(&needle) {
                Ok(found) if !found.is_empty() => return found,
                Ok(_) if start.elapsed() < HANG => std::thread::sleep(Duration::from_millis(5)),
                other => {
                    let rest = self.check(Regex("(?s).+"));
                    let rest = rest.map(|c| String::from_utf8_lossy(c.as_bytes()).into_owned());
                    panic!(
                        "waiting for {needle:?}: {other:?}; the screen after the last match: \
                            {rest:?}"
                    );
                }
            }
        }
    }
}

/// `program` in `dir`, without colour and in a UTF-8 locale unless a test
/// says otherwise, with none of the tool's own variables set.
fn command(dir: &Path, program: impl AsRef<OsStr>) -> Command {
    let mut cmd = crate::common::program(dir, program);
    cmd.env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "C.UTF-8")
        .env("NO_COLOR", "1");
    cmd
}

/// Starts `cmd` on a 120x40 terminal.
fn spawn_command(cmd: Command) -> Pty {
    spawn_command_sized(cmd, 40, 120)
}

/// Starts `cmd` on a terminal of `rows` by `cols`, set before it starts, so
/// it never sees another size: a shell waits for a line, sets the size and
/// becomes `cmd`, since the pty's own default size is set only as the spawn
/// returns and could land after ours (the program then reads 80 columns).
fn spawn_command_sized(cmd: Command, rows: u16, cols: u16) -> Pty {
    let mut sh = Command::new("sh");
    let script = format!("read -r _ && stty rows {rows} cols {cols} && exec \"$0\" \"$@\"");
    sh.arg("-c")
        .arg(script)
        .arg(cmd.get_program())
        .args(cmd.get_args());
    sh.current_dir(cmd.get_current_dir().expect("a folder"));
    for (name, value) in cmd.get_envs() {
        match value {
            Some(value) => sh.env(name, value),
            None => sh.env_remove(name),
        };
    }
    let mut s = Session::spawn(sh).expect("spawn in a pty");
    s.send("\n").unwrap();
    s
}

/// Starts the walk in `dir` on an 120x40 terminal, without colour.
pub(crate) fn spawn(dir: &Path, args: &[&str]) -> Pty {
    spawn_with(dir, args, false)
}

/// Starts mbct-sustain in `dir` on an 120x40 terminal.
fn spawn_with(dir: &Path, args: &[&str], color: bool) -> Pty {
    let mut cmd = command(dir, assert_cmd::cargo::cargo_bin("mbct-sustain"));
    cmd.args(args);
    if color {
        cmd.env_remove("NO_COLOR");
    }
    spawn_command(cmd)
}

/// Starts mbct-sustain with `args` in a terminal of `rows` by `cols`.
fn spawn_sized(dir: &Path, rows: u16, cols: u16, args: &str) -> Pty {
    let mut cmd = command(dir, assert_cmd::cargo::cargo_bin("mbct-sustain"));
    cmd.args(args.split_whitespace());
    spawn_command_sized(cmd, rows, cols)
}

/// The keys that move the cursor from `from` to `to` and press Enter.
fn keys(from: Answer, to: Answer) -> String {
    let pos = |a| Answer::ALL.iter().position(|x| *x == a).unwrap() as i32;
    let d = pos(to) - pos(from);
    let mut k = if d > 0 {
        "j".repeat(d as usize)
    } else {
        "k".repeat((-d) as usize)
    };
    k.push('\r');
    k
}

fn label_to_answer(label: &str) -> Answer {
    *Answer::ALL.iter().find(|a| a.label() == label).unwrap()
}

/// Waits for action `n`'s prompt, returns where its cursor started.
fn expect_action(s: &mut Pty, n: usize, of: usize) -> Answer {
    s.wait_for(format!("Action {n} of {of}"));
    let c = s.wait_for(Regex(
        "❯ [1-5] (In place|In progress|Not yet|Don't know|Not applicable)",
    ));
    label_to_answer(std::str::from_utf8(c.get(1).unwrap()).unwrap())
}

/// The number key that chooses `a` at once.
fn number_key(a: Answer) -> String {
    let pos = Answer::ALL.iter().position(|x| *x == a).unwrap();
    (pos + 1).to_string()
}

/// Answers action `n` with `a` by its number key; returns where the cursor started.
fn answer(s: &mut Pty, n: usize, of: usize, a: Answer) -> Answer {
    let start = expect_action(s, n, of);
    s.send(number_key(a)).unwrap();
    start
}

fn skip_note(s: &mut Pty) {
    s.wait_for("A note for");
    s.send("\r").unwrap();
}

/// Waits for the end; returns the exit code and what was printed since the last prompt.
fn finish(mut s: Pty) -> (i32, String) {
    let c = s.wait_for(Eof);
    let text =
        String::from_utf8_lossy(&[c.before(), c.get(0).unwrap_or(&[])].concat()).into_owned();
    let code = match s.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("{other:?}"),
    };
    (code, text)
}

/// As [`walk_all`], once the first action's prompt (on Not yet) has been seen.
fn walk_all_from_here(s: &mut Pty, given: &[(&str, Answer)]) {
    s.send(keys(Answer::NotYet, given[0].1)).unwrap();
    let f = mbct_sustain::core::framework::Framework::bundled();
    let mut n = 0;
    for domain in &f.domains {
        for _ in &domain.actions {
            if n > 0 {
                answer(s, n + 1, 41, given[n].1);
            }
            n += 1;
        }
        skip_note(s);
    }
}

/// Walks all 41 bundled actions with `given` (in asking order), skipping notes.
/// Returns where each cursor started.
fn walk_all(s: &mut Pty, given: &[(&str, Answer)]) -> Vec<Answer> {
    let f = mbct_sustain::core::framework::Framework::bundled();
    let mut starts = Vec::new();
    let mut n = 0;
    for domain in &f.domains {
        for _ in &domain.actions {
            starts.push(answer(s, n + 1, 41, given[n].1));
            n += 1;
        }
        skip_note(s);
    }
    starts
}

fn load(dir: &Path) -> answers::History {
    answers::file::parse(&std::fs::read_to_string(dir.join("mbct-sustain.yaml")).unwrap()).unwrap()
}

#[test]
fn a_walk_into_a_file_of_ones_own_names_that_file_in_the_report_it_suggests() {
    let env = Env::new();
    let mut s = spawn(
        env.dir.path(),
        &["assess", "--file", "priya.yaml", "--respondent", "Priya"],
    );
    walk_all(&mut s, &mix());
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    let flat = console::strip_ansi_codes(&screen)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("`mbct-sustain report --file priya.yaml` shows the rest"),
        "{flat}"
    );
}

#[test]
fn a_first_walk_asks_all_41_from_not_yet_and_shows_the_stage_the_rule_gives() {
    let env = Env::new();
    let mut s = spawn(
        env.dir.path(),
        &["--respondent", "Sam", "assess", "--label", "First"],
    );
    s.wait_for("41 actions in 7 domains");
    s.wait_for(env.path("mbct-sustain.yaml").display().to_string());
    let starts = walk_all(&mut s, &mix());
    assert!(
        starts.iter().all(|a| *a == Answer::NotYet),
        "every first-run prompt starts on Not yet"
    );
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    let table = &screen[screen
        .rfind('┌')
        .unwrap_or_else(|| panic!("a table in {screen:?}"))..];
    let f = mbct_sustain::core::framework::Framework::bundled();
    for (id, stage) in MIX_STAGES {
        let name = &f.domains.iter().find(|d| d.id == id).unwrap().name;
        let first_words: String = name.chars().take(20).collect();
        let row = table
            .lines()
            .find(|l| l.contains(&first_words))
            .unwrap_or_else(|| panic!("{name} in\n{table}"));
        assert!(row.contains(stage), "{id} should be {stage}: {row}");
    }
    assert!(screen.contains("Next steps"));
    assert!(screen.contains("Saved as assessment #1"));

    let h = load(env.dir.path());
    assert_eq!(h.assessments.len(), 1);
    let a = &h.assessments[0];
    assert_eq!(a.label.as_deref(), Some("First"));
    assert_eq!(a.respondent.as_deref(), Some("Sam"));
    assert_eq!(a.answers.len(), 41);
    for (id, ans) in mix() {
        assert_eq!(a.answer(id), Some(ans), "{id}");
    }
    let report = env.json(&["report", "--format", "json"]);
    for (i, (_, stage)) in MIX_STAGES.iter().enumerate() {
        assert_eq!(report["domains"][i]["stage"]["name"], *stage);
    }
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("draft"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "a finished walk removes its draft: {leftovers:?}"
    );
}

#[test]
fn dont_know_is_offered_after_not_yet_saved_as_dont_know_and_not_in_place() {
    let env = Env::new();
    let mut s = spawn(env.dir.path(), &["--respondent", "Sam"]);
    s.wait_for("Action 1 of 41");
    // The cursor starts on Not yet; Don't know comes next, then Not applicable.
    s.wait_for(Regex(
        "❯ 3 Not yet[^A-Za-z]*Don't know[^A-Za-z]*Not applicable",
    ));
    let mut given = mix();
    given[0].1 = Answer::DontKnow; // fit.evidence-and-need, of the first stage
    walk_all_from_here(&mut s, &given);
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    let text = std::fs::read_to_string(env.path("mbct-sustain.yaml")).unwrap();
    assert!(text.contains("fit.evidence-and-need: dont-know"), "{text}");
    let report = env.json(&["report", "--format", "json"]);
    assert_eq!(
        report["domains"][0]["stage"]["id"], "starting-out",
        "Don't know is not in place"
    );
}

#[test]
fn esc_goes_back_to_the_previous_action_and_the_change_is_kept() {
    let env = Env::new();
    let mut s = spawn(env.dir.path(), &["--respondent", "Sam"]);
    answer(&mut s, 1, 41, Answer::InPlace);
    expect_action(&mut s, 2, 41);
    s.send("\x1b").unwrap();
    let start = expect_action(&mut s, 1, 41);
    assert_eq!(
        start,
        Answer::InPlace,
        "going back starts on the answer given"
    );
    s.send(keys(start, Answer::InProgress)).unwrap();
    expect_action(&mut s, 2, 41);
    s.send("\x03").unwrap();
    let (code, _) = finish(s);
    assert_eq!(code, 130);
    let draft = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".draft-"))
        .expect("a draft");
    assert!(
        std::fs::read_to_string(draft)
            .unwrap()
            .contains("fit.evidence-and-need: in-progress")
    );
}

#[test]
fn reruns_are_quick_prefilled_and_compare_shows_what_moved() {
    let env = Env::new();
    let dir = env.dir.path();
    let all_not_yet: Vec<(&str, Answer)> = mix()
        .into_iter()
        .map(|(id, _)| (id, Answer::NotYet))
        .collect();
    let mut s = spawn(dir, &["--respondent", "Sam"]);
    walk_all(&mut s, &all_not_yet);
    assert_eq!(finish(s).0, 0);

    // Nothing changed: Enter on whatever is asked until the walk saves, and
    // that takes one key per domain, with no action asked.
    let mut s = spawn(dir, &["--respondent", "Sam"]);
    s.wait_for("Sam's last assessment was on");
    let mut presses = 0;
    loop {
        let found = s.wait_for(Regex(
            "Has anything changed here|Action [0-9]+ of|A note for|Saved as assessment",
        ));
        let asked = String::from_utf8_lossy(found.get(0).unwrap()).into_owned();
        if asked.starts_with("Saved") {
            break;
        }
        assert!(
            asked.starts_with("Has anything"),
            "an unchanged rerun asked: {asked}"
        );
        s.send("\r").unwrap();
        presses += 1;
        assert!(presses <= 7, "more questions than domains");
    }
    assert_eq!(presses, 7, "one Enter per domain");
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    let h = load(dir);
    assert_eq!(h.assessments.len(), 2);
    assert_eq!(h.assessments[0].answers, h.assessments[1].answers);
    assert_eq!(h.assessments[0].notes, h.assessments[1].notes);

    // One domain changes: its selects start on the previous answers.
    let mut s = spawn(dir, &["--respondent", "Sam"]);
    s.wait_for("Has anything changed here");
    s.send("n").unwrap();
    s.wait_for("Domain 2 of 7");
    s.wait_for("Has anything changed here");
    s.send("y").unwrap();
    let evaluation = domain_actions("evaluation");
    for (i, _) in evaluation.iter().enumerate() {
        let to = if i == 0 {
            Answer::InPlace
        } else {
            Answer::NotYet
        };
        let start = answer(&mut s, 4 + i, 41, to);
        assert_eq!(start, Answer::NotYet, "starts on the previous answer");
    }
    skip_note(&mut s);
    for d in 3..=7 {
        s.wait_for(format!("Domain {d} of 7"));
        s.send("n").unwrap();
    }
    let (code, screen) = finish(s);
    assert_eq!(code, 0);
    assert!(
        screen.contains("↑ from"),
        "the table shows the change:\n{screen}"
    );

    let out = env.cmd().arg("compare").output().unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let row = out.lines().find(|l| l.contains("Developing an")).unwrap();
    assert!(
        row.contains("Starting out") && row.contains("Developmental"),
        "{row}"
    );
    assert!(
        out.contains("Plan for evaluation") && out.contains("Not yet → In place"),
        "{out}"
    );
    let history = String::from_utf8(env.cmd().arg("history").output().unwrap().stdout).unwrap();
    assert_eq!(
        history.lines().filter(|l| l.contains("Sam")).count(),
        3,
        "{history}"
    );
}

#[test]
fn ctrl_c_keeps_the_answers_and_the_next_walk_resumes_where_it_stopped() {
    let env = Env::new();
    let dir = env.dir.path();
    let given = mix();
    let mut s = spawn(dir, &["--respondent", "Sam"]);
    for (i, (_, a)) in given.iter().enumerate().take(3) {
        answer(&mut s, i + 1, 41, *a);
    }
    skip_note(&mut s);
    for (i, (_, a)) in given.iter().enumerate().skip(3).take(2) {
        answer(&mut s, i + 1, 41, *a);
    }
    expect_action(&mut s, 6, 41);
    s.send("\x03").unwrap();
    let (code, screen) = finish(s);
    assert_eq!(code, 130, "{screen}");
    // (A Ctrl-C landing between two prompts is taken up by the handler,
    // which says the same without the count.)
    assert!(screen.contains("answers so far are kept in"), "{screen}");
    assert!(screen.contains("\x1b[?25h"), "the cursor is shown again");
    assert!(
        screen.contains("Run `mbct-sustain --respondent Sam` again"),
        "{screen}"
    );
    assert!(
        !env.path("mbct-sustain.yaml").exists(),
        "nothing is recorded as a finished assessment"
    );

    let mut s = spawn(dir, &["--respondent", "Sam"]);
    s.wait_for("unfinished assessment");
    s.wait_for("5 of 41 answered");
    s.send("\r").unwrap();
    let f = mbct_sustain::core::framework::Framework::bundled();
    let mut n = 5;
    for (d, domain) in f.domains.iter().enumerate().skip(1) {
        for (i, _) in domain.actions.iter().enumerate() {
            if d == 1 && i < 2 {
                continue;
            }
            answer(&mut s, n + 1, 41, given[n].1);
            n += 1;
        }
        skip_note(&mut s);
    }
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    let h = load(dir);
    assert_eq!(h.assessments.len(), 1);
    assert_eq!(h.assessments[0].answers.len(), 41);
    for (id, a) in given {
        assert_eq!(h.assessments[0].answer(id), Some(a), "{id}");
    }
}

#[test]
fn an_adapted_framework_with_a_fourth_stage_asks_48_and_shows_four_stage_columns() {
    let env = Env::new();
    env.cmd()
        .args(["framework", "init", "my.yaml"])
        .assert()
        .success();
    let mut f = mbct_sustain::core::framework::from_yaml(&env.read("my.yaml")).unwrap();
    f.stages.push(mbct_sustain::core::framework::Stage {
        id: "thriving".into(),
        name: "Thriving".into(),
    });
    for d in &mut f.domains {
        d.actions.push(mbct_sustain::core::framework::Action {
            id: format!("{}.thriving", d.id),
            stage: "thriving".into(),
            text: format!("Share what works in {}", d.id),
            explain: None,
            links: Vec::new(),
            stage_index: 0,
        });
    }
    env.write("my.yaml", f.to_yaml());
    let mut s = spawn(
        env.dir.path(),
        &["--framework", "my.yaml", "--respondent", "Sam"],
    );
    s.wait_for("48 actions in 7 domains");
    let mut n = 0;
    for d in &f.domains {
        for _ in &d.actions {
            n += 1;
            answer(&mut s, n, 48, Answer::InPlace);
        }
        skip_note(&mut s);
    }
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    let table = &screen[screen.rfind('┌').expect("a table")..];
    let header = table
        .lines()
        .find(|l| l.contains("Domain") && l.contains("Working in"))
        .unwrap();
    assert!(
        !header.contains(" Stage "),
        "the column says Working in: {header}"
    );
    for stage in ["Starting out", "Developmental", "Sustainable", "Thriving"] {
        assert!(header.contains(stage), "{header}");
    }
    assert_eq!(load(env.dir.path()).assessments[0].answers.len(), 48);
}

#[test]
fn a_bad_answers_file_stops_the_walk_before_any_question_and_is_left_as_it_was() {
    for bytes in [
        b"format: 1\nassessments:\n  - taken_at: [unclosed\n".as_slice(),
        b"format: 9\nassessments: []\n".as_slice(),
        b"".as_slice(),
    ] {
        let env = Env::new();
        env.write("mbct-sustain.yaml", bytes);
        let s = spawn(env.dir.path(), &["--respondent", "Sam"]);
        let (code, screen) = finish(s);
        assert_eq!(code, 1, "{screen}");
        assert!(screen.contains("mbct-sustain.yaml"), "{screen}");
        assert!(
            !screen.contains("Action 1 of"),
            "no question was asked: {screen}"
        );
        assert_eq!(env.bytes("mbct-sustain.yaml"), bytes);
    }
}

#[test]
fn control_characters_in_the_framework_are_shown_not_obeyed_in_prompts() {
    let env = Env::new();
    let evil = include_str!("../framework.yaml").replacen(
        "text: Base service on evidence and local need (i.e., commissioning or clear service gap)",
        "text: \"\\e]0;pwned\\a\\e[2JBase service on evidence\"",
        1,
    );
    env.write("f.yaml", evil);
    let mut s = spawn(
        env.dir.path(),
        &["--framework", "f.yaml", "--respondent", "Sam"],
    );
    let c = s.wait_for(Regex("❯ 3 Not yet"));
    let screen = String::from_utf8_lossy(c.before()).into_owned();
    assert!(
        screen.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[2JBase service"),
        "{screen}"
    );
    assert!(!screen.contains("\x1b]0;pwned"));
    s.send("\x03").unwrap();
    assert_eq!(finish(s).0, 130);
}

#[test]
fn four_stages_and_two_domains_are_walked_end_to_end() {
    let env = Env::new();
    env.write("four.yaml", four_stage_framework());
    let mut s = spawn(
        env.dir.path(),
        &["--framework", "four.yaml", "--respondent", "Sam"],
    );
    s.wait_for("8 actions in 2 domains");
    let plan = [
        Answer::InPlace,
        Answer::InPlace,
        Answer::InProgress,
        Answer::NotYet,
    ];
    for d in 0..2 {
        for (i, a) in plan.iter().enumerate() {
            let start = answer(&mut s, d * 4 + i + 1, 8, *a);
            assert_eq!(start, Answer::NotYet);
        }
        skip_note(&mut s);
    }
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    let table = &screen[screen.rfind('┌').unwrap()..];
    let header = table.lines().find(|l| l.contains("Domain")).unwrap();
    for stage in ["One", "Two", "Three", "Four"] {
        assert!(header.contains(stage), "{header}");
    }
    let alpha = table.lines().find(|l| l.contains("Alpha")).unwrap();
    assert!(alpha.contains("Three"), "{alpha}");
}

#[test]
fn on_a_terminal_stages_are_coloured_unless_no_color_is_set() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-09-03T10:00:00Z")]),
    );
    let (code, coloured) = finish(spawn_with(env.dir.path(), &["report"], true));
    assert_eq!(code, 0);
    assert!(
        coloured.contains("\x1b[3"),
        "a colour code on a terminal: {coloured:?}"
    );
    let (code, plain) = finish(spawn_with(env.dir.path(), &["report"], false));
    assert_eq!(code, 0);
    assert!(
        !plain.contains('\x1b'),
        "no escape code with NO_COLOR: {plain:?}"
    );
    let (_, never) = finish(spawn_with(
        env.dir.path(),
        &["report", "--color", "never"],
        true,
    ));
    assert!(!never.contains('\x1b'));
}

#[test]
fn esc_goes_back_across_a_domain_through_its_note() {
    let env = Env::new();
    let mut s = spawn(env.dir.path(), &["--respondent", "Sam"]);
    for n in 1..=3 {
        answer(&mut s, n, 41, Answer::InProgress);
    }
    s.wait_for("A note for");
    s.send("Review in March\r").unwrap();
    expect_action(&mut s, 4, 41);
    s.send("\x1b").unwrap();
    s.wait_for("Enter keeps it as it is");
    s.wait_for("Review in March");
    s.send("\x1b").unwrap();
    let start = expect_action(&mut s, 3, 41);
    assert_eq!(
        start,
        Answer::InProgress,
        "back on the last action of the previous domain"
    );
    s.send(keys(start, Answer::InPlace)).unwrap();
    s.wait_for("A note for");
    s.send("\r").unwrap();
    expect_action(&mut s, 4, 41);
    s.send("\x03").unwrap();
    assert_eq!(finish(s).0, 130);
    let draft = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".draft-"))
        .unwrap();
    let draft = std::fs::read_to_string(draft).unwrap();
    assert!(draft.contains("fit.service-culture: in-place"), "{draft}");
    assert!(
        draft.contains("fit: Review in March"),
        "the note was kept: {draft}"
    );
}

#[test]
fn plan_edit_changes_nothing_on_enter_and_keeps_a_change_confirmed_before_ctrl_c() {
    let env = Env::new();
    let mut a = mixed("2026-09-03T10:00:00Z");
    a.respondent = Some("Sam".into());
    env.write("mbct-sustain.yaml", file_of(vec![a]));
    // A target below the stage the domain works in is kept by Enter too.
    env.cmd()
        .args(["plan", "target", "evaluation", "starting-out"])
        .assert()
        .success();
    let before = env.bytes("mbct-sustain.yaml");

    // Enter on every question: nothing changes, and the plan is shown. At
    // the last question, Esc goes back once (past dates with no target).
    let mut s = spawn(env.dir.path(), &["plan", "edit"]);
    let mut asked = 0;
    let mut went_back = false;
    loop {
        let found = s.wait_for(Regex("Question ([0-9]+) of ([0-9]+)|Next steps from"));
        if found.get(0).unwrap().starts_with(b"Next steps") {
            break;
        }
        let number = |i| {
            String::from_utf8_lossy(found.get(i).unwrap())
                .parse::<usize>()
                .unwrap()
        };
        let (at, of) = (number(1), number(2));
        if at == of && !went_back {
            went_back = true;
            s.send("\x1b").unwrap();
            let back = s.wait_for(Regex("Question ([0-9]+) of"));
            let earlier: usize = String::from_utf8_lossy(back.get(1).unwrap())
                .parse()
                .unwrap();
            assert!(
                earlier < of,
                "Esc goes back from the last question, to {earlier}"
            );
        }
        s.send("\r").unwrap();
        asked += 1;
        assert!(asked < 200, "the questions end");
    }
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    assert!(
        asked > 10,
        "every step's owner and date, each target, the review: {asked}"
    );
    assert_eq!(
        env.bytes("mbct-sustain.yaml"),
        before,
        "Enter changes nothing"
    );

    // An owner typed for the first step is saved at once, and kept through Ctrl-C.
    let mut s = spawn(env.dir.path(), &["plan", "edit"]);
    s.wait_for("Question 1 of");
    s.wait_for("Owner");
    s.send("Priya").unwrap();
    s.wait_for("Priya");
    s.send("\r").unwrap();
    s.wait_for("Saved: ");
    s.wait_for("Question 2 of");
    s.send("\x03").unwrap();
    let (code, screen) = finish(s);
    assert_eq!(code, 130, "{screen}");
    // ("1 change confirmed is saved", or the handler's words when the
    // Ctrl-C lands between two prompts.)
    assert!(screen.contains("confirmed is saved"), "{screen}");
    let json = env.json(&["plan", "--format", "json"]);
    assert_eq!(json["domains"][0]["steps"][0]["owner"], "Priya", "{json}");
}

#[test]
fn a_terminal_of_two_rows_is_told_so_and_nothing_panics() {
    let env = Env::new();
    let (code, screen) = finish(spawn_sized(env.dir.path(), 2, 120, "--respondent Sam"));
    assert_eq!(code, 1, "{screen}");
    assert!(screen.contains("the terminal is 2 rows high"), "{screen}");
    assert!(!screen.contains("panicked"), "{screen}");
}

#[test]
fn a_long_pasted_note_is_taken_whole() {
    // The time it takes is a figure for the closing note, not an assertion.
    let env = Env::new();
    let mut s = spawn(env.dir.path(), &["--respondent", "Sam"]);
    for n in 1..=3 {
        answer(&mut s, n, 41, Answer::NotYet);
    }
    s.wait_for("A note for");
    let note = "x".repeat(3000);
    let start = std::time::Instant::now();
    s.send(&note).unwrap();
    s.send("\r").unwrap();
    expect_action(&mut s, 4, 41);
    let took = start.elapsed();
    s.send("\x03").unwrap();
    let (code, _) = finish(s);
    assert_eq!(code, 130);
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "a 3,000-character note took {took:?} from paste to the next question"
    );
    let draft = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.to_string_lossy().contains(".draft-") && !p.to_string_lossy().ends_with(".lock")
        })
        .expect("a draft");
    assert!(
        std::fs::read_to_string(draft).unwrap().contains(&note),
        "the whole note is kept"
    );
}

#[test]
fn the_note_prompt_takes_the_keys_of_a_shell_line() {
    let env = Env::new();
    let mut s = spawn(env.dir.path(), &["--respondent", "Sam"]);
    answer(&mut s, 1, 41, Answer::NotYet);
    // What each answer means is on the screen with the question.
    s.wait_for("Action 2 of 41");
    s.wait_for("In place: done and part of how the service works");
    s.wait_for("not sure (counts as not in place)");
    s.wait_for("Not applicable: does not apply to your service");
    s.wait_for("❯ 3 Not yet");
    s.send("\r").unwrap();
    answer(&mut s, 3, 41, Answer::NotYet);
    s.wait_for("A note for");
    s.send("first draft").unwrap();
    s.wait_for("first draft");
    s.send("\x15").unwrap(); // Ctrl-U: away with it
    s.send("plan agreed").unwrap();
    s.wait_for("plan agreed");
    s.send("\x01").unwrap(); // Ctrl-A, then typing goes at the start
    s.send("The ").unwrap();
    s.wait_for("The plan agreed");
    s.send("\r").unwrap();
    expect_action(&mut s, 4, 41);
    s.send("\x03").unwrap();
    finish(s);
    let draft = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.to_string_lossy().contains(".draft-") && !p.to_string_lossy().ends_with(".lock")
        })
        .expect("a draft");
    let text = std::fs::read_to_string(draft).unwrap();
    assert!(text.contains("fit: The plan agreed"), "{text}");
    assert!(!text.contains("first draft"));
}

#[test]
fn a_rerun_shows_last_times_answers_before_asking_what_changed() {
    let env = Env::new();
    let mut a = mixed("2026-06-03T10:00:00Z");
    a.respondent = Some("Sam".into());
    env.write("mbct-sustain.yaml", file_of(vec![a]));
    let mut s = spawn(env.dir.path(), &["--respondent", "Sam"]);
    s.wait_for("Domain 1 of 7");
    s.wait_for("Last time (2026-06-03):");
    s.wait_for(Regex("In place +Base service on evidence"));
    s.wait_for("Has anything changed here since then?");
    s.send("\x03").unwrap();
    finish(s);
}

#[test]
fn an_actions_explanation_and_links_are_shown_with_it() {
    let env = Env::new();
    env.write(
        "f.yaml",
        "id: t\ntitle: T\nversion: 1\ncompletion_label: Done\nstages:\n  - \
            {id: s, name: Start}\ndomains:\n  - id: gov\n    name: Governance\n    actions:\n      \
            - id: gov.gpg\n        stage: s\n        text: Work within the GPG\n        explain: \
            \"GPG: the Good Practice Guidelines\"\n        links:\n          - \
            {title: Good Practice Guidelines, url: 'https://example.org/gpg'}\n",
    );
    let mut s = spawn(
        env.dir.path(),
        &["--framework", "f.yaml", "--respondent", "Sam"],
    );
    s.wait_for("Work within the GPG");
    s.wait_for("GPG: the Good Practice Guidelines");
    s.wait_for("Good Practice Guidelines: https://example.org/gpg");
    s.send("\x03").unwrap();
    finish(s);
}

#[test]
fn at_80_columns_report_stays_a_table_with_short_names() {
    let env = Env::new();
    let mut a = mixed("2026-06-03T10:00:00Z");
    a.respondent = Some("Sam".into());
    let mut b = mixed("2026-12-03T10:00:00Z");
    b.respondent = Some("Sam".into());
    env.write("mbct-sustain.yaml", file_of(vec![a, b]));
    let (code, screen) = finish(spawn_sized(env.dir.path(), 50, 80, "report"));
    assert_eq!(code, 0, "{screen}");
    let rows: Vec<&str> = screen.lines().filter(|l| l.starts_with('│')).collect();
    assert!(!rows.is_empty(), "a table with borders: {screen}");
    assert!(
        screen.lines().all(|l| console::measure_text_width(l) <= 80),
        "{screen}"
    );
    for short in ["Evaluation", "Top-down", "Nourishing"] {
        assert!(
            rows.iter().any(|r| r.contains(short)),
            "{short} has a row: {screen}"
        );
    }
    assert!(
        !screen.contains("Working in: "),
        "not the row-by-row layout: {screen}"
    );
}

#[test]
fn plan_edit_stopped_by_ctrl_c_goes_on_next_time_from_the_question_where_it_stopped() {
    let env = Env::new();
    let mut a = mixed("2026-09-03T10:00:00Z");
    a.respondent = Some("Sam".into());
    env.write("mbct-sustain.yaml", file_of(vec![a]));
    let place = env.path("mbct-sustain.yaml.plan-edit");

    let mut s = spawn(env.dir.path(), &["plan", "edit"]);
    for n in 1..=2 {
        s.wait_for(format!("Question {n} of"));
        s.send("\r").unwrap();
    }
    s.wait_for("Question 3 of");
    s.send("\x03").unwrap();
    assert_eq!(finish(s).0, 130);
    let key = std::fs::read_to_string(&place).expect("where it stopped is kept");
    assert!(
        key.starts_with("owner "),
        "question 3 is the second step's owner: {key}"
    );

    let mut s = spawn(env.dir.path(), &["plan", "edit"]);
    s.wait_for("Carrying on from question 3");
    let first = s.wait_for(Regex("Question ([0-9]+) of ([0-9]+)"));
    assert_eq!(
        first.get(1).unwrap(),
        b"3",
        "the first question asked is the one where it stopped"
    );
    let of: usize = String::from_utf8_lossy(first.get(2).unwrap())
        .parse()
        .unwrap();
    s.send("\r").unwrap();
    // Enter on the rest (a target date with no target is not asked).
    loop {
        let found = s.wait_for(Regex("Question ([0-9]+) of|Next steps from"));
        if found.get(0).unwrap().starts_with(b"Next steps") {
            break;
        }
        s.send("\r").unwrap();
        assert!(
            String::from_utf8_lossy(found.get(1).unwrap())
                .parse::<usize>()
                .unwrap()
                <= of
        );
    }
    assert_eq!(finish(s).0, 0);
    assert!(
        !place.exists(),
        "a finished plan edit leaves no place behind"
    );
}

#[test]
fn where_the_locale_cannot_show_unicode_the_walk_draws_in_ascii() {
    let env = Env::new();
    let mut cmd = command(env.dir.path(), assert_cmd::cargo::cargo_bin("mbct-sustain"));
    cmd.args(["--respondent", "Sam"]).env("LANG", "C");
    let mut s = spawn_command(cmd);
    let mut screen = Vec::new();
    // Enter on every question: each action stays Not yet, no note.
    let f = mbct_sustain::core::framework::Framework::bundled();
    let mut n = 0;
    for domain in &f.domains {
        for _ in &domain.actions {
            n += 1;
            screen.extend(s.wait_for(format!("Action {n} of 41")).as_bytes());
            screen.extend(s.wait_for("> 3 Not yet").as_bytes());
            s.send("\r").unwrap();
        }
        screen.extend(s.wait_for("A note for").as_bytes());
        s.send("\r").unwrap();
    }
    let (code, rest) = finish(s);
    let screen = String::from_utf8_lossy(&screen).into_owned() + &rest;
    assert_eq!(code, 0, "{screen}");
    for glyph in ['❯', '›', '✔', '↑', '·', '┌', '│', '─', '‘', '’'] {
        assert!(!screen.contains(glyph), "{glyph} under LANG=C:\n{screen}");
    }
    assert!(screen.contains("Up/Down"), "{screen}");
    assert!(
        screen.contains("Making it 'fit'"),
        "the framework's quotes in ASCII: {screen}"
    );
    assert!(screen.contains("+-"), "an ASCII table: {screen}");
}

#[test]
fn the_terminal_is_given_back_in_line_mode_when_ctrl_c_stops_the_walk() {
    // While the questions run, keys typed ahead wait unechoed for the next
    // prompt; the shell after the walk must get its line editing back.
    let env = Env::new();
    let bin = assert_cmd::cargo::cargo_bin("mbct-sustain");
    let mut cmd = command(env.dir.path(), "sh");
    cmd.arg("-c")
        .arg(format!("{} --respondent Sam; stty -a", bin.display()));
    let mut s = spawn_command(cmd);
    answer(&mut s, 1, 41, Answer::InPlace);
    expect_action(&mut s, 2, 41);
    s.send("\x03").unwrap();
    let mode = s.wait_for(Regex("[ -]icanon"));
    assert_eq!(mode.get(0).unwrap(), b" icanon", "canonical mode is back");
    assert_eq!(finish(s).0, 0, "the shell's own stty ran");
}

/// Alex, Priya and Sam have answered, Sam last.
fn three_people(env: &Env) {
    let named = |name: &str, when: &str| {
        let mut a = mixed(when);
        a.respondent = Some(name.into());
        a
    };
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            named("Alex", "2026-12-01T10:00:00Z"),
            named("Priya", "2026-12-02T10:00:00Z"),
            named("Sam", "2026-12-03T10:00:00Z"),
        ]),
    );
}

#[test]
fn the_name_question_offers_the_team_starts_on_no_colleague_and_asks_about_a_likely_typo() {
    let env = Env::new();
    three_people(&env);
    let mut cmd = command(env.dir.path(), assert_cmd::cargo::cargo_bin("mbct-sustain"));
    cmd.env("USER", "nobody-on-the-team");
    let mut s = spawn_command(cmd);
    s.wait_for("Who is answering?");
    s.wait_for("Priya");
    // The cursor starts on "someone new", never on Sam, who answered last.
    s.wait_for("❯ Someone new (type a name)");
    s.send("\r").unwrap();
    s.wait_for("Your name");
    s.send("Pryia").unwrap();
    s.wait_for("Pryia");
    s.send("\r").unwrap();
    s.wait_for("Did you mean Priya?");
    s.wait_for("❯ Yes, Priya");
    s.send("\r").unwrap();
    s.wait_for("Answering as Priya");
    s.wait_for("Has anything changed here");
    s.send("\x03").unwrap();
    finish(s);
}

#[test]
fn the_name_question_starts_on_the_member_whose_account_runs_the_tool() {
    let env = Env::new();
    three_people(&env);
    env.cmd()
        .args(["people", "add", "Jo", "--account", "jo.smith"])
        .assert()
        .success();
    let mut cmd = command(env.dir.path(), assert_cmd::cargo::cargo_bin("mbct-sustain"));
    cmd.env("USER", "jo.smith");
    let mut s = spawn_command(cmd);
    s.wait_for("❯ Jo");
    s.send("\r").unwrap();
    s.wait_for("Answering as Jo");
    s.send("\x03").unwrap();
    finish(s);
}

#[test]
fn a_new_answers_file_is_announced_before_the_first_question() {
    let env = Env::new();
    let mut s = spawn(env.dir.path(), &["--respondent", "Sam"]);
    s.wait_for("No answers file here or in the folders above: starting a new one at");
    s.wait_for("Stop with");
    s.wait_for("MBCT_SUSTAIN_FILE.");
    expect_action(&mut s, 1, 41);
    s.send("\x03").unwrap();
    finish(s);
}

#[test]
fn a_framework_in_chinese_never_runs_past_80_columns() {
    let env = Env::new();
    let cjk =
        "正念认知疗法服务的可持续发展与团队支持，确保每位成员都能获得督导和持续的专业发展机会";
    let framework = [
        "id: cjk",
        "title: 正念认知疗法服务的可持续发展框架与团队支持评估工具",
        "version: '1'",
        "completion_label: 已嵌入",
        "stages:",
        "  - {id: s0, name: 起步阶段的服务与团队建设工作}",
        "domains:",
        "  - id: d",
        "    name: 服务契合度与循证基础以及当地需求评估和团队建设",
        "    actions:",
        &format!("      - {{id: a, stage: s0, text: {cjk}{cjk}}}"),
        &format!("      - {{id: b, stage: s0, text: {cjk}}}"),
        "",
    ]
    .join("\n");
    env.write("cjk.yaml", framework);
    let mut s = spawn_sized(
        env.dir.path(),
        40,
        80,
        "--framework cjk.yaml --respondent Sam",
    );
    let first = s.wait_for("❯ 3 Not yet");
    s.send("\r").unwrap();
    let second = s.wait_for("Action 2 of 2");
    s.send("\x03").unwrap();
    let (_, rest) = finish(s);
    let shown = [first.before(), second.before()]
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .concat()
        + &rest;
    let plain = console::strip_ansi_codes(&shown);
    for line in plain
        .split(['\n', '\r'])
        .filter(|l| !l.contains(" › ") && !l.starts_with("? "))
    {
        assert!(
            console::measure_text_width(line) <= 80,
            "{} columns: {line}",
            console::measure_text_width(line)
        );
    }
}

#[test]
fn the_meeting_saves_each_agreement_as_it_goes_and_carries_on_where_it_stopped() {
    let env = Env::new();
    // Three people who answer every action differently: Alex In place,
    // Priya Not yet, Sam Don't know.
    let person = |name: &str, when: &str, a: Answer| {
        let mut x = assessment(when, a, &[]);
        x.respondent = Some(name.into());
        x
    };
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            person("Alex", "2026-12-01T10:00:00Z", Answer::InPlace),
            person("Priya", "2026-12-02T10:00:00Z", Answer::NotYet),
            person("Sam", "2026-12-03T10:00:00Z", Answer::DontKnow),
        ]),
    );
    let agenda = env.json(&["team", "--format", "json"]);
    let points: Vec<String> = agenda["discussion"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["action"].as_str().unwrap().to_string())
        .collect();
    let mut s = spawn(env.dir.path(), &["meeting"]);
    for (i, point) in points.iter().take(3).enumerate() {
        s.wait_for(format!("Point {} of {} ", i + 1, points.len()));
        s.wait_for(point.as_str());
        s.wait_for("6 Leave it to the majority rule");
        s.send("1").unwrap(); // In place, by its number key
        s.wait_for("A comment for the record?");
        s.send("\r").unwrap();
    }
    s.wait_for(format!("Point 4 of {} ", points.len()));
    s.send("\x03").unwrap();
    let (code, screen) = finish(s);
    assert_eq!(code, 130, "{screen}");
    let saved = |env: &Env| {
        mbct_sustain::core::answers::file::parse(&env.read("mbct-sustain.yaml"))
            .unwrap()
            .agreements
    };
    let agreed: Vec<String> = saved(&env).iter().map(|a| a.action.clone()).collect();
    assert_eq!(
        agreed.len(),
        3,
        "each of the three is saved as it is confirmed: {agreed:?}"
    );
    let texts: Vec<String> = points[..3].to_vec();
    let mut s = spawn(env.dir.path(), &["meeting"]);
    s.wait_for(format!(
        "{} of {} points open",
        points.len() - 3,
        points.len()
    ));
    let shown = s.wait_for(Regex(r"\? Point \d+ of \d+ [^\n]*\n([^\r\n]+)"));
    let first = String::from_utf8_lossy(shown.get(1).unwrap()).into_owned();
    assert!(
        !texts.contains(&first),
        "carries on with a point not yet agreed: {first}"
    );
    s.send("\x03").unwrap();
    finish(s);
    assert_eq!(saved(&env).len(), 3, "nothing lost, nothing doubled");
}

#[test]
fn the_meetings_line_for_an_agreed_point_shows_the_answer_agreed_at_80_columns() {
    let env = Env::new();
    let person = |name: &str, when: &str, a: Answer| {
        let mut x = assessment(when, a, &[]);
        x.respondent = Some(name.into());
        x
    };
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            person("Alex", "2026-12-01T10:00:00Z", Answer::InPlace),
            person("Priya", "2026-12-02T10:00:00Z", Answer::NotYet),
            person("Sam", "2026-12-03T10:00:00Z", Answer::DontKnow),
        ]),
    );
    let mut s = spawn_sized(env.dir.path(), 24, 80, "meeting");
    s.wait_for("6 Leave it to the majority rule");
    s.send("2").unwrap(); // In progress
    let line = s.wait_for(Regex("✔[^\r\n]*"));
    let line = console::strip_ansi_codes(&String::from_utf8_lossy(line.as_bytes())).into_owned();
    assert!(
        line.contains("Agreed In progress"),
        "the answer agreed is on the line a long action leaves: {line}"
    );
    s.send("\x03").unwrap();
    finish(s);
}

#[test]
fn a_rerun_shows_the_teams_decision_beside_an_answer_and_closes_within_24_rows() {
    let env = Env::new();
    crate::record::after_round_one(&env);
    crate::record::add_round(&env, crate::record::round("09", &[]));
    env.cmd()
        .args([
            "plan",
            "assign",
            "networks.buddy",
            "--owner",
            "Priya",
            "--due",
            "2027-01-31",
        ])
        .assert()
        .success();
    let mut s = spawn_sized(env.dir.path(), 24, 80, "--respondent Sam");
    // Sam said In place to the point the team agreed was In progress.
    s.wait_for(Regex(
        r"the\s+team\s+agreed\s+In\s+progress\s+on\s+2026-06-15",
    ));
    s.wait_for(Regex(r"Only\s+one\s+pathway\s+so\s+far"));
    let domains = mbct_sustain::core::framework::Framework::bundled()
        .domains
        .len();
    for _ in 1..=domains {
        s.wait_for("Has anything changed here since then?");
        s.send("n").unwrap();
    }
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    let lines: Vec<&str> = screen.split("\r\n").collect();
    let start = lines
        .iter()
        .position(|l| l.contains("Maintaining and sustaining an MBCT service: assessment"))
        .unwrap_or_else(|| panic!("the closing screen: {screen}"));
    let closing = &lines[start..];
    let closing: Vec<&&str> = closing
        .iter()
        .rev()
        .skip_while(|l| l.trim().is_empty())
        .collect();
    assert!(
        closing.len() <= 24,
        "{} rows:\n{}",
        closing.len(),
        lines[start..].join("\n")
    );
    let text = lines[start..].join("\n");
    assert!(
        text.contains("Working in") && text.contains("No change since assessment #4"),
        "{text}"
    );
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("`mbct-sustain report` shows the rest"),
        "{text}"
    );
}

#[test]
fn the_meeting_names_a_tie_no_agreement_and_starts_there_on_leave_it_to_the_rule() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(crate::record::round("06", &[])),
    );
    let mut s = spawn(env.dir.path(), &["meeting"]);
    let mut seen_tie = false;
    for n in 1..=3 {
        let shown = s.wait_for(Regex(&format!(
            "(?s)Point {n} of 3 .*?What does the team agree\\?.*?Leave it to the majority \
                rule[^\\n]*"
        )));
        let prompt = String::from_utf8_lossy(shown.as_bytes()).into_owned();
        if prompt.contains("No agreement: 1 In place, 1 Not yet, 1 Don't know") {
            seen_tie = true;
            assert!(
                prompt.contains("❯ 6 Leave it to the majority rule (No agreement)"),
                "the cursor starts on the rule, never the first answer of a tie: {prompt}"
            );
        } else {
            assert!(
                prompt.contains("❯ 1 In place"),
                "the majority's answer: {prompt}"
            );
        }
        s.send("6").unwrap();
    }
    assert!(seen_tie, "the tie was on the agenda");
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    assert_eq!(
        env.json(&["team", "--format", "json"])["discussion"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["status"] == "settled")
            .count(),
        3,
        "each point left to the rule is settled"
    );
}

#[test]
fn a_paper_form_entered_with_on_is_dated_that_day_and_corrects_its_round() {
    let env = Env::new();
    crate::record::after_round_one(&env);
    crate::record::add_round(&env, crate::record::round("09", &[]));
    let mut s = spawn(
        env.dir.path(),
        &["assess", "--respondent", "Jo", "--on", "2026-06-04"],
    );
    walk_all(&mut s, &mix());
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    let saved = load(env.dir.path());
    let jo = saved
        .assessments
        .iter()
        .find(|a| a.respondent.as_deref() == Some("Jo"))
        .expect("Jo's form is saved");
    assert_eq!(
        jo.taken_at,
        "2026-06-04T12:00:00Z".parse().unwrap(),
        "noon UTC that day"
    );
    assert!(jo.entered_at.is_some_and(|e| e > jo.taken_at));
    let round_one = env.json(&["report", "--at", "1", "--format", "json"]);
    assert!(
        round_one["round"]["respondents"].to_string().contains("Jo"),
        "{}",
        round_one["round"]
    );
    assert_eq!(round_one["round"]["corrections"][0]["kind"], "paper-form");
    let before = env.bytes("mbct-sustain.yaml");
    env.fails(
        &["assess", "--respondent", "Jo", "--on", "2999-01-01"],
        "after today",
    );
    assert_eq!(env.bytes("mbct-sustain.yaml"), before);
}

#[test]
fn a_rerun_that_changes_answers_still_closes_within_24_rows_at_80_columns() {
    let env = Env::new();
    crate::record::after_round_one(&env);
    crate::record::add_round(&env, crate::record::round("09", &[]));
    let mut s = spawn_sized(env.dir.path(), 24, 80, "--respondent Sam");
    let f = mbct_sustain::core::framework::Framework::bundled();
    // The first domain changed: every action Not yet (a slip); the others as they were.
    s.wait_for("Has anything changed here since then?");
    s.send("y").unwrap();
    for _ in &f.domains[0].actions {
        s.wait_for(Regex("❯ [1-5] "));
        s.send("3").unwrap();
    }
    s.wait_for("A note for");
    s.send("\r").unwrap();
    for _ in 1..f.domains.len() {
        s.wait_for("Has anything changed here since then?");
        s.send("n").unwrap();
    }
    let (code, screen) = finish(s);
    assert_eq!(code, 0, "{screen}");
    let lines: Vec<&str> = screen.split("\r\n").collect();
    let start = lines
        .iter()
        .position(|l| l.contains("Maintaining and sustaining an MBCT service: assessment"))
        .unwrap_or_else(|| panic!("the closing screen: {screen}"));
    let closing: Vec<&&str> = lines[start..]
        .iter()
        .rev()
        .skip_while(|l| l.trim().is_empty())
        .collect();
    let text = lines[start..].join("\n");
    assert!(closing.len() <= 24, "{} rows:\n{text}", closing.len());
    assert!(
        text.contains("Change since") && text.contains("Slipped since last time"),
        "{text}"
    );
}

/// What the walk shows with the first action's question, up to its answers.
fn first_action_screen(env: &Env) -> String {
    let mut s = spawn(env.dir.path(), &["--respondent", "Cat"]);
    let c = s.wait_for(Regex("(?s)Action 1 of 41.*?❯ [1-5] "));
    let shown = String::from_utf8_lossy(c.get(0).unwrap()).into_owned();
    s.send("\x03").unwrap();
    finish(s);
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_point_left_to_the_rule_after_an_agreement_is_not_said_to_be_agreed_under_the_action() {
    let env = Env::new();
    three_people(&env);
    let f = mbct_sustain::core::framework::Framework::bundled();
    let first = &f.domains[0].actions[0].id;
    let agree = |answer: &str| {
        env.cmd().args(["agree", first, answer]).assert().success();
    };
    agree("in-place");
    let agreed = first_action_screen(&env);
    assert!(
        agreed.contains("The team agreed In place on"),
        "the decision is shown while it stands: {agreed}"
    );
    agree("rule");
    let left = first_action_screen(&env);
    assert!(left.contains("Action 1 of 41"), "{left}");
    assert!(
        !left.contains("The team agreed In place"),
        "left to the rule since: {left}"
    );
}
