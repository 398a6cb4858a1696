//! The value network workbench (arvoverkko, seed 004 §7.1): the method's five steps, the
//! challenge × strength analysis, and the value network map with its layout and SVG drawing.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod actions;
pub mod analysis;
pub mod layout;
pub mod linkku;
pub mod map;
pub mod palette;
pub mod svg;
pub mod workshop;

#[cfg(test)]
mod fixtures;

/// A party on the map: one of the workshop's actors, or the clients and residents, who are a
/// party of their own (questions 1b and 2b are about them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum NodeRef {
    Clients,
    Actor(Uuid),
}

impl NodeRef {
    pub const CLIENTS_KEY: &'static str = "clients";

    /// The stable key used in forms, URLs, JSON and the SVG's ids: `clients` or the actor's id.
    pub fn key(self) -> String {
        self.to_string()
    }

    pub fn parse(value: &str) -> Option<NodeRef> {
        match value.trim() {
            Self::CLIENTS_KEY => Some(NodeRef::Clients),
            raw => Uuid::parse_str(raw).ok().map(NodeRef::Actor),
        }
    }

    pub fn actor_id(self) -> Option<Uuid> {
        match self {
            NodeRef::Actor(id) => Some(id),
            NodeRef::Clients => None,
        }
    }
}

impl fmt::Display for NodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeRef::Clients => f.write_str(Self::CLIENTS_KEY),
            NodeRef::Actor(id) => write!(f, "{}", id.hyphenated()),
        }
    }
}

impl From<NodeRef> for String {
    fn from(node: NodeRef) -> String {
        node.key()
    }
}

impl TryFrom<String> for NodeRef {
    type Error = &'static str;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        NodeRef::parse(&value).ok_or("a node is `clients` or an actor's id")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn node_keys_round_trip_through_json() {
        let actor = NodeRef::Actor(Uuid::from_u128(7));
        assert_eq!(actor.key(), "00000000-0000-0000-0000-000000000007");
        for node in [NodeRef::Clients, actor] {
            let json = serde_json::to_string(&node).unwrap();
            assert_eq!(serde_json::from_str::<NodeRef>(&json).unwrap(), node);
        }
        assert_eq!(serde_json::to_string(&NodeRef::Clients).unwrap(), "\"clients\"");
        assert!(serde_json::from_str::<NodeRef>("\"somebody\"").is_err());
    }

    /// What the store keeps as JSON reads back the same.
    #[test]
    fn stored_records_round_trip_through_json() {
        fn round_trip<T: Serialize + serde::de::DeserializeOwned + PartialEq + fmt::Debug>(value: &T) {
            let json = serde_json::to_string(value).unwrap();
            assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
        }
        let mut workshop = linkku::workshop();
        workshop.timer.start(time::macros::datetime!(2013-06-04 17:30 +3)).unwrap();
        workshop.governance.model = Some(crate::partnership::LeadershipModel::JointLeaders);
        round_trip(&workshop);
        round_trip(&fixtures::named_map(fixtures::TURKU_PARTNERS));
        round_trip(&linkku::participants());
        round_trip(&linkku::notes());
        round_trip(&linkku::challenges());
        round_trip(&linkku::actions());
        let json = serde_json::to_value(&linkku::notes()[0]).unwrap();
        assert_eq!(json["question"], "1a");
        assert_eq!(json["author"], linkku::YHDISTYKSET.to_string());
    }
}
