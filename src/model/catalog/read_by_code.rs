//! Checks of a catalogue against what the code reads: each question the code reads (the
//! constants of [`crate::model::question_ids`]) must be there, with the kind the code expects.

use super::{Catalog, QuestionKind};
use crate::model::question_ids::{self, Expected};

/// Does a question of this kind fit what the code expects?
fn fits(expected: Expected, kind: &QuestionKind) -> bool {
    matches!(
        (expected, kind),
        (Expected::Conformite, QuestionKind::Conformite(_))
            | (Expected::Choice, QuestionKind::Choice { .. })
            | (Expected::Multi, QuestionKind::Multi { .. })
            | (Expected::Text, QuestionKind::Text { .. })
    )
}

fn expected_label(expected: Expected) -> &'static str {
    match expected {
        Expected::Conformite => "une question de conformité",
        Expected::Choice => "un choix unique",
        Expected::Multi => "un choix multiple",
        Expected::Text => "un champ de texte",
    }
}

/// What is wrong, in French, with the questions the code reads in this catalogue: each one
/// missing, or of another kind than the code expects. Empty for the built-in catalogue.
pub fn questions_read_by_code(catalog: &Catalog) -> Vec<String> {
    question_ids::READ_BY_CODE
        .iter()
        .filter_map(|&(id, expected)| match catalog.question(id) {
            None => Some(format!(
                "la question « {id} », que vigie lit pour rédiger les documents ou noter, manque : \
                 les passages qui en dépendent seront marqués à compléter"
            )),
            Some(question) if !fits(expected, &question.kind) => Some(format!(
                "la question « {id} » devrait être {} : vigie ne pourra pas lire sa réponse",
                expected_label(expected)
            )),
            Some(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_question_the_code_reads_is_in_the_catalogue_with_its_kind() {
        let catalog = crate::model::assets::load_catalog(None).expect("the built-in catalogue");
        assert_eq!(
            super::questions_read_by_code(&catalog),
            Vec::<String>::new()
        );
        assert!(crate::model::question_ids::READ_BY_CODE.len() > 50);
    }
}
