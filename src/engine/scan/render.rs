//! The scan report in French: one list of sections, printed as text or Markdown; and JSON.

use super::legal::PageKind;
use super::{PageReport, ScanReport, ServiceSeen};
use crate::model::french;

/// A section: a title and its lines; a line may have sub-lines.
struct Section {
    title: String,
    items: Vec<(String, Vec<String>)>,
}

fn category_label(category: &str) -> &str {
    crate::model::catalog::service_category(category).map_or(category, |c| c.short)
}

fn status_of(service: &ServiceSeen) -> &'static str {
    match (service.tracker, service.before_consent()) {
        (true, true) => "traceur soumis au consentement, chargé avant tout consentement",
        (true, false) if service.evidence.iter().all(|e| e.how == "lien") => {
            "lien seulement (ne dépose rien tant qu'on ne clique pas)"
        }
        (true, false) => "traceur soumis au consentement, bloqué jusqu'au consentement",
        (false, _) if service.category == "mesure_audience" => {
            "peut être exempté de consentement s'il est configuré selon les conditions de la CNIL"
        }
        (false, _) => "pas un traceur soumis au consentement selon le catalogue",
    }
}

fn sections(report: &ScanReport) -> Vec<Section> {
    let mut out = Vec::new();
    out.push(summary(report));
    let services = report
        .services
        .iter()
        .map(|s| {
            let evidence = s
                .evidence
                .iter()
                .take(3)
                .map(|e| format!("{} : {}", e.how, e.what))
                .collect();
            (
                format!(
                    "{} ({}) — {}",
                    s.name,
                    category_label(&s.category),
                    status_of(s)
                ),
                evidence,
            )
        })
        .collect::<Vec<_>>();
    out.push(Section {
        title: "Services et traceurs reconnus".to_string(),
        items: if services.is_empty() {
            vec![(
                "Aucun service du catalogue reconnu dans le code des pages.".to_string(),
                vec![],
            )]
        } else {
            services
        },
    });
    let exempt_note = (
        "Un cookie strictement nécessaire (session, panier, sécurité, mémorisation du choix de \
         cookies) peut être déposé sans consentement ; tout autre cookie doit attendre l'accord \
         du visiteur (loi Informatique et Libertés, art. 82 ; CNIL, délibération n° 2020-091)."
            .to_string(),
        vec![],
    );
    if report.mode == "navigateur" {
        out.push(third_parties(report));
    }
    out.push(Section {
        title: if report.mode == "navigateur" {
            "Cookies présents avant tout consentement (serveur et navigateur)".to_string()
        } else {
            "Cookies déposés par le serveur avant tout consentement".to_string()
        },
        items: if report.cookies.is_empty() {
            vec![("Aucun cookie envoyé par le serveur.".to_string(), vec![])]
        } else {
            report
                .cookies
                .iter()
                .map(|c| {
                    let owner = c
                        .service
                        .as_deref()
                        .and_then(|id| report.services.iter().find(|s| s.id == id))
                        .map_or(String::new(), |s| format!(" ({})", s.name));
                    (
                        format!("{}{owner} : {}", c.name, c.attributes()),
                        vec![format!("déposé par {}", c.set_by)],
                    )
                })
                .chain(std::iter::once(exempt_note))
                .collect()
        },
    });
    out.push(Section {
        title: "Pages lues".to_string(),
        items: report.pages.iter().map(page_item).collect(),
    });
    out.push(Section {
        title: "Ce que cette analyse ne voit pas".to_string(),
        items: report.limits.iter().map(|l| (l.clone(), vec![])).collect(),
    });
    out
}

/// Browser mode: the other sites contacted before any consent, with how many requests.
fn third_parties(report: &ScanReport) -> Section {
    let mut hosts: Vec<(String, usize)> = Vec::new();
    for address in report.read_pages().flat_map(|p| &p.third_party_requests) {
        let host = super::url::Url::parse(address).map_or_else(|| address.clone(), |u| u.host);
        match hosts.iter_mut().find(|(h, _)| *h == host) {
            Some((_, count)) => *count += 1,
            None => hosts.push((host, 1)),
        }
    }
    Section {
        title: "Autres sites contactés avant tout consentement (navigateur)".to_string(),
        items: if hosts.is_empty() {
            vec![(
                "Aucun : les pages ne contactent aucun autre site avant le consentement."
                    .to_string(),
                vec![],
            )]
        } else {
            hosts
                .into_iter()
                .map(|(host, count)| {
                    let plural = if count > 1 { "s" } else { "" };
                    (format!("{host} ({count} requête{plural})"), vec![])
                })
                .collect()
        },
    }
}

