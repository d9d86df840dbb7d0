//! The one key table: it dispatches keys, and the footer and the `?` overlay are drawn
//! from it, so the help never drifts from what the keys do.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::model::Context;
use super::update::Action;

impl Context {
    /// Does typing go to a text field here?
    pub fn is_typing(self) -> bool {
        matches!(
            self,
            Context::NewOrg
                | Context::Text
                | Context::Identity
                | Context::Folder
                | Context::Search
                | Context::ScanAddress
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::ALT,
    }
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        // Terminals differ on whether Shift comes with `?` or `A`: ignore it for characters.
        let modifiers = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        self.code == event.code && self.modifiers == modifiers
    }
}

/// One binding: where it applies, its keys, what it does, and how the help shows it.
pub struct Binding {
    pub contexts: &'static [Context],
    pub keys: &'static [Key],
    pub hint: &'static str,
    pub label: &'static str,
    pub action: Action,
    /// Footer order (1 first); 0 keeps it out of the footer, in the `?` overlay only.
    pub footer: u8,
}

use Context::*;

const QUESTIONS: &[Context] = &[Choice, Multi, Text, Identity];
const LISTS: &[Context] = &[Home, Choice, Multi, Review, Results, Documents, History];
const EVERYWHERE: &[Context] = &[
    Home,
    NewOrg,
    Choice,
    Multi,
    Text,
    Identity,
    Review,
    Results,
    Documents,
    Folder,
    Search,
    History,
    Help,
    Confirm,
    TooSmall,
    ScanAddress,
    ScanProposals,
];
const DIGITS: &[Key] = &[
    ch('1'),
    ch('2'),
    ch('3'),
    ch('4'),
    ch('5'),
    ch('6'),
    ch('7'),
    ch('8'),
    ch('9'),
];

