//! The validated catalogue: modules, sections, questions and services, with the
//! invariants that `validate` guarantees (unique ids, known references, acyclic conditions).

use serde::{Deserialize, Serialize, Serializer};

use super::condition::{Condition, Facts};
use crate::model::validators::Validator;

/// What a module is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Scored questions.
    #[default]
    Evaluation,
    /// The triage that decides which modules and questions apply.
    Profil,
    /// The organisation's details for the documents; answers live in `[identite]`.
    Identite,
}

/// Whether a scored question is a legal obligation or a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Obligation,
    Recommandation,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Obligation => "Obligation légale",
            Level::Recommandation => "Recommandation",
        }
    }
}

/// How much work a fix takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    Faible,
    Moyen,
    Eleve,
}

impl Effort {
    pub fn label(self) -> &'static str {
        match self {
            Effort::Faible => "faible",
            Effort::Moyen => "moyen",
            Effort::Eleve => "élevé",
        }
    }
}

/// How exposed an organisation is when a scored question is not met: the harm to the
/// people and the likelihood of a CNIL sanction, read from its enforcement practice.
/// Distinct from the level (obligation or recommendation) and from the effort of the fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Faible,
    Moderee,
    Elevee,
    Critique,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Faible,
        Severity::Moderee,
        Severity::Elevee,
        Severity::Critique,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Severity::Faible => "faible",
            Severity::Moderee => "modérée",
            Severity::Elevee => "élevée",
            Severity::Critique => "critique",
        }
    }

    /// The weight of the severity in the score: each step doubles the exposure.
    pub fn points(self) -> u32 {
        match self {
            Severity::Faible => 1,
            Severity::Moderee => 2,
            Severity::Elevee => 4,
            Severity::Critique => 8,
        }
    }

    /// One step up (a critical severity stays critical).
    pub fn raised(self) -> Severity {
        match self {
            Severity::Faible => Severity::Moderee,
            Severity::Moderee => Severity::Elevee,
            Severity::Elevee | Severity::Critique => Severity::Critique,
        }
    }
}

/// A trait of the organisation that makes some failures more harmful: it raises by one step
/// the severity of the questions that name it in `sensitive_to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    /// Health data or other special categories (GDPR art. 9).
    Sante,
    /// Data about minors.
    Mineurs,
    /// Data shared with advertising platforms (pixels, customer lists).
    Publicite,
    /// Many people concerned (the structure's size is the proxy the profile gives).
    Volume,
}

impl Sensitivity {
    pub const ALL: [Sensitivity; 4] = [
        Sensitivity::Sante,
        Sensitivity::Mineurs,
        Sensitivity::Publicite,
        Sensitivity::Volume,
    ];

    /// When the organisation has this trait, as a condition on its answers.
    pub fn condition(self) -> &'static str {
        match self {
            Sensitivity::Sante => {
                r#"donnees_particulieres contains "sante" or profession_reglementee == "sante" or secteur == "sante""#
            }
            Sensitivity::Mineurs => r#"donnees_particulieres contains "mineurs""#,
            Sensitivity::Publicite => {
                r#"ck_types contains "publicite" or rs_publicite_outils contains "audiences_clients""#
            }
            Sensitivity::Volume => r#"effectif in ["de_50_a_249", "plus_de_250"]"#,
        }
    }

    /// The organisation has this trait: its condition holds for these answers.
    pub fn holds(self, facts: &dyn Facts) -> bool {
        Condition::parse(self.condition()).is_ok_and(|condition| condition.evaluate(facts))
    }

    pub fn label(self) -> &'static str {
        match self {
            Sensitivity::Sante => "données de santé",
            Sensitivity::Mineurs => "données de mineurs",
            Sensitivity::Publicite => "données partagées avec des plateformes publicitaires",
            Sensitivity::Volume => "structure de 50 personnes ou plus",
        }
    }
}

/// A legal or doctrinal source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub label: String,
    pub url: String,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
}

/// When an identity value is legally required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    Optional,
    Always,
    When(Condition),
}

