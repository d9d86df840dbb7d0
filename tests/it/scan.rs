//! `vigie scan` on fixture sites served on 127.0.0.1 (never the internet): the report of each
//! site, the bad cases, and the proposals recorded then applied with --org.

use predicates::prelude::*;

use super::common::{fixtures, vigie};
use super::site_server::{Server, closed_port, serve, serve_self_signed};

/// The static scan's stdout, with the server's port replaced so that snapshots are stable.
fn scan_output(server: &Server, args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let output = vigie(&home)
        .arg("scan")
        .arg(server.url("/"))
        .arg("--statique")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "scan failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .replace(&format!("127.0.0.1:{}", server.port), "site.test")
}

#[test]
fn wix_like_site_shows_analytics_and_map_loaded_before_consent() {
    let server = serve("wix");
    let text = scan_output(&server, &[]);
    assert!(
        text.contains("Traceurs chargés avant tout consentement : Google Analytics 4, Google Maps")
    );
    assert!(text.contains("Aucun outil de gestion du consentement"));
    assert!(text.contains("_ga (Google Analytics 4) : durée : 2 ans"));
    assert!(text.contains("directeur ou directrice de la publication"));
    assert!(text.contains("Formulaires sans mention d'information"));
    insta::assert_snapshot!("scan-wix", text);
}

#[test]
fn clean_site_with_a_consent_manager_has_its_trackers_blocked() {
    let server = serve("propre");
    let text = scan_output(&server, &[]);
    assert!(text.contains("✓ Aucun traceur soumis au consentement n'est chargé"));
    assert!(text.contains("✓ Gestion du consentement : Axeptio."));
    assert!(text.contains("bloqué jusqu'au consentement"));
    assert!(text.contains("tous les éléments de l'article 1-1"));
    assert!(!text.contains("Références périmées"));
    insta::assert_snapshot!("scan-propre", text);
}

#[test]
fn outdated_legal_notice_is_flagged() {
    let server = serve("ancien");
    let text = scan_output(&server, &["--format", "markdown"]);
    assert!(text.contains("article 6-iii"));
    assert!(text.contains("déclarations à la CNIL ont été supprimées le 25 mai 2018"));
    assert!(text.contains("fermée depuis le 20 juillet 2025"));
    assert!(text.contains("Tarteaucitron"));
    insta::assert_snapshot!("scan-ancien", text);
}

#[test]
fn shop_with_a_pixel() {
    let server = serve("boutique");
    let text = scan_output(&server, &[]);
    assert!(text.contains("Pixel"), "{text}");
    assert!(text.contains("Shopify"));
    insta::assert_snapshot!("scan-boutique", text);
}

