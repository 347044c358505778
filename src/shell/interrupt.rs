//! Ctrl-C and a closed terminal, handled so that nothing is lost.
//!
//! The handler restores the cursor and flags the stop; the walk notices (a prompt returns
//! `Interrupted`, or it reads the flag), keeps its draft and exits 130. A Ctrl-C between two
//! prompts, when none reads keys, would go unnoticed until the next key: if the walk has not taken
//! the stop up within half a second, the handler says what was kept and exits itself (every answer
//! is saved by then, and saves replace files whole).
//!
//! While the questions run, the terminal is kept out of its line editing ([`hold_keys`]), and put
//! back on every way out, the handler's exit too.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

static REQUESTED: AtomicBool = AtomicBool::new(false);
static TAKEN_UP: AtomicBool = AtomicBool::new(false);
static MESSAGE: Mutex<String> = Mutex::new(String::new());
/// The terminal's settings from before the questions, to put back.
#[cfg(unix)]
static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);

/// How long the handler waits for the walk to take a stop up itself.
const GRACE: Duration = Duration::from_millis(500);

/// Installs the handler for Ctrl-C, SIGTERM and SIGHUP. Safe to call twice.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        REQUESTED.store(true, Ordering::SeqCst);
        let _ = console::Term::stderr().show_cursor();
        std::thread::sleep(GRACE);
        if !TAKEN_UP.load(Ordering::SeqCst) {
            let message = MESSAGE.lock().map(|m| m.clone()).unwrap_or_default();
            let _ = writeln!(
                std::io::stderr(),
                "\n{}",
                if message.is_empty() {
                    "Stopped."
                } else {
                    &message
                }
            );
            release_keys();
            std::process::exit(130);
        }
    });
}

/// What to say if the handler has to stop the program itself (where the answers so far are kept).
pub fn on_stop(message: &str) {
    if let Ok(mut m) = MESSAGE.lock() {
        *m = crate::present::safe::printable(message).into_owned();
    }
}

/// Whether a stop was asked for; once it is, the caller takes it up.
pub fn requested() -> bool {
    let asked = REQUESTED.load(Ordering::SeqCst);
    TAKEN_UP.fetch_or(asked, Ordering::SeqCst);
    asked
}

/// The walk is stopping by itself (a prompt saw Ctrl-C as a key).
pub fn taken_up() {
    TAKEN_UP.store(true, Ordering::SeqCst);
}

/// Takes the terminal out of line editing and echo while the questions run: console makes it raw
/// only while it reads a key, and in between the terminal would echo keys typed ahead and act on
/// Ctrl-U or Ctrl-W before the prompt sees them. Ctrl-C still signals; [`release_keys`] undoes it.
pub fn hold_keys() {
    #[cfg(unix)]
    // SAFETY: tcgetattr fills the termios it is given; tcsetattr reads it.
    unsafe {
        let mut held: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(libc::STDIN_FILENO, &mut held) == 0
            && let Ok(mut saved) = SAVED.lock()
        {
            // Kept before the change, so a Ctrl-C right after it restores.
            saved.get_or_insert(held);
            held.c_lflag &= !(libc::ICANON | libc::ECHO | libc::IEXTEN);
            held.c_cc[libc::VMIN] = 1;
            held.c_cc[libc::VTIME] = 0;
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &held);
        }
    }
}

/// Puts the terminal's settings from before [`hold_keys`] back, once.
pub fn release_keys() {
    #[cfg(unix)]
    if let Some(saved) = SAVED.lock().ok().and_then(|mut s| s.take()) {
        // SAFETY: tcsetattr reads the termios tcgetattr filled.
        unsafe {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &saved);
        }
    }
}
