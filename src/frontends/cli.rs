//! The command line: parsing (clap, with French help and errors) and the commands.

mod commands;
pub mod failure;
mod french;
mod generate;
mod organisations;
mod scan;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

pub use failure::Failure;

/// Exit codes, as documented in the README.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const RUNTIME: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const BELOW_THRESHOLD: u8 = 3;
    pub const INVALID_DATA: u8 = 65;
    pub const INTERRUPTED: u8 = 130;
}

/// Auto-évaluation RGPD et documents légaux pour les petites organisations.
///
/// vigie vous interroge sur votre site, votre boutique en ligne et vos réseaux sociaux, note
/// votre conformité avec une lettre expliquée et un plan d'action, et garde chaque évaluation.
/// Rien n'est envoyé nulle part.
#[derive(Debug, Parser)]
#[command(
    name = "vigie",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Codes de sortie : 0 succès ; 1 erreur d'exécution ; 2 erreur d'utilisation (ou pas de terminal) ; \
                  3 note sous le seuil --fail-under ; 65 questionnaire ou fichier de réponses invalide ; \
                  130 entretien interrompu (réponses enregistrées)."
)]
pub struct Cli {
    /// Dossier des données de vigie (organisations, évaluations) ; aussi VIGIE_DATA_DIR.
    #[arg(
        long,
        global = true,
        env = "VIGIE_DATA_DIR",
        hide_env = true,
        value_name = "DOSSIER"
    )]
    pub data_dir: Option<PathBuf>,

    /// Dossier de configuration (questionnaires/ et templates/ personnels) ; aussi VIGIE_CONFIG_DIR.
    #[arg(
        long,
        global = true,
        env = "VIGIE_CONFIG_DIR",
        hide_env = true,
        value_name = "DOSSIER"
    )]
    pub config_dir: Option<PathBuf>,

    /// Dossier de questionnaires personnels qui s'ajoutent aux questionnaires intégrés ou les remplacent.
    #[arg(long, global = true, value_name = "DOSSIER")]
    pub questionnaires: Option<PathBuf>,

    /// Dossier de modèles de documents personnels qui remplacent les modèles intégrés de même nom.
    #[arg(long, global = true, value_name = "DOSSIER")]
    pub templates: Option<PathBuf>,

    /// Mode texte ligne à ligne (lecteurs d'écran, redirections), sans interface plein écran.
    #[arg(long)]
    pub plain: bool,

    /// Affiche l'aide.
    #[arg(short = 'h', long, global = true, action = ArgAction::Help)]
    help: Option<bool>,

    /// Affiche la version.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Affiche le catalogue validé : modules, questions, niveaux, poids, références.
    Catalog {
        /// Format de sortie : text (par défaut) ou json.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text, hide_default_value = true, hide_possible_values = true)]
        format: OutputFormat,
    },
    /// Vérifie les questionnaires et les modèles de documents (intégrés et personnels).
    Check,
    /// Fichiers de réponses.
    Answers {
        #[command(subcommand)]
        command: AnswersCommand,
    },
    /// Calcule la note, la lettre et le plan d'action d'un fichier de réponses.
    Score {
        /// Le fichier de réponses (TOML) ; ou --org pour une organisation enregistrée.
        #[arg(
            value_name = "FICHIER",
            required_unless_present = "slug",
            conflicts_with = "slug"
        )]
        file: Option<PathBuf>,
        #[command(flatten)]
        org: OrgArg,
        /// Enregistre cette évaluation dans l'historique de l'organisation (avec --org), sauf si les réponses n'ont pas changé depuis la dernière.
        #[arg(long, requires = "slug")]
        save: bool,
        /// Format de sortie : text (par défaut), json ou md (aussi markdown).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text, hide_default_value = true, hide_possible_values = true)]
        format: OutputFormat,
        /// Sort avec le code 3 si la note est inférieure à ce seuil (0 à 100).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
        fail_under: Option<u8>,
    },
    /// Rédige les documents (mentions légales, politique de confidentialité…) à partir d'un fichier de réponses.
    Generate {
        /// Le fichier de réponses (TOML) ; ou --org pour une organisation enregistrée.
        #[arg(
            value_name = "FICHIER",
            required_unless_present = "slug",
            conflicts_with = "slug"
        )]
        file: Option<PathBuf>,
        #[command(flatten)]
        org: OrgArg,
        /// Dossier où écrire les documents (créé s'il n'existe pas).
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        /// Formats, séparés par des virgules : md, html, txt (par défaut les trois).
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            default_value = "md,html,txt",
            hide_default_value = true,
            hide_possible_values = true,
            value_name = "FORMATS"
        )]
        format: Vec<OutputFormat>,
        /// Ne rédige que ces documents (par exemple --doc mentions-legales).
        #[arg(long = "doc", value_name = "DOCUMENT")]
        docs: Vec<String>,
        /// Échoue (code 65, rien n'est écrit) si un document est incomplet.
        #[arg(long)]
        strict: bool,
    },
    /// Liste les organisations enregistrées, avec leur dernière note et sa tendance.
    Orgs,
    /// Enregistre une organisation à partir d'un fichier de réponses.
    Import {
        /// Le fichier de réponses (TOML).
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Nom court de l'organisation (minuscules, chiffres, tirets) ; par défaut tiré de sa dénomination.
        #[arg(long, value_name = "NOM")]
        org: Option<String>,
    },
    /// Supprime une organisation (une copie est gardée dans le dossier « corbeille » des données).
    Delete {
        #[command(flatten)]
        org: OrgArg,
        /// Confirme la suppression (obligatoire).
        #[arg(long)]
        yes: bool,
    },
    /// Affiche les réponses d'une organisation enregistrée, sous forme de fichier de réponses.
    Export {
        #[command(flatten)]
        org: OrgArg,
    },
    /// Compare deux évaluations : note, actions réglées et nouvelles, réponses et documents modifiés.
    Diff {
        #[command(flatten)]
        org: OrgArg,
        /// Les deux évaluations à comparer (noms de fichiers de vigie history ; par défaut les deux dernières).
        #[arg(value_name = "EVALUATION", num_args = 2)]
        runs: Vec<String>,
        /// Format de sortie : text (par défaut) ou json.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text, hide_default_value = true, hide_possible_values = true)]
        format: OutputFormat,
    },
    /// Écrit un rapport autonome : note, plan d'action, sanctions proches, historique en graphique.
    Report {
        #[command(flatten)]
        org: OrgArg,
        /// Format : html, md (aussi markdown) ou json.
        #[arg(long, value_enum, hide_possible_values = true)]
        format: OutputFormat,
        /// Fichier à écrire, ou « - » pour la sortie standard.
        #[arg(long, value_name = "FICHIER")]
        out: PathBuf,
    },
    /// Affiche l'historique des évaluations d'une organisation.
    History {
        #[command(flatten)]
        org: OrgArg,
        /// Format de sortie : text (par défaut) ou json.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text, hide_default_value = true, hide_possible_values = true)]
        format: OutputFormat,
    },
    /// Liste ce qu'il faut revoir : questions nouvelles ou modifiées depuis la dernière évaluation, réponses de plus de douze mois.
    Review {
        #[command(flatten)]
        org: OrgArg,
        /// Confirme, après vérification, les réponses à revoir : elles sont datées d'aujourd'hui.
        #[arg(long)]
        confirm: bool,
        /// Format de sortie : text (par défaut) ou json.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text, hide_default_value = true, hide_possible_values = true)]
        format: OutputFormat,
    },
    /// Analyse le site en ligne : services et traceurs, cookies avant consentement, pages légales.
    ///
    /// La seule commande qui utilise le réseau, et seulement le site indiqué. Avec --org, les
    /// réponses que l'analyse permet de proposer sont notées « observé le JJ/MM/AAAA » dans les
    /// réponses de l'organisation ; --apply les confirme.
    Scan {
        /// L'adresse du site (http:// ou https:// ; « exemple.fr » est lu https://exemple.fr).
        #[arg(value_name = "ADRESSE")]
        url: String,
        /// Propose les réponses observées à cette organisation enregistrée.
        #[arg(long, value_name = "NOM")]
        org: Option<String>,
        /// Confirme les réponses proposées (avec --org) : elles remplacent les réponses actuelles.
        #[arg(long, requires = "org")]
        apply: bool,
        /// Nombre maximal de pages lues (1 à 50 ; 10 par défaut).
        #[arg(long, value_name = "N", default_value_t = 10, hide_default_value = true, value_parser = clap::value_parser!(u16).range(1..=50))]
        pages: u16,
        /// Format de sortie : text (par défaut), json ou md (aussi markdown).
        #[arg(long, value_enum, default_value_t = OutputFormat::Text, hide_default_value = true, hide_possible_values = true)]
        format: OutputFormat,
        /// Délai maximal de chaque requête, en secondes (1 à 120 ; 10 par défaut).
        #[arg(long, value_name = "SECONDES", default_value_t = 10, hide_default_value = true, value_parser = clap::value_parser!(u64).range(1..=120))]
        delai: u64,
        /// Chromium ou Chrome à utiliser pour charger les pages (par défaut : celui trouvé dans le PATH).
        #[arg(
            long = "navigateur",
            value_name = "CHEMIN",
            conflicts_with = "statique"
        )]
        navigateur: Option<PathBuf>,
        /// Analyse statique seulement, sans navigateur même s'il y en a un.
        #[arg(long)]
        statique: bool,
        /// Mode navigateur : ne laisse le navigateur contacter que le site analysé (les requêtes vers d'autres sites sont relevées mais n'aboutissent pas).
        #[arg(long = "site-seul", conflicts_with = "statique")]
        site_seul: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AnswersCommand {
    /// Affiche un modèle de fichier de réponses commenté, à remplir.
    Template {
        /// Limite le modèle à ces modules (séparés par des virgules) ; le profil est toujours inclus.
        #[arg(long, value_delimiter = ',', value_name = "MODULES")]
        modules: Vec<String>,
    },
}

