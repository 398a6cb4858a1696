//! A value network workshop through the method's steps: the plan, the join code, and workshop
//! I's questions, timer, participants and sticky notes (seed 004 §7.1).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use super::NodeRef;
use super::actions::Governance;
use super::map::suggest_tangibility;
use super::palette::Colour;
use crate::actor::{NAME_MAX, SHORT_MAX, TEXT_MAX, Tangibility, code_enum};
use crate::search::normalise;
use crate::validation::{FieldErrors, optional_date, optional_text, required_text};

code_enum!(
    /// The method's five steps (figure 8 of seed 004), in order.
    Step {
        Planning => "planning",
        Invitation => "invitation",
        WorkshopOne => "workshop_1",
        Analysis => "analysis",
        WorkshopTwo => "workshop_2",
    }
);

impl Step {
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.position() + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.position().checked_sub(1).and_then(|i| Step::ALL.get(i).copied())
    }

    fn position(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

code_enum!(
    /// Why the network is being developed, as the planning meeting names it.
    Purpose {
        MissingService => "missing_service",
        RationalisingResources => "rationalising_resources",
        AvoidingOverlaps => "avoiding_overlaps",
        Other => "other",
    }
);

code_enum!(
    /// Workshop I's questions in the order they are asked: 1 and 2 map the current state,
    /// 3 and 4 the potential. The code is what the method calls them.
    Question {
        OfferToActors => "1a",
        OfferToClients => "1b",
        BenefitFromActors => "2a",
        BenefitFromClients => "2b",
        StrengthsForCooperation => "3a",
        StrengthsForServices => "3b",
        ChallengesOfCooperation => "4a",
        ChallengesOfServices => "4b",
    }
);

impl Question {
    /// 1a and 2a are answered once for each other actor present.
    pub fn is_about_other_actors(self) -> bool {
        matches!(self, Question::OfferToActors | Question::BenefitFromActors)
    }

    /// 1b and 2b are about the clients and residents, so the clients cannot answer them.
    pub fn is_about_clients(self) -> bool {
        matches!(self, Question::OfferToClients | Question::BenefitFromClients)
    }

    pub fn is_strength(self) -> bool {
        matches!(self, Question::StrengthsForCooperation | Question::StrengthsForServices)
    }

    pub fn is_challenge(self) -> bool {
        matches!(self, Question::ChallengesOfCooperation | Question::ChallengesOfServices)
    }

    pub fn next(self) -> Option<Question> {
        let position = Question::ALL.iter().position(|q| *q == self).unwrap_or(0);
        Question::ALL.get(position + 1).copied()
    }
}

/// An invited actor. `id` is the workshop's own; `register_id` links an actor of the
/// register when there is one (a group of students may not be in it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopActor {
    pub id: Uuid,
    pub register_id: Option<Uuid>,
    pub name: String,
    pub colour: Colour,
}

/// What the planning meeting decided; produced only by [`PlanInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub title: String,
    pub purposes: BTreeSet<Purpose>,
    pub purpose_other: Option<String>,
    /// Background gathered beforehand: earlier surveys, staff views, statistics.
    pub background: Option<String>,
    pub actors: Vec<WorkshopActor>,
    /// What this network calls its clients or residents ("Mallu-auton asiakkaat").
    pub clients_name: String,
    /// Whether residents take part themselves and answer for the clients.
    pub residents_invited: bool,
    pub convener: Option<String>,
    pub facilitator: Option<String>,
    #[serde(with = "crate::iso_date::option", default)]
    pub date: Option<Date>,
    pub place: Option<String>,
}

impl Plan {
    pub fn actor(&self, id: Uuid) -> Option<&WorkshopActor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// Name of an actor or of the clients, `None` for an actor no longer in the plan.
    pub fn node_name(&self, node: NodeRef) -> Option<&str> {
        match node {
            NodeRef::Clients => Some(&self.clients_name),
            NodeRef::Actor(id) => self.actor(id).map(|a| a.name.as_str()),
        }
    }

    /// Whether `node` may write notes: any invited actor, the clients only when residents
    /// were invited to speak for themselves.
    pub fn can_answer(&self, node: NodeRef) -> bool {
        match node {
            NodeRef::Clients => self.residents_invited,
            NodeRef::Actor(id) => self.actor(id).is_some(),
        }
    }
}

