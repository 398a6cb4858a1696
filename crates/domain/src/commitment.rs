//! Follow-up (seuranta): commitments with due dates or a yearly rhythm, deliverables that staff
//! review, and the yearly grant cycle of broad development partnerships.

use serde::{Deserialize, Serialize};
use time::{Date, Month, OffsetDateTime};
use uuid::Uuid;

use crate::actor::{SHORT_MAX, TEXT_MAX, code_enum};
use crate::validation::{
    FieldErrors, optional_date, optional_euros, optional_text, required_date, required_text,
};

code_enum!(
    CommitmentStatus {
        NotStarted => "not_started",
        InProgress => "in_progress",
        Done => "done",
        Dropped => "dropped",
    }
);

impl CommitmentStatus {
    pub fn is_open(self) -> bool {
        matches!(self, Self::NotStarted | Self::InProgress)
    }
}

/// A valid commitment's content; produced only by [`CommitmentInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentDetails {
    /// The party that committed; `None` when all parties share it.
    pub actor_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    /// For a yearly commitment, the next occurrence (e.g. every 31 March).
    #[serde(with = "crate::iso_date::option", default)]
    pub due_on: Option<Date>,
    pub yearly: bool,
    /// Who sees to it (a person or a unit, free text).
    pub owner: Option<String>,
    pub status: CommitmentStatus,
    pub evidence: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commitment {
    pub id: Uuid,
    pub partnership_id: Uuid,
    pub version: i64,
    #[serde(flatten)]
    pub details: CommitmentDetails,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl CommitmentDetails {
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.due_on.is_some_and(|due| due < today)
    }

    /// Marking a yearly commitment done closes this year's occurrence and opens the next one,
    /// a year later on the same date (29 February falls back to the 28th).
    pub fn after_status_change(mut self) -> CommitmentDetails {
        if self.yearly
            && self.status == CommitmentStatus::Done
            && let Some(due) = self.due_on
        {
            self.due_on = Some(same_day_next_year(due));
            self.status = CommitmentStatus::NotStarted;
        }
        self
    }
}

pub fn same_day_next_year(date: Date) -> Date {
    let year = date.year() + 1;
    Date::from_calendar_date(year, date.month(), date.day())
        .or_else(|_| Date::from_calendar_date(year, date.month(), date.day() - 1))
        .unwrap_or(date)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitmentInput {
    pub actor_id: String,
    pub title: String,
    pub description: String,
    pub due_on: String,
    pub yearly: bool,
    pub owner: String,
    pub status: String,
    pub evidence: String,
    pub notes: String,
}

impl CommitmentInput {
    /// `parties` are the partnership's actors: a commitment belongs to one of them or to all.
    pub fn validate(&self, parties: &[Uuid]) -> Result<CommitmentDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let actor_id = match self.actor_id.trim() {
            "" => None,
            raw => match Uuid::parse_str(raw) {
                Ok(id) if parties.contains(&id) => Some(id),
                _ => {
                    errors.add("actor_id", "invalid-choice");
                    None
                }
            },
        };
        let title = required_text(&mut errors, "title", &self.title, SHORT_MAX);
        let description = optional_text(&mut errors, "description", &self.description, TEXT_MAX);
        let due_on = optional_date(&mut errors, "due_on", &self.due_on);
        if self.yearly && due_on.is_none() && errors.for_field("due_on").is_none() {
            errors.add("due_on", "required-when-yearly");
        }
        let owner = optional_text(&mut errors, "owner", &self.owner, SHORT_MAX);
        let status = match self.status.trim() {
            "" => CommitmentStatus::NotStarted,
            raw => CommitmentStatus::parse(raw).unwrap_or_else(|| {
                errors.add("status", "invalid-choice");
                CommitmentStatus::NotStarted
            }),
        };
        let evidence = optional_text(&mut errors, "evidence", &self.evidence, TEXT_MAX);
        let notes = optional_text(&mut errors, "notes", &self.notes, TEXT_MAX);
        errors.into_result(CommitmentDetails {
            actor_id,
            title,
            description,
            due_on,
            yearly: self.yearly,
            owner,
            status,
            evidence,
            notes,
        })
    }
}

impl From<&CommitmentDetails> for CommitmentInput {
    fn from(d: &CommitmentDetails) -> Self {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        CommitmentInput {
            actor_id: d.actor_id.map(|id| id.to_string()).unwrap_or_default(),
            title: d.title.clone(),
            description: text(&d.description),
            due_on: d.due_on.map(|d| d.to_string()).unwrap_or_default(),
            yearly: d.yearly,
            owner: text(&d.owner),
            status: d.status.as_str().to_owned(),
            evidence: text(&d.evidence),
            notes: text(&d.notes),
        }
    }
}

