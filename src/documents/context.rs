//! The one context every document reads: the organisation, its channels, and its processing
//! activities (purpose, legal basis, data, recipients, transfers, retention), built from the
//! identity, the answers and the service catalogue. Templates only lay this out.
//!
//! Retention periods and legal bases come from ../shared/legal-facts.md: CNIL référentiel
//! gestion commerciale (délib. 2021-131), Code de commerce L123-22, CNIL recruitment guide
//! (2023), référentiel cabinets médicaux (délib. 2020-081), CNIL cookie recommendation
//! (délib. 2020-092).

use crate::model::question_ids as ids;
use std::collections::BTreeSet;

// The organisation's core activities beyond the website, one module each.
mod breaches;
mod cameras;
mod customers;
mod images;
mod members;
mod patients;
mod remote_sales;
mod staff;

use serde::Serialize;

use crate::model::answers::{Answer, Answers, Rating};
use crate::model::catalog::{Catalog, Sensitivity, Service, ServiceRole, TransferSafeguard};
use crate::model::date::Date;
use crate::model::french;

/// Markers left in a rendered document: ⟦à compléter : what — question id⟧ for a value or
/// an answer missing, ⟦à corriger avant publication : claim — question id — action : what to
/// do⟧ for a practice the answers deny or leave unknown.
pub const MARKER_OPEN: &str = "⟦";
pub const MARKER_CLOSE: &str = "⟧";
pub const TO_COMPLETE: &str = "à compléter : ";
pub const TO_CORRECT: &str = "à corriger avant publication : ";
pub const QUESTION: &str = " — question ";
pub const ACTION: &str = " — action : ";

/// A missing value or answer, as it appears in a document, with the question that fills it.
pub fn missing(label: &str, question: &str) -> String {
    format!("{MARKER_OPEN}{TO_COMPLETE}{label}{QUESTION}{question}{MARKER_CLOSE}")
}

/// A practice the text cannot state, with the question and the action that fix it.
pub fn to_correct(claim: &str, question: &str, action: &str) -> String {
    format!("{MARKER_OPEN}{TO_CORRECT}{claim}{QUESTION}{question}{ACTION}{action}{MARKER_CLOSE}")
}

/// A practice a sentence of a document states: `ok` when the answers establish it; else
/// `marker` holds the marker to print in its place, or nothing when the practice does not
/// concern the organisation (question not asked, or answered « non applicable »).
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub ok: bool,
    pub marker: Option<String>,
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
    /// The practices the documents state, each tied to the answer that establishes it.
    pub practices: Practices,
    pub security: Security,
    pub customers: customers::Customers,
    pub patients: patients::Patients,
    pub members: members::Members,
    pub staff: staff::Staff,
    pub cameras: cameras::Cameras,
    pub images: images::Images,
    pub remote_sales: remote_sales::RemoteSales,
    pub breaches: breaches::Breaches,
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
    /// For an association: « régie par la loi du 1er juillet 1901 », except in Alsace-Moselle
    /// (local law: registered at the court).
    pub association_1901: bool,
    /// LCEN art. 19: the authority that granted the authorisation to practise, when any.
    pub authority: Option<String>,
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
    /// The company that processes the data (the catalogue's legal entity, else the name).
    pub entity: String,
    /// How every document names it: « Entity, pour Name », or the name alone.
    pub label: String,
    /// What its trackers are for (one phrase for every document).
    pub purpose: String,
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
    /// It sends messages (newsletter, offers, news) that the person may refuse at any time.
    pub sends_messages: bool,
    /// It concerns the organisation's own staff: listed in the register and the staff's
    /// information note, not in the privacy policy published for customers and visitors.
    pub internal: bool,
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
    /// The cookies of the audience measurement exempt from consent.
    pub exempt: Vec<Tracker>,
    pub providers: Vec<ServiceView>,
    pub exempt_audience: Vec<ServiceView>,
    /// Transfers outside the EU by these providers, one line per company.
    pub transfers: Vec<ServiceView>,
    /// Share buttons or social feeds on the site (`ck_types`): their purpose, else nothing.
    pub share_buttons: Option<String>,
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
    /// The targeting tools used, each with its legal basis.
    pub ad_tools: Vec<AdTool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdTool {
    pub tool: String,
    pub basis: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Prospecting {
    pub soft_opt_in: bool,
    pub indirect_source: bool,
}

impl DocumentContext {
    /// A fact a document's `When::Fact` names: `trackers`, `prospecting`, `social`, `staff`,
    /// `cameras`, `patients`, `images`, `breaches`.
    pub fn holds(&self, fact: &str) -> bool {
        match fact {
            "trackers" => self.trackers.used,
            // The footer is for e-mails and SMS: phone canvassing alone needs none.
            "prospecting" => self.channels.emailing,
            "social" => self.channels.social,
            "staff" => self.staff.applies,
            "cameras" => self.cameras.applies,
            "patients" => self.patients.applies,
            "images" => self.images.applies,
            "breaches" => self.breaches.applies,
            _ => false,
        }
    }
}

/// The practices that sentences of the documents state (see `Claim`).
#[derive(Debug, Clone, Serialize)]
pub struct Practices {
    /// Trackers that need consent are set only after it.
    pub consent_before: Claim,
    pub refusal_easy: Claim,
    pub refusal_respected: Claim,
    /// No choice means no tracker.
    pub silence_refusal: Claim,
    pub per_purpose: Claim,
    pub unticked: Claim,
    /// A « Gérer mes cookies » link on every page.
    pub withdrawal_link: Claim,
    /// The choice is kept 6 months.
    pub choice_kept: Claim,
    pub embeds_blocked: Claim,
    /// Share buttons send nothing to the network before consent (or are plain links).
    pub share_buttons: Claim,
    /// Exempt audience trackers live 13 months at most, data kept 25 months at most.
    pub audience_lifetimes: Claim,
    /// Newsletter sign-up only by an unticked box or an explicit button.
    pub newsletter_consent: Claim,
    /// Requests about rights are answered within one month.
    pub rights_delay: Claim,
    /// Proof of identity only when there is a reasonable doubt.
    pub identity_check: Claim,
    /// The privacy policy is reachable from every page of the site.
    pub policy_everywhere: Claim,
    pub exempt_audience: Claim,
    pub processor_contracts: Claim,
    pub breach_information: Claim,
    pub hds: Claim,
    pub newsletter_unsubscribe: Claim,
    pub prospecting_unsubscribe: Claim,
    /// Customers could refuse offers when they ordered (soft opt-in).
    pub refusal_at_collection: Claim,
}

/// The security measures in place, from the governance answers: those established, and a
/// marker for each legal obligation the answers deny or leave unknown.
#[derive(Debug, Clone, Serialize)]
pub struct Security {
    pub measures: Vec<String>,
    pub markers: Vec<String>,
}

/// Reads answers by question id.
struct Reader<'a> {
    answers: &'a Answers,
    catalog: &'a Catalog,
    visibility: crate::model::catalog::Visibility<'a>,
}

