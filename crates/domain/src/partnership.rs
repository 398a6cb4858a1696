//! Partnerships (kumppanuudet): the Turku model's kinds, the MontEri handbook's depth, steering
//! relation, staircase and leadership models, and the life-cycle phases as a state machine.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::actor::{NAME_MAX, SHORT_MAX, TAG_MAX, TAGS_MAX, TEXT_MAX, code_enum};
use crate::validation::{
    FieldErrors, is_plausible_email, optional_date, optional_text, required_text, tag_list,
};

code_enum!(
    /// Turku's three agreement kinds (seed 003), and room for the rest.
    PartnershipKind {
        BroadDevelopment => "broad_development",
        Premises => "premises",
        Project => "project",
        Other => "other",
    }
);

code_enum!(
    /// How deep the cooperation goes (seed 004 §5.1).
    Depth {
        Operational => "operational",
        Tactical => "tactical",
        Strategic => "strategic",
    }
);

code_enum!(
    /// The city's way of steering the relation (seed 004 §5.3).
    SteeringRelation {
        Hierarchical => "hierarchical",
        Market => "market",
        Network => "network",
    }
);

code_enum!(
    /// Leadership models of figure 3 in seed 004.
    LeadershipModel {
        JointLeaders => "joint_leaders",
        TwoHats => "two_hats",
        ProjectOrganisation => "project_organisation",
        IntegratedStructure => "integrated_structure",
        SeparateJointOrganisation => "separate_joint_organisation",
    }
);

code_enum!(
    /// A party's role in a partnership.
    PartyRole {
        Coordinator => "coordinator",
        Party => "party",
        Funder => "funder",
    }
);

/// The staircase of cooperation (portaikkomalli, seed 002): 1 no cooperation … 6 merging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct StaircaseLevel(u8);

impl StaircaseLevel {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 6;

    pub fn new(level: u8) -> Option<Self> {
        (Self::MIN..=Self::MAX).contains(&level).then_some(Self(level))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for StaircaseLevel {
    type Error = &'static str;

    fn try_from(level: u8) -> Result<Self, Self::Error> {
        Self::new(level).ok_or("staircase level must be 1–6")
    }
}

impl From<StaircaseLevel> for u8 {
    fn from(level: StaircaseLevel) -> u8 {
        level.0
    }
}

code_enum!(
    /// Life-cycle phases (seed 004 §3); `Ended` follows an evaluation that decided to end.
    Phase {
        Exploration => "exploration",
        Establishment => "establishment",
        Implementation => "implementation",
        EndingRenewal => "ending_renewal",
        Ended => "ended",
    }
);

code_enum!(
    /// What moves a partnership from one phase to another.
    PhaseEvent {
        Establish => "establish",
        Launch => "launch",
        Evaluate => "evaluate",
        DecideContinue => "decide_continue",
        DecideReshape => "decide_reshape",
        DecideEnd => "decide_end",
    }
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{event:?} is not possible in phase {phase:?}")]
pub struct TransitionRefused {
    pub phase: Phase,
    pub event: PhaseEvent,
}

impl TransitionRefused {
    /// Translation key of the message shown to people.
    pub fn code(&self) -> &'static str {
        "phase-transition-refused"
    }
}

impl Phase {
    /// The phase after `event`, or why the model does not allow it. Ending is no failure: the
    /// evaluation may end a partnership whose task is done.
    pub fn apply(self, event: PhaseEvent) -> Result<Phase, TransitionRefused> {
        use Phase::*;
        use PhaseEvent::*;
        match (self, event) {
            (Exploration, Establish) => Ok(Establishment),
            (Establishment, Launch) => Ok(Implementation),
            (Implementation, Evaluate) => Ok(EndingRenewal),
            (EndingRenewal, DecideContinue) => Ok(Implementation),
            (EndingRenewal, DecideReshape) => Ok(Exploration),
            (EndingRenewal, DecideEnd) => Ok(Ended),
            (phase, event) => Err(TransitionRefused { phase, event }),
        }
    }

    /// Events the model allows now, for offering only the buttons that work.
    pub fn allowed_events(self) -> Vec<PhaseEvent> {
        PhaseEvent::ALL.iter().copied().filter(|e| self.apply(*e).is_ok()).collect()
    }

    /// What the method says this phase must find out (seed 004 §3), as checklist item codes;
    /// their texts are translations (`checklist-<code>`).
    pub fn checklist(self) -> &'static [&'static str] {
        match self {
            Phase::Exploration => &[
                "shared-needs-and-aim",
                "where-interests-meet",
                "who-stays-involved",
                "core-group-and-driver",
            ],
            Phase::Establishment => &[
                "coordination",
                "people-and-division-of-work",
                "goals-principles-commitment",
                "information-flow",
                "agreements-needed",
            ],
            Phase::Implementation => &["action-as-agreed", "follow-up-in-use"],
            Phase::EndingRenewal => &["joint-evaluation-done", "decision-made"],
            Phase::Ended => &[],
        }
    }
}

code_enum!(
    /// Turku's five process steps (seed 000), shown beside the method's phases.
    TurkuStep {
        IdentifyNeed => "identify_need",
        MapAndRecruit => "map_and_recruit",
        AgreeGoals => "agree_goals",
        LaunchAndEmbed => "launch_and_embed",
        EvaluateTogether => "evaluate_together",
    }
);

impl Phase {
    /// The Turku steps this phase covers: exploration finds the need and the partners,
    /// establishment agrees the goals, implementation launches, ending evaluates.
    pub fn turku_steps(self) -> &'static [TurkuStep] {
        match self {
            Phase::Exploration => &[TurkuStep::IdentifyNeed, TurkuStep::MapAndRecruit],
            Phase::Establishment => &[TurkuStep::AgreeGoals],
            Phase::Implementation => &[TurkuStep::LaunchAndEmbed],
            Phase::EndingRenewal | Phase::Ended => &[TurkuStep::EvaluateTogether],
        }
    }

