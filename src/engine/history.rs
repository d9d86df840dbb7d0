//! What changed between two runs: score overall and per module, actions resolved and new,
//! answers changed, and the documents whose text changed, with a word-level diff. Run files
//! and templates may come from elsewhere: every text of a diff has its control characters
//! shown visibly ([`visible`]), never sent raw to a terminal.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::documents::{Templates, build_context, render};
use crate::model::catalog::Catalog;
use crate::model::date::Date;
use crate::model::sanitize::visible;
use crate::storage::run::StoredRun;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    pub id: String,
    pub title: String,
    pub before: Option<u8>,
    pub after: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerChange {
    pub question: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Segment {
    Same(String),
    Removed(String),
    Added(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentChange {
    pub stem: String,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunDiff {
    pub from: String,
    pub to: String,
    pub overall: ScoreChange,
    pub modules: Vec<ScoreChange>,
    pub resolved: Vec<String>,
    pub new_actions: Vec<String>,
    pub answers: Vec<AnswerChange>,
    pub documents: Vec<DocumentChange>,
}

fn flatten(run: &StoredRun) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    for table in ["identite", "reponses"] {
        if let Some(toml::Value::Table(entries)) = run.record.answers.get(table) {
            for (id, value) in entries {
                let shown = match value {
                    toml::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                values.insert(visible(id).into_owned(), visible(&shown).into_owned());
            }
        }
    }
    values
}

/// The documents of a run, regenerated from its answers at its date.
fn documents_of(
    catalog: &Catalog,
    templates: &Templates,
    run: &StoredRun,
) -> BTreeMap<String, String> {
    let Some(answers) = run.record.parsed_answers(catalog, &run.file) else {
        return BTreeMap::new();
    };
    let Some(day) = Date::of_timestamp(&run.record.date) else {
        return BTreeMap::new();
    };
    let context = build_context(catalog, &answers, day);
    render(templates, &context, &[])
        .map(|docs| {
            docs.into_iter()
                .map(|d| (d.stem, visible(&d.markdown).into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// Compares two runs of the same organisation.
pub fn diff(catalog: &Catalog, templates: &Templates, a: &StoredRun, b: &StoredRun) -> RunDiff {
    let (ma, mb) = (&a.record.modules, &b.record.modules);
    let mut module_ids: Vec<(String, String)> = catalog
        .modules
        .iter()
        .map(|m| (m.id.clone(), visible(&m.title).into_owned()))
        .collect();
    for id in ma.keys().chain(mb.keys()) {
        if !module_ids.iter().any(|(known, _)| known == id) {
            module_ids.push((id.clone(), visible(id).into_owned()));
        }
    }
    let modules = module_ids
        .into_iter()
        .map(|(id, title)| ScoreChange {
            before: ma.get(&id).copied(),
            after: mb.get(&id).copied(),
            id,
            title,
        })
        .filter(|c| c.before != c.after)
        .collect();
    // The action plans: recorded in runs of format 1, scored again from the answers since.
    let (ra, rb) = (a.record.report(catalog), b.record.report(catalog));
    let actions_a: BTreeSet<&str> = ra.actions.iter().map(|x| x.question.as_str()).collect();
    let actions_b: BTreeSet<&str> = rb.actions.iter().map(|x| x.question.as_str()).collect();
    let title_of = |id: &str| {
        catalog.question(id).map_or_else(
            || visible(id).into_owned(),
            |q| visible(&q.prompt).into_owned(),
        )
    };
    let (va, vb) = (flatten(a), flatten(b));
    let keys: BTreeSet<&String> = va.keys().chain(vb.keys()).collect();
    let answers = keys
        .into_iter()
        .filter(|k| va.get(*k) != vb.get(*k))
        .map(|k| AnswerChange {
            question: k.clone(),
            before: va.get(k).cloned(),
            after: vb.get(k).cloned(),
        })
        .collect();
    let hashes = |run: &StoredRun| -> BTreeMap<String, String> {
        run.record
            .documents
            .iter()
            .map(|d| (d.stem.clone(), d.sha256.clone()))
            .collect()
    };
    let (ha, hb) = (hashes(a), hashes(b));
    let changed: BTreeSet<&String> = ha
        .keys()
        .chain(hb.keys())
        .filter(|stem| ha.get(*stem) != hb.get(*stem))
        .collect();
    let documents = if changed.is_empty() {
        Vec::new()
    } else {
        let (da, db) = (
            documents_of(catalog, templates, a),
            documents_of(catalog, templates, b),
        );
        changed
            .into_iter()
            .map(|stem| DocumentChange {
                stem: visible(stem).into_owned(),
                segments: word_diff(
                    da.get(stem).map_or("", String::as_str),
                    db.get(stem).map_or("", String::as_str),
                ),
            })
            .collect()
    };
    RunDiff {
        from: a.record.date.clone(),
        to: b.record.date.clone(),
        overall: ScoreChange {
            id: "global".into(),
            title: "Note globale".into(),
            before: a.record.score,
            after: b.record.score,
        },
        modules,
        resolved: actions_a
            .difference(&actions_b)
            .map(|q| title_of(q))
            .collect(),
        new_actions: actions_b
            .difference(&actions_a)
            .map(|q| title_of(q))
            .collect(),
        answers,
        documents,
    }
}

/// A word-level diff (longest common subsequence over whitespace-separated words).
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut segments: Vec<Segment> = Vec::new();
    let mut push = |segment: Segment| {
        let merged = match (segments.last_mut(), &segment) {
            (Some(Segment::Same(s)), Segment::Same(w))
            | (Some(Segment::Removed(s)), Segment::Removed(w))
            | (Some(Segment::Added(s)), Segment::Added(w)) => {
                s.push(' ');
                s.push_str(w);
                true
            }
            _ => false,
        };
        if !merged {
            segments.push(segment);
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            push(Segment::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            push(Segment::Removed(a[i].to_string()));
            i += 1;
        } else {
            push(Segment::Added(b[j].to_string()));
            j += 1;
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_only_what_changed() {
        assert_eq!(
            word_diff(
                "Le site est hébergé par Wix.",
                "Le site est hébergé par OVH SAS."
            ),
            [
                Segment::Same("Le site est hébergé par".into()),
                Segment::Removed("Wix.".into()),
                Segment::Added("OVH SAS.".into()),
            ]
        );
        assert_eq!(word_diff("a b", "a b"), [Segment::Same("a b".into())]);
    }
}
