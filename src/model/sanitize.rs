//! Text from files that someone else may have written (answers from a client, a shared
//! questionnaire, a run file) must never take control of the user's terminal nor reorder what
//! it shows: [`visible`] shows control and bidirectional-override characters as visible marks
//! before any such text is printed, and [`strip_invisible`] removes them from values at
//! validation, so that they never reach a document either.

use std::borrow::Cow;

/// Is `c` a character that acts on a terminal or on the direction of text rather than being
/// shown: C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates?
/// Newlines and tabs are not, see [`is_line_break_or_tab`].
pub fn is_invisible_control(c: char) -> bool {
    (c.is_control() && !is_line_break_or_tab(c))
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

fn is_line_break_or_tab(c: char) -> bool {
    c == '\n' || c == '\t'
}

/// `text` with every invisible control shown as a mark: the control pictures of Unicode for
/// C0 controls (␛ for ESC, ␍ for a carriage return, ␀ for NUL), `<U+202E>` for the others.
/// Newlines and tabs are kept.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible_control) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !is_invisible_control(c) => shown.push(c),
            '\u{7f}' => shown.push('␡'),
            c if (c as u32) < 0x20 => {
                shown.push(char::from_u32(0x2400 + c as u32).unwrap_or('�'));
            }
            c => shown.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(shown)
}

/// `text` without its invisible controls (newlines and tabs kept).
pub fn strip_invisible(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_invisible_control) {
        Cow::Owned(text.chars().filter(|&c| !is_invisible_control(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_and_text_is_kept() {
        assert_eq!(visible("Dupain\net fils"), "Dupain\net fils");
        assert_eq!(visible("a\u{1b}]52;c;ZXZpbA==\u{7}b"), "a␛]52;c;ZXZpbA==␇b");
        assert_eq!(visible("x\ry\u{0}"), "x␍y␀");
        assert_eq!(visible("abc\u{202E}def"), "abc<U+202E>def");
        assert_eq!(visible("\u{9b}2J"), "<U+009B>2J");
        assert!(matches!(visible("Café « L'Étoile »"), Cow::Borrowed(_)));
    }

    #[test]
    fn invisible_controls_are_stripped() {
        assert_eq!(
            strip_invisible("12 rue\u{1b}[2J du\u{202E} Port"),
            "12 rue[2J du Port"
        );
        assert_eq!(strip_invisible("ligne 1\nligne 2"), "ligne 1\nligne 2");
    }
}
