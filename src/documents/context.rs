//! The one context every document reads: the organisation, its channels, and its processing
//! activities (purpose, legal basis, data, recipients, transfers, retention), built from the
//! identity, the answers and the service catalogue. Templates only lay this out.
//!
//! Retention periods and legal bases come from ../shared/legal-facts.md: CNIL référentiel
//! gestion commerciale (délib. 2021-131), Code de commerce L123-22, CNIL recruitment guide
//! (2023), référentiel cabinets médicaux (délib. 2020-081), CNIL cookie recommendation
//! (délib. 2020-092).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::answers::{Answer, Answers, Rating};
use crate::catalog::{Catalog, Service, ServiceRole, TransferSafeguard};
use crate::date::Date;
use crate::french;

/// Marks a missing value in a rendered document; the document is then incomplete.
pub const MISSING_OPEN: &str = "⟦à compléter : ";
pub const MISSING_CLOSE: &str = "⟧";

/// A missing required value, as it appears in a document.
pub fn missing(label: &str) -> String {
    format!("{MISSING_OPEN}{label}{MISSING_CLOSE}")
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentContext {
    pub doc: DocInfo,
    pub org: Org,
    pub channels: Channels,
    pub health: bool,
    pub minors: bool,
    pub processing: Vec<Processing>,
    pub forms: Vec<Form>,
    pub services: Vec<ServiceView>,
    pub trackers: Trackers,
    pub social: Social,
    pub prospecting: Prospecting,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    pub generated_on: String,
    pub references_date: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Registration {
    pub kind: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Host {
    pub name: String,
    pub address: String,
    pub phone: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dpo {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Profession {
    pub kind: String,
    pub title: String,
    pub state: String,
    pub order: String,
    pub rules: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mediator {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Org {
    pub kind: String,
    /// The name to print: the dénomination, or "Prénom Nom (EI)" for an individual entrepreneur.
    pub name: String,
    pub is_ei: bool,
    pub trade_name: Option<String>,
    pub legal_form: Option<String>,
    pub capital: Option<String>,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: Option<String>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub vat: Option<String>,
    pub registration: Option<Registration>,
    pub rna: Option<String>,
    pub director: Option<String>,
    pub host: Option<Host>,
    pub dpo: Option<Dpo>,
    pub profession: Option<Profession>,
    pub mediator: Option<Mediator>,
    /// Where people exercise their rights: the DPO's e-mail, else the organisation's.
    pub rights_contact: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Channels {
    pub site: bool,
    pub shop: bool,
    pub social: bool,
    pub emailing: bool,
    pub phone: bool,
    pub b2c: bool,
    pub b2b: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub category: String,
    pub role: String,
    pub location: String,
    pub transfer: Option<String>,
    pub privacy_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rights {
    pub object: bool,
    pub portability: bool,
    pub withdraw: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Processing {
    pub id: String,
    pub title: String,
    pub purposes: Vec<String>,
    /// consentement, contrat, mesures_precontractuelles, interet_legitime, obligation_legale
    pub basis: String,
    pub basis_label: String,
    pub legitimate_interest: Option<String>,
    /// The GDPR art. 9 exception for health data, when any.
    pub health_basis: Option<String>,
    pub data: Vec<String>,
    pub people: String,
    pub recipients: Vec<String>,
    pub processors: Vec<ServiceView>,
    pub transfers: Vec<ServiceView>,
    pub retention: String,
    pub rights: Rights,
    /// Where the data come from when not from the person (GDPR art. 14).
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Form {
    /// The document stem suffix: contact, devis, newsletter, compte, commande, rendez-vous, candidature.
    pub id: String,
    pub title: String,
    pub processing: Processing,
    pub mandatory_fields: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tracker {
    pub name: String,
    pub provider: String,
    pub purpose: String,
    pub lifetime: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Trackers {
    pub used: bool,
    pub consent: Vec<Tracker>,
    pub providers: Vec<ServiceView>,
    pub exempt_audience: Vec<ServiceView>,
    pub choice_duration: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Platform {
    pub id: String,
    pub name: String,
    pub addendum: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Social {
    pub platforms: Vec<Platform>,
    pub contests: bool,
    pub ads: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Prospecting {
    pub soft_opt_in: bool,
    pub indirect_source: bool,
}

/// Reads answers by question id.
struct Reader<'a> {
    answers: &'a Answers,
}

impl Reader<'_> {
    fn text(&self, id: &str) -> Option<String> {
        match self.answers.get(id)? {
            Answer::Text(t) | Answer::Choice(t) => Some(t.clone()),
            _ => None,
        }
    }

    fn has(&self, id: &str, value: &str) -> bool {
        match self.answers.get(id) {
            Some(Answer::Multi(values)) => values.contains(value),
            Some(Answer::Choice(v)) => v == value,
            _ => false,
        }
    }

    fn multi(&self, id: &str) -> BTreeSet<String> {
        match self.answers.get(id) {
            Some(Answer::Multi(values)) => values.clone(),
            _ => BTreeSet::new(),
        }
    }

    fn rating(&self, id: &str) -> Option<Rating> {
        match self.answers.get(id)? {
            Answer::Rating(r) => Some(*r),
            _ => None,
        }
    }

    /// A value that the law requires: the marker when it is missing.
    fn required(&self, id: &str, label: &str) -> String {
        self.text(id).unwrap_or_else(|| missing(label))
    }
}

fn group_digits(digits: &str, groups: &[usize]) -> String {
    let compact: String = digits.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    let mut rest = compact.as_str();
    for &n in groups {
        if rest.len() < n {
            break;
        }
        let (head, tail) = rest.split_at(n);
        out.push(head.to_string());
        rest = tail;
    }
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out.join(" ")
}

fn euros(amount: &str) -> String {
    let normalised = amount.replace([' ', '\u{a0}', '\u{202f}'], "");
    let (units, cents) = normalised
        .split_once([',', '.'])
        .map_or((normalised.as_str(), None), |(u, c)| (u, Some(c)));
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i) % 3 == 0 {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    match cents {
        Some(c) if c.trim_matches('0').is_empty() => format!("{grouped}\u{a0}€"),
        Some(c) => format!("{grouped},{c}\u{a0}€"),
        None => format!("{grouped}\u{a0}€"),
    }
}

fn service_view(service: &Service) -> ServiceView {
    ServiceView {
        id: service.id.clone(),
        name: service.name.clone(),
        category: service.category.clone(),
        role: match service.role {
            ServiceRole::SousTraitant => "sous-traitant",
            ServiceRole::ResponsableConjoint => "responsable conjoint du traitement",
            ServiceRole::ResponsableDistinct => "responsable de traitement distinct",
        }
        .to_string(),
        location: service.location.clone(),
        transfer: match service.transfer {
            TransferSafeguard::Aucun => None,
            TransferSafeguard::Adequation => {
                Some("décision d'adéquation de la Commission européenne".to_string())
            }
            TransferSafeguard::Dpf => Some(
                "décision d'adéquation (UE) 2023/1795 du 10 juillet 2023 (Data Privacy Framework), \
                 le prestataire étant certifié"
                    .to_string(),
            ),
            TransferSafeguard::ClausesTypes => Some(
                "clauses contractuelles types adoptées par la Commission européenne (décision (UE) 2021/914)"
                    .to_string(),
            ),
        },
        privacy_url: service.privacy_url.clone(),
    }
}

/// Builds the context from the answers (identity included) and the catalogue.
pub fn build(catalog: &Catalog, answers: &Answers, today: Date) -> DocumentContext {
    let r = Reader { answers };
    let kind = r.text("forme").unwrap_or_else(|| "autre".to_string());
    let is_ei = kind == "entreprise_individuelle";
    let channels = Channels {
        site: r.has("canaux", "site_vitrine") || r.has("canaux", "boutique_en_ligne"),
        shop: r.has("canaux", "boutique_en_ligne"),
        social: r.has("canaux", "reseaux_sociaux"),
        emailing: r.has("canaux", "emailing_sms"),
        phone: r.has("canaux", "telephone"),
        b2c: r.has("clientele", "particuliers"),
        b2b: r.has("clientele", "professionnels"),
    };
    let name = if is_ei {
        match (r.text("prenom"), r.text("nom")) {
            (Some(first), Some(last)) => format!("{first} {last} (EI)"),
            _ => missing("prénom et nom de l'entrepreneur"),
        }
    } else {
        r.required("denomination", "dénomination")
    };
    let address = match (r.text("adresse"), r.text("code_postal"), r.text("ville")) {
        (Some(street), Some(postcode), Some(city)) => format!("{street}, {postcode} {city}"),
        _ => missing("adresse complète (rue, code postal, ville)"),
    };
    let siren = r.text("siren").map(|s| group_digits(&s, &[3, 3, 3]));
    let registration = match r.text("immatriculation_registre").as_deref() {
        Some("rcs") => Some(Registration {
            kind: "rcs".into(),
            label: format!(
                "RCS {} {}",
                r.required("rcs_ville", "ville du greffe du RCS"),
                siren.clone().unwrap_or_else(|| missing("SIREN"))
            ),
        }),
        Some("metiers") => Some(Registration {
            kind: "metiers".into(),
            label: format!(
                "immatriculée au registre national des entreprises (secteur des métiers et de l'artisanat) sous le numéro {}",
                siren.clone().unwrap_or_else(|| missing("SIREN"))
            ),
        }),
        _ => None,
    };
    let email = r.required("email", "adresse e-mail");
    let dpo = r.has("dpo", "oui").then(|| Dpo {
        name: r.required("dpo_nom", "nom du DPO"),
        email: r.required("dpo_email", "e-mail du DPO"),
    });
    let profession = r
        .text("profession_reglementee")
        .filter(|p| p != "non")
        .map(|kind| Profession {
            kind,
            title: r.required("profession_titre", "titre professionnel"),
            state: r.required("profession_etat", "État où le titre a été délivré"),
            order: r.required("profession_ordre", "ordre ou organisme professionnel"),
            rules: r.required("profession_regles", "règles professionnelles"),
        });
    let org = Org {
        kind: kind.clone(),
        name,
        is_ei,
        trade_name: r.text("nom_commercial"),
        legal_form: (kind == "societe").then(|| r.required("forme_juridique", "forme juridique")),
        capital: (kind == "societe").then(|| {
            r.text("capital")
                .map_or_else(|| missing("capital social"), |c| euros(&c))
        }),
        address,
        phone: r.required("telephone", "téléphone"),
        email: email.clone(),
        website: r.text("site_url"),
        siren,
        siret: r.text("siret").map(|s| group_digits(&s, &[3, 3, 3, 5])),
        vat: r.text("tva").map(|v| v.replace(' ', "")),
        registration,
        rna: r.text("rna"),
        director: channels
            .site
            .then(|| r.required("directeur_publication", "directeur de la publication")),
        host: channels.site.then(|| Host {
            name: r.required("hebergeur_nom", "nom de l'hébergeur"),
            address: r.required("hebergeur_adresse", "adresse de l'hébergeur"),
            phone: r.required("hebergeur_telephone", "téléphone de l'hébergeur"),
        }),
        rights_contact: dpo.as_ref().map_or(email, |d| d.email.clone()),
        dpo,
        profession,
        // Every professional selling to consumers (C. conso L612-1), online shops and the
        // legal professions here; never for health care (L611-4).
        mediator: (channels.b2c
            && (channels.shop || r.has("profession_reglementee", "droit"))
            && !r.has("profession_reglementee", "sante"))
        .then(|| Mediator {
            name: r.required("mediateur_nom", "médiateur de la consommation"),
            url: r.required("mediateur_url", "site du médiateur de la consommation"),
        }),
    };

    let declared: Vec<&Service> = r
        .multi("services")
        .iter()
        .filter_map(|id| catalog.service(id))
        .collect();
    let of = |categories: &[&str]| -> Vec<ServiceView> {
        declared
            .iter()
            .filter(|s| categories.contains(&s.category.as_str()))
            .map(|s| service_view(s))
            .collect()
    };
    let health =
        r.has("donnees_particulieres", "sante") || r.has("profession_reglementee", "sante");
    let minors = r.has("donnees_particulieres", "mineurs");
    let staff = "les personnes habilitées au sein de notre structure".to_string();

    let activity = |id: &str, title: &str, categories: &[&str]| {
        let (processors, transfers, recipients) = recipients_of(&staff, of(categories));
        Processing {
            id: id.to_string(),
            title: title.to_string(),
            purposes: Vec::new(),
            basis: String::new(),
            basis_label: String::new(),
            legitimate_interest: None,
            health_basis: None,
            data: Vec::new(),
            people: String::new(),
            recipients,
            processors,
            transfers,
            retention: String::new(),
            rights: Rights {
                object: false,
                portability: false,
                withdraw: false,
            },
            source: None,
        }
    };
    let site_tools: &[&str] = &["hebergement", "createur_site", "formulaire"];
    let with_basis = |mut p: Processing, basis: &str, interest: Option<&str>| {
        p.basis = basis.to_string();
        p.basis_label = basis_label(basis);
        p.legitimate_interest = interest.map(str::to_string);
        p.rights = Rights {
            object: basis == "interet_legitime",
            portability: matches!(
                basis,
                "consentement" | "contrat" | "mesures_precontractuelles"
            ),
            withdraw: basis == "consentement",
        };
        p
    };
    let commercial = kind != "association" && !r.has("profession_reglementee", "sante");
    let contact_retention = if commercial {
        "le temps nécessaire pour traiter votre demande ; si elle débouche sur une relation \
         commerciale, vos données sont ensuite conservées selon les règles applicables aux clients \
         et prospects (au plus 3 ans après votre dernier contact)"
    } else {
        "le temps nécessaire pour traiter votre demande et assurer le suivi de nos échanges"
    };

    let mut forms = Vec::new();
    let mut add_form = |stem: &str, title: &str, processing: Processing, mandatory: &str| {
        forms.push(Form {
            id: stem.to_string(),
            title: title.to_string(),
            processing,
            mandatory_fields: mandatory.to_string(),
        });
    };
    let form_answers = r.multi("formulaires");
    let site = channels.site;
    if site && form_answers.contains("contact") {
        let mut p = with_basis(
            activity(
                "contact",
                "Demandes de contact",
                &[site_tools, &["relation_client"][..]].concat(),
            ),
            "interet_legitime",
            Some("répondre aux personnes qui nous écrivent"),
        );
        p.purposes = vec!["répondre aux demandes envoyées par le formulaire de contact".into()];
        p.data = vec![
            "nom et prénom".into(),
            "adresse e-mail".into(),
            "contenu du message".into(),
        ];
        p.people = "les personnes qui nous écrivent".into();
        p.retention = contact_retention.into();
        add_form(
            "contact",
            "Formulaire de contact",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas vous répondre.",
        );
    }
    if site && form_answers.contains("devis") {
        let mut p = with_basis(
            activity(
                "devis",
                "Demandes de devis",
                &[site_tools, &["relation_client"][..]].concat(),
            ),
            "mesures_precontractuelles",
            None,
        );
        p.purposes = vec!["établir le devis que vous demandez et en assurer le suivi".into()];
        p.data = vec![
            "nom et prénom".into(),
            "coordonnées (adresse e-mail, téléphone, adresse)".into(),
            "description de votre besoin".into(),
        ];
        p.people = "les personnes qui demandent un devis".into();
        p.retention = contact_retention.into();
        add_form(
            "devis",
            "Formulaire de demande de devis",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas établir votre devis.",
        );
    }
    if site && form_answers.contains("newsletter") {
        let mut p = with_basis(
            activity(
                "newsletter",
                "Lettre d'information",
                &[site_tools, &["emailing"][..]].concat(),
            ),
            "consentement",
            None,
        );
        p.purposes = vec!["vous envoyer notre lettre d'information".into()];
        p.data = vec![
            "adresse e-mail".into(),
            "date et preuve de votre inscription".into(),
        ];
        p.people = "les personnes inscrites à la lettre d'information".into();
        p.retention = "jusqu'à votre désinscription ; si vous ne manifestez aucun intérêt pour nos \
             messages pendant 3 ans (par exemple en cliquant sur un lien), vos données sont supprimées"
            .into();
        p.rights.object = true;
        add_form(
            "newsletter",
            "Inscription à la lettre d'information",
            p,
            "L'adresse e-mail est obligatoire : sans elle, nous ne pouvons pas vous envoyer la lettre.",
        );
    }
    if site && form_answers.contains("compte_client") {
        let mut p = with_basis(
            activity("compte", "Comptes clients", site_tools),
            "contrat",
            None,
        );
        p.purposes = vec!["créer et gérer votre compte client".into()];
        p.data = vec![
            "nom et prénom".into(),
            "adresse e-mail".into(),
            "mot de passe (enregistré sous une forme illisible)".into(),
            "historique de vos commandes".into(),
        ];
        p.people = "les clients qui ouvrent un compte".into();
        p.retention = if r.rating("ec_comptes_inactifs") == Some(Rating::Conforme) {
            "tant que votre compte est ouvert ; un compte inutilisé pendant 2 ans est supprimé, après \
             vous avoir prévenu"
                .into()
        } else {
            "tant que votre compte est ouvert ; vous pouvez en demander la suppression à tout moment".into()
        };
        add_form(
            "compte",
            "Création de compte client",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas créer votre compte.",
        );
    }
    if site && form_answers.contains("commande") {
        let mut p = with_basis(
            activity(
                "commande",
                "Commandes et facturation",
                &[site_tools, &["paiement", "livraison"][..]].concat(),
            ),
            "contrat",
            None,
        );
        p.purposes = vec![
            "traiter et livrer vos commandes, gérer le paiement, le service après-vente et les retours".into(),
            "établir et conserver les factures, comme la loi l'impose".into(),
        ];
        p.data = vec![
            "nom et prénom".into(),
            "adresses de livraison et de facturation".into(),
            "adresse e-mail et téléphone".into(),
            "contenu et montant de la commande".into(),
            "données de paiement, traitées par notre prestataire de paiement".into(),
        ];
        p.basis_label = "l'exécution du contrat de vente (article 6.1.b du RGPD) ; pour la \
             facturation et sa conservation, le respect de nos obligations comptables (article 6.1.c \
             du RGPD)"
            .into();
        p.people = "les clients".into();
        p.retention =
            "le temps de la relation commerciale ; les factures et pièces comptables sont \
             conservées 10 ans, comme l'impose l'article L123-22 du Code de commerce"
                .into();
        add_form(
            "commande",
            "Formulaire de commande",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas traiter votre commande.",
        );
    }
    if site && form_answers.contains("rendez_vous") {
        let mut p = with_basis(
            activity(
                "rendez-vous",
                "Prise de rendez-vous",
                &[site_tools, &["rendez_vous"][..]].concat(),
            ),
            "mesures_precontractuelles",
            None,
        );
        p.purposes = vec!["organiser et gérer vos rendez-vous".into()];
        p.data = vec![
            "nom et prénom".into(),
            "téléphone et adresse e-mail".into(),
            "date, heure et motif du rendez-vous".into(),
        ];
        p.people = "les personnes qui prennent rendez-vous".into();
        let health_professional = r.has("profession_reglementee", "sante");
        if health && !health_professional {
            p.health_basis = Some(
                "les informations sur votre santé ne sont traitées qu'avec votre consentement exprès \
                 (article 9.2.a du RGPD)"
                    .into(),
            );
            p.retention = "le temps de la gestion du rendez-vous".into();
        } else if health_professional {
            p.health_basis = Some(
                "les données de santé sont traitées pour la prise en charge par un professionnel de \
                 santé soumis au secret professionnel (article 9.2.h du RGPD)"
                    .into(),
            );
            p.retention = "le temps de la gestion du rendez-vous ; les informations versées ensuite à \
                 votre dossier sont conservées 20 ans à compter de votre dernier passage (référentiel \
                 de la CNIL relatif aux cabinets médicaux et paramédicaux, délibération n° 2020-081 du \
                 18 juin 2020)"
                .into();
        } else {
            p.retention = "le temps de la gestion du rendez-vous".into();
        }
        add_form(
            "rendez-vous",
            "Prise de rendez-vous",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas fixer votre rendez-vous.",
        );
    }
    if site && form_answers.contains("candidature") {
        let mut p = with_basis(
            activity("candidature", "Candidatures", site_tools),
            "mesures_precontractuelles",
            None,
        );
        p.purposes = vec!["étudier votre candidature et vous répondre".into()];
        p.data = vec![
            "nom et prénom".into(),
            "coordonnées".into(),
            "CV, lettre de motivation et informations sur votre parcours".into(),
        ];
        p.people = "les candidats".into();
        p.retention = "jusqu'à la fin du recrutement ; si votre candidature n'est pas retenue, au plus \
             3 mois après la fin du recrutement, sauf si vous acceptez que nous la gardions pour d'autres \
             postes, au plus 2 ans après notre dernier contact"
            .into();
        add_form(
            "candidature",
            "Formulaire de candidature",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas étudier votre candidature.",
        );
    }

    let mut processing: Vec<Processing> = forms.iter().map(|f| f.processing.clone()).collect();
    let origins = r.multi("pr_origine_contacts");
    let indirect_source = ["achat_location", "partenaires", "internet"]
        .iter()
        .any(|o| origins.contains(*o));
    let soft_opt_in = r.has("ec_emails_clients", "sans_accord");
    if channels.emailing || channels.phone {
        let basis = if channels.b2c && !soft_opt_in {
            "consentement"
        } else {
            "interet_legitime"
        };
        let interest = (basis == "interet_legitime").then_some(
            "vous faire connaître nos offres, dans les limites fixées par l'article L34-5 du code des postes \
             et des communications électroniques",
        );
        let mut p = with_basis(
            activity(
                "prospection",
                "Prospection commerciale",
                &["emailing", "relation_client"],
            ),
            basis,
            interest,
        );
        p.data = vec![
            "nom et prénom".into(),
            "adresse e-mail ou numéro de téléphone".into(),
        ];
        if kind == "association" {
            // An association's news and appeals are not necessarily commercial prospecting
            // (legal-facts §2.3); they are described as what they are.
            p.title = "Envoi de nos informations par e-mail ou SMS".into();
            p.purposes = vec![
                "vous tenir informé de nos activités et de nos appels (adhésion, dons, événements)"
                    .into(),
            ];
            p.people = "nos membres, donateurs et sympathisants".into();
            p.retention =
                "jusqu'à votre désinscription ; si vous ne manifestez aucun intérêt pour \
                 nos messages pendant 3 ans (par exemple en cliquant sur un lien), vos données \
                 sont supprimées"
                    .into();
        } else {
            p.purposes = vec!["vous envoyer nos offres et nos informations commerciales".into()];
            p.people = "nos clients et prospects".into();
            p.retention =
                "3 ans à compter de notre dernier contact venant de vous (un achat, un clic sur un \
                 lien de nos messages, une réponse) ; l'ouverture d'un message ne compte pas"
                    .into();
        }
        p.rights.object = true;
        if indirect_source {
            p.source = Some(source_label(&origins));
        }
        processing.push(p);
    }
    let consent_services: Vec<&&Service> = declared.iter().filter(|s| s.consent_required).collect();
    let trackers_used = r.has("traceurs", "oui")
        || r.has("traceurs", "je_ne_sais_pas")
        || !consent_services.is_empty();
    if site && trackers_used {
        let mut p = with_basis(
            activity(
                "cookies",
                "Cookies et traceurs",
                &["mesure_audience", "publicite", "contenu_integre"],
            ),
            "consentement",
            None,
        );
        (p.processors, p.transfers, p.recipients) = recipients_of(
            &staff,
            consent_services.iter().map(|s| service_view(s)).collect(),
        );
        p.purposes = vec![
            "mesurer l'audience, afficher des contenus de tiers ou des publicités, selon vos choix"
                .into(),
        ];
        p.data = vec![
            "identifiants de connexion et de navigation".into(),
            "pages consultées".into(),
        ];
        p.people = "les visiteurs du site".into();
        p.retention =
            "la durée de vie de chaque traceur, indiquée dans notre politique de cookies ; \
             votre choix (accord ou refus) est conservé 6 mois"
                .into();
        processing.push(p);
    }
    let platforms: Vec<Platform> = r
        .multi("rs_reseaux")
        .into_iter()
        .map(|id| Platform {
            name: platform_name(&id).to_string(),
            addendum: matches!(id.as_str(), "facebook" | "instagram" | "linkedin"),
            id,
        })
        .collect();
    if channels.social {
        let mut p = with_basis(
            activity(
                "reseaux-sociaux",
                "Pages sur les réseaux sociaux",
                &["reseau_social"],
            ),
            "interet_legitime",
            Some(
                "faire connaître notre activité et échanger avec les personnes qui suivent nos pages",
            ),
        );
        p.purposes = vec![
            "animer nos pages et répondre à vos messages et commentaires".into(),
            "consulter les statistiques de fréquentation de nos pages, fournies par la plateforme"
                .into(),
        ];
        p.data = vec![
            "nom de profil".into(),
            "messages et commentaires".into(),
            "statistiques de fréquentation (fournies sous forme agrégée par la plateforme)".into(),
        ];
        p.people = "les personnes qui consultent nos pages ou nous écrivent".into();
        p.retention =
            "le temps nécessaire à nos échanges ; les statistiques sont conservées par la \
             plateforme selon ses propres règles"
                .into();
        processing.push(p);
    }

    let consent_trackers = consent_services
        .iter()
        .flat_map(|s| {
            s.cookies.iter().map(|c| Tracker {
                name: c.name.clone(),
                provider: s.name.clone(),
                purpose: c.purpose.clone(),
                lifetime: c.lifetime.clone(),
            })
        })
        .collect();
    DocumentContext {
        doc: DocInfo {
            generated_on: french::date(today),
            references_date: french::date_text(
                &catalog
                    .modules
                    .iter()
                    .map(|m| m.reviewed.clone())
                    .min()
                    .unwrap_or_else(|| today.to_string()),
            ),
        },
        org,
        health,
        minors,
        forms,
        services: declared.iter().map(|s| service_view(s)).collect(),
        trackers: Trackers {
            used: site && trackers_used,
            consent: consent_trackers,
            providers: consent_services.iter().map(|s| service_view(s)).collect(),
            exempt_audience: declared
                .iter()
                .filter(|s| s.category == "mesure_audience" && !s.consent_required)
                .map(|s| service_view(s))
                .collect(),
            choice_duration: "6 mois".into(),
        },
        social: Social {
            platforms,
            contests: r.has("rs_jeux_concours", "oui"),
            ads: !r.multi("rs_publicite_outils").is_empty(),
        },
        prospecting: Prospecting {
            soft_opt_in,
            indirect_source,
        },
        processing,
        channels,
    }
}

/// The processors of an activity, those that transfer data outside the EU, and the
/// recipients line (the organisation's staff, then each processor with its role).
fn recipients_of(
    staff: &str,
    processors: Vec<ServiceView>,
) -> (Vec<ServiceView>, Vec<ServiceView>, Vec<String>) {
    let transfers = processors
        .iter()
        .filter(|s| s.transfer.is_some())
        .cloned()
        .collect();
    let mut recipients = vec![staff.to_string()];
    recipients.extend(
        processors
            .iter()
            .map(|p| format!("{} ({})", p.name, p.role)),
    );
    (processors, transfers, recipients)
}

fn basis_label(basis: &str) -> String {
    match basis {
        "consentement" => "votre consentement (article 6.1.a du RGPD)",
        "contrat" => "l'exécution du contrat qui nous lie (article 6.1.b du RGPD)",
        "mesures_precontractuelles" => {
            "les mesures prises à votre demande avant la conclusion d'un contrat (article 6.1.b du RGPD)"
        }
        "interet_legitime" => "notre intérêt légitime (article 6.1.f du RGPD)",
        "obligation_legale" => "le respect d'une obligation légale (article 6.1.c du RGPD)",
        _ => "",
    }
    .to_string()
}

fn source_label(origins: &BTreeSet<String>) -> String {
    let mut sources = Vec::new();
    if origins.contains("achat_location") {
        sources.push("des fichiers achetés ou loués auprès de fournisseurs de fichiers");
    }
    if origins.contains("partenaires") {
        sources.push("nos partenaires");
    }
    if origins.contains("internet") {
        sources.push("des informations rendues publiques par les personnes (sites, annuaires professionnels)");
    }
    sources.join(", ")
}

fn platform_name(id: &str) -> &str {
    match id {
        "facebook" => "Facebook",
        "instagram" => "Instagram",
        "linkedin" => "LinkedIn",
        "tiktok" => "TikTok",
        "youtube" => "YouTube",
        "x" => "X",
        _ => "autre réseau",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_amounts_and_numbers_the_french_way() {
        assert_eq!(euros("8000"), "8\u{202f}000\u{a0}€");
        assert_eq!(euros("1 500,50"), "1\u{202f}500,50\u{a0}€");
        assert_eq!(group_digits("732829320", &[3, 3, 3]), "732 829 320");
        assert_eq!(
            group_digits("73282932000074", &[3, 3, 3, 5]),
            "732 829 320 00074"
        );
    }
}