/// The organisation a command works on: the one named, or the only one there is.
#[derive(Debug, Clone, Args)]
pub struct OrgArg {
    /// L'organisation (facultatif s'il n'y en a qu'une).
    #[arg(long = "org", value_name = "NOM")]
    pub slug: Option<String>,
}

/// An output format; each command accepts some of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Text for the terminal (for documents: plain text, also `txt`).
    #[value(alias = "txt")]
    Text,
    Json,
    /// Markdown.
    #[value(name = "md", alias = "markdown")]
    Markdown,
    Html,
}

impl OutputFormat {
    fn name(self) -> &'static str {
        match self {
            OutputFormat::Text => "text",
            OutputFormat::Json => "json",
            OutputFormat::Markdown => "md",
            OutputFormat::Html => "html",
        }
    }

    /// This format, when the command offers it; a usage error naming those it does.
    pub fn among(self, offered: &[OutputFormat]) -> Result<OutputFormat, Failure> {
        if offered.contains(&self) {
            return Ok(self);
        }
        let names: Vec<&str> = offered.iter().map(|f| f.name()).collect();
        Err(Failure::Usage(format!(
            "format « {} » impossible ici ; formats possibles : {}",
            self.name(),
            names.join(", ")
        )))
    }
}

/// Parses the command line and runs the command; a failure is printed once, here.
pub fn main() -> ExitCode {
    let cli = match french::parse() {
        Ok(cli) => cli,
        Err(code) => return ExitCode::from(code),
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.print();
            ExitCode::from(failure.code())
        }
    }
}
