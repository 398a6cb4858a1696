//! The analysis between the workshops: challenge notes grouped into challenges with the
//! capabilities they need, strengths linked to them, and figure 7's challenge × actor matrix
//! with a suggestion of who could lead each challenge and why.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::NodeRef;
use super::workshop::{Note, Workshop};
use crate::actor::{NAME_MAX, SHORT_MAX, TAGS_MAX, code_enum};
use crate::search;
use crate::validation::{FieldErrors, required_text, tag_list};

code_enum!(
    /// The part the facilitator records for an actor in meeting a challenge.
    ChallengeRole {
        Lead => "lead",
        Partner => "partner",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleAssignment {
    pub node: NodeRef,
    pub role: ChallengeRole,
}

/// A challenge as the facilitators worked it out; produced only by [`ChallengeInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeDetails {
    pub name: String,
    /// What meeting it takes: knowledge, resources, other capabilities.
    pub needs: Vec<String>,
    /// The 4a and 4b notes it groups.
    pub challenge_notes: Vec<Uuid>,
    /// The 3a and 3b notes that could help meet it.
    pub strengths: Vec<Uuid>,
    pub roles: Vec<RoleAssignment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub id: Uuid,
    #[serde(flatten)]
    pub details: ChallengeDetails,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChallengeInput {
    pub name: String,
    pub needs: Vec<String>,
    pub challenge_notes: Vec<String>,
    pub strengths: Vec<String>,
    pub roles: Vec<RoleInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleInput {
    pub node: String,
    pub role: String,
}

pub const NOTES_PER_CHALLENGE_MAX: usize = 200;

impl ChallengeInput {
    pub fn validate(&self, workshop: &Workshop, notes: &[Note]) -> Result<ChallengeDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !workshop.analysis_open() {
            errors.add("step", "workshop-wrong-step");
        }
        let name = required_text(&mut errors, "name", &self.name, NAME_MAX);
        let needs = tag_list(&mut errors, "needs", &self.needs, TAGS_MAX, SHORT_MAX);
        let mut pick = |list: &str, ids: &[String], wanted: fn(&Note) -> bool, wrong: &'static str| {
            let mut picked = Vec::new();
            for (i, raw) in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).enumerate() {
                let note = Uuid::parse_str(raw).ok().and_then(|id| notes.iter().find(|n| n.id == id));
                match note {
                    Some(note) if !note.is_visible() => errors.add(format!("{list}[{i}]"), "invalid-choice"),
                    Some(note) if !wanted(note) => errors.add(format!("{list}[{i}]"), wrong),
                    Some(note) if !picked.contains(&note.id) => picked.push(note.id),
                    Some(_) => {}
                    None => errors.add(format!("{list}[{i}]"), "invalid-choice"),
                }
            }
            if picked.len() > NOTES_PER_CHALLENGE_MAX {
                errors.add_with(list, "too-many", vec![("max", NOTES_PER_CHALLENGE_MAX.to_string())]);
            }
            picked
        };
        let challenge_notes = pick(
            "challenge_notes",
            &self.challenge_notes,
            |n| n.details.question.is_challenge(),
            "note-not-a-challenge",
        );
        let strengths =
            pick("strengths", &self.strengths, |n| n.details.question.is_strength(), "note-not-a-strength");
        let mut roles: Vec<RoleAssignment> = Vec::new();
        for (i, row) in self.roles.iter().enumerate().filter(|(_, r)| !r.node.trim().is_empty()) {
            let node = NodeRef::parse(&row.node).filter(|n| workshop.plan.node_name(*n).is_some());
            let role = ChallengeRole::parse(row.role.trim());
            match (node, role) {
                (None, _) => errors.add(format!("roles[{i}].node"), "invalid-choice"),
                (_, None) => errors.add(format!("roles[{i}].role"), "invalid-choice"),
                (Some(node), _) if roles.iter().any(|r| r.node == node) => {
                    errors.add(format!("roles[{i}].node"), "workshop-duplicate-actor")
                }
                (Some(node), Some(role)) => roles.push(RoleAssignment { node, role }),
            }
        }
        errors.into_result(ChallengeDetails { name, needs, challenge_notes, strengths, roles })
    }
}

