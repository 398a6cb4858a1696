//! The value network map: what each party gives whom, from workshop I's answers (the current
//! map) and workshop II's agreed actions (the future map), and what the actions would change.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::NodeRef;
use super::actions::Action;
use super::palette::Colour;
use super::workshop::{Note, NoteDetails, Participant, Plan, Question};
use crate::actor::{Tangibility, code_enum, sort_key};
use crate::search::normalise;

/// Word parts naming money, premises or services, the tangible values of the method (seed
/// 004: "aineellinen (esim. palvelu, raha)"). Finnish compounds end in their head word
/// (*kokoustilat*, *kuljetuspalvelu*), so a part anywhere in a word counts.
const TANGIBLE_PARTS: &[&str] = &[
    "raha",
    "euro",
    "avustu",
    "budjet",
    "maksu",
    "tila",
    "tilo",
    "palvelu",
    "kuljetu",
    "kyyti",
    "ateri",
    "ruoka",
    "välinei",
    "välinee",
    "laitte",
    "tarvik",
    "pengar",
    "bidrag",
    "lokaler",
    "tjänst",
    "money",
    "funding",
    "premises",
    "venue",
    "service",
    "transport",
];

/// Words that contain a tangible part but are not about one (*tilanne* is a situation).
const NOT_TANGIBLE_PARTS: &[&str] =
    &["tilanne", "tilante", "tilaisuu", "tilasto", "neuro", "europ", "euroop"];

/// A first guess at whether a value is tangible, for the facilitator to correct: knowledge,
/// expertise, experience and peer support are not, and most answers are of that kind.
pub fn suggest_tangibility(text: &str) -> Tangibility {
    let tangible = normalise(text).split(|c: char| !c.is_alphanumeric()).any(|word| {
        TANGIBLE_PARTS.iter().any(|part| word.contains(part))
            && !NOT_TANGIBLE_PARTS.iter().any(|part| word.contains(part))
    });
    if tangible { Tangibility::Tangible } else { Tangibility::Intangible }
}

impl NoteDetails {
    /// The direction of an answer's value: 1a and 1b are what the author offers the other
    /// actor or the clients, 2a and 2b what the author gets from them, so they flow the
    /// other way. Strengths and challenges are no flows.
    pub fn flow(&self) -> Option<(NodeRef, NodeRef)> {
        let other = if self.question.is_about_other_actors() {
            NodeRef::Actor(self.about?)
        } else if self.question.is_about_clients() {
            NodeRef::Clients
        } else {
            return None;
        };
        match self.question {
            Question::OfferToActors | Question::OfferToClients => Some((self.author, other)),
            _ => Some((other, self.author)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapNode {
    pub node: NodeRef,
    pub name: String,
    /// `None` for the clients, who are drawn apart from every actor.
    pub colour: Option<Colour>,
}

/// Where a value on the map comes from: a workshop I note or a workshop II action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    Note(Uuid),
    Action(Uuid),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowValue {
    pub text: String,
    pub tangibility: Tangibility,
    /// Every note or action that named this value for this flow; several people often do.
    pub sources: Vec<ValueSource>,
}

/// All values going one way between two parties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    pub from: NodeRef,
    pub to: NodeRef,
    pub values: Vec<FlowValue>,
}

impl Flow {
    pub fn tangible_count(&self) -> usize {
        self.values.iter().filter(|v| v.tangibility == Tangibility::Tangible).count()
    }
}

/// One row of the map's text alternative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowRow {
    pub from: NodeRef,
    pub to: NodeRef,
    pub from_name: String,
    pub to_name: String,
    pub value: String,
    pub tangibility: Tangibility,
}

/// A map in a canonical order that does not depend on the order of its inputs: the clients
/// first, then actors alphabetically (ties by id); flows by their ends in that order;
/// values alphabetically.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueMap {
    pub nodes: Vec<MapNode>,
    pub flows: Vec<Flow>,
}

impl ValueMap {
    /// The current map from workshop I: the clients, every actor present (with a participant
    /// or named in a note), and a flow for each visible answer to questions 1 and 2.
    pub fn current(plan: &Plan, participants: &[Participant], notes: &[Note]) -> ValueMap {
        let mut builder = Builder::default();
        builder.add_node(plan, NodeRef::Clients);
        for participant in participants {
            builder.add_node(plan, participant.details.represents);
        }
        for note in notes.iter().filter(|n| n.is_visible()) {
            if let Some((from, to)) = note.details.flow() {
                let value =
                    (note.details.text.as_str(), note.details.tangibility, ValueSource::Note(note.id));
                builder.add_value(plan, from, to, value);
            }
        }
        builder.finish()
    }

