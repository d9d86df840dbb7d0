//! What the law asks a site to show, looked for in its pages: the links to the legal pages,
//! the elements of the legal notice (LCEN art. 1-1), outdated references, and the notice
//! near each form. The page text given here is lowercase with whitespace collapsed.

use serde::Serialize;

use super::html::{Form, Link};

/// The kinds of page a visitor reaches that matter to the scan, in visiting order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Accueil,
    MentionsLegales,
    Confidentialite,
    Cookies,
    Contact,
    RendezVous,
    Boutique,
}

impl PageKind {
    pub fn label(self) -> &'static str {
        match self {
            PageKind::Accueil => "accueil",
            PageKind::MentionsLegales => "mentions légales",
            PageKind::Confidentialite => "politique de confidentialité",
            PageKind::Cookies => "cookies",
            PageKind::Contact => "contact",
            PageKind::RendezVous => "rendez-vous",
            PageKind::Boutique => "boutique",
        }
    }

    /// What a link's address or text says it leads to.
    pub fn of_link(link: &Link) -> Option<PageKind> {
        let href = link.href.to_lowercase();
        let text = &link.text;
        let any = |words: &[&str]| words.iter().any(|w| href.contains(w) || text.contains(w));
        if any(&[
            "mentions-legales",
            "mentions_legales",
            "mentions légales",
            "mentions legales",
            "legal-notice",
            "impressum",
            "/mentions",
        ]) {
            Some(PageKind::MentionsLegales)
        } else if any(&["cookie"]) {
            Some(PageKind::Cookies)
        } else if any(&[
            "confidentialit",
            "privacy",
            "donnees-personnelles",
            "données personnelles",
            "protection des données",
            "protection-des-donnees",
            "rgpd",
        ]) {
            Some(PageKind::Confidentialite)
        } else if any(&[
            "rendez-vous",
            "rendez_vous",
            "reservation",
            "réservation",
            "reserver",
            "réserver",
            "booking",
            "prendre rdv",
            "/rdv",
        ]) {
            Some(PageKind::RendezVous)
        } else if any(&["contact"]) {
            Some(PageKind::Contact)
        } else if any(&[
            "boutique",
            "/shop",
            "panier",
            "/cart",
            "/produit",
            "/products",
            "/collections",
            "commander",
        ]) {
            Some(PageKind::Boutique)
        } else {
            None
        }
    }
}

/// The links to the three legal pages found on one page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LegalLinks {
    pub mentions_legales: Option<String>,
    pub confidentialite: Option<String>,
    pub cookies: Option<String>,
}

impl LegalLinks {
    pub fn from_links(links: &[Link]) -> LegalLinks {
        let find = |kind: PageKind| {
            links
                .iter()
                .find(|l| PageKind::of_link(l) == Some(kind))
                .map(|l| l.href.clone())
        };
        LegalLinks {
            mentions_legales: find(PageKind::MentionsLegales),
            confidentialite: find(PageKind::Confidentialite),
            cookies: find(PageKind::Cookies),
        }
    }
}

/// One element of the legal notice, found or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Element {
    pub id: &'static str,
    pub label: &'static str,
    pub found: bool,
}

