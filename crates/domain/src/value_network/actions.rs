//! Workshop II: for each challenge the actions agreed to meet it, who owns and follows each
//! one, the values it will create for the future map, and how the whole is led.

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use super::NodeRef;
use super::analysis::Challenge;
use super::map::suggest_tangibility;
use super::workshop::Workshop;
use crate::actor::{SHORT_MAX, TEXT_MAX, Tangibility};
use crate::partnership::LeadershipModel;
use crate::validation::{FieldErrors, optional_date, optional_text, required_text, tag_list};

/// A value an action will make flow, drawn on the future map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedFlow {
    pub from: NodeRef,
    pub to: NodeRef,
    pub value: String,
    pub tangibility: Tangibility,
}

/// An agreed action: its steps, the actor that owns it, who follows it up and how, and when
/// progress is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionDetails {
    pub challenge_id: Uuid,
    pub title: String,
    pub steps: Vec<String>,
    pub owner: Uuid,
    pub follow_up_by: Option<String>,
    pub follow_up_how: Option<String>,
    #[serde(with = "crate::iso_date::option", default)]
    pub review_on: Option<Date>,
    pub flows: Vec<PlannedFlow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: Uuid,
    #[serde(flatten)]
    pub details: ActionDetails,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionInput {
    pub challenge_id: String,
    pub title: String,
    pub steps: Vec<String>,
    pub owner: String,
    pub follow_up_by: String,
    pub follow_up_how: String,
    pub review_on: String,
    pub flows: Vec<PlannedFlowInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlannedFlowInput {
    pub from: String,
    pub to: String,
    pub value: String,
    /// Blank for a guess from the text.
    pub tangibility: String,
}

impl PlannedFlowInput {
    fn is_blank(&self) -> bool {
        [&self.from, &self.to, &self.value].iter().all(|s| s.trim().is_empty())
    }
}

pub const STEPS_MAX: usize = 20;
pub const FLOWS_MAX: usize = 20;

impl ActionInput {
    pub fn validate(
        &self,
        workshop: &Workshop,
        challenges: &[Challenge],
    ) -> Result<ActionDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !workshop.analysis_open() {
            errors.add("step", "workshop-wrong-step");
        }
        let challenge_id = Uuid::parse_str(self.challenge_id.trim())
            .ok()
            .filter(|id| challenges.iter().any(|c| c.id == *id));
        if challenge_id.is_none() {
            errors.add("challenge_id", "invalid-choice");
        }
        let title = required_text(&mut errors, "title", &self.title, SHORT_MAX);
        let steps = tag_list(&mut errors, "steps", &self.steps, STEPS_MAX, SHORT_MAX);
        let owner = Uuid::parse_str(self.owner.trim()).ok().filter(|id| workshop.plan.actor(*id).is_some());
        if owner.is_none() {
            errors.add("owner", if self.owner.trim().is_empty() { "required" } else { "invalid-choice" });
        }
        let follow_up_by = optional_text(&mut errors, "follow_up_by", &self.follow_up_by, SHORT_MAX);
        let follow_up_how = optional_text(&mut errors, "follow_up_how", &self.follow_up_how, TEXT_MAX);
        let review_on = optional_date(&mut errors, "review_on", &self.review_on);

        let mut flows = Vec::new();
        for (i, row) in self.flows.iter().filter(|r| !r.is_blank()).enumerate() {
            let field = |name: &str| format!("flows[{i}].{name}");
            let mut node = |name: &str, raw: &str| {
                let node = NodeRef::parse(raw).filter(|n| workshop.plan.node_name(*n).is_some());
                if node.is_none() {
                    errors.add(field(name), "invalid-choice");
                }
                node
            };
            let (from, to) = (node("from", &row.from), node("to", &row.to));
            if from.is_some() && from == to {
                errors.add(field("to"), "flow-to-itself");
            }
            let value = required_text(&mut errors, &field("value"), &row.value, SHORT_MAX);
            let tangibility = match row.tangibility.trim() {
                "" => suggest_tangibility(&value),
                raw => Tangibility::parse(raw).unwrap_or_else(|| {
                    errors.add(field("tangibility"), "invalid-choice");
                    Tangibility::Intangible
                }),
            };
            if let (Some(from), Some(to)) = (from, to) {
                flows.push(PlannedFlow { from, to, value, tangibility });
            }
        }
        if flows.len() > FLOWS_MAX {
            errors.add_with("flows", "too-many", vec![("max", FLOWS_MAX.to_string())]);
        }
        match (challenge_id, owner) {
            (Some(challenge_id), Some(owner)) if errors.is_empty() => Ok(ActionDetails {
                challenge_id,
                title,
                steps,
                owner,
                follow_up_by,
                follow_up_how,
                review_on,
                flows,
            }),
            _ => Err(errors),
        }
    }
}

