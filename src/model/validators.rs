//! Validators for free-text answers: e-mail, phone, URL, postcode, number, SIREN, SIRET,
//! VAT number and RNA number. Each returns a French explanation when the value is wrong.

use serde::{Deserialize, Serialize};

use crate::model::sanitize::{is_invisible_control, visible};

/// The check applied to a free-text answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    #[default]
    Libre,
    Email,
    Telephone,
    Url,
    CodePostal,
    Nombre,
    Siren,
    Siret,
    Tva,
    Rna,
}

impl Validator {
    /// What the validator accepts, for messages and templates.
    pub fn expected(self) -> &'static str {
        match self {
            Validator::Libre => "un texte libre",
            Validator::Email => "une adresse e-mail (nom@domaine.fr)",
            Validator::Telephone => "un numéro de téléphone (01 23 45 67 89 ou +33 1 23 45 67 89)",
            Validator::Url => "une adresse web commençant par https://",
            Validator::CodePostal => "un code postal à cinq chiffres",
            Validator::Nombre => "un nombre",
            Validator::Siren => "un numéro SIREN de 9 chiffres",
            Validator::Siret => "un numéro SIRET de 14 chiffres",
            Validator::Tva => "un numéro de TVA intracommunautaire (FR + 2 chiffres + SIREN)",
            Validator::Rna => "un numéro RNA (W suivi de 9 chiffres)",
        }
    }

    /// The value as the user meant it: a web address typed without its scheme
    /// (« www.exemple.fr ») gets « https:// ». Other values are kept as typed.
    pub fn completed(self, value: &str) -> String {
        let value = value.trim();
        let bare =
            !value.contains("://") && value.contains('.') && !value.contains(char::is_whitespace);
        if self == Validator::Url && bare {
            format!("https://{value}")
        } else {
            value.to_string()
        }
    }

    /// Checks `value` (already trimmed and non-empty); `Err` says what is wrong. No value
    /// may hold an invisible control character (an escape sequence, a bidirectional
    /// override): it would reach terminals and documents.
    pub fn check(self, value: &str) -> Result<(), String> {
        if let Some(c) = value.chars().find(|&c| is_invisible_control(c)) {
            return Err(format!(
                "« {} » contient un caractère de contrôle invisible (U+{:04X}) : retirez-le",
                visible(value),
                c as u32
            ));
        }
        match self {
            Validator::Libre => Ok(()),
            Validator::Email => check_email(value),
            Validator::Telephone => check_phone(value),
            Validator::Url => check_url(value),
            Validator::CodePostal => check_postcode(value),
            Validator::Nombre => check_number(value),
            Validator::Siren => check_siren(value),
            Validator::Siret => check_siret(value),
            Validator::Tva => check_vat(value),
            Validator::Rna => check_rna(value),
        }
    }
}

fn digits_only(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace()).collect()
}

fn check_email(value: &str) -> Result<(), String> {
    let wrong = || Err(format!("« {value} » n'est pas une adresse e-mail valide"));
    let Some((local, domain)) = value.split_once('@') else {
        return wrong();
    };
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace);
    if ok { Ok(()) } else { wrong() }
}

fn check_phone(value: &str) -> Result<(), String> {
    let compact: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}' | '\u{202f}'))
        .collect();
    let ok = if let Some(rest) = compact.strip_prefix("+33") {
        rest.len() == 9 && rest.chars().all(|c| c.is_ascii_digit()) && !rest.starts_with('0')
    } else if let Some(rest) = compact.strip_prefix('+') {
        (8..=15).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_digit())
    } else {
        compact.len() == 10
            && compact.starts_with('0')
            && compact.chars().all(|c| c.is_ascii_digit())
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "« {value} » n'est pas un numéro de téléphone valide (10 chiffres, ou +33 suivi de 9 chiffres)"
        ))
    }
}

fn check_url(value: &str) -> Result<(), String> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && rest
                    .split('/')
                    .next()
                    .is_some_and(|host| host.contains('.'))
                && !value.chars().any(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "« {value} » n'est pas une adresse web valide (elle doit commencer par https://)"
        )),
    }
}

fn check_postcode(value: &str) -> Result<(), String> {
    if value.len() == 5 && value.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(format!(
            "« {value} » n'est pas un code postal (cinq chiffres)"
        ))
    }
}

fn check_number(value: &str) -> Result<(), String> {
    let normalised: String = digits_only(value)
        .replace(['\u{a0}', '\u{202f}'], "")
        .replace(',', ".");
    if normalised.parse::<f64>().is_ok_and(f64::is_finite) {
        Ok(())
    } else {
        Err(format!("« {value} » n'est pas un nombre"))
    }
}

/// Luhn checksum over ASCII digits.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(mut d) = c.to_digit(10) else {
            return false;
        };
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

fn check_siren(value: &str) -> Result<(), String> {
    let digits = digits_only(value);
    if digits.len() != 9 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "« {value} » n'est pas un SIREN : il faut 9 chiffres"
        ));
    }
    if !luhn_valid(&digits) {
        return Err(format!(
            "« {value} » n'est pas un SIREN valide : la clé de contrôle ne correspond pas (faute de frappe ?)"
        ));
    }
    Ok(())
}

/// La Poste's establishments share one SIREN and follow another rule.
const LA_POSTE_SIREN: &str = "356000000";

