//! The commented answers skeleton printed by `vigie answers template`.

use std::fmt::Write;

use crate::model::catalog::{Catalog, Module, Question, QuestionKind, Requirement, Role};
use crate::model::wrap::wrap;

const WIDTH: usize = 92;

/// A skeleton for the given modules (all when empty). The triage modules are always
/// included, since the other modules' conditions read them. `Err` names an unknown module.
pub fn template(catalog: &Catalog, modules: &[String]) -> Result<String, String> {
    for id in modules {
        if catalog.module(id).is_none() {
            let known: Vec<&str> = catalog.modules.iter().map(|m| m.id.as_str()).collect();
            return Err(format!(
                "module inconnu « {id} » ; modules disponibles : {}",
                known.join(", ")
            ));
        }
    }
    let wanted = |module: &Module| {
        modules.is_empty() || module.role == Role::Profil || modules.contains(&module.id)
    };
    let mut out = String::new();
    out.push_str(
        "# Réponses pour vigie : modèle à remplir.\n\
         # Remplissez les valeurs, puis lancez : vigie score ce-fichier.toml\n\
         # Une valeur vide (\"\" ou []) veut dire « pas encore répondu ». Une question dont la\n\
         # condition « Posée si » est fausse est ignorée : inutile d'y répondre.\n\
         # Pour les questions de conformité, « je_ne_sais_pas » est toujours possible : la\n\
         # question compte alors comme non conforme et rejoint la liste « à vérifier ».\n\
         format = 1\n",
    );
    for (table, identity) in [("identite", true), ("reponses", false)] {
        let _ = write!(out, "\n[{table}]\n");
        for module in catalog
            .modules
            .iter()
            .filter(|m| (m.role == Role::Identite) == identity && wanted(m))
        {
            write_module(&mut out, module);
        }
    }
    Ok(out)
}

fn comment(out: &mut String, text: &str) {
    for line in wrap(text, WIDTH) {
        if line.is_empty() {
            out.push_str("#\n");
        } else {
            let _ = writeln!(out, "# {line}");
        }
    }
}

fn write_module(out: &mut String, module: &Module) {
    let _ = writeln!(out, "\n# ══════ {} ══════", module.title);
    comment(out, &module.description);
    if let Some(condition) = &module.applies_if {
        let _ = writeln!(out, "# Module posé si : {condition}");
    }
    for section in &module.sections {
        let _ = writeln!(out, "\n# ── {} ──", section.title);
        if let Some(condition) = &section.visible_if {
            let _ = writeln!(out, "# Section posée si : {condition}");
        }
        for question in &section.questions {
            write_question(out, question);
        }
    }
}

fn write_question(out: &mut String, question: &Question) {
    out.push('\n');
    comment(out, &question.prompt);
    comment(out, &format!("Pourquoi ? {}", question.help));
    if let Some(condition) = &question.visible_if {
        let _ = writeln!(out, "# Posée si : {condition}");
    }
    let options = |out: &mut String| {
        for option in question.options() {
            let _ = writeln!(out, "#   \"{}\" : {}", option.value, option.label);
        }
    };
    let empty = match &question.kind {
        QuestionKind::Conformite(scored) => {
            let _ = writeln!(
                out,
                "# {} · poids {} · effort {}",
                scored.level.label(),
                scored.weight,
                scored.effort.label()
            );
            let values: Vec<String> = scored
                .ratings()
                .iter()
                .map(|r| format!("\"{}\"", r.value()))
                .collect();
            let _ = writeln!(out, "# Réponses possibles : {}", values.join(", "));
            "\"\""
        }
        QuestionKind::Choice { required, .. } => {
            write_requirement(out, required);
            out.push_str("# Une réponse parmi :\n");
            options(out);
            "\"\""
        }
        QuestionKind::Multi { .. } => {
            out.push_str("# Aucune, une ou plusieurs réponses parmi (liste : [\"a\", \"b\"]) :\n");
            options(out);
            "[]"
        }
        QuestionKind::Text {
            validator,
            required,
            ..
        } => {
            write_requirement(out, required);
            let _ = writeln!(out, "# Valeur : {}", validator.expected());
            "\"\""
        }
    };
    let _ = writeln!(out, "{} = {empty}", question.id);
}

fn write_requirement(out: &mut String, requirement: &Requirement) {
    match requirement {
        Requirement::Optional => {}
        Requirement::Always => out.push_str("# Exigée par la loi.\n"),
        Requirement::When(condition) => {
            let _ = writeln!(out, "# Exigée par la loi si : {condition}");
        }
    }
}
