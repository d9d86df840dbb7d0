//! A health practice's patients: the patient file, appointments, secure messaging, and the information notice for the waiting room.
//!
//! Facts: legal-facts-2 §4 (CSP L1110-4, L1111-7, L1111-8, L1111-15, L1110-12; référentiel
//! cabinets médicaux, délib. 2020-081; retention aligned on CSP R1112-7), legal-facts §10.1
//! (GDPR 9.2.h and 9.3).

use super::{Claim, Processing, Reader, ServiceView, activity, limited, missing, of, with_basis};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Patients {
    /// The triage says the organisation has this activity.
    pub applies: bool,
    /// The ids of the processing activities about patients (the patient file, appointments
    /// through the practice or the site, secure messaging), in the order of `processing`.
    pub activities: Vec<String>,
    /// The online booking tools declared (Doctolib and the like).
    pub booking: Vec<ServiceView>,
    /// Appointments are booked online but no booking tool is declared: the marker to print.
    pub booking_missing: Option<String>,
    /// The practice feeds or consults the patients' DMP (Mon espace santé).
    pub dmp: bool,
    /// An online tool holds patient data (so the HDS sentence applies).
    pub online_tools: bool,
    /// Patients get their file within 8 days (2 months past 5 years).
    pub access: Claim,
    /// Health documents go by secure health messaging (MSSanté), never by ordinary e-mail.
    pub secure_messaging: Claim,
}

/// The processing activity of the patient file.
const FILE: &str = "dossier-patients";
/// Appointments booked by phone, at the practice or with an online tool (not a site form).
const APPOINTMENTS: &str = "rendez-vous-patients";
/// Secure health messaging.
const MESSAGING: &str = "messagerie-sante";

/// The GDPR art. 6 basis of care: the contract of care between the patient and the practice.
const CARE_CONTRACT: &str =
    "l'exécution du contrat de soins conclu avec le patient (article 6.1.b du RGPD)";

/// GDPR art. 9.2.h and 9.3: care by a professional bound by secrecy.
pub(super) const CARE_BASIS: &str = "les données de santé sont traitées pour les diagnostics médicaux et la \
     prise en charge sanitaire, par un professionnel de santé soumis au secret professionnel \
     (article 9.2.h et 9.3 du RGPD)";

