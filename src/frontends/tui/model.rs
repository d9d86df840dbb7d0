//! The state of the UI: the open organisation and the screen in front of the user.

use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::rc::Rc;

use tui_input::Input;
use vigie::documents::{Format, RenderedDocument, Templates};
use vigie::engine::history::RunDiff;
use vigie::engine::interview::Cursor;
pub use vigie::engine::interview::Mark;
use vigie::engine::scoring::ScoreReport;
use vigie::model::answers::{Answer, Answers, Rating};
use vigie::model::catalog::{Catalog, Question, QuestionKind};
use vigie::model::date::Date;
use vigie::storage::organisation::Overview;
use vigie::storage::run::{RunSummary, StoredRun};

use super::theme::Theme;

/// Where the user is; decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    /// Typing the name of a new organisation.
    NewOrg,
    /// A question with options (one answer).
    Choice,
    /// A question with options (several answers).
    Multi,
    /// A question answered with text.
    Text,
    /// The identity form.
    Identity,
    Review,
    Results,
    Documents,
    /// Typing the output folder of the documents.
    Folder,
    /// Typing a search in the review.
    Search,
    History,
    Help,
    Confirm,
    /// The "terminal trop petit" screen.
    TooSmall,
    /// « Analyser mon site »: typing the site's address.
    ScanAddress,
    /// « Analyser mon site »: the proposed answers.
    ScanProposals,
}

pub struct Model {
    pub catalog: Rc<Catalog>,
    pub templates: Rc<Templates>,
    pub theme: Theme,
    /// Today: the date of answers and of documents.
    pub today: Date,
    /// The folder documents are written to by default (`<here>/documents-<slug>`).
    pub base_folder: PathBuf,
    pub org: Option<Org>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// The terminal size at the last draw, for the too-small screen.
    pub too_small: bool,
    /// Set when the user leaves: the exit code.
    pub exit: Option<u8>,
    /// Lines printed once the terminal is restored.
    pub farewell: Vec<String>,
    /// Why the last save of the answers failed, until one succeeds: the answers on screen
    /// are then « non enregistrées », and the interface says so until they are.
    pub unsaved: Option<String>,
}

/// The organisation being worked on.
#[derive(Debug, Clone)]
pub struct Org {
    pub slug: String,
    pub answers: Answers,
    /// Where the interview stands, with the questions asked first (★ new or changed since
    /// the previous run, ⌛ due for review) until a run is recorded.
    pub cursor: Cursor,
    /// The latest run, if any.
    pub last_run: Option<StoredRun>,
    /// The steps listed on the review when a question was opened from it: the questions an
    /// answer brings in are those not listed, asked in turn before going back to it.
    pub reviewed: Vec<vigie::engine::interview::Step>,
    /// The results page a question was opened from (Entrée on an action or an item to
    /// check): answered, the results are scored again; Échap goes back to them.
    pub results: Option<Box<Results>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// The second page of the help: the words vigie uses.
    Glossary,
    ConfirmDelete {
        slug: String,
        name: String,
    },
    ConfirmReplace {
        folder: PathBuf,
        formats: Vec<Format>,
        existing: usize,
    },
}

pub enum Screen {
    /// Shown until the organisations are loaded.
    Loading,
    Home(Home),
    NewOrg(NewOrg),
    Interview(Interview),
    Review(Review),
    Results(Box<Results>),
    Documents(Documents),
    History(History),
    /// « Analyser mon site »: the address, then the answers the scan proposes.
    Scan(ScanPage),
}

/// The « Analyser mon site » screen of one organisation.
pub struct ScanPage {
    pub slug: String,
    pub name: String,
    pub input: Input,
    pub error: Option<String>,
    /// After the scan: what it found and the answers it proposes.
    pub done: Option<ScanDone>,
    pub scroll: u16,
    /// Opened from the interview: leaving reopens the organisation (its answers read again,
    /// with the proposals), instead of going back to the home list.
    pub from_interview: bool,
}

/// What a scan from the interface found, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanDone {
    pub date: Date,
    /// The summary of the scan report, one line per point.
    pub summary: Vec<String>,
    /// The proposed answers: question, proposed answer, current answer, evidence.
    pub proposals: Vec<[String; 4]>,
}

pub struct Home {
    pub entries: Vec<Overview>,
    pub selected: usize,
}

pub struct NewOrg {
    pub input: Input,
    pub error: Option<String>,
    /// Whether Esc can go back to a list (false on the very first launch).
    pub can_cancel: bool,
    /// The organisations that exist already.
    pub taken: Vec<String>,
}

pub struct Interview {
    pub form: StepForm,
    /// Opened from the review page: go back there once answered.
    pub from_review: bool,
    /// Scroll of the "Pourquoi ?" pane.
    pub help_scroll: u16,
    /// The search typed among the options (`/`), and the option selected before it.
    pub search: Option<(Input, usize)>,
    /// The words the options are filtered by once typed (Entrée), until Échap.
    pub filter: Option<String>,
    /// The group heading of each option (the services' categories), empty when the options
    /// are not grouped: shown above its first option, and searched like the labels.
    pub groups: Vec<&'static str>,
}