/// A note's text with its id, for the matrix's cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteText {
    pub note_id: Uuid,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixColumn {
    pub node: NodeRef,
    pub name: String,
}

/// One actor's strengths for one challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixCell {
    pub node: NodeRef,
    pub strengths: Vec<NoteText>,
}

/// A strength whose words meet one of the challenge's needs (*Verkostot* and *Verkoston
/// osaaminen hyödyntäminen*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NeedMatch {
    pub strength: String,
    pub need: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub node: NodeRef,
    pub strengths: usize,
    pub matches: Vec<NeedMatch>,
}

/// Why the suggested lead was suggested; `code()` names a translation (`lead-reason-<code>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum LeadReason {
    /// The lead's number of linked strengths, and the next best actor's.
    Strengths {
        count: usize,
        runner_up: Option<usize>,
    },
    /// The lead's strengths that meet the challenge's needs.
    MatchesNeeds {
        matches: Vec<NeedMatch>,
    },
    /// Several actors are equally able: they could share the lead.
    Tied {
        count: usize,
    },
    NoStrengths,
}

impl LeadReason {
    pub fn code(&self) -> &'static str {
        match self {
            LeadReason::Strengths { .. } => "strengths",
            LeadReason::MatchesNeeds { .. } => "matches-needs",
            LeadReason::Tied { .. } => "tied",
            LeadReason::NoStrengths => "no-strengths",
        }
    }
}

/// Who could lead: the actor with the most strengths linked to the challenge, on a tie the
/// one whose strengths meet more of its needs, on a further tie all of them together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadSuggestion {
    pub leads: Vec<NodeRef>,
    pub reasons: Vec<LeadReason>,
    /// Every actor with a linked strength, most able first.
    pub candidates: Vec<Candidate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixRow {
    pub challenge_id: Uuid,
    pub name: String,
    pub needs: Vec<String>,
    pub challenge_notes: Vec<NoteText>,
    /// One cell per column, in the columns' order.
    pub cells: Vec<MatrixCell>,
    pub suggestion: LeadSuggestion,
    pub roles: Vec<RoleAssignment>,
}

/// Figure 7 of seed 004: for each challenge, each actor's strengths that could meet it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChallengeMatrix {
    /// The plan's actors in the plan's order, and the clients when residents took part.
    pub columns: Vec<MatrixColumn>,
    /// In the order of the challenges given.
    pub rows: Vec<MatrixRow>,
    /// Strengths not yet linked to any challenge, and challenge notes not yet grouped, so
    /// the facilitator sees what is left.
    pub unlinked_strengths: Vec<NoteText>,
    pub ungrouped_challenge_notes: Vec<NoteText>,
}

/// The note a link counts as: a merged note counts as the note it was merged into, a hidden
/// one not at all. Notes moved to another question since they were linked drop out.
fn resolve(notes: &[Note], id: Uuid, wanted: fn(&Note) -> bool) -> Option<&Note> {
    let note = notes.iter().find(|n| n.id == id)?;
    let note = match note.merged_into {
        Some(target) => notes.iter().find(|n| n.id == target)?,
        None => note,
    };
    (note.is_visible() && wanted(note)).then_some(note)
}

fn note_text(note: &Note) -> NoteText {
    NoteText { note_id: note.id, text: note.details.text.clone() }
}