/// legal-facts-2 §4.2: no text for liberal practice; the Ordre and the CNIL référentiel
/// recommend aligning on CSP R1112-7 (hospitals).
const FILE_RETENTION: &str = "20 ans à compter de la dernière consultation (5 ans en base \
     active, puis 15 ans en archive séparée), durée recommandée, alignée sur l'article R1112-7 \
     du code de la santé publique et sur le référentiel de la CNIL relatif aux cabinets médicaux \
     et paramédicaux (délibération n° 2020-081 du 18 juin 2020) ; pour un patient mineur, au \
     moins jusqu'à son 28e anniversaire ; si le patient décède moins de 10 ans après sa dernière \
     consultation, 10 ans à compter du décès";

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, declared: &[&Service]) -> (Patients, Vec<Processing>) {
    let applies = r.module_applies("sante");
    let tools = r.multi(ids::ST_OUTILS);
    let booking = of(declared, &["rendez_vous"]);
    let online_booking = !booking.is_empty() || tools.contains("agenda_en_ligne");
    let booking_missing = (tools.contains("agenda_en_ligne") && booking.is_empty())
        .then(|| missing("outil de prise de rendez-vous en ligne", ids::SERVICES));
    // A booking form on the site is already an activity of its own (« Prise de rendez-vous »).
    let site = r.has(ids::CANAUX, "site_vitrine") || r.has(ids::CANAUX, "boutique_en_ligne");
    let site_form = site && r.has(ids::FORMULAIRES, "rendez_vous");
    let messaging = tools.contains("messagerie_securisee");
    let dmp = tools.contains("dmp");
    let mut processing = Vec::new();
    if applies {
        let mut file = with_basis(
            activity(declared, FILE, "Dossier des patients et soins", &["sante"]),
            "contrat",
            None,
        );
        file.basis_label = CARE_CONTRACT.into();
        file.health_basis = Some(CARE_BASIS.into());
        file.purposes = vec![
            "constituer et tenir le dossier de chaque patient et assurer sa prise en charge (diagnostic, soins, suivi)"
                .into(),
            "établir les feuilles de soins et les transmettre à l'Assurance maladie et aux complémentaires santé"
                .into(),
            "échanger avec les autres professionnels qui prennent en charge le patient les informations nécessaires à ses soins, dans les conditions de l'article L1110-4 du code de la santé publique"
                .into(),
        ];
        if !online_booking && !site_form {
            file.purposes.insert(
                1,
                "organiser les rendez-vous, au cabinet ou par téléphone".into(),
            );
        }
        if dmp {
            file.purposes.push(
                "alimenter le dossier médical partagé (Mon espace santé) du patient avec les documents que prévoit l'article L1111-15 du code de la santé publique, et le consulter dans les conditions de l'article L1110-12"
                    .into(),
            );
        }
        file.data = vec![
            "identité et coordonnées".into(),
            "numéro de sécurité sociale et organismes d'assurance maladie et complémentaire".into(),
            "informations de santé : motifs de consultation, antécédents, examens, diagnostics, traitements, comptes rendus".into(),
            "informations de facturation".into(),
        ];
        file.people = "les patients (et, pour un mineur, ses représentants légaux)".into();
        file.recipients.splice(
            1..1,
            [
                "les professionnels de santé qui prennent en charge le patient avec nous, dans les limites de l'article L1110-4 du code de la santé publique".to_string(),
                "l'Assurance maladie et la complémentaire santé du patient, pour le remboursement des soins".to_string(),
            ],
        );
        file.retention = limited(
            FILE_RETENTION,
            r.claim(
                ids::ST_DOSSIER_CONSERVATION,
                "les dossiers sont gardés 20 ans après la dernière consultation, puis détruits",
            ),
        );
        processing.push(file);

        if online_booking && !site_form {
            let mut p = with_basis(
                activity(
                    declared,
                    APPOINTMENTS,
                    "Prise de rendez-vous",
                    &["rendez_vous"],
                ),
                "mesures_precontractuelles",
                None,
            );
            p.health_basis = Some(CARE_BASIS.into());
            p.purposes =
                vec!["organiser et gérer les rendez-vous, en ligne ou par téléphone".into()];
            p.data = vec![
                "nom et prénom".into(),
                "téléphone et adresse e-mail".into(),
                "date, heure et motif du rendez-vous".into(),
            ];
            p.people = "les patients qui prennent rendez-vous".into();
            if let Some(marker) = &booking_missing {
                p.recipients.push(marker.clone());
            }
            p.retention =
                "le temps de la gestion du rendez-vous ; les informations versées ensuite \
                 au dossier du patient sont conservées avec lui"
                    .into();
            processing.push(p);
        }

        if messaging {
            let mut p = with_basis(
                activity(declared, MESSAGING, "Messagerie sécurisée de santé", &[]),
                "contrat",
                None,
            );
            p.basis_label = CARE_CONTRACT.into();
            p.health_basis = Some(CARE_BASIS.into());
            p.purposes = vec![
                "échanger avec les patients et avec les autres professionnels qui les prennent en charge les documents de santé (comptes rendus, résultats, courriers)"
                    .into(),
            ];
            p.data = vec![
                "identité et adresse de messagerie sécurisée de santé".into(),
                "documents de santé échangés".into(),
            ];
            p.people =
                "les patients et les professionnels de santé avec qui nous échangeons".into();
            p.recipients
                .push("les professionnels de santé destinataires des documents".into());
            p.retention =
                "les documents échangés sont versés au dossier du patient et conservés avec lui"
                    .into();
            processing.push(p);
        }
    }
    let mut activities: Vec<String> = processing.iter().map(|p| p.id.clone()).collect();
    if applies && site_form {
        activities.push("rendez-vous".into());
    }
    let patients = Patients {
        applies,
        activities,
        booking,
        booking_missing,
        dmp,
        online_tools: online_booking
            || tools.contains("logiciel_en_ligne")
            || tools.contains("teleconsultation"),
        access: r.claim(
            ids::ST_ACCES_DOSSIER,
            "le dossier est communiqué au patient dans les 8 jours (2 mois pour les informations de plus de 5 ans), après vérification de son identité",
        ),
        secure_messaging: r.claim(
            ids::ST_MESSAGERIE_SECURISEE,
            "les documents de santé sont envoyés par une messagerie sécurisée de santé (MSSanté), jamais par une messagerie ordinaire",
        ),
    };
    (patients, processing)
}