    /// The future map: this map with the values workshop II's actions agreed to create.
    pub fn future(&self, plan: &Plan, actions: &[Action]) -> ValueMap {
        let mut builder = Builder::default();
        for node in &self.nodes {
            builder.nodes.insert(node.node, node.clone());
        }
        for flow in &self.flows {
            for value in &flow.values {
                for source in &value.sources {
                    builder.add_value(
                        plan,
                        flow.from,
                        flow.to,
                        (value.text.as_str(), value.tangibility, *source),
                    );
                }
            }
        }
        for action in actions {
            for planned in &action.details.flows {
                let value = (planned.value.as_str(), planned.tangibility, ValueSource::Action(action.id));
                builder.add_value(plan, planned.from, planned.to, value);
            }
        }
        builder.finish()
    }

    /// The map with only the values of one kind, for the tangible/intangible filter: every
    /// party stays, flows left without values go.
    pub fn only(&self, tangibility: Tangibility) -> ValueMap {
        let flows = self
            .flows
            .iter()
            .filter_map(|flow| {
                let values: Vec<FlowValue> =
                    flow.values.iter().filter(|v| v.tangibility == tangibility).cloned().collect();
                (!values.is_empty()).then(|| Flow { values, ..flow.clone() })
            })
            .collect();
        ValueMap { nodes: self.nodes.clone(), flows }
    }

    /// This map with its parties renamed by `same`, so maps of two runs of a workshop (whose
    /// actors have ids of their own) can be compared; parties `same` does not know keep
    /// theirs. The order is made canonical again.
    pub fn renamed(&self, same: impl Fn(NodeRef) -> Option<NodeRef>) -> ValueMap {
        let rename = |node: NodeRef| same(node).unwrap_or(node);
        let mut builder = Builder::default();
        for node in &self.nodes {
            let node = MapNode { node: rename(node.node), ..node.clone() };
            builder.nodes.insert(node.node, node);
        }
        for flow in self.flows.iter().filter(|f| rename(f.from) != rename(f.to)) {
            let (from, to) = (rename(flow.from), rename(flow.to));
            let values = builder.flows.entry((from, to)).or_default();
            for value in &flow.values {
                values.entry(normalise(&value.text)).or_insert_with(|| value.clone());
            }
        }
        builder.finish()
    }

    pub fn node(&self, node: NodeRef) -> Option<&MapNode> {
        self.nodes.iter().find(|n| n.node == node)
    }

    pub fn value_count(&self) -> usize {
        self.flows.iter().map(|f| f.values.len()).sum()
    }

    /// The map as a table of flows (from, to, value, tangibility), for everyone who cannot
    /// or does not want to read the drawing.
    pub fn rows(&self) -> Vec<FlowRow> {
        let name = |node| self.node(node).map(|n| n.name.clone()).unwrap_or_default();
        self.flows
            .iter()
            .flat_map(|flow| {
                flow.values.iter().map(move |value| FlowRow {
                    from: flow.from,
                    to: flow.to,
                    from_name: name(flow.from),
                    to_name: name(flow.to),
                    value: value.text.clone(),
                    tangibility: value.tangibility,
                })
            })
            .collect()
    }
}

/// Collects nodes and values in sorted maps, so the result is the same in any input order.
#[derive(Default)]
struct Builder {
    nodes: BTreeMap<NodeRef, MapNode>,
    /// Values per direction, keyed by their normalised text: the same value named twice is
    /// one value with two sources.
    flows: BTreeMap<(NodeRef, NodeRef), BTreeMap<String, FlowValue>>,
}

impl Builder {
    /// Adds a party of the plan; one no longer in it has no name to show and is left out.
    fn add_node(&mut self, plan: &Plan, node: NodeRef) -> bool {
        if self.nodes.contains_key(&node) {
            return true;
        }
        let Some(name) = plan.node_name(node) else { return false };
        let colour = node.actor_id().and_then(|id| plan.actor(id)).map(|a| a.colour);
        self.nodes.insert(node, MapNode { node, name: name.to_owned(), colour });
        true
    }