impl Interview {
    /// The options shown: those whose label, or group heading, holds the words being typed
    /// or kept as a filter, case and accents aside; all of them without a filter.
    pub fn visible_options(&self) -> Vec<usize> {
        let StepForm::Choice { options, .. } = &self.form else {
            return Vec::new();
        };
        let query = match (&self.search, &self.filter) {
            (Some((input, _)), _) => input.value(),
            (None, Some(filter)) => filter.as_str(),
            (None, None) => "",
        };
        matching_options(options, &self.groups, query)
    }
}

/// The options whose label or group heading holds `query`, case and accents aside (all for
/// an empty query).
pub fn matching_options(options: &[(String, String)], groups: &[&str], query: &str) -> Vec<usize> {
    let query = vigie::model::french::fold(query.trim());
    let holds = |text: &str| vigie::model::french::fold(text).contains(&query);
    options
        .iter()
        .enumerate()
        .filter(|(i, (_, label))| holds(label) || groups.get(*i).is_some_and(|g| holds(g)))
        .map(|(i, _)| i)
        .collect()
}

/// The editing state of the current step.
pub enum StepForm {
    Choice {
        options: Vec<(String, String)>,
        cursor: usize,
        /// Ticked options, for several-answer questions.
        ticked: BTreeSet<usize>,
        multi: bool,
        /// For a single choice: is the option under the cursor chosen? An unanswered choice
        /// starts with none, so that Entrée alone never declares a DPO or a contest.
        picked: bool,
    },
    Text {
        input: Input,
        error: Option<String>,
    },
    Identity {
        fields: Vec<Field>,
        focus: usize,
    },
}

/// One identity field.
pub struct Field {
    pub id: String,
    pub value: FieldValue,
    pub error: Option<String>,
    /// The VAT number was filled from the SIREN (and follows it).
    pub computed: bool,
    /// How a text value is completed and checked.
    pub validator: vigie::model::validators::Validator,
}

pub enum FieldValue {
    Text(Input),
    /// A choice among options (value, label), changed with ←/→.
    Choice {
        options: Vec<(String, String)>,
        selected: Option<usize>,
    },
}

impl Field {
    /// The field of an identity question, filled with its current answer.
    pub fn new(question: &Question, answer: Option<&Answer>) -> Field {
        let value = match &question.kind {
            QuestionKind::Choice { options, .. } => FieldValue::Choice {
                selected: match answer {
                    Some(Answer::Choice(v)) => options.iter().position(|o| &o.value == v),
                    _ => None,
                },
                options: options
                    .iter()
                    .map(|o| (o.value.clone(), o.label.clone()))
                    .collect(),
            },
            _ => FieldValue::Text(Input::new(match answer {
                Some(Answer::Text(text)) => text.clone(),
                _ => String::new(),
            })),
        };
        Field {
            id: question.id.clone(),
            value,
            error: None,
            computed: false,
            validator: match &question.kind {
                QuestionKind::Text { validator, .. } => *validator,
                _ => vigie::model::validators::Validator::Libre,
            },
        }
    }

    /// The answer the field holds, if any.
    pub fn answer(&self) -> Option<Answer> {
        match &self.value {
            FieldValue::Text(input) => {
                let text = input.value().trim();
                (!text.is_empty()).then(|| Answer::Text(self.validator.completed(text)))
            }
            FieldValue::Choice { options, selected } => {
                selected.map(|i| Answer::Choice(options[i].0.clone()))
            }
        }
    }
}

impl StepForm {
    /// The form of a question, filled with its current answer.
    pub fn question(question: &Question, answer: Option<&Answer>) -> StepForm {
        let options: Vec<(String, String)> = match &question.kind {
            QuestionKind::Conformite(scored) => scored
                .ratings()
                .into_iter()
                .map(|r| (r.value().to_string(), question.rating_label(r).to_string()))
                .collect(),
            QuestionKind::Text { .. } => {
                let text = match answer {
                    Some(Answer::Text(text)) => text.clone(),
                    _ => String::new(),
                };
                return StepForm::Text {
                    input: Input::new(text),
                    error: None,
                };
            }
            _ => question
                .options()
                .iter()
                .map(|o| (o.value.clone(), o.label.clone()))
                .collect(),
        };
        let index = |value: &str| options.iter().position(|(v, _)| v == value);
        let (cursor, ticked) = match answer {
            Some(Answer::Rating(r)) => (index(r.value()).unwrap_or(0), BTreeSet::new()),
            Some(Answer::Choice(v)) => (index(v).unwrap_or(0), BTreeSet::new()),
            Some(Answer::Multi(values)) => (0, values.iter().filter_map(|v| index(v)).collect()),
            // Unanswered compliance question: Enter alone must not claim compliance, so the
            // cursor starts on « Je ne sais pas ».
            _ if matches!(question.kind, QuestionKind::Conformite(_)) => (
                index(Rating::JeNeSaisPas.value()).unwrap_or(0),
                BTreeSet::new(),
            ),
            _ => (0, BTreeSet::new()),
        };
        StepForm::Choice {
            multi: matches!(question.kind, QuestionKind::Multi { .. }),
            picked: answer.is_some() || !matches!(question.kind, QuestionKind::Choice { .. }),
            options,
            cursor,
            ticked,
        }
    }
}

