//! Agreement documents (sopimukset): versions linked into a readable chain, acceptance by every
//! party, a funder's condition, and the notice period before the end.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::actor::{SHORT_MAX, TEXT_MAX, code_enum};
use crate::partnership::{PartnershipDetails, PartyRole};
use crate::validation::{FieldErrors, optional_text, required_date, required_text};

code_enum!(
    /// How a version relates to the one before it.
    AgreementKind {
        Original => "original",
        Amendment => "amendment",
        Renewal => "renewal",
    }
);

code_enum!(
    FunderVerdict {
        Positive => "positive",
        Negative => "negative",
    }
);

code_enum!(
    /// A party accepts in the app, or staff records a paper it signed.
    AcceptanceMethod {
        InApp => "in_app",
        Paper => "paper",
    }
);

code_enum!(
    /// Where an agreement stands today; derived, never stored.
    AgreementStatus {
        AwaitingAcceptance => "awaiting_acceptance",
        AwaitingFunder => "awaiting_funder",
        NotYetValid => "not_yet_valid",
        InForce => "in_force",
        Expired => "expired",
        Superseded => "superseded",
        Rejected => "rejected",
    }
);

pub const NOTICE_DAYS_DEFAULT: u16 = 90;
pub const NOTICE_DAYS_MAX: u16 = 730;

/// What each party commits to, as written into this version of the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyTerms {
    pub actor_id: Uuid,
    pub role: PartyRole,
    pub commitment: Option<String>,
}

/// A valid agreement version's content; produced only by [`AgreementInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDetails {
    pub kind: AgreementKind,
    /// The version this one amends or renews; `None` for the original.
    pub previous_id: Option<Uuid>,
    pub title: String,
    #[serde(with = "crate::iso_date")]
    pub valid_from: Date,
    #[serde(with = "crate::iso_date::option", default)]
    pub valid_until: Option<Date>,
    /// The renewal notice: the agreement enters the attention list this many days before its end.
    pub notice_days: u16,
    /// Language the printable agreement is written in ("fi", "sv", "en").
    pub language: String,
    pub aim: String,
    pub coordination: Option<String>,
    pub information_flow: Option<String>,
    pub parties: Vec<PartyTerms>,
    /// A project agreement that comes into force only on a funder's positive decision (e.g. STEA).
    pub funder_condition: Option<String>,
}

/// One party's acceptance; `accepted_on` is empty until it has accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    pub actor_id: Uuid,
    #[serde(with = "crate::iso_date::option", default)]
    pub accepted_on: Option<Date>,
    pub method: Option<AcceptanceMethod>,
    pub recorded_by: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunderDecision {
    pub verdict: FunderVerdict,
    #[serde(with = "crate::iso_date")]
    pub decided_on: Date,
    pub reference: String,
}

/// A stored agreement version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agreement {
    pub id: Uuid,
    pub partnership_id: Uuid,
    /// 1 for the original, then one more for each amendment or renewal in the chain.
    pub number: i32,
    #[serde(flatten)]
    pub details: AgreementDetails,
    pub acceptances: Vec<Acceptance>,
    pub funder_decision: Option<FunderDecision>,
    /// The later version that replaced this one.
    pub superseded_by: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Agreement {
    /// Files may be added to or removed from a version until a party has accepted it: an
    /// acceptance covers the version as it stood, attachments included.
    pub fn attachments_open(&self) -> bool {
        self.superseded_by.is_none() && self.acceptances.iter().all(|a| a.accepted_on.is_none())
    }

    pub fn all_accepted(&self) -> bool {
        self.acceptances.iter().all(|a| a.accepted_on.is_some())
    }

    pub fn awaits_acceptance_of(&self, actor_id: Uuid) -> bool {
        self.acceptances.iter().any(|a| a.actor_id == actor_id && a.accepted_on.is_none())
    }

    pub fn status(&self, today: Date) -> AgreementStatus {
        let verdict = self.funder_decision.as_ref().map(|d| d.verdict);
        if verdict == Some(FunderVerdict::Negative) {
            AgreementStatus::Rejected
        } else if self.superseded_by.is_some() {
            AgreementStatus::Superseded
        } else if !self.all_accepted() {
            AgreementStatus::AwaitingAcceptance
        } else if self.details.funder_condition.is_some() && verdict != Some(FunderVerdict::Positive) {
            AgreementStatus::AwaitingFunder
        } else if self.details.valid_until.is_some_and(|end| end < today) {
            AgreementStatus::Expired
        } else if self.details.valid_from > today {
            AgreementStatus::NotYetValid
        } else {
            AgreementStatus::InForce
        }
    }

    /// The first day of the notice period, when the agreement has an end.
    pub fn notice_from(&self) -> Option<Date> {
        self.details.valid_until.map(|end| end - Duration::days(i64::from(self.details.notice_days)))
    }

    /// In force (or signed and waiting to start) and within its notice period, so renewal is due.
    pub fn in_notice_period(&self, today: Date) -> bool {
        matches!(self.status(today), AgreementStatus::InForce | AgreementStatus::NotYetValid)
            && self.notice_from().is_some_and(|from| from <= today)
    }

    /// Whether a funder's decision may still be recorded.
    pub fn awaits_funder(&self) -> bool {
        self.details.funder_condition.is_some()
            && self.funder_decision.is_none()
            && self.superseded_by.is_none()
    }
}