#[test]
fn json_report_lists_pages_services_and_cookies() {
    let server = serve("wix");
    let json: serde_json::Value =
        serde_json::from_str(&scan_output(&server, &["--format", "json"])).unwrap();
    assert_eq!(json["mode"], "statique");
    assert_eq!(json["date"], "2026-12-01");
    let kinds: Vec<&str> = json["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["accueil", "mentions_legales", "contact"]);
    let ga = json["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "google_analytics")
        .unwrap();
    assert_eq!(ga["tracker"], true);
    assert!(
        ga["evidence"][0]["what"]
            .as_str()
            .unwrap()
            .contains("gtag/js?id=G-DUPAIN123")
    );
    assert_eq!(json["cookies"][1]["name"], "_ga");
    assert_eq!(json["cookies"][1]["service"], "google_analytics");
}

#[test]
fn pages_limit_is_respected() {
    let server = serve("dix-pages");
    let json: serde_json::Value =
        serde_json::from_str(&scan_output(&server, &["--format", "json", "--pages", "3"])).unwrap();
    assert_eq!(json["pages"].as_array().unwrap().len(), 3);
    let all: serde_json::Value =
        serde_json::from_str(&scan_output(&server, &["--format", "json"])).unwrap();
    assert_eq!(all["pages"].as_array().unwrap().len(), 10);
}

#[test]
fn the_site_is_where_the_home_page_ends_up() {
    let server = serve("wix");
    let home = tempfile::tempdir().unwrap();
    let url = format!("http://localhost:{}/cas/ailleurs", server.port);
    let output = vigie(&home)
        .args(["scan", &url, "--statique", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let pages: Vec<&str> = json["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["final_url"].as_str().unwrap())
        .collect();
    let site = format!("http://127.0.0.1:{}", server.port);
    assert_eq!(
        pages,
        [
            format!("{site}/"),
            format!("{site}/mentions-legales"),
            format!("{site}/contact")
        ]
    );
}

#[test]
fn progress_is_one_french_line_per_page_on_stderr() {
    let server = serve("wix");
    let home = tempfile::tempdir().unwrap();
    vigie(&home)
        .args(["scan", &server.url("/")])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Lecture de la page 1 (accueil) : http://127.0.0.1",
        ))
        .stderr(predicate::str::contains(
            "Lecture de la page 2 (mentions légales)",
        ));
}

/// Runs a scan expected to fail; returns stderr.
fn failing_scan(url: &str, code: i32, extra: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let output = vigie(&home)
        .arg("scan")
        .arg(url)
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(code), "{output:?}");
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn unreachable_host_is_a_runtime_error() {
    let url = format!("http://127.0.0.1:{}/", closed_port());
    let stderr = failing_scan(&url, 1, &[]);
    assert!(
        stderr.contains("impossible de joindre 127.0.0.1"),
        "{stderr}"
    );
}

#[test]
fn slow_site_times_out() {
    let server = serve("wix");
    let stderr = failing_scan(&server.url("/cas/lent"), 1, &["--delai", "1"]);
    assert!(stderr.contains("délai imparti (time-out)"), "{stderr}");
}

#[test]
fn redirect_loop_is_detected() {
    let server = serve("wix");
    let stderr = failing_scan(&server.url("/cas/boucle-a"), 1, &[]);
    assert!(stderr.contains("boucle de redirections"), "{stderr}");
}

#[test]
fn non_html_home_is_refused() {
    let server = serve("wix");
    let stderr = failing_scan(&server.url("/cas/pdf"), 1, &[]);
    assert!(
        stderr.contains("n'est pas une page HTML (type « application/pdf »)"),
        "{stderr}"
    );
}

#[test]
fn self_signed_certificate_is_refused() {
    let server = serve_self_signed();
    let url = format!("https://127.0.0.1:{}/", server.port);
    let stderr = failing_scan(&url, 1, &[]);
    assert!(
        stderr.contains("la connexion sécurisée (HTTPS) a échoué"),
        "{stderr}"
    );
}

#[test]
fn other_schemes_are_usage_errors() {
    let stderr = failing_scan("ftp://exemple.fr/", 2, &[]);
    assert!(
        stderr.contains("vigie n'analyse que les adresses http:// ou https://"),
        "{stderr}"
    );
    let stderr = failing_scan("file:///etc/passwd", 2, &[]);
    assert!(stderr.contains("pas « file: »"), "{stderr}");
}

#[test]
fn a_fifty_megabyte_page_is_read_up_to_the_limit() {
    let server = serve("wix");
    let home = tempfile::tempdir().unwrap();
    vigie(&home)
        .args([
            "scan",
            &server.url("/cas/enorme"),
            "--pages",
            "1",
            "--statique",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "page trop volumineuse : seul son début a été lu",
        ))
        .stdout(predicate::str::contains("Une page dépassait 5 Mo"));
}

/// An organisation imported from `answers` (fixture text, edited by `edit`).
fn organisation(home: &tempfile::TempDir, edit: impl Fn(String) -> String) {
    let text = std::fs::read_to_string(fixtures().join("answers/boulangerie.toml")).unwrap();
    let file = home.path().join("reponses.toml");
    std::fs::write(&file, edit(text)).unwrap();
    vigie(home)
        .args(["import", file.to_str().unwrap(), "--org", "dupain"])
        .assert()
        .success();
}

fn stored_answers(home: &tempfile::TempDir) -> String {
    std::fs::read_to_string(home.path().join("data/organisations/dupain/reponses.toml")).unwrap()
}

#[test]
fn proposals_are_recorded_as_observed_and_change_nothing_until_applied() {
    let server = serve("wix");
    let home = tempfile::tempdir().unwrap();
    organisation(&home, |text| text);
    let before = stored_answers(&home);
    vigie(&home)
        .args(["scan", &server.url("/"), "--org", "dupain", "--statique"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Réponses proposées d'après l'analyse",
        ))
        .stdout(predicate::str::contains("« observé le 01/12/2026 »"))
        .stdout(predicate::str::contains("--org dupain --apply"));
    let after = stored_answers(&home);
    let table: toml::Table = toml::from_str(&after).unwrap();
    let declared: toml::Table = toml::from_str(&before).unwrap();
    assert_eq!(
        table["reponses"], declared["reponses"],
        "answers must not change"
    );
    let services = &table["observations"]["services"];
    assert_eq!(services["date"].as_str(), Some("2026-12-01"));
    let proposed: Vec<&str> = services["valeur"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(proposed.contains(&"google_analytics") && proposed.contains(&"wix"));
    assert!(services["preuve"].as_str().unwrap().contains("gtag/js"));

    // The score report shows the contradictions as actions.
    vigie(&home)
        .args(["score", "--org", "dupain"])
        .assert()
        .stdout(predicate::str::contains(
            "Déclaré / observé : à vérifier en premier",
        ))
        .stdout(predicate::str::contains(
            "Quels outils et services en ligne utilisez-vous ?",
        ))
        .stdout(predicate::str::contains("observé le 01/12/2026"));

    vigie(&home)
        .args([
            "scan",
            &server.url("/"),
            "--org",
            "dupain",
            "--apply",
            "--statique",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "mises à jour et datées du 01/12/2026",
        ));
    let applied: toml::Table = toml::from_str(&stored_answers(&home)).unwrap();
    assert!(applied.get("observations").is_none());
    let services = applied["reponses"]["services"].as_array().unwrap();
    assert!(
        services
            .iter()
            .any(|s| s.as_str() == Some("google_analytics"))
    );
    assert_eq!(applied["dates"]["services"].as_str(), Some("2026-12-01"));
    assert_eq!(applied["reponses"]["sv_ml_directeur"].as_str(), Some("non"));
    vigie(&home)
        .args(["score", "--org", "dupain"])
        .assert()
        .stdout(predicate::str::contains("Déclaré / observé").not());
}

#[test]
fn declared_no_trackers_against_observed_analytics() {
    let server = serve("wix");
    let home = tempfile::tempdir().unwrap();
    organisation(&home, |text| {
        text.replace("traceurs = \"oui\"", "traceurs = \"non\"")
    });
    vigie(&home)
        .args(["scan", &server.url("/"), "--org", "dupain", "--statique"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "proposé : Oui (actuellement : Non)",
        ));
    let output = vigie(&home)
        .args(["score", "--org", "dupain"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("Déclaré : Non — observé le 01/12/2026 : Oui"),
        "{text}"
    );
    assert!(
        text.contains("Google Analytics 4 (script https://www.googletagmanager.com/gtag/js"),
        "{text}"
    );
}

#[test]
fn a_missing_page_is_reported_and_a_missing_home_stops_the_scan() {
    let server = serve("ancien");
    let text = scan_output(&server, &[]);
    assert!(
        text.contains("cookies — http://site.test/gestion-cookies\n      non lue : la page répond par une erreur 404"),
        "{text}"
    );
    let stderr = failing_scan(&server.url("/absente"), 1, &["--statique"]);
    assert!(
        stderr.contains("absente : la page répond par une erreur 404"),
        "{stderr}"
    );
}

/// The browser to test with: Chromium from the PATH (.ci/run installs it). Without one, the
/// browser tests say so and pass, except in CI where they must run. They use --site-seul:
/// the browser resolves no host name, so nothing leaves the machine.
fn browser() -> Option<std::path::PathBuf> {
    let found = vigie::engine::scan::browser::find(None).unwrap();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium manque : .ci/run doit l'installer pour les tests du mode navigateur"
        );
        eprintln!("mode navigateur non testé : aucun Chromium ni Chrome dans le PATH");
    }
    found
}

/// vigie for a scan in browser mode. Chromium does not run its scripts' timers under a shifted
/// system clock (libfaketime preloaded, as in a run of the tests on another day): it gets the
/// real clock, and vigie's own day still comes from VIGIE_NOW.
fn vigie_with_browser(home: &tempfile::TempDir) -> assert_cmd::Command {
    let mut command = vigie(home);
    command.env_remove("LD_PRELOAD").env_remove("FAKETIME");
    command
}

#[test]
fn browser_mode_sees_trackers_added_by_scripts() {
    let Some(chromium) = browser() else {
        return;
    };
    let server = serve("dynamique");
    let static_text = scan_output(&server, &[]);
    assert!(!static_text.contains("Pixel Meta"), "{static_text}");
    assert!(static_text.contains("sans exécuter les scripts"));

    let home = tempfile::tempdir().unwrap();
    let output = vigie_with_browser(&home)
        .args([
            "scan",
            &server.url("/"),
            "--site-seul",
            "--navigateur",
            chromium.to_str().unwrap(),
        ])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("Chargement dans le navigateur de la page 1"),
        "{stderr}"
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("(analyse navigateur)"), "{text}");
    assert!(
        text.contains("Traceurs chargés avant tout consentement : Google Analytics 4, Pixel Meta"),
        "{text}"
    );
    assert!(text.contains("requête (navigateur) : https://connect.facebook.net/fr_FR/fbevents.js"));
    assert!(text.contains("Autres sites contactés avant tout consentement (navigateur)\n  - connect.facebook.net ("), "{text}");
    assert!(
        text.contains("_ga (Google Analytics 4) : durée : 1 heure"),
        "{text}"
    );
    assert!(text.contains("déposé par navigateur"));
    assert!(!text.contains("sans exécuter les scripts"));
    assert!(
        text.contains("n'a contacté que le site analysé (--site-seul)"),
        "{text}"
    );
}

#[test]
fn browser_mode_finds_nothing_before_consent_on_the_clean_site() {
    let Some(chromium) = browser() else {
        return;
    };
    let server = serve("propre");
    let home = tempfile::tempdir().unwrap();
    let output = vigie_with_browser(&home)
        .args([
            "scan",
            &server.url("/"),
            "--pages",
            "2",
            "--site-seul",
            "--navigateur",
            chromium.to_str().unwrap(),
        ])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    // Axeptio's SDK is a third-party request (it shows the banner); the trackers are not.
    assert!(text.contains("static.axept.io (1 requête)"), "{text}");
    assert!(!text.contains("googletagmanager.com ("), "{text}");
    assert!(!text.contains("youtube.com ("), "{text}");
    assert!(
        text.contains("✓ Aucun traceur soumis au consentement reconnu avant le consentement"),
        "{text}"
    );
}

#[test]
fn a_browser_that_does_not_exist_is_a_usage_error() {
    let stderr = failing_scan(
        "http://127.0.0.1:9/",
        2,
        &["--navigateur", "/nulle/part/chromium"],
    );
    assert!(
        stderr.contains("navigateur introuvable : /nulle/part/chromium"),
        "{stderr}"
    );
}

#[test]
fn signatures_are_checked_with_their_place() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("questionnaires");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("signatures.toml"),
        "format = 1\n\n[[signature]]\nservice = \"inconnu\"\nurls = [\"x.fr\"]\n\n[[signature]]\nservice = \"wix\"\nurls = [\"https://wix.com\"]\n",
    )
    .unwrap();
    vigie(&home)
        .args(["check", "--questionnaires", dir.to_str().unwrap()])
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "signatures.toml:4:11 : service « inconnu » inconnu",
        ))
        .stderr(predicate::str::contains(
            "signatures.toml:9:9 : motif « https://wix.com » invalide",
        ));
}
