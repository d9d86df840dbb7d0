//! The ids of the questions that the code reads: each a named constant, so that a typo is a
//! compile error, and listed in [`READ_BY_CODE`] with the kind the code expects, so that a test
//! checks them against the built-in catalogue and `vigie check` warns when a user's
//! questionnaires drop one.

pub const ACTIVITES: &str = "activites";
pub const ADRESSE: &str = "adresse";
pub const AS_CERTIFICAT_ACCES: &str = "as_certificat_acces";
pub const AS_CERTIFICAT_ADULTES: &str = "as_certificat_adultes";
pub const AS_PRATIQUES: &str = "as_pratiques";
pub const AS_QUESTIONNAIRE_MINEURS: &str = "as_questionnaire_mineurs";
pub const AUTORISATION_AUTORITE: &str = "autorisation_autorite";
pub const CANAUX: &str = "canaux";
pub const CAPITAL: &str = "capital";
pub const CK_AUDIENCE_CONDITIONS: &str = "ck_audience_conditions";
pub const CK_AUDIENCE_DUREES: &str = "ck_audience_durees";
pub const CK_BOUTONS_PARTAGE: &str = "ck_boutons_partage";
pub const CK_CASES_PRECOCHEES: &str = "ck_cases_precochees";
pub const CK_CHOIX_PAR_FINALITE: &str = "ck_choix_par_finalite";
pub const CK_CONSENTEMENT_PREALABLE: &str = "ck_consentement_prealable";
pub const CK_CONTENUS_INTEGRES: &str = "ck_contenus_integres";
pub const CK_DUREE_CHOIX: &str = "ck_duree_choix";
pub const CK_REFUS_FACILE: &str = "ck_refus_facile";
pub const CK_REFUS_RESPECTE: &str = "ck_refus_respecte";
pub const CK_RETRAIT: &str = "ck_retrait";
pub const CK_SILENCE_REFUS: &str = "ck_silence_refus";
pub const CK_TYPES: &str = "ck_types";
pub const CL_DUREE_FICHIER: &str = "cl_duree_fichier";
pub const CL_FACTURES: &str = "cl_factures";
pub const CL_SUPPORTS: &str = "cl_supports";
pub const CLIENTELE: &str = "clientele";
pub const CODE_POSTAL: &str = "code_postal";
pub const DENOMINATION: &str = "denomination";
pub const DI_ACCORD: &str = "di_accord";
pub const DI_DUREE: &str = "di_duree";
pub const DI_MINEURS: &str = "di_mineurs";
pub const DI_RETRAIT: &str = "di_retrait";
pub const DIRECTEUR_PUBLICATION: &str = "directeur_publication";
pub const DONNEES_PARTICULIERES: &str = "donnees_particulieres";
pub const DPO: &str = "dpo";
pub const DPO_EMAIL: &str = "dpo_email";
pub const DPO_NOM: &str = "dpo_nom";
pub const EC_COMPTES_INACTIFS: &str = "ec_comptes_inactifs";
pub const EC_DUREE_CLIENTS: &str = "ec_duree_clients";
pub const EC_DUREE_PROSPECTION_CLIENTS: &str = "ec_duree_prospection_clients";
pub const EC_EMAILS_CLIENTS: &str = "ec_emails_clients";
pub const EC_FACTURES: &str = "ec_factures";
pub const EC_OPPOSITION_COMMANDE: &str = "ec_opposition_commande";
pub const EFFECTIF: &str = "effectif";
pub const EMAIL: &str = "email";
pub const FORME: &str = "forme";
pub const FORME_JURIDIQUE: &str = "forme_juridique";
pub const FORMULAIRES: &str = "formulaires";
pub const GV_CONTRATS_SOUS_TRAITANTS: &str = "gv_contrats_sous_traitants";
pub const GV_DELAI_REPONSE: &str = "gv_delai_reponse";
pub const GV_HEBERGEMENT_HDS: &str = "gv_hebergement_hds";
pub const GV_PURGES: &str = "gv_purges";
pub const GV_VERIFICATION_IDENTITE: &str = "gv_verification_identite";
pub const GV_VIOLATION_PERSONNES: &str = "gv_violation_personnes";
pub const GV_VIOLATION_PROCEDURE: &str = "gv_violation_procedure";
pub const GV_VIOLATION_REGISTRE: &str = "gv_violation_registre";
pub const HEBERGEUR_ADRESSE: &str = "hebergeur_adresse";
pub const HEBERGEUR_NOM: &str = "hebergeur_nom";
pub const HEBERGEUR_TELEPHONE: &str = "hebergeur_telephone";
pub const IMMATRICULATION_REGISTRE: &str = "immatriculation_registre";
pub const MEDIATEUR_NOM: &str = "mediateur_nom";
pub const MEDIATEUR_URL: &str = "mediateur_url";
pub const NOM: &str = "nom";
pub const NOM_COMMERCIAL: &str = "nom_commercial";
pub const PR_CONSENTEMENT_PARTICULIERS: &str = "pr_consentement_particuliers";
pub const PR_DESINSCRIPTION: &str = "pr_desinscription";
pub const PR_DUREE_PROSPECTS: &str = "pr_duree_prospects";
pub const PR_ORIGINE_CONTACTS: &str = "pr_origine_contacts";
pub const PR_TEL_CONSENTEMENT: &str = "pr_tel_consentement";
pub const PR_TEL_RENOVATION: &str = "pr_tel_renovation";
pub const PRENOM: &str = "prenom";
pub const PROFESSION_ETAT: &str = "profession_etat";
pub const PROFESSION_ORDRE: &str = "profession_ordre";
pub const PROFESSION_REGLEMENTEE: &str = "profession_reglementee";
pub const PROFESSION_REGLES: &str = "profession_regles";
pub const PROFESSION_TITRE: &str = "profession_titre";
pub const RCS_VILLE: &str = "rcs_ville";
pub const RNA: &str = "rna";
pub const RS_AUDIENCES_CLIENTS: &str = "rs_audiences_clients";
pub const RS_AUTRE_NOM: &str = "rs_autre_nom";
pub const RS_JEUX_CONCOURS: &str = "rs_jeux_concours";
pub const RS_MESSAGERIE_TRI: &str = "rs_messagerie_tri";
pub const RS_PUBLICITE_BASE: &str = "rs_publicite_base";
pub const RS_PUBLICITE_OUTILS: &str = "rs_publicite_outils";
pub const RS_RESEAUX: &str = "rs_reseaux";
pub const SA_APPELS_PONCTUELS: &str = "sa_appels_ponctuels";
pub const SA_CANDIDATURES_CONSERVATION: &str = "sa_candidatures_conservation";
pub const SA_CONTROLE_MESSAGERIE: &str = "sa_controle_messagerie";
pub const SA_CSE_CONSULTE: &str = "sa_cse_consulte";
pub const SA_DOSSIERS_ACCES: &str = "sa_dossiers_acces";
pub const SA_DOSSIERS_CONSERVATION: &str = "sa_dossiers_conservation";
pub const SA_GEOLOC_DESACTIVATION: &str = "sa_geoloc_desactivation";
pub const SA_OUTILS: &str = "sa_outils";
pub const SA_PAIE: &str = "sa_paie";
pub const SA_POINTAGE_BIOMETRIE: &str = "sa_pointage_biometrie";
pub const SA_RECRUTEMENT: &str = "sa_recrutement";
pub const SECTEUR: &str = "secteur";
pub const SERVICES: &str = "services";
pub const SIREN: &str = "siren";
pub const SIRET: &str = "siret";
pub const SITE_URL: &str = "site_url";
pub const ST_ACCES_DOSSIER: &str = "st_acces_dossier";
pub const ST_DOSSIER_CONSERVATION: &str = "st_dossier_conservation";
pub const ST_HEBERGEMENT_HDS: &str = "st_hebergement_hds";
pub const ST_MESSAGERIE_SECURISEE: &str = "st_messagerie_securisee";
pub const ST_OUTILS: &str = "st_outils";
pub const SV_CANDIDATURE_CONSERVATION: &str = "sv_candidature_conservation";
pub const SV_CONSERVATION_DEMANDES: &str = "sv_conservation_demandes";
pub const SV_FORM_OBLIGATOIRES: &str = "sv_form_obligatoires";
pub const SV_NEWSLETTER_CONSENTEMENT: &str = "sv_newsletter_consentement";
pub const SV_NEWSLETTER_DESINSCRIPTION: &str = "sv_newsletter_desinscription";
pub const SV_PC_ACCES: &str = "sv_pc_acces";
pub const TELEPHONE: &str = "telephone";
pub const TRACEURS: &str = "traceurs";
pub const TVA: &str = "tva";
pub const VILLE: &str = "ville";
pub const VM_CANAUX: &str = "vm_canaux";
pub const VP_ACCES_IMAGES: &str = "vp_acces_images";
pub const VP_AUTORISATION: &str = "vp_autorisation";
pub const VP_AUTORISATION_REFERENCE: &str = "vp_autorisation_reference";
pub const VP_CONSERVATION: &str = "vp_conservation";
pub const VP_DUREE_JOURS: &str = "vp_duree_jours";
pub const VP_POSTES_TRAVAIL: &str = "vp_postes_travail";
pub const VP_ZONES: &str = "vp_zones";

