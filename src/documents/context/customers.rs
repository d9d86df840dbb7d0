//! The customer file kept outside the website (loyalty card, till software, orders by phone or message, invoices): its processing activity and what the documents say of it.
//!
//! Facts: legal-facts-2.md §3 (any structured file, paper or digital; référentiel gestion
//! commerciale, délib. 2021-131: the relationship, then an intermediate archive for the
//! limitation period, 5 years, C. civ. 2224) and legal-facts.md §6 (invoices 10 years, Code de
//! commerce L123-22).

use super::{Processing, Reader, activity, limited, with_basis};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Customers {
    /// The triage says the organisation has this activity.
    pub applies: bool,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, declared: &[&Service]) -> (Customers, Vec<Processing>) {
    let applies = r.module_applies("clients");
    let supports = r.multi(ids::CL_SUPPORTS);
    let loyalty = applies && supports.contains("carte_fidelite");
    let mut processing = Vec::new();
    if !applies {
        return (Customers { applies }, processing);
    }

    let mut p = with_basis(
        activity(
            declared,
            "clients",
            if loyalty {
                "Fichier clients et carte de fidélité"
            } else {
                "Fichier clients"
            },
            &[],
        ),
        "contrat",
        None,
    );
    p.purposes = vec!["gérer la relation avec nos clients et l'historique de leurs achats".into()];
    if loyalty {
        p.purposes
            .push("gérer la carte de fidélité : inscription, suivi des achats et avantages".into());
    }
    if supports.contains("commandes") {
        p.purposes
            .push("prendre et préparer les commandes passées en boutique ou par téléphone".into());
    }
    p.data = vec![
        "nom et prénom".into(),
        "coordonnées (téléphone, adresse e-mail ou postale)".into(),
    ];
    if loyalty || supports.contains("logiciel_caisse") {
        p.data.push("historique des achats".into());
    }
    if loyalty {
        p.data.push("avantages de fidélité obtenus".into());
    }
    if supports.contains("commandes") {
        p.data.push("contenu, date et montant des commandes".into());
    }
    p.people = if loyalty {
        "nos clients, dont les membres du programme de fidélité".into()
    } else {
        "nos clients".into()
    };
    p.retention = limited(
        "pendant la relation commerciale : la fiche d'un client sans achat depuis 3 ans est \
         supprimée ; les données utiles en cas de litige peuvent être gardées à part pendant le \
         délai de prescription (5 ans, article 2224 du Code civil)",
        r.claim(
            ids::CL_DUREE_FICHIER,
            "les clients sans achat depuis 3 ans sont retirés du fichier, seules les données utiles à la loi ou à un litige étant gardées à part",
        ),
    );
    processing.push(p);

    // An e-shop's « Commandes et facturation » already describes the invoices and their
    // retention: the privacy policy does not describe them twice.
    let shop_invoices = (r.has(ids::CANAUX, "site_vitrine")
        || r.has(ids::CANAUX, "boutique_en_ligne"))
        && r.has(ids::FORMULAIRES, "commande");
    if supports.contains("factures") && !shop_invoices {
        let mut p = with_basis(
            activity(declared, "facturation", "Facturation et comptabilité", &[]),
            "obligation_legale",
            None,
        );
        p.basis_label = format!(
            "{} : la conservation des documents comptables et des pièces justificatives \
             (article L123-22 du Code de commerce)",
            p.basis_label
        );
        p.purposes = vec!["établir les factures et tenir la comptabilité".into()];
        p.data = vec![
            "nom et prénom ou raison sociale".into(),
            "adresse de facturation".into(),
            "produits ou services, date et montant de la vente".into(),
            "moyen de paiement".into(),
        ];
        p.people = "les clients à qui nous remettons une facture".into();
        let claim = if r.visibility.is_visible(ids::CL_FACTURES) {
            r.claim(
                ids::CL_FACTURES,
                "les factures et pièces comptables sont conservées 10 ans, à part du fichier des clients",
            )
        } else {
            r.claim(
                ids::EC_FACTURES,
                "les factures et pièces comptables sont conservées 10 ans",
            )
        };
        p.retention = limited(
            "10 ans à compter de la clôture de l'exercice, comme l'impose l'article L123-22 du \
             Code de commerce",
            claim,
        );
        processing.push(p);
    }
    (Customers { applies }, processing)
}