/// The scored part of a compliance question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scored {
    pub level: Level,
    pub weight: u8,
    pub severity: Severity,
    /// The traits of the organisation that raise the severity.
    pub sensitive_to: Vec<Sensitivity>,
    pub effort: Effort,
    /// The fix as a short imperative title (« Bloquez la carte Google Maps… »).
    pub action: String,
    /// What to check first when the answer is « je ne sais pas ».
    pub verify: Option<String>,
    pub remediation: String,
    pub document: Option<String>,
    pub allow_partial: bool,
    pub allow_na: bool,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionKind {
    Conformite(Scored),
    Choice {
        options: Vec<ChoiceOption>,
        required: Requirement,
    },
    Multi {
        options: Vec<ChoiceOption>,
    },
    Text {
        validator: Validator,
        multiline: bool,
        required: Requirement,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub id: String,
    #[serde(flatten)]
    pub kind: QuestionKind,
    pub prompt: String,
    pub help: String,
    #[serde(serialize_with = "serialize_condition")]
    pub visible_if: Option<Condition>,
    pub references: Vec<Reference>,
    /// The answer vigie deduces from the services declared, if any (`deduce`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deduce: Option<Deduce>,
    /// The earlier `conformite` question this one details (`details_of`): when its answer
    /// is « non » or « je ne sais pas », this one takes the same answer without being asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details_of: Option<String>,
    /// The ids of former questions this one replaces (`replaces`): a saved answer to one of
    /// them is read as an answer to this one, so that renaming a question loses no answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// Words for the answers of a `conformite` question that fit it better than the usual
    /// « Oui / En partie / Non / Je ne sais pas / Je ne suis pas concerné », by answer value
    /// (`answer_labels`); the values, and so the score, stay the same.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub answer_labels: std::collections::BTreeMap<String, String>,
}

/// How an answer follows from the services declared in the triage (`deduce` in the
/// catalogue): the question is then answered for the user, who can change the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Deduce {
    /// A `choice` question answered « oui » when a declared service sets trackers that
    /// need consent.
    Traceurs,
    /// A `multi` question ticking `mesure_audience`, `publicite` and `contenus_integres`
    /// for the declared services of those categories that set trackers needing consent.
    TypesTraceurs,
    /// A `multi` question ticking the options whose value is the id of a declared social
    /// network (`reseau_social` services).
    Reseaux,
    /// A `conformite` question answered « conforme » when a host or a site builder is
    /// declared: the service catalogue says who it is and where the data is stored.
    HebergeurConnu,
    /// A `text` question filled with the company of the one host declared (or, without one,
    /// of the one site builder), or its name when the catalogue does not know the company.
    Hebergeur,
    /// A `conformite` question answered « conforme » when the one host (or site builder)
    /// declared serves every site over HTTPS by itself, with its encryption kept up to date.
    Https,
    /// A `conformite` question answered « conforme » when health or booking services are
    /// declared and every one of them is a certified health-data host (`hds`).
    Hds,
}

impl Deduce {
    /// The kind of question the rule answers, as written in the catalogue.
    pub fn kind(self) -> &'static str {
        match self {
            Deduce::Traceurs => "choice",
            Deduce::TypesTraceurs | Deduce::Reseaux => "multi",
            Deduce::HebergeurConnu | Deduce::Https | Deduce::Hds => "conformite",
            Deduce::Hebergeur => "text",
        }
    }
}

impl Scored {
    /// The ratings the question offers.
    pub fn ratings(&self) -> Vec<crate::model::answers::Rating> {
        use crate::model::answers::Rating;
        Rating::ALL
            .into_iter()
            .filter(|r| match r {
                Rating::Partiel => self.allow_partial,
                Rating::NonApplicable => self.allow_na,
                _ => true,
            })
            .collect()
    }
}

impl Question {
    /// An answer to this question as a user reads it (labels of options, not their values).
    pub fn answer_text(&self, answer: &crate::model::answers::Answer) -> String {
        use crate::model::answers::Answer;
        let label = |value: &str| {
            self.options()
                .iter()
                .find(|o| o.value == value)
                .map_or_else(|| value.to_string(), |o| o.label.clone())
        };
        match answer {
            Answer::Rating(rating) => self.rating_label(*rating).to_string(),
            Answer::Choice(value) => label(value),
            Answer::Multi(values) if values.is_empty() => "aucun".to_string(),
            Answer::Multi(values) => values
                .iter()
                .map(|v| label(v))
                .collect::<Vec<_>>()
                .join(", "),
            Answer::Text(text) => text.clone(),
        }
    }

