//! Demonstration data: the LINKKU pilot of seed 004 (figure 7), a service bus touring villages
//! with the local associations and students of social and health care. The strengths,
//! challenges and their needs are figure 7's; the participants, the values between the parties,
//! the actions and how the whole is led are made up in the same spirit. The demonstration data
//! set loads it as a completed workshop, and the value network's unit tests work on it.

use std::collections::BTreeMap;

use time::Date;
use time::macros::date;
use uuid::Uuid;

use super::NodeRef;
use super::actions::{Action, ActionDetails, Governance, PlannedFlow};
use super::analysis::{Challenge, ChallengeDetails, ChallengeRole, RoleAssignment};
use super::map::suggest_tangibility;
use super::palette::Colour;
use super::workshop::{
    JoinCode, Note, NoteDetails, Participant, ParticipantDetails, Plan, Purpose, Question, Step, Workshop,
    WorkshopActor,
};
use crate::actor::Tangibility;
use crate::partnership::LeadershipModel;
use crate::validation::FieldErrors;

pub const YHDISTYKSET: Uuid = Uuid::from_u128(0x11);
pub const LINKKU: Uuid = Uuid::from_u128(0x12);
pub const OPISKELIJAT: Uuid = Uuid::from_u128(0x13);
pub const YHTEISTYO: Uuid = Uuid::from_u128(0x21);
pub const ASENTEET: Uuid = Uuid::from_u128(0x22);
pub const SAATAVUUS: Uuid = Uuid::from_u128(0x23);

/// The workshop as the planning meeting left it.
pub fn workshop() -> Workshop {
    let actor = |id, name: &str, colour| WorkshopActor { id, register_id: None, name: name.into(), colour };
    let plan = Plan {
        title: "LINKKU-palvelubussin, yhdistysten ja oppilaitosten yhteistyö".into(),
        purposes: [Purpose::MissingService].into(),
        purpose_other: None,
        background: Some(
            "LINKKU-palvelubussi kiertää kyliä, joista palvelut ovat kaukana. Asukaskyselyn mukaan \
             bussin reitit ja aikataulut tunnetaan huonosti, ja kylien yhdistykset ja \
             ammattikorkeakoulun opiskelijat haluavat mukaan. (Esittelyaineisto.)"
                .into(),
        ),
        actors: vec![
            actor(YHDISTYKSET, "Yhdistykset", Colour::Orange),
            actor(LINKKU, "LINKKU", Colour::SkyBlue),
            actor(OPISKELIJAT, "Opiskelijat", Colour::BluishGreen),
        ],
        clients_name: "Asiakkaat / asukkaat".into(),
        residents_invited: false,
        convener: Some("Päijät-Hämeen kunnat".into()),
        facilitator: Some("MontEri-hanke".into()),
        date: Some(date!(2013 - 06 - 04)),
        place: Some("Lahti".into()),
    };
    Workshop::new(Uuid::from_u128(1), plan, JoinCode::from_random(0x00C0_FFEE))
}

/// Two people for each actor, as they joined.
pub fn participants() -> Vec<Participant> {
    [
        (0x901, "Maija", YHDISTYKSET),
        (0x902, "Pekka", LINKKU),
        (0x903, "Aino", OPISKELIJAT),
        (0x904, "Raili", YHDISTYKSET),
        (0x905, "Sari", LINKKU),
        (0x906, "Joonas", OPISKELIJAT),
    ]
    .into_iter()
    .map(|(id, name, actor)| Participant {
        id: Uuid::from_u128(id),
        details: ParticipantDetails { name: name.into(), represents: NodeRef::Actor(actor) },
    })
    .collect()
}