pub static BINDINGS: &[Binding] = &[
    Binding {
        contexts: &[Confirm],
        keys: &[ch('o'), ch('y')],
        hint: "o",
        label: "oui",
        action: Action::Confirm,
        footer: 1,
    },
    Binding {
        contexts: &[Confirm],
        keys: &[ch('n'), key(KeyCode::Esc)],
        hint: "n/Échap",
        label: "non",
        action: Action::Close,
        footer: 2,
    },
    Binding {
        contexts: &[Help],
        keys: &[key(KeyCode::Esc), ch('?'), ch('q'), key(KeyCode::F(1))],
        hint: "Échap",
        label: "fermer l'aide",
        action: Action::Close,
        footer: 1,
    },
    Binding {
        contexts: &[Help],
        keys: &[key(KeyCode::Tab), ch('l')],
        hint: "Tab",
        label: "les mots de vigie / les touches",
        action: Action::Next,
        footer: 2,
    },
    Binding {
        contexts: &[Home],
        keys: &[key(KeyCode::Enter)],
        hint: "Entrée",
        label: "ouvrir",
        action: Action::Next,
        footer: 1,
    },
    Binding {
        contexts: &[Home],
        keys: &[ch('n')],
        hint: "n",
        label: "nouvelle organisation",
        action: Action::NewOrg,
        footer: 2,
    },
    Binding {
        contexts: &[Home],
        keys: &[ch('s'), key(KeyCode::Delete)],
        hint: "s",
        label: "supprimer",
        action: Action::Delete,
        footer: 4,
    },
    Binding {
        contexts: &[Home, Results],
        keys: &[ch('h')],
        hint: "h",
        label: "historique",
        action: Action::History,
        footer: 3,
    },
    Binding {
        contexts: &[Home],
        keys: &[ch('a')],
        hint: "a",
        label: "analyser mon site",
        action: Action::Scan,
        footer: 4,
    },
    Binding {
        contexts: &[Choice, Multi],
        keys: &[ch('a')],
        hint: "a",
        label: "analyser mon site",
        action: Action::Scan,
        footer: 0,
    },
    Binding {
        contexts: &[ScanAddress],
        keys: &[key(KeyCode::Enter)],
        hint: "Entrée",
        label: "analyser",
        action: Action::Next,
        footer: 1,
    },
    Binding {
        contexts: &[ScanProposals],
        keys: &[key(KeyCode::Enter)],
        hint: "Entrée",
        label: "confirmer les réponses proposées",
        action: Action::Next,
        footer: 1,
    },
    Binding {
        contexts: &[ScanAddress, ScanProposals],
        keys: &[key(KeyCode::Esc)],
        hint: "Échap",
        label: "revenir sans rien changer",
        action: Action::Close,
        footer: 2,
    },
    Binding {
        contexts: &[ScanProposals],
        keys: &[key(KeyCode::Down), key(KeyCode::PageDown), ch('j')],
        hint: "↓",
        label: "faire défiler",
        action: Action::ScrollDown,
        footer: 3,
    },
    Binding {
        contexts: &[ScanProposals],
        keys: &[key(KeyCode::Up), key(KeyCode::PageUp), ch('k')],
        hint: "↑",
        label: "remonter",
        action: Action::ScrollUp,
        footer: 0,
    },
    Binding {
        contexts: &[Home],
        keys: &[ch('q'), key(KeyCode::Esc)],
        hint: "q",
        label: "quitter",
        action: Action::Quit,
        footer: 6,
    },
    Binding {
        contexts: &[Review, Choice, Multi],
        keys: &[ch('/')],
        hint: "/",
        label: "chercher",
        action: Action::Search,
        footer: 6,
    },
    Binding {
        contexts: &[Search],
        keys: &[key(KeyCode::Enter)],
        hint: "Entrée",
        label: "aller à la réponse",
        action: Action::Next,
        footer: 1,
    },
    Binding {
        contexts: &[Search],
        keys: &[key(KeyCode::Esc)],
        hint: "Échap",
        label: "annuler",
        action: Action::Close,
        footer: 2,
    },
    Binding {
        contexts: &[Results],
        keys: &[key(KeyCode::Enter)],
        hint: "Entrée",
        label: "ouvrir la question",
        action: Action::Next,
        footer: 3,
    },
    Binding {
        contexts: &[NewOrg],
        keys: &[key(KeyCode::Enter)],
        hint: "Entrée",
        label: "créer",
        action: Action::Next,
        footer: 1,
    },
    Binding {
        contexts: &[Choice, Multi, Text],
        keys: &[key(KeyCode::Enter), key(KeyCode::Tab)],
        hint: "Entrée",
        label: "valider et continuer",
        action: Action::Next,
        footer: 1,
    },
    Binding {
        contexts: &[Identity],
        keys: &[key(KeyCode::Enter)],
        hint: "Entrée",
        label: "champ suivant",
        action: Action::Next,
        footer: 1,
    },
    Binding {
        contexts: &[Identity],
        keys: &[key(KeyCode::Tab), key(KeyCode::Down)],
        hint: "Tab/↓",
        label: "champ suivant",
        action: Action::Down,
        footer: 0,
    },
    Binding {
        contexts: &[Identity],
        keys: &[key(KeyCode::Up)],
        hint: "↑",
        label: "champ précédent",
        action: Action::Up,
        footer: 0,
    },
    Binding {
        contexts: &[Identity],
        keys: &[key(KeyCode::F(2)), ctrl('s')],
        hint: "F2",
        label: "terminer l'identité",
        action: Action::Finish,
        footer: 2,
    },
    Binding {
        contexts: &[Choice, Multi],
        keys: &[key(KeyCode::Left)],
        hint: "←",
        label: "question précédente",
        action: Action::Back,
        footer: 0,
    },
    Binding {
        contexts: QUESTIONS,
        keys: &[key(KeyCode::BackTab), alt(KeyCode::Left)],
        hint: "Maj+Tab",
        label: "précédente",
        action: Action::Back,
        footer: 3,
    },
    Binding {
        contexts: &[Multi],
        keys: &[ch(' '), ch('x')],
        hint: "Espace",
        label: "cocher",
        action: Action::Toggle,
        footer: 2,
    },
    Binding {
        contexts: &[History],
        keys: &[ch(' ')],
        hint: "Espace",
        label: "comparer à celle-ci",
        action: Action::Toggle,
        footer: 2,
    },
    Binding {
        contexts: &[Choice, Multi],
        keys: DIGITS,
        hint: "1-9",
        label: "choisir l'option",
        action: Action::Pick(0),
        footer: 0,
    },
    Binding {
        contexts: LISTS,
        keys: &[key(KeyCode::Up), ch('k')],
        hint: "↑↓",
        label: "choisir",
        action: Action::Up,
        footer: 5,
    },
    Binding {
        contexts: LISTS,
        keys: &[key(KeyCode::Down), ch('j')],
        hint: "↓",
        label: "descendre",
        action: Action::Down,
        footer: 0,
    },
    Binding {
        contexts: &[Home, Choice, Multi, Review, Documents, History],
        keys: &[key(KeyCode::Home)],
        hint: "Début",
        label: "premier élément",
        action: Action::First,
        footer: 0,
    },
    Binding {
        contexts: &[Home, Choice, Multi, Review, Documents, History],
        keys: &[key(KeyCode::End)],
        hint: "Fin",
        label: "dernier élément",
        action: Action::Last,
        footer: 0,
    },
    Binding {
        contexts: &[Choice, Multi, Text, Identity, Results, Documents, History],
        keys: &[key(KeyCode::PageDown)],
        hint: "PgSuiv",
        label: "faire défiler l'explication",
        action: Action::ScrollDown,
        footer: 0,
    },
    Binding {
        contexts: &[Choice, Multi, Text, Identity, Results, Documents, History],
        keys: &[key(KeyCode::PageUp)],
        hint: "PgPréc",
        label: "remonter dans l'explication",
        action: Action::ScrollUp,
        footer: 0,
    },
    Binding {
        contexts: &[Review],
        keys: &[key(KeyCode::PageDown)],
        hint: "PgSuiv",
        label: "page suivante",
        action: Action::PageDown,
        footer: 0,
    },
    Binding {
        contexts: &[Review],
        keys: &[key(KeyCode::PageUp)],
        hint: "PgPréc",
        label: "page précédente",
        action: Action::PageUp,
        footer: 0,
    },
    Binding {
        contexts: &[Choice, Multi],
        keys: &[ch('r')],
        hint: "r",
        label: "récapitulatif",
        action: Action::Review,
        footer: 4,
    },
    Binding {
        contexts: &[Text, Identity],
        keys: &[key(KeyCode::F(3))],
        hint: "F3",
        label: "récapitulatif",
        action: Action::Review,
        footer: 0,
    },
    Binding {
        contexts: &[Review],
        keys: &[key(KeyCode::Enter)],
        hint: "Entrée",
        label: "modifier la réponse",
        action: Action::Next,
        footer: 1,
    },
    Binding {
        contexts: &[Review],
        keys: &[ch('v')],
        hint: "v",
        label: "voir les résultats",
        action: Action::Results,
        footer: 2,
    },
    Binding {
        contexts: &[Results],
        keys: &[key(KeyCode::Tab), key(KeyCode::Right), key(KeyCode::Left)],
        hint: "Tab",
        label: "onglet suivant",
        action: Action::NextTab,
        footer: 1,
    },
    Binding {
        contexts: &[Results],
        keys: &[ch('d')],
        hint: "d",
        label: "documents",
        action: Action::Documents,
        footer: 2,
    },
    Binding {
        contexts: &[Results],
        keys: &[ch('r')],
        hint: "r",
        label: "réponses",
        action: Action::Review,
        footer: 4,
    },
    Binding {
        contexts: &[Results],
        keys: &[ch('p')],
        hint: "p",
        label: "rapport",
        action: Action::Report,
        footer: 6,
    },
    Binding {
        contexts: &[Documents],
        keys: &[ch('e')],
        hint: "e",
        label: "écrire les fichiers",
        action: Action::Write,
        footer: 1,
    },
    Binding {
        contexts: &[Documents],
        keys: &[ch('m')],
        hint: "m/h/t",
        label: "formats md, html, txt",
        action: Action::Format(0),
        footer: 3,
    },
    Binding {
        contexts: &[Documents],
        keys: &[ch('h')],
        hint: "h",
        label: "format HTML",
        action: Action::Format(1),
        footer: 0,
    },
    Binding {
        contexts: &[Documents],
        keys: &[ch('t')],
        hint: "t",
        label: "format texte",
        action: Action::Format(2),
        footer: 0,
    },
    Binding {
        contexts: &[Documents],
        keys: &[ch('o')],
        hint: "o",
        label: "dossier de sortie",
        action: Action::EditFolder,
        footer: 2,
    },
    Binding {
        contexts: &[Folder],
        keys: &[key(KeyCode::Enter)],
        hint: "Entrée",
        label: "valider le dossier",
        action: Action::Next,
        footer: 1,
    },
    Binding {
        contexts: &[NewOrg, Folder],
        keys: &[key(KeyCode::Esc)],
        hint: "Échap",
        label: "annuler",
        action: Action::Close,
        footer: 2,
    },
    Binding {
        contexts: &[
            Choice, Multi, Text, Identity, Review, Results, Documents, History,
        ],
        keys: &[key(KeyCode::Esc)],
        hint: "Échap",
        label: "retour",
        action: Action::Close,
        footer: 7,
    },
    Binding {
        contexts: &[Home, Choice, Multi, Review, Results, Documents, History],
        keys: &[ch('?'), key(KeyCode::F(1))],
        hint: "?",
        label: "aide",
        action: Action::Help,
        footer: 8,
    },
    Binding {
        contexts: &[NewOrg, Text, Identity, Folder],
        keys: &[key(KeyCode::F(1))],
        hint: "F1",
        label: "aide",
        action: Action::Help,
        footer: 8,
    },
    Binding {
        contexts: EVERYWHERE,
        keys: &[ctrl('c')],
        hint: "Ctrl+C",
        label: "quitter (réponses gardées)",
        action: Action::Interrupt,
        footer: 9,
    },
];

/// The action a key press means here: a binding, or typing into the focused field.
pub fn dispatch(context: Context, event: &KeyEvent) -> Option<Action> {
    let binding = BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.iter().any(|k| k.matches(event)));
    match binding {
        Some(b) => Some(match (&b.action, event.code) {
            (Action::Pick(_), KeyCode::Char(c)) => {
                Action::Pick(c.to_digit(10).map_or(0, |d| d as usize - 1))
            }
            (action, _) => action.clone(),
        }),
        None if context.is_typing() => {
            tui_input::backend::crossterm::to_input_request(&Event::Key(*event)).map(Action::Input)
        }
        None => None,
    }
}

/// The bindings shown in the footer here, in footer order.
pub fn footer(context: Context) -> Vec<&'static Binding> {
    let mut shown: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.footer > 0 && b.contexts.contains(&context))
        .collect();
    shown.sort_by_key(|b| b.footer);
    shown
}

/// Every binding that applies here, for the `?` overlay.
pub fn help(context: Context) -> Vec<&'static Binding> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .collect()
}