code_enum!(
    /// The yearly cycle's two documents, and anything else a partnership agrees to deliver.
    DeliverableKind {
        General => "general",
        GrantReport => "grant_report",
        ActionPlan => "action_plan",
    }
);

code_enum!(
    DeliverableStatus {
        Open => "open",
        Submitted => "submitted",
        Accepted => "accepted",
        Returned => "returned",
    }
);

code_enum!(
    /// What moves a deliverable through review.
    ReviewEvent {
        Submit => "submit",
        Accept => "accept",
        Return => "return",
    }
);

impl DeliverableStatus {
    /// Open or returned work can be submitted; staff accept or return what was submitted.
    pub fn apply(self, event: ReviewEvent) -> Option<DeliverableStatus> {
        use DeliverableStatus::*;
        match (self, event) {
            (Open | Returned, ReviewEvent::Submit) => Some(Submitted),
            (Submitted, ReviewEvent::Accept) => Some(Accepted),
            (Submitted, ReviewEvent::Return) => Some(Returned),
            _ => None,
        }
    }

    /// Locked while under review, and for good once accepted.
    pub fn is_locked(self) -> bool {
        matches!(self, Self::Submitted | Self::Accepted)
    }
}

/// A line of an action and financial plan's budget, in cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub description: String,
    pub amount_cents: i64,
}

code_enum!(
    IndicatorKind {
        Volume => "volume",
        Quality => "quality",
    }
);

/// An indicator the steering group agrees in the plan; measurements over time attach to it later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub name: String,
    pub kind: IndicatorKind,
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deliverable {
    pub id: Uuid,
    pub partnership_id: Uuid,
    pub version: i64,
    /// The party expected to deliver.
    pub actor_id: Option<Uuid>,
    pub kind: DeliverableKind,
    pub title: String,
    /// The grant year a cycle document concerns.
    pub year: Option<i32>,
    #[serde(with = "crate::iso_date")]
    pub due_on: Date,
    pub status: DeliverableStatus,
    pub text: Option<String>,
    pub budget_lines: Vec<BudgetLine>,
    pub indicators: Vec<Indicator>,
    pub review_comment: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub reviewed_at: Option<OffsetDateTime>,
}

impl Deliverable {
    pub fn is_overdue(&self, today: Date) -> bool {
        matches!(self.status, DeliverableStatus::Open | DeliverableStatus::Returned) && self.due_on < today
    }

    pub fn budget_total_cents(&self) -> i64 {
        self.budget_lines.iter().map(|l| l.amount_cents).sum()
    }
}

/// A new deliverable as staff define it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliverableInput {
    pub actor_id: String,
    pub title: String,
    pub due_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeliverable {
    pub actor_id: Option<Uuid>,
    pub kind: DeliverableKind,
    pub title: String,
    pub year: Option<i32>,
    pub due_on: Date,
}

impl DeliverableInput {
    pub fn validate(&self, parties: &[Uuid]) -> Result<NewDeliverable, FieldErrors> {
        let mut errors = FieldErrors::new();
        let actor_id = match Uuid::parse_str(self.actor_id.trim()) {
            Ok(id) if parties.contains(&id) => Some(id),
            _ => {
                errors.add("actor_id", "invalid-choice");
                None
            }
        };
        let title = required_text(&mut errors, "title", &self.title, SHORT_MAX);
        let due_on = required_date(&mut errors, "due_on", &self.due_on);
        match due_on {
            Some(due_on) if errors.is_empty() => {
                Ok(NewDeliverable { actor_id, kind: DeliverableKind::General, title, year: None, due_on })
            }
            _ => Err(errors),
        }
    }
}

/// What a party submits: text, and for a plan its budget lines and indicators.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubmissionInput {
    pub text: String,
    pub budget_lines: Vec<BudgetLineInput>,
    pub indicators: Vec<IndicatorInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetLineInput {
    pub description: String,
    pub amount: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorInput {
    pub name: String,
    pub kind: String,
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub text: String,
    pub budget_lines: Vec<BudgetLine>,
    pub indicators: Vec<Indicator>,
}

impl SubmissionInput {
    pub fn validate(&self, kind: DeliverableKind) -> Result<Submission, FieldErrors> {
        let mut errors = FieldErrors::new();
        let text = required_text(&mut errors, "text", &self.text, 20_000);
        let mut budget_lines = Vec::new();
        for (i, line) in self
            .budget_lines
            .iter()
            .filter(|l| !(l.description.trim().is_empty() && l.amount.trim().is_empty()))
            .enumerate()
        {
            let field = |name: &str| format!("budget_lines[{i}].{name}");
            let description = required_text(&mut errors, &field("description"), &line.description, SHORT_MAX);
            let amount = if line.amount.trim().is_empty() {
                errors.add(field("amount"), "required");
                None
            } else {
                optional_euros(&mut errors, &field("amount"), &line.amount)
            };
            budget_lines.push(BudgetLine { description, amount_cents: amount.unwrap_or(0) });
        }
        let mut indicators = Vec::new();
        for (i, row) in self
            .indicators
            .iter()
            .filter(|r| !r.name.trim().is_empty() || !r.target.trim().is_empty())
            .enumerate()
        {
            let field = |name: &str| format!("indicators[{i}].{name}");
            let name = required_text(&mut errors, &field("name"), &row.name, SHORT_MAX);
            let kind = IndicatorKind::parse(row.kind.trim()).unwrap_or_else(|| {
                errors.add(field("kind"), "invalid-choice");
                IndicatorKind::Volume
            });
            let target = required_text(&mut errors, &field("target"), &row.target, SHORT_MAX);
            indicators.push(Indicator { name, kind, target });
        }
        if kind == DeliverableKind::ActionPlan && budget_lines.is_empty() {
            errors.add("budget_lines", "budget-needed");
        }
        if kind != DeliverableKind::ActionPlan && !(budget_lines.is_empty() && indicators.is_empty()) {
            errors.add("budget_lines", "only-in-plans");
        }
        errors.into_result(Submission { text, budget_lines, indicators })
    }
}

/// A staff member's review decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewInput {
    pub decision: String,
    pub comment: String,
}

