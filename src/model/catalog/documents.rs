//! The one table of the documents vigie writes: file stem, title, template and when each
//! applies. `documents::applicable`, the catalogue's document names (`document = …` in a
//! questionnaire) and the templates embedded in the binary all derive from it, so adding a
//! document is adding a row here (and its template). This module depends on nothing.

/// When a document applies: always, once per declared form, or when a fact of the document
/// context holds (see `DocumentContext::holds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    PerForm,
    Fact(&'static str),
}

/// One kind of document.
#[derive(Debug, Clone, Copy)]
pub struct DocumentKind {
    /// File stem; a per-form document adds `-<form>` to it.
    pub stem: &'static str,
    /// Title; a per-form document adds « : <form title> ».
    pub title: &'static str,
    /// Template file in `templates/`.
    pub template: &'static str,
    pub when: When,
}

const fn row(
    stem: &'static str,
    title: &'static str,
    template: &'static str,
    when: When,
) -> DocumentKind {
    DocumentKind {
        stem,
        title,
        template,
        when,
    }
}

/// The documents, in the order they are listed and written.
pub static DOCUMENTS: &[DocumentKind] = &[
    row(
        "mentions-legales",
        "Mentions légales",
        "mentions-legales.md",
        When::Always,
    ),
    row(
        "politique-de-confidentialite",
        "Politique de confidentialité",
        "politique-de-confidentialite.md",
        When::Always,
    ),
    row(
        "mention-formulaire",
        "Mention d'information",
        "mention-formulaire.md",
        When::PerForm,
    ),
    row(
        "bandeau-cookies",
        "Bandeau de consentement aux cookies",
        "bandeau-cookies.md",
        When::Fact("trackers"),
    ),
    row(
        "politique-cookies",
        "Politique de cookies",
        "politique-cookies.md",
        When::Fact("trackers"),
    ),
    row(
        "pied-email-prospection",
        "Pied de message de prospection",
        "pied-email-prospection.md",
        When::Fact("prospecting"),
    ),
    row(
        "page-reseaux-sociaux",
        "Données personnelles et réseaux sociaux",
        "page-reseaux-sociaux.md",
        When::Fact("social"),
    ),
    row(
        "reponse-opposition",
        "Réponse à une demande d'opposition ou d'effacement",
        "reponse-opposition.md",
        When::Always,
    ),
    row(
        "registre-des-traitements",
        "Registre des activités de traitement",
        "registre-des-traitements.md",
        When::Always,
    ),
    row(
        "affiche-videoprotection",
        "Affiche de vidéoprotection",
        "affiche-videoprotection.md",
        When::Fact("cameras"),
    ),
    row(
        "information-salaries",
        "Note d'information des salariés",
        "information-salaries.md",
        When::Fact("staff"),
    ),
    row(
        "information-patients",
        "Information des patients",
        "information-patients.md",
        When::Fact("patients"),
    ),
    row(
        "autorisation-droit-image",
        "Autorisation de droit à l'image",
        "autorisation-droit-image.md",
        When::Fact("images"),
    ),
    row(
        "registre-des-violations",
        "Registre des violations de données",
        "registre-des-violations.md",
        When::Fact("breaches"),
    ),
];

/// The forms that get their own notice: (stem suffix, title).
pub const FORMS: [(&str, &str); 7] = [
    ("contact", "Formulaire de contact"),
    ("devis", "Formulaire de demande de devis"),
    ("newsletter", "Inscription à la lettre d'information"),
    ("compte", "Création de compte client"),
    ("commande", "Formulaire de commande"),
    ("rendez-vous", "Prise de rendez-vous"),
    ("candidature", "Formulaire de candidature"),
];

/// Every file stem a document can have (per-form documents expanded).
pub fn stems() -> Vec<String> {
    DOCUMENTS
        .iter()
        .flat_map(|kind| match kind.when {
            When::PerForm => FORMS
                .iter()
                .map(|(form, _)| format!("{}-{form}", kind.stem))
                .collect(),
            _ => vec![kind.stem.to_string()],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_its_template_embedded() {
        for kind in DOCUMENTS {
            assert!(
                crate::documents::templates::TEMPLATES
                    .iter()
                    .any(|(name, _)| *name == kind.template),
                "{}",
                kind.template
            );
        }
    }

    #[test]
    fn stems_expand_the_form_notices() {
        let stems = stems();
        assert!(stems.contains(&"mention-formulaire-rendez-vous".to_string()));
        assert!(stems.contains(&"registre-des-traitements".to_string()));
        assert_eq!(stems.len(), DOCUMENTS.len() - 1 + FORMS.len());
    }
}