fn summary(report: &ScanReport) -> Section {
    let mut items = Vec::new();
    let early: Vec<&str> = report
        .trackers_before_consent()
        .map(|s| s.name.as_str())
        .collect();
    if early.is_empty() {
        items.push((
            if report.mode == "navigateur" {
                "✓ Aucun traceur soumis au consentement reconnu avant le consentement, ni dans le code des pages ni dans le navigateur.".to_string()
            } else {
                "✓ Aucun traceur soumis au consentement n'est chargé par le code des pages avant le consentement.".to_string()
            },
            vec![],
        ));
    } else {
        items.push((
            format!(
                "✗ Traceurs chargés avant tout consentement : {} — interdit sans accord préalable du visiteur \
                 (loi Informatique et Libertés, art. 82 ; CNIL, délibération n° 2020-091).",
                early.join(", ")
            ),
            vec![],
        ));
    }
    let managers: Vec<&str> = report
        .consent_managers
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    items.push((
        if managers.is_empty() {
            "✗ Aucun outil de gestion du consentement (bandeau cookies) reconnu.".to_string()
        } else {
            format!("✓ Gestion du consentement : {}.", managers.join(", "))
        },
        vec![],
    ));
    let https = &report.https;
    let mut line = if https.https {
        "✓ HTTPS".to_string()
    } else {
        "✗ Le site n'est pas servi en HTTPS".to_string()
    };
    match https.http_redirects {
        Some(true) => line.push_str(" ; http:// redirige vers https://"),
        Some(false) => line.push_str(" ; ✗ http:// ne redirige pas vers https://"),
        None => line.push_str(" ; redirection de http:// non vérifiée"),
    }
    if https.https {
        match &https.hsts {
            Some(value) => line.push_str(&format!(" ; HSTS : {value}")),
            None => line.push_str(" ; pas d'en-tête HSTS (recommandé)"),
        }
    }
    items.push((line + ".", vec![]));
    let read: Vec<&PageReport> = report.read_pages().collect();
    let trackers = report.services.iter().any(|s| s.tracker);
    for (label, pick) in [
        ("aux mentions légales", 0),
        ("à la politique de confidentialité", 1),
        ("à la page cookies", 2),
    ] {
        if pick == 2 && !trackers {
            // Without trackers, no cookie page is needed.
            continue;
        }
        let missing: Vec<String> = read
            .iter()
            .filter(|p| {
                let links = &p.legal_links;
                [
                    &links.mentions_legales,
                    &links.confidentialite,
                    &links.cookies,
                ][pick]
                    .is_none()
            })
            .map(|p| p.final_url.clone())
            .collect();
        items.push(if missing.is_empty() {
            (format!("✓ Lien {label} sur chaque page lue."), vec![])
        } else {
            (
                format!(
                    "✗ Pas de lien {label} sur {} des {} pages lues :",
                    missing.len(),
                    read.len()
                ),
                missing,
            )
        });
    }
    match read.iter().find(|p| p.kind == PageKind::MentionsLegales) {
        Some(page) => {
            let missing: Vec<String> = page
                .legal_notice
                .iter()
                .flatten()
                .filter(|e| !e.found)
                .map(|e| e.label.to_string())
                .collect();
            items.push(if missing.is_empty() {
                (
                    "✓ Mentions légales : tous les éléments de l'article 1-1 de la LCEN semblent présents (à relire : vigie cherche des mots, pas leur exactitude).".to_string(),
                    vec![],
                )
            } else {
                (
                    "✗ Mentions légales : éléments de l'article 1-1 de la LCEN non trouvés :".to_string(),
                    missing,
                )
            });
        }
        None => items.push((
            "✗ Aucune page de mentions légales trouvée depuis l'accueil (LCEN, art. 1-1)."
                .to_string(),
            vec![],
        )),
    }
    let outdated: Vec<String> = read
        .iter()
        .flat_map(|p| {
            p.outdated
                .iter()
                .map(move |o| format!("{} ({}) : {}", o.seen, p.kind.label(), o.why))
        })
        .collect();
    if !outdated.is_empty() {
        items.push(("✗ Références périmées :".to_string(), outdated));
    }
    let forms: Vec<String> = read
        .iter()
        .flat_map(|p| {
            p.forms
                .iter()
                .filter(|f| !f.notice_nearby)
                .map(move |f| format!("{} ({})", p.final_url, f.fields.join(", ")))
        })
        .collect();
    if !forms.is_empty() {
        items.push((
            "✗ Formulaires sans mention d'information à proximité (RGPD, art. 13) :".to_string(),
            forms,
        ));
    }
    Section {
        title: "Synthèse".to_string(),
        items,
    }
}