/// The method works with 10–12 people and up to about 20; the map stays readable to 30.
pub const ACTORS_MAX: usize = 30;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanInput {
    pub title: String,
    pub purposes: Vec<String>,
    pub purpose_other: String,
    pub background: String,
    pub actors: Vec<PlanActorInput>,
    pub clients_name: String,
    pub residents_invited: bool,
    pub convener: String,
    pub facilitator: String,
    pub date: String,
    pub place: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanActorInput {
    /// Blank for an actor added in this form.
    pub id: String,
    pub register_id: String,
    pub name: String,
}

impl PlanActorInput {
    fn is_blank(&self) -> bool {
        [&self.id, &self.register_id, &self.name].iter().all(|s| s.trim().is_empty())
    }
}

impl PlanInput {
    /// Checks the plan; a draft may name fewer than two actors. Actors already in `previous`
    /// keep their colour, since notes and maps already show it; new ones get the least used
    /// colour and an id from `new_id`.
    pub fn validate(
        &self,
        previous: Option<&Plan>,
        mut new_id: impl FnMut() -> Uuid,
    ) -> Result<Plan, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = required_text(&mut errors, "title", &self.title, NAME_MAX);
        let mut purposes = BTreeSet::new();
        for raw in self.purposes.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            match Purpose::parse(raw) {
                Some(purpose) => {
                    purposes.insert(purpose);
                }
                None => errors.add("purposes", "invalid-choice"),
            }
        }
        let purpose_other = optional_text(&mut errors, "purpose_other", &self.purpose_other, SHORT_MAX);
        if purposes.contains(&Purpose::Other) && purpose_other.is_none() {
            errors.add("purpose_other", "required-when-other");
        }
        let background = optional_text(&mut errors, "background", &self.background, TEXT_MAX);

        let mut rows: Vec<(Uuid, Option<Uuid>, String)> = Vec::new();
        let mut names = BTreeSet::new();
        for (i, row) in self.actors.iter().filter(|r| !r.is_blank()).enumerate() {
            let field = |name: &str| format!("actors[{i}].{name}");
            let name = required_text(&mut errors, &field("name"), &row.name, NAME_MAX);
            let id = match row.id.trim() {
                "" => new_id(),
                raw => Uuid::parse_str(raw).unwrap_or_else(|_| {
                    errors.add(field("id"), "invalid-choice");
                    Uuid::nil()
                }),
            };
            let register_id = match row.register_id.trim() {
                "" => None,
                raw => Uuid::parse_str(raw).map(Some).unwrap_or_else(|_| {
                    errors.add(field("register_id"), "invalid-choice");
                    None
                }),
            };
            let repeated = rows.iter().any(|(other_id, other_register_id, _)| {
                *other_id == id || (register_id.is_some() && *other_register_id == register_id)
            }) || (!name.is_empty() && !names.insert(normalise(&name)));
            if repeated {
                errors.add(field("name"), "workshop-duplicate-actor");
            }
            rows.push((id, register_id, name));
        }
        let kept = |id: Uuid| previous.and_then(|p| p.actor(id)).map(|a| a.colour);
        let mut used: Vec<Colour> = rows.iter().filter_map(|(id, _, _)| kept(*id)).collect();
        let actors: Vec<WorkshopActor> = rows
            .into_iter()
            .map(|(id, register_id, name)| {
                let colour = kept(id).unwrap_or_else(|| {
                    let colour = Colour::least_used(used.iter().copied());
                    used.push(colour);
                    colour
                });
                WorkshopActor { id, register_id, name, colour }
            })
            .collect();
        if actors.len() > ACTORS_MAX {
            errors.add_with("actors", "too-many", vec![("max", ACTORS_MAX.to_string())]);
        }
        let clients_name = required_text(&mut errors, "clients_name", &self.clients_name, NAME_MAX);
        let convener = optional_text(&mut errors, "convener", &self.convener, SHORT_MAX);
        let facilitator = optional_text(&mut errors, "facilitator", &self.facilitator, SHORT_MAX);
        let date = optional_date(&mut errors, "date", &self.date);
        let place = optional_text(&mut errors, "place", &self.place, SHORT_MAX);

        errors.into_result(Plan {
            title,
            purposes,
            purpose_other,
            background,
            actors,
            clients_name,
            residents_invited: self.residents_invited,
            convener,
            facilitator,
            date,
            place,
        })
    }
}

impl From<&Plan> for PlanInput {
    /// The form as it was saved, so an edit starts from the plan and keeps actor ids.
    fn from(plan: &Plan) -> PlanInput {
        PlanInput {
            title: plan.title.clone(),
            purposes: plan.purposes.iter().map(|p| p.as_str().to_owned()).collect(),
            purpose_other: plan.purpose_other.clone().unwrap_or_default(),
            background: plan.background.clone().unwrap_or_default(),
            actors: plan
                .actors
                .iter()
                .map(|a| PlanActorInput {
                    id: a.id.to_string(),
                    register_id: a.register_id.map(|id| id.to_string()).unwrap_or_default(),
                    name: a.name.clone(),
                })
                .collect(),
            clients_name: plan.clients_name.clone(),
            residents_invited: plan.residents_invited,
            convener: plan.convener.clone().unwrap_or_default(),
            facilitator: plan.facilitator.clone().unwrap_or_default(),
            date: plan
                .date
                .map(|d| format!("{}.{}.{}", d.day(), u8::from(d.month()), d.year()))
                .unwrap_or_default(),
            place: plan.place.clone().unwrap_or_default(),
        }
    }
}

/// The short code participants type to join: six characters from an alphabet without the
/// look-alikes 0, O, 1 and I.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct JoinCode(String);

impl JoinCode {
    pub const ALPHABET: &'static [u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    pub const LEN: usize = 6;

