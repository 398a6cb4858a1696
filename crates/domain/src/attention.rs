//! The attention list (seurantalista): what needs doing so that nothing agreed slips by, and
//! the rules that decide when a record belongs on it.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};
use uuid::Uuid;

use crate::actor::code_enum;
use crate::commitment::DeliverableKind;

/// Commitments and deliverables due within this many days are "upcoming".
pub const UPCOMING_DAYS: i64 = 30;
/// A partnership should reach an evaluation decision at least this often.
pub const DECISION_INTERVAL_DAYS: i64 = 365;

code_enum!(
    /// Why a line is on the list, in the order the list shows them: the most urgent first.
    AttentionKind {
        CommitmentOverdue => "commitment_overdue",
        DeliverableOverdue => "deliverable_overdue",
        AwaitingReview => "awaiting_review",
        AwaitingAcceptance => "awaiting_acceptance",
        AgreementEnding => "agreement_ending",
        AwaitingFunder => "awaiting_funder",
        CommitmentUpcoming => "commitment_upcoming",
        DeliverableUpcoming => "deliverable_upcoming",
        VerbalNotWritten => "verbal_not_written",
        NoEvaluationDecision => "no_evaluation_decision",
    }
);

impl AttentionKind {
    /// What the line is about, for its link: a partnership, an agreement, a commitment or a
    /// deliverable.
    pub fn subject(self) -> Subject {
        match self {
            Self::CommitmentOverdue | Self::CommitmentUpcoming => Subject::Commitment,
            Self::DeliverableOverdue | Self::DeliverableUpcoming | Self::AwaitingReview => {
                Subject::Deliverable
            }
            Self::AwaitingAcceptance | Self::AgreementEnding | Self::AwaitingFunder => Subject::Agreement,
            Self::VerbalNotWritten | Self::NoEvaluationDecision => Subject::Partnership,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Partnership,
    Agreement,
    Commitment,
    Deliverable,
}

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttentionItem {
    pub kind: AttentionKind,
    pub partnership_id: Uuid,
    pub partnership_name: String,
    /// The record the line is about (equal to `partnership_id` for partnership lines).
    pub subject_id: Uuid,
    pub title: String,
    /// The date that matters: due date, end of the agreement, or when a decision was due.
    #[serde(with = "crate::iso_date::option", default)]
    pub date: Option<Date>,
    /// The party the line concerns, when it concerns one.
    pub actor_id: Option<Uuid>,
    /// For a deliverable: its kind and grant year, which name the yearly cycle's documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deliverable_kind: Option<DeliverableKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// The window the store asks for: everything due up to this day is overdue or upcoming.
pub fn upcoming_until(today: Date) -> Date {
    today + Duration::days(UPCOMING_DAYS)
}

/// Overdue when past due, upcoming within the window; `None` when it can wait.
pub fn due_kind(
    today: Date,
    due: Date,
    overdue: AttentionKind,
    upcoming: AttentionKind,
) -> Option<AttentionKind> {
    if due < today {
        Some(overdue)
    } else if due <= upcoming_until(today) {
        Some(upcoming)
    } else {
        None
    }
}

/// When a partnership's next evaluation decision is due: a year after the last one, or a year
/// after it was recorded if it has none yet.
pub fn evaluation_due(last_decision: Option<Date>, recorded_on: Date) -> Date {
    last_decision.unwrap_or(recorded_on) + Duration::days(DECISION_INTERVAL_DAYS)
}

/// Most urgent kind first, then the earliest date, then by partnership name for a stable order.
pub fn sort(items: &mut [AttentionItem]) {
    items.sort_by(|a, b| {
        let rank = |k: AttentionKind| AttentionKind::ALL.iter().position(|x| *x == k).unwrap_or(usize::MAX);
        rank(a.kind)
            .cmp(&rank(b.kind))
            .then(a.date.cmp(&b.date))
            .then_with(|| a.partnership_name.cmp(&b.partnership_name))
            .then(a.subject_id.cmp(&b.subject_id))
    });
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn due_dates_are_overdue_upcoming_or_later() {
        let today = date!(2026 - 11 - 22);
        let kind =
            |due| due_kind(today, due, AttentionKind::CommitmentOverdue, AttentionKind::CommitmentUpcoming);
        assert_eq!(kind(date!(2026 - 11 - 21)), Some(AttentionKind::CommitmentOverdue));
        assert_eq!(kind(today), Some(AttentionKind::CommitmentUpcoming), "due today is not yet late");
        assert_eq!(kind(date!(2026 - 12 - 22)), Some(AttentionKind::CommitmentUpcoming));
        assert_eq!(kind(date!(2026 - 12 - 23)), None);
    }

    #[test]
    fn evaluation_is_due_a_year_after_the_last_decision() {
        assert_eq!(evaluation_due(None, date!(2025 - 11 - 22)), date!(2026 - 11 - 22));
        assert_eq!(evaluation_due(Some(date!(2026 - 01 - 10)), date!(2020 - 01 - 01)), date!(2027 - 01 - 10));
    }

    #[test]
    fn most_urgent_first() {
        let item = |kind, day: Date, name: &str| AttentionItem {
            kind,
            partnership_id: Uuid::nil(),
            partnership_name: name.into(),
            subject_id: Uuid::nil(),
            title: String::new(),
            date: Some(day),
            actor_id: None,
            deliverable_kind: None,
            year: None,
        };
        let mut items = vec![
            item(AttentionKind::VerbalNotWritten, date!(2026 - 01 - 01), "a"),
            item(AttentionKind::CommitmentOverdue, date!(2026 - 05 - 01), "b"),
            item(AttentionKind::CommitmentOverdue, date!(2026 - 03 - 01), "c"),
            item(AttentionKind::AgreementEnding, date!(2026 - 12 - 31), "d"),
        ];
        sort(&mut items);
        let names: Vec<&str> = items.iter().map(|i| i.partnership_name.as_str()).collect();
        assert_eq!(names, ["c", "b", "d", "a"]);
    }

    #[test]
    fn lines_link_to_what_needs_doing() {
        assert_eq!(AttentionKind::AwaitingReview.subject(), Subject::Deliverable);
        assert_eq!(AttentionKind::AgreementEnding.subject(), Subject::Agreement);
        assert_eq!(AttentionKind::NoEvaluationDecision.subject(), Subject::Partnership);
    }
}