/// The summary of the report, one line per point (for the interface).
pub fn summary_lines(report: &ScanReport) -> Vec<String> {
    summary(report)
        .items
        .into_iter()
        .map(|(line, sub)| {
            if sub.is_empty() {
                line
            } else {
                format!("{line} {}", sub.join(" ; "))
            }
        })
        .collect()
}

fn page_item(page: &PageReport) -> (String, Vec<String>) {
    let head = format!("{} — {}", page.kind.label(), page.final_url);
    if let Some(error) = &page.error {
        return (head, vec![format!("non lue : {error}")]);
    }
    let mut lines = Vec::new();
    if page.truncated {
        lines.push("page trop volumineuse : seul son début a été lu".to_string());
    }
    let mark = |link: &Option<String>| if link.is_some() { "✓" } else { "✗" };
    let links = &page.legal_links;
    lines.push(format!(
        "liens : mentions légales {}, confidentialité {}, cookies {}",
        mark(&links.mentions_legales),
        mark(&links.confidentialite),
        mark(&links.cookies)
    ));
    if !page.services.is_empty() {
        let names: Vec<String> = page
            .services
            .iter()
            .map(|s| {
                if s.tracker && s.before_consent() {
                    format!("{} (avant consentement)", s.name)
                } else {
                    s.name.clone()
                }
            })
            .collect();
        lines.push(format!("services : {}", names.join(", ")));
    }
    if !page.third_party_requests.is_empty() {
        lines.push(format!(
            "requêtes vers d'autres sites avant consentement (navigateur) : {}",
            page.third_party_requests.len()
        ));
    }
    if let Some(elements) = &page.legal_notice {
        let marks: Vec<String> = elements
            .iter()
            .map(|e| format!("{} {}", if e.found { "✓" } else { "✗" }, e.label))
            .collect();
        lines.push(format!("éléments (LCEN, art. 1-1) : {}", marks.join(" ; ")));
    }
    for outdated in &page.outdated {
        lines.push(format!("référence périmée : {}", outdated.seen));
    }
    for form in &page.forms {
        lines.push(format!(
            "formulaire ({}) : mention d'information à proximité {}",
            form.fields.join(", "),
            if form.notice_nearby { "✓" } else { "✗" }
        ));
    }
    (head, lines)
}

fn heading(report: &ScanReport) -> String {
    format!(
        "Analyse de {} — {} (analyse {})",
        report.url,
        french::date(report.date),
        report.mode
    )
}

/// The report as text for a terminal.
pub fn to_text(report: &ScanReport) -> String {
    let mut out = format!("{}\n", heading(report));
    for section in sections(report) {
        out.push_str(&format!("\n{}\n", section.title));
        for (line, sub) in section.items {
            out.push_str(&format!("  - {line}\n"));
            for s in sub {
                out.push_str(&format!("      {s}\n"));
            }
        }
    }
    out
}

/// The report in Markdown.
pub fn to_markdown(report: &ScanReport) -> String {
    let escape = |text: &str| {
        text.replace('\\', "\\\\")
            .replace('*', "\\*")
            .replace('_', "\\_")
            .replace('<', "&lt;")
    };
    let mut out = format!("# {}\n", escape(&heading(report)));
    for section in sections(report) {
        out.push_str(&format!("\n## {}\n\n", section.title));
        for (line, sub) in section.items {
            out.push_str(&format!("- {}\n", escape(&line)));
            for s in sub {
                out.push_str(&format!("  - {}\n", escape(&s)));
            }
        }
    }
    out
}

/// The report as JSON.
pub fn to_json(report: &ScanReport) -> String {
    serde_json::to_string_pretty(report).expect("the report is plain data")
}
