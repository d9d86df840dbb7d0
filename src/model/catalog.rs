//! The questionnaire catalogue: loading the TOML files, validating them into domain types,
//! and deciding which questions are visible for a set of answers.

pub mod condition;
pub mod documents;
pub mod model;
mod read_by_code;
pub mod schema;
pub mod signatures;
mod validate;

use std::collections::{BTreeMap, HashMap};

pub use condition::Condition;
pub use model::*;
pub use read_by_code::questions_read_by_code;
pub use validate::{ACTION_MAX_CHARS, reference_host_problem, validate};

use crate::model::answers::{Answer, Answers};

/// The validated catalogue: modules in display order, and the service catalogue.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub modules: Vec<Module>,
    pub services: Vec<Service>,
    pub sanctions: Vec<Sanction>,
    /// What reveals a service or a consent manager on a web page (`vigie scan`).
    pub signatures: signatures::Signatures,
    index: HashMap<String, (usize, usize, usize)>,
}

impl Catalog {
    /// The identity fields that apply to these answers (the organisation's form, channels…).
    pub fn identity_fields(&self, answers: &Answers) -> Vec<&Question> {
        let visibility = self.visibility(answers);
        self.modules
            .iter()
            .filter(|m| m.role == Role::Identite)
            .flat_map(|m| m.questions())
            .filter(|(_, q)| visibility.is_visible(&q.id))
            .map(|(_, q)| q)
            .collect()
    }

    /// The identity fields the law requires here and the answers leave empty.
    pub fn missing_identity(&self, answers: &Answers) -> Vec<&Question> {
        let visibility = self.visibility(answers);
        self.identity_fields(answers)
            .into_iter()
            .filter(|q| answers.get(&q.id).is_none() && visibility.is_required(q))
            .collect()
    }

    /// A catalogue from already validated modules, sorted for display.
    pub fn new(
        mut modules: Vec<Module>,
        services: Vec<Service>,
        sanctions: Vec<Sanction>,
    ) -> Catalog {
        modules.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        let mut index = HashMap::new();
        for (m, module) in modules.iter().enumerate() {
            for (s, section) in module.sections.iter().enumerate() {
                for (q, question) in section.questions.iter().enumerate() {
                    index.insert(question.id.clone(), (m, s, q));
                }
            }
        }
        Catalog {
            modules,
            services,
            sanctions,
            signatures: signatures::Signatures::default(),
            index,
        }
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        let &(m, s, q) = self.index.get(id)?;
        Some(&self.modules[m].sections[s].questions[q])
    }

    /// The module and section that hold a question.
    pub fn location(&self, id: &str) -> Option<(&Module, &Section)> {
        let &(m, s, _) = self.index.get(id)?;
        Some((&self.modules[m], &self.modules[m].sections[s]))
    }

    /// The question whose answers are read under `id`: the question itself, or the one that
    /// replaces a former question of that id.
    pub fn answered_as(&self, id: &str) -> Option<&Question> {
        self.question(id).or_else(|| {
            self.questions()
                .map(|(_, _, q)| q)
                .find(|q| q.replaces.iter().any(|former| former == id))
        })
    }

    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// Every question, in catalogue order, with its module and section.
    pub fn questions(&self) -> impl Iterator<Item = (&Module, &Section, &Question)> {
        self.modules
            .iter()
            .flat_map(|m| m.questions().map(move |(s, q)| (m, s, q)))
    }

    /// Which questions are visible for these answers.
    pub fn visibility<'a>(&'a self, answers: &'a Answers) -> Visibility<'a> {
        Visibility {
            catalog: self,
            answers,
            cache: std::cell::RefCell::new(HashMap::new()),
        }
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
}

/// Visibility of questions for one set of answers, computed lazily and cached.
pub struct Visibility<'a> {
    catalog: &'a Catalog,
    answers: &'a Answers,
    cache: std::cell::RefCell<HashMap<&'a str, bool>>,
}

impl<'a> Visibility<'a> {
    /// Does the module apply (its `applies_if` holds)?
    pub fn module_applies(&self, module: &Module) -> bool {
        module.applies_if.as_ref().is_none_or(|c| c.evaluate(self))
    }

    pub fn section_visible(&self, module: &Module, section: &Section) -> bool {
        self.module_applies(module) && section.visible_if.as_ref().is_none_or(|c| c.evaluate(self))
    }

    /// Is the question shown: its module applies and its section and itself are visible.
    pub fn is_visible(&self, id: &str) -> bool {
        if let Some(&known) = self.cache.borrow().get(id) {
            return known;
        }
        let Some(&(m, s, q)) = self.catalog.index.get(id) else {
            return false;
        };
        let module = &self.catalog.modules[m];
        let section = &module.sections[s];
        let question = &section.questions[q];
        let visible = self.section_visible(module, section)
            && question
                .visible_if
                .as_ref()
                .is_none_or(|c| c.evaluate(self));
        self.cache
            .borrow_mut()
            .insert(question.id.as_str(), visible);
        visible
    }

    /// Must this question be answered (a required identity value whose condition holds)?
    pub fn is_required(&self, question: &Question) -> bool {
        match question.requirement() {
            Requirement::Optional => false,
            Requirement::Always => true,
            Requirement::When(condition) => condition.evaluate(self),
        }
    }

    /// The answer of a visible question.
    pub fn answer(&self, id: &str) -> Option<&'a Answer> {
        if self.is_visible(id) {
            self.answers.get(id)
        } else {
            None
        }
    }
}

impl condition::Facts for Visibility<'_> {
    fn value(&self, question: &str) -> Option<&str> {
        match self.answer(question)? {
            Answer::Rating(rating) => Some(rating.value()),
            Answer::Choice(value) | Answer::Text(value) => Some(value),
            Answer::Multi(_) => None,
        }
    }

    fn includes(&self, question: &str, value: &str) -> bool {
        matches!(self.answer(question), Some(Answer::Multi(values)) if values.contains(value))
    }
}

/// The files a catalogue is built from.
#[derive(Debug, Clone, Default)]
pub struct CatalogSources {
    /// Module files, by file name (`cookies.toml`), with their content.
    pub modules: BTreeMap<String, crate::model::source::SourceFile>,
    /// Service catalogues: the built-in one first, then the user's, merged by id.
    pub services: Vec<crate::model::source::SourceFile>,
    /// Sanction lists: the built-in one first, then the user's, merged by id.
    pub sanctions: Vec<crate::model::source::SourceFile>,
    /// Site signatures: the built-in ones first, then the user's, merged by id.
    pub signatures: Vec<crate::model::source::SourceFile>,
}

/// The name of the sanctions file.
pub const SANCTIONS_FILE: &str = "sanctions.toml";

/// The name of the service catalogue file.
pub const SERVICES_FILE: &str = "services.toml";

impl CatalogSources {
    /// Files a source by its name: the service catalogue, the sanctions, or a module.
    pub fn add(&mut self, name: &str, source: crate::model::source::SourceFile) {
        match name {
            SERVICES_FILE => self.services.push(source),
            SANCTIONS_FILE => self.sanctions.push(source),
            signatures::SIGNATURES_FILE => self.signatures.push(source),
            _ => {
                self.modules.insert(name.to_string(), source);
            }
        }
    }
}

impl Catalog {
    /// Validates the sources into a catalogue, or returns every problem found.
    pub fn from_sources(
        sources: &CatalogSources,
    ) -> Result<Catalog, crate::model::diagnostic::Diagnostics> {
        validate(sources)
    }
}