/// What a person typed in the agreement form, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgreementInput {
    pub kind: String,
    pub previous_id: String,
    pub title: String,
    pub valid_from: String,
    pub valid_until: String,
    pub notice_days: String,
    pub language: String,
    pub aim: String,
    pub coordination: String,
    pub information_flow: String,
    pub funder_condition: String,
}

impl AgreementInput {
    /// A form prefilled from the partnership's minimum contents.
    pub fn from_partnership(details: &PartnershipDetails, language: &str) -> Self {
        AgreementInput {
            kind: AgreementKind::Original.as_str().to_owned(),
            title: details.name.clone(),
            notice_days: NOTICE_DAYS_DEFAULT.to_string(),
            language: language.to_owned(),
            aim: details.aim.clone().unwrap_or_default(),
            coordination: details.coordination.clone().unwrap_or_default(),
            information_flow: details.information_flow.clone().unwrap_or_default(),
            ..AgreementInput::default()
        }
    }

    /// Checks the version against the partnership it belongs to: a written agreement needs
    /// the partnership's two parties, the aim, and an amendment or renewal names its previous
    /// version. The parties' commitments are copied from the partnership as they stand.
    pub fn validate(
        &self,
        partnership: &PartnershipDetails,
        previous_ids: &[Uuid],
    ) -> Result<AgreementDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = AgreementKind::parse(self.kind.trim()).unwrap_or_else(|| {
            errors.add("kind", "invalid-choice");
            AgreementKind::Original
        });
        let previous_id = match (kind, self.previous_id.trim()) {
            (AgreementKind::Original, _) => None,
            (_, "") => {
                errors.add("previous_id", "required");
                None
            }
            (_, raw) => match Uuid::parse_str(raw) {
                Ok(id) if previous_ids.contains(&id) => Some(id),
                _ => {
                    errors.add("previous_id", "invalid-choice");
                    None
                }
            },
        };
        let title = required_text(&mut errors, "title", &self.title, SHORT_MAX);
        let valid_from = required_date(&mut errors, "valid_from", &self.valid_from);
        let valid_until = crate::validation::optional_date(&mut errors, "valid_until", &self.valid_until);
        if let (Some(from), Some(until)) = (valid_from, valid_until)
            && until < from
        {
            errors.add("valid_until", "end-before-start");
        }
        let notice_days = match self.notice_days.trim() {
            "" => NOTICE_DAYS_DEFAULT,
            raw => raw.parse::<u16>().ok().filter(|d| *d <= NOTICE_DAYS_MAX).unwrap_or_else(|| {
                errors.add_with("notice_days", "out-of-range", vec![("max", NOTICE_DAYS_MAX.to_string())]);
                NOTICE_DAYS_DEFAULT
            }),
        };
        let language = match self.language.trim() {
            "" => "fi".to_owned(),
            lang @ ("fi" | "sv" | "en") => lang.to_owned(),
            _ => {
                errors.add("language", "invalid-choice");
                "fi".to_owned()
            }
        };
        let aim = required_text(&mut errors, "aim", &self.aim, TEXT_MAX);
        let coordination = optional_text(&mut errors, "coordination", &self.coordination, TEXT_MAX);
        let information_flow =
            optional_text(&mut errors, "information_flow", &self.information_flow, TEXT_MAX);
        let funder_condition =
            optional_text(&mut errors, "funder_condition", &self.funder_condition, SHORT_MAX);
        if partnership.parties.len() < 2 {
            errors.add("parties", "two-parties-needed");
        }
        let parties = partnership
            .parties
            .iter()
            .map(|p| PartyTerms { actor_id: p.actor_id, role: p.role, commitment: p.commitment.clone() })
            .collect();
        match valid_from {
            Some(valid_from) if errors.is_empty() => Ok(AgreementDetails {
                kind,
                previous_id,
                title,
                valid_from,
                valid_until,
                notice_days,
                language,
                aim,
                coordination,
                information_flow,
                parties,
                funder_condition,
            }),
            _ => Err(errors),
        }
    }
}

