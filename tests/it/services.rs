//! The service catalogue (`questionnaires/services.toml`): what small organisations use,
//! each service with what its documents need, grouped by category in the interview.

use predicates::prelude::*;
use vigie::model::assets::load_catalog;
use vigie::model::catalog::{SERVICE_CATEGORIES, service_category};

#[test]
fn the_catalogue_covers_what_small_organisations_use_with_what_their_documents_need() {
    let catalog = load_catalog(None).unwrap();
    assert!(
        catalog.services.len() >= 90,
        "{} services",
        catalog.services.len()
    );
    for s in &catalog.services {
        assert!(!s.location.trim().is_empty(), "{}: location", s.id);
        assert!(
            vigie::model::date::is_date(&s.checked),
            "{}: checked {}",
            s.id,
            s.checked
        );
        assert!(s.privacy_url.starts_with("https://"), "{}", s.id);
        // Every category has its heading in the interview.
        assert!(service_category(&s.category).is_some(), "{}", s.id);
        // An address is only given with the company it belongs to.
        assert!(s.address.is_none() || s.entity.is_some(), "{}", s.id);
    }
    // What the organisations of the issue use, by the category a user looks under.
    for (id, category) in [
        ("doctolib", "rendez_vous"),
        ("planity", "rendez_vous"),
        ("calendly", "rendez_vous"),
        ("wix_bookings", "rendez_vous"),
        ("treatwell", "rendez_vous"),
        ("maiia", "rendez_vous"),
        ("sumup", "paiement"),
        ("square", "paiement"),
        ("sumeria", "paiement"),
        ("paypal", "paiement"),
        ("helloasso", "adhesion"),
        ("assoconnect", "adhesion"),
        ("whatsapp_business", "messagerie"),
        ("messenger", "messagerie"),
        ("pennylane", "comptabilite"),
        ("payfit", "comptabilite"),
        ("tiller", "caisse"),
        ("weda", "sante"),
        ("mailiz", "sante"),
        ("verisure", "videoprotection"),
        ("sharethis", "partage"),
    ] {
        let service = catalog
            .service(id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(service.category, category, "{id}");
    }
}

#[test]
fn the_companies_named_are_those_the_sources_confirm() {
    let catalog = load_catalog(None).unwrap();
    let entity = |id: &str| catalog.service(id).unwrap().entity.as_deref();
    // legal-facts-2 §13 and §5.5.
    assert_eq!(entity("helloasso"), Some("Hello Asso SAS"));
    assert_eq!(
        catalog.service("helloasso").unwrap().address.as_deref(),
        Some("Cité numérique, 2 rue Marc Sangnier, 33130 Bègles")
    );
    assert_eq!(entity("messenger"), Some("Meta Platforms Ireland Limited"));
    // Not confirmed: named by their trade name, and the note says what is to confirm.
    for id in [
        "treatwell",
        "booksy",
        "pennylane",
        "verisure",
        "assoconnect",
    ] {
        let service = catalog.service(id).unwrap();
        assert_eq!(service.entity, None, "{id}");
        assert_eq!(service.address, None, "{id}");
        let notes = service.notes.as_deref().unwrap_or_default();
        assert!(
            notes.contains("à confirmer avant de la nommer"),
            "{id}: {notes}"
        );
    }
}

#[test]
fn only_a_service_a_source_says_is_certified_holds_health_data_as_certified() {
    let catalog = load_catalog(None).unwrap();
    let certified: Vec<&str> = catalog
        .services
        .iter()
        .filter(|s| s.hds)
        .map(|s| s.id.as_str())
        .collect();
    // Doctolib: its help centre and Conseil d'État, ord. 12 March 2021, n° 450163
    // (legal-facts-2 §4.5). Maiia, Weda and the others are asked, never presumed.
    assert_eq!(certified, ["doctolib"]);
}

#[test]
fn the_interview_lists_the_services_grouped_by_category_in_the_table_order() {
    let catalog = load_catalog(None).unwrap();
    let order: Vec<usize> = catalog
        .services
        .iter()
        .map(|s| {
            SERVICE_CATEGORIES
                .iter()
                .position(|c| c.id == s.category)
                .unwrap()
        })
        .collect();
    assert!(order.is_sorted(), "{order:?}");
    // The triage question offers them in that order.
    let options: Vec<&str> = catalog
        .question("services")
        .unwrap()
        .options()
        .iter()
        .map(|o| o.value.as_str())
        .collect();
    let ids: Vec<&str> = catalog.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(options, ids);
}

#[test]
fn a_users_service_is_listed_with_the_others_of_its_category() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("services.toml"),
        "format = 1\n\n[[service]]\nid = \"ma_caisse\"\nname = \"Ma caisse\"\ncategory = \"caisse\"\n\
         role = \"sous_traitant\"\nlocation = \"France\"\ntransfer = \"aucun\"\nconsent_required = false\n\
         privacy_url = \"https://example.org/confidentialite\"\nchecked = \"2026-12-01\"\n",
    )
    .unwrap();
    let catalog = load_catalog(Some(dir.path())).unwrap();
    let ids: Vec<&str> = catalog.services.iter().map(|s| s.id.as_str()).collect();
    let at = ids.iter().position(|id| *id == "ma_caisse").unwrap();
    assert_eq!(catalog.services[at - 1].category, "caisse");
    assert_eq!(catalog.services[at + 1].category, "comptabilite");
}

