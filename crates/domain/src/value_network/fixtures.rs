//! The LINKKU pilot of seed 004 as test data: the strengths and challenges are figure 7's,
//! the values between the parties are made up in the same spirit.

use uuid::Uuid;

use super::NodeRef;
use super::actions::{Action, ActionDetails, PlannedFlow};
use super::analysis::{Challenge, ChallengeDetails};
use super::map::suggest_tangibility;
use super::palette::Colour;
use super::workshop::{
    JoinCode, Note, NoteDetails, Participant, ParticipantDetails, Plan, Question, Workshop, WorkshopActor,
};
use crate::actor::Tangibility;

pub const YHDISTYKSET: Uuid = Uuid::from_u128(0x11);
pub const LINKKU: Uuid = Uuid::from_u128(0x12);
pub const OPISKELIJAT: Uuid = Uuid::from_u128(0x13);
pub const YHTEISTYO: Uuid = Uuid::from_u128(0x21);
pub const ASENTEET: Uuid = Uuid::from_u128(0x22);
pub const SAATAVUUS: Uuid = Uuid::from_u128(0x23);

pub fn workshop() -> Workshop {
    let actor = |id, name: &str, colour| WorkshopActor { id, register_id: None, name: name.into(), colour };
    let plan = Plan {
        title: "LINKKU-palvelubussin, yhdistysten ja oppilaitosten yhteistyö".into(),
        purposes: [crate::value_network::workshop::Purpose::MissingService].into(),
        purpose_other: None,
        background: None,
        actors: vec![
            actor(YHDISTYKSET, "Yhdistykset", Colour::Orange),
            actor(LINKKU, "LINKKU", Colour::SkyBlue),
            actor(OPISKELIJAT, "Opiskelijat", Colour::BluishGreen),
        ],
        clients_name: "Asiakkaat / asukkaat".into(),
        residents_invited: false,
        convener: Some("Päijät-Hämeen kunnat".into()),
        facilitator: Some("MontEri-hanke".into()),
        date: None,
        place: None,
    };
    Workshop::new(Uuid::from_u128(1), plan, JoinCode::from_random(0x00C0_FFEE))
}

pub fn participants() -> Vec<Participant> {
    [(0x901, "Maija", YHDISTYKSET), (0x902, "Pekka", LINKKU), (0x903, "Aino", OPISKELIJAT)]
        .into_iter()
        .map(|(id, name, actor)| Participant {
            id: Uuid::from_u128(id),
            details: ParticipantDetails { name: name.into(), represents: NodeRef::Actor(actor) },
        })
        .collect()
}

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

/// Figure 7's three challenges, their needs and the strengths linked to them.
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
    let challenge =
        |id, name: &str, needs: &[&str], challenge_notes: Vec<Uuid>, strengths: Vec<Uuid>| Challenge {
            id,
            details: ChallengeDetails {
                name: name.into(),
                needs: needs.iter().map(|n| (*n).into()).collect(),
                challenge_notes,
                strengths,
                roles: Vec::new(),
            },
        };
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
        ),
        challenge(
            SAATAVUUS,
            "Palvelujen saatavuus",
            &["Aikataulutus, reitit jne.", "Kohderyhmän tavoittaminen"],
            ids(&[("Aikataulutus, reitit jne.", LINKKU), ("Kohderyhmän tavoittaminen", YHDISTYKSET)]),
            ids(&[("Paikallistuntemus", YHDISTYKSET), ("Mahdollisuus viedä osaamista minne vain", LINKKU)]),
        ),
    ]
}