impl AgreementDetails {
    /// Parties whose acceptance puts the agreement in force. A funder of a funder-conditional
    /// agreement answers with its decision instead.
    pub fn accepting_parties(&self) -> Vec<Uuid> {
        self.parties
            .iter()
            .filter(|p| !(p.role == PartyRole::Funder && self.funder_condition.is_some()))
            .map(|p| p.actor_id)
            .collect()
    }
}

/// A funder's decision as typed in the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunderDecisionInput {
    pub verdict: String,
    pub decided_on: String,
    pub reference: String,
}

impl FunderDecisionInput {
    pub fn validate(&self, today: Date) -> Result<FunderDecision, FieldErrors> {
        let mut errors = FieldErrors::new();
        let verdict = FunderVerdict::parse(self.verdict.trim());
        if verdict.is_none() {
            errors.add("verdict", "invalid-choice");
        }
        let decided_on = required_date(&mut errors, "decided_on", &self.decided_on);
        if decided_on.is_some_and(|d| d > today) {
            errors.add("decided_on", "date-in-future");
        }
        let reference = required_text(&mut errors, "reference", &self.reference, SHORT_MAX);
        match (verdict, decided_on) {
            (Some(verdict), Some(decided_on)) if errors.is_empty() => {
                Ok(FunderDecision { verdict, decided_on, reference })
            }
            _ => Err(errors),
        }
    }
}