impl Reader<'_> {
    /// The claim `what`, established by a « conforme » answer to the question `id`.
    fn claim(&self, id: &str, what: &str) -> Claim {
        let not_concerned = Claim {
            ok: false,
            marker: None,
        };
        if self.catalog.question(id).is_none() || !self.visibility.is_visible(id) {
            return not_concerned;
        }
        match self.rating(id) {
            Some(Rating::Conforme) => Claim {
                ok: true,
                marker: None,
            },
            Some(Rating::NonApplicable) => not_concerned,
            None => Claim {
                ok: false,
                marker: Some(missing(what, id)),
            },
            Some(_) => Claim {
                ok: false,
                marker: Some(to_correct(what, id, &self.action(id))),
            },
        }
    }

    /// The measures whose claims hold, and markers for the legal obligations that do not.
    fn security(&self, measures: &[(&str, &str)]) -> Security {
        let mut security = Security {
            measures: Vec::new(),
            markers: Vec::new(),
        };
        for (id, what) in measures {
            let claim = self.claim(id, what);
            let obligation = self
                .catalog
                .question(id)
                .and_then(|q| q.scored())
                .is_some_and(|s| s.level == crate::model::catalog::Level::Obligation);
            if claim.ok {
                security.measures.push((*what).to_string());
            } else if let Some(marker) = claim.marker.filter(|_| obligation) {
                security.markers.push(marker);
            }
        }
        security
    }

    /// The action of the plan for a question: its remediation.
    fn action(&self, id: &str) -> String {
        self.catalog
            .question(id)
            .and_then(|q| q.scored())
            .map(|s| s.remediation.trim_end_matches('.').to_string())
            .unwrap_or_default()
    }

    fn text(&self, id: &str) -> Option<String> {
        match self.answers.get(id)? {
            Answer::Text(t) | Answer::Choice(t) => Some(t.clone()),
            _ => None,
        }
    }

    /// The questionnaire module `id` applies to the organisation (its `applies_if` holds), so
    /// that a document follows the same triage as the interview.
    fn module_applies(&self, id: &str) -> bool {
        self.catalog
            .module(id)
            .is_some_and(|module| self.visibility.module_applies(module))
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
        self.text(id).unwrap_or_else(|| missing(label, id))
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
    let entity = service
        .entity
        .clone()
        .unwrap_or_else(|| service.name.clone());
    ServiceView {
        id: service.id.clone(),
        name: service.name.clone(),
        label: if entity == service.name {
            entity.clone()
        } else {
            format!("{entity}, pour {}", service.name)
        },
        entity,
        purpose: tracker_purpose(service).to_string(),
        category: service.category.clone(),
        role: match service.role {
            ServiceRole::SousTraitant => "sous-traitant",
            ServiceRole::ResponsableConjoint => "responsable conjoint du traitement",
            ServiceRole::ResponsableDistinct => "responsable de traitement distinct",
        }
        .to_string(),
        location: service.location.clone(),
        transfer: transfer_label(service),
        privacy_url: service.privacy_url.clone(),
    }
}

/// The safeguard of a provider's transfers outside the EU, with its onward transfers.
fn transfer_label(service: &Service) -> Option<String> {
    let base = match service.transfer {
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
            TransferSafeguard::AVerifier => {
                return Some(missing(
                    &format!(
                        "lieu d'hébergement et garantie des transferts hors de l'Union européenne de {}, \
                         à demander au prestataire puis à décrire dans votre fichier services.toml",
                        service.name
                    ),
                    ids::SERVICES,
                ));
            }
    };
    base.map(|b| match &service.onward_transfers {
        Some(onward) => format!("{b} ; {onward}"),
        None => b,
    })
}