    /// Whether an evaluation decision was made by this event (the attention list asks for one
    /// every twelve months).
    pub fn is_decision(event: PhaseEvent) -> bool {
        matches!(event, PhaseEvent::DecideContinue | PhaseEvent::DecideReshape | PhaseEvent::DecideEnd)
    }
}

code_enum!(
    /// What a line of a partnership's timeline records.
    EventKind {
        Created => "created",
        WrittenDown => "written_down",
        Transition => "transition",
        Staircase => "staircase",
        AgreementCreated => "agreement_created",
        Accepted => "accepted",
        FunderDecision => "funder_decision",
        InForce => "in_force",
        CommitmentAdded => "commitment_added",
        CommitmentUpdated => "commitment_updated",
        DeliverableAdded => "deliverable_added",
        DeliverableSubmitted => "deliverable_submitted",
        DeliverableReviewed => "deliverable_reviewed",
        GrantRecorded => "grant_recorded",
    }
);

code_enum!(
    /// Fields that may be hidden from people outside the partnership. Name, kind, parties and
    /// phase are always visible once published.
    PartnershipField {
        Description => "description",
        Aim => "aim",
        Coordination => "coordination",
        PartyCommitments => "party_commitments",
        InformationFlow => "information_flow",
        Themes => "themes",
        Areas => "areas",
        TargetGroups => "target_groups",
        Depth => "depth",
        Steering => "steering",
        Leadership => "leadership",
        Staircase => "staircase",
        Representatives => "representatives",
    }
);

impl PartnershipField {
    /// Representatives are named persons: hidden unless someone chooses to publish them.
    pub fn default_private() -> BTreeSet<PartnershipField> {
        BTreeSet::from([PartnershipField::Representatives])
    }
}

/// A person who speaks for a party in the partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
}

/// One actor's place in a partnership and what it has committed to (the third minimum content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub actor_id: Uuid,
    pub role: PartyRole,
    pub commitment: Option<String>,
    pub representatives: Vec<Representative>,
}