/// A signed paper recorded by staff: the date it was signed.
pub fn paper_signed_on(errors: &mut FieldErrors, value: &str, today: Date) -> Option<Date> {
    let date = required_date(errors, "signed_on", value);
    if date.is_some_and(|d| d > today) {
        errors.add("signed_on", "date-in-future");
        return None;
    }
    date
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::partnership::{PartnershipInput, PartyInput};

    fn partnership(parties: &[(u128, &str)]) -> PartnershipDetails {
        PartnershipInput {
            name: "Hanke".into(),
            kind: "project".into(),
            aim: "Tavoite".into(),
            verbal: true,
            parties: parties
                .iter()
                .map(|(id, role)| PartyInput {
                    actor_id: Uuid::from_u128(*id).to_string(),
                    role: (*role).into(),
                    ..PartyInput::default()
                })
                .collect(),
            ..PartnershipInput::default()
        }
        .validate(false)
        .unwrap()
    }

    fn agreement(details: AgreementDetails) -> Agreement {
        let acceptances = details
            .accepting_parties()
            .into_iter()
            .map(|actor_id| Acceptance { actor_id, accepted_on: None, method: None, recorded_by: None })
            .collect();
        Agreement {
            id: Uuid::from_u128(99),
            partnership_id: Uuid::nil(),
            number: 1,
            details,
            acceptances,
            funder_decision: None,
            superseded_by: None,
            created_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    fn input(from: &str, until: &str) -> AgreementInput {
        AgreementInput {
            kind: "original".into(),
            title: "Sopimus".into(),
            valid_from: from.into(),
            valid_until: until.into(),
            notice_days: "60".into(),
            aim: "Tavoite".into(),
            ..AgreementInput::default()
        }
    }

    fn accept_all(a: &mut Agreement, on: Date) {
        for acceptance in &mut a.acceptances {
            acceptance.accepted_on = Some(on);
            acceptance.method = Some(AcceptanceMethod::InApp);
        }
    }

    #[test]
    fn in_force_only_when_every_party_has_accepted() {
        let p = partnership(&[(1, "coordinator"), (2, "party")]);
        let mut a = agreement(input("1.1.2026", "31.12.2026").validate(&p, &[]).unwrap());
        let today = date!(2026 - 06 - 01);
        assert_eq!(a.status(today), AgreementStatus::AwaitingAcceptance);
        a.acceptances[0].accepted_on = Some(today);
        assert!(a.awaits_acceptance_of(Uuid::from_u128(2)));
        assert_eq!(a.status(today), AgreementStatus::AwaitingAcceptance);
        accept_all(&mut a, today);
        assert_eq!(a.status(today), AgreementStatus::InForce);
        assert_eq!(a.status(date!(2027 - 01 - 01)), AgreementStatus::Expired);
        assert_eq!(a.status(date!(2025 - 12 - 31)), AgreementStatus::NotYetValid);
    }

    #[test]
    fn files_can_change_until_the_first_acceptance_or_a_newer_version() {
        let p = partnership(&[(1, "coordinator"), (2, "party")]);
        let mut a = agreement(input("1.1.2026", "31.12.2026").validate(&p, &[]).unwrap());
        assert!(a.attachments_open());
        a.acceptances[1].accepted_on = Some(date!(2026 - 02 - 01));
        assert!(!a.attachments_open(), "one party has accepted the version as it stood");
        let mut b = agreement(input("1.1.2026", "31.12.2026").validate(&p, &[]).unwrap());
        b.superseded_by = Some(Uuid::from_u128(100));
        assert!(!b.attachments_open(), "a superseded version is history");
    }

    #[test]
    fn funder_condition_waits_for_a_positive_decision_and_a_negative_one_ends_it() {
        let p = partnership(&[(1, "coordinator"), (2, "party"), (3, "funder")]);
        let details = AgreementInput { funder_condition: "STEA".into(), ..input("1.1.2026", "") }
            .validate(&p, &[])
            .unwrap();
        assert_eq!(details.accepting_parties().len(), 2, "the funder answers by its decision");
        let mut a = agreement(details);
        let today = date!(2026 - 03 - 01);
        accept_all(&mut a, today);
        assert_eq!(a.status(today), AgreementStatus::AwaitingFunder);
        assert!(a.awaits_funder());
        let decision = |verdict: &str| {
            FunderDecisionInput {
                verdict: verdict.into(),
                decided_on: "15.2.2026".into(),
                reference: "STEA 123".into(),
            }
            .validate(today)
            .unwrap()
        };
        a.funder_decision = Some(decision("positive"));
        assert_eq!(a.status(today), AgreementStatus::InForce);
        a.funder_decision = Some(decision("negative"));
        assert_eq!(a.status(today), AgreementStatus::Rejected);
    }

    #[test]
    fn notice_period_starts_notice_days_before_the_end() {
        let p = partnership(&[(1, "coordinator"), (2, "party")]);
        let mut a = agreement(input("1.1.2026", "31.12.2026").validate(&p, &[]).unwrap());
        accept_all(&mut a, date!(2026 - 01 - 01));
        assert_eq!(a.notice_from(), Some(date!(2026 - 11 - 01)));
        assert!(!a.in_notice_period(date!(2026 - 10 - 31)));
        assert!(a.in_notice_period(date!(2026 - 11 - 01)));
        assert!(!a.in_notice_period(date!(2027 - 01 - 01)), "expired agreements are past renewing");
        a.superseded_by = Some(Uuid::from_u128(5));
        assert!(!a.in_notice_period(date!(2026 - 12 - 01)), "a renewed agreement needs nothing");
    }

    #[test]
    fn amendments_name_an_earlier_version_and_dates_must_make_sense() {
        let p = partnership(&[(1, "coordinator"), (2, "party")]);
        let earlier = Uuid::from_u128(7);
        let amendment = AgreementInput { kind: "amendment".into(), ..input("1.1.2026", "1.1.2025") };
        let errors = amendment.validate(&p, &[earlier]).unwrap_err();
        assert_eq!(errors.for_field("previous_id").map(|e| e.code), Some("required"));
        assert_eq!(errors.for_field("valid_until").map(|e| e.code), Some("end-before-start"));
        let amendment = AgreementInput {
            kind: "amendment".into(),
            previous_id: earlier.to_string(),
            ..input("1.1.2026", "")
        };
        assert_eq!(amendment.validate(&p, &[earlier]).unwrap().previous_id, Some(earlier));
        let stranger = AgreementInput { previous_id: Uuid::from_u128(8).to_string(), ..amendment };
        assert!(stranger.validate(&p, &[earlier]).is_err());
    }

    #[test]
    fn a_single_party_cannot_make_a_written_agreement() {
        let p = partnership(&[(1, "coordinator")]);
        let errors = input("1.1.2026", "").validate(&p, &[]).unwrap_err();
        assert_eq!(errors.for_field("parties").map(|e| e.code), Some("two-parties-needed"));
    }
}