/// Every actor's answers to the eight questions, 1a and 2a about each other actor. The
/// students had not yet met the clients themselves, so they offer them nothing today; one of
/// the actions changes that. The last note went on the wrong sheet and was hidden.
pub fn notes() -> Vec<Note> {
    use Question::*;
    let rows: &[(Question, Uuid, Option<Uuid>, &str)] = &[
        (OfferToActors, YHDISTYKSET, Some(LINKKU), "Vapaaehtoisia"),
        (OfferToActors, YHDISTYKSET, Some(LINKKU), "Paikallistuntemus kylistä"),
        (BenefitFromActors, LINKKU, Some(YHDISTYKSET), "vapaaehtoisia"),
        (BenefitFromActors, YHDISTYKSET, Some(OPISKELIJAT), "Opinnäytetöitä"),
        (OfferToActors, OPISKELIJAT, Some(LINKKU), "Opiskelijoiden työpanos"),
        (OfferToActors, LINKKU, Some(OPISKELIJAT), "Oppimisympäristö bussissa"),
        (OfferToClients, LINKKU, None, "Palveluneuvonta kylillä"),
        (BenefitFromClients, LINKKU, None, "Palautetta reiteistä"),
        (OfferToClients, YHDISTYKSET, None, "Vertaistukea"),
        (OfferToActors, YHDISTYKSET, Some(OPISKELIJAT), "Harjoittelupaikkoja yhdistysten toiminnassa"),
        (OfferToActors, LINKKU, Some(YHDISTYKSET), "Tilat tapahtumille bussissa"),
        (OfferToActors, OPISKELIJAT, Some(YHDISTYKSET), "Terveysneuvontaa yhdistysten tilaisuuksiin"),
        (BenefitFromActors, YHDISTYKSET, Some(LINKKU), "Näkyvyyttä kylillä"),
        (BenefitFromActors, LINKKU, Some(OPISKELIJAT), "Tuoreita ideoita toimintaan"),
        (BenefitFromActors, OPISKELIJAT, Some(YHDISTYKSET), "Aitoja asiakaskohtaamisia"),
        (BenefitFromActors, OPISKELIJAT, Some(LINKKU), "Ohjattua harjoittelua"),
        (BenefitFromClients, YHDISTYKSET, None, "Uusia jäseniä"),
        (BenefitFromClients, OPISKELIJAT, None, "Kokemusta asiakastyöstä"),
        (StrengthsForCooperation, YHDISTYKSET, None, "Verkostot"),
        (StrengthsForCooperation, YHDISTYKSET, None, "Yhteistyöhalukkuus"),
        (StrengthsForCooperation, YHDISTYKSET, None, "Joustavuus"),
        (StrengthsForCooperation, YHDISTYKSET, None, "Luotettavuus, pitkät perinteet toiminnassa"),
        (StrengthsForServices, YHDISTYKSET, None, "Helposti lähestyttävä"),
        (StrengthsForCooperation, YHDISTYKSET, None, "Tiedotus/viestintä"),
        (StrengthsForServices, YHDISTYKSET, None, "Paikallistuntemus"),
        (StrengthsForCooperation, LINKKU, None, "Verkostot"),
        (StrengthsForCooperation, LINKKU, None, "Tarjoaa oppimisympäristöjä"),
        (StrengthsForServices, LINKKU, None, "Mahdollisuus viedä osaamista minne vain"),
        (StrengthsForCooperation, OPISKELIJAT, None, "Sitoutuminen hankkeistettuun oppimiseen"),
        (StrengthsForCooperation, OPISKELIJAT, None, "Innokkaat opettajat"),
        (StrengthsForCooperation, OPISKELIJAT, None, "LAMK:n pedagogiset linjaukset"),
        (ChallengesOfCooperation, LINKKU, None, "Isojen julkisten organisaatioiden mukaan saaminen"),
        (ChallengesOfCooperation, YHDISTYKSET, None, "Epäluulo uutta kohtaan"),
        (ChallengesOfServices, LINKKU, None, "Aikataulutus, reitit jne."),
        (ChallengesOfServices, YHDISTYKSET, None, "Kohderyhmän tavoittaminen"),
    ];
    let mut notes: Vec<Note> = rows
        .iter()
        .enumerate()
        .map(|(i, (question, author, about, text))| Note {
            id: Uuid::from_u128(0x100 + i as u128),
            participant_id: None,
            hidden: false,
            merged_into: None,
            details: NoteDetails {
                question: *question,
                author: NodeRef::Actor(*author),
                about: *about,
                text: (*text).into(),
                tangibility: suggest_tangibility(text),
            },
        })
        .collect();
    notes.push(Note {
        id: Uuid::from_u128(0x1ff),
        participant_id: None,
        hidden: true,
        merged_into: None,
        details: NoteDetails {
            question: OfferToActors,
            author: NodeRef::Actor(OPISKELIJAT),
            about: Some(YHDISTYKSET),
            text: "Kirjoitettu väärälle lapulle".into(),
            tangibility: Tangibility::Intangible,
        },
    });
    notes
}