/// A valid partnership's content, as saved; produced only by [`PartnershipInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnershipDetails {
    pub name: String,
    pub description: Option<String>,
    pub kind: PartnershipKind,
    pub depth: Option<Depth>,
    pub steering: Option<SteeringRelation>,
    pub leadership: Option<LeadershipModel>,
    pub themes: Vec<String>,
    pub areas: Vec<String>,
    pub target_groups: Vec<String>,
    /// The four minimum contents: aim, coordination, each party's commitment (in `parties`)
    /// and how information flows.
    pub aim: Option<String>,
    pub coordination: Option<String>,
    pub information_flow: Option<String>,
    pub parties: Vec<Party>,
    /// Agreed only by word of mouth ("suullinen"): allowed, but followed until written down.
    pub verbal: bool,
    pub private_fields: BTreeSet<PartnershipField>,
    pub published: bool,
    pub demo: bool,
}

/// A stored partnership with the state that changes through its own actions, not the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partnership {
    pub id: Uuid,
    pub version: i64,
    #[serde(flatten)]
    pub details: PartnershipDetails,
    pub phase: Phase,
    pub staircase: Option<StaircaseLevel>,
    /// Validity of the agreement in force (or latest), for lists and the public catalogue.
    #[serde(with = "crate::iso_date::option", default)]
    pub valid_from: Option<Date>,
    #[serde(with = "crate::iso_date::option", default)]
    pub valid_until: Option<Date>,
    /// When an evaluation last decided continue, reshape or end.
    #[serde(with = "crate::iso_date::option", default)]
    pub last_decision_on: Option<Date>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub archived_at: Option<OffsetDateTime>,
}

/// What lists show of a partnership: name, kind, phase, validity, parties and aim. Lists keep
/// these in memory, so a page of them needs no database read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnershipSummary {
    pub id: Uuid,
    pub name: String,
    pub kind: PartnershipKind,
    pub phase: Phase,
    pub verbal: bool,
    pub demo: bool,
    pub published: bool,
    pub archived: bool,
    pub valid_until: Option<Date>,
    pub parties: Vec<Uuid>,
    pub aim: Option<String>,
    pub aim_private: bool,
}

impl PartnershipSummary {
    pub fn of(partnership: &Partnership) -> PartnershipSummary {
        let d = &partnership.details;
        PartnershipSummary {
            id: partnership.id,
            name: d.name.clone(),
            kind: d.kind,
            phase: partnership.phase,
            verbal: d.verbal,
            demo: d.demo,
            published: d.published,
            archived: partnership.is_archived(),
            valid_until: partnership.valid_until,
            parties: partnership.party_ids(),
            aim: d.aim.clone(),
            aim_private: d.private_fields.contains(&PartnershipField::Aim),
        }
    }
}

impl Partnership {
    pub fn is_archived(&self) -> bool {
        self.archived_at.is_some()
    }

    pub fn party_ids(&self) -> Vec<Uuid> {
        self.details.parties.iter().map(|p| p.actor_id).collect()
    }

    /// What a signed-in outsider sees: non-public fields emptied.
    pub fn redacted(&self) -> Partnership {
        let mut out = self.clone();
        let d = &mut out.details;
        for field in &self.details.private_fields {
            match field {
                PartnershipField::Description => d.description = None,
                PartnershipField::Aim => d.aim = None,
                PartnershipField::Coordination => d.coordination = None,
                PartnershipField::PartyCommitments => d.parties.iter_mut().for_each(|p| p.commitment = None),
                PartnershipField::InformationFlow => d.information_flow = None,
                PartnershipField::Themes => d.themes.clear(),
                PartnershipField::Areas => d.areas.clear(),
                PartnershipField::TargetGroups => d.target_groups.clear(),
                PartnershipField::Depth => d.depth = None,
                PartnershipField::Steering => d.steering = None,
                PartnershipField::Leadership => d.leadership = None,
                PartnershipField::Staircase => out.staircase = None,
                PartnershipField::Representatives => {
                    d.parties.iter_mut().for_each(|p| p.representatives.clear())
                }
            }
        }
        out
    }

