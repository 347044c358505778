//! The exports other programs read: CSV as a spreadsheet reads it (one header style, real rows, a
//! byte-order mark in a file), and Markdown as GitHub's renderer shows it (comrak, a port of
//! cmark-gfm, with GitHub's extensions): tables are tables, links go where they were typed, and
//! text shows as typed.

use crate::common::*;
use mbct_sustain::core::answers::{Answer, Assessment};

const LINK: &str = "https://intranet.example/annual_report_2026.pdf";

/// Text GFM would read as markup if it were written as typed.
const TYPED: [&str; 5] = [
    "~~struck~~ and ~one~",
    "Tom &amp; Jerry",
    "*starred* and _underlined_",
    "<b>tagged</b>",
    "snake_case_note",
];

/// A word of each of [`TYPED`]: where an export holds it, its page shows the text as typed.
const WORDS: [&str; 5] = ["struck", "Jerry", "starred", "tagged", "snake"];

/// Sam and Priya over two rounds, with notes, labels, an agreement, evidence and a plan whose
/// text GFM would take for markup.
fn team(env: &Env) {
    let by = |name: &str, when: &str, buddy: Answer| -> Assessment {
        let mut a = mixed(when);
        a.respondent = Some(name.into());
        a.label = Some("# Autumn *review*".into());
        a.notes.insert("fit".into(), TYPED[..3].join("; "));
        a.notes.insert("networks".into(), TYPED[3..].join("; "));
        a.answers.insert("networks.buddy".into(), buddy);
        a
    };
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![
            by("Sam_K", "2026-06-01T10:00:00Z", Answer::NotYet),
            by("Priya", "2026-06-02T10:00:00Z", Answer::NotYet),
            by("Sam_K", "2026-12-01T10:00:00Z", Answer::InPlace),
            by("Priya", "2026-12-02T10:00:00Z", Answer::DontKnow),
        ]),
    );
    for args in [
        &["agree", "networks.buddy", "in-place", "--note", TYPED[0]][..],
        &[
            "evidence",
            "add",
            "networks.buddy",
            TYPED[1],
            "--link",
            LINK,
        ],
        &[
            "evidence",
            "add",
            "networks.buddy",
            TYPED[2],
            "--by",
            "Sam_K",
        ],
        &[
            "plan",
            "assign",
            "networks.existing-networks",
            "--owner",
            "Jo_B",
        ],
        &["plan", "review", "--on", "2027-03-01"],
    ] {
        env.cmd().args(args).assert().success();
    }
}

/// A link copied from a web page's source keeps `&amp;` in it: GitHub's renderer decodes an
/// entity inside a `<…>` link, so it must go to the address as typed, and show it as typed.
#[test]
fn a_link_holding_an_entity_goes_to_exactly_that_address_in_gfm() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-12-01T10:00:00Z")]),
    );
    let link = "https://intranet.example/view?doc=3&amp;page=2_x";
    env.cmd()
        .args([
            "evidence",
            "add",
            "networks.buddy",
            "Minutes",
            "--link",
            link,
        ])
        .assert()
        .success();
    for command in ["evidence", "report"] {
        let html = gfm(&stdout(&env, &[command, "--format", "markdown"]));
        let page = scraper::Html::parse_document(&html);
        let links = scraper::Selector::parse("a").unwrap();
        let shown: Vec<(String, String)> = page
            .select(&links)
            .map(|a| {
                let href = a.value().attr("href").unwrap_or_default().to_string();
                (href, a.text().collect())
            })
            .collect();
        assert!(
            shown.contains(&(link.to_string(), link.to_string())),
            "{command}: {html}"
        );
    }
}

/// `<` and `>` end a link in Markdown (and no web address holds them unencoded), so a link
/// holding one would go somewhere else than typed: it is refused, and the file left as it was.
#[test]
fn a_link_holding_angle_brackets_is_refused_and_the_file_left_as_it_was() {
    let env = Env::new();
    env.write(
        "mbct-sustain.yaml",
        file_of(vec![mixed("2026-12-01T10:00:00Z")]),
    );
    let before = env.bytes("mbct-sustain.yaml");
    for link in ["https://a.example/p?a=<b>", "https://a.example/report.pdf>"] {
        let args = [
            "evidence",
            "add",
            "networks.buddy",
            "Minutes",
            "--link",
            link,
        ];
        let err = env.fails(&args, "is not a web address evidence can link to");
        assert!(err.contains("%3C"), "says how to write one: {err}");
        assert_eq!(env.bytes("mbct-sustain.yaml"), before, "{link}");
    }
}