pub fn challenge_matrix(workshop: &Workshop, notes: &[Note], challenges: &[Challenge]) -> ChallengeMatrix {
    let plan = &workshop.plan;
    let mut columns: Vec<MatrixColumn> = plan
        .actors
        .iter()
        .map(|a| MatrixColumn { node: NodeRef::Actor(a.id), name: a.name.clone() })
        .collect();
    if plan.residents_invited {
        columns.push(MatrixColumn { node: NodeRef::Clients, name: plan.clients_name.clone() });
    }
    let is_strength = |n: &Note| n.details.question.is_strength();
    let is_challenge = |n: &Note| n.details.question.is_challenge();
    let mut linked = Vec::new();
    let mut grouped = Vec::new();
    let rows = challenges
        .iter()
        .map(|challenge| {
            let d = &challenge.details;
            let mut strengths: Vec<&Note> = Vec::new();
            for note in d.strengths.iter().filter_map(|id| resolve(notes, *id, is_strength)) {
                if !strengths.iter().any(|n| n.id == note.id) {
                    strengths.push(note);
                }
            }
            linked.extend(strengths.iter().map(|n| n.id));
            let challenge_notes: Vec<&Note> =
                d.challenge_notes.iter().filter_map(|id| resolve(notes, *id, is_challenge)).collect();
            grouped.extend(challenge_notes.iter().map(|n| n.id));
            let cells: Vec<MatrixCell> = columns
                .iter()
                .map(|column| MatrixCell {
                    node: column.node,
                    strengths: strengths
                        .iter()
                        .filter(|n| n.details.author == column.node)
                        .map(|n| note_text(n))
                        .collect(),
                })
                .collect();
            MatrixRow {
                challenge_id: challenge.id,
                name: d.name.clone(),
                needs: d.needs.clone(),
                challenge_notes: challenge_notes.iter().map(|n| note_text(n)).collect(),
                suggestion: suggest_lead(&cells, &d.needs),
                cells,
                roles: d.roles.clone(),
            }
        })
        .collect();
    let left = |wanted: fn(&Note) -> bool, used: &[Uuid]| {
        notes.iter().filter(|n| n.is_visible() && wanted(n) && !used.contains(&n.id)).map(note_text).collect()
    };
    ChallengeMatrix {
        columns,
        rows,
        unlinked_strengths: left(is_strength, &linked),
        ungrouped_challenge_notes: left(is_challenge, &grouped),
    }
}

/// Whether two texts share a word across inflection, by the search's roots (*verkostot*,
/// *verkoston*), either way round.
fn share_a_word(a: &Terms, b: &Terms) -> bool {
    let prefixes = |roots: &[String], terms: &[String]| {
        roots.iter().any(|root| terms.iter().any(|term| term.starts_with(root.as_str())))
    };
    prefixes(&a.roots, &b.index) || prefixes(&b.roots, &a.index)
}

struct Terms {
    roots: Vec<String>,
    index: Vec<String>,
}

impl Terms {
    fn of(text: &str) -> Terms {
        Terms { roots: search::query_terms(text), index: search::index_terms(text) }
    }
}