impl ReviewInput {
    /// Returning needs a comment saying what to fix; accepting may carry one.
    pub fn validate(&self) -> Result<(ReviewEvent, Option<String>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let event = match ReviewEvent::parse(self.decision.trim()) {
            Some(e @ (ReviewEvent::Accept | ReviewEvent::Return)) => Some(e),
            _ => {
                errors.add("decision", "invalid-choice");
                None
            }
        };
        let comment = optional_text(&mut errors, "comment", &self.comment, TEXT_MAX);
        if event == Some(ReviewEvent::Return) && comment.is_none() && errors.is_empty() {
            errors.add("comment", "required-when-returning");
        }
        match event {
            Some(event) if errors.is_empty() => Ok((event, comment)),
            _ => Err(errors),
        }
    }
}

/// The dates the city sets for the yearly cycle, as month and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleDates {
    pub report_due: (Month, u8),
    pub plan_due: (Month, u8),
}

impl Default for CycleDates {
    /// The report on last year's grant by the end of March, next year's plan by the end of
    /// September, in time for the committee's budget round.
    fn default() -> Self {
        CycleDates { report_due: (Month::March, 31), plan_due: (Month::September, 30) }
    }
}

/// The documents a broad development partnership owes in calendar year `year`: the report on
/// the use of the previous year's grant and the action and financial plan for the next year.
pub fn yearly_cycle(year: i32, dates: CycleDates, organisation: Option<Uuid>) -> Vec<NewDeliverable> {
    let on = |(month, day): (Month, u8)| {
        Date::from_calendar_date(year, month, day)
            .or_else(|_| Date::from_calendar_date(year, month, 28))
            .unwrap_or(Date::MIN)
    };
    vec![
        NewDeliverable {
            actor_id: organisation,
            kind: DeliverableKind::GrantReport,
            title: String::new(),
            year: Some(year - 1),
            due_on: on(dates.report_due),
        },
        NewDeliverable {
            actor_id: organisation,
            kind: DeliverableKind::ActionPlan,
            title: String::new(),
            year: Some(year + 1),
            due_on: on(dates.plan_due),
        },
    ]
}

/// The grant of one year: applied, granted and paid, in cents, with the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantYear {
    pub year: i32,
    pub applied_cents: Option<i64>,
    pub granted_cents: Option<i64>,
    pub paid_cents: Option<i64>,
    pub decision_reference: Option<String>,
    #[serde(with = "crate::iso_date::option", default)]
    pub decided_on: Option<Date>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GrantYearInput {
    pub year: String,
    pub applied: String,
    pub granted: String,
    pub paid: String,
    pub decision_reference: String,
    pub decided_on: String,
}