    /// The public catalogue's view: name, parties, aim, kind and validity, nothing else.
    pub fn catalogue_entry(&self) -> Partnership {
        let redacted = self.redacted();
        let d = redacted.details;
        Partnership {
            details: PartnershipDetails {
                name: d.name,
                description: None,
                kind: d.kind,
                depth: None,
                steering: None,
                leadership: None,
                themes: Vec::new(),
                areas: Vec::new(),
                target_groups: Vec::new(),
                aim: d.aim,
                coordination: None,
                information_flow: None,
                parties: d
                    .parties
                    .into_iter()
                    .map(|p| Party { commitment: None, representatives: Vec::new(), ..p })
                    .collect(),
                verbal: d.verbal,
                private_fields: d.private_fields,
                published: d.published,
                demo: d.demo,
            },
            staircase: None,
            last_decision_on: None,
            ..redacted
        }
    }
}

pub const PARTIES_MAX: usize = 60;
pub const REPRESENTATIVES_MAX: usize = 10;

/// What a person typed in the partnership form or sent to the API, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartnershipInput {
    pub name: String,
    pub description: String,
    pub kind: String,
    pub depth: String,
    pub steering: String,
    pub leadership: String,
    pub themes: Vec<String>,
    pub areas: Vec<String>,
    pub target_groups: Vec<String>,
    pub aim: String,
    pub coordination: String,
    pub information_flow: String,
    pub parties: Vec<PartyInput>,
    pub verbal: bool,
    /// Fields hidden from outsiders; `None` keeps the defaults (representatives hidden).
    pub private_fields: Option<Vec<String>>,
    pub published: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartyInput {
    pub actor_id: String,
    pub role: String,
    pub commitment: String,
    pub representatives: Vec<RepresentativeInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RepresentativeInput {
    pub name: String,
    pub title: String,
    pub email: String,
}

impl PartyInput {
    fn is_blank(&self) -> bool {
        self.actor_id.trim().is_empty()
            && self.commitment.trim().is_empty()
            && self.representatives.iter().all(RepresentativeInput::is_blank)
    }
}

impl RepresentativeInput {
    fn is_blank(&self) -> bool {
        [&self.name, &self.title, &self.email].iter().all(|s| s.trim().is_empty())
    }
}

fn optional_choice<T>(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    parse: fn(&str) -> Option<T>,
) -> Option<T> {
    match raw.trim() {
        "" => None,
        raw => {
            let parsed = parse(raw);
            if parsed.is_none() {
                errors.add(field, "invalid-choice");
            }
            parsed
        }
    }
}

impl PartnershipInput {
    /// Checks every field, collecting all problems so the form can show them at once. A written
    /// partnership needs two parties and its aim; a verbal one may be recorded with less.
    pub fn validate(&self, demo: bool) -> Result<PartnershipDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = required_text(&mut errors, "name", &self.name, NAME_MAX);
        let description = optional_text(&mut errors, "description", &self.description, 1000);
        let kind = match self.kind.trim() {
            "" => {
                errors.add("kind", "required");
                PartnershipKind::Other
            }
            raw => PartnershipKind::parse(raw).unwrap_or_else(|| {
                errors.add("kind", "invalid-choice");
                PartnershipKind::Other
            }),
        };
        let depth = optional_choice(&mut errors, "depth", &self.depth, Depth::parse);
        let steering = optional_choice(&mut errors, "steering", &self.steering, SteeringRelation::parse);
        let leadership = optional_choice(&mut errors, "leadership", &self.leadership, LeadershipModel::parse);
        let themes = tag_list(&mut errors, "themes", &self.themes, TAGS_MAX, TAG_MAX);
        let areas = tag_list(&mut errors, "areas", &self.areas, TAGS_MAX, TAG_MAX);
        let target_groups = tag_list(&mut errors, "target_groups", &self.target_groups, TAGS_MAX, TAG_MAX);
        let aim = optional_text(&mut errors, "aim", &self.aim, TEXT_MAX);
        let coordination = optional_text(&mut errors, "coordination", &self.coordination, TEXT_MAX);
        let information_flow =
            optional_text(&mut errors, "information_flow", &self.information_flow, TEXT_MAX);

        let mut parties: Vec<Party> = Vec::new();
        for (i, row) in self.parties.iter().filter(|r| !r.is_blank()).enumerate() {
            let field = |name: &str| format!("parties[{i}].{name}");
            let actor_id = match Uuid::parse_str(row.actor_id.trim()) {
                Ok(id) => id,
                Err(_) => {
                    errors.add(
                        field("actor_id"),
                        if row.actor_id.trim().is_empty() { "required" } else { "party-not-found" },
                    );
                    Uuid::nil()
                }
            };
            if !actor_id.is_nil() && parties.iter().any(|p| p.actor_id == actor_id) {
                errors.add(field("actor_id"), "duplicate-party");
            }
            let role = match row.role.trim() {
                "" => PartyRole::Party,
                raw => PartyRole::parse(raw).unwrap_or_else(|| {
                    errors.add(field("role"), "invalid-choice");
                    PartyRole::Party
                }),
            };
            let commitment = optional_text(&mut errors, &field("commitment"), &row.commitment, TEXT_MAX);
            let mut representatives = Vec::new();
            for (j, rep) in row.representatives.iter().filter(|r| !r.is_blank()).enumerate() {
                let field = |name: &str| format!("parties[{i}].representatives[{j}].{name}");
                let email = optional_text(&mut errors, &field("email"), &rep.email, 254);
                if email.as_deref().is_some_and(|e| !is_plausible_email(e)) {
                    errors.add(field("email"), "invalid-email");
                }
                representatives.push(Representative {
                    name: required_text(&mut errors, &field("name"), &rep.name, SHORT_MAX),
                    title: optional_text(&mut errors, &field("title"), &rep.title, SHORT_MAX),
                    email,
                });
            }
            if representatives.len() > REPRESENTATIVES_MAX {
                errors.add_with(
                    field("representatives"),
                    "too-many",
                    vec![("max", REPRESENTATIVES_MAX.to_string())],
                );
            }
            parties.push(Party { actor_id, role, commitment, representatives });
        }
        if parties.len() > PARTIES_MAX {
            errors.add_with("parties", "too-many", vec![("max", PARTIES_MAX.to_string())]);
        }
        if !self.verbal {
            if parties.len() < 2 {
                errors.add("parties", "two-parties-needed");
            }
            if aim.is_none() && errors.for_field("aim").is_none() {
                errors.add("aim", "required-when-written");
            }
        }

        let mut private_fields = BTreeSet::new();
        let chosen = match &self.private_fields {
            Some(chosen) => chosen.clone(),
            None => PartnershipField::default_private().iter().map(|f| f.as_str().to_owned()).collect(),
        };
        for raw in &chosen {
            match PartnershipField::parse(raw.trim()) {
                Some(field) => {
                    private_fields.insert(field);
                }
                None => errors.add("private_fields", "invalid-choice"),
            }
        }

        errors.into_result(PartnershipDetails {
            name,
            description,
            kind,
            depth,
            steering,
            leadership,
            themes,
            areas,
            target_groups,
            aim,
            coordination,
            information_flow,
            parties,
            verbal: self.verbal,
            private_fields,
            published: self.published,
            demo,
        })
    }
}

