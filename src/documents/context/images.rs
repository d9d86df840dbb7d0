//! Photos and videos where people can be recognised: consent, minors, withdrawal, the image-rights form.
//!
//! Facts: legal-facts-2.md §6 (C. civ. 9: prior consent to publish an identifiable image; the
//! image is personal data; minors: C. civ. 372-1 as amended by loi n° 2024-120, both parents'
//! agreement as a non-usual act (secondary); no retention figure, so the duration is the one the
//! form sets and ends with withdrawal, GDPR 7(3) and 17) and §5.3 (a separate box, not bundled
//! with membership); document-checklists.md section M.

use super::{
    Claim, Processing, Reader, STAFF, ServiceView, activity, limited, missing, of, platform_name,
    recipients_of, with_basis,
};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Images {
    /// The triage says the organisation has this activity.
    pub applies: bool,
    /// Where the photos are published, each offered separately on the form.
    pub media: Vec<String>,
    /// A marker when no medium is known (no site, no social network declared).
    pub media_marker: Option<String>,
    /// The social platforms that receive the photos, with their role.
    pub platforms: Vec<ServiceView>,
    /// Those of them that transfer data outside the EU, with their safeguard.
    pub transfers: Vec<ServiceView>,
    /// A photo is taken down as soon as the person withdraws consent.
    pub withdrawal: Claim,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, declared: &[&Service]) -> (Images, Vec<Processing>) {
    let applies = r.module_applies("droit_image");
    let mut media = Vec::new();
    if r.has(ids::CANAUX, "site_vitrine") || r.has(ids::CANAUX, "boutique_en_ligne") {
        media.push(match r.text(ids::SITE_URL) {
            Some(url) => format!("notre site internet ({url})"),
            None => "notre site internet".to_string(),
        });
    }
    if r.has(ids::CANAUX, "reseaux_sociaux") {
        for network in r.multi(ids::RS_RESEAUX) {
            media.push(if network == "autre" {
                r.text(ids::RS_AUTRE_NOM)
                    .unwrap_or_else(|| "un autre réseau social".to_string())
            } else {
                format!("notre compte {}", platform_name(&network))
            });
        }
    }
    let media_marker = media.is_empty().then(|| {
        missing(
            "supports où les photos sont publiées (site, réseaux sociaux)",
            ids::CANAUX,
        )
    });
    let (platforms, transfers, _) = recipients_of("", of(declared, &["reseau_social"]));
    // Taking a photo down is asked once consent is collected (`di_retrait`); until then the
    // form states only the right to erasure, and the register ties the practice to the
    // consent question.
    let withdrawal = r.claim(
        ids::DI_RETRAIT,
        "une photo est retirée du site et des réseaux dès que la personne retire son accord",
    );
    let taken_down = if r.visibility.is_visible(ids::DI_RETRAIT) {
        withdrawal.clone()
    } else {
        r.claim(
            ids::DI_ACCORD,
            "l'accord écrit est recueilli avant publication et la photo est retirée quand il est retiré",
        )
    };
    let images = Images {
        applies,
        media: media.clone(),
        media_marker,
        platforms,
        transfers,
        withdrawal,
    };
    if !applies {
        return (images, Vec::new());
    }

    let mut p = with_basis(
        activity(
            declared,
            "photos",
            "Photos et vidéos de personnes",
            &["reseau_social"],
        ),
        "consentement",
        None,
    );
    let consent = r.claim(
        ids::DI_ACCORD,
        "chaque personne reconnaissable a donné son accord écrit avant la publication",
    );
    if let Some(marker) = consent.marker {
        p.basis_label = format!("{} {marker}", p.basis_label);
    }
    let minors = r.has(ids::DONNEES_PARTICULIERES, "mineurs")
        && !matches!(
            r.rating(ids::DI_MINEURS),
            Some(crate::model::answers::Rating::NonApplicable)
        );
    if minors {
        let parents = r.claim(
            ids::DI_MINEURS,
            "pour un enfant, chaque titulaire de l'autorité parentale a donné son accord écrit",
        );
        let text = "pour un enfant, l'accord écrit de chaque titulaire de l'autorité parentale, \
                    l'enfant étant associé à la décision selon son âge et sa maturité (article \
                    372-1 du Code civil)";
        p.basis_label = format!("{} ; {}", p.basis_label, limited(text, parents));
    }
    p.purposes = vec![if media.is_empty() {
        "faire connaître notre activité en publiant des photos et des vidéos".to_string()
    } else {
        format!(
            "faire connaître notre activité en publiant des photos et des vidéos sur {}",
            french_list(&media)
        )
    }];
    p.data = vec![
        "image de la personne (photo ou vidéo)".into(),
        "autorisation signée : nom, coordonnées, occasion, supports acceptés, durée, date".into(),
    ];
    p.people = if minors {
        "les personnes photographiées ou filmées et, pour les enfants, les titulaires de l'autorité parentale".into()
    } else {
        "les personnes photographiées ou filmées".into()
    };
    p.recipients = {
        let mut recipients = vec![STAFF.to_string()];
        recipients.extend(p.recipients.iter().skip(1).cloned());
        recipients.push("le public qui consulte nos publications".into());
        recipients
    };
    p.retention = limited(
        "la durée fixée par chaque autorisation ; la photo est retirée plus tôt si la personne \
         retire son accord ; l'autorisation signée est gardée tant que la photo est utilisée, \
         pour prouver l'accord",
        taken_down,
    );
    (images, vec![p])
}

/// « a, b et c ».
fn french_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => format!("{} et {last}", head.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_the_french_way() {
        assert_eq!(french_list(&["a".into()]), "a");
        assert_eq!(
            french_list(&["a".into(), "b".into(), "c".into()]),
            "a, b et c"
        );
    }
}