    fn add_value(
        &mut self,
        plan: &Plan,
        from: NodeRef,
        to: NodeRef,
        value: (&str, Tangibility, ValueSource),
    ) {
        let (text, tangibility, source) = value;
        if from == to || !self.add_node(plan, from) || !self.add_node(plan, to) {
            return;
        }
        let values = self.flows.entry((from, to)).or_default();
        let entry = values.entry(normalise(text)).or_insert_with(|| FlowValue {
            text: text.to_owned(),
            tangibility,
            sources: Vec::new(),
        });
        // The earliest spelling in sort order is shown, whichever note came first.
        if text < entry.text.as_str() {
            entry.text = text.to_owned();
        }
        // One source seeing money, premises or a service in it makes the value tangible.
        if tangibility == Tangibility::Tangible {
            entry.tangibility = Tangibility::Tangible;
        }
        entry.sources.push(source);
    }

    fn finish(self) -> ValueMap {
        let mut nodes: Vec<MapNode> = self.nodes.into_values().collect();
        nodes.sort_by_cached_key(|n| (n.node != NodeRef::Clients, sort_key(&n.name), n.node));
        let position = |node: NodeRef| nodes.iter().position(|n| n.node == node).unwrap_or(usize::MAX);
        let mut flows: Vec<Flow> = self
            .flows
            .into_iter()
            .map(|((from, to), values)| {
                let mut values: Vec<FlowValue> = values.into_values().collect();
                for value in &mut values {
                    value.sources.sort();
                    value.sources.dedup();
                }
                values.sort_by_cached_key(|v| (sort_key(&v.text), v.text.clone()));
                Flow { from, to, values }
            })
            .collect();
        flows.sort_by_key(|f| (position(f.from), position(f.to)));
        ValueMap { nodes, flows }
    }
}

/// The party of `current` that is `node` of an earlier run's `previous` plan: the clients
/// are the clients, an actor the one with the same id (a re-run copies the plan), else the
/// one linked to the same register actor, else the one of the same name (case and accents
/// aside).
pub fn same_party(previous: &Plan, current: &Plan, node: NodeRef) -> Option<NodeRef> {
    let NodeRef::Actor(id) = node else { return Some(NodeRef::Clients) };
    if current.actor(id).is_some() {
        return Some(node);
    }
    let before = previous.actor(id)?;
    current
        .actors
        .iter()
        .find(|a| before.register_id.is_some() && a.register_id == before.register_id)
        .or_else(|| current.actors.iter().find(|a| normalise(&a.name) == normalise(&before.name)))
        .map(|a| NodeRef::Actor(a.id))
}

code_enum!(
    /// How a flow of the future map compares with the current map.
    FlowStatus {
        New => "new",
        Strengthened => "strengthened",
        Unchanged => "unchanged",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowChange {
    pub from: NodeRef,
    pub to: NodeRef,
    pub status: FlowStatus,
    /// Values the future flow has and the current one lacks.
    pub added: Vec<String>,
}

/// Each flow of the future map marked new (no such flow now), strengthened (new values on
/// an existing flow) or unchanged, in the future map's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MapComparison {
    pub changes: Vec<FlowChange>,
}

impl MapComparison {
    pub fn change(&self, from: NodeRef, to: NodeRef) -> Option<&FlowChange> {
        self.changes.iter().find(|c| c.from == from && c.to == to)
    }
}

pub fn compare(current: &ValueMap, future: &ValueMap) -> MapComparison {
    let changes = future
        .flows
        .iter()
        .map(|flow| {
            let now = current.flows.iter().find(|f| f.from == flow.from && f.to == flow.to);
            let added: Vec<String> = flow
                .values
                .iter()
                .filter(|v| {
                    now.is_none_or(|now| {
                        !now.values.iter().any(|existing| normalise(&existing.text) == normalise(&v.text))
                    })
                })
                .map(|v| v.text.clone())
                .collect();
            let status = match now {
                None => FlowStatus::New,
                Some(_) if !added.is_empty() => FlowStatus::Strengthened,
                Some(_) => FlowStatus::Unchanged,
            };
            FlowChange { from: flow.from, to: flow.to, status, added }
        })
        .collect();
    MapComparison { changes }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::value_network::linkku::{self, LINKKU, OPISKELIJAT, YHDISTYKSET};

    fn values(map: &ValueMap, from: NodeRef, to: NodeRef) -> Vec<&str> {
        map.flows
            .iter()
            .find(|f| f.from == from && f.to == to)
            .map(|f| f.values.iter().map(|v| v.text.as_str()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn tangibility_is_guessed_from_money_premises_and_services() {
        for tangible in ["Kokoustilat kylillä", "Rahallinen tuki", "Kuljetuspalvelu", "Maksuttomat tilat"] {
            assert_eq!(suggest_tangibility(tangible), Tangibility::Tangible, "{tangible}");
        }
        for intangible in
            ["Paikallistuntemus", "Vertaistuki", "Tietoa tilanteesta", "Opiskelijoiden osaaminen", "Näkyvyys"]
        {
            assert_eq!(suggest_tangibility(intangible), Tangibility::Intangible, "{intangible}");
        }
    }

    #[test]
    fn answers_become_flows_and_benefits_point_back_to_the_author() {
        let (yhd, linkku, opis) =
            (NodeRef::Actor(YHDISTYKSET), NodeRef::Actor(LINKKU), NodeRef::Actor(OPISKELIJAT));
        let map = ValueMap::current(&linkku::workshop().plan, &linkku::participants(), &linkku::notes());
        let names: Vec<&str> = map.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Asiakkaat / asukkaat", "LINKKU", "Opiskelijat", "Yhdistykset"]);
        // 1a by Yhdistykset about LINKKU and 2a by LINKKU about Yhdistykset are one flow, and
        // "Vapaaehtoisia" said by both is one value.
        assert_eq!(values(&map, yhd, linkku), ["Paikallistuntemus kylistä", "Vapaaehtoisia"]);
        let volunteers = &map.flows.iter().find(|f| f.from == yhd && f.to == linkku).unwrap().values[1];
        assert_eq!(volunteers.sources.len(), 2);
        // 2a by Yhdistykset about Opiskelijat: the students give, the associations get.
        assert_eq!(values(&map, opis, yhd), ["Opinnäytetöitä", "Terveysneuvontaa yhdistysten tilaisuuksiin"]);
        assert!(!values(&map, yhd, opis).contains(&"Opinnäytetöitä"));
        assert_eq!(values(&map, linkku, NodeRef::Clients), ["Palveluneuvonta kylillä"]);
        assert_eq!(values(&map, NodeRef::Clients, linkku), ["Palautetta reiteistä"]);
        let service = &map.flows.iter().find(|f| f.to == NodeRef::Clients).unwrap().values[0];
        assert_eq!(service.tangibility, Tangibility::Tangible);
        // Strengths, challenges and hidden notes are no flows.
        assert_eq!(map.value_count(), 17);
        assert_eq!(map.rows().len(), 17);
        assert_eq!(map.rows()[0].from_name, "Asiakkaat / asukkaat");
    }

    #[test]
    fn the_map_does_not_depend_on_the_order_of_its_inputs() {
        let plan = linkku::workshop().plan;
        let mut notes = linkku::notes();
        let mut participants = linkku::participants();
        let map = ValueMap::current(&plan, &participants, &notes);
        notes.reverse();
        participants.reverse();
        notes.rotate_left(5);
        assert_eq!(ValueMap::current(&plan, &participants, &notes), map);
    }

    #[test]
    fn a_filter_keeps_the_values_of_one_kind_and_every_party() {
        let map = ValueMap::current(&linkku::workshop().plan, &linkku::participants(), &linkku::notes());
        let tangible = map.only(Tangibility::Tangible);
        assert_eq!(tangible.nodes, map.nodes);
        let values: Vec<String> = tangible.rows().into_iter().map(|r| r.value).collect();
        assert_eq!(values, ["Palveluneuvonta kylillä", "Tilat tapahtumille bussissa"]);
        let intangible = map.only(Tangibility::Intangible);
        assert_eq!(intangible.value_count() + tangible.value_count(), map.value_count());
        assert!(intangible.rows().iter().all(|r| r.tangibility == Tangibility::Intangible));
    }

    #[test]
    fn a_later_run_is_compared_party_by_party() {
        let previous = linkku::workshop().plan;
        let mut current = previous.clone();
        // The renewed workshop has actors of its own: one linked to the same register actor,
        // one of the same name, one new.
        let register = Uuid::from_u128(99);
        let mut earlier = previous.clone();
        earlier.actors[0].register_id = Some(register);
        current.actors[0].id = Uuid::from_u128(1000);
        current.actors[0].register_id = Some(register);
        current.actors[0].name = "Renamed".into();
        current.actors[1].id = Uuid::from_u128(1001);
        current.actors[1].name = current.actors[1].name.to_uppercase();
        current.actors[2].id = Uuid::from_u128(1002);
        current.actors[2].name = "Someone else".into();
        let same = |node| same_party(&earlier, &current, node);
        assert_eq!(same_party(&previous, &previous, NodeRef::Actor(LINKKU)), Some(NodeRef::Actor(LINKKU)));
        assert_eq!(same(NodeRef::Clients), Some(NodeRef::Clients));
        assert_eq!(same(NodeRef::Actor(earlier.actors[0].id)), Some(NodeRef::Actor(Uuid::from_u128(1000))));
        assert_eq!(same(NodeRef::Actor(earlier.actors[1].id)), Some(NodeRef::Actor(Uuid::from_u128(1001))));
        assert_eq!(same(NodeRef::Actor(earlier.actors[2].id)), None);

        let map = ValueMap::current(&previous, &linkku::participants(), &linkku::notes());
        let renamed = map.renamed(|node| same_party(&earlier, &current, node));
        assert_eq!(renamed.value_count(), map.value_count());
        assert!(renamed.node(NodeRef::Actor(Uuid::from_u128(1000))).is_some());
        assert!(renamed.node(NodeRef::Actor(earlier.actors[0].id)).is_none());
        assert!(renamed.node(NodeRef::Actor(earlier.actors[2].id)).is_some(), "unknown parties stay");
        assert_eq!(
            compare(&renamed, &renamed).changes.iter().filter(|c| c.status != FlowStatus::Unchanged).count(),
            0
        );
    }

    #[test]
    fn the_future_map_adds_agreed_values_and_the_comparison_finds_them() {
        let workshop = linkku::workshop();
        let current = ValueMap::current(&workshop.plan, &linkku::participants(), &linkku::notes());
        let future = current.future(&workshop.plan, &linkku::actions());
        let comparison = compare(&current, &future);
        let (yhd, linkku, opis) =
            (NodeRef::Actor(YHDISTYKSET), NodeRef::Actor(LINKKU), NodeRef::Actor(OPISKELIJAT));
        let new = comparison.change(opis, NodeRef::Clients).unwrap();
        assert_eq!(new.status, FlowStatus::New);
        assert_eq!(new.added, ["Terveyspisteet bussissa"]);
        let stronger = comparison.change(yhd, linkku).unwrap();
        assert_eq!(stronger.status, FlowStatus::Strengthened);
        assert_eq!(stronger.added, ["Yhteinen tapahtumakalenteri"]);
        assert_eq!(comparison.change(linkku, NodeRef::Clients).unwrap().status, FlowStatus::Unchanged);
        assert_eq!(future.value_count(), current.value_count() + 3);
        assert_eq!(comparison.changes.len(), future.flows.len());
    }
}
