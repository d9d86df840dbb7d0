//! The organisation's staff: HR and payroll, recruitment, working time, monitoring tools, and the information note for staff.
//!
//! Legal bases and retention periods: ../shared/legal-facts-2.md §2 (CNIL référentiel « gestion
//! du personnel », délib. 2019-160; payslip copies 5 years, C. trav. L3243-4; registre unique du
//! personnel 5 years after departure, R1221-26 (secondary); working-time records 1 year,
//! D3171-16 (secondary); candidates 3 months, talent pool 2 years with consent, CNIL guide of
//! 30 Jan 2023 (secondary, §0 C7); vehicle geolocation 2 months / 1 year / 5 years, délib.
//! 2015-165 (secondary); call recordings 6 months, analyses 1 year, délib. 2014-474
//! (secondary); connection logs 6 months to 1 year, délib. 2021-122).

use super::{Claim, Processing, Reader, activity, limited, with_basis};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Staff {
    /// The triage says the organisation has this activity.
    pub applies: bool,
    /// The company has a CSE that must be consulted before monitoring tools (50 staff or more).
    pub cse: bool,
    /// The CSE was consulted before the monitoring tools (sa_cse_consulte).
    pub cse_consulted: Claim,
    /// Staff files are reserved to the management and payroll (sa_dossiers_acces).
    pub files_restricted: Claim,
    /// Clocking uses no biometrics (sa_pointage_biometrie).
    pub no_biometrics: Claim,
    /// Staff can switch the vehicle geolocation off outside working time (sa_geoloc_desactivation).
    pub geolocation_off: Claim,
    /// Calls are recorded only now and then, announced, with an unrecorded line (sa_appels_ponctuels).
    pub calls_occasional: Claim,
    /// Messages marked « personnel » are never opened (sa_controle_messagerie).
    pub personal_messages: Claim,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the staff note (all internal: left out of the published privacy policy).
pub(super) fn build(r: &Reader, declared: &[&Service]) -> (Staff, Vec<Processing>) {
    let applies = r.module_applies("salaries");
    let staff = Staff {
        applies,
        cse: r.has(ids::EFFECTIF, "de_50_a_249") || r.has(ids::EFFECTIF, "plus_de_250"),
        cse_consulted: r.claim(
            ids::SA_CSE_CONSULTE,
            "le comité social et économique a été informé et consulté avant la mise en place des outils de contrôle",
        ),
        files_restricted: r.claim(
            ids::SA_DOSSIERS_ACCES,
            "les dossiers du personnel ne sont accessibles qu'à la direction et à la personne chargée de la paie",
        ),
        no_biometrics: r.claim(
            ids::SA_POINTAGE_BIOMETRIE,
            "le pointage n'utilise aucune donnée biométrique",
        ),
        geolocation_off: r.claim(
            ids::SA_GEOLOC_DESACTIVATION,
            "la géolocalisation peut être désactivée en dehors du temps de travail et pendant les pauses",
        ),
        calls_occasional: r.claim(
            ids::SA_APPELS_PONCTUELS,
            "les appels ne sont enregistrés que ponctuellement, après information, avec une ligne non enregistrée pour les appels personnels",
        ),
        personal_messages: r.claim(
            ids::SA_CONTROLE_MESSAGERIE,
            "les messages identifiés comme personnels ne sont jamais ouverts",
        ),
    };
    if !applies {
        return (staff, Vec::new());
    }
    let mut processing = vec![personnel(r, declared)];
    // An application form on the site already adds the candidates' processing.
    if r.has(ids::SA_RECRUTEMENT, "oui") && !r.has(ids::FORMULAIRES, "candidature") {
        processing.push(recruitment(r, declared));
    }
    let tools = r.multi(ids::SA_OUTILS);
    if tools.contains("pointage") {
        processing.push(working_time(r, declared));
    }
    if tools.contains("geolocalisation") {
        processing.push(geolocation(r, declared));
    }
    if tools.contains("enregistrement_appels") {
        processing.push(call_recording(r, declared));
    }
    if tools.contains("controle_informatique") {
        processing.push(it_tools(r, declared));
    }
    for p in &mut processing {
        p.internal = true;
    }
    (staff, processing)
}

/// The retention of staff files, stated as applied only when sa_dossiers_conservation says so.
fn staff_retention(r: &Reader, text: &str) -> String {
    limited(
        text,
        r.claim(
            ids::SA_DOSSIERS_CONSERVATION,
            "les documents du personnel sont supprimés à la fin de leur durée de conservation",
        ),
    )
}

const STAFF_PEOPLE: &str = "nos salariés, apprentis et stagiaires";

/// Personnel administration and payroll: contract and legal obligation (référentiel 2019-160).
fn personnel(r: &Reader, declared: &[&Service]) -> Processing {
    let mut p = with_basis(
        activity(declared, "personnel", "Gestion du personnel et paie", &[]),
        "contrat",
        None,
    );
    p.basis_label = "l'exécution du contrat de travail (article 6.1.b du RGPD) et le respect de nos obligations légales d'employeur (article 6.1.c du RGPD)".into();
    p.purposes = vec![
        "gérer les contrats de travail, le registre unique du personnel, les congés et les absences".into(),
        "établir la paie et faire les déclarations sociales et fiscales (déclaration sociale nominative, prélèvement à la source)".into(),
        "organiser le travail et remettre à chacun ses outils de travail".into(),
    ];
    p.data = vec![
        "identité et coordonnées".into(),
        "numéro de sécurité sociale".into(),
        "contrat, poste, qualification et horaires".into(),
        "rémunération, coordonnées bancaires et éléments de paie".into(),
        "congés et absences".into(),
    ];
    p.people = STAFF_PEOPLE.into();
    match r.text(ids::SA_PAIE).as_deref() {
        Some("expert_comptable") => p.recipients.push(
            "notre expert-comptable ou cabinet de paie, qui établit les bulletins de paie".into(),
        ),
        Some(_) => {}
        None => p.recipients.push(super::missing(
            "qui établit les bulletins de paie",
            ids::SA_PAIE,
        )),
    }
    p.recipients.push(
        "les organismes destinataires des déclarations obligatoires (URSSAF, caisses de retraite, administration fiscale), le service de prévention et de santé au travail, la mutuelle et, le cas échéant, l'organisme de prévoyance de l'entreprise".into(),
    );
    p.retention = staff_retention(
        r,
        "le temps du contrat de travail ; ensuite, le double des bulletins de paie est gardé 5 ans (code du travail, art. L3243-4), le registre unique du personnel et les éléments du contrat 5 ans après le départ, puis détruits",
    );
    p
}

/// Recruitment: pre-contractual steps; the talent pool only with consent (§0 C7).
fn recruitment(r: &Reader, declared: &[&Service]) -> Processing {
    let mut p = with_basis(
        activity(declared, "recrutement", "Recrutement", &[]),
        "mesures_precontractuelles",
        None,
    );
    p.purposes = vec![
        "étudier les candidatures et répondre aux candidats".into(),
        "garder, avec l'accord du candidat, sa candidature pour d'autres postes".into(),
    ];
    p.data = vec![
        "nom, prénom et coordonnées".into(),
        "CV, lettre de motivation, diplômes et expérience".into(),
        "notes prises lors des entretiens".into(),
    ];
    p.people = "les candidats".into();
    p.retention = limited(
        "jusqu'à la fin du recrutement ; une candidature non retenue est supprimée au plus tard 3 mois après, sauf si le candidat accepte qu'elle soit gardée pour d'autres postes, et alors au plus 2 ans après le dernier contact",
        r.claim(
            ids::SA_CANDIDATURES_CONSERVATION,
            "les candidatures non retenues sont supprimées, sauf accord du candidat, et au plus 2 ans après",
        ),
    );
    p
}

/// Working time: legal obligation to count hours (C. trav. D3171-16, secondary).
fn working_time(r: &Reader, declared: &[&Service]) -> Processing {
    let mut p = with_basis(
        activity(
            declared,
            "temps-de-travail",
            "Suivi du temps de travail",
            &[],
        ),
        "obligation_legale",
        None,
    );
    p.purposes = vec!["décompter les heures de travail, comme le code du travail l'impose".into()];
    p.data = vec![
        "identité".into(),
        "heures d'arrivée et de départ, durée du travail".into(),
    ];
    p.people = STAFF_PEOPLE.into();
    p.retention = staff_retention(
        r,
        "1 an, durée pendant laquelle les relevés restent à la disposition de l'inspection du travail (3 ans pour un forfait en jours)",
    );
    p
}

/// Vehicle geolocation: legitimate interest, listed purposes (délib. 2015-165, secondary).
fn geolocation(r: &Reader, declared: &[&Service]) -> Processing {
    let mut p = with_basis(
        activity(
            declared,
            "geolocalisation",
            "Géolocalisation des véhicules",
            &[],
        ),
        "interet_legitime",
        Some("assurer la sécurité des salariés et des véhicules et organiser les interventions"),
    );
    p.purposes = vec![
        "assurer la sécurité des salariés, des véhicules et des marchandises".into(),
        "organiser les interventions et justifier celles réalisées auprès des clients".into(),
    ];
    p.data = vec![
        "identité du conducteur et véhicule utilisé".into(),
        "positions, dates et heures, kilométrage".into(),
    ];
    p.people = "nos salariés qui utilisent un véhicule de l'entreprise".into();
    p.retention = staff_retention(
        r,
        "2 mois en principe ; 1 an quand les relevés servent à prouver une intervention auprès d'un client, faute d'autre moyen",
    );
    p
}

/// Call recording: legitimate interest, occasional only (délib. 2014-474, secondary).
fn call_recording(r: &Reader, declared: &[&Service]) -> Processing {
    let mut p = with_basis(
        activity(
            declared,
            "enregistrement-appels",
            "Enregistrement ponctuel des appels",
            &[],
        ),
        "interet_legitime",
        Some("former nos salariés et améliorer la qualité de notre service"),
    );
    p.purposes = vec!["former et évaluer nos salariés, améliorer la qualité du service".into()];
    p.data = vec![
        "voix et contenu des conversations enregistrées".into(),
        "date, heure et durée des appels".into(),
        "grilles d'analyse des appels".into(),
    ];
    p.people = "nos salariés et leurs correspondants".into();
    p.retention = staff_retention(
        r,
        "6 mois pour les enregistrements ; 1 an pour les documents d'analyse qui en sont tirés",
    );
    p
}

/// IT tools and e-mail: security of the information system; logs (délib. 2021-122).
fn it_tools(r: &Reader, declared: &[&Service]) -> Processing {
    let mut p = with_basis(
        activity(
            declared,
            "outils-informatiques",
            "Sécurité des outils informatiques et de la messagerie",
            &[],
        ),
        "interet_legitime",
        Some(
            "assurer la sécurité de notre système informatique et le bon usage des outils de travail",
        ),
    );
    p.purposes = vec![
        "filtrer les sites et les messages dangereux".into(),
        "tenir des relevés de connexion pour détecter et examiner les incidents de sécurité".into(),
    ];
    p.data = vec![
        "identifiant de l'utilisateur".into(),
        "relevés de connexion (dates, heures, sites et services consultés)".into(),
    ];
    p.people = STAFF_PEOPLE.into();
    p.retention = staff_retention(r, "6 mois à 1 an pour les relevés de connexion");
    p
}
