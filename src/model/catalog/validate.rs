//! Turns parsed catalogue files into domain types, reporting every problem at once with
//! its `file:line:column`.

use std::collections::{BTreeMap, HashMap, HashSet};

use toml::Spanned;

use super::CatalogSources;
use super::condition::{Condition, Operand};
use super::model::*;
use super::schema::{KindDto, ModuleFile, QuestionDto, SanctionsFile, ServicesFile};

use crate::model::date::is_date;
use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::source::{SourceFile, toml_diagnostic};

/// The catalogue file format this version reads.
pub const CATALOG_FORMAT: i64 = 1;

/// Validates every source; returns the modules and services, or all the problems found.
pub fn validate(sources: &CatalogSources) -> Result<super::Catalog, Diagnostics> {
    let mut problems = Problems::default();
    let services = validate_services(&sources.services, &mut problems);
    let mut pending = Vec::new();
    for source in sources.modules.values() {
        match toml::from_str::<ModuleFile>(&source.text) {
            Ok(file) => {
                if let Some(p) = build_module(source, file, &services, &mut problems) {
                    pending.push(p);
                }
            }
            Err(error) => problems.list.push(toml_diagnostic(source, &error)),
        }
    }
    check_unique_modules(&pending, &mut problems);
    let index = index_questions(&pending, &mut problems);
    check_details(&pending, &index, &mut problems);
    check_replaces(&pending, &index, &mut problems);
    let mut modules = Vec::new();
    let mut dependencies: BTreeMap<String, Vec<(String, Diagnostic)>> = BTreeMap::new();
    for p in pending {
        let module = attach_conditions(p, &index, &mut problems, &mut dependencies);
        modules.push(module);
    }
    check_cycles(&dependencies, &mut problems);
    let sanctions = validate_sanctions(&sources.sanctions, &index, &mut problems);
    let mut format_problems = Problems::default();
    let signatures = super::signatures::validate_signatures(
        &sources.signatures,
        &services,
        &mut |source, format| check_format(source, format, &mut format_problems),
        &mut problems.list,
    );
    problems.list.extend(format_problems.list);
    if problems.list.is_empty() {
        let mut catalog = super::Catalog::new(modules, services, sanctions);
        catalog.signatures = signatures;
        Ok(catalog)
    } else {
        problems.list.sort_by(|a, b| {
            (a.file.as_str(), a.line, a.column).cmp(&(b.file.as_str(), b.line, b.column))
        });
        problems.list.dedup();
        Err(Diagnostics(problems.list))
    }
}

#[derive(Default)]
struct Problems {
    list: Vec<Diagnostic>,
}

impl Problems {
    fn at(&mut self, source: &SourceFile, offset: usize, message: impl Into<String>) {
        self.list.push(source.diagnostic(offset, message));
    }
}

