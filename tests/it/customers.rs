//! The customer file kept outside the website and sales by message: the modules « Clients et
//! fichier client » and « Vente par messages » appear only where the triage says so, the plan
//! of a bakery with a loyalty card names what a consultant would, and its register and privacy
//! policy describe the loyalty file and the orders by message with their retention, marked
//! when the answers deny the practice. Fixture: tests/fixtures/answers/boulangerie-fidelite.toml.

use vigie::documents::{DocumentState, MarkerKind, RenderedDocument};
use vigie::engine::scoring::{Grade, ScoreReport, score};
use vigie::model::answers::{Answer, Answers, Rating};
use vigie::model::assets::load_catalog;

use crate::documents::{answers, document, documents_of};

const BAKERY: &str = "boulangerie-fidelite";

fn report(answers: &Answers) -> ScoreReport {
    score(&load_catalog(None).unwrap(), answers)
}

fn modules(answers: &Answers) -> Vec<String> {
    report(answers)
        .modules
        .iter()
        .map(|m| m.id.clone())
        .collect()
}

fn multi(values: &[&str]) -> Answer {
    Answer::Multi(values.iter().map(|v| v.to_string()).collect())
}

fn markers_of<'a>(document: &'a RenderedDocument, question: &str) -> Vec<&'a MarkerKind> {
    document
        .markers
        .iter()
        .filter(|m| m.question.as_deref() == Some(question))
        .map(|m| &m.kind)
        .collect()
}

#[test]
fn the_modules_appear_only_for_an_organisation_with_a_customer_file_or_sales_by_message() {
    let bakery = modules(&answers(BAKERY));
    for module in ["clients", "vente_messages"] {
        assert!(bakery.contains(&module.to_string()), "{module}: {bakery:?}");
    }
    // Neither the physiotherapist, nor the bakery of the website only, nor the e-shop, nor the
    // association ticked these activities: they are never asked.
    for other in [
        "kinesitherapeute",
        "boulangerie",
        "boutique-en-ligne",
        "association",
    ] {
        let applied = modules(&answers(other));
        for module in ["clients", "vente_messages"] {
            assert!(!applied.contains(&module.to_string()), "{other}: {module}");
        }
    }
    // One activity without the other.
    let mut only_file = answers(BAKERY);
    only_file.set("activites", multi(&["fichier_clients"]));
    let applied = modules(&only_file);
    assert!(applied.contains(&"clients".to_string()));
    assert!(!applied.contains(&"vente_messages".to_string()));
}

#[test]
fn a_question_already_asked_elsewhere_is_not_asked_again() {
    let catalog = load_catalog(None).unwrap();
    // The bakery without an e-shop: its invoices and the cards given by phone are asked here;
    // its social page already carries the information link, so the module does not ask it again.
    let bakery = answers(BAKERY);
    let visible = catalog.visibility(&bakery);
    for id in ["cl_factures", "cl_carte_distance", "ec_mediateur"] {
        assert!(visible.is_visible(id), "{id}");
    }
    for id in ["ec_factures", "ec_cryptogramme", "vm_information"] {
        assert!(!visible.is_visible(id), "{id}");
    }
    // With an e-shop, the e-shop's own questions on invoices and cards stand for the file's.
    let mut shop = bakery.clone();
    shop.set(
        "canaux",
        multi(&["site_vitrine", "boutique_en_ligne", "reseaux_sociaux"]),
    );
    let visible = catalog.visibility(&shop);
    assert!(visible.is_visible("ec_factures"));
    for id in ["cl_factures", "cl_carte_distance"] {
        assert!(!visible.is_visible(id), "{id}");
    }
    // A seller by WhatsApp without a social page is asked for the information of its clients.
    let mut whatsapp = bakery.clone();
    whatsapp.set("canaux", multi(&["site_vitrine"]));
    assert!(catalog.visibility(&whatsapp).is_visible("vm_information"));
    // The consumer's distance-selling rights only where the clients are consumers.
    let mut trade = bakery.clone();
    trade.set("clientele", multi(&["professionnels"]));
    let visible = catalog.visibility(&trade);
    assert!(visible.is_visible("vm_canaux"));
    for id in [
        "vm_info_precontractuelle",
        "vm_retractation",
        "vm_exclusions",
    ] {
        assert!(!visible.is_visible(id), "{id}");
    }
}

