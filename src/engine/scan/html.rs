//! What a page's HTML holds for the scan: the addresses it loads (and whether they wait for
//! consent), its inline scripts, links, forms and visible text. A tokenizer, not a browser:
//! nothing is executed.

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// How a resource is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    Script,
    Iframe,
    Image,
    Style,
}

impl ResourceKind {
    pub fn label(self) -> &'static str {
        match self {
            ResourceKind::Script => "script",
            ResourceKind::Iframe => "iframe",
            ResourceKind::Image => "image",
            ResourceKind::Style => "feuille de style",
        }
    }
}

/// An address the page loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub kind: ResourceKind,
    pub address: String,
    /// Held back until consent: a script of type `text/plain` (the way consent managers
    /// block them) or an address kept in `data-src` instead of `src`.
    pub blocked: bool,
}

/// A script written in the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineScript {
    pub text: String,
    pub blocked: bool,
}

/// A link and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// A form and where it sits in the page's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub action: String,
    /// Names (or types) of the fields a visitor fills.
    pub fields: Vec<String>,
    pub asks_email: bool,
    /// Byte range of the form's own text within [`Page::text`].
    pub text_start: usize,
    pub text_end: usize,
    /// Links inside the form.
    pub links: Vec<Link>,
}

/// The parts of a page the scan reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub resources: Vec<Resource>,
    pub inline_scripts: Vec<InlineScript>,
    pub links: Vec<Link>,
    pub forms: Vec<Form>,
    /// Visible text, lowercase, whitespace collapsed.
    pub text: String,
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Script types that a browser runs.
fn runs(script_type: Option<&str>) -> bool {
    match script_type.map(|t| t.trim().to_ascii_lowercase()) {
        None => true,
        Some(t) => {
            t.is_empty()
                || t == "module"
                || t.ends_with("/javascript")
                || t.ends_with("/ecmascript")
                || t == "text/jscript"
        }
    }
}

