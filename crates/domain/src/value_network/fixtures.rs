//! Maps of many parties for the layout and drawing tests: Turku's partners (seed 003) and
//! larger made-up networks, on the LINKKU pilot's plan.

use uuid::Uuid;

use super::NodeRef;
use super::linkku;
use super::map::suggest_tangibility;
use super::palette::Colour;
use super::workshop::{Note, NoteDetails, Plan, Question, WorkshopActor};

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
    let mut plan = linkku::workshop().plan;
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