#[test]
fn the_bakery_plan_starts_where_a_consultant_would() {
    let report = report(&answers(BAKERY));
    // Its three employees never received the note that tells them what is done with their
    // data (GDPR art. 13, C. trav. L1222-4 for any monitoring tool): the first thing to hand
    // over. Then a careful website (mentions, banner, policy all right) but a loyalty file that nobody
    // explains at the till and that was never purged: two « élevée » obligations the CNIL
    // enforces on their own (art. 13 information; art. 5.1.e retention, Carrefour 2020 for a
    // loyalty programme). They come first, the cheap one (a notice at the till) before the
    // purge. Several unmet obligations cap the grade at C.
    let first = crate::common::first_actions(&report, 3);
    assert_eq!(
        first,
        ["sa_information_note", "cl_information", "cl_duree_fichier"]
    );
    assert_eq!(report.grade, Some(Grade::C));
    // The orders by Instagram come next: no confirmation on a durable medium (L221-13) and
    // incomplete pre-contract information (L111-1), before the exclusion of cakes from
    // withdrawal, which costs little and weighs less.
    let position = |id: &str| report.actions.iter().position(|a| a.question == id);
    assert!(position("vm_confirmation") < position("vm_info_precontractuelle"));
    assert!(position("vm_info_precontractuelle") < position("vm_exclusions"));
    // All its products are excluded from withdrawal: the withdrawal information is not counted.
    assert!(
        report
            .not_applicable
            .iter()
            .any(|q| q.question == "vm_retractation")
    );
}

#[test]
fn the_register_and_the_privacy_policy_describe_the_loyalty_file_and_the_orders_by_message() {
    let documents = documents_of(&answers(BAKERY));
    let register = &document(&documents, "registre-des-traitements").markdown;
    let policy = &document(&documents, "politique-de-confidentialite").markdown;
    // The core activities come first in the register, before the website's.
    assert!(register.contains("### 1. Fichier clients et carte de fidélité"));
    assert!(register.contains("### 2. Facturation et comptabilité"));
    assert!(register.contains("### 3. Commandes par messages"));
    for text in [register, policy] {
        assert!(
            text.contains(
                "gérer la carte de fidélité : inscription, suivi des achats et avantages"
            )
        );
        assert!(text.contains("la fiche d'un client sans achat depuis 3 ans est supprimée"));
        assert!(text.contains(
            "10 ans à compter de la clôture de l'exercice, comme l'impose l'article L123-22 du Code de commerce"
        ));
        assert!(text.contains(
            "prendre et préparer les commandes passées par message (Instagram), puis les remettre ou les livrer"
        ));
        // The platform carries the conversations: named as a recipient, with its transfer.
        assert!(text.contains(
            "Meta Platforms Ireland Limited, pour Instagram — fournisseur de la messagerie"
        ));
    }
    assert!(policy.contains("### Fichier clients et carte de fidélité"));
    // The page linked from the Instagram bio tells the buyer by message how the order is used
    // and names the consumer mediator (C. conso L612-1, L616-1).
    let page = &document(&documents, "page-reseaux-sociaux").markdown;
    assert!(page.contains("## Vos commandes par message"));
    assert!(page.contains(
        "vous pouvez recourir gratuitement au médiateur de la consommation dont nous relevons, comme le prévoit l'article L612-1 du code de la consommation : **Médiateur de la consommation CM2C**"
    ));
    // Invoices are what the law lets the bakery keep after an erasure request.
    assert!(policy.contains("que la loi nous impose de garder (par exemple les factures)"));
}

#[test]
fn the_bakery_gets_its_documents_in_the_state_its_answers_give() {
    let documents = documents_of(&answers(BAKERY));
    let stems: Vec<&str> = documents.iter().map(|d| d.stem.as_str()).collect();
    for stem in [
        "mentions-legales",
        "politique-de-confidentialite",
        "mention-formulaire-contact",
        "bandeau-cookies",
        "politique-cookies",
        "page-reseaux-sociaux",
        "reponse-opposition",
        "registre-des-traitements",
        "information-salaries",
    ] {
        assert!(stems.contains(&stem), "{stem}: {stems:?}");
    }
    // No camera, no patient, no published photo of people: none of their documents.
    for stem in [
        "affiche-videoprotection",
        "information-patients",
        "autorisation-droit-image",
    ] {
        assert!(!stems.contains(&stem), "{stem}");
    }
    // The website's texts are ready; the texts that state the retention of the loyalty file
    // and of the conversations are to correct, since neither is purged.
    for stem in ["mentions-legales", "bandeau-cookies", "politique-cookies"] {
        assert_eq!(
            document(&documents, stem).state(),
            DocumentState::Ready,
            "{stem}"
        );
    }
    for stem in [
        "politique-de-confidentialite",
        "registre-des-traitements",
        "page-reseaux-sociaux",
    ] {
        let doc = document(&documents, stem);
        assert_eq!(doc.state(), DocumentState::ToCorrect, "{stem}");
        assert!(!markers_of(doc, "rs_messagerie_tri").is_empty(), "{stem}");
    }
}