/// Two agreed actions: one opens a new flow, one strengthens an existing flow and repeats
/// a value the map already has.
pub fn actions() -> Vec<Action> {
    let flow = |from, to, value: &str| PlannedFlow {
        from,
        to,
        value: value.into(),
        tangibility: suggest_tangibility(value),
    };
    let action = |id, challenge_id, title: &str, owner, flows| Action {
        id: Uuid::from_u128(id),
        details: ActionDetails {
            challenge_id,
            title: title.into(),
            steps: Vec::new(),
            owner,
            follow_up_by: None,
            follow_up_how: None,
            review_on: None,
            flows,
        },
    };
    vec![
        action(
            0x31,
            SAATAVUUS,
            "Terveyspisteet bussiin",
            LINKKU,
            vec![flow(NodeRef::Actor(OPISKELIJAT), NodeRef::Clients, "Terveyspisteet bussissa")],
        ),
        action(
            0x32,
            YHTEISTYO,
            "Yhteinen kalenteri",
            YHDISTYKSET,
            vec![
                flow(NodeRef::Actor(YHDISTYKSET), NodeRef::Actor(LINKKU), "Yhteinen tapahtumakalenteri"),
                flow(NodeRef::Actor(LINKKU), NodeRef::Clients, "Palveluneuvonta kylillä"),
            ],
        ),
    ]
}

/// Turku's eleven partners (seed 003) and a twelfth with a longer name still.
pub const TURKU_PARTNERS: &[&str] = &[
    "Turun Kaupunkilähetys ry",
    "Lähimmäispalveluyhdistys ry",
    "Turun Ensi- ja turvakoti ry",
    "Turun Icehearts ry",
    "Auralan Nuoret ry",
    "Suomen Punainen Risti",
    "Varsinais-Suomen Muistiyhdistys ry",
    "Folkhälsan Syd Ab",
    "Turun seudun lihastautiyhdistys ry:n avustajakeskus",
    "MLL:n Varsinais-Suomen piiri",
    "Turun kriisikeskus ry",
    "Varsinais-Suomen sairaanhoitopiirin kuntayhtymän psykiatrian toimialue",
];

fn plan_of(names: &[String]) -> Plan {
    let mut plan = workshop().plan;
    plan.actors = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let colour = Colour::least_used(plan.actors.iter().map(|a| a.colour));
        plan.actors.push(WorkshopActor {
            id: Uuid::from_u128(0x1000 + i as u128),
            register_id: None,
            name: name.clone(),
            colour,
        });
    }
    plan
}

/// `count` distinct values spread over the actors and all four value questions, every
/// actor answering about several others.
fn value_notes(plan: &Plan, count: usize) -> Vec<Note> {
    let n = plan.actors.len();
    let questions = [
        Question::OfferToActors,
        Question::OfferToClients,
        Question::BenefitFromActors,
        Question::BenefitFromClients,
    ];
    (0..count)
        .filter(|_| n > 0)
        .map(|k| {
            let author = k % n;
            let question = questions[(k / n) % questions.len()];
            let other = (author + 1 + (k / n / questions.len()) % n.saturating_sub(1).max(1)) % n;
            let about = (question.is_about_other_actors() && other != author).then(|| plan.actors[other].id);
            let question = if question.is_about_other_actors() && about.is_none() {
                Question::OfferToClients
            } else {
                question
            };
            let text = format!("Arvo {k}: {}", ["tietoa", "tilat", "vertaistuki", "rahoitus"][k % 4]);
            Note {
                id: Uuid::from_u128(0x10_0000 + k as u128),
                participant_id: None,
                hidden: false,
                merged_into: None,
                details: NoteDetails {
                    question,
                    author: NodeRef::Actor(plan.actors[author].id),
                    about,
                    tangibility: suggest_tangibility(&text),
                    text,
                },
            }
        })
        .collect()
}

pub fn named_map(names: &[&str]) -> super::map::ValueMap {
    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    let plan = plan_of(&names);
    super::map::ValueMap::current(&plan, &[], &value_notes(&plan, names.len() * 5))
}

pub fn big_map(actors: usize, values: usize) -> super::map::ValueMap {
    let names: Vec<String> = (0..actors).map(|i| format!("Toimija {i} kumppanuusverkostossa")).collect();
    let plan = plan_of(&names);
    super::map::ValueMap::current(&plan, &[], &value_notes(&plan, values))
}
