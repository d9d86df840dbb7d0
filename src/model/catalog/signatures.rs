//! The site signatures (`signatures.toml`): what reveals, on a web page, a service of the
//! catalogue or a consent manager. Read and checked with the rest of the catalogue, so that
//! `vigie check` locates every problem; used by `vigie scan`.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use super::model::Service;
use crate::model::diagnostic::Diagnostic;
use crate::model::source::{SourceFile, toml_diagnostic};

/// The name of the signatures file.
pub const SIGNATURES_FILE: &str = "signatures.toml";

/// Patterns that reveal one thing on a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patterns {
    /// `host/path-prefix` of an address the page loads (script, iframe, image, style).
    pub urls: Vec<String>,
    /// `host/path-prefix` of a link (`<a href>`).
    pub links: Vec<String>,
    /// Cookie names; a final `*` makes a prefix.
    pub cookies: Vec<String>,
    /// Text inside an inline script.
    pub snippets: Vec<String>,
    /// Last segment of a script address (a self-hosted library).
    pub files: Vec<String>,
}

/// The signature of a service of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSignature {
    pub service: String,
    pub patterns: Patterns,
}

/// A consent manager (cookie banner tool).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentManager {
    pub id: String,
    pub name: String,
    pub patterns: Patterns,
}

/// Every signature, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signatures {
    pub services: Vec<ServiceSignature>,
    pub consent_managers: Vec<ConsentManager>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignaturesFile {
    format: Spanned<i64>,
    #[serde(default)]
    signature: Vec<SignatureDto>,
    #[serde(default)]
    gestionnaire: Vec<ManagerDto>,
}

/// The patterns of an entry (`flatten` is not used: it loses the places of the values).
struct PatternsDto {
    urls: Vec<Spanned<String>>,
    liens: Vec<Spanned<String>>,
    cookies: Vec<Spanned<String>>,
    extraits: Vec<Spanned<String>>,
    fichiers: Vec<Spanned<String>>,
}

