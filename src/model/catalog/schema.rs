//! The catalogue files as written: plain serde structures, unknown fields refused.
//! `validate` turns them into the domain types of `model`.

use serde::Deserialize;
use toml::Spanned;

use super::model::{
    Deduce, Effort, Level, OrgSize, Role, Sensitivity, ServiceRole, Severity, TransferSafeguard,
};
use crate::model::validators::Validator;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleFile {
    pub format: Spanned<i64>,
    pub module: Spanned<ModuleHeader>,
    #[serde(default, rename = "section")]
    pub sections: Vec<SectionDto>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleHeader {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub version: Spanned<i64>,
    pub description: Spanned<String>,
    pub reviewed: Spanned<String>,
    #[serde(default)]
    pub role: Role,
    pub applies_if: Option<Spanned<String>>,
    #[serde(default)]
    pub order: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDto {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub visible_if: Option<Spanned<String>>,
    #[serde(default, rename = "question")]
    pub questions: Vec<QuestionDto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindDto {
    Conformite,
    Choice,
    Multi,
    Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDto {
    pub id: Spanned<String>,
    pub kind: KindDto,
    pub prompt: Spanned<String>,
    pub help: Spanned<String>,
    pub visible_if: Option<Spanned<String>>,
    #[serde(default)]
    pub references: Vec<Spanned<ReferenceDto>>,
    pub level: Option<Spanned<Level>>,
    pub weight: Option<Spanned<i64>>,
    pub severity: Option<Spanned<Severity>>,
    pub sensitive_to: Option<Spanned<Vec<Sensitivity>>>,
    pub effort: Option<Spanned<Effort>>,
    pub action: Option<Spanned<String>>,
    pub verify: Option<Spanned<String>>,
    pub remediation: Option<Spanned<String>>,
    pub document: Option<Spanned<String>>,
    pub allow_partial: Option<Spanned<bool>>,
    pub allow_na: Option<Spanned<bool>>,
    pub options: Option<Spanned<Vec<Spanned<OptionDto>>>>,
    pub options_from: Option<Spanned<String>>,
    pub validator: Option<Spanned<Validator>>,
    pub multiline: Option<Spanned<bool>>,
    pub required: Option<Spanned<bool>>,
    pub required_if: Option<Spanned<String>>,
    pub deduce: Option<Spanned<Deduce>>,
    pub details_of: Option<Spanned<String>>,
    pub answer_labels: Option<Spanned<std::collections::BTreeMap<String, String>>>,
    #[serde(default)]
    pub replaces: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceDto {
    pub label: Spanned<String>,
    pub url: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDto {
    pub value: Spanned<String>,
    pub label: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicesFile {
    pub format: Spanned<i64>,
    #[serde(default, rename = "service")]
    pub services: Vec<ServiceDto>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceDto {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub category: Spanned<String>,
    pub role: ServiceRole,
    pub location: Spanned<String>,
    pub transfer: TransferSafeguard,
    pub consent_required: bool,
    #[serde(default)]
    pub cookies: Vec<CookieDto>,
    pub privacy_url: Spanned<String>,
    pub checked: Spanned<String>,
    pub notes: Option<String>,
    /// The company that contracts with the organisation, its address, and (for hosts) the
    /// phone number a legal notice needs; each omitted when not confirmed.
    pub entity: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// What the service's trackers are for, in one phrase used by every document.
    pub purpose: Option<String>,
    /// How the provider frames its onward transfers (affiliates, sub-processors).
    pub onward_transfers: Option<String>,
    /// The service serves every site it hosts over HTTPS, certificate included, with no
    /// setting for the user to change.
    #[serde(default)]
    pub https: bool,
    /// Certified « hébergeur de données de santé » for the data it holds, when a source says so.
    #[serde(default)]
    pub hds: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CookieDto {
    pub name: String,
    pub purpose: String,
    pub lifetime: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SanctionsFile {
    pub format: Spanned<i64>,
    #[serde(default, rename = "sanction")]
    pub sanctions: Vec<SanctionDto>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SanctionDto {
    pub id: Spanned<String>,
    pub date: Spanned<String>,
    pub organisation: Spanned<String>,
    pub amount: Spanned<String>,
    pub summary: Spanned<String>,
    pub reference: Spanned<String>,
    pub url: Option<Spanned<String>>,
    pub size: OrgSize,
    #[serde(default)]
    pub sectors: Vec<Spanned<String>>,
    pub questions: Vec<Spanned<String>>,
}
