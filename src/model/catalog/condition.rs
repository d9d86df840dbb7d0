//! The small condition language of `applies_if` and `visible_if`:
//! `q == "v"`, `q != "v"`, `q in ["a", "b"]`, `q contains "v"`, `and`, `or`, `not`, `( … )`.

use std::fmt;

/// A parsed condition. Question ids and values are kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    Equals(Operand, String),
    NotEquals(Operand, String),
    In(Operand, Vec<String>),
    Contains(Operand, String),
    And(Box<Condition>, Box<Condition>),
    Or(Box<Condition>, Box<Condition>),
    Not(Box<Condition>),
}

/// A question id inside a condition, with its byte offset in the condition text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operand {
    pub question: String,
    pub offset: usize,
}

/// A syntax error, with the byte offset in the condition text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

/// What a condition needs to know about the answers.
pub trait Facts {
    /// The single value of a question (choice, compliance or text), if answered and visible.
    fn value(&self, question: &str) -> Option<&str>;
    /// Whether a multiple-choice question is answered, visible and includes `value`.
    fn includes(&self, question: &str, value: &str) -> bool;
}

impl Condition {
    pub fn parse(text: &str) -> Result<Condition, ParseError> {
        let tokens = tokenize(text)?;
        let mut parser = Parser {
            tokens,
            position: 0,
            end: text.len(),
            depth: 0,
            comparisons: 0,
        };
        let condition = parser.or()?;
        match parser.peek() {
            None => Ok(condition),
            Some(token) => Err(ParseError {
                offset: token.offset,
                message: format!("« {} » inattendu après une condition complète", token.kind),
            }),
        }
    }

    pub fn evaluate(&self, facts: &dyn Facts) -> bool {
        match self {
            Condition::Equals(q, v) => facts.value(&q.question) == Some(v.as_str()),
            Condition::NotEquals(q, v) => {
                facts.value(&q.question).is_some_and(|answer| answer != v)
            }
            Condition::In(q, values) => facts
                .value(&q.question)
                .is_some_and(|answer| values.iter().any(|v| v == answer)),
            Condition::Contains(q, v) => facts.includes(&q.question, v),
            Condition::And(a, b) => a.evaluate(facts) && b.evaluate(facts),
            Condition::Or(a, b) => a.evaluate(facts) || b.evaluate(facts),
            Condition::Not(a) => !a.evaluate(facts),
        }
    }

    /// Every question operand, in reading order.
    pub fn operands(&self) -> Vec<&Operand> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a Operand>) {
        match self {
            Condition::Equals(q, _)
            | Condition::NotEquals(q, _)
            | Condition::In(q, _)
            | Condition::Contains(q, _) => out.push(q),
            Condition::And(a, b) | Condition::Or(a, b) => {
                a.collect(out);
                b.collect(out);
            }
            Condition::Not(a) => a.collect(out),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum TokenKind {
    Ident(String),
    Str(String),
    EqEq,
    NotEq,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenKind::Ident(s) => write!(f, "{s}"),
            TokenKind::Str(s) => write!(f, "\"{s}\""),
            TokenKind::EqEq => write!(f, "=="),
            TokenKind::NotEq => write!(f, "!="),
            TokenKind::LParen => write!(f, "("),
            TokenKind::RParen => write!(f, ")"),
            TokenKind::LBracket => write!(f, "["),
            TokenKind::RBracket => write!(f, "]"),
            TokenKind::Comma => write!(f, ","),
        }
    }
}

#[derive(Debug, Clone)]
struct Token {
    kind: TokenKind,
    offset: usize,
}

fn tokenize(text: &str) -> Result<Vec<Token>, ParseError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(offset, c)) = chars.peek() {
        let single = |kind| Token { kind, offset };
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | '[' | ']' | ',' => {
                chars.next();
                tokens.push(single(match c {
                    '(' => TokenKind::LParen,
                    ')' => TokenKind::RParen,
                    '[' => TokenKind::LBracket,
                    ']' => TokenKind::RBracket,
                    _ => TokenKind::Comma,
                }));
            }
            '=' | '!' => {
                chars.next();
                if chars.next_if(|&(_, next)| next == '=').is_none() {
                    return Err(ParseError {
                        offset,
                        message: format!("« {c} » seul n'existe pas : écrivez « == » ou « != »"),
                    });
                }
                tokens.push(single(if c == '=' {
                    TokenKind::EqEq
                } else {
                    TokenKind::NotEq
                }));
            }
            '"' => {
                chars.next();
                let mut value = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '"' {
                        closed = true;
                        break;
                    }
                    value.push(c);
                }
                if !closed {
                    return Err(ParseError {
                        offset,
                        message: "guillemet fermant manquant".to_string(),
                    });
                }
                tokens.push(single(TokenKind::Str(value)));
            }
            c if c.is_ascii_alphanumeric() || c == '_' => {
                let mut word = String::new();
                while let Some((_, c)) =
                    chars.next_if(|&(_, c)| c.is_ascii_alphanumeric() || c == '_')
                {
                    word.push(c);
                }
                tokens.push(single(TokenKind::Ident(word)));
            }
            other => {
                return Err(ParseError {
                    offset,
                    message: format!("caractère inattendu « {other} »"),
                });
            }
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    position: usize,
    end: usize,
    /// Parentheses and `not` open at this point.
    depth: usize,
    comparisons: usize,
}