macro_rules! patterns_of {
    ($dto:expr) => {
        PatternsDto {
            urls: $dto.urls,
            liens: $dto.liens,
            cookies: $dto.cookies,
            extraits: $dto.extraits,
            fichiers: $dto.fichiers,
        }
    };
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignatureDto {
    service: Spanned<String>,
    #[serde(default)]
    urls: Vec<Spanned<String>>,
    #[serde(default)]
    liens: Vec<Spanned<String>>,
    #[serde(default)]
    cookies: Vec<Spanned<String>>,
    #[serde(default)]
    extraits: Vec<Spanned<String>>,
    #[serde(default)]
    fichiers: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManagerDto {
    id: Spanned<String>,
    nom: Spanned<String>,
    #[serde(default)]
    urls: Vec<Spanned<String>>,
    #[serde(default)]
    liens: Vec<Spanned<String>>,
    #[serde(default)]
    cookies: Vec<Spanned<String>>,
    #[serde(default)]
    extraits: Vec<Spanned<String>>,
    #[serde(default)]
    fichiers: Vec<Spanned<String>>,
}

/// Reads and checks the signature files (built-in first, then the user's, which replace a
/// signature of the same service or consent manager); problems go to `problems`.
pub fn validate_signatures(
    files: &[SourceFile],
    services: &[Service],
    format_ok: &mut dyn FnMut(&SourceFile, &Spanned<i64>) -> bool,
    problems: &mut Vec<Diagnostic>,
) -> Signatures {
    let mut signatures = Signatures::default();
    for source in files {
        let file = match toml::from_str::<SignaturesFile>(&source.text) {
            Ok(file) => file,
            Err(error) => {
                problems.push(toml_diagnostic(source, &error));
                continue;
            }
        };
        if !format_ok(source, &file.format) {
            continue;
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        for dto in file.signature {
            let id = dto.service.get_ref().clone();
            let at = dto.service.span().start;
            if services.iter().all(|s| s.id != id) {
                problems.push(source.diagnostic(
                    at,
                    format!("service « {id} » inconnu : il doit être défini dans services.toml"),
                ));
                continue;
            }
            if !first_definition(source, &mut seen, &id, at, problems) {
                continue;
            }
            let patterns = check_patterns(source, patterns_of!(dto), at, problems);
            let signature = ServiceSignature {
                service: id,
                patterns,
            };
            replace_or_push(&mut signatures.services, signature, |s| &s.service);
        }
        for dto in file.gestionnaire {
            let id = dto.id.get_ref().clone();
            let at = dto.id.span().start;
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                problems.push(source.diagnostic(at,
                    format!(
                        "identifiant de gestionnaire « {id} » invalide : minuscules sans accent, chiffres et « _ » seulement"
                    ),
                ));
            }
            if dto.nom.get_ref().trim().is_empty() {
                problems
                    .push(source.diagnostic(dto.nom.span().start, "« nom » ne doit pas être vide"));
            }
            if !first_definition(source, &mut seen, &id, at, problems) {
                continue;
            }
            let name = dto.nom.get_ref().clone();
            let patterns = check_patterns(source, patterns_of!(dto), at, problems);
            let manager = ConsentManager { id, name, patterns };
            replace_or_push(&mut signatures.consent_managers, manager, |m| &m.id);
        }
    }
    signatures
}

fn first_definition(
    source: &SourceFile,
    seen: &mut HashMap<String, usize>,
    id: &str,
    at: usize,
    problems: &mut Vec<Diagnostic>,
) -> bool {
    if let Some(&first) = seen.get(id) {
        let (line, column) = source.position(first);
        problems.push(source.diagnostic(
            at,
            format!("« {id} » a déjà une signature ligne {line}, colonne {column}"),
        ));
        return false;
    }
    seen.insert(id.to_string(), at);
    true
}

fn replace_or_push<T>(list: &mut Vec<T>, item: T, id: impl Fn(&T) -> &String) {
    match list.iter_mut().find(|existing| id(existing) == id(&item)) {
        Some(existing) => *existing = item,
        None => list.push(item),
    }
}

/// Checks each pattern's form; an entry without any pattern is reported at its id.
fn check_patterns(
    source: &SourceFile,
    dto: PatternsDto,
    at: usize,
    problems: &mut Vec<Diagnostic>,
) -> Patterns {
    let mut report = |pattern: &Spanned<String>, why: &str| {
        problems.push(source.diagnostic(
            pattern.span().start,
            format!("motif « {} » invalide : {why}", pattern.get_ref()),
        ));
    };
    let address_rule = "écrivez un hôte suivi éventuellement d'un chemin (« exemple.com/js »), \
                        sans « http:// », sans espace ni majuscule";
    for pattern in dto.urls.iter().chain(&dto.liens) {
        if !is_address_pattern(pattern.get_ref()) {
            report(pattern, address_rule);
        }
    }
    for pattern in &dto.cookies {
        let text = pattern.get_ref();
        let name = text.strip_suffix('*').unwrap_or(text);
        if name.is_empty() || name.contains(['*', ' ', ';', '=', ',']) {
            report(
                pattern,
                "un nom de cookie, sans espace ni « ; = , », avec au plus un « * » final",
            );
        }
    }
    for pattern in &dto.fichiers {
        let text = pattern.get_ref();
        if text.is_empty() || text.contains(['/', ' ']) {
            report(
                pattern,
                "un nom de fichier seul (« outil.js »), sans « / » ni espace",
            );
        }
    }
    for pattern in &dto.extraits {
        if pattern.get_ref().trim().chars().count() < 5 {
            report(
                pattern,
                "un extrait de moins de 5 caractères reconnaîtrait n'importe quoi",
            );
        }
    }
    let take = |list: Vec<Spanned<String>>| -> Vec<String> {
        list.into_iter().map(Spanned::into_inner).collect()
    };
    let patterns = Patterns {
        urls: take(dto.urls),
        links: take(dto.liens),
        cookies: take(dto.cookies),
        snippets: take(dto.extraits),
        files: take(dto.fichiers),
    };
    if patterns == Patterns::default() {
        problems.push(source.diagnostic(
            at,
            "aucun motif : donnez au moins urls, liens, cookies, extraits ou fichiers",
        ));
    }
    patterns
}

/// `host[/path]`, lowercase host with a dot, no scheme, no space.
fn is_address_pattern(pattern: &str) -> bool {
    let host = pattern.split('/').next().unwrap_or("");
    !pattern.contains("://")
        && !pattern.contains(char::is_whitespace)
        && host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_patterns_need_a_host_and_no_scheme() {
        assert!(is_address_pattern("googletagmanager.com/gtag/js"));
        assert!(is_address_pattern("cdn.shopify.com"));
        assert!(!is_address_pattern("https://cdn.shopify.com"));
        assert!(!is_address_pattern("localhost/x"));
        assert!(!is_address_pattern("Cdn.Shopify.com"));
    }
}
