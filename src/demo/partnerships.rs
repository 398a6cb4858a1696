//! Demonstration partnerships. The eleven development partnerships of 2016–2018 and the three
//! pilot premises agreements are named in seed 003; their aims, phases and dates here are
//! invented to be plausible, and every description says it is demonstration data.

use kumppani_domain::partnership::{PartnershipInput, PartyInput, Phase, PhaseEvent};
use time::Date;
use time::macros::date;

/// One demonstration partnership: the form as staff would fill it (parties by actor name), and
/// the history that brought it to its phase.
pub struct DemoPartnership {
    pub input: PartnershipInput,
    pub history: Vec<(PhaseEvent, Date)>,
    pub staircase: Option<(u8, Date)>,
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
    // The crisis centre's partnership is being evaluated: its decision is due.
    if let Some(crisis) = all.iter_mut().find(|p| p.input.name.ends_with("Turun kriisikeskus ry")) {
        crisis.history.push((PhaseEvent::Evaluate, date!(2026 - 09 - 15)));
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