/// Far above any real questionnaire (they nest 3 levels and compare 6 times at most), far
/// below what would exhaust the stack: a hostile file gets a message, not a crash.
pub const MAX_DEPTH: usize = 32;
pub const MAX_COMPARISONS: usize = 64;

const KEYWORDS: [&str; 5] = ["and", "or", "not", "in", "contains"];

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position)
    }

    fn peek_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Token { kind: TokenKind::Ident(w), .. }) if w == keyword)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.position).cloned();
        self.position += 1;
        token
    }

    fn error_here(&self, expected: &str) -> ParseError {
        match self.peek() {
            Some(token) => ParseError {
                offset: token.offset,
                message: format!("{expected} attendu, « {} » trouvé", token.kind),
            },
            None => ParseError {
                offset: self.end,
                message: format!("{expected} attendu, fin de la condition trouvée"),
            },
        }
    }

    fn or(&mut self) -> Result<Condition, ParseError> {
        let mut left = self.and()?;
        while self.peek_keyword("or") {
            self.next();
            let right = self.and()?;
            left = Condition::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Condition, ParseError> {
        let mut left = self.unary()?;
        while self.peek_keyword("and") {
            self.next();
            let right = self.unary()?;
            left = Condition::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    /// Enters a parenthesis or a `not`; an error past [`MAX_DEPTH`].
    fn deeper(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let offset = self.peek().map_or(self.end, |t| t.offset);
            return Err(ParseError {
                offset,
                message: format!(
                    "condition trop imbriquée (plus de {MAX_DEPTH} niveaux de parenthèses ou de « not ») : simplifiez-la"
                ),
            });
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<Condition, ParseError> {
        if self.peek_keyword("not") {
            self.deeper()?;
            self.next();
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Condition::Not(Box::new(inner)));
        }
        if matches!(
            self.peek(),
            Some(Token {
                kind: TokenKind::LParen,
                ..
            })
        ) {
            self.deeper()?;
            self.next();
            let inner = self.or()?;
            self.depth -= 1;
            return match self.next() {
                Some(Token {
                    kind: TokenKind::RParen,
                    ..
                }) => Ok(inner),
                _ => {
                    self.position -= 1;
                    Err(self.error_here("« ) »"))
                }
            };
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Condition, ParseError> {
        self.comparisons += 1;
        if self.comparisons > MAX_COMPARISONS {
            return Err(ParseError {
                offset: self.peek().map_or(self.end, |t| t.offset),
                message: format!(
                    "condition trop longue (plus de {MAX_COMPARISONS} comparaisons) : découpez-la"
                ),
            });
        }
        let operand = match self.peek() {
            Some(Token {
                kind: TokenKind::Ident(word),
                offset,
            }) if !KEYWORDS.contains(&word.as_str()) => Operand {
                question: word.clone(),
                offset: *offset,
            },
            _ => return Err(self.error_here("un identifiant de question")),
        };
        self.next();
        let operator = self.next();
        match operator.map(|t| t.kind) {
            Some(TokenKind::EqEq) => Ok(Condition::Equals(operand, self.string()?)),
            Some(TokenKind::NotEq) => Ok(Condition::NotEquals(operand, self.string()?)),
            Some(TokenKind::Ident(w)) if w == "contains" => {
                Ok(Condition::Contains(operand, self.string()?))
            }
            Some(TokenKind::Ident(w)) if w == "in" => Ok(Condition::In(operand, self.list()?)),
            _ => {
                self.position -= 1;
                Err(self.error_here("« == », « != », « in » ou « contains »"))
            }
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        match self.peek() {
            Some(Token {
                kind: TokenKind::Str(value),
                ..
            }) => {
                let value = value.clone();
                self.next();
                Ok(value)
            }
            _ => Err(self.error_here("une valeur entre guillemets")),
        }
    }

    fn list(&mut self) -> Result<Vec<String>, ParseError> {
        if !matches!(
            self.peek(),
            Some(Token {
                kind: TokenKind::LBracket,
                ..
            })
        ) {
            return Err(self.error_here("« [ »"));
        }
        self.next();
        let mut values = vec![self.string()?];
        loop {
            match self.next().map(|t| t.kind) {
                Some(TokenKind::Comma) => values.push(self.string()?),
                Some(TokenKind::RBracket) => return Ok(values),
                _ => {
                    self.position -= 1;
                    return Err(self.error_here("« , » ou « ] »"));
                }
            }
        }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Equals(q, v) => write!(f, "{} == \"{v}\"", q.question),
            Condition::NotEquals(q, v) => write!(f, "{} != \"{v}\"", q.question),
            Condition::In(q, values) => {
                let list: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
                write!(f, "{} in [{}]", q.question, list.join(", "))
            }
            Condition::Contains(q, v) => write!(f, "{} contains \"{v}\"", q.question),
            Condition::And(a, b) => write!(f, "({a} and {b})"),
            Condition::Or(a, b) => write!(f, "({a} or {b})"),
            Condition::Not(a) => write!(f, "not {a}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    struct Map(BTreeMap<&'static str, Vec<&'static str>>);

    impl Facts for Map {
        fn value(&self, question: &str) -> Option<&str> {
            self.0.get(question).and_then(|v| v.first().copied())
        }
        fn includes(&self, question: &str, value: &str) -> bool {
            self.0.get(question).is_some_and(|v| v.contains(&value))
        }
    }

    fn facts() -> Map {
        Map(BTreeMap::from([
            ("forme", vec!["societe"]),
            ("canaux", vec!["site_vitrine", "reseaux_sociaux"]),
        ]))
    }

    fn eval(text: &str) -> bool {
        Condition::parse(text).unwrap().evaluate(&facts())
    }

    #[test]
    fn operators_and_precedence() {
        assert!(eval(r#"forme == "societe""#));
        assert!(!eval(r#"forme != "societe""#));
        assert!(eval(r#"forme in ["association", "societe"]"#));
        assert!(eval(r#"canaux contains "site_vitrine""#));
        assert!(!eval(r#"canaux contains "telephone""#));
        // not > and > or
        assert!(eval(
            r#"forme == "x" or forme == "societe" and canaux contains "site_vitrine""#
        ));
        assert!(!eval(
            r#"(forme == "x" or forme == "societe") and not canaux contains "site_vitrine""#
        ));
    }

    #[test]
    fn unanswered_questions_make_comparisons_false() {
        assert!(!eval(r#"dpo == "oui""#));
        assert!(!eval(r#"dpo != "oui""#));
        assert!(eval(r#"not dpo == "oui""#));
    }

    #[test]
    fn syntax_errors_point_at_the_problem() {
        let error = Condition::parse(r#"forme = "societe""#).unwrap_err();
        assert_eq!(error.offset, 6);
        assert!(error.message.contains("=="), "{}", error.message);
        let error = Condition::parse(r#"forme == "societe" and"#).unwrap_err();
        assert!(
            error.message.contains("fin de la condition"),
            "{}",
            error.message
        );
        let error = Condition::parse(r#"(forme == "a""#).unwrap_err();
        assert!(error.message.contains(")"), "{}", error.message);
        let error = Condition::parse(r#"forme in ["a" "b"]"#).unwrap_err();
        assert!(
            error.message.contains("« , » ou « ] »"),
            "{}",
            error.message
        );
    }
}

#[cfg(test)]
mod limits {
    use super::*;

    #[test]
    fn hostile_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}a == \"x\"{}", "(".repeat(10_000), ")".repeat(10_000));
        let error = Condition::parse(&deep).unwrap_err();
        assert!(
            error
                .message
                .starts_with("condition trop imbriquée (plus de 32 niveaux")
        );
        assert_eq!(error.offset, 32);
        let nots = format!("{}a == \"x\"", "not ".repeat(10_000));
        assert!(
            Condition::parse(&nots)
                .unwrap_err()
                .message
                .contains("trop imbriquée")
        );
        let long = vec!["a == \"x\""; 10_000].join(" and ");
        let error = Condition::parse(&long).unwrap_err();
        assert!(
            error
                .message
                .contains("trop longue (plus de 64 comparaisons)"),
            "{}",
            error.message
        );
        // What real questionnaires write stays well within the limits.
        let real = format!(
            "{}a == \"x\"{}",
            "(".repeat(MAX_DEPTH),
            ")".repeat(MAX_DEPTH)
        );
        assert!(Condition::parse(&real).is_ok());
    }
}
