//! The documents are written in Markdown by the templates; this module escapes user values
//! for Markdown and turns the Markdown into HTML (fragment or page) and plain text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Escapes a user value so that Markdown shows it as typed (and never as HTML).
pub fn escape_markdown(input: &str, output: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut escaped = String::with_capacity(input.len());
    let chars: Vec<char> = input.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // An underscore inside a word never starts emphasis: left as typed (« ck_retrait »).
        let inside_word = c == '_'
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if !inside_word
            && matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
            )
        {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    output.write_all(escaped.as_bytes())
}

/// May a document or a report link to `url`? Only web and e-mail addresses, and addresses
/// relative to the page (no scheme): never `javascript:`, `data:`, `file:`…
pub fn safe_link(url: &str) -> bool {
    let url = url.trim();
    let Some(colon) = url.find(':') else {
        return true;
    };
    if url[..colon].contains(['/', '?', '#']) {
        return true;
    }
    // Browsers ignore blanks and controls inside a scheme (`java\tscript:`).
    let scheme: String = url[..colon]
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(scheme.as_str(), "http" | "https" | "mailto")
}

fn parser(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    // Per open link or image: is it kept? An unsafe link keeps its text without the link;
    // an image is never loaded (no remote request, no tracking pixel): its description stays.
    let mut kept: Vec<bool> = Vec::new();
    Parser::new_ext(markdown, Options::ENABLE_TABLES).filter_map(move |event| match event {
        // Raw HTML is never passed through: it is shown as text.
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let safe = safe_link(dest_url);
            kept.push(safe);
            safe.then_some(event)
        }
        Event::Start(Tag::Image { .. }) => {
            kept.push(false);
            None
        }
        Event::End(TagEnd::Link | TagEnd::Image) => kept.pop().unwrap_or(false).then_some(event),
        other => Some(other),
    })
}

/// An HTML fragment, to paste into a site builder.
pub fn to_html_fragment(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser(markdown));
    html
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A standalone HTML page around the fragment, readable on screen and printed.
pub fn to_html_page(title: &str, markdown: &str) -> String {
    html_page(title, &to_html_fragment(markdown))
}

/// A standalone page around HTML we produced ourselves (already escaped).
pub fn html_page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
        escape_html(title),
        PAGE_CSS,
        body
    )
}

const PAGE_CSS: &str = "\
body { font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; line-height: 1.55; color: #1f2328; background: #fff; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.6rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.4rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.95rem; }
th, td { border: 1px solid #d0d7de; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
pre { background: #f6f8fa; padding: 0.8rem; overflow-x: auto; border-radius: 4px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; }
a { color: #0b57d0; }
@media print {
  body { font-size: 11pt; color: #000; }
  main { max-width: none; padding: 0; }
  a { color: #000; }
  a[href^=\"http\"]::after { content: \" (\" attr(href) \")\"; font-size: 0.85em; }
  h2, h3 { break-after: avoid; }
  table, pre { break-inside: avoid; }
}
";

/// Plain text: headings underlined, lists with dashes, links followed by their address.
pub fn to_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut heading: Option<HeadingLevel> = None;
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut link: Option<String> = None;
    let mut in_code = false;
    let mut row: Vec<String> = Vec::new();
    let mut in_cell = false;
    let flush = |out: &mut String, line: &mut String| {
        out.push_str(line.trim_end());
        out.push('\n');
        line.clear();
    };
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level),
            Event::End(TagEnd::Heading(_)) => {
                let title = std::mem::take(&mut line);
                let width = title.chars().count();
                out.push_str(&title);
                out.push('\n');
                let underline = if heading == Some(HeadingLevel::H1) {
                    '='
                } else {
                    '-'
                };
                out.push_str(&underline.to_string().repeat(width));
                out.push_str("\n\n");
                heading = None;
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                flush(&mut out, &mut line);
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::List(start)) => {
                if !line.is_empty() {
                    flush(&mut out, &mut line);
                }
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                let depth = lists.len().saturating_sub(1);
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}. ");
                        *n += 1;
                        marker
                    }
                    _ => "- ".to_string(),
                };
                line.push_str(&"  ".repeat(depth));
                line.push_str(&marker);
            }
            Event::End(TagEnd::Item) if !line.trim().is_empty() => flush(&mut out, &mut line),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = link.take()
                    && !line.ends_with(url.as_str())
                {
                    line.push_str(&format!(" ({url})"));
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                out.push('\n');
            }
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => row.clear(),
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                out.push_str(&row.join(" | "));
                out.push('\n');
                row.clear();
            }
            Event::Start(Tag::TableCell) => in_cell = true,
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                row.push(std::mem::take(&mut line).trim().to_string());
            }
            Event::End(TagEnd::Table) => out.push('\n'),
            Event::Text(text) | Event::Code(text) if in_code => {
                for code_line in text.lines() {
                    out.push_str("    ");
                    out.push_str(code_line);
                    out.push('\n');
                }
            }
            Event::Text(text) | Event::Code(text) => line.push_str(&text),
            Event::SoftBreak => line.push(' '),
            Event::HardBreak => {
                if in_cell {
                    line.push(' ');
                } else {
                    flush(&mut out, &mut line);
                }
            }
            Event::Rule => out.push_str("----------\n\n"),
            _ => {}
        }
    }
    if !line.is_empty() {
        flush(&mut out, &mut line);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_and_no_image() {
        let html = to_html_fragment(
            "[a](javascript:alert(1)) [b](JAVASCRIPT:x) <javascript:y> [c](data:text/html,x) \
             [d](https://www.cnil.fr) [e](mailto:dpo@dupain.fr) [f](/politique-cookies) \
             ![pixel](https://traceur.example/p.gif)",
        );
        assert!(!html.to_lowercase().contains("href=\"javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(
            !html.contains("<img") && !html.contains("traceur.example"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://www.cnil.fr\">d</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"mailto:dpo@dupain.fr\">e</a>"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"/politique-cookies\">f</a>"),
            "{html}"
        );
        // The texts stay.
        for text in ["a", "b", "c", "pixel"] {
            assert!(
                html.contains(&format!("{text} ")) || html.contains(&format!("{text}</p>")),
                "{text}: {html}"
            );
        }
    }

    fn escaped(value: &str) -> String {
        let mut out = Vec::new();
        escape_markdown(value, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn user_values_stay_text_in_every_format() {
        let value = "<script>alert(1)</script> *SARL* [x](y) & Cie";
        let markdown = format!("Éditeur : {}\n", escaped(value));
        let html = to_html_fragment(&markdown);
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt; *SARL* [x](y) &amp; Cie"),
            "{html}"
        );
        assert!(!html.contains("<script>"));
        assert_eq!(to_text(&markdown), format!("Éditeur : {value}\n"));
    }

    #[test]
    fn underscores_inside_words_stay_unescaped() {
        assert_eq!(escaped("ck_retrait _x_"), "ck_retrait \\_x\\_");
        assert_eq!(to_text(&escaped("ck_retrait _x_")), "ck_retrait _x_\n");
    }

    #[test]
    fn raw_html_in_a_template_is_shown_as_text() {
        let html = to_html_fragment("<b>gras</b> et <script>x</script>\n");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn text_keeps_structure() {
        let text = to_text(
            "# Titre\n\nUn [lien](https://exemple.fr).\n\n- un\n- deux\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
        );
        assert_eq!(
            text,
            "Titre\n=====\n\nUn lien (https://exemple.fr).\n\n- un\n- deux\n\nA | B\n1 | 2\n"
        );
    }
}