/// What the code expects of a question it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Conformite,
    Choice,
    Multi,
    Text,
}

/// Every question the code reads, with the kind it expects.
pub const READ_BY_CODE: &[(&str, Expected)] = &[
    (ADRESSE, Expected::Text),
    (ACTIVITES, Expected::Multi),
    (AS_CERTIFICAT_ACCES, Expected::Conformite),
    (AS_CERTIFICAT_ADULTES, Expected::Conformite),
    (AS_PRATIQUES, Expected::Multi),
    (AS_QUESTIONNAIRE_MINEURS, Expected::Conformite),
    (AUTORISATION_AUTORITE, Expected::Text),
    (CANAUX, Expected::Multi),
    (CAPITAL, Expected::Text),
    (CK_AUDIENCE_CONDITIONS, Expected::Conformite),
    (CK_AUDIENCE_DUREES, Expected::Conformite),
    (CK_BOUTONS_PARTAGE, Expected::Conformite),
    (CK_CASES_PRECOCHEES, Expected::Conformite),
    (CK_CHOIX_PAR_FINALITE, Expected::Conformite),
    (CK_CONSENTEMENT_PREALABLE, Expected::Conformite),
    (CK_CONTENUS_INTEGRES, Expected::Conformite),
    (CK_DUREE_CHOIX, Expected::Conformite),
    (CK_REFUS_FACILE, Expected::Conformite),
    (CK_REFUS_RESPECTE, Expected::Conformite),
    (CK_RETRAIT, Expected::Conformite),
    (CK_SILENCE_REFUS, Expected::Conformite),
    (CK_TYPES, Expected::Multi),
    (CL_DUREE_FICHIER, Expected::Conformite),
    (CL_FACTURES, Expected::Conformite),
    (CL_SUPPORTS, Expected::Multi),
    (CLIENTELE, Expected::Multi),
    (CODE_POSTAL, Expected::Text),
    (DENOMINATION, Expected::Text),
    (DI_ACCORD, Expected::Conformite),
    (DI_DUREE, Expected::Conformite),
    (DI_MINEURS, Expected::Conformite),
    (DI_RETRAIT, Expected::Conformite),
    (DIRECTEUR_PUBLICATION, Expected::Text),
    (DONNEES_PARTICULIERES, Expected::Multi),
    (DPO, Expected::Choice),
    (DPO_EMAIL, Expected::Text),
    (DPO_NOM, Expected::Text),
    (EC_COMPTES_INACTIFS, Expected::Conformite),
    (EC_DUREE_CLIENTS, Expected::Conformite),
    (EC_DUREE_PROSPECTION_CLIENTS, Expected::Conformite),
    (EC_EMAILS_CLIENTS, Expected::Choice),
    (EC_FACTURES, Expected::Conformite),
    (EC_OPPOSITION_COMMANDE, Expected::Conformite),
    (EFFECTIF, Expected::Choice),
    (EMAIL, Expected::Text),
    (FORME, Expected::Choice),
    (FORME_JURIDIQUE, Expected::Text),
    (FORMULAIRES, Expected::Multi),
    (GV_CONTRATS_SOUS_TRAITANTS, Expected::Conformite),
    (GV_DELAI_REPONSE, Expected::Conformite),
    (GV_HEBERGEMENT_HDS, Expected::Conformite),
    (GV_PURGES, Expected::Conformite),
    (GV_VERIFICATION_IDENTITE, Expected::Conformite),
    (GV_VIOLATION_PERSONNES, Expected::Conformite),
    (GV_VIOLATION_PROCEDURE, Expected::Conformite),
    (GV_VIOLATION_REGISTRE, Expected::Conformite),
    (HEBERGEUR_ADRESSE, Expected::Text),
    (HEBERGEUR_NOM, Expected::Text),
    (HEBERGEUR_TELEPHONE, Expected::Text),
    (IMMATRICULATION_REGISTRE, Expected::Choice),
    (MEDIATEUR_NOM, Expected::Text),
    (MEDIATEUR_URL, Expected::Text),
    (NOM, Expected::Text),
    (NOM_COMMERCIAL, Expected::Text),
    (PR_CONSENTEMENT_PARTICULIERS, Expected::Conformite),
    (PR_DESINSCRIPTION, Expected::Conformite),
    (PR_DUREE_PROSPECTS, Expected::Conformite),
    (PR_ORIGINE_CONTACTS, Expected::Multi),
    (PR_TEL_CONSENTEMENT, Expected::Conformite),
    (PR_TEL_RENOVATION, Expected::Conformite),
    (PRENOM, Expected::Text),
    (PROFESSION_ETAT, Expected::Text),
    (PROFESSION_ORDRE, Expected::Text),
    (PROFESSION_REGLEMENTEE, Expected::Choice),
    (PROFESSION_REGLES, Expected::Text),
    (PROFESSION_TITRE, Expected::Text),
    (RCS_VILLE, Expected::Text),
    (RNA, Expected::Text),
    (RS_AUDIENCES_CLIENTS, Expected::Conformite),
    (RS_AUTRE_NOM, Expected::Text),
    (RS_JEUX_CONCOURS, Expected::Choice),
    (RS_MESSAGERIE_TRI, Expected::Conformite),
    (RS_PUBLICITE_BASE, Expected::Choice),
    (RS_PUBLICITE_OUTILS, Expected::Multi),
    (RS_RESEAUX, Expected::Multi),
    (SA_APPELS_PONCTUELS, Expected::Conformite),
    (SA_CANDIDATURES_CONSERVATION, Expected::Conformite),
    (SA_CONTROLE_MESSAGERIE, Expected::Conformite),
    (SA_CSE_CONSULTE, Expected::Conformite),
    (SA_DOSSIERS_ACCES, Expected::Conformite),
    (SA_DOSSIERS_CONSERVATION, Expected::Conformite),
    (SA_GEOLOC_DESACTIVATION, Expected::Conformite),
    (SA_OUTILS, Expected::Multi),
    (SA_PAIE, Expected::Choice),
    (SA_POINTAGE_BIOMETRIE, Expected::Conformite),
    (SA_RECRUTEMENT, Expected::Choice),
    (SECTEUR, Expected::Choice),
    (SERVICES, Expected::Multi),
    (SIREN, Expected::Text),
    (SIRET, Expected::Text),
    (SITE_URL, Expected::Text),
    (ST_ACCES_DOSSIER, Expected::Conformite),
    (ST_DOSSIER_CONSERVATION, Expected::Conformite),
    (ST_HEBERGEMENT_HDS, Expected::Conformite),
    (ST_MESSAGERIE_SECURISEE, Expected::Conformite),
    (ST_OUTILS, Expected::Multi),
    (SV_CANDIDATURE_CONSERVATION, Expected::Conformite),
    (SV_CONSERVATION_DEMANDES, Expected::Conformite),
    (SV_FORM_OBLIGATOIRES, Expected::Conformite),
    (SV_NEWSLETTER_CONSENTEMENT, Expected::Conformite),
    (SV_NEWSLETTER_DESINSCRIPTION, Expected::Conformite),
    (SV_PC_ACCES, Expected::Conformite),
    (TELEPHONE, Expected::Text),
    (TRACEURS, Expected::Choice),
    (TVA, Expected::Text),
    (VILLE, Expected::Text),
    (VM_CANAUX, Expected::Multi),
    (VP_ACCES_IMAGES, Expected::Conformite),
    (VP_AUTORISATION, Expected::Conformite),
    (VP_AUTORISATION_REFERENCE, Expected::Text),
    (VP_CONSERVATION, Expected::Conformite),
    (VP_DUREE_JOURS, Expected::Text),
    (VP_POSTES_TRAVAIL, Expected::Conformite),
    (VP_ZONES, Expected::Multi),
];
