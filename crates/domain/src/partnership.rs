//! Partnerships (kumppanuudet): the Turku model's kinds, the MontEri handbook's depth, steering
//! relation, staircase and leadership models, and the life-cycle phases as a state machine.

use serde::{Deserialize, Serialize};

use crate::actor::code_enum;

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

#[cfg(test)]
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
}
