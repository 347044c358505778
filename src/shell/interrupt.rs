//! Ctrl-C and a closed terminal, handled so that nothing is lost.
//!
//! The handler only restores the cursor and records that a stop was asked
//! for; the walk itself notices (a prompt returns `Interrupted`, or the flag
//! is set), keeps its draft, and exits 130. Exiting from the handler would
//! race the main thread, possibly mid-save.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler for Ctrl-C, SIGTERM and SIGHUP. Safe to call twice.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        REQUESTED.store(true, Ordering::SeqCst);
        let _ = console::Term::stderr().show_cursor();
    });
}

/// Whether a stop was asked for.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