impl From<&PartnershipDetails> for PartnershipInput {
    /// Fills a form from a saved record.
    fn from(d: &PartnershipDetails) -> Self {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        PartnershipInput {
            name: d.name.clone(),
            description: text(&d.description),
            kind: d.kind.as_str().to_owned(),
            depth: d.depth.map(|v| v.as_str().to_owned()).unwrap_or_default(),
            steering: d.steering.map(|v| v.as_str().to_owned()).unwrap_or_default(),
            leadership: d.leadership.map(|v| v.as_str().to_owned()).unwrap_or_default(),
            themes: d.themes.clone(),
            areas: d.areas.clone(),
            target_groups: d.target_groups.clone(),
            aim: text(&d.aim),
            coordination: text(&d.coordination),
            information_flow: text(&d.information_flow),
            parties: d
                .parties
                .iter()
                .map(|p| PartyInput {
                    actor_id: p.actor_id.to_string(),
                    role: p.role.as_str().to_owned(),
                    commitment: text(&p.commitment),
                    representatives: p
                        .representatives
                        .iter()
                        .map(|r| RepresentativeInput {
                            name: r.name.clone(),
                            title: text(&r.title),
                            email: text(&r.email),
                        })
                        .collect(),
                })
                .collect(),
            verbal: d.verbal,
            private_fields: Some(d.private_fields.iter().map(|f| f.as_str().to_owned()).collect()),
            published: d.published,
        }
    }
}

