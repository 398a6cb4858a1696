//! Demonstration partnerships. The eleven development partnerships of 2016–2018 and the three
//! pilot premises agreements are named in seed 003; their aims, phases and dates here are
//! invented to be plausible, and every description says it is demonstration data.

use kumppani_domain::partnership::{PartnershipInput, PartyInput, Phase, PhaseEvent};
use time::Date;
use time::macros::date;

/// One demonstration partnership: the form as staff would fill it (parties by actor name), the
/// history that brought it to its phase, and its agreements and follow-up.
pub struct DemoPartnership {
    pub input: PartnershipInput,
    pub history: Vec<(PhaseEvent, Date)>,
    pub staircase: Option<(u8, Date)>,
    /// Versions in order; each after the first renews the one before.
    pub agreements: Vec<DemoAgreement>,
    pub commitments: Vec<DemoCommitment>,
    /// How far this year's grant cycle has come (broad development partnerships only).
    pub cycle: CycleState,
    /// Year, applied, granted and paid in euros, and the decision.
    pub grants: Vec<(i32, i64, i64, i64, &'static str)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleState {
    /// Report and plan both delivered and accepted.
    Delivered,
    /// Report accepted; the plan is past its due date and not delivered.
    PlanOverdue,
    /// Report accepted; the plan waits for staff to review it.
    PlanInReview,
}

pub struct DemoAgreement {
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub notice_days: u16,
    /// When every party signed; `None` leaves it waiting for acceptance.
    pub signed_on: Option<Date>,
    pub funder_condition: Option<&'static str>,
}

pub struct DemoCommitment {
    /// The committing party by name; `None` for all parties.
    pub party: Option<&'static str>,
    pub title: &'static str,
    pub due_on: Option<Date>,
    pub yearly: bool,
    pub status: &'static str,
}

fn signed(from: Date, until: Option<Date>, on: Date) -> DemoAgreement {
    DemoAgreement {
        valid_from: from,
        valid_until: until,
        notice_days: 90,
        signed_on: Some(on),
        funder_condition: None,
    }
}

impl DemoPartnership {
    /// The phase the history leads to from exploration.
    pub fn phase(&self) -> Phase {
        self.history.iter().fold(Phase::Exploration, |phase, (event, _)| phase.apply(*event).unwrap_or(phase))
    }
}

pub const CITY: &str = "Turun kaupunki – hyvinvointitoimiala";
pub const STEA: &str = "Sosiaali- ja terveysjärjestöjen avustuskeskus STEA";

const DEMO_NOTE: &str = "(Esittelyaineisto.)";

fn party(name: &str, role: &str, commitment: &str) -> PartyInput {
    PartyInput {
        actor_id: name.into(),
        role: role.into(),
        commitment: commitment.into(),
        representatives: Vec::new(),
    }
}

fn tags(list: &[&str]) -> Vec<String> {
    list.iter().map(|t| (*t).to_owned()).collect()
}

/// Established 2015, in force from 2016: the cycle the development partnerships followed.
fn development_history() -> Vec<(PhaseEvent, Date)> {
    vec![(PhaseEvent::Establish, date!(2015 - 09 - 01)), (PhaseEvent::Launch, date!(2016 - 01 - 01))]
}

fn development(
    organisation: &str,
    aim: &str,
    themes: &[&str],
    organisation_commits: &str,
) -> DemoPartnership {
    DemoPartnership {
        input: PartnershipInput {
            name: format!("Kehittämiskumppanuus: {organisation}"),
            description: format!(
                "Turun hyvinvointitoimialan laaja-alainen kehittämiskumppanuus 2016–2018. {DEMO_NOTE}"
            ),
            kind: "broad_development".into(),
            depth: "strategic".into(),
            steering: "network".into(),
            leadership: "joint_leaders".into(),
            themes: tags(themes),
            areas: tags(&["Turku"]),
            aim: aim.into(),
            coordination: "Ohjausryhmä kokoontuu kahdesti vuodessa; toimialan järjestöyhteistyön \
                           suunnittelija ja yhdistyksen toiminnanjohtaja vastaavat arjen yhteydenpidosta."
                .into(),
            information_flow: "Yhdistys toimittaa vuosittain selvityksen avustuksen käytöstä sekä \
                               toiminta- ja taloussuunnitelman; ajankohtaisista asioista sovitaan \
                               sähköpostitse ja kumppanuusfoorumissa."
                .into(),
            parties: vec![
                party(CITY, "coordinator", "Myöntää vuosittaisen avustuksen ja nimeää yhteyshenkilön."),
                party(organisation, "party", organisation_commits),
            ],
            published: true,
            ..PartnershipInput::default()
        },
        history: development_history(),
        staircase: Some((5, date!(2016 - 01 - 01))),
        // The 2016–2018 agreement, then an open-ended renewal.
        agreements: vec![
            signed(date!(2016 - 01 - 01), Some(date!(2018 - 12 - 31)), date!(2015 - 12 - 15)),
            signed(date!(2019 - 01 - 01), None, date!(2018 - 12 - 10)),
        ],
        commitments: vec![DemoCommitment {
            party: None,
            title: "Kumppanuusfoorumiin osallistuminen",
            due_on: Some(date!(2027 - 03 - 15)),
            yearly: true,
            status: "not_started",
        }],
        cycle: CycleState::Delivered,
        grants: Vec::new(),
    }
}

fn premises(organisation: &str, premises: &str, use_for: &str) -> DemoPartnership {
    DemoPartnership {
        input: PartnershipInput {
            name: format!("Tilakumppanuus: {organisation}"),
            description: format!("Pilottisopimus 2016: {premises} maksutta (0 €). {DEMO_NOTE}"),
            kind: "premises".into(),
            depth: "operational".into(),
            steering: "hierarchical".into(),
            themes: tags(&["tilat"]),
            areas: tags(&["Turku"]),
            aim: format!("{premises} ovat yhdistyksen käytössä maksutta, koska {use_for}."),
            coordination: "Toimialan tilapalvelut sopii vakiovuoroista toukokuun haussa.".into(),
            information_flow: "Muutoksista ilmoitetaan tilapalveluihin viimeistään kuukautta ennen.".into(),
            parties: vec![
                party(CITY, "coordinator", &format!("Antaa {premises} käyttöön maksutta (0 €).")),
                party(organisation, "party", "Huolehtii tiloista ja raportoi käytöstä vuosittain."),
            ],
            published: true,
            ..PartnershipInput::default()
        },
        history: development_history(),
        staircase: Some((4, date!(2016 - 01 - 01))),
        agreements: vec![signed(date!(2016 - 01 - 01), None, date!(2015 - 12 - 20))],
        commitments: Vec::new(),
        cycle: CycleState::Delivered,
        grants: Vec::new(),
    }
}

/// The demonstration partnerships, in the order they are shown in the README.
pub fn demo_partnerships() -> Vec<DemoPartnership> {
    let mut all = vec![
        development(
            "Turun Kaupunkilähetys ry",
            "Vähentää asunnottomien ja päihde- ja mielenterveyskuntoutujien syrjäytymistä matalan \
             kynnyksen kohtaamisen avulla.",
            &["päihdetyö", "asunnottomuus"],
            "Ylläpitää päiväkeskusta ja vapaaehtoistoimintaa sekä raportoi kävijämääristä.",
        ),
        development(
            "Lähimmäispalveluyhdistys ry",
            "Tukea kotona asuvia ikäihmisiä vapaaehtoisten avulla ja vähentää yksinäisyyttä.",
            &["yksinäisyyden vähentäminen", "kotona asumisen tuki"],
            "Kouluttaa ja ohjaa vapaaehtoiset sekä välittää apua ikäihmisille.",
        ),
        development(
            "Turun Ensi- ja turvakoti ry",
            "Ehkäistä lähisuhdeväkivaltaa ja tukea vauvaperheitä varhain.",
            &["lähisuhdeväkivalta", "lapsiperheet"],
            "Tarjoaa perheille keskusteluapua ja vertaisryhmiä.",
        ),
        development(
            "Turun Icehearts ry",
            "Ehkäistä lasten ja nuorten syrjäytymistä pitkäjänteisen joukkueurheilun ja aikuisen tuen avulla.",
            &["lapset ja nuoret", "liikunta"],
            "Ylläpitää joukkueita ja kasvattajien työtä kouluissa.",
        ),
        development(
            "Auralan Nuoret ry",
            "Tarjota nuorille turvallisia vapaa-ajan paikkoja ja ohjattua toimintaa.",
            &["lapset ja nuoret", "vapaa-aika"],
            "Järjestää avointa nuorisotoimintaa ja leirejä.",
        ),
        development(
            "Suomen Punainen Risti, Varsinais-Suomen piiri",
            "Vahvistaa arjen turvallisuutta ja ystävätoimintaa.",
            &["vapaaehtoistoiminta", "yksinäisyyden vähentäminen"],
            "Järjestää ystävätoimintaa ja ensiapukoulutusta.",
        ),
        development(
            "Varsinais-Suomen Muistiyhdistys ry",
            "Tukea muistisairaita ja heidän läheisiään arjessa.",
            &["muistisairaudet", "omaishoito"],
            "Järjestää vertaisryhmiä ja muistineuvontaa.",
        ),
        development(
            "Folkhälsan Syd Ab",
            "Edistää ruotsinkielisten turkulaisten hyvinvointia ja terveyttä.",
            &["hyvinvoinnin edistäminen", "ruotsinkieliset palvelut"],
            "Järjestää ruotsinkielistä terveyttä edistävää toimintaa.",
        ),
        development(
            "Turun seudun lihastautiyhdistys ry:n avustajakeskus",
            "Turvata vammaisten henkilöiden itsenäinen elämä henkilökohtaisen avun avulla.",
            &["vammaisuus", "henkilökohtainen apu"],
            "Välittää ja kouluttaa henkilökohtaisia avustajia.",
        ),
        development(
            "MLL:n Varsinais-Suomen piiri",
            "Tukea lapsiperheitä ja vahvistaa vanhemmuutta.",
            &["lapsiperheet", "vertaistuki"],
            "Ylläpitää perhekahviloita ja lastenhoitoapua.",
        ),
        development(
            "Turun kriisikeskus ry",
            "Tarjota kriisiapua nopeasti ja maksutta.",
            &["kriisityö", "mielenterveys"],
            "Ylläpitää kriisipuhelinta ja tukikeskusteluja.",
        ),
        premises(
            "Turun Icehearts ry",
            "liikuntasalin vuorot",
            "toiminta tukee lasten ja nuorten hyvinvointia",
        ),
        premises(
            "Varsinais-Suomen Muistiyhdistys ry",
            "ryhmätilat",
            "vertaisryhmät tukevat muistisairaiden kotihoitoa",
        ),
        premises("MLL:n Varsinais-Suomen piiri", "perhekahvilan tilat", "perhekahvilat tukevat neuvolatyötä"),
    ];
    // The partnerships were evaluated together a year ago and decided to continue, except the
    // crisis centre's, still under evaluation with its decision overdue.
    for demo in all.iter_mut().filter(|p| matches!(p.input.kind.as_str(), "broad_development" | "premises")) {
        demo.history.push((PhaseEvent::Evaluate, date!(2025 - 10 - 01)));
        if demo.input.name.ends_with("Turun kriisikeskus ry") {
            demo.cycle = CycleState::PlanInReview;
            continue;
        }
        demo.history.push((PhaseEvent::DecideContinue, date!(2025 - 12 - 10)));
    }
    // The city mission's yearly cycle: last year's report accepted, next year's plan overdue.
    if let Some(mission) = all.iter_mut().find(|p| p.input.name.ends_with("Turun Kaupunkilähetys ry")) {
        mission.cycle = CycleState::PlanOverdue;
        mission.grants = vec![
            (2025, 48_000, 45_000, 45_000, "Sotelau 14.11.2024 § 210"),
            (2026, 50_000, 46_000, 23_000, "Sotelau 13.11.2025 § 198"),
        ];
        mission.commitments.push(DemoCommitment {
            party: Some("Turun Kaupunkilähetys ry"),
            title: "Kävijätilasto päiväkeskuksesta",
            due_on: Some(date!(2026 - 10 - 31)),
            yearly: true,
            status: "in_progress",
        });
    }
    // The family cafés' premises agreement ends this year and is in its notice period.
    if let Some(cafes) =
        all.iter_mut().find(|p| p.input.name == "Tilakumppanuus: MLL:n Varsinais-Suomen piiri")
    {
        cafes.agreements.push(DemoAgreement {
            notice_days: 60,
            ..signed(date!(2024 - 01 - 01), Some(date!(2026 - 12 - 31)), date!(2023 - 12 - 12))
        });
    }
    all.push(DemoPartnership {
        input: PartnershipInput {
            name: "Yhdessä yksinäisyyttä vastaan -hanke".into(),
            description: format!(
                "Hankesopimus, joka tulee voimaan vain, jos STEA myöntää avustuksen. {DEMO_NOTE}"
            ),
            kind: "project".into(),
            depth: "tactical".into(),
            steering: "network".into(),
            leadership: "project_organisation".into(),
            themes: tags(&["yksinäisyyden vähentäminen", "ikäihmiset"]),
            areas: tags(&["Turku", "Runosmäki"]),
            aim: "Tavoittaa yksin asuvat ikäihmiset kirjastojen ja vapaaehtoisten yhteistyöllä.".into(),
            coordination: "Lähimmäispalveluyhdistys koordinoi; ohjausryhmässä kaikki osapuolet.".into(),
            information_flow: "Kuukausittainen hankepalaveri ja yhteinen tiedotussuunnitelma.".into(),
            parties: vec![
                party(
                    "Lähimmäispalveluyhdistys ry",
                    "coordinator",
                    "Palkkaa hankekoordinaattorin ja vapaaehtoiset.",
                ),
                party("Turun kaupunginkirjasto", "party", "Antaa kirjastojen tilat kohtaamispaikoiksi."),
                party(STEA, "funder", "Päättää hankeavustuksesta."),
            ],
            published: true,
            ..PartnershipInput::default()
        },
        history: vec![(PhaseEvent::Establish, date!(2026 - 06 - 01))],
        staircase: Some((3, date!(2026 - 06 - 01))),
        // Signed by both, waiting for STEA's decision.
        agreements: vec![DemoAgreement {
            funder_condition: Some("STEA"),
            ..signed(date!(2027 - 01 - 01), Some(date!(2029 - 12 - 31)), date!(2026 - 09 - 20))
        }],
        commitments: vec![DemoCommitment {
            party: Some("Lähimmäispalveluyhdistys ry"),
            title: "Hankehakemuksen täydennys STEAlle",
            due_on: Some(date!(2026 - 12 - 04)),
            yearly: false,
            status: "in_progress",
        }],
        cycle: CycleState::Delivered,
        grants: Vec::new(),
    });
    all.push(DemoPartnership {
        input: PartnershipInput {
            name: "Runosmäen ikäihmisten olohuone".into(),
            description: format!("Suullisesti sovittu kokeilu seurakunnan tiloissa. {DEMO_NOTE}"),
            kind: "other".into(),
            depth: "operational".into(),
            themes: tags(&["yksinäisyyden vähentäminen", "ikäihmiset"]),
            areas: tags(&["Runosmäki"]),
            aim: "Avoin olohuone ikäihmisille kerran viikossa.".into(),
            parties: vec![
                party("Runosmäen asukasraati", "coordinator", "Kutsuu asukkaat ja kerää toiveet."),
                party("Turun ja Kaarinan seurakuntayhtymä", "party", "Antaa seurakuntasalin käyttöön."),
            ],
            verbal: true,
            published: true,
            ..PartnershipInput::default()
        },
        history: Vec::new(),
        staircase: Some((2, date!(2026 - 03 - 01))),
        agreements: Vec::new(),
        commitments: Vec::new(),
        cycle: CycleState::Delivered,
        grants: Vec::new(),
    });
    all
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_partnership_is_valid_and_marked() {
        for demo in demo_partnerships() {
            let mut input = demo.input.clone();
            for (i, party) in input.parties.iter_mut().enumerate() {
                party.actor_id = uuid::Uuid::from_u128(i as u128 + 1).to_string();
            }
            assert!(input.validate(true).is_ok(), "{}", demo.input.name);
            assert!(demo.input.description.contains(DEMO_NOTE), "{}", demo.input.name);
            let mut phase = Phase::Exploration;
            for (event, _) in &demo.history {
                phase = phase.apply(*event).unwrap_or_else(|e| panic!("{}: {e}", demo.input.name));
            }
            assert_eq!(phase, demo.phase());
        }
    }

    #[test]
    fn every_party_is_a_demo_actor() {
        let names: Vec<String> = crate::demo::demo_actors().into_iter().map(|a| a.name_fi).collect();
        for demo in demo_partnerships() {
            for party in &demo.input.parties {
                assert!(names.contains(&party.actor_id), "{} is not a demo actor", party.actor_id);
            }
        }
    }
}
