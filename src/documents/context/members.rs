//! An association's members and licensees: membership, minors, medical certificates, transmission to the federation, news to members.
//!
//! Facts: legal-facts-2.md §5.1 (membership contract as the basis, federation as a recipient
//! named at collection; the federation's own basis is unverified and never stated), §5.2
//! (minors' health questionnaire kept by the family, only the parents' attestation handed
//! over, C. sport L231-2 and D231-1-4-1; adults' certificate when the federation requires it;
//! no verified retention period for a certificate, so none is printed), §5.5 (HelloAsso named
//! as a recipient). News to members is the context's « informations » activity.

use super::{Processing, Reader, STAFF, activity, limited, with_basis};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Members {
    /// The triage says the organisation has this activity.
    pub applies: bool,
    /// Members take a licence from a federation, which receives their data.
    pub licences: bool,
    /// The association asks for medical certificates or health attestations.
    pub health: bool,
}

/// Who receives the licensees' data outside the association.
const FEDERATION: &str =
    "la fédération à laquelle l'association est affiliée, pour la délivrance des licences";

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, declared: &[&Service]) -> (Members, Vec<Processing>) {
    let applies = r.module_applies("associations");
    let licences = applies && r.has(ids::AS_PRATIQUES, "licences");
    let health = applies && r.has(ids::AS_PRATIQUES, "sante");
    let members = Members {
        applies,
        licences,
        health,
    };
    if !applies {
        return (members, Vec::new());
    }
    let minors = r.has(ids::DONNEES_PARTICULIERES, "mineurs");
    let mut core = Vec::new();

    let mut p = with_basis(
        activity(
            declared,
            "adherents",
            if licences {
                "Gestion des adhérents et des licences"
            } else {
                "Gestion des adhérents"
            },
            &["paiement", "formulaire", "adhesion", "relation_client"],
        ),
        "contrat",
        None,
    );
    p.basis_label =
        "l'exécution du contrat d'adhésion à l'association (article 6.1.b du RGPD)".into();
    p.purposes =
        vec!["gérer les adhésions, les cotisations et la participation aux activités".into()];
    if licences {
        p.purposes
            .push("demander la licence de chaque adhérent auprès de la fédération".into());
        p.recipients.push(FEDERATION.into());
    }
    p.data = vec![
        "nom, prénom et date de naissance".into(),
        "coordonnées (adresse, e-mail, téléphone)".into(),
        "adhésion, cotisation et son règlement".into(),
    ];
    if licences {
        p.data.push("numéro et catégorie de licence".into());
    }
    if minors {
        p.data
            .push("nom et coordonnées des représentants légaux des adhérents mineurs".into());
    }
    p.people = if minors {
        "les adhérents et, pour les mineurs, leurs représentants légaux".into()
    } else {
        "les adhérents".into()
    };
    p.retention = limited(
        "pendant l'adhésion ; après le départ de l'adhérent, ses données sont supprimées ou \
         archivées, sauf celles qu'une obligation légale impose de garder",
        r.claim(
            ids::GV_PURGES,
            "les données sont réellement supprimées ou archivées à la fin de leur durée de conservation",
        ),
    );
    core.push(p);

    if health {
        core.push(certificates(r, declared, licences, minors));
    }
    (members, core)
}

/// Medical certificates and the parents' health attestation (C. sport L231-2, D231-1-4-1).
fn certificates(r: &Reader, declared: &[&Service], licences: bool, minors: bool) -> Processing {
    let mut p = with_basis(
        activity(
            declared,
            "certificats-medicaux",
            "Certificats médicaux et attestations de santé",
            &[],
        ),
        "contrat",
        None,
    );
    p.basis_label = "l'exécution du contrat d'adhésion et de licence (article 6.1.b du RGPD), le \
         Code du sport subordonnant la licence ou la participation aux compétitions à ce \
         certificat ou à cette attestation quand il l'exige (articles L231-2 et L231-2-3)"
        .into();
    p.purposes = vec![
        "vérifier, quand la loi ou la fédération l'exige, l'absence de contre-indication à la \
         pratique du sport avant de délivrer ou de renouveler une licence ou d'inscrire à une \
         compétition"
            .into(),
    ];
    let mut conditions = vec![limited(
        "il n'est demandé à un adulte que lorsque la fédération ou la \
         discipline l'exige",
        r.claim(
            ids::AS_CERTIFICAT_ADULTES,
            "un certificat n'est demandé aux adultes que lorsque la fédération l'exige",
        ),
    )];
    if minors {
        conditions.push(limited(
            "pour un mineur, seule l'attestation des représentants légaux est recueillie : le \
             questionnaire de santé, rempli en famille, reste dans la famille",
            r.claim(
                ids::AS_QUESTIONNAIRE_MINEURS,
                "seule l'attestation des parents est recueillie, jamais le questionnaire de santé du mineur",
            ),
        ));
    }
    p.health_basis = Some(format!(
        "un certificat médical est une donnée de santé (article 9 du RGPD) ; {}",
        conditions.join(" ; ")
    ));
    p.data = vec![
        "certificat médical d'absence de contre-indication (date, médecin, discipline)".into(),
    ];
    if minors {
        p.data
            .push("attestation des représentants légaux d'un mineur (réponses toutes négatives au questionnaire de santé)".into());
    }
    p.people = if licences {
        "les licenciés et les participants aux compétitions".into()
    } else {
        "les adhérents qui pratiquent un sport".into()
    };
    let access = r.claim(
        ids::AS_CERTIFICAT_ACCES,
        "les certificats sont rangés à part, accessibles aux seules personnes chargées des licences, et supprimés dès qu'ils ne servent plus",
    );
    p.recipients = vec![if access.ok {
        "les seules personnes chargées des licences au sein de l'association".into()
    } else {
        STAFF.into()
    }];
    p.retention = limited(
        "tant qu'ils servent à la licence ou à la compétition pour laquelle ils ont été remis, \
         puis ils sont supprimés",
        access,
    );
    p
}