pub struct Review {
    pub rows: Vec<ReviewRow>,
    /// Index into `rows` of the selected item (never a heading).
    pub cursor: usize,
    /// The search being typed (`/`), and the row selected before it.
    pub search: Option<(Input, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewRow {
    Heading(String),
    Item {
        step: usize,
        label: String,
        answer: Option<String>,
        mark: Mark,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsTab {
    Actions,
    ToVerify,
    Sanctions,
    Identity,
}

impl ResultsTab {
    pub const ALL: [ResultsTab; 4] = [
        ResultsTab::Actions,
        ResultsTab::ToVerify,
        ResultsTab::Sanctions,
        ResultsTab::Identity,
    ];

    /// How many rows the tab lists.
    pub fn count(self, report: &ScoreReport) -> usize {
        match self {
            ResultsTab::Actions => report.actions.len(),
            ResultsTab::ToVerify => report.to_verify.len(),
            ResultsTab::Sanctions => report.sanctions.len(),
            ResultsTab::Identity => report.identity_missing.len(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Results {
    pub report: ScoreReport,
    /// The run's date (timestamp).
    pub date: String,
    /// The run before, for the change shown.
    pub previous: Option<RunSummary>,
    pub tab: ResultsTab,
    pub cursor: usize,
    pub detail_scroll: u16,
}

pub struct Documents {
    /// The results page to go back to.
    pub back: Option<Box<Results>>,
    pub documents: Vec<RenderedDocument>,
    pub cursor: usize,
    pub scroll: u16,
    /// md, html, txt.
    pub formats: [bool; 3],
    pub folder: Input,
    pub editing_folder: bool,
    pub written: Vec<PathBuf>,
}

pub struct History {
    pub slug: String,
    /// Every run, oldest first: its file name and the head of the file (date, score, grade),
    /// all that the chart and the list need.
    pub runs: Vec<(String, RunSummary)>,
    /// The runs read in full so far, by file name: only the ones compared are.
    pub loaded: BTreeMap<String, StoredRun>,
    pub problems: Vec<String>,
    pub cursor: usize,
    /// The run chosen as the starting point of the comparison (Space); by default the
    /// one before the selected run.
    pub base: Option<usize>,
    /// The change between the two runs compared.
    pub diff: Option<RunDiff>,
    /// Scroll of the comparison pane.
    pub scroll: u16,
    /// The results page to go back to.
    pub back: Option<Box<Results>>,
}

impl History {
    /// The two runs compared (older first), if any.
    pub fn pair(&self) -> Option<(usize, usize)> {
        match self.base {
            Some(base) if base != self.cursor => {
                Some((base.min(self.cursor), base.max(self.cursor)))
            }
            Some(_) => None,
            None => Some((self.cursor.checked_sub(1)?, self.cursor)),
        }
    }
}

impl Model {
    pub fn new(catalog: Rc<Catalog>, templates: Rc<Templates>, theme: Theme, today: Date) -> Model {
        Model {
            catalog,
            templates,
            theme,
            today,
            base_folder: PathBuf::from("."),
            org: None,
            screen: Screen::Loading,
            overlay: None,
            status: None,
            too_small: false,
            exit: None,
            farewell: Vec::new(),
            unsaved: None,
        }
    }

    /// Which bindings apply now.
    pub fn context(&self) -> Context {
        if self.too_small {
            return Context::TooSmall;
        }
        match &self.overlay {
            Some(Overlay::Help | Overlay::Glossary) => Context::Help,
            Some(Overlay::ConfirmDelete { .. } | Overlay::ConfirmReplace { .. }) => {
                Context::Confirm
            }
            None => self.screen.context(),
        }
    }
}

impl Screen {
    /// Which bindings the screen itself takes (what the help overlay lists).
    pub fn context(&self) -> Context {
        match self {
            Screen::Loading | Screen::Home(_) => Context::Home,
            Screen::NewOrg(_) => Context::NewOrg,
            Screen::Interview(interview) if interview.search.is_some() => Context::Search,
            Screen::Interview(interview) => match &interview.form {
                StepForm::Choice { multi: true, .. } => Context::Multi,
                StepForm::Choice { .. } => Context::Choice,
                StepForm::Text { .. } => Context::Text,
                StepForm::Identity { .. } => Context::Identity,
            },
            Screen::Review(r) if r.search.is_some() => Context::Search,
            Screen::Review(_) => Context::Review,
            Screen::Results(_) => Context::Results,
            Screen::Documents(d) if d.editing_folder => Context::Folder,
            Screen::Documents(_) => Context::Documents,
            Screen::History(_) => Context::History,
            Screen::Scan(page) if page.done.is_some() => Context::ScanProposals,
            Screen::Scan(_) => Context::ScanAddress,
        }
    }
}