fn is_identifier(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn check_identifier(
    source: &SourceFile,
    id: &Spanned<String>,
    what: &str,
    problems: &mut Problems,
) {
    if !is_identifier(id.get_ref()) {
        problems.at(
            source,
            id.span().start,
            format!(
                "identifiant de {what} « {} » invalide : minuscules sans accent, chiffres et « _ » seulement",
                id.get_ref()
            ),
        );
    }
}

fn check_not_empty(
    source: &SourceFile,
    text: &Spanned<String>,
    field: &str,
    problems: &mut Problems,
) {
    if text.get_ref().trim().is_empty() {
        problems.at(
            source,
            text.span().start,
            format!("« {field} » ne doit pas être vide"),
        );
    }
}

fn check_date(source: &SourceFile, date: &Spanned<String>, field: &str, problems: &mut Problems) {
    if !is_date(date.get_ref()) {
        problems.at(
            source,
            date.span().start,
            format!(
                "« {field} » doit être une date AAAA-MM-JJ, pas « {} »",
                date.get_ref()
            ),
        );
    }
}

fn check_url(source: &SourceFile, url: &Spanned<String>, problems: &mut Problems) {
    let text = url.get_ref();
    if !text.starts_with("https://")
        || text.len() <= "https://".len()
        || text.contains(char::is_whitespace)
    {
        problems.at(
            source,
            url.span().start,
            format!("adresse « {text} » invalide : elle doit commencer par https:// et ne contenir aucun espace"),
        );
    }
}

/// The longest action title, in characters.
pub const ACTION_MAX_CHARS: usize = 90;

/// Why a reference's address does not fit its label, if it does not: a CNIL deliberation
/// links to Légifrance or cnil.fr, an article of the GDPR or an EU act to EUR-Lex, a French
/// code, law or decree to Légifrance.
pub fn reference_host_problem(label: &str, url: &str) -> Option<String> {
    // An address that is not https:// is reported on its own.
    let host = url
        .strip_prefix("https://")?
        .split('/')
        .next()
        .unwrap_or("");
    let lower = label.to_lowercase();
    let expected: &[&str] = if lower.contains("délibération") || lower.starts_with("cnil") {
        &["www.legifrance.gouv.fr", "www.cnil.fr", "cnil.fr"]
    } else if lower.starts_with("rgpd")
        || lower.starts_with("cjue")
        || lower.starts_with("règlement (ue)")
        || lower.starts_with("décision d'exécution (ue)")
    {
        &["eur-lex.europa.eu"]
    } else if lower.starts_with("cepd") {
        &["www.edpb.europa.eu"]
    } else if ["code ", "lcen", "loi ", "décret", "cpce", "ordonnance"]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
    {
        &["www.legifrance.gouv.fr"]
    } else {
        return None;
    };
    (!expected.contains(&host)).then(|| {
        format!(
            "la référence « {label} » pointe vers {host}, qui ne publie pas ce texte : attendu {}",
            expected.join(" ou ")
        )
    })
}

fn check_format(source: &SourceFile, format: &Spanned<i64>, problems: &mut Problems) -> bool {
    let value = *format.get_ref();
    if value == CATALOG_FORMAT {
        return true;
    }
    let message = if value > CATALOG_FORMAT {
        format!("ce fichier demande une version plus récente de vigie (format {value})")
    } else {
        format!("format {value} inconnu : la valeur attendue est {CATALOG_FORMAT}")
    };
    problems.at(source, format.span().start, message);
    false
}

/// Parses a service or sanction list; a TOML error or a foreign format is reported.
fn parse_listing<T: serde::de::DeserializeOwned>(
    source: &SourceFile,
    problems: &mut Problems,
    format: impl Fn(&T) -> &Spanned<i64>,
) -> Option<T> {
    match toml::from_str::<T>(&source.text) {
        Ok(file) => check_format(source, format(&file), problems).then_some(file),
        Err(error) => {
            problems.list.push(toml_diagnostic(source, &error));
            None
        }
    }
}

/// Adds `item`, replacing an earlier one of the same id (a user file overrides a built-in).
fn upsert<T>(list: &mut Vec<T>, item: T, id: impl Fn(&T) -> &String) {
    match list.iter_mut().find(|existing| id(existing) == id(&item)) {
        Some(existing) => *existing = item,
        None => list.push(item),
    }
}

fn validate_services(files: &[SourceFile], problems: &mut Problems) -> Vec<Service> {
    let mut services: Vec<Service> = Vec::new();
    for source in files {
        let Some(file) = parse_listing(source, problems, |f: &ServicesFile| &f.format) else {
            continue;
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for dto in file.services {
            let id = dto.id.get_ref().clone();
            check_identifier(source, &dto.id, "service", problems);
            if let Some(&first) = seen.get(&id) {
                let (line, column) = source.position(first);
                problems.at(
                    source,
                    dto.id.span().start,
                    format!("service « {id} » déjà défini ligne {line}, colonne {column}"),
                );
                continue;
            }
            seen.insert(id.clone(), dto.id.span().start);
            check_not_empty(source, &dto.name, "name", problems);
            check_not_empty(source, &dto.location, "location", problems);
            if service_category(dto.category.get_ref()).is_none() {
                problems.at(
                    source,
                    dto.category.span().start,
                    format!(
                        "catégorie « {} » inconnue ; catégories possibles : {}",
                        dto.category.get_ref(),
                        SERVICE_CATEGORIES.map(|c| c.id).join(", ")
                    ),
                );
            }
            check_url(source, &dto.privacy_url, problems);
            check_date(source, &dto.checked, "checked", problems);
            let service = Service {
                id: id.clone(),
                name: dto.name.into_inner(),
                category: dto.category.into_inner(),
                role: dto.role,
                location: dto.location.into_inner(),
                transfer: dto.transfer,
                consent_required: dto.consent_required,
                cookies: dto
                    .cookies
                    .into_iter()
                    .map(|c| Cookie {
                        name: c.name,
                        purpose: c.purpose,
                        lifetime: c.lifetime,
                    })
                    .collect(),
                privacy_url: dto.privacy_url.into_inner(),
                checked: dto.checked.into_inner(),
                notes: dto.notes,
                entity: dto.entity,
                https: dto.https,
                hds: dto.hds,
                address: dto.address,
                phone: dto.phone,
                purpose: dto.purpose,
                onward_transfers: dto.onward_transfers,
            };
            upsert(&mut services, service, |s| &s.id);
        }
    }
    // Grouped by category, in the order of the categories, whatever the files' order (a
    // user's service is listed with those of its category).
    services.sort_by_key(|s| {
        SERVICE_CATEGORIES
            .iter()
            .position(|c| c.id == s.category)
            .unwrap_or(SERVICE_CATEGORIES.len())
    });
    services
}

fn validate_sanctions(
    files: &[SourceFile],
    index: &HashMap<String, Indexed>,
    problems: &mut Problems,
) -> Vec<Sanction> {
    let mut sanctions: Vec<Sanction> = Vec::new();
    for source in files {
        let Some(file) = parse_listing(source, problems, |f: &SanctionsFile| &f.format) else {
            continue;
        };
        for dto in file.sanctions {
            check_identifier(source, &dto.id, "sanction", problems);
            check_date(source, &dto.date, "date", problems);
            for (text, field) in [
                (&dto.organisation, "organisation"),
                (&dto.amount, "amount"),
                (&dto.summary, "summary"),
                (&dto.reference, "reference"),
            ] {
                check_not_empty(source, text, field, problems);
            }
            if let Some(url) = &dto.url {
                check_url(source, url, problems);
            }
            for sector in &dto.sectors {
                if !SANCTION_SECTORS.contains(&sector.get_ref().as_str()) {
                    problems.at(
                        source,
                        sector.span().start,
                        format!(
                            "secteur « {} » inconnu ; secteurs possibles : {}",
                            sector.get_ref(),
                            SANCTION_SECTORS.join(", ")
                        ),
                    );
                }
            }
            for question in &dto.questions {
                if !index.contains_key(question.get_ref()) {
                    problems.at(
                        source,
                        question.span().start,
                        format!(
                            "la sanction nomme une question inconnue « {} »",
                            question.get_ref()
                        ),
                    );
                }
            }
            let sanction = Sanction {
                id: dto.id.into_inner(),
                date: dto.date.into_inner(),
                organisation: dto.organisation.into_inner(),
                amount: dto.amount.into_inner(),
                summary: dto.summary.into_inner(),
                reference: dto.reference.into_inner(),
                url: dto.url.map(Spanned::into_inner),
                size: dto.size,
                sectors: dto.sectors.into_iter().map(Spanned::into_inner).collect(),
                questions: dto.questions.into_iter().map(Spanned::into_inner).collect(),
            };
            upsert(&mut sanctions, sanction, |s| &s.id);
        }
    }
    sanctions
}

/// Where a condition goes once its references are checked.
enum Target {
    Module,
    Section(usize),
    Question(usize, usize),
    Required(usize, usize),
}

struct PendingCondition {
    target: Target,
    text: Spanned<String>,
}

struct PendingModule<'s> {
    source: &'s SourceFile,
    module: Module,
    id_offset: usize,
    question_offsets: Vec<(String, usize)>,
    conditions: Vec<PendingCondition>,
}

impl PendingModule<'_> {
    /// Where the question `id` is written, else the module's id.
    fn offset_of(&self, id: &str) -> usize {
        self.question_offsets
            .iter()
            .find(|(question, _)| question == id)
            .map_or(self.id_offset, |(_, offset)| *offset)
    }
}