    /// How this question words an answer on the compliance scale.
    pub fn rating_label(&self, rating: crate::model::answers::Rating) -> &str {
        use crate::model::answers::Rating;
        self.answer_labels.get(rating.value()).map_or(
            match rating {
                Rating::Conforme => "Oui",
                Rating::Partiel => "En partie",
                Rating::Non => "Non",
                Rating::JeNeSaisPas => "Je ne sais pas",
                Rating::NonApplicable => "Je ne suis pas concerné",
            },
            String::as_str,
        )
    }

    pub fn scored(&self) -> Option<&Scored> {
        match &self.kind {
            QuestionKind::Conformite(scored) => Some(scored),
            _ => None,
        }
    }

    pub fn options(&self) -> &[ChoiceOption] {
        match &self.kind {
            QuestionKind::Choice { options, .. } | QuestionKind::Multi { options } => options,
            _ => &[],
        }
    }

    pub fn requirement(&self) -> &Requirement {
        match &self.kind {
            QuestionKind::Choice { required, .. } | QuestionKind::Text { required, .. } => required,
            _ => &Requirement::Optional,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(serialize_with = "serialize_condition")]
    pub visible_if: Option<Condition>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub version: u32,
    pub description: String,
    /// Date of the last legal review of the module's content (AAAA-MM-JJ).
    pub reviewed: String,
    pub role: Role,
    #[serde(serialize_with = "serialize_condition")]
    pub applies_if: Option<Condition>,
    pub order: i64,
    /// The file it came from (`cookies.toml`, or a user file's path).
    pub source: String,
    pub sections: Vec<Section>,
}

impl Module {
    pub fn questions(&self) -> impl Iterator<Item = (&Section, &Question)> {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter().map(move |q| (s, q)))
    }
}

/// A service category (`category` in `services.toml`): its heading in the interview and its
/// short name in a sentence (the scan report).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceCategory {
    pub id: &'static str,
    pub heading: &'static str,
    pub short: &'static str,
}

const fn category(id: &'static str, heading: &'static str, short: &'static str) -> ServiceCategory {
    ServiceCategory { id, heading, short }
}

/// The categories a service may have, in the order the interview lists the services: the
/// website's tools first, then those of the organisation's other work.
pub const SERVICE_CATEGORIES: [ServiceCategory; 20] = [
    category("createur_site", "Création de site", "créateur de site"),
    category("hebergement", "Hébergement du site", "hébergement"),
    category(
        "mesure_audience",
        "Statistiques de visite",
        "mesure d'audience",
    ),
    category("paiement", "Paiement", "paiement"),
    category("emailing", "E-mails et lettres d'information", "e-mailing"),
    category("publicite", "Publicité", "publicité"),
    category(
        "contenu_integre",
        "Vidéos, cartes et contenus intégrés",
        "contenu intégré",
    ),
    category(
        "rendez_vous",
        "Prise de rendez-vous",
        "prise de rendez-vous",
    ),
    category("reseau_social", "Réseaux sociaux", "réseau social"),
    category("livraison", "Livraison", "livraison"),
    category("formulaire", "Formulaires", "formulaire"),
    category("relation_client", "Relation client", "relation client"),
    category("partage", "Boutons de partage", "boutons de partage"),
    category(
        "messagerie",
        "Messageries instantanées",
        "messagerie instantanée",
    ),
    category(
        "caisse",
        "Caisse et encaissement en boutique",
        "logiciel de caisse",
    ),
    category(
        "comptabilite",
        "Comptabilité, facturation et paie",
        "comptabilité, facturation ou paie",
    ),
    category(
        "sante",
        "Logiciels et messageries de santé",
        "logiciel de santé",
    ),
    category(
        "adhesion",
        "Adhésions et vie associative",
        "gestion des adhésions",
    ),
    category("videoprotection", "Caméras et alarmes", "vidéoprotection"),
    category("autre", "Autres services", "autre service"),
];

/// The category `id`, if the catalogue knows it.
pub fn service_category(id: &str) -> Option<&'static ServiceCategory> {
    SERVICE_CATEGORIES.iter().find(|c| c.id == id)
}

/// A service category as the interview heads it.
pub fn category_label(category: &str) -> &'static str {
    service_category(category).map_or("Autres services", |c| c.heading)
}

