//! Cameras on the premises (vidéoprotection): regime, authorisation, retention, the sign.
//!
//! ../shared/legal-facts-2.md §1: prefect's authorisation for places open to the public (CSI
//! L252-1); retention one month at most (CSI L252-5, §0 C1; the CNIL applies the same
//! benchmark elsewhere); legitimate interest in protecting people and property (CNIL workplace
//! page, §1.3); staff not filmed at their workstation (§1.4). The old « 3 ans / 45 000 € »
//! penalty (§0 C2) is never printed.

use super::{Claim, Processing, Reader, activity, limited, missing, to_correct, with_basis};
use crate::model::answers::Rating;
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

/// The longest retention the law allows, in days (CSI L252-5: one month).
const MAX_DAYS: u32 = 30;

#[derive(Debug, Clone, Serialize)]
pub struct Cameras {
    /// The triage says the organisation has this activity.
    pub applies: bool,
    /// The cameras film a place open to the public (or the street): prefect's authorisation.
    pub public_area: bool,
    /// They film premises reserved to staff.
    pub staff_area: bool,
    /// They film the public road in front of the premises.
    pub street: bool,
    /// The places filmed are not given yet (vp_zones): the marker to print.
    pub zones_missing: Option<String>,
    /// The prefect authorised the system (vp_autorisation).
    pub authorisation: Claim,
    /// The reference of the prefect's order, when given.
    pub authorisation_reference: Option<String>,
    /// How long images are kept, with a marker when the answers do not establish it.
    pub retention: String,
    /// Only the management can watch the recordings (vp_acces_images).
    pub access_restricted: Claim,
    /// No camera films a workstation permanently, nor break rooms, changing rooms or toilets
    /// (vp_postes_travail).
    pub workstations_spared: Claim,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy (customers are filmed: not internal).
pub(super) fn build(r: &Reader, declared: &[&Service]) -> (Cameras, Vec<Processing>) {
    let applies = r.module_applies("videoprotection");
    let street = r.has(ids::VP_ZONES, "voie_publique");
    let retention = retention(r);
    let cameras = Cameras {
        applies,
        public_area: r.has(ids::VP_ZONES, "espace_public") || street,
        staff_area: r.has(ids::VP_ZONES, "locaux_personnel"),
        street,
        zones_missing: (applies && r.answers.get(ids::VP_ZONES).is_none())
            .then(|| missing("lieux filmés par les caméras", ids::VP_ZONES)),
        authorisation: r.claim(
            ids::VP_AUTORISATION,
            "système autorisé par arrêté du préfet",
        ),
        authorisation_reference: r
            .text(ids::VP_AUTORISATION_REFERENCE)
            .filter(|_| r.rating(ids::VP_AUTORISATION) == Some(Rating::Conforme)),
        retention: retention.clone(),
        access_restricted: r.claim(
            ids::VP_ACCES_IMAGES,
            "seule la direction peut regarder les enregistrements",
        ),
        workstations_spared: r.claim(
            ids::VP_POSTES_TRAVAIL,
            "aucune caméra ne filme un salarié en permanence à son poste de travail, ni une salle de pause, un vestiaire ou des toilettes",
        ),
    };
    if !applies {
        return (cameras, Vec::new());
    }
    // Cameras that film only premises reserved to staff concern the staff alone: the
    // register and the staff note, not the privacy policy published for customers.
    let staff_only = cameras.staff_area && !cameras.public_area;
    let mut p = with_basis(
        activity(
            declared,
            "videoprotection",
            "Vidéoprotection des locaux",
            &[],
        ),
        "interet_legitime",
        Some(
            "protéger nos locaux, nos clients et notre personnel contre les vols et les agressions",
        ),
    );
    p.purposes = vec![
        "assurer la sécurité des personnes et des biens".into(),
        "prévenir les vols et les agressions et en identifier les auteurs".into(),
    ];
    p.data = vec![
        "images des personnes qui passent dans le champ des caméras".into(),
        "date et heure des enregistrements".into(),
    ];
    p.people = if staff_only {
        "les membres du personnel et les visiteurs qui entrent dans les locaux filmés".into()
    } else {
        "les clients, visiteurs et membres du personnel qui entrent dans les lieux filmés".into()
    };
    p.internal = staff_only;
    p.recipients = vec![
        "la direction, seule habilitée à regarder les enregistrements".into(),
        "les services de police ou de gendarmerie et l'autorité judiciaire, en cas d'incident ou d'enquête".into(),
    ];
    if let Some(marker) = &cameras.access_restricted.marker {
        p.recipients[0] = format!("{} {marker}", p.recipients[0]);
    }
    p.retention = retention;
    (cameras, vec![p])
}

/// The retention of images: the days the recorder keeps them when the answers give it (one
/// month at most), else « un mois au plus » with the marker of vp_conservation.
fn retention(r: &Reader) -> String {
    let claim = r.claim(
        ids::VP_CONSERVATION,
        "les images sont effacées automatiquement au bout d'un mois au plus",
    );
    let days = r
        .text(ids::VP_DUREE_JOURS)
        .filter(|_| claim.ok)
        .and_then(|t| t.trim().parse::<u32>().ok());
    match days {
        Some(0) | None => limited("un mois au plus, puis effacement automatique", claim),
        Some(1) => "1 jour, puis effacement automatique".into(),
        Some(n) if n <= MAX_DAYS => format!("{n} jours, puis effacement automatique"),
        Some(n) => format!(
            "{n} jours {}",
            to_correct(
                "les images sont gardées plus d'un mois",
                ids::VP_DUREE_JOURS,
                &r.action(ids::VP_CONSERVATION),
            )
        ),
    }
}