/// Figure 7's three challenges, their needs, the strengths linked to them and the roles the
/// facilitator recorded: on the tie for services' availability LINKKU took the lead.
pub fn challenges() -> Vec<Challenge> {
    let notes = notes();
    let ids = |texts: &[(&str, Uuid)]| -> Vec<Uuid> {
        texts
            .iter()
            .filter_map(|(text, author)| {
                notes.iter().find(|n| n.details.text == *text && n.details.author == NodeRef::Actor(*author))
            })
            .map(|n| n.id)
            .collect()
    };
    let roles = |roles: &[(Uuid, ChallengeRole)]| -> Vec<RoleAssignment> {
        roles
            .iter()
            .map(|(actor, role)| RoleAssignment { node: NodeRef::Actor(*actor), role: *role })
            .collect()
    };
    let challenge = |id,
                     name: &str,
                     needs: &[&str],
                     challenge_notes: Vec<Uuid>,
                     strengths: Vec<Uuid>,
                     roles: Vec<RoleAssignment>| Challenge {
        id,
        details: ChallengeDetails {
            name: name.into(),
            needs: needs.iter().map(|n| (*n).into()).collect(),
            challenge_notes,
            strengths,
            roles,
        },
    };
    use ChallengeRole::{Lead, Partner};
    vec![
        challenge(
            YHTEISTYO,
            "Yhteistyö ja sen johtaminen",
            &[
                "Kokemusten ja asiantuntijuuden hyödyntäminen",
                "Verkoston osaaminen hyödyntäminen",
                "Isojen julkisten organisaatioiden mukaan saaminen",
            ],
            ids(&[("Isojen julkisten organisaatioiden mukaan saaminen", LINKKU)]),
            ids(&[
                ("Verkostot", YHDISTYKSET),
                ("Yhteistyöhalukkuus", YHDISTYKSET),
                ("Joustavuus", YHDISTYKSET),
                ("Verkostot", LINKKU),
                ("Tarjoaa oppimisympäristöjä", LINKKU),
                ("Sitoutuminen hankkeistettuun oppimiseen", OPISKELIJAT),
                ("Innokkaat opettajat", OPISKELIJAT),
                ("LAMK:n pedagogiset linjaukset", OPISKELIJAT),
            ]),
            roles(&[(YHDISTYKSET, Lead), (LINKKU, Partner), (OPISKELIJAT, Partner)]),
        ),
        challenge(
            ASENTEET,
            "Asenteet",
            &["Epäluulo uutta kohtaan", "Tiedotus"],
            ids(&[("Epäluulo uutta kohtaan", YHDISTYKSET)]),
            ids(&[
                ("Luotettavuus, pitkät perinteet toiminnassa", YHDISTYKSET),
                ("Helposti lähestyttävä", YHDISTYKSET),
                ("Tiedotus/viestintä", YHDISTYKSET),
            ]),
            roles(&[(YHDISTYKSET, Lead), (LINKKU, Partner)]),
        ),
        challenge(
            SAATAVUUS,
            "Palvelujen saatavuus",
            &["Aikataulutus, reitit jne.", "Kohderyhmän tavoittaminen"],
            ids(&[("Aikataulutus, reitit jne.", LINKKU), ("Kohderyhmän tavoittaminen", YHDISTYKSET)]),
            ids(&[("Paikallistuntemus", YHDISTYKSET), ("Mahdollisuus viedä osaamista minne vain", LINKKU)]),
            roles(&[(LINKKU, Lead), (YHDISTYKSET, Partner)]),
        ),
    ]
}

/// One agreed action per challenge: the first opens a new flow, the second strengthens an
/// existing flow and repeats a value the map already has, the third strengthens another.
pub fn actions() -> Vec<Action> {
    let flow = |from, to, value: &str| PlannedFlow {
        from,
        to,
        value: value.into(),
        tangibility: suggest_tangibility(value),
    };
    struct Agreed<'a> {
        id: u128,
        challenge_id: Uuid,
        title: &'a str,
        steps: &'a [&'a str],
        owner: Uuid,
        follow_up: (&'a str, &'a str),
        review_on: Date,
        flows: Vec<PlannedFlow>,
    }
    let action = |a: Agreed<'_>| Action {
        id: Uuid::from_u128(a.id),
        details: ActionDetails {
            challenge_id: a.challenge_id,
            title: a.title.into(),
            steps: a.steps.iter().map(|s| (*s).into()).collect(),
            owner: a.owner,
            follow_up_by: Some(a.follow_up.0.into()),
            follow_up_how: Some(a.follow_up.1.into()),
            review_on: Some(a.review_on),
            flows: a.flows,
        },
    };
    let (yhdistykset, linkku) = (NodeRef::Actor(YHDISTYKSET), NodeRef::Actor(LINKKU));
    vec![
        action(Agreed {
            id: 0x31,
            challenge_id: SAATAVUUS,
            title: "Terveyspisteet bussiin",
            steps: &[
                "Opiskelijoiden vuorolista syksyn reiteille",
                "Reitit ja aikataulut kylien yhdistysten kanssa",
            ],
            owner: LINKKU,
            follow_up: (
                "LINKKU-hankkeen ohjausryhmä",
                "Käyntimäärät kuukausittain ja asiakaspalaute bussissa",
            ),
            review_on: date!(2013 - 12 - 02),
            flows: vec![flow(NodeRef::Actor(OPISKELIJAT), NodeRef::Clients, "Terveyspisteet bussissa")],
        }),
        action(Agreed {
            id: 0x32,
            challenge_id: YHTEISTYO,
            title: "Yhteinen kalenteri",
            steps: &["Kalenterin ylläpitäjä yhdistysten kesken", "Bussin reittipäivät kalenteriin"],
            owner: YHDISTYKSET,
            follow_up: ("Yhdistysten yhteyshenkilö", "Kalenteri käydään läpi ohjausryhmän kokouksissa"),
            review_on: date!(2013 - 10 - 01),
            flows: vec![
                flow(yhdistykset, linkku, "Yhteinen tapahtumakalenteri"),
                flow(linkku, NodeRef::Clients, "Palveluneuvonta kylillä"),
            ],
        }),
        action(Agreed {
            id: 0x33,
            challenge_id: ASENTEET,
            title: "Kyläillat: bussi tutuksi",
            steps: &["Kyläilta jokaisessa reittikylässä", "Juttu bussista yhdistysten jäsenkirjeisiin"],
            owner: YHDISTYKSET,
            follow_up: ("Yhdistysten yhteyshenkilö", "Kyläiltojen osallistujat ja kysymykset kirjataan"),
            review_on: date!(2014 - 01 - 15),
            flows: vec![flow(yhdistykset, NodeRef::Clients, "Tietoa bussista kyläilloissa")],
        }),
    ]
}

