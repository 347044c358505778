//! A test fixture in the spirit of fd's `TestEnv`: a temporary folder, the
//! built binary, and helpers to prepare answers files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mbct_sustain::core::answers::{self, Answer, Assessment, History};
use mbct_sustain::core::framework::Framework;

/// A temporary folder to run mbct-sustain in.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary, run in the folder, with no mbct-sustain settings from outside.
    pub fn cmd(&self) -> Command {
        Command::from_std(program(
            self.dir.path(),
            assert_cmd::cargo::cargo_bin("mbct-sustain"),
        ))
    }

    /// Runs `args`, which must fail as a person would want: exit 1, `message`
    /// in the error, nothing on stdout, no panic. Returns the error text.
    #[track_caller]
    pub fn fails(&self, args: &[&str], message: &str) -> String {
        let out = self
            .cmd()
            .args(args)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} should exit 1: {stderr}"
        );
        assert!(
            stderr.contains(message),
            "{args:?} should say {message:?}, said: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            out.stdout.is_empty(),
            "{args:?} printed to stdout on failure"
        );
        stderr
    }

    /// The binary run as another account (nobody, uid 65534) when this
    /// process is root, so file permissions apply as they do to a person;
    /// the folder is opened to that account. `None` where that cannot be done.
    #[cfg(unix)]
    pub fn cmd_as_a_person(&self) -> Option<Command> {
        use std::os::unix::fs::PermissionsExt;
        if !running_as_root() {
            return Some(self.cmd());
        }
        let ok = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return None;
        }
        std::fs::set_permissions(self.dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let mut cmd = program(self.dir.path(), "setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(assert_cmd::cargo::cargo_bin("mbct-sustain"));
        Some(Command::from_std(cmd))
    }

    /// Runs a command that must succeed and parses its JSON output.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.cmd().args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON output")
    }

    pub fn write(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    pub fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap()
    }
}

/// `program` run in `dir` with none of mbct-sustain's own settings from
/// outside (the one place they are cleared), on a plain terminal type.
pub fn program(dir: &Path, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    cmd.current_dir(dir);
    for name in [
        "MBCT_SUSTAIN_FILE",
        "MBCT_SUSTAIN_FRAMEWORK",
        "MBCT_SUSTAIN_RESPONDENT",
        "NO_COLOR",
    ] {
        cmd.env_remove(name);
    }
    cmd.env("TERM", "xterm");
    cmd
}

/// An assessment of the bundled framework: every action `default`, except `given`.
pub fn assessment(when: &str, default: Answer, given: &[(&str, Answer)]) -> Assessment {
    let f = Framework::bundled();
    let mut a = Assessment::new(&f, when.parse().expect("timestamp"));
    for (_, action) in f.actions() {
        a.answers.insert(action.id.clone(), default);
    }
    for (id, ans) in given {
        assert!(f.has_action(id), "no action {id}");
        a.answers.insert(id.to_string(), *ans);
    }
    a
}

/// An answers file holding `assessments`.
pub fn file_of(assessments: Vec<Assessment>) -> String {
    answers::file::render(
        &History {
            assessments,
            ..History::default()
        },
        false,
    )
    .expect("a history renders")
}

/// Every action id of the bundled framework in domain `d`.
pub fn domain_actions(domain: &str) -> Vec<String> {
    let f = Framework::bundled();
    f.domains
        .iter()
        .find(|d| d.id == domain)
        .expect("domain")
        .actions
        .iter()
        .map(|a| a.id.clone())
        .collect()
}

pub fn exists(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok()
}