    /// A code from the caller's random number: 30 of its bits, five per character. The store
    /// makes another if the code is taken by an open workshop.
    pub fn from_random(random: u64) -> JoinCode {
        let code = (0..Self::LEN)
            .map(|i| char::from(Self::ALPHABET[((random >> (5 * i)) & 0x1f) as usize]))
            .collect();
        JoinCode(code)
    }

    /// What a person typed: case and spaces or hyphens between characters don't matter.
    pub fn parse(typed: &str) -> Option<JoinCode> {
        let code: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        (code.len() == Self::LEN && code.bytes().all(|b| Self::ALPHABET.contains(&b)))
            .then_some(JoinCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<JoinCode> for String {
    fn from(code: JoinCode) -> String {
        code.0
    }
}

impl TryFrom<String> for JoinCode {
    type Error = &'static str;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        JoinCode::parse(&value).ok_or("not a join code")
    }
}

/// Ten minutes per question, as in the pilots.
pub const QUESTION_MINUTES: i64 = 10;
pub const TIMER_MIN_MINUTES: i64 = 1;
pub const TIMER_MAX_MINUTES: i64 = 60;

code_enum!(
    TimerStatus {
        Ready => "ready",
        Running => "running",
        Paused => "paused",
        Expired => "expired",
    }
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TimerError {
    #[error("the timer has already been started")]
    AlreadyStarted,
    #[error("the timer is not running")]
    NotRunning,
    #[error("the timer is not paused")]
    NotPaused,
    #[error("the time allowed must be {TIMER_MIN_MINUTES}–{TIMER_MAX_MINUTES} minutes")]
    OutOfRange,
}

impl TimerError {
    /// Translation key of the message shown to people.
    pub fn code(self) -> &'static str {
        match self {
            TimerError::AlreadyStarted => "timer-already-started",
            TimerError::NotRunning => "timer-not-running",
            TimerError::NotPaused => "timer-not-paused",
            TimerError::OutOfRange => "timer-out-of-range",
        }
    }
}

/// The question timer. It stores only what was decided and when, so any instant's state is
/// computed from the instant passed in, and every browser shows the same countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    pub allowed_ms: i64,
    /// Time run before the current run.
    pub used_ms: i64,
    #[serde(with = "time::serde::rfc3339::option")]
    pub running_since: Option<OffsetDateTime>,
}

/// The timer as the facilitator's screen and the participants' phones show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimerView {
    pub status: TimerStatus,
    pub allowed_ms: i64,
    pub remaining_ms: i64,
    /// When a running timer runs out, for a countdown in the browser.
    #[serde(with = "time::serde::rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.whole_milliseconds()).unwrap_or(if duration.is_negative() {
        i64::MIN
    } else {
        i64::MAX
    })
}

impl Timer {
    pub fn new(allowed: Duration) -> Timer {
        Timer { allowed_ms: millis(allowed), used_ms: 0, running_since: None }
    }

    pub fn for_question() -> Timer {
        Timer::new(Duration::minutes(QUESTION_MINUTES))
    }

    /// Time used by `now`; a clock that went backwards counts as no time.
    pub fn used_ms(&self, now: OffsetDateTime) -> i64 {
        let running = self.running_since.map_or(0, |since| millis(now - since).max(0));
        self.used_ms.saturating_add(running)
    }

    pub fn remaining_ms(&self, now: OffsetDateTime) -> i64 {
        self.allowed_ms.saturating_sub(self.used_ms(now)).max(0)
    }

    fn started(&self) -> bool {
        self.running_since.is_some() || self.used_ms > 0
    }

    pub fn status(&self, now: OffsetDateTime) -> TimerStatus {
        if !self.started() {
            TimerStatus::Ready
        } else if self.remaining_ms(now) == 0 {
            TimerStatus::Expired
        } else if self.running_since.is_some() {
            TimerStatus::Running
        } else {
            TimerStatus::Paused
        }
    }

    pub fn view(&self, now: OffsetDateTime) -> TimerView {
        let remaining_ms = self.remaining_ms(now);
        TimerView {
            status: self.status(now),
            allowed_ms: self.allowed_ms,
            remaining_ms,
            ends_at: self.running_since.map(|_| now + Duration::milliseconds(remaining_ms)),
        }
    }

    pub fn start(&mut self, now: OffsetDateTime) -> Result<(), TimerError> {
        if self.started() {
            return Err(TimerError::AlreadyStarted);
        }
        self.running_since = Some(now);
        Ok(())
    }

    pub fn pause(&mut self, now: OffsetDateTime) -> Result<(), TimerError> {
        if self.running_since.is_none() {
            return Err(TimerError::NotRunning);
        }
        self.used_ms = self.used_ms(now);
        self.running_since = None;
        Ok(())
    }

    pub fn resume(&mut self, now: OffsetDateTime) -> Result<(), TimerError> {
        if !self.started() || self.running_since.is_some() {
            return Err(TimerError::NotPaused);
        }
        self.running_since = Some(now);
        Ok(())
    }