/// Builds the context from the answers (identity included) and the catalogue.
pub fn build(catalog: &Catalog, answers: &Answers, today: Date) -> DocumentContext {
    let r = Reader {
        answers,
        catalog,
        visibility: catalog.visibility(answers),
    };
    let kind = r.text(ids::FORME).unwrap_or_else(|| "autre".to_string());
    let is_ei = kind == "entreprise_individuelle";
    let channels = Channels {
        site: r.has(ids::CANAUX, "site_vitrine") || r.has(ids::CANAUX, "boutique_en_ligne"),
        shop: r.has(ids::CANAUX, "boutique_en_ligne"),
        social: r.has(ids::CANAUX, "reseaux_sociaux"),
        emailing: r.has(ids::CANAUX, "emailing_sms"),
        phone: r.has(ids::CANAUX, "telephone"),
        b2c: r.has(ids::CLIENTELE, "particuliers"),
        b2b: r.has(ids::CLIENTELE, "professionnels"),
    };
    let name = if is_ei {
        match (r.text(ids::PRENOM), r.text(ids::NOM)) {
            (Some(first), Some(last)) => format!("{first} {last} (EI)"),
            _ => missing(
                "prénom et nom de l'entrepreneur",
                if r.text(ids::PRENOM).is_none() {
                    "prenom"
                } else {
                    "nom"
                },
            ),
        }
    } else {
        r.required(ids::DENOMINATION, "dénomination")
    };
    let address = match (
        r.text(ids::ADRESSE),
        r.text(ids::CODE_POSTAL),
        r.text(ids::VILLE),
    ) {
        (Some(street), Some(postcode), Some(city)) => format!("{street}, {postcode} {city}"),
        _ => missing(
            "adresse complète (rue, code postal, ville)",
            ["adresse", "code_postal", "ville"]
                .into_iter()
                .find(|id| r.text(id).is_none())
                .unwrap_or("adresse"),
        ),
    };
    let siren = r.text(ids::SIREN).map(|s| group_digits(&s, &[3, 3, 3]));
    let registration = match r.text(ids::IMMATRICULATION_REGISTRE).as_deref() {
        Some("rcs") => Some(Registration {
            kind: "rcs".into(),
            label: format!(
                "RCS {} {}",
                r.required(ids::RCS_VILLE, "ville du greffe du RCS"),
                siren.clone().unwrap_or_else(|| missing("SIREN", "siren"))
            ),
        }),
        Some("metiers") => Some(Registration {
            kind: "metiers".into(),
            label: format!(
                "immatriculée au registre national des entreprises (secteur des métiers et de l'artisanat) sous le numéro {}",
                siren.clone().unwrap_or_else(|| missing("SIREN", "siren"))
            ),
        }),
        _ => None,
    };
    let email = r.required(ids::EMAIL, "adresse e-mail");
    let dpo = r.has(ids::DPO, "oui").then(|| Dpo {
        name: r.required(ids::DPO_NOM, "nom du DPO"),
        email: r.required(ids::DPO_EMAIL, "e-mail du DPO"),
    });
    let profession = r
        .text(ids::PROFESSION_REGLEMENTEE)
        .filter(|p| p != "non")
        .map(|kind| Profession {
            kind,
            title: r.required(ids::PROFESSION_TITRE, "titre professionnel"),
            state: r.required(ids::PROFESSION_ETAT, "État où le titre a été délivré"),
            order: r.required(ids::PROFESSION_ORDRE, "ordre ou organisme professionnel"),
            rules: r.required(ids::PROFESSION_REGLES, "règles professionnelles"),
        });
    let declared: Vec<&Service> = r
        .multi(ids::SERVICES)
        .iter()
        .filter_map(|id| catalog.service(id))
        .collect();
    // The host: what the user typed, else the company of the declared hosting service or
    // site builder when the catalogue confirms it; a phone is never filled from the catalogue.
    let host_service = declared
        .iter()
        .find(|s| s.category == "hebergement")
        .or_else(|| declared.iter().find(|s| s.category == "createur_site"));
    let typed_host = r.text(ids::HEBERGEUR_NOM);
    let catalogue_host = host_service.filter(|s| {
        s.entity.is_some()
            && typed_host
                .as_deref()
                .is_none_or(|typed| Some(typed) == s.entity.as_deref())
    });
    let org = Org {
        kind: kind.clone(),
        name,
        is_ei,
        trade_name: r.text(ids::NOM_COMMERCIAL),
        legal_form: (kind == "societe")
            .then(|| r.required(ids::FORME_JURIDIQUE, "forme juridique")),
        capital: (kind == "societe").then(|| {
            r.text(ids::CAPITAL)
                .map_or_else(|| missing("capital social", "capital"), |c| euros(&c))
        }),
        address,
        phone: r.required(ids::TELEPHONE, "téléphone"),
        email: email.clone(),
        website: r.text(ids::SITE_URL),
        siren,
        siret: r.text(ids::SIRET).map(|s| group_digits(&s, &[3, 3, 3, 5])),
        vat: r.text(ids::TVA).map(|v| v.replace(' ', "")),
        registration,
        rna: r.text(ids::RNA),
        association_1901: kind == "association"
            && !r
                .text(ids::CODE_POSTAL)
                .is_some_and(|c| ["57", "67", "68"].iter().any(|d| c.trim().starts_with(d))),
        authority: r.text(ids::AUTORISATION_AUTORITE),
        director: channels
            .site
            .then(|| r.required(ids::DIRECTEUR_PUBLICATION, "directeur de la publication")),
        host: channels.site.then(|| Host {
            name: typed_host
                .clone()
                .or_else(|| catalogue_host.and_then(|s| s.entity.clone()))
                .unwrap_or_else(|| missing("nom de l'hébergeur", "hebergeur_nom")),
            address: r
                .text(ids::HEBERGEUR_ADRESSE)
                .or_else(|| catalogue_host.and_then(|s| s.address.clone()))
                .unwrap_or_else(|| missing("adresse de l'hébergeur", "hebergeur_adresse")),
            phone: r
                .text(ids::HEBERGEUR_TELEPHONE)
                .or_else(|| catalogue_host.and_then(|s| s.phone.clone()))
                .unwrap_or_else(|| missing("téléphone de l'hébergeur", "hebergeur_telephone")),
        }),
        rights_contact: dpo.as_ref().map_or(email, |d| d.email.clone()),
        dpo,
        profession,
        // Every professional selling to consumers (C. conso L612-1), whatever the channel;
        // never for health care (L611-4).
        mediator: (channels.b2c
            && kind != "association"
            && !r.has(ids::PROFESSION_REGLEMENTEE, "sante"))
        .then(|| Mediator {
            name: r.required(ids::MEDIATEUR_NOM, "médiateur de la consommation"),
            url: r.required(ids::MEDIATEUR_URL, "site du médiateur de la consommation"),
        }),
    };

    // The same trait that raises the severity of health questions.
    let health = Sensitivity::Sante.holds(&r.visibility);
    let minors = r.has(ids::DONNEES_PARTICULIERES, "mineurs");

    let practices = Practices {
        consent_before: r.claim(
            ids::CK_CONSENTEMENT_PREALABLE,
            "les traceurs soumis au consentement ne sont déposés qu'après l'accord du visiteur",
        ),
        refusal_easy: r.claim(ids::CK_REFUS_FACILE, "refuser est aussi simple qu'accepter"),
        refusal_respected: r.claim(
            ids::CK_REFUS_RESPECTE,
            "après un refus, aucun traceur soumis au consentement n'est déposé ni lu",
        ),
        silence_refusal: r.claim(
            ids::CK_SILENCE_REFUS,
            "tant que le visiteur n'a pas choisi, aucun traceur soumis au consentement n'est utilisé",
        ),
        per_purpose: r.claim(
            ids::CK_CHOIX_PAR_FINALITE,
            "le visiteur peut choisir finalité par finalité",
        ),
        unticked: r.claim(
            ids::CK_CASES_PRECOCHEES,
            "les finalités sont désactivées tant que le visiteur ne les a pas activées",
        ),
        withdrawal_link: r.claim(
            ids::CK_RETRAIT,
            "un lien « Gérer mes cookies » présent sur chaque page permet de changer d'avis",
        ),
        choice_kept: r.claim(
            ids::CK_DUREE_CHOIX,
            "le choix du visiteur est conservé 6 mois avant de lui être redemandé",
        ),
        embeds_blocked: r.claim(
            ids::CK_CONTENUS_INTEGRES,
            "les contenus d'autres services restent bloqués tant que le visiteur ne les a pas acceptés",
        ),
        audience_lifetimes: r.claim(
            ids::CK_AUDIENCE_DUREES,
            "les traceurs de mesure d'audience exemptée vivent 13 mois au plus et leurs données sont gardées 25 mois au plus",
        ),
        // Asked in the prospecting module instead when the organisation e-mails consumers.
        newsletter_consent: if r.visibility.is_visible(ids::SV_NEWSLETTER_CONSENTEMENT) {
            r.claim(
                ids::SV_NEWSLETTER_CONSENTEMENT,
                "l'inscription à la lettre se fait par une case non cochée ou un bouton d'inscription explicite",
            )
        } else {
            r.claim(
                ids::PR_CONSENTEMENT_PARTICULIERS,
                "les particuliers ont donné leur accord au préalable, par une case non cochée",
            )
        },
        rights_delay: r.claim(
            ids::GV_DELAI_REPONSE,
            "les demandes d'exercice des droits reçoivent une réponse dans le délai d'un mois",
        ),
        identity_check: r.claim(
            ids::GV_VERIFICATION_IDENTITE,
            "un justificatif d'identité n'est demandé qu'en cas de doute raisonnable",
        ),
        policy_everywhere: r.claim(
            ids::SV_PC_ACCES,
            "la politique de confidentialité est accessible depuis chaque page du site",
        ),
        share_buttons: r.claim(
            ids::CK_BOUTONS_PARTAGE,
            "les boutons de partage et fils de réseaux sociaux ne transmettent rien au réseau social avant l'accord du visiteur",
        ),
        exempt_audience: r.claim(
            ids::CK_AUDIENCE_CONDITIONS,
            "la mesure d'audience sans consentement remplit les conditions de la CNIL",
        ),
        processor_contracts: r.claim(
            ids::GV_CONTRATS_SOUS_TRAITANTS,
            "un contrat conforme à l'article 28 du RGPD lie chaque sous-traitant",
        ),
        breach_information: r.claim(
            ids::GV_VIOLATION_PERSONNES,
            "les personnes sont informées d'une violation de leurs données qui présente un risque élevé",
        ),
        // Asked in the health module instead when the organisation is a health practice.
        hds: if r.visibility.is_visible(ids::ST_HEBERGEMENT_HDS) {
            r.claim(
                ids::ST_HEBERGEMENT_HDS,
                "les outils en ligne qui contiennent des données des patients sont hébergés par un hébergeur certifié HDS",
            )
        } else {
            r.claim(
                ids::GV_HEBERGEMENT_HDS,
                "les données de santé confiées à un prestataire sont hébergées par un hébergeur certifié HDS",
            )
        },
        newsletter_unsubscribe: r.claim(
            ids::SV_NEWSLETTER_DESINSCRIPTION,
            "chaque lettre contient un lien de désinscription qui fonctionne",
        ),
        prospecting_unsubscribe: r.claim(
            ids::PR_DESINSCRIPTION,
            "chaque message de prospection contient un moyen simple et gratuit de ne plus en recevoir",
        ),
        refusal_at_collection: r.claim(
            ids::EC_OPPOSITION_COMMANDE,
            "lors de la commande, le client peut refuser simplement et gratuitement de recevoir nos offres",
        ),
    };
    let site_tools: &[&str] = &["hebergement", "createur_site", "formulaire"];
    let commercial = kind != "association" && !r.has(ids::PROFESSION_REGLEMENTEE, "sante");
    let purges = r.claim(
        ids::GV_PURGES,
        "les données sont réellement supprimées ou archivées à la fin de leur durée de conservation",
    );
    let contact_retention = limited(
        if commercial {
            "le temps nécessaire pour traiter la demande ; si elle débouche sur une commande ou un \
             contrat, les données sont ensuite conservées pendant la relation commerciale ; sinon, \
             au plus 3 ans après le dernier contact venant de la personne"
        } else {
            "le temps nécessaire pour traiter la demande et assurer le suivi des échanges"
        },
        r.claim(
            ids::SV_CONSERVATION_DEMANDES,
            "les demandes reçues par le site sont supprimées une fois traitées quand elles n'ont pas de suite",
        ),
    );

    let marked_fields = r.claim(
        ids::SV_FORM_OBLIGATOIRES,
        "les champs obligatoires des formulaires sont signalés par un astérisque",
    );
    let mut forms = Vec::new();
    let mut add_form = |stem: &str, processing: Processing, mandatory: &str| {
        let mandatory = if mandatory.contains("astérisque") {
            limited(mandatory, marked_fields.clone())
        } else {
            mandatory.to_string()
        };
        let title = crate::model::catalog::documents::FORMS
            .iter()
            .find(|(id, _)| *id == stem)
            .map_or(stem, |(_, title)| title);
        forms.push(Form {
            id: stem.to_string(),
            title: title.to_string(),
            processing,
            mandatory_fields: mandatory,
        });
    };
    let form_answers = r.multi(ids::FORMULAIRES);
    let site = channels.site;
    if site && form_answers.contains("contact") {
        let mut p = with_basis(
            activity(
                &declared,
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
        p.retention = contact_retention.clone();
        add_form(
            "contact",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas vous répondre.",
        );
    }
    if site && form_answers.contains("devis") {
        let mut p = with_basis(
            activity(
                &declared,
                "devis",
                "Demandes de devis",
                &[site_tools, &["relation_client"][..]].concat(),
            ),
            "mesures_precontractuelles",
            None,
        );
        p.purposes = vec!["établir le devis demandé et en assurer le suivi".into()];
        p.data = vec![
            "nom et prénom".into(),
            "coordonnées (adresse e-mail, téléphone, adresse)".into(),
            "description du besoin".into(),
        ];
        p.people = "les personnes qui demandent un devis".into();
        p.retention = contact_retention.clone();
        add_form(
            "devis",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas établir votre devis.",
        );
    }
    if site && form_answers.contains("newsletter") {
        let mut p = with_basis(
            activity(
                &declared,
                "newsletter",
                "Lettre d'information",
                &[site_tools, &["emailing"][..]].concat(),
            ),
            "consentement",
            None,
        );
        p.purposes = vec!["envoyer la lettre d'information aux personnes inscrites".into()];
        p.data = vec![
            "adresse e-mail".into(),
            "date et preuve de l'inscription".into(),
        ];
        p.people = "les personnes inscrites à la lettre d'information".into();
        p.retention = limited(
            "jusqu'à la désinscription ; sans aucun signe d'intérêt pour nos messages pendant \
             3 ans (un clic sur un lien compte, la simple ouverture non), les données sont supprimées",
            purges.clone(),
        );
        p.rights.object = true;
        p.sends_messages = true;
        add_form(
            "newsletter",
            p,
            "L'adresse e-mail est obligatoire : sans elle, nous ne pouvons pas vous envoyer la lettre.",
        );
    }
    if site && form_answers.contains("compte_client") {
        let mut p = with_basis(
            activity(&declared, "compte", "Comptes clients", site_tools),
            "contrat",
            None,
        );
        p.purposes = vec!["créer et gérer le compte client".into()];
        p.data = vec![
            "nom et prénom".into(),
            "adresse e-mail".into(),
            "mot de passe (enregistré sous une forme illisible)".into(),
            "historique des commandes".into(),
        ];
        p.people = "les clients qui ouvrent un compte".into();
        let inactive = "tant que le compte est utilisé ; un compte sans aucune activité pendant \
             2 ans est supprimé, après en avoir prévenu son titulaire ; le titulaire peut aussi en \
             demander la suppression à tout moment";
        p.retention = if r.visibility.is_visible(ids::EC_COMPTES_INACTIFS) {
            limited(
                inactive,
                r.claim(
                    ids::EC_COMPTES_INACTIFS,
                    "les comptes inactifs depuis 2 ans sont supprimés après avoir prévenu leur titulaire",
                ),
            )
        } else {
            limited(inactive, purges.clone())
        };
        add_form(
            "compte",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas créer votre compte.",
        );
    }
    if site && form_answers.contains("commande") {
        let mut p = with_basis(
            activity(
                &declared,
                "commande",
                "Commandes et facturation",
                &[site_tools, &["paiement", "livraison"][..]].concat(),
            ),
            "contrat",
            None,
        );
        p.purposes = vec![
            "traiter et livrer les commandes, gérer le paiement, le service après-vente et les retours".into(),
            "établir et conserver les factures, comme la loi l'impose".into(),
        ];
        p.data = vec![
            "nom et prénom".into(),
            "adresses de livraison et de facturation".into(),
            "adresse e-mail et téléphone".into(),
            "contenu et montant de la commande".into(),
            "données de paiement, traitées par le prestataire de paiement".into(),
        ];
        p.basis_label = "l'exécution du contrat de vente (article 6.1.b du RGPD) ; pour la \
             facturation et sa conservation, le respect des obligations comptables (article 6.1.c \
             du RGPD)"
            .into();
        p.people = "les clients".into();
        p.retention = limited(
            "pendant la relation commerciale, puis en archive séparée pendant le délai de \
             prescription (5 ans, article 2224 du Code civil) ; les factures et pièces comptables \
             sont conservées 10 ans, comme l'impose l'article L123-22 du Code de commerce",
            r.claim(
                ids::EC_DUREE_CLIENTS,
                "à la fin de la relation, seules les données utiles à une obligation légale ou à un litige sont gardées, en archive séparée",
            ),
        );
        add_form(
            "commande",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas traiter votre commande.",
        );
    }
    if site && form_answers.contains("rendez_vous") {
        let mut p = with_basis(
            activity(
                &declared,
                "rendez-vous",
                "Prise de rendez-vous",
                &[site_tools, &["rendez_vous"][..]].concat(),
            ),
            "mesures_precontractuelles",
            None,
        );
        p.purposes = vec!["organiser et gérer les rendez-vous".into()];
        p.data = vec![
            "nom et prénom".into(),
            "téléphone et adresse e-mail".into(),
            "date, heure et motif du rendez-vous".into(),
        ];
        p.people = "les personnes qui prennent rendez-vous".into();
        let health_professional = r.has(ids::PROFESSION_REGLEMENTEE, "sante");
        if health && !health_professional {
            p.health_basis = Some(
                "les informations sur la santé ne sont traitées qu'avec le consentement exprès de \
                 la personne (article 9.2.a du RGPD)"
                    .into(),
            );
            p.retention = "le temps de la gestion du rendez-vous".into();
        } else if health_professional {
            p.health_basis = Some(patients::CARE_BASIS.into());
            p.retention = "le temps de la gestion du rendez-vous ; les informations versées ensuite au \
                 dossier du patient sont conservées 20 ans à compter de son dernier passage (référentiel \
                 de la CNIL relatif aux cabinets médicaux et paramédicaux, délibération n° 2020-081 du \
                 18 juin 2020)"
                .into();
        } else {
            p.retention = "le temps de la gestion du rendez-vous".into();
        }
        add_form(
            "rendez-vous",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas fixer votre rendez-vous.",
        );
    }
    if site && form_answers.contains("candidature") {
        let mut p = with_basis(
            activity(&declared, "candidature", "Candidatures", site_tools),
            "mesures_precontractuelles",
            None,
        );
        p.purposes = vec!["étudier les candidatures et répondre aux candidats".into()];
        p.data = vec![
            "nom et prénom".into(),
            "coordonnées".into(),
            "CV, lettre de motivation et informations sur le parcours".into(),
        ];
        p.people = "les candidats".into();
        p.retention = limited(
            "jusqu'à la fin du recrutement ; une candidature non retenue est supprimée au plus \
             3 mois après la fin du recrutement, sauf si le candidat accepte qu'elle soit gardée \
             pour d'autres postes, et alors au plus 2 ans après le dernier contact",
            r.claim(
                ids::SV_CANDIDATURE_CONSERVATION,
                "les candidatures non retenues sont supprimées, sauf accord du candidat, et au plus 2 ans après",
            ),
        );
        add_form(
            "candidature",
            p,
            "Les champs marqués d'un astérisque (*) sont obligatoires : sans eux, nous ne pouvons pas étudier votre candidature.",
        );
    }

    let mut processing: Vec<Processing> = forms.iter().map(|f| f.processing.clone()).collect();
    let origins = r.multi(ids::PR_ORIGINE_CONTACTS);
    let indirect_source = ["achat_location", "partenaires", "internet"]
        .iter()
        .any(|o| origins.contains(*o));
    let soft_opt_in = r.has(ids::EC_EMAILS_CLIENTS, "sans_accord");
    let messages = |id: &str, title: &str| {
        let mut p = activity(&declared, id, title, &["emailing", "relation_client"]);
        p.data = vec![
            "nom et prénom".into(),
            "adresse e-mail ou numéro de téléphone".into(),
        ];
        p.sends_messages = true;
        p
    };
    let prospects_retention = limited(
        "3 ans à compter de la collecte ou du dernier contact venant de la personne (un achat, \
         un clic sur un lien de nos messages, une réponse) ; l'ouverture d'un message ne compte pas",
        r.claim(
            ids::PR_DUREE_PROSPECTS,
            "les prospects sans contact de leur part depuis 3 ans sont supprimés",
        ),
    );
    if (channels.emailing || channels.phone) && kind == "association" {
        // An association's news to its members is not commercial prospecting (legal-facts-2
        // §9): information and an easy way to refuse are enough.
        let mut p = with_basis(
            messages(
                "informations",
                "Envoi de nos informations par e-mail ou SMS",
            ),
            "interet_legitime",
            Some(
                "tenir nos membres, donateurs et sympathisants informés de la vie de l'association",
            ),
        );
        p.purposes =
            vec!["informer de nos activités et de nos appels (adhésion, dons, événements)".into()];
        p.people = "nos membres, donateurs et sympathisants".into();
        p.retention = limited(
            "jusqu'à la désinscription ; sans aucun signe d'intérêt pour nos messages pendant \
             3 ans (par exemple un clic sur un lien), les données sont supprimées",
            purges.clone(),
        );
        processing.push(p);
    } else if channels.emailing || channels.phone {
        if soft_opt_in {
            // CPCE L34-5 al. 4: own customers, similar products, refusal offered at collection
            // and in every message.
            let mut p = with_basis(
                messages("prospection-clients", "Offres commerciales à nos clients"),
                "interet_legitime",
                Some(
                    "proposer à nos clients des produits ou services analogues à ceux qu'ils nous \
                     ont achetés, comme le permet l'article L34-5 du code des postes et des \
                     communications électroniques",
                ),
            );
            p.purposes = vec![
                "envoyer à nos clients des offres sur des produits ou services analogues à ceux qu'ils ont achetés".into(),
            ];
            p.people = "nos clients, qui ont pu refuser ces messages lors de leur achat puis dans chaque message".into();
            if let Some(marker) = &practices.refusal_at_collection.marker {
                p.basis_label = format!("{} {marker}", p.basis_label);
            }
            p.retention = limited(
                "3 ans à compter de la fin de la relation commerciale (dernier achat ou dernier contact venant du client)",
                r.claim(
                    ids::EC_DUREE_PROSPECTION_CLIENTS,
                    "les offres cessent pour un client sans nouvelles depuis 3 ans",
                ),
            );
            processing.push(p);
        }
        if channels.b2c || !channels.b2b {
            let mut p = with_basis(
                messages("prospection", "Prospection commerciale"),
                "consentement",
                None,
            );
            p.purposes = Vec::new();
            if channels.emailing {
                p.purposes.push(
                    "envoyer nos offres aux personnes qui ont accepté de les recevoir".into(),
                );
            }
            if channels.phone {
                p.purposes.push(
                    "présenter nos offres par téléphone aux personnes qui ont accepté d'être appelées"
                        .into(),
                );
            }
            p.people = if soft_opt_in {
                "les prospects et les clients qui ont accepté de recevoir nos offres".into()
            } else {
                "les personnes qui ont accepté de recevoir nos offres".into()
            };
            p.retention = prospects_retention.clone();
            // Consent by e-mail or SMS, consent to phone canvassing and the sector ban (C. conso
            // L223-1): each question asked marks the basis when its answer does not establish it.
            for (id, what) in [
                (
                    ids::PR_CONSENTEMENT_PARTICULIERS,
                    "les particuliers ont donné leur accord au préalable, par une case non cochée",
                ),
                (
                    ids::PR_TEL_CONSENTEMENT,
                    "les particuliers appelés ont accepté au préalable d'être démarchés par téléphone",
                ),
                // Banned even with consent (C. conso L223-1, loi 2020-901).
                (
                    ids::PR_TEL_RENOVATION,
                    "aucun particulier n'est démarché par téléphone pour des travaux ou équipements d'économies d'énergie ou de rénovation énergétique",
                ),
            ] {
                if let Some(marker) = r.claim(id, what).marker {
                    p.basis_label = format!("{} {marker}", p.basis_label);
                }
            }
            if indirect_source {
                p.source = Some(source_label(&origins));
            }
            p.rights.object = true;
            processing.push(p);
        }
        if channels.b2b {
            let mut p = with_basis(
                messages(
                    "prospection-professionnels",
                    "Prospection auprès des professionnels",
                ),
                "interet_legitime",
                Some(
                    "proposer à des professionnels, sur leur adresse professionnelle, des offres en \
                     rapport avec leur métier",
                ),
            );
            p.purposes = vec![
                "envoyer aux professionnels des offres en rapport avec leur activité professionnelle".into(),
            ];
            p.people = "nos contacts professionnels".into();
            p.retention = prospects_retention.clone();
            if indirect_source {
                p.source = Some(source_label(&origins));
            }
            processing.push(p);
        }
    }
    let consent_services: Vec<&&Service> = declared.iter().filter(|s| s.consent_required).collect();
    let trackers_used = r.has(ids::TRACEURS, "oui")
        || r.has(ids::TRACEURS, "je_ne_sais_pas")
        || !consent_services.is_empty();
    let tracker_purposes: Vec<String> = {
        let mut purposes: Vec<String> = Vec::new();
        if r.has(ids::CK_TYPES, "partage") {
            purposes.push(SHARE_BUTTONS.to_string());
        }
        for service in &consent_services {
            let purpose = tracker_purpose(service);
            if !purposes.iter().any(|p| p == purpose) {
                purposes.push(purpose.to_string());
            }
        }
        purposes
    };
    if site && trackers_used {
        let mut p = with_basis(
            activity(
                &declared,
                "cookies",
                "Cookies et traceurs",
                &["mesure_audience", "publicite", "contenu_integre"],
            ),
            "consentement",
            None,
        );
        (p.processors, p.transfers, p.recipients) = recipients_of(
            STAFF,
            consent_services.iter().map(|s| service_view(s)).collect(),
        );
        p.purposes = if tracker_purposes.is_empty() {
            vec![missing(
                "finalités des traceurs du site (déclarez les services qui les déposent)",
                "services",
            )]
        } else {
            tracker_purposes.clone()
        };
        p.data = vec![
            "identifiants de connexion et de navigation".into(),
            "pages consultées".into(),
        ];
        p.people = "les visiteurs du site".into();
        p.retention = if practices.choice_kept.ok {
            "la durée de vie de chaque traceur, indiquée dans la politique de cookies ; le choix \
             (accord ou refus) est conservé 6 mois"
                .into()
        } else {
            limited(
                "la durée de vie de chaque traceur, indiquée dans la politique de cookies",
                practices.choice_kept.clone(),
            )
        };
        processing.push(p);
    }
    if r.has(ids::RS_PUBLICITE_OUTILS, "audiences_clients") {
        // Customer e-mails or phone numbers sent to the platform to show them our ads
        // (EDPB guidelines 8/2020: joint controllership with the platform).
        let (basis, interest) = match r.text(ids::RS_PUBLICITE_BASE).as_deref() {
            Some("interet_legitime") => (
                "interet_legitime",
                Some("faire connaître nos offres à nos clients sur les réseaux sociaux"),
            ),
            _ => ("consentement", None),
        };
        let mut p = with_basis(
            activity(
                &declared,
                "audiences",
                "Publicité ciblée sur les réseaux sociaux à partir de notre fichier clients",
                &["reseau_social", "publicite"],
            ),
            basis,
            interest,
        );
        if r.text(ids::RS_PUBLICITE_BASE).is_none() {
            p.basis_label = missing(
                "base légale de l'envoi du fichier clients à la plateforme",
                "rs_publicite_base",
            );
        }
        p.purposes = vec![
            "montrer nos publicités sur les réseaux sociaux à nos clients, la plateforme les reconnaissant à partir de leur adresse e-mail ou de leur numéro de téléphone".into(),
        ];
        p.data = vec!["adresse e-mail ou numéro de téléphone des clients".into()];
        p.people = "nos clients".into();
        p.retention = "le temps de la campagne ; la liste transmise à la plateforme est ensuite supprimée de nos audiences".into();
        p.rights.object = true;
        if let Some(marker) = r
            .claim(
                ids::RS_AUDIENCES_CLIENTS,
                "les clients savent, avant l'envoi de leurs coordonnées à la plateforme, qu'elles servent à leur montrer nos publicités, et peuvent s'y opposer",
            )
            .marker
        {
            p.purposes[0] = format!("{} {marker}", p.purposes[0]);
        }
        processing.push(p);
    }
    let platforms: Vec<Platform> = r
        .multi(ids::RS_RESEAUX)
        .into_iter()
        .map(|id| Platform {
            name: if id == "autre" {
                r.required(ids::RS_AUTRE_NOM, "nom de l'autre réseau social")
            } else {
                platform_name(&id).to_string()
            },
            addendum: matches!(id.as_str(), "facebook" | "instagram" | "linkedin"),
            id,
        })
        .collect();
    if channels.social {
        let mut p = with_basis(
            activity(
                &declared,
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
            "animer nos pages et répondre aux messages et commentaires".into(),
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

    let cookie_rows = |services: &mut dyn Iterator<Item = &&Service>| -> Vec<Tracker> {
        services
            .flat_map(|s| {
                s.cookies.iter().map(|c| Tracker {
                    name: c.name.clone(),
                    provider: service_view(s).label,
                    purpose: c.purpose.clone(),
                    lifetime: c.lifetime.clone(),
                })
            })
            .collect()
    };
    let consent_trackers = cookie_rows(&mut consent_services.iter().copied());
    let exempt_trackers = cookie_rows(
        &mut declared
            .iter()
            .filter(|s| s.category == "mesure_audience" && !s.consent_required),
    );
    let security = r.security(&[
        (
            "gv_habilitations",
            "accès réservé aux seules personnes qui en ont besoin, retiré à leur départ",
        ),
        (
            "gv_comptes_individuels",
            "un identifiant personnel pour chaque personne, sans compte partagé",
        ),
        ("gv_mots_de_passe", "mots de passe robustes"),
        (
            "gv_mises_a_jour",
            "mises à jour régulières des logiciels et des postes",
        ),
        ("gv_sauvegardes", "sauvegardes régulières"),
        (
            "gv_chiffrement",
            "chiffrement des données sensibles et des appareils",
        ),
        ("gv_journalisation", "journalisation des accès"),
        ("sv_https", "connexion chiffrée (HTTPS) sur tout le site"),
    ]);
    // The core activities come first in the register and the privacy policy, before the
    // website's: the people served (customers, orders by message, patients, members), then the
    // photos and cameras that concern them too, then the staff.
    let (customers, mut core) = customers::build(&r, &declared);
    let (remote_sales, more) = remote_sales::build(&r, &declared);
    core.extend(more);
    let (patients, more) = patients::build(&r, &declared);
    core.extend(more);
    let (members, more) = members::build(&r, &declared);
    core.extend(more);
    let (images, more) = images::build(&r, &declared);
    core.extend(more);
    let (cameras, more) = cameras::build(&r, &declared);
    core.extend(more);
    let (staff, more) = staff::build(&r, &declared);
    core.extend(more);
    let (breaches, more) = breaches::build(&r, &declared);
    core.extend(more);
    processing.splice(0..0, core);
    DocumentContext {
        practices,
        security,
        customers,
        patients,
        members,
        staff,
        cameras,
        images,
        remote_sales,
        breaches,
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
            exempt: exempt_trackers,
            providers: consent_services.iter().map(|s| service_view(s)).collect(),
            exempt_audience: declared
                .iter()
                .filter(|s| s.category == "mesure_audience" && !s.consent_required)
                .map(|s| service_view(s))
                .collect(),
            transfers: recipients_of(
                "",
                consent_services
                    .iter()
                    .map(|s| service_view(s))
                    .chain(
                        declared
                            .iter()
                            .filter(|s| s.category == "mesure_audience" && !s.consent_required)
                            .map(|s| service_view(s)),
                    )
                    .collect(),
            )
            .1,
            share_buttons: r
                .has(ids::CK_TYPES, "partage")
                .then(|| SHARE_BUTTONS.to_string()),
            choice_duration: "6 mois".into(),
        },
        social: Social {
            platforms,
            contests: r.has(ids::RS_JEUX_CONCOURS, "oui"),
            ads: !r.multi(ids::RS_PUBLICITE_OUTILS).is_empty(),
            ad_tools: r
                .multi(ids::RS_PUBLICITE_OUTILS)
                .iter()
                .map(|tool| {
                    let (tool, basis) = match tool.as_str() {
                        "formulaires_prospects" => (
                            "des formulaires publicitaires, par lesquels vous nous laissez vos coordonnées",
                            basis_label("consentement"),
                        ),
                        "audiences_clients" => (
                            "des audiences créées à partir de notre fichier clients (adresse e-mail ou numéro de téléphone transmis à la plateforme)",
                            match r.text(ids::RS_PUBLICITE_BASE) {
                                Some(basis) => basis_label(&basis),
                                None => missing(
                                    "base légale de l'envoi du fichier clients à la plateforme",
                                    "rs_publicite_base",
                                ),
                            },
                        ),
                        _ => (
                            "les critères de ciblage proposés par la plateforme (centres d'intérêt, âge, lieu)",
                            format!(
                                "{}, qui consiste à faire connaître notre activité",
                                basis_label("interet_legitime")
                            ),
                        ),
                    };
                    AdTool {
                        tool: tool.to_string(),
                        basis,
                    }
                })
                .collect(),
        },
        prospecting: Prospecting {
            soft_opt_in,
            indirect_source,
        },
        processing,
        channels,
    }
}

/// What share buttons and social feeds are for, in every document.
const SHARE_BUTTONS: &str =
    "permettre le partage de nos pages sur les réseaux sociaux et afficher leurs publications";

/// What a service's trackers are for: the catalogue's phrase, else one per category. Every
/// document uses this one description.
fn tracker_purpose(service: &Service) -> &str {
    if let Some(purpose) = &service.purpose {
        return purpose;
    }
    match service.category.as_str() {
        "mesure_audience" => "mesurer la fréquentation du site, pour l'améliorer",
        "publicite" => {
            "mesurer l'efficacité de nos publicités et proposer des publicités adaptées aux centres d'intérêt"
        }
        "contenu_integre" => {
            "afficher des contenus fournis par d'autres services (vidéos, cartes…)"
        }
        "rendez_vous" => "faire fonctionner l'outil de prise de rendez-vous intégré au site",
        "relation_client" => {
            "faire fonctionner la messagerie du site et le suivi de la relation avec nous"
        }
        "createur_site" => {
            "permettre à la plateforme qui fait fonctionner le site de mesurer sa fréquentation et de faire fonctionner ses outils de promotion"
        }
        _ => "fonctions propres à ce service, décrites dans sa politique de confidentialité",
    }
}

/// Who inside the organisation receives the data of every activity.
const STAFF: &str = "les personnes habilitées au sein de notre structure";

/// The declared services of some categories.
fn of(declared: &[&Service], categories: &[&str]) -> Vec<ServiceView> {
    declared
        .iter()
        .filter(|s| categories.contains(&s.category.as_str()))
        .map(|s| service_view(s))
        .collect()
}

/// A processing activity whose processors are the declared services of some categories; its
/// purposes, basis, data, people and retention are filled by the caller.
fn activity(declared: &[&Service], id: &str, title: &str, categories: &[&str]) -> Processing {
    let (processors, transfers, recipients) = recipients_of(STAFF, of(declared, categories));
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
        sends_messages: false,
        internal: false,
    }
}

/// Sets an activity's legal basis and the rights that follow from it.
fn with_basis(mut p: Processing, basis: &str, interest: Option<&str>) -> Processing {
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
}

/// A retention period, stated as applied only when the answers say it is: else followed by
/// the claim's marker.
fn limited(text: &str, claim: Claim) -> String {
    match claim.marker {
        Some(marker) => format!("{text} {marker}"),
        None => text.to_string(),
    }
}

/// The processors of an activity, those that transfer data outside the EU, and the
/// recipients line (the organisation's staff, then each processor with its role).
fn recipients_of(
    staff: &str,
    processors: Vec<ServiceView>,
) -> (Vec<ServiceView>, Vec<ServiceView>, Vec<String>) {
    // One account per provider: a company that runs several declared services is named once.
    let mut transfers: Vec<ServiceView> = Vec::new();
    for service in processors.iter().filter(|s| s.transfer.is_some()) {
        if !transfers.iter().any(|t| t.entity == service.entity) {
            let mut line = service.clone();
            line.label = service.entity.clone();
            transfers.push(line);
        }
    }
    let mut recipients = vec![staff.to_string()];
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for p in &processors {
        if seen.contains(&(p.entity.as_str(), p.role.as_str())) {
            continue;
        }
        seen.push((p.entity.as_str(), p.role.as_str()));
        let names: Vec<&str> = processors
            .iter()
            .filter(|o| o.entity == p.entity && o.role == p.role && o.name != o.entity)
            .map(|o| o.name.as_str())
            .collect();
        recipients.push(if names.is_empty() {
            format!("{} — {}", p.entity, p.role)
        } else {
            format!("{}, pour {} — {}", p.entity, names.join(", "), p.role)
        });
    }
    (processors, transfers, recipients)
}

fn basis_label(basis: &str) -> String {
    match basis {
        "consentement" => "le consentement de la personne concernée (article 6.1.a du RGPD)",
        "contrat" => "l'exécution du contrat conclu avec la personne (article 6.1.b du RGPD)",
        "mesures_precontractuelles" => {
            "les mesures prises à la demande de la personne avant la conclusion d'un contrat (article 6.1.b du RGPD)"
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