/// A mix of answers to all 41 bundled actions, in asking order, chosen so the
/// stage rule gives every kind of result (see `MIX_STAGES`).
pub fn mix() -> Vec<(&'static str, Answer)> {
    use Answer::*;
    vec![
        ("fit.evidence-and-need", InPlace),
        ("fit.pathways", InPlace),
        ("fit.service-culture", InPlace),
        ("evaluation.plan", InPlace),
        ("evaluation.feedback-loop", InPlace),
        ("evaluation.change-from-feedback", InPlace),
        ("evaluation.annual-report", NotApplicable),
        ("evaluation.evolve", InProgress),
        ("evaluation.publish-annual-report", NotYet),
        ("evaluation.disseminate", InPlace),
        ("networks.buddy", InPlace),
        ("networks.practical-support", NotApplicable),
        ("networks.existing-networks", NotYet),
        ("networks.local-networks", NotYet),
        ("networks.visibility", NotYet),
        ("networks.benefit-users", NotYet),
        ("team.first-cohort", NotApplicable),
        ("team.supervision-cpd", NotYet),
        ("team.train-trainers", InPlace),
        ("team.training-pathway", InProgress),
        ("team.mixed-workforce", NotYet),
        ("team.succession", NotYet),
        ("team.quality-assure-training", NotYet),
        ("team.innovate-training", NotYet),
        ("buy-in.key-messages", NotYet),
        ("buy-in.gatekeepers", NotYet),
        ("buy-in.reach", NotYet),
        ("buy-in.communicate-evaluation", NotYet),
        ("buy-in.mindfulness-for-gatekeepers", NotYet),
        ("buy-in.gatekeeper-champions", NotYet),
        ("buy-in.patient-carer-champions", NotYet),
        ("buy-in.staff-champions", NotYet),
        ("buy-in.critical-friends", NotYet),
        ("governance.accountable", InPlace),
        ("governance.lines-of-accountability", InPlace),
        ("governance.structure", InPlace),
        ("governance.documentation", NotApplicable),
        ("nourishing.personal-practice", InPlace),
        ("nourishing.celebrate-with-colleagues", InProgress),
        ("nourishing.reflect-and-challenge", InPlace),
        ("nourishing.celebrate-widely", NotYet),
    ]
}

/// The stage of each domain (by id) that the stage rule gives for [`mix`].
pub const MIX_STAGES: [(&str, &str); 7] = [
    ("fit", "Embedded"),
    ("evaluation", "Sustainable"),
    ("networks", "Starting out"),
    ("team", "Developmental"),
    ("buy-in", "Starting out"),
    ("governance", "Embedded"),
    ("nourishing", "Developmental"),
];

/// An assessment holding the [`mix`].
pub fn mixed(when: &str) -> Assessment {
    assessment(when, Answer::NotYet, &mix())
}

/// A framework with 4 stages and 2 domains, one action per stage per domain.
pub fn four_stage_framework() -> String {
    let mut y =
        String::from("id: local\ntitle: Local\nversion: 2\ncompletion_label: Done\nstages:\n");
    for (id, name) in [
        ("s1", "One"),
        ("s2", "Two"),
        ("s3", "Three"),
        ("s4", "Four"),
    ] {
        y += &format!("  - id: {id}\n    name: {name}\n");
    }
    y += "domains:\n";
    for (d, name) in [("a", "Alpha"), ("b", "Beta")] {
        y += &format!("  - id: {d}\n    name: {name}\n    actions:\n");
        for s in 1..=4 {
            y += &format!(
                "      - id: {d}.{s}\n        stage: s{s}\n        text: {name} action {s}\n"
            );
        }
    }
    y
}

/// Whether the tests run as root, for whom file permissions do not apply.
#[cfg(unix)]
pub fn running_as_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The element of the JSON array `list` whose `key` is `value`.
#[track_caller]
pub fn find<'a>(list: &'a serde_json::Value, key: &str, value: &str) -> &'a serde_json::Value {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .find(|x| x[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value} in {list}"))
}

/// Renders the page in headless Chromium to a PDF and returns it with its
/// text (pdftotext) and page count. Needs `chromium` and poppler-utils
/// (apt-get install -y chromium poppler-utils).
pub fn printed(env: &Env) -> (String, usize) {
    let url = format!("file://{}", env.path("meeting.html").display());
    let out = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--print-to-pdf={}",
            env.path("meeting.pdf").display()
        ))
        .arg(&url)
        .output()
        .expect("chromium (apt-get install -y chromium)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = |tool: &str| {
        let out = std::process::Command::new(tool)
            .arg(env.path("meeting.pdf"))
            .arg("-")
            .output()
            .expect("poppler-utils (apt-get install -y poppler-utils)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let info = std::process::Command::new("pdfinfo")
        .arg(env.path("meeting.pdf"))
        .output()
        .unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(
        info.contains("594.96 x 841.92") || info.contains("595 x 842"),
        "A4: {info}"
    );
    (run("pdftotext"), pages)
}