    /// Gives the question more time or less, whatever the state; a timer that ran out runs
    /// on when time is added.
    pub fn adjust(&mut self, by: Duration) -> Result<(), TimerError> {
        let allowed = self.allowed_ms.saturating_add(millis(by));
        let range =
            millis(Duration::minutes(TIMER_MIN_MINUTES))..=millis(Duration::minutes(TIMER_MAX_MINUTES));
        if !range.contains(&allowed) {
            return Err(TimerError::OutOfRange);
        }
        self.allowed_ms = allowed;
        Ok(())
    }
}

/// A workshop as the store keeps it, apart from its participants, notes, challenges and
/// actions, which come and go one at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: Uuid,
    pub plan: Plan,
    pub step: Step,
    pub join_code: JoinCode,
    /// The facilitator closes joining once everyone is in.
    pub joining_open: bool,
    /// The question on the wall in workshop I.
    pub question: Option<Question>,
    pub timer: Timer,
    /// How the whole is led, as agreed in workshop II.
    #[serde(default)]
    pub governance: Governance,
}

impl Workshop {
    pub fn new(id: Uuid, plan: Plan, join_code: JoinCode) -> Workshop {
        Workshop {
            id,
            plan,
            step: Step::Planning,
            join_code,
            joining_open: true,
            question: None,
            timer: Timer::for_question(),
            governance: Governance::default(),
        }
    }

    /// Moves one step forward or back. Inviting needs at least two actors; workshop I opens
    /// with question 1a; leaving it forward closes joining and resets the timer.
    pub fn go_to(&mut self, step: Step) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if Some(step) != self.step.next() && Some(step) != self.step.previous() {
            errors.add("step", "workshop-step-refused");
        } else if step == Step::Invitation && self.step == Step::Planning && self.plan.actors.len() < 2 {
            errors.add("step", "workshop-two-actors-needed");
        }
        errors.into_result(())?;
        if step == Step::WorkshopOne && self.question.is_none() {
            self.question = Some(Question::OfferToActors);
            self.timer = Timer::for_question();
        }
        if self.step == Step::WorkshopOne && step == Step::Analysis {
            self.joining_open = false;
            self.timer = Timer::new(Duration::milliseconds(self.timer.allowed_ms));
        }
        self.step = step;
        Ok(())
    }

    /// Challenges and actions are prepared in the analysis and agreed in workshop II.
    pub fn analysis_open(&self) -> bool {
        self.step >= Step::Analysis
    }

    /// Puts a question on the wall with a fresh timer of the default length; the facilitator
    /// starts it when everyone is ready.
    pub fn show_question(&mut self, question: Question) -> Result<(), FieldErrors> {
        if self.step != Step::WorkshopOne {
            let mut errors = FieldErrors::new();
            errors.add("step", "workshop-wrong-step");
            return Err(errors);
        }
        self.question = Some(question);
        self.timer = Timer::for_question();
        Ok(())
    }
}

/// Someone who joined with the code, speaking for one actor (or for the residents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantDetails {
    pub name: String,
    pub represents: NodeRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: Uuid,
    #[serde(flatten)]
    pub details: ParticipantDetails,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JoinInput {
    pub code: String,
    pub name: String,
    pub represents: String,
}

pub const PERSON_NAME_MAX: usize = 100;

impl JoinInput {
    /// Joining is possible from the invitation until the facilitator closes it or workshop I
    /// ends; the code must be this workshop's.
    pub fn validate(&self, workshop: &Workshop) -> Result<ParticipantDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        match JoinCode::parse(&self.code) {
            None => errors.add("code", "join-code-invalid"),
            Some(code) if code != workshop.join_code => errors.add("code", "join-code-unknown"),
            Some(_) => {
                let open = matches!(workshop.step, Step::Invitation | Step::WorkshopOne);
                if !open || !workshop.joining_open {
                    errors.add("code", "joining-closed");
                }
            }
        }
        let name = required_text(&mut errors, "name", &self.name, PERSON_NAME_MAX);
        let represents = NodeRef::parse(&self.represents).filter(|node| workshop.plan.can_answer(*node));
        if represents.is_none() {
            errors.add(
                "represents",
                if self.represents.trim().is_empty() { "required" } else { "invalid-choice" },
            );
        }
        match represents {
            Some(represents) if errors.is_empty() => Ok(ParticipantDetails { name, represents }),
            _ => Err(errors),
        }
    }
}

/// One answer on one sticky note, on the sheet of the actor (`author`) it speaks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteDetails {
    pub question: Question,
    pub author: NodeRef,
    /// For 1a and 2a, the other actor the answer is about.
    pub about: Option<Uuid>,
    pub text: String,
    pub tangibility: Tangibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: Uuid,
    /// Who wrote it; `None` when the facilitator did.
    pub participant_id: Option<Uuid>,
    pub hidden: bool,
    /// A duplicate the facilitator merged into another note counts only through that note.
    pub merged_into: Option<Uuid>,
    #[serde(flatten)]
    pub details: NoteDetails,
}

impl Note {
    /// Whether the note counts in the map and the analysis.
    pub fn is_visible(&self) -> bool {
        !self.hidden && self.merged_into.is_none()
    }