fn check_siret(value: &str) -> Result<(), String> {
    let digits = digits_only(value);
    if digits.len() != 14 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "« {value} » n'est pas un SIRET : il faut 14 chiffres"
        ));
    }
    let valid = if digits.starts_with(LA_POSTE_SIREN) && digits != "35600000000048" {
        digits.chars().filter_map(|c| c.to_digit(10)).sum::<u32>() % 5 == 0
    } else {
        luhn_valid(&digits)
    };
    if valid {
        Ok(())
    } else {
        Err(format!(
            "« {value} » n'est pas un SIRET valide : la clé de contrôle ne correspond pas (faute de frappe ?)"
        ))
    }
}

/// The French intra-EU VAT number computed from a valid SIREN.
pub fn vat_from_siren(siren: &str) -> Option<String> {
    let digits = digits_only(siren);
    check_siren(&digits).ok()?;
    let number: u64 = digits.parse().ok()?;
    let key = (12 + 3 * (number % 97)) % 97;
    Some(format!("FR{key:02}{digits}"))
}

fn check_vat(value: &str) -> Result<(), String> {
    let compact = digits_only(value).to_uppercase();
    let wrong_shape = || {
        Err(format!(
            "« {value} » n'est pas un numéro de TVA français (FR, deux chiffres de clé, puis le SIREN)"
        ))
    };
    let Some(rest) = compact.strip_prefix("FR") else {
        return wrong_shape();
    };
    if rest.len() != 11 || !rest.chars().all(|c| c.is_ascii_digit()) {
        return wrong_shape();
    }
    let siren = &rest[2..];
    match vat_from_siren(siren) {
        Some(expected) if expected == compact => Ok(()),
        Some(expected) => Err(format!(
            "« {value} » : la clé ne correspond pas au SIREN {siren} (attendu : {expected})"
        )),
        None => Err(format!(
            "« {value} » : le SIREN {siren} contenu dans ce numéro n'est pas valide"
        )),
    }
}

fn check_rna(value: &str) -> Result<(), String> {
    let compact = digits_only(value).to_uppercase();
    let ok = compact.len() == 10
        && compact.starts_with('W')
        && compact[1..].chars().all(|c| c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "« {value} » n'est pas un numéro RNA (W suivi de 9 chiffres)"
        ))
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_web_address_typed_without_its_scheme_is_completed() {
        assert_eq!(
            Validator::Url.completed(" www.emma-coiffure.fr "),
            "https://www.emma-coiffure.fr"
        );
        assert_eq!(Validator::Url.completed("emma.fr"), "https://emma.fr");
        assert_eq!(Validator::Url.completed("http://emma.fr"), "http://emma.fr");
        assert_eq!(
            Validator::Url.completed("pas une adresse"),
            "pas une adresse"
        );
        assert_eq!(Validator::Email.completed("a.b@c.fr"), "a.b@c.fr");
        assert!(
            Validator::Url
                .check(&Validator::Url.completed("www.emma.fr"))
                .is_ok()
        );
    }

    use super::*;

    #[test]
    fn siren_luhn_check() {
        // 732 829 320 is a published SIREN; changing one digit breaks the key.
        assert!(Validator::Siren.check("732 829 320").is_ok());
        assert!(Validator::Siren.check("732829321").is_err());
        assert!(Validator::Siren.check("12345").is_err());
    }

    #[test]
    fn siret_luhn_check_and_la_poste() {
        assert!(Validator::Siret.check("732 829 320 00074").is_ok());
        assert!(Validator::Siret.check("73282932000075").is_err());
        // La Poste: sum of digits multiple of 5.
        assert!(Validator::Siret.check("35600000049837").is_ok());
    }

    #[test]
    fn vat_is_computed_from_siren() {
        assert_eq!(
            vat_from_siren("732829320").as_deref(),
            Some("FR44732829320")
        );
        assert!(Validator::Tva.check("FR 44 732829320").is_ok());
        let error = Validator::Tva.check("FR45732829320").unwrap_err();
        assert!(error.contains("FR44732829320"), "{error}");
    }

    #[test]
    fn controls_are_refused_by_every_validator() {
        for validator in [Validator::Libre, Validator::Email, Validator::Url] {
            let error = validator.check("contact@dupain.fr\u{1b}[2J").unwrap_err();
            assert!(
                error.contains("caractère de contrôle invisible (U+001B)"),
                "{error}"
            );
            assert!(error.contains("␛[2J"), "shown visibly: {error}");
        }
        assert!(Validator::Email.check("a\u{0}@b.fr").is_err());
        assert!(
            Validator::Url
                .check("https://dupain.fr/\u{202E}gpj.exe")
                .is_err()
        );
    }

    #[test]
    fn contact_formats() {
        assert!(Validator::Email.check("contact@boulangerie.fr").is_ok());
        assert!(Validator::Email.check("contact@boulangerie").is_err());
        assert!(Validator::Telephone.check("04 78 00 00 00").is_ok());
        assert!(Validator::Telephone.check("+33 4 78 00 00 00").is_ok());
        assert!(Validator::Telephone.check("0478").is_err());
        assert!(Validator::Url.check("https://www.exemple.fr").is_ok());
        assert!(Validator::Url.check("www.exemple.fr").is_err());
        assert!(Validator::CodePostal.check("69001").is_ok());
        assert!(Validator::CodePostal.check("6901").is_err());
        assert!(Validator::Nombre.check("1 500,50").is_ok());
        assert!(Validator::Nombre.check("mille").is_err());
        assert!(Validator::Rna.check("W691234567").is_ok());
        assert!(Validator::Rna.check("691234567").is_err());
    }
}
