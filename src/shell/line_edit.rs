//! The one-line editor of the walk's text prompts, as plain state: the text, the cursor, and what
//! each key does to them. Hand-written: rustyline and reedline take the terminal over and read Esc
//! as the start of a key sequence, while here Esc must go back at once, and the prompt must share
//! the screen with dialoguer's selects.

/// What a key does to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Types a character at the cursor.
    Insert(char),
    /// ← (Ctrl-B).
    Left,
    /// → (Ctrl-F).
    Right,
    /// Home (Ctrl-A).
    Home,
    /// End (Ctrl-E).
    End,
    /// Deletes the character before the cursor.
    Backspace,
    /// Deletes the character at the cursor.
    Delete,
    /// Ctrl-U: deletes everything before the cursor.
    KillToStart,
    /// Ctrl-W: deletes the word before the cursor.
    KillWord,
}

impl Edit {
    /// The edit a key stands for, if any.
    pub fn of(key: &console::Key) -> Option<Edit> {
        use console::Key;
        Some(match key {
            Key::ArrowLeft | Key::Char('\u{2}') => Edit::Left,
            Key::ArrowRight | Key::Char('\u{6}') => Edit::Right,
            Key::Home | Key::Char('\u{1}') => Edit::Home,
            Key::End | Key::Char('\u{5}') => Edit::End,
            Key::Backspace | Key::Char('\u{8}') => Edit::Backspace,
            Key::Del | Key::Char('\u{4}') => Edit::Delete,
            Key::Char('\u{15}') => Edit::KillToStart,
            Key::Char('\u{17}') => Edit::KillWord,
            Key::Char(c) if !c.is_control() => Edit::Insert(*c),
            _ => return None,
        })
    }
}

/// How much of the line must be drawn again after an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redraw {
    /// Nothing changed.
    Nothing,
    /// One character was added at the end: write just it.
    Append(char),
    /// Anything else: draw the line again.
    Line,
}

/// A line being edited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    text: Vec<char>,
    cursor: usize,
}

impl Line {
    /// A line holding `initial`, the cursor at its end.
    pub fn new(initial: &str) -> Line {
        let text: Vec<char> = initial.chars().collect();
        Line {
            cursor: text.len(),
            text,
        }
    }

    /// The text.
    pub fn text(&self) -> String {
        self.text.iter().collect()
    }

    /// The characters before the cursor.
    pub fn before_cursor(&self) -> &[char] {
        &self.text[..self.cursor]
    }

    /// The characters.
    pub fn chars(&self) -> &[char] {
        &self.text
    }

    /// Applies one edit.
    pub fn apply(&mut self, edit: Edit) -> Redraw {
        let at_end = self.cursor == self.text.len();
        match edit {
            Edit::Insert(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += 1;
                return if at_end {
                    Redraw::Append(c)
                } else {
                    Redraw::Line
                };
            }
            Edit::Left if self.cursor > 0 => self.cursor -= 1,
            Edit::Right if !at_end => self.cursor += 1,
            Edit::Home if self.cursor > 0 => self.cursor = 0,
            Edit::End if !at_end => self.cursor = self.text.len(),
            Edit::Backspace if self.cursor > 0 => self.delete(self.cursor - 1..self.cursor),
            Edit::Delete if !at_end => self.delete(self.cursor..self.cursor + 1),
            Edit::KillToStart if self.cursor > 0 => self.delete(0..self.cursor),
            Edit::KillWord if self.cursor > 0 => {
                // The spaces before the cursor, then the word before them.
                let before = &self.text[..self.cursor];
                let end = before.iter().rposition(|c| *c != ' ').map_or(0, |i| i + 1);
                let start = before[..end]
                    .iter()
                    .rposition(|c| *c == ' ')
                    .map_or(0, |i| i + 1);
                self.delete(start..self.cursor);
            }
            _ => return Redraw::Nothing,
        }
        Redraw::Line
    }

    /// Deletes `range`, leaving the cursor where it started.
    fn delete(&mut self, range: std::ops::Range<usize>) {
        self.cursor = range.start;
        self.text.drain(range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(initial: &str, edits: &[Edit]) -> (String, usize) {
        let mut l = Line::new(initial);
        for e in edits {
            l.apply(*e);
        }
        (l.text(), l.cursor)
    }

    #[test]
    fn typing_at_the_end_only_appends() {
        let mut l = Line::new("ab");
        assert_eq!(l.apply(Edit::Insert('c')), Redraw::Append('c'));
        l.apply(Edit::Left);
        assert_eq!(l.apply(Edit::Insert('x')), Redraw::Line);
        assert_eq!(l.text(), "abxc");
    }

    #[test]
    fn the_keys_people_expect_from_a_shell_line() {
        use Edit::*;
        assert_eq!(
            edit("hello world", &[KillToStart]),
            (String::new(), 0),
            "Ctrl-U"
        );
        assert_eq!(
            edit("hello big world", &[KillWord]),
            ("hello big ".into(), 10),
            "Ctrl-W"
        );
        assert_eq!(
            edit("hello big ", &[KillWord]),
            ("hello ".into(), 6),
            "Ctrl-W over spaces"
        );
        assert_eq!(
            edit("abc", &[Home, Delete]),
            ("bc".into(), 0),
            "Home, Delete"
        );
        assert_eq!(
            edit("abc", &[Left, Left, Backspace, End, Insert('d')]),
            ("bcd".into(), 3)
        );
        assert_eq!(
            edit("abc", &[Home, KillToStart]),
            ("abc".into(), 0),
            "nothing before the cursor"
        );
    }

    #[test]
    fn control_keys_map_to_edits_and_other_control_characters_are_not_typed() {
        assert_eq!(
            Edit::of(&console::Key::Char('\u{15}')),
            Some(Edit::KillToStart)
        );
        assert_eq!(Edit::of(&console::Key::Char('\u{1}')), Some(Edit::Home));
        assert_eq!(Edit::of(&console::Key::Char('\u{1b}')), None);
        assert_eq!(Edit::of(&console::Key::Char('é')), Some(Edit::Insert('é')));
    }
}