fn suggest_lead(cells: &[MatrixCell], needs: &[String]) -> LeadSuggestion {
    let need_terms: Vec<(&String, Terms)> = needs.iter().map(|n| (n, Terms::of(n))).collect();
    let mut candidates: Vec<Candidate> = cells
        .iter()
        .filter(|cell| !cell.strengths.is_empty())
        .map(|cell| {
            let mut matches = Vec::new();
            for strength in &cell.strengths {
                let terms = Terms::of(&strength.text);
                for (need, need_terms) in &need_terms {
                    if share_a_word(&terms, need_terms) {
                        matches.push(NeedMatch { strength: strength.text.clone(), need: (*need).clone() });
                    }
                }
            }
            Candidate { node: cell.node, strengths: cell.strengths.len(), matches }
        })
        .collect();
    // A stable sort keeps the columns' order among equals.
    candidates.sort_by(|a, b| b.strengths.cmp(&a.strengths).then(b.matches.len().cmp(&a.matches.len())));
    let Some(best) = candidates.first() else {
        return LeadSuggestion { leads: Vec::new(), reasons: vec![LeadReason::NoStrengths], candidates };
    };
    let score = |c: &Candidate| (c.strengths, c.matches.len());
    let leads: Vec<NodeRef> =
        candidates.iter().take_while(|c| score(c) == score(best)).map(|c| c.node).collect();
    let runner_up = candidates.get(leads.len()).map(|c| c.strengths);
    let mut reasons = vec![LeadReason::Strengths { count: best.strengths, runner_up }];
    if leads.len() > 1 {
        reasons.push(LeadReason::Tied { count: leads.len() });
    } else if !best.matches.is_empty() {
        reasons.push(LeadReason::MatchesNeeds { matches: best.matches.clone() });
    }
    LeadSuggestion { leads, reasons, candidates }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::value_network::linkku::{
        self, ASENTEET, LINKKU, OPISKELIJAT, SAATAVUUS, YHDISTYKSET, YHTEISTYO,
    };
    use crate::value_network::workshop::Step;

    fn cell(row: &MatrixRow, actor: Uuid) -> Vec<&str> {
        let cell = row.cells.iter().find(|c| c.node == NodeRef::Actor(actor)).unwrap();
        cell.strengths.iter().map(|s| s.text.as_str()).collect()
    }

    fn row(matrix: &ChallengeMatrix, id: Uuid) -> &MatrixRow {
        matrix.rows.iter().find(|r| r.challenge_id == id).unwrap()
    }

    /// Every cell of figure 7 of seed 004.
    #[test]
    fn the_matrix_shows_figure_7() {
        let matrix = challenge_matrix(&linkku::workshop(), &linkku::notes(), &linkku::challenges());
        let names: Vec<&str> = matrix.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Yhdistykset", "LINKKU", "Opiskelijat"]);
        let cooperation = row(&matrix, YHTEISTYO);
        assert_eq!(cooperation.name, "Yhteistyö ja sen johtaminen");
        assert_eq!(cell(cooperation, YHDISTYKSET), ["Verkostot", "Yhteistyöhalukkuus", "Joustavuus"]);
        assert_eq!(cell(cooperation, LINKKU), ["Verkostot", "Tarjoaa oppimisympäristöjä"]);
        assert_eq!(
            cell(cooperation, OPISKELIJAT),
            [
                "Sitoutuminen hankkeistettuun oppimiseen",
                "Innokkaat opettajat",
                "LAMK:n pedagogiset linjaukset"
            ]
        );
        let attitudes = row(&matrix, ASENTEET);
        assert_eq!(
            cell(attitudes, YHDISTYKSET),
            ["Luotettavuus, pitkät perinteet toiminnassa", "Helposti lähestyttävä", "Tiedotus/viestintä"]
        );
        assert!(cell(attitudes, LINKKU).is_empty() && cell(attitudes, OPISKELIJAT).is_empty());
        let availability = row(&matrix, SAATAVUUS);
        assert_eq!(cell(availability, YHDISTYKSET), ["Paikallistuntemus"]);
        assert_eq!(cell(availability, LINKKU), ["Mahdollisuus viedä osaamista minne vain"]);
        assert!(cell(availability, OPISKELIJAT).is_empty());
        assert_eq!(availability.challenge_notes.len(), 2);
        assert!(matrix.unlinked_strengths.is_empty());
        assert_eq!(matrix.ungrouped_challenge_notes.len(), 0);
    }

    #[test]
    fn the_lead_suggestion_follows_strengths_then_needs_and_says_why() {
        let matrix = challenge_matrix(&linkku::workshop(), &linkku::notes(), &linkku::challenges());
        let yhdistykset = NodeRef::Actor(YHDISTYKSET);

        let attitudes = &row(&matrix, ASENTEET).suggestion;
        assert_eq!(attitudes.leads, [yhdistykset]);
        assert_eq!(
            attitudes.reasons,
            [
                LeadReason::Strengths { count: 3, runner_up: None },
                LeadReason::MatchesNeeds {
                    matches: vec![NeedMatch {
                        strength: "Tiedotus/viestintä".into(),
                        need: "Tiedotus".into()
                    }]
                },
            ]
        );

        // Yhdistykset and Opiskelijat have three strengths each; the associations' networks
        // meet the need to use the network's know-how.
        let cooperation = &row(&matrix, YHTEISTYO).suggestion;
        assert_eq!(cooperation.leads, [yhdistykset]);
        assert_eq!(cooperation.reasons[0], LeadReason::Strengths { count: 3, runner_up: Some(3) });
        assert_eq!(
            cooperation.reasons[1],
            LeadReason::MatchesNeeds {
                matches: vec![NeedMatch {
                    strength: "Verkostot".into(),
                    need: "Verkoston osaaminen hyödyntäminen".into()
                }]
            }
        );
        let order: Vec<NodeRef> = cooperation.candidates.iter().map(|c| c.node).collect();
        assert_eq!(order, [yhdistykset, NodeRef::Actor(OPISKELIJAT), NodeRef::Actor(LINKKU)]);

        let availability = &row(&matrix, SAATAVUUS).suggestion;
        assert_eq!(availability.leads, [yhdistykset, NodeRef::Actor(LINKKU)]);
        assert_eq!(
            availability.reasons,
            [LeadReason::Strengths { count: 1, runner_up: None }, LeadReason::Tied { count: 2 }]
        );
        assert_eq!(availability.reasons[1].code(), "tied");
    }

    #[test]
    fn merged_and_hidden_strengths_count_once_or_not_at_all() {
        let mut notes = linkku::notes();
        let find = |notes: &[Note], text: &str, author: Uuid| {
            notes
                .iter()
                .find(|n| n.details.text == text && n.details.author == NodeRef::Actor(author))
                .unwrap()
                .id
        };
        let networks = find(&notes, "Verkostot", YHDISTYKSET);
        let willing = find(&notes, "Yhteistyöhalukkuus", YHDISTYKSET);
        let flexible = find(&notes, "Joustavuus", YHDISTYKSET);
        crate::value_network::workshop::merge_notes(&mut notes, networks, willing).unwrap();
        notes.iter_mut().filter(|n| n.id == flexible).for_each(|n| n.hidden = true);
        let matrix = challenge_matrix(&linkku::workshop(), &notes, &linkku::challenges());
        assert_eq!(cell(row(&matrix, YHTEISTYO), YHDISTYKSET), ["Verkostot"]);
        assert_eq!(row(&matrix, YHTEISTYO).suggestion.leads, [NodeRef::Actor(OPISKELIJAT)]);
    }

    #[test]
    fn no_strengths_no_lead() {
        let mut challenges = linkku::challenges();
        challenges[0].details.strengths.clear();
        let matrix = challenge_matrix(&linkku::workshop(), &linkku::notes(), &challenges);
        assert!(matrix.rows[0].suggestion.leads.is_empty());
        assert_eq!(matrix.rows[0].suggestion.reasons, [LeadReason::NoStrengths]);
        assert_eq!(matrix.unlinked_strengths.len(), 8);
    }

    #[test]
    fn a_challenge_groups_challenge_notes_and_links_strengths() {
        let mut workshop = linkku::workshop();
        workshop.step = Step::Analysis;
        let notes = linkku::notes();
        let id_of = |text: &str| notes.iter().find(|n| n.details.text == text).unwrap().id.to_string();
        let input = ChallengeInput {
            name: "Asenteet".into(),
            needs: vec!["Epäluulo uutta kohtaan".into(), "Tiedotus".into()],
            challenge_notes: vec![id_of("Epäluulo uutta kohtaan")],
            strengths: vec![id_of("Helposti lähestyttävä"), id_of("Helposti lähestyttävä")],
            roles: vec![
                RoleInput { node: YHDISTYKSET.to_string(), role: "lead".into() },
                RoleInput::default(),
            ],
        };
        let details = input.validate(&workshop, &notes).unwrap();
        assert_eq!(details.strengths.len(), 1);
        assert_eq!(
            details.roles,
            [RoleAssignment { node: NodeRef::Actor(YHDISTYKSET), role: ChallengeRole::Lead }]
        );

        let wrong = ChallengeInput {
            challenge_notes: vec![id_of("Helposti lähestyttävä")],
            strengths: vec![id_of("Epäluulo uutta kohtaan"), Uuid::from_u128(5).to_string()],
            roles: vec![
                RoleInput { node: LINKKU.to_string(), role: "lead".into() },
                RoleInput { node: LINKKU.to_string(), role: "partner".into() },
                RoleInput { node: OPISKELIJAT.to_string(), role: "boss".into() },
            ],
            ..input
        };
        let errors = wrong.validate(&workshop, &notes).unwrap_err();
        let codes: Vec<(&str, &str)> = errors.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            [
                ("challenge_notes[0]", "note-not-a-challenge"),
                ("strengths[0]", "note-not-a-strength"),
                ("strengths[1]", "invalid-choice"),
                ("roles[1].node", "workshop-duplicate-actor"),
                ("roles[2].role", "invalid-choice"),
            ]
        );
        workshop.step = Step::WorkshopOne;
        let early = ChallengeInput { name: "Asenteet".into(), ..ChallengeInput::default() };
        assert_eq!(early.validate(&workshop, &notes).unwrap_err().0[0].code, "workshop-wrong-step");
    }
}