    fn same_sheet(&self, other: &Note) -> bool {
        let (a, b) = (&self.details, &other.details);
        (a.question, a.author, a.about) == (b.question, b.author, b.about)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteInput {
    pub question: String,
    /// Set by the facilitator only; a participant writes for the party they represent.
    pub author: String,
    pub about: String,
    pub text: String,
    /// Blank for a guess from the text, which the facilitator can change.
    pub tangibility: String,
}

impl From<&NoteDetails> for NoteInput {
    /// The note as a form, for the facilitator to change one part of it and validate again.
    fn from(details: &NoteDetails) -> NoteInput {
        NoteInput {
            question: details.question.as_str().to_owned(),
            author: details.author.key(),
            about: details.about.map(|id| id.to_string()).unwrap_or_default(),
            text: details.text.clone(),
            tangibility: details.tangibility.as_str().to_owned(),
        }
    }
}

/// Who is writing a note: participants answer the questions asked so far in workshop I; the
/// facilitator also adds, edits and moves notes afterwards, in the analysis.
#[derive(Debug, Clone, Copy)]
pub enum Writer<'a> {
    Participant(&'a Participant),
    Facilitator,
}

pub const NOTE_MAX: usize = 300;

impl NoteInput {
    pub fn validate(&self, workshop: &Workshop, writer: Writer<'_>) -> Result<NoteDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let question = Question::parse(self.question.trim());
        match (question, writer) {
            (None, _) => errors.add("question", "invalid-choice"),
            (Some(_), Writer::Participant(_)) if workshop.step != Step::WorkshopOne => {
                errors.add("step", "workshop-wrong-step")
            }
            (Some(q), Writer::Participant(_)) if workshop.question.is_none_or(|asked| q > asked) => {
                errors.add("question", "note-question-not-open")
            }
            (Some(_), Writer::Facilitator)
                if !matches!(workshop.step, Step::WorkshopOne | Step::Analysis) =>
            {
                errors.add("step", "workshop-wrong-step")
            }
            _ => {}
        }
        let author = match writer {
            Writer::Participant(p) => Some(p.details.represents),
            Writer::Facilitator => {
                let author = NodeRef::parse(&self.author).filter(|n| workshop.plan.can_answer(*n));
                if author.is_none() {
                    errors.add("author", "invalid-choice");
                }
                author
            }
        };
        if author == Some(NodeRef::Clients) && question.is_some_and(Question::is_about_clients) {
            errors.add("question", "note-question-not-for-clients");
        }
        let about = match (question, self.about.trim()) {
            (Some(q), "") if q.is_about_other_actors() => {
                errors.add("about", "note-about-needed");
                None
            }
            (Some(q), raw) if q.is_about_other_actors() => {
                let about = Uuid::parse_str(raw).ok().filter(|id| workshop.plan.actor(*id).is_some());
                match about {
                    None => errors.add("about", "invalid-choice"),
                    Some(id) if author == Some(NodeRef::Actor(id)) => errors.add("about", "note-about-self"),
                    Some(_) => {}
                }
                about
            }
            (_, "") => None,
            (_, _) => {
                errors.add("about", "note-about-not-needed");
                None
            }
        };
        let text = required_text(&mut errors, "text", &self.text, NOTE_MAX);
        if text.lines().filter(|line| !line.trim().is_empty()).count() > 1 {
            errors.add("text", "note-one-answer");
        }
        let tangibility = match self.tangibility.trim() {
            "" => suggest_tangibility(&text),
            raw => Tangibility::parse(raw).unwrap_or_else(|| {
                errors.add("tangibility", "invalid-choice");
                Tangibility::Intangible
            }),
        };
        match (question, author) {
            (Some(question), Some(author)) if errors.is_empty() => {
                Ok(NoteDetails { question, author, about, text, tangibility })
            }
            _ => Err(errors),
        }
    }
}

/// Merges the duplicate `source` into `target`, which must be on the same sheet and not
/// itself merged. Notes merged into `source` earlier follow it, so merges stay one level deep.
pub fn merge_notes(notes: &mut [Note], target: Uuid, source: Uuid) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    let find = |id: Uuid| notes.iter().find(|n| n.id == id);
    match (find(target), find(source)) {
        (None, _) => errors.add("target", "invalid-choice"),
        (_, None) => errors.add("source", "invalid-choice"),
        (Some(_), Some(_)) if target == source => errors.add("source", "note-merge-itself"),
        (Some(t), _) if t.merged_into.is_some() => errors.add("target", "note-already-merged"),
        (_, Some(s)) if s.merged_into.is_some() => errors.add("source", "note-already-merged"),
        (Some(t), Some(s)) if !t.same_sheet(s) => errors.add("source", "note-merge-different-sheets"),
        _ => {}
    }
    errors.into_result(())?;
    for note in notes.iter_mut().filter(|n| n.id == source || n.merged_into == Some(source)) {
        note.merged_into = Some(target);
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::value_network::linkku::{self, LINKKU, OPISKELIJAT, YHDISTYKSET};

    #[test]
    fn steps_and_questions_go_in_the_method_order() {
        assert_eq!(Step::Planning.next(), Some(Step::Invitation));
        assert_eq!(Step::WorkshopTwo.next(), None);
        assert_eq!(Step::Planning.previous(), None);
        assert_eq!(Step::Analysis.previous(), Some(Step::WorkshopOne));
        let codes: Vec<&str> = Question::ALL.iter().map(|q| q.as_str()).collect();
        assert_eq!(codes, ["1a", "1b", "2a", "2b", "3a", "3b", "4a", "4b"]);
        assert_eq!(Question::BenefitFromClients.next(), Some(Question::StrengthsForCooperation));
        assert_eq!(Question::ChallengesOfServices.next(), None);
        let about_others: Vec<Question> =
            Question::ALL.iter().copied().filter(|q| q.is_about_other_actors()).collect();
        assert_eq!(about_others, [Question::OfferToActors, Question::BenefitFromActors]);
    }

    fn plan_input() -> PlanInput {
        PlanInput {
            title: "LINKKU-palvelubussin yhteistyö".into(),
            purposes: vec!["missing_service".into(), "avoiding_overlaps".into()],
            actors: ["Yhdistykset", "LINKKU", "Opiskelijat"]
                .iter()
                .map(|name| PlanActorInput { name: (*name).into(), ..PlanActorInput::default() })
                .collect(),
            clients_name: "Asiakkaat / asukkaat".into(),
            date: "4.6.2013".into(),
            ..PlanInput::default()
        }
    }

    fn counter() -> impl FnMut() -> Uuid {
        let mut next = 100;
        move || {
            next += 1;
            Uuid::from_u128(next)
        }
    }

    #[test]
    fn plan_gives_new_actors_ids_and_distinct_colours() {
        let plan = plan_input().validate(None, counter()).unwrap();
        let ids: Vec<Uuid> = plan.actors.iter().map(|a| a.id).collect();
        assert_eq!(ids, [Uuid::from_u128(101), Uuid::from_u128(102), Uuid::from_u128(103)]);
        let colours: Vec<Colour> = plan.actors.iter().map(|a| a.colour).collect();
        assert_eq!(colours, [Colour::Orange, Colour::SkyBlue, Colour::BluishGreen]);
        assert_eq!(plan.date.map(|d| d.year()), Some(2013));
    }

    #[test]
    fn actors_keep_their_colour_when_others_leave_or_join() {
        let plan = plan_input().validate(None, counter()).unwrap();
        let mut input = plan_input();
        input.actors = vec![
            PlanActorInput {
                id: plan.actors[2].id.to_string(),
                name: "Opiskelijat".into(),
                ..Default::default()
            },
            PlanActorInput { name: "Seurakunta".into(), ..Default::default() },
        ];
        let again = input.validate(Some(&plan), counter()).unwrap();
        assert_eq!(again.actors[0].colour, Colour::BluishGreen);
        assert_eq!(again.actors[1].colour, Colour::Orange, "the least used colour is free again");
    }

    #[test]
    fn plan_problems_are_reported_per_field() {
        let mut input = plan_input();
        input.title = " ".into();
        input.purposes.push("other".into());
        input.purposes.push("fun".into());
        input.actors.push(PlanActorInput { name: "linkku".into(), ..Default::default() });
        input.date = "31.2.2013".into();
        let errors = input.validate(None, counter()).unwrap_err();
        let codes: Vec<(&str, &str)> = errors.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert!(codes.contains(&("title", "required")));
        assert!(codes.contains(&("purposes", "invalid-choice")));
        assert!(codes.contains(&("purpose_other", "required-when-other")));
        assert!(codes.contains(&("actors[3].name", "workshop-duplicate-actor")));
        assert!(codes.contains(&("date", "invalid-date")));
    }

    #[test]
    fn a_saved_plan_reads_back_as_the_same_form() {
        let plan = plan_input().validate(None, counter()).unwrap();
        let again = PlanInput::from(&plan).validate(Some(&plan), counter()).unwrap();
        assert_eq!(again, plan, "ids, colours and the date survive an edit");
    }

    #[test]
    fn join_codes_avoid_look_alikes_and_read_back() {
        for random in [0, 1, u64::MAX, 0x1234_5678_9abc_def0, 987_654_321] {
            let code = JoinCode::from_random(random);
            assert_eq!(code.as_str().len(), JoinCode::LEN);
            assert!(!code.as_str().contains(['0', 'O', '1', 'I']), "{code:?}");
            assert_eq!(JoinCode::parse(code.as_str()), Some(code.clone()));
        }
        assert_eq!(JoinCode::from_random(42), JoinCode::from_random(42));
        assert_ne!(JoinCode::from_random(42), JoinCode::from_random(43));
        assert_eq!(JoinCode::parse(" k7m-x2p ").map(String::from).as_deref(), Some("K7MX2P"));
        assert_eq!(JoinCode::parse("K7MX2O"), None);
        assert_eq!(JoinCode::parse("K7MX2"), None);
        assert!(serde_json::from_str::<JoinCode>("\"IIIIII\"").is_err());
    }

    #[test]
    fn timer_counts_down_pauses_resumes_and_takes_more_time() {
        let t0 = datetime!(2026-05-12 17:30 UTC);
        let mut timer = Timer::for_question();
        assert_eq!(timer.status(t0), TimerStatus::Ready);
        assert_eq!(timer.remaining_ms(t0 + Duration::hours(1)), 600_000, "a timer not started waits");
        assert_eq!(timer.pause(t0), Err(TimerError::NotRunning));
        assert_eq!(timer.resume(t0), Err(TimerError::NotPaused));
        timer.start(t0).unwrap();
        assert_eq!(timer.start(t0), Err(TimerError::AlreadyStarted));
        let t4 = t0 + Duration::minutes(4);
        assert_eq!(timer.view(t4).remaining_ms, 360_000);
        assert_eq!(timer.view(t4).ends_at, Some(t0 + Duration::minutes(10)));
        timer.pause(t4).unwrap();
        let later = t4 + Duration::minutes(30);
        assert_eq!((timer.status(later), timer.remaining_ms(later)), (TimerStatus::Paused, 360_000));
        assert_eq!(timer.view(later).ends_at, None);
        timer.resume(later).unwrap();
        timer.adjust(Duration::minutes(2)).unwrap();
        assert_eq!(timer.remaining_ms(later + Duration::minutes(1)), 420_000);
        let out = later + Duration::minutes(8);
        assert_eq!((timer.status(out), timer.remaining_ms(out)), (TimerStatus::Expired, 0));
        timer.adjust(Duration::minutes(1)).unwrap();
        assert_eq!(timer.status(out), TimerStatus::Running, "added time lets it run on");
        assert_eq!(timer.adjust(Duration::minutes(-13)), Err(TimerError::OutOfRange));
        assert_eq!(timer.adjust(Duration::minutes(60)), Err(TimerError::OutOfRange));
        assert_eq!(
            timer.remaining_ms(t0 - Duration::minutes(5)),
            timer.allowed_ms - 240_000,
            "clock went back"
        );
    }

    #[test]
    fn the_workshop_moves_one_step_at_a_time() {
        let plan = plan_input().validate(None, counter()).unwrap();
        let mut workshop = Workshop::new(Uuid::from_u128(1), plan, JoinCode::from_random(7));
        assert_eq!(
            workshop.go_to(Step::WorkshopOne).unwrap_err().for_field("step").map(|e| e.code),
            Some("workshop-step-refused")
        );
        let mut lonely = workshop.clone();
        lonely.plan.actors.truncate(1);
        assert_eq!(
            lonely.go_to(Step::Invitation).unwrap_err().for_field("step").map(|e| e.code),
            Some("workshop-two-actors-needed")
        );
        assert!(workshop.show_question(Question::OfferToClients).is_err());
        workshop.go_to(Step::Invitation).unwrap();
        workshop.go_to(Step::WorkshopOne).unwrap();
        assert_eq!(workshop.question, Some(Question::OfferToActors));
        workshop.show_question(Question::BenefitFromActors).unwrap();
        workshop.timer.start(datetime!(2026-05-12 17:30 UTC)).unwrap();
        workshop.go_to(Step::Analysis).unwrap();
        assert!(!workshop.joining_open);
        assert_eq!(workshop.timer.running_since, None);
        workshop.go_to(Step::WorkshopOne).unwrap();
        assert_eq!(workshop.question, Some(Question::BenefitFromActors), "going back keeps the place");
    }

    #[test]
    fn joining_needs_the_code_an_open_door_and_an_invited_party() {
        let mut workshop = linkku::workshop();
        workshop.step = Step::WorkshopOne;
        let input = |code: &str, represents: String| JoinInput {
            code: code.into(),
            name: "Maija".into(),
            represents,
        };
        let code = workshop.join_code.as_str().to_lowercase();
        let joined = input(&code, YHDISTYKSET.to_string()).validate(&workshop).unwrap();
        assert_eq!(joined.represents, NodeRef::Actor(YHDISTYKSET));
        let error = |input: JoinInput, workshop: &Workshop| {
            let errors = input.validate(workshop).unwrap_err();
            errors.0.iter().map(|e| (e.field.clone(), e.code)).collect::<Vec<_>>()
        };
        assert_eq!(
            error(input("2345", LINKKU.to_string()), &workshop),
            [("code".into(), "join-code-invalid")]
        );
        assert_eq!(
            error(input("ZZZZZZ", LINKKU.to_string()), &workshop),
            [("code".into(), "join-code-unknown")]
        );
        assert_eq!(
            error(input(&code, "clients".into()), &workshop),
            [("represents".into(), "invalid-choice")],
            "residents were not invited to speak for themselves"
        );
        workshop.joining_open = false;
        assert_eq!(error(input(&code, LINKKU.to_string()), &workshop), [("code".into(), "joining-closed")]);
    }

    fn note(question: &str, about: Uuid, text: &str) -> NoteInput {
        NoteInput {
            question: question.into(),
            about: if about.is_nil() { String::new() } else { about.to_string() },
            text: text.into(),
            ..NoteInput::default()
        }
    }

    fn codes(result: Result<NoteDetails, FieldErrors>) -> Vec<(String, &'static str)> {
        result.unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn participants_answer_the_questions_asked_so_far_one_answer_per_note() {
        let mut workshop = linkku::workshop();
        workshop.step = Step::WorkshopOne;
        workshop.question = Some(Question::OfferToClients);
        let maija = Participant {
            id: Uuid::from_u128(900),
            details: ParticipantDetails { name: "Maija".into(), represents: NodeRef::Actor(YHDISTYKSET) },
        };
        let writer = Writer::Participant(&maija);
        let ok = note("1a", LINKKU, "Vapaaehtoisia bussin tapahtumiin").validate(&workshop, writer).unwrap();
        assert_eq!((ok.author, ok.about), (NodeRef::Actor(YHDISTYKSET), Some(LINKKU)));
        assert_eq!(ok.tangibility, Tangibility::Intangible);
        let premises = note("1b", Uuid::nil(), "Kokoustilat kylillä").validate(&workshop, writer).unwrap();
        assert_eq!(premises.tangibility, Tangibility::Tangible);

        assert_eq!(
            codes(note("2a", LINKKU, "Näkyvyys").validate(&workshop, writer)),
            [("question".into(), "note-question-not-open")]
        );
        assert_eq!(
            codes(note("1a", Uuid::nil(), "Tietoa").validate(&workshop, writer)),
            [("about".into(), "note-about-needed")]
        );
        assert_eq!(
            codes(note("1a", YHDISTYKSET, "Tietoa").validate(&workshop, writer)),
            [("about".into(), "note-about-self")]
        );
        assert_eq!(
            codes(note("1b", OPISKELIJAT, "Tietoa").validate(&workshop, writer)),
            [("about".into(), "note-about-not-needed")]
        );
        assert_eq!(
            codes(note("1a", LINKKU, "Tietoa\n\nTiloja").validate(&workshop, writer)),
            [("text".into(), "note-one-answer")]
        );
        workshop.step = Step::Analysis;
        assert_eq!(
            codes(note("1a", LINKKU, "Tietoa").validate(&workshop, writer)),
            [("step".into(), "workshop-wrong-step")]
        );
    }

    #[test]
    fn the_facilitator_writes_for_any_sheet_but_the_clients_answer_no_client_questions() {
        let mut workshop = linkku::workshop();
        workshop.step = Step::Analysis;
        let input = NoteInput {
            author: LINKKU.to_string(),
            tangibility: "tangible".into(),
            ..note("3b", Uuid::nil(), "Bussi")
        };
        let details = input.validate(&workshop, Writer::Facilitator).unwrap();
        assert_eq!((details.author, details.tangibility), (NodeRef::Actor(LINKKU), Tangibility::Tangible));
        let clients = NoteInput { author: "clients".into(), ..note("2b", Uuid::nil(), "Palautetta") };
        assert_eq!(
            codes(clients.validate(&workshop, Writer::Facilitator)),
            [("author".into(), "invalid-choice")]
        );
        workshop.plan.residents_invited = true;
        assert_eq!(
            codes(clients.validate(&workshop, Writer::Facilitator)),
            [("question".into(), "note-question-not-for-clients")]
        );
        let clients_offer =
            NoteInput { author: "clients".into(), ..note("1a", LINKKU, "Palautetta reiteistä") };
        assert!(clients_offer.validate(&workshop, Writer::Facilitator).is_ok());
    }

    #[test]
    fn a_note_reads_back_as_the_same_form() {
        let mut workshop = linkku::workshop();
        workshop.step = Step::Analysis;
        for stored in linkku::notes() {
            let input = NoteInput::from(&stored.details);
            assert_eq!(input.validate(&workshop, Writer::Facilitator).unwrap(), stored.details);
        }
    }

    #[test]
    fn duplicates_merge_within_one_sheet() {
        let mut notes = linkku::notes();
        let on_sheet = |q: Question, author: Uuid| {
            notes
                .iter()
                .filter(|n| n.details.question == q && n.details.author == NodeRef::Actor(author))
                .map(|n| n.id)
                .collect::<Vec<_>>()
        };
        let yhdistykset_3a = on_sheet(Question::StrengthsForCooperation, YHDISTYKSET);
        let linkku_3a = on_sheet(Question::StrengthsForCooperation, LINKKU);
        let (a, b, c) = (yhdistykset_3a[0], yhdistykset_3a[1], yhdistykset_3a[2]);
        let code = |r: Result<(), FieldErrors>| r.unwrap_err().0[0].code;
        assert_eq!(code(merge_notes(&mut notes, a, a)), "note-merge-itself");
        assert_eq!(code(merge_notes(&mut notes, a, linkku_3a[0])), "note-merge-different-sheets");
        assert_eq!(code(merge_notes(&mut notes, a, Uuid::from_u128(1))), "invalid-choice");
        merge_notes(&mut notes, b, c).unwrap();
        assert_eq!(code(merge_notes(&mut notes, c, a)), "note-already-merged");
        merge_notes(&mut notes, a, b).unwrap();
        let merged: Vec<Option<Uuid>> =
            [b, c].iter().map(|id| notes.iter().find(|n| n.id == *id).unwrap().merged_into).collect();
        assert_eq!(merged, [Some(a), Some(a)]);
        assert!(notes.iter().find(|n| n.id == a).unwrap().is_visible());
    }
}