fn build_module<'s>(
    source: &'s SourceFile,
    file: ModuleFile,
    services: &[Service],
    problems: &mut Problems,
) -> Option<PendingModule<'s>> {
    if !check_format(source, &file.format, problems) {
        return None;
    }
    let header_offset = file.module.span().start;
    let header = file.module.into_inner();
    check_identifier(source, &header.id, "module", problems);
    check_not_empty(source, &header.title, "title", problems);
    check_not_empty(source, &header.description, "description", problems);
    check_date(source, &header.reviewed, "reviewed", problems);
    let version = *header.version.get_ref();
    if version < 1 || version > i64::from(u32::MAX) {
        problems.at(
            source,
            header.version.span().start,
            format!("« version » doit être un entier positif, pas {version}"),
        );
    }
    let mut conditions = Vec::new();
    if let Some(text) = header.applies_if {
        conditions.push(PendingCondition {
            target: Target::Module,
            text,
        });
    }
    if file.sections.is_empty() {
        problems.at(
            source,
            header_offset,
            "le module ne contient aucune section ([[section]])",
        );
    }
    let mut sections = Vec::new();
    let mut question_offsets = Vec::new();
    let mut section_ids: HashMap<String, usize> = HashMap::new();
    for (s, dto) in file.sections.into_iter().enumerate() {
        check_identifier(source, &dto.id, "section", problems);
        check_not_empty(source, &dto.title, "title", problems);
        if let Some(&first) = section_ids.get(dto.id.get_ref()) {
            let (line, _) = source.position(first);
            problems.at(
                source,
                dto.id.span().start,
                format!("section « {} » déjà définie ligne {line}", dto.id.get_ref()),
            );
        }
        section_ids.insert(dto.id.get_ref().clone(), dto.id.span().start);
        if dto.questions.is_empty() {
            problems.at(
                source,
                dto.id.span().start,
                "la section ne contient aucune question ([[section.question]])",
            );
        }
        if let Some(text) = dto.visible_if {
            conditions.push(PendingCondition {
                target: Target::Section(s),
                text,
            });
        }
        let mut questions = Vec::new();
        for (q, question) in dto.questions.into_iter().enumerate() {
            question_offsets.push((question.id.get_ref().clone(), question.id.span().start));
            if let Some(text) = question.visible_if.clone() {
                conditions.push(PendingCondition {
                    target: Target::Question(s, q),
                    text,
                });
            }
            if let Some(text) = question.required_if.clone() {
                conditions.push(PendingCondition {
                    target: Target::Required(s, q),
                    text,
                });
            }
            questions.push(build_question(
                source,
                question,
                header.role,
                services,
                problems,
            ));
        }
        sections.push(Section {
            id: dto.id.into_inner(),
            title: dto.title.into_inner(),
            visible_if: None,
            questions,
        });
    }
    Some(PendingModule {
        source,
        id_offset: header.id.span().start,
        module: Module {
            id: header.id.into_inner(),
            title: header.title.into_inner(),
            version: u32::try_from(version).unwrap_or(1),
            description: header.description.into_inner(),
            reviewed: header.reviewed.into_inner(),
            role: header.role,
            applies_if: None,
            order: header.order,
            source: source.name.clone(),
            sections,
        },
        question_offsets,
        conditions,
    })
}