/// A request to move a partnership to another phase, with the date it was decided and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TransitionInput {
    pub event: String,
    pub decided_on: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub event: PhaseEvent,
    pub from: Phase,
    pub to: Phase,
    #[serde(with = "crate::iso_date")]
    pub decided_on: Date,
    pub note: Option<String>,
}

impl TransitionInput {
    /// The transition from `current`, or field errors naming what is wrong; a move the model
    /// does not allow is reported on `event`.
    pub fn validate(&self, current: Phase, today: Date) -> Result<Transition, FieldErrors> {
        let mut errors = FieldErrors::new();
        let event = PhaseEvent::parse(self.event.trim());
        if event.is_none() {
            errors.add("event", "invalid-choice");
        }
        let decided_on = optional_date(&mut errors, "decided_on", &self.decided_on).unwrap_or(today);
        if decided_on > today {
            errors.add("decided_on", "date-in-future");
        }
        let note = optional_text(&mut errors, "note", &self.note, TEXT_MAX);
        let to = match event.map(|e| current.apply(e)) {
            Some(Ok(to)) => Some(to),
            Some(Err(refused)) => {
                errors.add("event", refused.code());
                None
            }
            None => None,
        };
        match (event, to) {
            (Some(event), Some(to)) if errors.is_empty() => {
                Ok(Transition { event, from: current, to, decided_on, note })
            }
            _ => Err(errors),
        }
    }
}

/// A change on the staircase, dated when it was observed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaircaseInput {
    pub level: String,
    pub changed_on: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaircaseChange {
    pub level: StaircaseLevel,
    #[serde(with = "crate::iso_date")]
    pub changed_on: Date,
    pub note: Option<String>,
}

impl StaircaseInput {
    pub fn validate(&self, today: Date) -> Result<StaircaseChange, FieldErrors> {
        let mut errors = FieldErrors::new();
        let level = self.level.trim().parse::<u8>().ok().and_then(StaircaseLevel::new);
        if level.is_none() {
            errors.add("level", "invalid-choice");
        }
        let changed_on = optional_date(&mut errors, "changed_on", &self.changed_on).unwrap_or(today);
        if changed_on > today {
            errors.add("changed_on", "date-in-future");
        }
        let note = optional_text(&mut errors, "note", &self.note, TEXT_MAX);
        match level {
            Some(level) if errors.is_empty() => Ok(StaircaseChange { level, changed_on, note }),
            _ => Err(errors),
        }
    }
}

/// One ticked (or annotated) item of a phase's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistEntry {
    pub phase: Phase,
    pub code: String,
    pub done: bool,
    pub note: Option<String>,
}

