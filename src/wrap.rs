//! Word wrapping for plain-text output (reports, commented templates).

/// Wraps `text` at `width` characters, breaking only at spaces (never at a non-breaking
/// space, as in « 7 300 € »); paragraphs are kept.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_ascii_whitespace() {
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
    fn keeps_paragraphs_and_long_words() {
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(
            wrap("anticonstitutionnellement", 5),
            ["anticonstitutionnellement"]
        );
    }
}
