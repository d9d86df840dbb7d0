//! Word wrapping for plain-text output (reports, commented templates).

/// The words of a paragraph, French punctuation kept with its word: « ? », « ! », « : »,
/// « ; » and « » » with the word before, « « » with the word after, as if the space were
/// a no-break space. No line starts with a lone « ? ».
fn words(paragraph: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut opened = false;
    for word in paragraph.split_ascii_whitespace() {
        let closing = word.starts_with(['?', '!', ':', ';', '»']);
        match units.last_mut() {
            Some(last) if closing || opened => {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_string()),
        }
        opened = word == "«";
    }
    units
}

/// French typography for text that another wrapper breaks (ratatui's): the space before
/// « ? ! : ; » » and after « « » becomes a no-break space.
pub fn glue(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before_mark = chars
            .get(i + 1)
            .is_some_and(|n| matches!(n, '?' | '!' | ':' | ';' | '»'));
        let after_quote = i > 0 && chars[i - 1] == '«';
        if c == ' ' && (before_mark || after_quote) {
            out.push('\u{a0}');
        } else {
            out.push(c);
        }
    }
    out
}

/// Wraps `text` at `width` characters, breaking only at spaces (never at a non-breaking
/// space, as in « 7 300 € »); paragraphs are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in words(paragraph) {
            let word = word.as_str();
            let needed = if line.is_empty() { 0 } else { 1 } + word.chars().count();
            if !line.is_empty() && line.chars().count() + needed > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) && lines.len() > 1 {
        lines.pop();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn never_breaks_at_a_non_breaking_space() {
        let lines = wrap("Amende de 7\u{a0}300\u{a0}€ prononcée", 12);
        assert_eq!(lines, ["Amende de", "7\u{a0}300\u{a0}€", "prononcée"]);
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        let lines = wrap("Le responsable du traitement informe les personnes.", 20);
        assert_eq!(
            lines,
            ["Le responsable du", "traitement informe", "les personnes."]
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 20));
    }

    #[test]
    fn no_line_starts_with_a_lone_question_mark_or_ends_with_an_opening_quote() {
        let lines = wrap("Avez-vous une page « Mentions légales » ?", 36);
        assert_eq!(lines, ["Avez-vous une page « Mentions", "légales » ?"]);
        let lines = wrap("Avez-vous une page « Mentions légales » ?", 39);
        assert_eq!(lines, ["Avez-vous une page « Mentions", "légales » ?"]);
        assert_eq!(
            super::glue("Oui ? « Non » : peut-être ; https://x.fr"),
            "Oui\u{a0}? «\u{a0}Non\u{a0}»\u{a0}: peut-être\u{a0}; https://x.fr"
        );
    }

    #[test]
    fn keeps_paragraphs_and_long_words() {
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(
            wrap("anticonstitutionnellement", 5),
            ["anticonstitutionnellement"]
        );
    }
}
