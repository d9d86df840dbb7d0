//! Sales concluded through messages or payment links: the consumer's information, confirmation and withdrawal right.
//!
//! Facts: legal-facts-2.md §3.3 (the seller is the controller of the order data, on the basis
//! of the contract; the messaging platform's own role for private messages is set by its terms)
//! and §3.2 (retention: the relationship, then 5 years of intermediate archive; invoices 10
//! years, Code de commerce L123-22).

use super::{Processing, Reader, ServiceView, activity, limited, recipients_of, service_view};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct RemoteSales {
    /// The triage says the organisation has this activity.
    pub applies: bool,
}

/// The messaging answers (`vm_canaux`) that name a platform: the service of the catalogue that
/// describes it, and its name in the documents.
const PLATFORMS: &[(&str, &str, &str)] = &[
    ("instagram", "instagram", "Instagram"),
    ("facebook", "facebook", "Messenger"),
    ("whatsapp", "whatsapp_business", "WhatsApp"),
];

/// What the platform does with the conversations, in the recipients line: its role for the
/// content of private messages is set by its own terms (legal-facts-2 §3.3), not analysed.
const PLATFORM_ROLE: &str = "fournisseur de la messagerie, qui traite les messages selon ses propres conditions d'utilisation";

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, declared: &[&Service]) -> (RemoteSales, Vec<Processing>) {
    let applies = r.module_applies("vente_messages");
    if !applies {
        return (RemoteSales { applies }, Vec::new());
    }
    let channels = r.multi(ids::VM_CANAUX);
    // The messaging services the orders come through, by name.
    let messaging: Vec<&str> = PLATFORMS
        .iter()
        .filter(|(answer, _, _)| channels.contains(*answer))
        .map(|(_, _, name)| *name)
        .chain(channels.contains("sms").then_some("SMS"))
        .collect();
    let payment_links = channels.contains("lien_paiement");
    let mut p = super::with_basis(
        activity(
            declared,
            "commandes-messages",
            if payment_links {
                "Commandes par messages et liens de paiement"
            } else {
                "Commandes par messages"
            },
            &["paiement", "livraison"],
        ),
        "contrat",
        None,
    );
    // The platforms carry the conversations: each is a recipient, named by the company the
    // catalogue gives, with its own terms as its role.
    let mut recipients: Vec<ServiceView> = p.processors.clone();
    for (answer, service, name) in PLATFORMS {
        if !channels.contains(*answer) {
            continue;
        }
        if let Some(service) = r.catalog.service(service) {
            let mut view = service_view(service);
            view.name = (*name).to_string();
            view.role = PLATFORM_ROLE.to_string();
            recipients.push(view);
        }
    }
    (p.processors, p.transfers, p.recipients) = recipients_of(super::STAFF, recipients);
    p.purposes = vec![if messaging.is_empty() {
        "prendre et préparer les commandes passées à distance, puis les remettre ou les livrer"
            .into()
    } else {
        format!(
            "prendre et préparer les commandes passées par message ({}), puis les remettre ou les livrer",
            messaging.join(", ")
        )
    }];
    if payment_links {
        p.purposes
            .push("encaisser le paiement par un lien de paiement".into());
    }
    p.data = vec![
        "nom et prénom, nom de profil ou numéro de téléphone".into(),
        "adresse de livraison, s'il y a lieu".into(),
        "contenu de la commande et de nos échanges".into(),
        "paiement (montant, date, preuve du paiement)".into(),
    ];
    p.people = "les clients qui commandent par message".into();
    let tidy = if r.visibility.is_visible(ids::RS_MESSAGERIE_TRI) {
        r.claim(
            ids::RS_MESSAGERIE_TRI,
            "les conversations terminées sont supprimées de la messagerie",
        )
    } else {
        r.claim(
            ids::GV_PURGES,
            "les données sont réellement supprimées ou archivées à la fin de leur durée de conservation",
        )
    };
    p.retention = limited(
        "les conversations sont gardées le temps de la commande ; les données de la commande \
         pendant la relation commerciale, puis à part pendant le délai de prescription (5 ans, \
         article 2224 du Code civil) ; les factures 10 ans, comme l'impose l'article L123-22 du \
         Code de commerce",
        tidy,
    );
    (RemoteSales { applies }, vec![p])
}