/// The elements of LCEN art. 1-1 looked for on the legal-notice page. A word found is a
/// clue, not a proof that the value is right: the report says so.
pub fn legal_notice_elements(text: &str) -> Vec<Element> {
    let has = |words: &[&str]| words.iter().any(|w| contains_word(text, w));
    let host_at = [
        "hébergeur",
        "hebergeur",
        "hébergement",
        "hebergement",
        "hébergé par",
        "heberge par",
        "hébergé chez",
    ]
    .iter()
    .filter_map(|w| text.find(w).map(|i| i + w.len()))
    .min();
    let host_part = host_at.map(|start| {
        let end = (start + 400).min(text.len());
        let end = (end..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        &text[start..end]
    });
    let publisher_part = match host_at {
        Some(at) => &text[..at],
        None => text,
    };
    vec![
        Element {
            id: "editeur",
            label: "identité de l'éditeur (nom ou dénomination)",
            found: has(&[
                "éditeur",
                "editeur",
                "édité par",
                "edite par",
                "dénomination",
                "raison sociale",
                "propriétaire du site",
            ]),
        },
        Element {
            id: "telephone",
            label: "téléphone de l'éditeur",
            found: has_phone(publisher_part),
        },
        Element {
            id: "immatriculation",
            label: "numéro d'immatriculation (RCS, RNE, SIREN)",
            found: has(&[
                "rcs",
                "siren",
                "siret",
                "rne",
                "registre du commerce",
                "registre national des entreprises",
                "répertoire des métiers",
            ]),
        },
        Element {
            id: "directeur_publication",
            label: "directeur ou directrice de la publication",
            found: has(&[
                "directeur de la publication",
                "directrice de la publication",
                "directeur de publication",
                "directrice de publication",
                "responsable de la publication",
                "directeur·rice de la publication",
            ]),
        },
        Element {
            id: "hebergeur",
            label: "hébergeur",
            found: host_at.is_some(),
        },
        Element {
            id: "hebergeur_adresse",
            label: "adresse de l'hébergeur",
            found: host_part.is_some_and(has_address),
        },
        Element {
            id: "hebergeur_telephone",
            label: "téléphone de l'hébergeur",
            found: host_part.is_some_and(has_phone),
        },
    ]
}

/// `word` in `text`, not inside a longer word (so « rne » is not found in « interne »).
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A phone number: 10 digits (French style, separators allowed) or `+` and 9 to 14 digits.
fn has_phone(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '+' || chars[i].is_ascii_digit() {
            let international = chars[i] == '+';
            let mut digits = 0;
            let mut j = i + usize::from(international);
            while j < chars.len()
                && (chars[j].is_ascii_digit() || (" .-()\u{a0}".contains(chars[j]) && digits > 0))
            {
                if chars[j].is_ascii_digit() {
                    digits += 1;
                }
                j += 1;
            }
            if (!international && digits == 10 && chars[i] == '0')
                || (international && (9..=14).contains(&digits))
            {
                return true;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    false
}

/// A postal address: a street word or a five-digit postal code.
fn has_address(text: &str) -> bool {
    let street = [
        "rue",
        "avenue",
        "boulevard",
        "bd",
        "place",
        "chemin",
        "quai",
        "allée",
        "route",
        "impasse",
        "cours",
        "street",
        "road",
    ];
    street.iter().any(|w| contains_word(text, w))
        || text
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() == 5)
}

/// An outdated reference seen on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outdated {
    pub id: &'static str,
    /// What was seen (an excerpt or the link).
    pub seen: String,
    /// Why it is outdated and what to write instead.
    pub why: &'static str,
}

/// Outdated references in a page's text and links.
pub fn outdated_references(text: &str, links: &[Link]) -> Vec<Outdated> {
    let mut found = Vec::new();
    let excerpt = |at: usize| {
        let start = (0..=at.saturating_sub(40))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let end = ((at + 40).min(text.len())..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        format!("« …{}… »", text[start..end].trim())
    };
    let first = |words: &[&str]| words.iter().filter_map(|w| text.find(w)).min();
    if let Some(at) = first(&["6-iii", "6 iii", "6, iii", "6.iii", "6 - iii"]) {
        found.push(Outdated {
            id: "article_6_iii",
            seen: excerpt(at),
            why: "l'article 6-III de la loi pour la confiance dans l'économie numérique a été remplacé par l'article 1-1 (loi SREN n° 2024-449 du 21 mai 2024) : citez « article 1-1 de la loi n° 2004-575 du 21 juin 2004 »",
        });
    }
    if let Some(at) = first(&[
        "déclaration cnil",
        "declaration cnil",
        "déclaration à la cnil",
        "declaration a la cnil",
        "déclaration auprès de la cnil",
        "déclaré à la cnil",
        "déclaré auprès de la cnil",
        "récépissé cnil",
    ]) {
        found.push(Outdated {
            id: "declaration_cnil",
            seen: excerpt(at),
            why: "les déclarations à la CNIL ont été supprimées le 25 mai 2018 (entrée en application du RGPD) : retirez ce numéro, qui n'a plus de valeur",
        });
    }
    if let Some(link) = links.iter().find(|l| {
        let href = l.href.to_lowercase();
        href.contains("ec.europa.eu/consumers/odr") || href.contains("webgate.ec.europa.eu/odr")
    }) {
        found.push(Outdated {
            id: "lien_odr",
            seen: link.href.clone(),
            why: "la plateforme européenne de règlement en ligne des litiges (RLL/ODR) est fermée depuis le 20 juillet 2025 (règlement (UE) 2024/3228) : retirez ce lien ; indiquez plutôt votre médiateur de la consommation",
        });
    }
    found
}

/// A form that collects personal data, and whether a notice is in it or just below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormSeen {
    pub action: String,
    pub fields: Vec<String>,
    pub asks_email: bool,
    pub notice_nearby: bool,
}

/// Forms of a page, search boxes left out.
pub fn forms(text: &str, forms: &[Form]) -> Vec<FormSeen> {
    // Words of an information notice. « confidentialité » alone counts only inside the form:
    // below it, it is usually the footer's link to the privacy policy, not a notice.
    let notice_words = [
        "données personnelles",
        "vos données",
        "rgpd",
        "protection des données",
        "traitement de vos",
        "informatique et libertés",
        "informatique & libertés",
    ];
    forms
        .iter()
        .filter(|f| {
            let search = f.fields.len() == 1
                && ["q", "s", "search", "recherche", "query"]
                    .contains(&f.fields[0].to_ascii_lowercase().as_str());
            !f.fields.is_empty() && !search
        })
        .map(|f| {
            let end = (f.text_end + 400).min(text.len());
            let end = (end..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len());
            let inside = &text[f.text_start.min(f.text_end)..f.text_end];
            let below = &text[f.text_end.min(end)..end];
            // Below the form, a mere link to the privacy policy (a footer) is not a notice.
            let notice_nearby = notice_words
                .iter()
                .any(|w| inside.contains(w) || below.contains(w))
                || inside.contains("confidentialité")
                || f.links
                    .iter()
                    .any(|l| PageKind::of_link(l) == Some(PageKind::Confidentialite));
            FormSeen {
                action: f.action.clone(),
                fields: f.fields.clone(),
                asks_email: f.asks_email,
                notice_nearby,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_notice_elements_are_found_by_their_words() {
        let text = "mentions légales éditeur : boulangerie dupain sarl, rcs lyon 732 829 320, \
                    tél. 04 78 12 34 56. directeur de la publication : jean dupain. \
                    hébergeur : ovh sas, 2 rue kellermann 59100 roubaix, +33 9 72 10 10 07.";
        let elements = legal_notice_elements(text);
        assert!(elements.iter().all(|e| e.found), "{elements:?}");
        let bare = legal_notice_elements("mentions légales hébergé par wix.com");
        let missing: Vec<&str> = bare.iter().filter(|e| !e.found).map(|e| e.id).collect();
        assert_eq!(
            missing,
            [
                "editeur",
                "telephone",
                "immatriculation",
                "directeur_publication",
                "hebergeur_adresse",
                "hebergeur_telephone"
            ]
        );
    }

    #[test]
    fn outdated_references_are_named() {
        let text = "conformément à l'article 6-iii de la lcen. déclaration cnil n° 123456.";
        let links = [Link {
            href: "https://ec.europa.eu/consumers/odr/".into(),
            text: "rll".into(),
        }];
        let ids: Vec<&str> = outdated_references(text, &links)
            .iter()
            .map(|o| o.id)
            .collect();
        assert_eq!(ids, ["article_6_iii", "declaration_cnil", "lien_odr"]);
        assert!(outdated_references("article 1-1 de la loi", &[]).is_empty());
    }

    #[test]
    fn words_are_not_found_inside_longer_words() {
        assert!(!contains_word("réseau interne", "rne"));
        assert!(contains_word("numéro rne : 1", "rne"));
    }
}