/// Reads a page.
pub fn parse(html: &str) -> Page {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut page = Page::default();
    let mut in_script: Option<InlineScript> = None;
    let mut in_style = false;
    let mut link: Option<Link> = None;
    let mut form: Option<Form> = None;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = text_of(&tag.name);
                let attr = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|value| text_of(value).trim().to_string())
                };
                match name.as_str() {
                    "script" => {
                        let blocked = !runs(attr("type").as_deref());
                        match attr("src").filter(|s| !s.is_empty()) {
                            Some(address) => page.resources.push(Resource {
                                kind: ResourceKind::Script,
                                address,
                                blocked,
                            }),
                            None => match attr("data-src").filter(|s| !s.is_empty()) {
                                Some(address) => page.resources.push(Resource {
                                    kind: ResourceKind::Script,
                                    address,
                                    blocked: true,
                                }),
                                None => {
                                    in_script = Some(InlineScript {
                                        text: String::new(),
                                        blocked,
                                    })
                                }
                            },
                        }
                    }
                    "style" => in_style = true,
                    "iframe" | "img" | "embed" => {
                        let kind = if name == "img" {
                            ResourceKind::Image
                        } else {
                            ResourceKind::Iframe
                        };
                        if let Some(address) = attr("src").filter(|s| !s.is_empty()) {
                            page.resources.push(Resource {
                                kind,
                                address,
                                blocked: false,
                            });
                        } else if let Some(address) = attr("data-src").filter(|s| !s.is_empty()) {
                            page.resources.push(Resource {
                                kind,
                                address,
                                blocked: true,
                            });
                        }
                    }
                    "link" => {
                        let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                        if let Some(address) = attr("href")
                            && (rel.contains("stylesheet") || rel.contains("preload"))
                        {
                            page.resources.push(Resource {
                                kind: ResourceKind::Style,
                                address,
                                blocked: false,
                            });
                        }
                    }
                    "a" => {
                        if let Some(href) = attr("href") {
                            link = Some(Link {
                                href,
                                text: attr("title").unwrap_or_default().to_lowercase(),
                            });
                        }
                    }
                    "form" => {
                        form = Some(Form {
                            action: attr("action").unwrap_or_default(),
                            fields: Vec::new(),
                            asks_email: false,
                            text_start: page.text.len(),
                            text_end: page.text.len(),
                            links: Vec::new(),
                        });
                    }
                    "input" | "textarea" | "select" => {
                        let kind = attr("type").unwrap_or_default().to_ascii_lowercase();
                        let skipped = ["hidden", "submit", "button", "reset", "image"];
                        if let Some(form) = form.as_mut()
                            && !skipped.contains(&kind.as_str())
                        {
                            let field = attr("name")
                                .or_else(|| attr("id"))
                                .unwrap_or_else(|| kind.clone());
                            let lowered = field.to_ascii_lowercase();
                            if kind == "email" || lowered.contains("mail") {
                                form.asks_email = true;
                            }
                            form.fields.push(field);
                        }
                    }
                    "br" | "p" | "div" | "li" | "td" | "h1" | "h2" | "h3" | "h4" | "tr"
                    | "section" | "footer" | "header" => push_text(&mut page.text, " "),
                    _ => {}
                }
            }
            Token::EndTag(tag) => match text_of(&tag.name).as_str() {
                "script" => {
                    if let Some(script) = in_script.take() {
                        page.inline_scripts.push(script);
                    }
                }
                "style" => in_style = false,
                "a" => {
                    if let Some(mut done) = link.take() {
                        done.text = collapse(&done.text);
                        if let Some(form) = form.as_mut() {
                            form.links.push(done.clone());
                        }
                        page.links.push(done);
                    }
                }
                "form" => {
                    if let Some(mut done) = form.take() {
                        done.text_end = page.text.len();
                        page.forms.push(done);
                    }
                }
                _ => {}
            },
            Token::String(text) => {
                let text = text_of(&text);
                if let Some(script) = in_script.as_mut() {
                    script.text.push_str(&text);
                } else if !in_style {
                    let lowered = text.to_lowercase();
                    if let Some(link) = link.as_mut() {
                        link.text.push(' ');
                        link.text.push_str(&lowered);
                    }
                    push_text(&mut page.text, &lowered);
                }
            }
            _ => {}
        }
    }
    if let Some(mut done) = form.take() {
        done.text_end = page.text.len();
        page.forms.push(done);
    }
    page
}

/// Appends text, collapsing runs of whitespace into one space.
fn push_text(text: &mut String, more: &str) {
    for c in more.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && (text.is_empty() || text.ends_with(' ')) {
            continue;
        }
        text.push(c);
    }
}

fn collapse(text: &str) -> String {
    let mut out = String::new();
    push_text(&mut out, text);
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_scripts_and_frames_are_told_apart() {
        let page = parse(
            r#"<script src="https://a.example/x.js"></script>
               <script type="text/plain" data-cookiecategory="analytics" src="https://b.example/y.js"></script>
               <iframe data-src="https://www.youtube.com/embed/1"></iframe>
               <script>gtag('config', 'G-1');</script>"#,
        );
        let blocked: Vec<bool> = page.resources.iter().map(|r| r.blocked).collect();
        assert_eq!(blocked, [false, true, true]);
        assert_eq!(page.inline_scripts.len(), 1);
        assert!(page.inline_scripts[0].text.contains("G-1"));
        assert!(!page.text.contains("gtag"), "script text is not page text");
    }

    #[test]
    fn forms_keep_their_fields_and_links() {
        let page = parse(
            r#"<form action="/envoi"><input type="hidden" name="t"><input type="email" name="courriel">
               <textarea name="message"></textarea><a href="/confidentialite">Vos données</a>
               <button>Envoyer</button></form><p>Après</p>"#,
        );
        let form = &page.forms[0];
        assert_eq!(form.fields, ["courriel", "message"]);
        assert!(form.asks_email);
        assert_eq!(form.links[0].text, "vos données");
        assert!(page.text[form.text_end..].contains("après"));
    }
}
