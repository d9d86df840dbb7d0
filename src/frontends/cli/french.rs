//! clap speaks English; this module gives vigie's command line French help and errors.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};

use super::{Cli, exit};

const TEMPLATE: &str = "\
{before-help}{about-with-newline}
Utilisation : {usage}

{all-args}{after-help}";

fn frenchify(command: clap::Command) -> clap::Command {
    command
        .help_template(TEMPLATE)
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .next_help_heading("Options")
        .mut_subcommands(frenchify)
}

/// The clap command with French help.
pub fn command() -> clap::Command {
    frenchify(Cli::command())
}

/// Parses the arguments; on error, prints a French message and returns the exit code.
pub fn parse() -> Result<Cli, u8> {
    let matches = command().try_get_matches().map_err(report)?;
    Cli::from_arg_matches(&matches).map_err(report)
}

fn context(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn report(error: clap::Error) -> u8 {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            return exit::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            return exit::USAGE;
        }
        _ => {}
    }
    let argument = context(&error, ContextKind::InvalidArg);
    let value = context(&error, ContextKind::InvalidValue);
    let valid = context(&error, ContextKind::ValidValue);
    let message = match error.kind() {
        ErrorKind::UnknownArgument => format!("argument inconnu « {argument} »"),
        ErrorKind::InvalidSubcommand => {
            let name = context(&error, ContextKind::InvalidSubcommand);
            format!("commande inconnue « {name} »")
        }
        ErrorKind::InvalidValue if valid.is_empty() => {
            format!("valeur manquante ou invalide pour {argument}")
        }
        ErrorKind::InvalidValue => {
            format!("valeur « {value} » invalide pour {argument} ; valeurs possibles : {valid}")
        }
        ErrorKind::ValueValidation => {
            format!("valeur « {value} » invalide pour {argument}")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("argument obligatoire manquant : {argument}")
        }
        ErrorKind::MissingSubcommand => "une sous-commande est attendue".to_string(),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("trop de valeurs ou valeur inattendue : « {value} »")
        }
        ErrorKind::ArgumentConflict => format!("{argument} ne peut pas être utilisé ici"),
        _ => {
            let english = error.kind().as_str().unwrap_or("erreur inconnue");
            format!("ligne de commande invalide ({english})")
        }
    };
    eprintln!("erreur : {message}\nAide : vigie --help");
    exit::USAGE
}

#[cfg(test)]
mod tests {
    #[test]
    fn command_definition_is_consistent() {
        super::command().debug_assert();
    }
}
