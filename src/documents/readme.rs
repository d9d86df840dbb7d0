//! A-LIRE: the one file for the owner in the output folder, never published: the state of
//! each document and what to do for each marker, where to paste each file, the owner's notes
//! of each document, short publishing steps per site builder, and the disclaimer.

use std::fmt::Write;

use super::{DocumentState, Format, MarkerKind, RenderedDocument};

pub const STEM: &str = "A-LIRE";
pub const TITLE: &str = "À lire avant de publier vos documents";

/// The disclaimer, once for all documents (it is not part of the published texts).
pub const DISCLAIMER: &str = "Ces textes sont des modèles établis par vigie à partir de vos réponses : relisez-les et vérifiez qu'ils correspondent à votre situation avant de les publier. Ils ne constituent pas un avis juridique.";

/// Where a document goes, by stem.
pub fn destination(stem: &str) -> &'static str {
    match stem {
        "mentions-legales" => {
            "sur une page « Mentions légales » du site, reliée par un lien en bas de chaque page"
        }
        "politique-de-confidentialite" => {
            "sur une page « Politique de confidentialité », reliée par un lien en bas de chaque page et depuis chaque formulaire"
        }
        "bandeau-cookies" => {
            "dans les réglages du bandeau de cookies de votre site ou de votre outil de gestion du consentement (textes, boutons et finalités)"
        }
        "politique-cookies" => {
            "sur une page « Politique de cookies », reliée depuis le bandeau et par un lien en bas de chaque page"
        }
        "pied-email-prospection" => {
            "à la fin du modèle de vos e-mails et SMS de prospection, dans votre outil d'envoi"
        }
        "page-reseaux-sociaux" => {
            "sur une page du site (ou une page accessible en ligne), reliée depuis la présentation de chacun de vos comptes sur les réseaux sociaux"
        }
        "reponse-opposition" => {
            "à ne pas publier : servez-vous-en pour répondre à une personne qui s'oppose à l'utilisation de ses données ou en demande l'effacement"
        }
        "registre-des-traitements" => {
            "à ne pas publier : document interne, à tenir à jour et à présenter à la CNIL si elle le demande"
        }
        "affiche-videoprotection" => {
            "imprimée avec le pictogramme d'une caméra, affichée de façon permanente et visible à l'entrée et dans chaque lieu filmé"
        }
        "information-salaries" => {
            "à remettre à chaque salarié contre reçu signé, avant la mise en service de tout dispositif qu'elle décrit ; à ne pas publier sur le site"
        }
        stem if stem.starts_with("mention-formulaire-") => {
            "juste sous le formulaire concerné, visible avant l'envoi, sans avoir à cliquer"
        }
        _ => "à l'endroit prévu par le document",
    }
}

fn files(stem: &str, formats: &[Format]) -> String {
    formats
        .iter()
        .flat_map(|&format| match format {
            Format::Markdown => vec![format!("`{stem}.md`")],
            Format::Html => vec![format!("`{stem}.fragment.html`"), format!("`{stem}.html`")],
            Format::Text => vec![format!("`{stem}.txt`")],
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What to do for one marker, in one line (plain text, also valid Markdown).
pub fn marker_line(marker: &super::Marker) -> String {
    let mut line = match marker.kind {
        MarkerKind::Complete => format!("à compléter : {}", marker.label),
        MarkerKind::Correct => format!("à corriger : {}", marker.label),
    };
    if let Some(question) = &marker.question {
        let _ = write!(line, " — répondez à la question «\u{a0}{question}\u{a0}»");
        if marker.kind == MarkerKind::Correct {
            line.push_str(" une fois la pratique changée");
        }
    }
    if let Some(action) = &marker.action {
        let _ = write!(line, " — action : {action}");
    }
    line
}

/// A-LIRE, in Markdown.
pub fn markdown(documents: &[RenderedDocument], formats: &[Format]) -> String {
    let mut out = format!("# {TITLE}\n\n");
    out.push_str(
        "Ce fichier est pour vous : ne le publiez pas. Les autres fichiers de ce dossier ne \
         contiennent que le texte à publier (ou à envoyer).\n\n",
    );
    let _ = writeln!(out, "*{DISCLAIMER}*\n");
    out.push_str("## État des documents\n\n| Document | État | Fichiers |\n|---|---|---|\n");
    for document in documents {
        let state = document.state();
        let _ = writeln!(
            out,
            "| {} | {} {} | {} |",
            document.title,
            state.sign(),
            state.label(),
            files(&document.stem, formats)
        );
    }
    out.push_str(
        "\n« ✓ prêt à publier » : le texte peut être publié tel quel. « ⚠ à compléter » : une \
         information ou une réponse manque. « ✗ à corriger » : le texte affirmerait une pratique \
         que vos réponses démentent ou laissent incertaine ; changez d'abord la pratique, puis la \
         réponse. Dans les deux derniers cas, les passages entre ⟦ ⟧ disent quoi faire ; \
         répondez à la question indiquée (`vigie`, ou votre fichier de réponses), puis générez à \
         nouveau les documents.\n\n",
    );
    for document in documents {
        let state = document.state();
        let _ = writeln!(out, "## {}\n", document.title);
        let _ = writeln!(out, "- **État** : {} {}.", state.sign(), state.label());
        let _ = writeln!(out, "- **Où le mettre** : {}.", destination(&document.stem));
        let _ = writeln!(out, "- **Fichiers** : {}.", files(&document.stem, formats));
        if state != DocumentState::Ready {
            out.push_str("- **À faire avant de publier** :\n");
            for marker in &document.markers {
                let _ = writeln!(out, "  - {}", marker_line(marker));
            }
        }
        if !document.notes.is_empty() {
            let _ = writeln!(out, "\n{}", document.notes);
        }
        out.push('\n');
    }
    out.push_str(PUBLISHING);
    out
}

const PUBLISHING: &str = "## Publier avec votre outil

Quel que soit l'outil, publiez chaque texte comme du vrai texte (jamais comme une image ou un PDF scanné), et vérifiez ensuite les liens entre vos pages (par exemple `/politique-cookies` ou `/politique-de-confidentialite` : adaptez-les à l'adresse réelle de vos pages).

- **Wix** : ajoutez une page, placez-y une zone de texte et collez le contenu du fichier `.txt`, puis remettez en forme les titres ; ou insérez un élément « code HTML intégré » et collez le fichier `.fragment.html`. Les textes du bandeau se saisissent dans les réglages de cookies et de confidentialité du site.
- **WordPress** : créez une page, ajoutez un bloc « HTML personnalisé » et collez le fichier `.fragment.html` (ou collez le `.txt` dans un bloc de texte). Si une extension gère votre bandeau de cookies, reprenez les textes du bandeau dans ses réglages.
- **Shopify** : créez une page dans la boutique en ligne, passez l'éditeur en mode HTML et collez le fichier `.fragment.html`. Si vous utilisez les pages de règles de la boutique (politique de confidentialité…), remplacez leur contenu par le vôtre.
- **Squarespace** : ajoutez une page, insérez un bloc de texte pour coller le `.txt`, ou un bloc de code pour coller le `.fragment.html` (selon votre offre).
- **Autre outil ou site fait sur mesure** : le fichier `.html` est une page complète, prête à être mise en ligne ; le `.fragment.html` s'insère dans une page existante.
";