impl ChecklistEntry {
    /// Accepts only codes the method defines for the phase.
    pub fn new(phase: Phase, code: &str, done: bool, note: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !phase.checklist().contains(&code) {
            errors.add("code", "invalid-choice");
        }
        let note = optional_text(&mut errors, "note", note, TEXT_MAX);
        errors.into_result(ChecklistEntry { phase, code: code.to_owned(), done, note })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Every phase × every event: exactly the six transitions of the model are allowed.
    #[test]
    fn transition_table_is_exhaustive() {
        use Phase::*;
        use PhaseEvent::*;
        let expected = |phase: Phase, event: PhaseEvent| -> Option<Phase> {
            match (phase, event) {
                (Exploration, Establish) => Some(Establishment),
                (Establishment, Launch) => Some(Implementation),
                (Implementation, Evaluate) => Some(EndingRenewal),
                (EndingRenewal, DecideContinue) => Some(Implementation),
                (EndingRenewal, DecideReshape) => Some(Exploration),
                (EndingRenewal, DecideEnd) => Some(Ended),
                _ => None,
            }
        };
        let mut allowed = 0;
        for phase in Phase::ALL {
            for event in PhaseEvent::ALL {
                let result = phase.apply(*event);
                assert_eq!(result.ok(), expected(*phase, *event), "{phase:?} × {event:?}");
                if let Err(refused) = result {
                    assert_eq!((refused.phase, refused.event), (*phase, *event));
                } else {
                    allowed += 1;
                }
            }
        }
        assert_eq!(allowed, 6);
    }

    #[test]
    fn ended_is_final_and_renewal_can_loop_back() {
        assert!(Phase::Ended.allowed_events().is_empty());
        let reshaped = Phase::EndingRenewal.apply(PhaseEvent::DecideReshape);
        assert_eq!(reshaped, Ok(Phase::Exploration));
        assert_eq!(
            Phase::EndingRenewal.allowed_events(),
            vec![PhaseEvent::DecideContinue, PhaseEvent::DecideReshape, PhaseEvent::DecideEnd]
        );
    }

    #[test]
    fn every_live_phase_has_something_to_find_out() {
        for phase in Phase::ALL.iter().filter(|p| **p != Phase::Ended) {
            assert!(!phase.checklist().is_empty(), "{phase:?}");
        }
    }

    #[test]
    fn staircase_has_six_steps() {
        assert!(StaircaseLevel::new(0).is_none());
        assert_eq!(StaircaseLevel::new(6).map(StaircaseLevel::get), Some(6));
        assert!(StaircaseLevel::new(7).is_none());
        assert!(serde_json::from_str::<StaircaseLevel>("9").is_err());
    }

    fn written_input(parties: usize) -> PartnershipInput {
        PartnershipInput {
            name: "Kotona asuvien ikäihmisten kumppanuus".into(),
            kind: "broad_development".into(),
            aim: "Vähentää yksinäisyyttä".into(),
            parties: (0..parties)
                .map(|i| PartyInput {
                    actor_id: Uuid::from_u128(i as u128 + 1).to_string(),
                    role: if i == 0 { "coordinator".into() } else { String::new() },
                    ..PartyInput::default()
                })
                .collect(),
            ..PartnershipInput::default()
        }
    }

    #[test]
    fn written_partnership_needs_two_parties_and_an_aim_verbal_does_not() {
        let errors = written_input(1).validate(false).unwrap_err();
        assert_eq!(errors.for_field("parties").map(|e| e.code), Some("two-parties-needed"));
        let mut no_aim = written_input(2);
        no_aim.aim.clear();
        assert_eq!(
            no_aim.validate(false).unwrap_err().for_field("aim").map(|e| e.code),
            Some("required-when-written")
        );
        let verbal = PartnershipInput { verbal: true, ..written_input(1) };
        let details = verbal.validate(false).unwrap();
        assert!(details.verbal);
        let details = written_input(2).validate(false).unwrap();
        assert_eq!(details.parties[0].role, PartyRole::Coordinator);
        assert_eq!(details.parties[1].role, PartyRole::Party);
        assert_eq!(details.private_fields, PartnershipField::default_private());
    }

    #[test]
    fn the_same_actor_cannot_be_a_party_twice() {
        let mut input = written_input(2);
        input.parties[1].actor_id = input.parties[0].actor_id.clone();
        let errors = input.validate(false).unwrap_err();
        assert_eq!(errors.for_field("parties[1].actor_id").map(|e| e.code), Some("duplicate-party"));
    }

    #[test]
    fn form_round_trip_keeps_everything() {
        let mut input = written_input(3);
        input.parties[2].representatives = vec![RepresentativeInput {
            name: "Anna".into(),
            title: "toiminnanjohtaja".into(),
            email: "anna@example.fi".into(),
        }];
        input.depth = "strategic".into();
        let details = input.validate(false).unwrap();
        assert_eq!(PartnershipInput::from(&details).validate(false).unwrap(), details);
    }

    #[test]
    fn catalogue_shows_only_name_parties_aim_kind_and_validity() {
        let mut details = written_input(2).validate(false).unwrap();
        details.parties[0].commitment = Some("tilat".into());
        details.parties[0].representatives =
            vec![Representative { name: "Anna".into(), title: None, email: None }];
        details.themes = vec!["yksinäisyys".into()];
        details.coordination = Some("ohjausryhmä".into());
        let now = OffsetDateTime::UNIX_EPOCH;
        let partnership = Partnership {
            id: Uuid::nil(),
            version: 1,
            details,
            phase: Phase::Implementation,
            staircase: StaircaseLevel::new(4),
            valid_from: None,
            valid_until: None,
            last_decision_on: None,
            created_at: now,
            updated_at: now,
            archived_at: None,
        };
        let entry = partnership.catalogue_entry();
        assert_eq!(entry.details.aim.as_deref(), Some("Vähentää yksinäisyyttä"));
        assert!(
            entry.details.themes.is_empty()
                && entry.details.coordination.is_none()
                && entry.staircase.is_none()
        );
        assert!(entry.details.parties.iter().all(|p| p.commitment.is_none() && p.representatives.is_empty()));
        let outsider = partnership.redacted();
        assert_eq!(outsider.details.themes, vec!["yksinäisyys"]);
        assert!(outsider.details.parties[0].representatives.is_empty());
        assert_eq!(outsider.details.parties[0].commitment.as_deref(), Some("tilat"));
    }

    #[test]
    fn list_entries_show_what_the_whole_record_would_to_every_viewer() {
        use crate::role::{Principal, Role, partnership_as_seen_by, summary_as_seen_by};
        let viewers = [
            None,
            Some(Principal { user_id: Uuid::nil(), role: Role::Member, actor_ids: vec![Uuid::from_u128(1)] }),
            Some(Principal { user_id: Uuid::nil(), role: Role::Member, actor_ids: vec![Uuid::from_u128(9)] }),
            Some(Principal { user_id: Uuid::nil(), role: Role::Staff, actor_ids: vec![] }),
        ];
        for (published, aim_private) in [(true, false), (true, true), (false, false), (false, true)] {
            let mut details = written_input(2).validate(false).unwrap();
            details.published = published;
            if aim_private {
                details.private_fields.insert(PartnershipField::Aim);
            }
            let now = OffsetDateTime::UNIX_EPOCH;
            let partnership = Partnership {
                id: Uuid::nil(),
                version: 1,
                details,
                phase: Phase::Implementation,
                staircase: None,
                valid_from: None,
                valid_until: None,
                last_decision_on: None,
                created_at: now,
                updated_at: now,
                archived_at: None,
            };
            let summary = PartnershipSummary::of(&partnership);
            for viewer in &viewers {
                let whole = partnership_as_seen_by(viewer.as_ref(), partnership.clone());
                let listed = summary_as_seen_by(viewer.as_ref(), &summary);
                assert_eq!(
                    listed.map(|s| (s.name, s.aim)),
                    whole.map(|p| (p.details.name, p.details.aim)),
                    "published {published}, aim private {aim_private}, viewer {viewer:?}"
                );
            }
        }
    }

    #[test]
    fn transitions_are_checked_against_the_model_and_dated() {
        let today = Date::from_calendar_date(2026, time::Month::November, 22).unwrap();
        let input = TransitionInput { event: "evaluate".into(), ..TransitionInput::default() };
        let errors = input.validate(Phase::Exploration, today).unwrap_err();
        assert_eq!(errors.for_field("event").map(|e| e.code), Some("phase-transition-refused"));
        let input = TransitionInput {
            event: "establish".into(),
            decided_on: "1.12.2026".into(),
            note: String::new(),
        };
        assert_eq!(
            input.validate(Phase::Exploration, today).unwrap_err().for_field("decided_on").map(|e| e.code),
            Some("date-in-future")
        );
        let input = TransitionInput {
            event: "establish".into(),
            decided_on: "20.11.2026".into(),
            note: "sovittu".into(),
        };
        let transition = input.validate(Phase::Exploration, today).unwrap();
        assert_eq!((transition.from, transition.to), (Phase::Exploration, Phase::Establishment));
        assert_eq!(transition.decided_on.day(), 20);
    }

    #[test]
    fn checklist_accepts_only_the_phase_items() {
        assert!(ChecklistEntry::new(Phase::Exploration, "shared-needs-and-aim", true, "").is_ok());
        assert!(ChecklistEntry::new(Phase::Exploration, "coordination", true, "").is_err());
    }

    #[test]
    fn every_phase_shows_a_turku_step() {
        let covered: BTreeSet<TurkuStep> =
            Phase::ALL.iter().flat_map(|p| p.turku_steps().iter().copied()).collect();
        assert_eq!(covered.len(), TurkuStep::ALL.len());
    }
}