/// How the whole is led, as agreed in workshop II.
pub fn governance() -> Governance {
    Governance {
        model: Some(LeadershipModel::ProjectOrganisation),
        description: Some(
            "LINKKU-hankkeen ohjausryhmä, jossa on yhdistysten, LINKKUn ja ammattikorkeakoulun \
             edustaja, kokoontuu neljännesvuosittain ja seuraa toimenpiteitä."
                .into(),
        ),
    }
}

/// The whole pilot: the workshop and what the store keeps beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pilot {
    pub workshop: Workshop,
    pub participants: Vec<Participant>,
    pub notes: Vec<Note>,
    pub challenges: Vec<Challenge>,
    pub actions: Vec<Action>,
}

impl Pilot {
    /// The pilot as a completed workshop: taken through the method's steps as a facilitator
    /// would, to workshop II with the last question asked, joining closed and the leadership
    /// agreed.
    pub fn completed() -> Result<Pilot, FieldErrors> {
        let mut workshop = workshop();
        workshop.go_to(Step::Invitation)?;
        workshop.go_to(Step::WorkshopOne)?;
        workshop.show_question(Question::ChallengesOfServices)?;
        workshop.go_to(Step::Analysis)?;
        workshop.go_to(Step::WorkshopTwo)?;
        workshop.governance = governance();
        Ok(Pilot {
            workshop,
            participants: participants(),
            notes: notes(),
            challenges: challenges(),
            actions: actions(),
        })
    }

    /// The same pilot under ids from `new_id`, every reference following, so that a database
    /// holds it beside other workshops instead of under the small fixed ids above.
    pub fn renumbered(self, new_id: impl FnMut() -> Uuid) -> Pilot {
        let mut ids = Renumbering { new_id, ids: BTreeMap::new() };
        let mut workshop = self.workshop;
        workshop.id = ids.id(workshop.id);
        for actor in &mut workshop.plan.actors {
            actor.id = ids.id(actor.id);
        }
        let participants = self
            .participants
            .into_iter()
            .map(|p| Participant {
                id: ids.id(p.id),
                details: ParticipantDetails { represents: ids.node(p.details.represents), ..p.details },
            })
            .collect();
        let notes = self
            .notes
            .into_iter()
            .map(|n| Note {
                id: ids.id(n.id),
                participant_id: n.participant_id.map(|id| ids.id(id)),
                merged_into: n.merged_into.map(|id| ids.id(id)),
                details: NoteDetails {
                    author: ids.node(n.details.author),
                    about: n.details.about.map(|id| ids.id(id)),
                    ..n.details
                },
                ..n
            })
            .collect();
        let challenges = self
            .challenges
            .into_iter()
            .map(|c| Challenge {
                id: ids.id(c.id),
                details: ChallengeDetails {
                    challenge_notes: c.details.challenge_notes.iter().map(|id| ids.id(*id)).collect(),
                    strengths: c.details.strengths.iter().map(|id| ids.id(*id)).collect(),
                    roles: c
                        .details
                        .roles
                        .iter()
                        .map(|r| RoleAssignment { node: ids.node(r.node), role: r.role })
                        .collect(),
                    ..c.details
                },
            })
            .collect();
        let actions = self
            .actions
            .into_iter()
            .map(|a| Action {
                id: ids.id(a.id),
                details: ActionDetails {
                    challenge_id: ids.id(a.details.challenge_id),
                    owner: ids.id(a.details.owner),
                    flows: a
                        .details
                        .flows
                        .into_iter()
                        .map(|f| PlannedFlow { from: ids.node(f.from), to: ids.node(f.to), ..f })
                        .collect(),
                    ..a.details
                },
            })
            .collect();
        Pilot { workshop, participants, notes, challenges, actions }
    }
}