fn build_question(
    source: &SourceFile,
    dto: QuestionDto,
    role: Role,
    services: &[Service],
    problems: &mut Problems,
) -> Question {
    let id_offset = dto.id.span().start;
    check_identifier(source, &dto.id, "question", problems);
    check_not_empty(source, &dto.prompt, "prompt", problems);
    check_not_empty(source, &dto.help, "help", problems);
    for reference in &dto.references {
        check_not_empty(source, &reference.get_ref().label, "label", problems);
        check_url(source, &reference.get_ref().url, problems);
        if let Some(problem) = reference_host_problem(
            reference.get_ref().label.get_ref(),
            reference.get_ref().url.get_ref(),
        ) {
            problems.at(source, reference.get_ref().url.span().start, problem);
        }
    }
    let kind_name = match dto.kind {
        KindDto::Conformite => "conformite",
        KindDto::Choice => "choice",
        KindDto::Multi => "multi",
        KindDto::Text => "text",
    };
    let mut forbid = |present: Option<usize>, field: &str| {
        if let Some(offset) = present {
            problems.at(
                source,
                offset,
                format!("« {field} » n'a pas de sens pour une question de type « {kind_name} »"),
            );
        }
    };
    let scored_fields = [
        (dto.level.as_ref().map(|v| v.span().start), "level"),
        (dto.weight.as_ref().map(|v| v.span().start), "weight"),
        (dto.severity.as_ref().map(|v| v.span().start), "severity"),
        (
            dto.sensitive_to.as_ref().map(|v| v.span().start),
            "sensitive_to",
        ),
        (dto.effort.as_ref().map(|v| v.span().start), "effort"),
        (dto.action.as_ref().map(|v| v.span().start), "action"),
        (dto.verify.as_ref().map(|v| v.span().start), "verify"),
        (
            dto.remediation.as_ref().map(|v| v.span().start),
            "remediation",
        ),
        (dto.document.as_ref().map(|v| v.span().start), "document"),
        (
            dto.allow_partial.as_ref().map(|v| v.span().start),
            "allow_partial",
        ),
        (dto.allow_na.as_ref().map(|v| v.span().start), "allow_na"),
    ];
    let option_fields = [
        (dto.options.as_ref().map(|v| v.span().start), "options"),
        (
            dto.options_from.as_ref().map(|v| v.span().start),
            "options_from",
        ),
    ];
    let text_fields = [
        (dto.validator.as_ref().map(|v| v.span().start), "validator"),
        (dto.multiline.as_ref().map(|v| v.span().start), "multiline"),
    ];
    let required_fields = [
        (dto.required.as_ref().map(|v| v.span().start), "required"),
        (
            dto.required_if.as_ref().map(|v| v.span().start),
            "required_if",
        ),
    ];
    let forbidden: Vec<(Option<usize>, &str)> = match dto.kind {
        KindDto::Conformite => [&option_fields[..], &text_fields, &required_fields].concat(),
        KindDto::Choice => [&scored_fields[..], &text_fields].concat(),
        KindDto::Multi => [&scored_fields[..], &text_fields, &required_fields].concat(),
        KindDto::Text => [&scored_fields[..], &option_fields].concat(),
    };
    for (present, field) in forbidden {
        forbid(present, field);
    }
    if role != Role::Identite {
        for (present, field) in required_fields {
            if let Some(offset) = present {
                problems.at(
                    source,
                    offset,
                    format!("« {field} » n'est permis que dans le module d'identité (role = \"identite\")"),
                );
            }
        }
    }
    if let (Some(required), Some(_)) = (&dto.required, &dto.required_if) {
        problems.at(
            source,
            required.span().start,
            "« required » et « required_if » s'excluent : gardez l'un des deux",
        );
    }
    let requirement = if dto.required.as_ref().is_some_and(|r| *r.get_ref()) {
        Requirement::Always
    } else {
        Requirement::Optional
    };
    if let Some(deduce) = &dto.deduce
        && deduce.get_ref().kind() != kind_name
    {
        problems.at(
            source,
            deduce.span().start,
            format!(
                "« deduce » : cette règle répond à une question de type « {} », pas « {kind_name} »",
                deduce.get_ref().kind()
            ),
        );
    }
    let deduce = dto.deduce.as_ref().map(|d| *d.get_ref());
    if let Some(gate) = &dto.details_of
        && dto.kind != KindDto::Conformite
    {
        problems.at(
            source,
            gate.span().start,
            "« details_of » n'a de sens que pour une question « conformite »",
        );
    }
    let details_of = dto.details_of.as_ref().map(|g| g.get_ref().clone());
    let answer_labels = dto
        .answer_labels
        .as_ref()
        .map(|labels| labels.get_ref().clone())
        .unwrap_or_default();
    if let Some(labels) = &dto.answer_labels {
        let allowed: Vec<&str> = match (&dto.kind, &dto.allow_partial, &dto.allow_na) {
            (KindDto::Conformite, partial, na) => crate::model::answers::Rating::ALL
                .into_iter()
                .filter(|r| match r {
                    crate::model::answers::Rating::Partiel => {
                        partial.as_ref().is_none_or(|p| *p.get_ref())
                    }
                    crate::model::answers::Rating::NonApplicable => {
                        na.as_ref().is_some_and(|n| *n.get_ref())
                    }
                    _ => true,
                })
                .map(crate::model::answers::Rating::value)
                .collect(),
            _ => Vec::new(),
        };
        for value in labels.get_ref().keys() {
            if !allowed.contains(&value.as_str()) {
                problems.at(
                    source,
                    labels.span().start,
                    format!(
                        "« answer_labels » : « {value} » n'est pas une réponse possible de cette question ; réponses possibles : {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
    }
    let kind = match dto.kind {
        KindDto::Conformite => {
            if role != Role::Evaluation {
                problems.at(
                    source,
                    id_offset,
                    "une question notée (« conformite ») ne peut pas figurer dans un module de profil ou d'identité",
                );
            }
            let mut missing = |field: &str| {
                problems.at(
                    source,
                    id_offset,
                    format!("question notée sans « {field} » : ce champ est obligatoire pour le type « conformite »"),
                );
            };
            if dto.level.is_none() {
                missing("level");
            }
            if dto.weight.is_none() {
                missing("weight");
            }
            if dto.severity.is_none() {
                missing("severity");
            }
            if dto.effort.is_none() {
                missing("effort");
            }
            if dto.action.is_none() {
                missing("action");
            }
            if dto.remediation.is_none() {
                missing("remediation");
            }
            if dto
                .severity
                .as_ref()
                .is_some_and(|s| *s.get_ref() == Severity::Critique)
                && dto.verify.is_none()
            {
                problems.at(
                    source,
                    id_offset,
                    "question de gravité « critique » sans « verify » : dites ce qu'il faut vérifier en premier quand la réponse est « je ne sais pas »",
                );
            }
            if dto.references.is_empty() {
                problems.at(
                    source,
                    id_offset,
                    "question notée sans référence : ajoutez au moins une source dans « references »",
                );
            }
            let weight = dto.weight.as_ref().map_or(1, |w| *w.get_ref());
            if !(1..=5).contains(&weight) {
                let offset = dto.weight.as_ref().map_or(id_offset, |w| w.span().start);
                problems.at(
                    source,
                    offset,
                    format!("poids {weight} hors limites : de 1 à 5"),
                );
            }
            for (text, field) in [
                (&dto.remediation, "remediation"),
                (&dto.action, "action"),
                (&dto.verify, "verify"),
            ] {
                if let Some(text) = text {
                    check_not_empty(source, text, field, problems);
                }
            }
            if let Some(action) = &dto.action
                && action.get_ref().chars().count() > ACTION_MAX_CHARS
            {
                problems.at(
                    source,
                    action.span().start,
                    format!(
                        "titre d'action trop long ({} caractères) : {ACTION_MAX_CHARS} au plus, une phrase courte à l'impératif",
                        action.get_ref().chars().count()
                    ),
                );
            }
            if let Some(document) = &dto.document
                && !super::documents::stems().contains(document.get_ref())
            {
                problems.at(
                    source,
                    document.span().start,
                    format!(
                        "document « {} » inconnu ; documents possibles : {}",
                        document.get_ref(),
                        super::documents::stems().join(", ")
                    ),
                );
            }
            QuestionKind::Conformite(Scored {
                level: dto.level.map_or(Level::Recommandation, Spanned::into_inner),
                weight: u8::try_from(weight.clamp(1, 5)).unwrap_or(1),
                severity: dto.severity.map_or(Severity::Moderee, Spanned::into_inner),
                sensitive_to: dto
                    .sensitive_to
                    .map(Spanned::into_inner)
                    .unwrap_or_default(),
                effort: dto.effort.map_or(Effort::Moyen, Spanned::into_inner),
                action: dto.action.map(Spanned::into_inner).unwrap_or_default(),
                verify: dto.verify.map(Spanned::into_inner),
                remediation: dto.remediation.map(Spanned::into_inner).unwrap_or_default(),
                document: dto.document.map(Spanned::into_inner),
                allow_partial: dto.allow_partial.is_none_or(Spanned::into_inner),
                allow_na: dto.allow_na.is_some_and(Spanned::into_inner),
            })
        }
        KindDto::Choice | KindDto::Multi => {
            let options = build_options(source, &dto, services, problems);
            if dto.kind == KindDto::Choice {
                QuestionKind::Choice {
                    options,
                    required: requirement,
                }
            } else {
                QuestionKind::Multi { options }
            }
        }
        KindDto::Text => QuestionKind::Text {
            validator: dto.validator.map(Spanned::into_inner).unwrap_or_default(),
            multiline: dto.multiline.is_some_and(Spanned::into_inner),
            required: requirement,
        },
    };
    Question {
        id: dto.id.into_inner(),
        kind,
        prompt: dto.prompt.into_inner(),
        help: dto.help.into_inner(),
        visible_if: None,
        deduce,
        details_of,
        answer_labels,
        replaces: dto.replaces.iter().map(|r| r.get_ref().clone()).collect(),
        references: dto
            .references
            .into_iter()
            .map(|r| {
                let r = r.into_inner();
                Reference {
                    label: r.label.into_inner(),
                    url: r.url.into_inner(),
                }
            })
            .collect(),
    }
}

fn build_options(
    source: &SourceFile,
    dto: &QuestionDto,
    services: &[Service],
    problems: &mut Problems,
) -> Vec<ChoiceOption> {
    let id_offset = dto.id.span().start;
    match (&dto.options, &dto.options_from) {
        (Some(_), Some(from)) => {
            problems.at(
                source,
                from.span().start,
                "« options » et « options_from » s'excluent : gardez l'un des deux",
            );
            Vec::new()
        }
        (None, Some(from)) if from.get_ref() == "services" => services
            .iter()
            .map(|s| ChoiceOption {
                value: s.id.clone(),
                label: s.name.clone(),
            })
            .collect(),
        (None, Some(from)) => {
            problems.at(
                source,
                from.span().start,
                format!(
                    "« options_from » ne connaît que \"services\", pas « {} »",
                    from.get_ref()
                ),
            );
            Vec::new()
        }
        (None, None) => {
            problems.at(
                source,
                id_offset,
                "question à choix sans « options » (ni « options_from »)",
            );
            Vec::new()
        }
        (Some(options), None) => {
            if options.get_ref().is_empty() {
                problems.at(
                    source,
                    options.span().start,
                    "la liste « options » est vide",
                );
            }
            let mut seen = HashSet::new();
            let mut out = Vec::new();
            for option in options.get_ref() {
                let option = option.get_ref();
                check_identifier(source, &option.value, "valeur", problems);
                check_not_empty(source, &option.label, "label", problems);
                if !seen.insert(option.value.get_ref().clone()) {
                    problems.at(
                        source,
                        option.value.span().start,
                        format!(
                            "valeur « {} » en double dans « options »",
                            option.value.get_ref()
                        ),
                    );
                }
                out.push(ChoiceOption {
                    value: option.value.get_ref().clone(),
                    label: option.label.get_ref().clone(),
                });
            }
            out
        }
    }
}

fn check_unique_modules(pending: &[PendingModule], problems: &mut Problems) {
    let mut seen: HashMap<&str, &PendingModule> = HashMap::new();
    for p in pending {
        if let Some(first) = seen.get(p.module.id.as_str()) {
            let (line, column) = first.source.position(first.id_offset);
            problems.at(
                p.source,
                p.id_offset,
                format!(
                    "module « {} » déjà défini dans {}:{line}:{column}",
                    p.module.id, first.source.name
                ),
            );
        } else {
            seen.insert(&p.module.id, p);
        }
    }
}

/// What a condition needs to know about the question it names.
/// Each `details_of` names a known `conformite` question.
fn check_details(
    pending: &[PendingModule],
    index: &HashMap<String, Indexed>,
    problems: &mut Problems,
) {
    for p in pending {
        for (_, question) in p.module.questions() {
            let Some(gate) = &question.details_of else {
                continue;
            };
            let message = match index.get(gate.as_str()) {
                None => format!("« details_of » nomme une question inconnue « {gate} »"),
                Some(indexed) if indexed.question.scored().is_none() => {
                    format!("« details_of » : « {gate} » n'est pas une question « conformite »")
                }
                Some(_) => continue,
            };
            problems.at(p.source, p.offset_of(&question.id), message);
        }
    }
}

/// Each id in `replaces` names no current question and is replaced by one question only: a
/// saved answer to it must go to one place.
fn check_replaces(
    pending: &[PendingModule],
    index: &HashMap<String, Indexed>,
    problems: &mut Problems,
) {
    let mut claimed: HashMap<&str, &str> = HashMap::new();
    for p in pending {
        for (_, question) in p.module.questions() {
            for former in &question.replaces {
                let message = if index.contains_key(former.as_str()) {
                    format!("« replaces » nomme « {former} », qui est une question du catalogue")
                } else if let Some(other) = claimed.insert(former, &question.id) {
                    format!("« {former} » est déjà remplacée par « {other} »")
                } else {
                    continue;
                };
                problems.at(p.source, p.offset_of(&question.id), message);
            }
        }
    }
}

struct Indexed {
    question: Question,
    role: Role,
}

fn index_questions(pending: &[PendingModule], problems: &mut Problems) -> HashMap<String, Indexed> {
    let mut index: HashMap<String, Indexed> = HashMap::new();
    let mut first_seen: HashMap<&str, (&SourceFile, usize)> = HashMap::new();
    for p in pending {
        let questions = p.module.questions().map(|(_, q)| q);
        for (question, (_, offset)) in questions.zip(&p.question_offsets) {
            if let Some((source, first)) = first_seen.get(question.id.as_str()) {
                let (line, column) = source.position(*first);
                problems.at(
                    p.source,
                    *offset,
                    format!(
                        "identifiant de question « {} » déjà utilisé dans {}:{line}:{column}",
                        question.id, source.name
                    ),
                );
                continue;
            }
            first_seen.insert(&question.id, (p.source, *offset));
            index.insert(
                question.id.clone(),
                Indexed {
                    question: question.clone(),
                    role: p.module.role,
                },
            );
        }
    }
    index
}

fn condition_start(source: &SourceFile, text: &Spanned<String>) -> usize {
    let start = text.span().start;
    let raw = &source.text[start.min(source.text.len())..];
    if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
        start + 3
    } else {
        start + 1
    }
}

fn attach_conditions(
    mut p: PendingModule,
    index: &HashMap<String, Indexed>,
    problems: &mut Problems,
    dependencies: &mut BTreeMap<String, Vec<(String, Diagnostic)>>,
) -> Module {
    // Conditions inherited by every question: the module's, then each section's.
    let mut module_deps: Vec<(String, Diagnostic)> = Vec::new();
    let mut section_deps: HashMap<usize, Vec<(String, Diagnostic)>> = HashMap::new();
    let mut question_deps: HashMap<(usize, usize), Vec<(String, Diagnostic)>> = HashMap::new();
    for pending in std::mem::take(&mut p.conditions) {
        let start = condition_start(p.source, &pending.text);
        let condition = match Condition::parse(pending.text.get_ref()) {
            Ok(condition) => condition,
            Err(error) => {
                problems.at(
                    p.source,
                    start + error.offset,
                    format!("condition invalide : {}", error.message),
                );
                continue;
            }
        };
        let only_profile = matches!(pending.target, Target::Module);
        let mut valid = true;
        let mut deps = Vec::new();
        check_condition(
            &condition,
            &mut |operand, message| {
                problems.at(p.source, start + operand.offset, message);
                valid = false;
            },
            index,
            only_profile,
        );
        for operand in condition.operands() {
            deps.push((
                operand.question.clone(),
                p.source.diagnostic(start + operand.offset, ""),
            ));
        }
        if !valid {
            continue;
        }
        let module = &mut p.module;
        match pending.target {
            Target::Module => {
                module.applies_if = Some(condition);
                module_deps.extend(deps);
            }
            Target::Section(s) => {
                module.sections[s].visible_if = Some(condition);
                section_deps.entry(s).or_default().extend(deps);
            }
            Target::Question(s, q) => {
                module.sections[s].questions[q].visible_if = Some(condition);
                question_deps.entry((s, q)).or_default().extend(deps);
            }
            Target::Required(s, q) => {
                if let QuestionKind::Choice { required, .. } | QuestionKind::Text { required, .. } =
                    &mut module.sections[s].questions[q].kind
                {
                    *required = Requirement::When(condition);
                }
            }
        }
    }
    for (s, section) in p.module.sections.iter().enumerate() {
        for (q, question) in section.questions.iter().enumerate() {
            let mut all = module_deps.clone();
            all.extend(section_deps.get(&s).cloned().unwrap_or_default());
            all.extend(question_deps.remove(&(s, q)).unwrap_or_default());
            dependencies
                .entry(question.id.clone())
                .or_default()
                .extend(all);
        }
    }
    p.module
}

fn check_condition(
    condition: &Condition,
    report: &mut dyn FnMut(&Operand, String),
    index: &HashMap<String, Indexed>,
    only_profile: bool,
) {
    let quoted = |values: Vec<String>| {
        values
            .into_iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut check_values = |operand: &Operand, values: &[String], contains: bool| {
        let Some(indexed) = index.get(operand.question.as_str()) else {
            report(
                operand,
                format!(
                    "la condition nomme une question inconnue « {} »",
                    operand.question
                ),
            );
            return;
        };
        if only_profile && indexed.role != Role::Profil {
            report(
                operand,
                format!(
                    "« applies_if » ne peut porter que sur les questions du profil, pas sur « {} »",
                    operand.question
                ),
            );
            return;
        }
        let question = &indexed.question;
        let possible: Option<Vec<String>> = match (&question.kind, contains) {
            (QuestionKind::Multi { options }, true) => {
                Some(options.iter().map(|o| o.value.clone()).collect())
            }
            (QuestionKind::Multi { .. }, false) => {
                report(
                    operand,
                    format!(
                        "« {} » est une question à choix multiple : utilisez « contains »",
                        operand.question
                    ),
                );
                return;
            }
            (_, true) => {
                report(
                    operand,
                    format!(
                        "« contains » ne s'applique qu'aux questions à choix multiple, et « {} » n'en est pas une",
                        operand.question
                    ),
                );
                return;
            }
            (QuestionKind::Choice { options, .. }, false) => {
                Some(options.iter().map(|o| o.value.clone()).collect())
            }
            (QuestionKind::Conformite(scored), false) => Some(
                scored
                    .ratings()
                    .into_iter()
                    .map(|r| r.value().to_string())
                    .collect(),
            ),
            (QuestionKind::Text { .. }, false) => None,
        };
        if let Some(possible) = possible {
            for value in values {
                if !possible.contains(value) {
                    report(
                        operand,
                        format!(
                            "valeur impossible « {value} » pour « {} » ; valeurs possibles : {}",
                            operand.question,
                            quoted(possible.clone())
                        ),
                    );
                }
            }
        }
    };
    fn walk(condition: &Condition, check: &mut dyn FnMut(&Operand, &[String], bool)) {
        match condition {
            Condition::Equals(q, v) | Condition::NotEquals(q, v) => {
                check(q, std::slice::from_ref(v), false)
            }
            Condition::In(q, values) => check(q, values, false),
            Condition::Contains(q, v) => check(q, std::slice::from_ref(v), true),
            Condition::And(a, b) | Condition::Or(a, b) => {
                walk(a, check);
                walk(b, check);
            }
            Condition::Not(a) => walk(a, check),
        }
    }
    walk(condition, &mut check_values);
}

fn check_cycles(
    dependencies: &BTreeMap<String, Vec<(String, Diagnostic)>>,
    problems: &mut Problems,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Active,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    let mut reported: HashSet<Vec<String>> = HashSet::new();
    for start in dependencies.keys() {
        if marks.contains_key(start.as_str()) {
            continue;
        }
        // Iterative depth-first search keeping the current path.
        let mut path: Vec<(&str, usize)> = vec![(start.as_str(), 0)];
        marks.insert(start, Mark::Active);
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let edges = dependencies.get(node).map_or(&[][..], Vec::as_slice);
            if *next >= edges.len() {
                marks.insert(node, Mark::Done);
                path.pop();
                continue;
            }
            let (target, at) = &edges[*next];
            *next += 1;
            match marks.get(target.as_str()) {
                Some(Mark::Active) => {
                    let begin = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        path[begin..].iter().map(|(n, _)| n.to_string()).collect();
                    let mut key = cycle.clone();
                    key.sort();
                    if reported.insert(key) {
                        cycle.push(target.clone());
                        let message = if cycle.len() == 2 {
                            format!("la visibilité de « {target} » dépend d'elle-même")
                        } else {
                            format!("cycle de conditions : {}", cycle.join(" → "))
                        };
                        problems.list.push(Diagnostic {
                            message,
                            ..at.clone()
                        });
                    }
                }
                Some(Mark::Done) => {}
                None => {
                    if dependencies.contains_key(target.as_str()) {
                        marks.insert(target, Mark::Active);
                        path.push((target, 0));
                    }
                }
            }
        }
    }
}