/// Every command that exports Markdown and CSV.
const COMMANDS: [&str; 8] = [
    "report", "compare", "history", "plan", "team", "people", "status", "evidence",
];

fn stdout(env: &Env, args: &[&str]) -> String {
    let out = env.cmd().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Markdown as GitHub renders it: cmark-gfm's table, strikethrough and autolink extensions.
fn gfm(markdown: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    comrak::markdown_to_html(markdown, &options)
}

#[test]
fn every_markdown_export_renders_in_gfm_as_typed() {
    let env = Env::new();
    team(&env);
    for command in COMMANDS {
        let markdown = stdout(&env, &[command, "--format", "markdown"]);
        let html = gfm(&markdown);
        let tables = markdown.lines().filter(|l| l.starts_with("|---|")).count();
        assert_eq!(html.matches("<table>").count(), tables, "{command}: {html}");
        for markup in ["<del>", "<strong>", "<code>", "<b>", "<a href=\"mailto"] {
            assert!(!html.contains(markup), "{command} shows {markup}: {html}");
        }
        let page = scraper::Html::parse_document(&html);
        let links = scraper::Selector::parse("a").unwrap();
        for a in page.select(&links) {
            let href = a.value().attr("href").unwrap_or_default();
            assert!(href.starts_with("http"), "{command}: {html}");
            assert_eq!(
                a.text().collect::<String>(),
                href,
                "{command}: a link goes where it says"
            );
        }
        // Every typed text that the export holds is there as typed.
        let text: String = page.root_element().text().collect();
        for (typed, word) in TYPED.iter().zip(WORDS) {
            assert_eq!(
                markdown.contains(word),
                text.contains(typed),
                "{command}: {text}"
            );
        }
    }
    let evidence = gfm(&stdout(&env, &["evidence", "--format", "markdown"]));
    assert!(
        evidence.contains(&format!("<a href=\"{LINK}\">{LINK}</a>")),
        "{evidence}"
    );
    assert!(
        evidence.contains("Tom &amp;amp; Jerry"),
        "shows &amp; as typed: {evidence}"
    );
    let report = gfm(&stdout(&env, &["report", "--format", "markdown"]));
    let shown: String = scraper::Html::parse_document(&report)
        .root_element()
        .text()
        .collect();
    for typed in TYPED {
        assert!(shown.contains(typed), "report shows {typed:?}: {report}");
    }
}

/// The CSV header and rows of `command`.
fn csv_of(env: &Env, command: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    csv_of_args(env, &[command, "--format", "csv"])
}

/// The CSV header and rows printed by the command line `args`.
fn csv_of_args(env: &Env, args: &[&str]) -> (Vec<String>, Vec<csv::StringRecord>) {
    let text = stdout(env, args);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    (header, reader.records().map(|r| r.unwrap()).collect())
}

#[test]
fn every_csv_export_has_rows_and_one_header_style() {
    let env = Env::new();
    team(&env);
    let snake = |h: &str| {
        h.starts_with(|c: char| c.is_ascii_lowercase())
            && h.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    for command in COMMANDS {
        let (header, rows) = csv_of(&env, command);
        assert!(!rows.is_empty(), "{command} --format csv gives rows");
        for h in &header {
            // A column per person is named by the person.
            assert!(
                snake(h) || ["Sam_K", "Priya"].contains(&h.as_str()),
                "{command}: {h}"
            );
        }
        // `stage` is always a domain's stage: an action's is `action_stage`.
        if let Some(stage) = header.iter().position(|h| h == "stage") {
            let domain = header.iter().position(|h| h == "domain").unwrap();
            for row in &rows {
                let stages = [
                    "Starting out",
                    "Developmental",
                    "Sustainable",
                    "Embedded",
                    "",
                ];
                assert!(stages.contains(&&row[stage]), "{command}: {:?}", row);
                assert!(
                    !row[domain].is_empty(),
                    "{command}: the domain beside its stage"
                );
            }
        }
        assert_eq!(
            header.contains(&"action_id".to_string()),
            header.contains(&"action_stage".to_string()),
            "{command}: an action comes with its stage"
        );
    }
    let (header, rows) = csv_of(&env, "status");
    assert_eq!(header, ["name", "status", "date", "answered_count", "of"]);
    let people: Vec<(&str, &str, &str)> = rows.iter().map(|r| (&r[0], &r[1], &r[2])).collect();
    assert_eq!(
        people,
        [
            ("Sam_K", "answered", "2026-12-01"),
            ("Priya", "answered", "2026-12-02")
        ]
    );
    let (header, rows) = csv_of(&env, "evidence");
    assert_eq!(
        header[..6],
        [
            "domain_id",
            "domain",
            "action_id",
            "action",
            "action_stage",
            "number"
        ]
    );
    assert_eq!(rows.len(), 2, "one row per item");
    let item = |r: &csv::StringRecord| (r[5].to_string(), r[6].to_string(), r[7].to_string());
    assert_eq!(item(&rows[0]), ("1".into(), TYPED[1].into(), LINK.into()));
    assert_eq!(item(&rows[1]), ("2".into(), TYPED[2].into(), String::new()));
}

#[test]
fn a_csv_file_starts_with_a_byte_order_mark_and_printed_csv_does_not() {
    let env = Env::new();
    team(&env);
    env.cmd()
        .args(["report", "--format", "csv", "--output", "stages.csv"])
        .assert()
        .success();
    let file = env.bytes("stages.csv");
    assert_eq!(file[..3], [0xEF, 0xBB, 0xBF]);
    let printed = stdout(&env, &["report", "--format", "csv"]);
    assert_eq!(
        file[3..],
        *printed.as_bytes(),
        "the same table after the mark"
    );
    assert!(printed.starts_with("domain_id,"));
    env.cmd()
        .args(["report", "--format", "markdown", "--output", "stages.md"])
        .assert()
        .success();
    assert!(
        env.read("stages.md").starts_with("# "),
        "no mark on other formats"
    );
}

/// What each command's `--format` offers, as a person would read it in `--help`.
fn offered(env: &Env, args: &[&str]) -> Vec<String> {
    let help = stdout(env, &[args, &["--help"]].concat());
    let line = help
        .lines()
        .skip_while(|l| !l.contains("--format <FORMAT>"))
        .take_while(|l| !l.trim_start().starts_with("-o, --output"))
        .collect::<Vec<_>>()
        .join("\n");
    ["table", "markdown", "csv", "json", "yaml", "html"]
        .into_iter()
        .filter(|f| line.contains(&format!("- {f}:")))
        .map(String::from)
        .collect()
}

#[test]
fn every_command_writes_each_format_it_offers_and_refuses_the_others_listing_them() {
    let env = Env::new();
    team(&env);
    let views = ["table", "markdown", "csv", "json", "html"];
    let mut commands: Vec<(Vec<&str>, Vec<&str>)> = COMMANDS
        .iter()
        .map(|c| (vec![*c], views.to_vec()))
        .collect();
    let framework = ["table", "markdown", "csv", "json", "yaml", "html"];
    commands.push((vec!["framework", "show"], framework.to_vec()));
    for (command, formats) in commands {
        assert_eq!(offered(&env, &command), formats, "{command:?} --help");
        for format in formats.iter() {
            let out = stdout(&env, &[&command[..], &["--format", format]].concat());
            assert!(
                out.lines().count() > 1,
                "{command:?} --format {format}: {out}"
            );
        }
        for refused in ["yaml", "pdf"].into_iter().filter(|f| !formats.contains(f)) {
            let out = env
                .cmd()
                .args([&command[..], &["--format", refused]].concat())
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{command:?} --format {refused}");
            let err = String::from_utf8_lossy(&out.stderr);
            let listed = format!("[possible values: {}]", formats.join(", "));
            assert!(
                err.contains(&listed),
                "{command:?} --format {refused}: {err}"
            );
            assert!(out.stdout.is_empty());
        }
    }
}

#[test]
fn framework_show_gives_a_spreadsheet_a_row_per_action_and_still_takes_tree() {
    let env = Env::new();
    let (header, rows) = csv_of_args(&env, &["framework", "show", "--format", "csv"]);
    assert_eq!(rows.len(), 41, "one row per action");
    assert!(header.contains(&"action_id".to_string()), "{header:?}");
    let tree = stdout(&env, &["framework", "show", "--format", "tree"]);
    assert!(tree.contains("[evaluation.annual-report]"), "{tree}");
}