/// Old ids to new ones, each old id getting one new id however often it is met.
struct Renumbering<F> {
    new_id: F,
    ids: BTreeMap<Uuid, Uuid>,
}

impl<F: FnMut() -> Uuid> Renumbering<F> {
    fn id(&mut self, old: Uuid) -> Uuid {
        *self.ids.entry(old).or_insert_with(&mut self.new_id)
    }

    fn node(&mut self, node: NodeRef) -> NodeRef {
        match node {
            NodeRef::Actor(id) => NodeRef::Actor(self.id(id)),
            NodeRef::Clients => NodeRef::Clients,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::value_network::analysis::challenge_matrix;
    use crate::value_network::map::ValueMap;
    use crate::value_network::workshop::{NoteInput, Writer};

    #[test]
    fn the_completed_pilot_is_in_workshop_two_with_joining_closed() {
        let pilot = Pilot::completed().unwrap();
        assert_eq!(pilot.workshop.step, Step::WorkshopTwo);
        assert!(!pilot.workshop.joining_open);
        assert_eq!(pilot.workshop.question, Some(Question::ChallengesOfServices));
        assert_eq!(pilot.workshop.governance.model, Some(LeadershipModel::ProjectOrganisation));
        let answered: std::collections::BTreeSet<Question> =
            pilot.notes.iter().filter(|n| n.is_visible()).map(|n| n.details.question).collect();
        assert_eq!(answered.len(), Question::ALL.len(), "every question has answers");
    }

    /// Each actor answers 1a and 2a about each other actor, as the method asks.
    #[test]
    fn every_actor_answers_about_every_other_actor() {
        let plan = workshop().plan;
        for question in [Question::OfferToActors, Question::BenefitFromActors] {
            for author in &plan.actors {
                for about in plan.actors.iter().filter(|a| a.id != author.id) {
                    let answered = notes().iter().any(|n| {
                        n.is_visible()
                            && n.details.question == question
                            && n.details.author == NodeRef::Actor(author.id)
                            && n.details.about == Some(about.id)
                    });
                    assert!(answered, "{} {} about {}", question.as_str(), author.name, about.name);
                }
            }
        }
    }

    #[test]
    fn renumbering_keeps_every_reference() {
        let pilot = Pilot::completed().unwrap();
        let mut next = 0x5000_u128;
        let renumbered = pilot.clone().renumbered(|| {
            next += 1;
            Uuid::from_u128(next)
        });
        let old_ids = [YHDISTYKSET, LINKKU, OPISKELIJAT, YHTEISTYO, ASENTEET, SAATAVUUS];
        let json = serde_json::to_string(&(
            &renumbered.workshop,
            &renumbered.participants,
            &renumbered.notes,
            &renumbered.challenges,
            &renumbered.actions,
        ))
        .unwrap();
        for old in old_ids {
            assert!(!json.contains(&old.to_string()), "{old} left behind");
        }
        // The same analysis and maps, under other ids.
        let names = |p: &Pilot| {
            let matrix = challenge_matrix(&p.workshop, &p.notes, &p.challenges);
            let texts: Vec<Vec<Vec<String>>> = matrix
                .rows
                .iter()
                .map(|r| {
                    r.cells.iter().map(|c| c.strengths.iter().map(|s| s.text.clone()).collect()).collect()
                })
                .collect();
            let current = ValueMap::current(&p.workshop.plan, &p.participants, &p.notes);
            let future = current.future(&p.workshop.plan, &p.actions);
            (texts, current.rows().len(), future.rows().len(), matrix.rows[2].roles.len())
        };
        assert_eq!(names(&renumbered), names(&pilot));
        let mut workshop = renumbered.workshop.clone();
        workshop.step = Step::Analysis;
        for note in &renumbered.notes {
            assert!(NoteInput::from(&note.details).validate(&workshop, Writer::Facilitator).is_ok());
        }
    }
}