/// How the whole is led: one of the leadership models of seed 004 (figure 3) and in words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Governance {
    pub model: Option<LeadershipModel>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GovernanceInput {
    pub model: String,
    pub description: String,
}

impl GovernanceInput {
    pub fn validate(&self) -> Result<Governance, FieldErrors> {
        let mut errors = FieldErrors::new();
        let model = match self.model.trim() {
            "" => None,
            raw => {
                let model = LeadershipModel::parse(raw);
                if model.is_none() {
                    errors.add("model", "invalid-choice");
                }
                model
            }
        };
        let description = optional_text(&mut errors, "description", &self.description, TEXT_MAX);
        errors.into_result(Governance { model, description })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::value_network::linkku::{self, LINKKU, OPISKELIJAT, YHDISTYKSET};
    use crate::value_network::workshop::Step;

    fn input() -> ActionInput {
        ActionInput {
            challenge_id: linkku::SAATAVUUS.to_string(),
            title: "Terveyspisteet bussiin".into(),
            steps: vec!["Opiskelijoiden vuorolista".into(), "Reitit yhdistysten kanssa".into()],
            owner: LINKKU.to_string(),
            follow_up_by: "Ohjausryhmä".into(),
            follow_up_how: "Käyntimäärät kuukausittain".into(),
            review_on: "1.10.2013".into(),
            flows: vec![
                PlannedFlowInput {
                    from: OPISKELIJAT.to_string(),
                    to: "clients".into(),
                    value: "Terveyspisteet bussissa".into(),
                    tangibility: String::new(),
                },
                PlannedFlowInput::default(),
            ],
        }
    }

    #[test]
    fn an_action_names_its_challenge_owner_follow_up_and_values() {
        let mut workshop = linkku::workshop();
        workshop.step = Step::WorkshopTwo;
        let details = input().validate(&workshop, &linkku::challenges()).unwrap();
        assert_eq!(details.owner, LINKKU);
        assert_eq!(details.steps.len(), 2);
        assert_eq!(details.flows.len(), 1);
        assert_eq!(details.flows[0].tangibility, Tangibility::Intangible);
        assert_eq!(details.review_on.map(|d| d.month()), Some(time::Month::October));
    }

    #[test]
    fn action_problems_are_reported_per_field() {
        let mut workshop = linkku::workshop();
        workshop.step = Step::Invitation;
        let mut bad = input();
        bad.challenge_id = Uuid::from_u128(1).to_string();
        bad.owner = "clients".into();
        bad.flows[0].to = OPISKELIJAT.to_string();
        bad.flows.push(PlannedFlowInput {
            from: YHDISTYKSET.to_string(),
            to: "nobody".into(),
            ..Default::default()
        });
        let errors = bad.validate(&workshop, &linkku::challenges()).unwrap_err();
        let codes: Vec<(&str, &str)> = errors.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            [
                ("step", "workshop-wrong-step"),
                ("challenge_id", "invalid-choice"),
                ("owner", "invalid-choice"),
                ("flows[0].to", "flow-to-itself"),
                ("flows[1].to", "invalid-choice"),
                ("flows[1].value", "required"),
            ]
        );
    }

    #[test]
    fn governance_uses_the_leadership_models() {
        let input =
            GovernanceInput { model: "joint_leaders".into(), description: "Kaupunki kutsuu koolle".into() };
        assert_eq!(input.validate().unwrap().model, Some(LeadershipModel::JointLeaders));
        let bad = GovernanceInput { model: "king".into(), ..GovernanceInput::default() };
        assert_eq!(bad.validate().unwrap_err().0[0].code, "invalid-choice");
    }
}