#[test]
fn a_denied_retention_is_marked_and_an_established_one_is_not() {
    let mut bakery = answers(BAKERY);
    // The bakery never purges its loyalty file: the retention it would publish is marked.
    let documents = documents_of(&bakery);
    for stem in ["registre-des-traitements", "politique-de-confidentialite"] {
        let doc = document(&documents, stem);
        assert_eq!(
            markers_of(doc, "cl_duree_fichier"),
            [&MarkerKind::Correct],
            "{stem}"
        );
        assert_eq!(doc.state(), DocumentState::ToCorrect, "{stem}");
        assert!(
            doc.markdown.contains(
                "⟦à corriger avant publication : les clients sans achat depuis 3 ans sont retirés du fichier"
            ),
            "{stem}"
        );
    }
    // Unanswered, it is to complete; purged (and the conversations sorted), the texts are ready.
    bakery.remove("cl_duree_fichier");
    let documents = documents_of(&bakery);
    assert_eq!(
        markers_of(
            document(&documents, "registre-des-traitements"),
            "cl_duree_fichier"
        ),
        [&MarkerKind::Complete]
    );
    bakery.set("cl_duree_fichier", Answer::Rating(Rating::Conforme));
    bakery.set("rs_messagerie_tri", Answer::Rating(Rating::Conforme));
    // (Its staff files, listed in the register too, are then sorted as well.)
    bakery.set("sa_dossiers_conservation", Answer::Rating(Rating::Conforme));
    bakery.set(
        "sa_candidatures_conservation",
        Answer::Rating(Rating::Conforme),
    );
    let documents = documents_of(&bakery);
    for stem in ["registre-des-traitements", "politique-de-confidentialite"] {
        let doc = document(&documents, stem);
        assert_eq!(
            doc.state(),
            DocumentState::Ready,
            "{stem}: {:?}",
            doc.markers
        );
    }
}

#[test]
fn an_e_shop_with_a_customer_file_describes_its_invoices_once() {
    let mut shop = answers("boutique-en-ligne");
    shop.set("activites", multi(&["fichier_clients"]));
    shop.set("cl_supports", multi(&["carte_fidelite", "factures"]));
    let documents = documents_of(&shop);
    let policy = &document(&documents, "politique-de-confidentialite").markdown;
    assert!(policy.contains("### Fichier clients et carte de fidélité"));
    // The shop's « Commandes et facturation » already says how long invoices are kept.
    assert_eq!(policy.matches("### Commandes et facturation").count(), 1);
    assert!(!policy.contains("### Facturation et comptabilité"));
    assert_eq!(policy.matches("### Comptes clients").count(), 1);
}

#[test]
fn each_messaging_and_payment_service_is_a_recipient_of_the_orders() {
    let mut seller = answers(BAKERY);
    seller.set("vm_canaux", multi(&["whatsapp", "sms", "lien_paiement"]));
    seller.set("services", multi(&["wix", "instagram", "sumup"]));
    let documents = documents_of(&seller);
    let register = &document(&documents, "registre-des-traitements").markdown;
    assert!(register.contains("### 3. Commandes par messages et liens de paiement"));
    assert!(register.contains(
        "prendre et préparer les commandes passées par message (WhatsApp, SMS), puis les remettre ou les livrer ; encaisser le paiement par un lien de paiement"
    ));
    assert!(register.contains("SumUp Limited, pour SumUp — responsable de traitement distinct"));
    assert!(register.contains(
        "pour WhatsApp — fournisseur de la messagerie, qui traite les messages selon ses propres conditions d'utilisation"
    ));
    // Instagram is no longer a channel of the orders: Meta is not named for them.
    let orders = register
        .split("### 3. Commandes par messages")
        .nth(1)
        .and_then(|rest| rest.split("### 4.").next())
        .unwrap();
    assert!(!orders.contains("pour Instagram"), "{orders}");
}

/// The bakery's register, read through before being accepted.
#[test]
fn snapshot_of_the_bakery_register() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/documents");
    let documents = documents_of(&answers(BAKERY));
    settings.bind(|| {
        insta::assert_snapshot!(
            "boulangerie-fidelite__registre-des-traitements",
            document(&documents, "registre-des-traitements").markdown
        );
    });
}