/// How a provider stands toward the organisation under the GDPR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceRole {
    SousTraitant,
    ResponsableConjoint,
    ResponsableDistinct,
}

/// The safeguard for data leaving the EU/EEA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferSafeguard {
    Aucun,
    Adequation,
    Dpf,
    ClausesTypes,
    /// No source confirms where the provider keeps the data or how it frames transfers: the
    /// documents ask the organisation to confirm it instead of stating « aucun ».
    AVerifier,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cookie {
    pub name: String,
    pub purpose: String,
    pub lifetime: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub category: String,
    pub role: ServiceRole,
    pub location: String,
    pub transfer: TransferSafeguard,
    pub consent_required: bool,
    pub cookies: Vec<Cookie>,
    pub privacy_url: String,
    pub checked: String,
    pub notes: Option<String>,
    pub entity: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub purpose: Option<String>,
    pub onward_transfers: Option<String>,
    /// Every site it hosts is served over HTTPS, certificate included.
    pub https: bool,
    /// Certified « hébergeur de données de santé » (CSP L1111-8) for the data it holds.
    pub hds: bool,
}

/// The size of a sanctioned organisation, as the sources describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgSize {
    /// Fewer than 10 people (a liberal professional, a very small business).
    TresPetite,
    /// A small or medium organisation.
    Pme,
    /// A large company.
    Grande,
    /// A multinational group.
    Multinationale,
}

/// A CNIL sanction, and the questions whose failure it illustrates. Fields added later read
/// as empty from older stored runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sanction {
    pub id: String,
    pub date: String,
    pub organisation: String,
    pub amount: String,
    pub summary: String,
    pub reference: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default = "default_size")]
    pub size: OrgSize,
    /// Sectors it speaks to: `sante`, `association`, `e_commerce`, `prospection`,
    /// `videosurveillance`, `site` (any website).
    #[serde(default)]
    pub sectors: Vec<String>,
    pub questions: Vec<String>,
}

fn default_size() -> OrgSize {
    OrgSize::Pme
}

/// The sectors a sanction may name.
pub const SANCTION_SECTORS: [&str; 6] = [
    "sante",
    "association",
    "e_commerce",
    "prospection",
    "videosurveillance",
    "site",
];

fn serialize_condition<S: Serializer>(
    condition: &Option<Condition>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match condition {
        Some(c) => serializer.serialize_some(&c.to_string()),
        None => serializer.serialize_none(),
    }
}

impl Serialize for QuestionKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        let required = |r: &Requirement| match r {
            Requirement::Optional => serde_json::Value::Bool(false),
            Requirement::Always => serde_json::Value::Bool(true),
            Requirement::When(c) => serde_json::Value::String(c.to_string()),
        };
        match self {
            QuestionKind::Conformite(scored) => {
                map.serialize_entry("kind", "conformite")?;
                map.serialize_entry("scored", &true)?;
                map.serialize_entry("level", &scored.level)?;
                map.serialize_entry("weight", &scored.weight)?;
                map.serialize_entry("severity", &scored.severity)?;
                map.serialize_entry("sensitive_to", &scored.sensitive_to)?;
                map.serialize_entry("effort", &scored.effort)?;
                map.serialize_entry("action", &scored.action)?;
                map.serialize_entry("verify", &scored.verify)?;
                map.serialize_entry("remediation", &scored.remediation)?;
                map.serialize_entry("document", &scored.document)?;
                map.serialize_entry("allow_partial", &scored.allow_partial)?;
                map.serialize_entry("allow_na", &scored.allow_na)?;
            }
            QuestionKind::Choice {
                options,
                required: r,
            } => {
                map.serialize_entry("kind", "choice")?;
                map.serialize_entry("scored", &false)?;
                map.serialize_entry("options", options)?;
                map.serialize_entry("required", &required(r))?;
            }
            QuestionKind::Multi { options } => {
                map.serialize_entry("kind", "multi")?;
                map.serialize_entry("scored", &false)?;
                map.serialize_entry("options", options)?;
            }
            QuestionKind::Text {
                validator,
                multiline,
                required: r,
            } => {
                map.serialize_entry("kind", "text")?;
                map.serialize_entry("scored", &false)?;
                map.serialize_entry("validator", validator)?;
                map.serialize_entry("multiline", multiline)?;
                map.serialize_entry("required", &required(r))?;
            }
        }
        map.end()
    }
}