impl GrantYearInput {
    pub fn validate(&self) -> Result<GrantYear, FieldErrors> {
        let mut errors = FieldErrors::new();
        let year = self.year.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
        if year.is_none() {
            errors.add("year", "invalid-year");
        }
        let applied_cents = optional_euros(&mut errors, "applied", &self.applied);
        let granted_cents = optional_euros(&mut errors, "granted", &self.granted);
        let paid_cents = optional_euros(&mut errors, "paid", &self.paid);
        if let (Some(paid), Some(granted)) = (paid_cents, granted_cents)
            && paid > granted
        {
            errors.add("paid", "paid-more-than-granted");
        }
        let decision_reference =
            optional_text(&mut errors, "decision_reference", &self.decision_reference, SHORT_MAX);
        let decided_on = optional_date(&mut errors, "decided_on", &self.decided_on);
        match year {
            Some(year) if errors.is_empty() => Ok(GrantYear {
                year,
                applied_cents,
                granted_cents,
                paid_cents,
                decision_reference,
                decided_on,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn yearly_commitment_rolls_over_when_done() {
        let input = CommitmentInput {
            title: "Toimintakertomus".into(),
            due_on: "31.3.2026".into(),
            yearly: true,
            status: "done".into(),
            ..CommitmentInput::default()
        };
        let details = input.validate(&[]).unwrap().after_status_change();
        assert_eq!(details.due_on, Some(date!(2027 - 03 - 31)));
        assert_eq!(details.status, CommitmentStatus::NotStarted);
        assert_eq!(same_day_next_year(date!(2028 - 02 - 29)), date!(2029 - 02 - 28));
    }

    #[test]
    fn overdue_means_open_and_past_due() {
        let mut d =
            CommitmentInput { title: "x".into(), due_on: "1.3.2026".into(), ..CommitmentInput::default() }
                .validate(&[])
                .unwrap();
        assert!(d.is_overdue(date!(2026 - 03 - 02)));
        assert!(!d.is_overdue(date!(2026 - 03 - 01)));
        d.status = CommitmentStatus::Dropped;
        assert!(!d.is_overdue(date!(2026 - 03 - 02)));
    }

    #[test]
    fn commitment_must_belong_to_a_party_and_yearly_needs_a_date() {
        let party = Uuid::from_u128(1);
        let input = CommitmentInput {
            actor_id: Uuid::from_u128(2).to_string(),
            title: "x".into(),
            yearly: true,
            ..CommitmentInput::default()
        };
        let errors = input.validate(&[party]).unwrap_err();
        assert_eq!(errors.for_field("actor_id").map(|e| e.code), Some("invalid-choice"));
        assert_eq!(errors.for_field("due_on").map(|e| e.code), Some("required-when-yearly"));
    }

    #[test]
    fn review_state_machine() {
        use DeliverableStatus::*;
        for status in DeliverableStatus::ALL {
            for event in ReviewEvent::ALL {
                let expected = match (status, event) {
                    (Open | Returned, ReviewEvent::Submit) => Some(Submitted),
                    (Submitted, ReviewEvent::Accept) => Some(Accepted),
                    (Submitted, ReviewEvent::Return) => Some(Returned),
                    _ => None,
                };
                assert_eq!(status.apply(*event), expected, "{status:?} × {event:?}");
            }
        }
        assert!(Submitted.is_locked() && !Returned.is_locked());
    }

    #[test]
    fn returning_needs_a_comment() {
        let input = ReviewInput { decision: "return".into(), comment: " ".into() };
        assert_eq!(
            input.validate().unwrap_err().for_field("comment").map(|e| e.code),
            Some("required-when-returning")
        );
        assert!(ReviewInput { decision: "accept".into(), comment: String::new() }.validate().is_ok());
        assert!(ReviewInput { decision: "submit".into(), comment: String::new() }.validate().is_err());
    }

    #[test]
    fn plan_needs_a_budget_and_report_has_none() {
        let with_budget = SubmissionInput {
            text: "Suunnitelma".into(),
            budget_lines: vec![BudgetLineInput { description: "Palkat".into(), amount: "12 000".into() }],
            indicators: vec![IndicatorInput {
                name: "Kävijät".into(),
                kind: "volume".into(),
                target: "500".into(),
            }],
        };
        let plan = with_budget.validate(DeliverableKind::ActionPlan).unwrap();
        assert_eq!(plan.budget_lines[0].amount_cents, 1_200_000);
        assert!(with_budget.validate(DeliverableKind::GrantReport).is_err());
        let bare = SubmissionInput { text: "x".into(), ..SubmissionInput::default() };
        assert!(bare.validate(DeliverableKind::ActionPlan).is_err());
        assert!(bare.validate(DeliverableKind::GrantReport).is_ok());
    }

    #[test]
    fn yearly_cycle_asks_for_last_years_report_and_next_years_plan() {
        let cycle = yearly_cycle(2027, CycleDates::default(), None);
        assert_eq!(
            (cycle[0].kind, cycle[0].year, cycle[0].due_on),
            (DeliverableKind::GrantReport, Some(2026), date!(2027 - 03 - 31))
        );
        assert_eq!(
            (cycle[1].kind, cycle[1].year, cycle[1].due_on),
            (DeliverableKind::ActionPlan, Some(2028), date!(2027 - 09 - 30))
        );
    }

    #[test]
    fn grant_paid_cannot_exceed_granted() {
        let input = GrantYearInput {
            year: "2026".into(),
            granted: "10 000".into(),
            paid: "12 000".into(),
            ..GrantYearInput::default()
        };
        assert_eq!(
            input.validate().unwrap_err().for_field("paid").map(|e| e.code),
            Some("paid-more-than-granted")
        );
    }
}