#[test]
fn an_unknown_category_is_refused_with_the_list_of_categories() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("perso");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("services.toml"),
        "format = 1\n\n[[service]]\nid = \"x\"\nname = \"X\"\ncategory = \"pharmacie\"\n\
         role = \"sous_traitant\"\nlocation = \"France\"\ntransfer = \"aucun\"\nconsent_required = false\n\
         privacy_url = \"https://example.org/\"\nchecked = \"2026-12-01\"\n",
    )
    .unwrap();
    crate::common::vigie(&home)
        .args(["check", "--questionnaires"])
        .arg(&dir)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "services.toml:6:12 : catégorie « pharmacie » inconnue ; catégories possibles : \
             createur_site, hebergement",
        ))
        .stderr(predicate::str::contains("adhesion, videoprotection, autre"));
}

#[test]
fn a_scan_names_the_booking_messaging_and_share_services_of_a_salon() {
    let server = crate::site_server::serve("salon");
    let home = tempfile::tempdir().unwrap();
    let output = crate::common::vigie(&home)
        .arg("scan")
        .arg(server.url("/"))
        .arg("--statique")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    // Share buttons that profile visitors are a tracker loaded before consent.
    assert!(
        text.contains("Traceurs chargés avant tout consentement : ShareThis"),
        "{text}"
    );
    assert!(text.contains("ShareThis (boutons de partage)"), "{text}");
    // A link to a booking page or a messenger reveals the service without loading it.
    assert!(text.contains("Treatwell (prise de rendez-vous)"), "{text}");
    assert!(
        text.contains("Messenger (messagerie instantanée)"),
        "{text}"
    );
}

#[test]
fn a_provider_whose_hosting_no_source_confirms_is_never_said_to_keep_data_in_the_eu() {
    // The judo club pays its memberships through HelloAsso: the catalogue knows the company,
    // not where it keeps the data nor how it frames transfers. The register asks the club to
    // confirm it instead of writing « aucun transfert ».
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("documents");
    crate::common::vigie(&home)
        .arg("generate")
        .arg(crate::common::fixtures().join("answers/club-judo-mineurs.toml"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "à compléter : lieu d'hébergement et garantie des transferts hors de l'Union \
             européenne de HelloAsso, à demander au prestataire",
        ));
    let register = std::fs::read_to_string(out.join("registre-des-traitements.md")).unwrap();
    let members = register
        .split("\n### ")
        .find(|entry| entry.contains("Gestion des adhérents"))
        .unwrap();
    assert!(
        members.contains(
            "Hello Asso SAS : France (à vérifier) — garantie : ⟦à compléter : lieu d'hébergement"
        ),
        "{members}"
    );
    assert!(
        !members.contains("Transferts hors de l'Union européenne** : aucun"),
        "{members}"
    );
}
