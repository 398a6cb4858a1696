//! Partnerships and agreements on top of the generated register (issue #3): 50,000 partnerships
//! between the generated actors with their parties, tags, timelines and checklists, about one
//! agreement each with acceptances, notice periods and funders' conditions, 200,000 commitments
//! and the yearly grant cycle's deliverables; then staff and member accounts to sign in with.
//!
//! Rows are written with multi-row INSERTs in large transactions, straight into the tables the
//! store reads (`src/store/{partnerships,agreements,followup}.rs`), after the content has passed
//! the domain's own validation (`PartnershipInput::validate` and friends). Dates are drawn
//! around an anchor day, the first of the current month, so the attention list has lines of
//! every kind whenever the benchmark runs; the anchor is part of the cache key.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use kumppani::services::{Change, accounts};
use kumppani::store::{Db, Store, Timestamp};
use kumppani_domain::actor::sort_key;
use kumppani_domain::agreement::AgreementInput;
use kumppani_domain::attention::evaluation_due;
use kumppani_domain::commitment::{
    BudgetLine, CommitmentInput, CommitmentStatus, Indicator, IndicatorKind, same_day_next_year,
};
use kumppani_domain::partnership::{
    PartnershipField, PartnershipInput, PartyInput, PartyRole, Phase, PhaseEvent, RepresentativeInput,
    Transition,
};
use kumppani_domain::role::Role;
use kumppani_domain::search::normalise;
use serde_json::{Value, json};
use sqlx::types::Json;
use time::{Date, Duration, Month};
use uuid::Uuid;

use super::{FIRST_NAMES, REGIONS, Rng, SEED, SURNAMES, TARGET_GROUPS, THEMES, municipalities, zipf};

/// Bump when the partnership generator changes what it produces: cached layers are rebuilt.
pub const DATA_VERSION: u32 = 1;
/// Every benchmark account has this password.
pub const PASSWORD: &str = "kumppanuuksien kuormitustesti";
pub const STAFF_USERS: usize = 4;
pub const MEMBER_USERS: usize = 32;

pub fn staff_email(i: usize) -> String {
    format!("bench.staff{i}@example.fi")
}

pub fn member_email(i: usize) -> String {
    format!("bench.member{i:02}@example.fi")
}

/// The day dates are drawn around: the first of the current month in Finland.
pub fn anchor_day() -> Date {
    let today = kumppani::clock::finnish_date(time::OffsetDateTime::now_utc());
    today.replace_day(1).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

pub const KINDS: [(&str, f64); 4] =
    [("broad_development", 30.0), ("premises", 20.0), ("project", 35.0), ("other", 15.0)];
const PHASES: [(Phase, f64); 5] = [
    (Phase::Exploration, 8.0),
    (Phase::Establishment, 10.0),
    (Phase::Implementation, 60.0),
    (Phase::EndingRenewal, 12.0),
    (Phase::Ended, 10.0),
];
const CIVIC: &[&str] = &[
    "association",
    "organisation",
    "residents",
    "foundation",
    "parish",
    "educational_institution",
    "company",
];
const PREMISES: &[&str] = &[
    "nuorisotila",
    "kerhohuone",
    "liikuntasali",
    "asukastupa",
    "kylätalo",
    "kokoontumistila",
    "toimintakeskus",
    "harjoitustila",
    "senioritalo",
    "kohtaamispaikka",
];
/// Project names; the text-search queries of the benchmark look for some of these words.
pub const PROJECTS: &[&str] = &[
    "Yhdessä liikkeelle",
    "Ei yksin",
    "Arjen tuki",
    "Nuoret mukaan",
    "Kylät kuntoon",
    "Digiapu kotiin",
    "Muistikylä",
    "Kotona hyvin",
    "Polku töihin",
    "Vertaisvoimaa",
    "Luonto lähellä",
    "Kulttuuria kaikille",
    "Perheet keskiöön",
    "Liikkuva ikääntyminen",
    "Kohtaamo",
    "Harrastus kaikille",
    "Ystävä lähellä",
    "Turvallinen naapurusto",
    "Ruokaa ja yhteisöä",
    "Kotoutuminen yhdessä",
];
const COMMITMENTS: &[&str] = &[
    "Vuosiraportti toiminnasta",
    "Kävijätilastot puolivuosittain",
    "Ohjausryhmän kokous",
    "Tilojen vuorojen jako",
    "Vapaaehtoisten koulutus",
    "Yhteinen tapahtuma asukkaille",
    "Asiakaspalautteen kerääminen",
    "Viestintäsuunnitelman päivitys",
    "Avustuksen käyttöselvitys",
    "Turvallisuussuunnitelman päivitys",
    "Kumppanuusfoorumiin osallistuminen",
    "Avainten ja kulkuoikeuksien tarkistus",
    "Toimintasuunnitelma seuraavalle vuodelle",
    "Arviointikysely osallistujille",
    "Hankkeen väliraportti",
    "Loppuraportti rahoittajalle",
    "Kesätoiminnan järjestäminen",
    "Yhteyshenkilöiden tapaaminen",
    "Tilojen siivousvuorot",
    "Ryhmien ohjaajien perehdytys",
    "Saavutettavuuden tarkistus",
    "Tiedote toiminnasta kaupungin sivuille",
    "Vertaisryhmien käynnistäminen",
    "Budjetin seuranta",
];
const OWNERS: &[&str] = &[
    "järjestöyhteistyön suunnittelija",
    "nuorisopalvelut",
    "liikuntapalvelut",
    "kulttuuripalvelut",
    "toiminnanjohtaja",
    "hallituksen puheenjohtaja",
    "vapaaehtoiskoordinaattori",
    "tilapalvelut",
];
const TITLES: &[&str] =
    &["puheenjohtaja", "toiminnanjohtaja", "suunnittelija", "palvelupäällikkö", "sihteeri"];
const FUNDER_CONDITIONS: &[&str] = &[
    "STEA:n myönteinen avustuspäätös",
    "Opetus- ja kulttuuriministeriön hankeavustus",
    "ELY-keskuksen rahoituspäätös",
    "Säätiön apurahapäätös",
];

// ---------------------------------------------------------------------------------------------
// Bulk writing

/// One bound value of a multi-row INSERT.
enum Val {
    Id(Uuid),
    OptId(Option<Uuid>),
    Text(String),
    OptText(Option<String>),
    I32(i32),
    OptI32(Option<i32>),
    I64(i64),
    OptI64(Option<i64>),
    Bool(bool),
    Day(Date),
    OptDay(Option<Date>),
    Ts(Timestamp),
    OptTs(Option<Timestamp>),
    Json(Value),
}

/// Rows waiting to be written to one table.
struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    values: Vec<Val>,
    rows: usize,
}

impl Table {
    fn new(name: &'static str, columns: &'static [&'static str]) -> Self {
        Table { name, columns, values: Vec::new(), rows: 0 }
    }

    /// Rows per statement, each at most `limit`.
    fn statement_sizes(&self, limit: usize) -> Vec<usize> {
        let mut sizes = Vec::new();
        let mut done = 0;
        while done < self.rows {
            sizes.push(limit.min(self.rows - done));
            done += limit.min(self.rows - done);
        }
        sizes
    }

    fn row<const N: usize>(&mut self, row: [Val; N]) {
        assert_eq!(N, self.columns.len(), "a row of {} has the wrong width", self.name);
        self.values.extend(row);
        self.rows += 1;
    }
}

/// Parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const PARAMS_PER_STATEMENT: usize = 30_000;

/// Writes every table's waiting rows in one transaction, parents first, then links each
/// superseded agreement to the version that replaced it. (Rows that refer to rows later in the
/// same statement would make SQLite look for orphans in the whole table at every insert.)
async fn flush(store: &Store, tables: &mut [&mut Table], supersede: &mut Vec<(Uuid, Uuid)>) {
    // SQLite looks `$n` names up one by one in a list (quadratic in a long statement), so it
    // gets anonymous `?` parameters.
    let anonymous = matches!(store.db, Db::Sqlite(_));
    on_db!(&store.db, |pool| {
        let mut tx = pool.begin().await.unwrap();
        for table in tables.iter_mut() {
            let width = table.columns.len();
            let per_statement = (PARAMS_PER_STATEMENT / width).max(1);
            let mut values = std::mem::take(&mut table.values).into_iter();
            let sizes = table.statement_sizes(per_statement);
            table.rows = 0;
            for rows in sizes {
                let mut sql = format!("INSERT INTO {} ({}) VALUES ", table.name, table.columns.join(", "));
                for r in 0..rows {
                    sql.push_str(if r == 0 { "(" } else { ", (" });
                    for c in 0..width {
                        if c > 0 {
                            sql.push_str(", ");
                        }
                        if anonymous {
                            sql.push('?');
                        } else {
                            sql.push('$');
                            sql.push_str(&(r * width + c + 1).to_string());
                        }
                    }
                    sql.push(')');
                }
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for value in values.by_ref().take(rows * width) {
                    query = match value {
                        Val::Id(v) => query.bind(v),
                        Val::OptId(v) => query.bind(v),
                        Val::Text(v) => query.bind(v),
                        Val::OptText(v) => query.bind(v),
                        Val::I32(v) => query.bind(v),
                        Val::OptI32(v) => query.bind(v),
                        Val::I64(v) => query.bind(v),
                        Val::OptI64(v) => query.bind(v),
                        Val::Bool(v) => query.bind(v),
                        Val::Day(v) => query.bind(v),
                        Val::OptDay(v) => query.bind(v),
                        Val::Ts(v) => query.bind(v),
                        Val::OptTs(v) => query.bind(v),
                        Val::Json(v) => query.bind(Json(v)),
                    };
                }
                query.execute(&mut *tx).await.unwrap_or_else(|e| panic!("insert into {}: {e}", table.name));
            }
        }
        for (id, by) in supersede.drain(..) {
            sqlx::query("UPDATE agreements SET superseded_by = $2 WHERE id = $1")
                .bind(id)
                .bind(by)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
    });
}

// ---------------------------------------------------------------------------------------------
// The register as the generator sees it

struct ActorInfo {
    id: Uuid,
    sector: String,
    name: String,
    areas: Vec<String>,
    themes: Vec<String>,
}

struct Register {
    actors: Vec<ActorInfo>,
    /// Civic actors (associations, organisations, companies …): the partnerships' own parties.
    civic: Vec<usize>,
    /// A fifth of them, drawn more often: some organisations have many partnerships.
    active: Vec<usize>,
    civic_by_municipality: HashMap<String, Vec<usize>>,
    city: HashMap<String, usize>,
    county: HashMap<String, usize>,
    funder: HashMap<String, usize>,
    region_of: HashMap<String, String>,
}

async fn register(store: &Store, rng: &mut Rng) -> Register {
    let rows: Vec<(Uuid, String, String)> = on_db!(&store.db, |pool| {
        sqlx::query_as(
            "SELECT id, sector, name_fi FROM actors WHERE archived_at IS NULL ORDER BY created_at, name_fi",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    });
    let tags: Vec<(Uuid, String, String)> = on_db!(&store.db, |pool| {
        sqlx::query_as("SELECT actor_id, kind, value FROM actor_tags WHERE kind IN ('area', 'theme')")
            .fetch_all(pool)
            .await
            .unwrap()
    });
    let mut by_id: HashMap<Uuid, (Vec<String>, Vec<String>)> = HashMap::new();
    for (id, kind, value) in tags {
        let entry = by_id.entry(id).or_default();
        if kind == "area" { entry.0.push(value) } else { entry.1.push(value) }
    }
    let municipalities = municipalities();
    let region_of: HashMap<String, String> =
        municipalities.iter().map(|m| (m.place.name.to_owned(), REGIONS[m.region].0.to_owned())).collect();
    let mut register = Register {
        actors: Vec::with_capacity(rows.len()),
        civic: Vec::new(),
        active: Vec::new(),
        civic_by_municipality: HashMap::new(),
        city: HashMap::new(),
        county: HashMap::new(),
        funder: HashMap::new(),
        region_of,
    };
    for (i, (id, sector, name)) in rows.into_iter().enumerate() {
        let (mut areas, mut themes) = by_id.remove(&id).unwrap_or_default();
        areas.sort();
        themes.sort();
        let municipality = areas.iter().find(|a| register.region_of.contains_key(*a)).cloned();
        let region = areas.iter().find(|a| REGIONS.iter().any(|(r, _)| r == a)).cloned();
        match sector.as_str() {
            "municipality" if name.ends_with(" kaupunki") || name.ends_with(" kunta") => {
                if let Some(m) = &municipality {
                    register.city.entry(m.clone()).or_insert(i);
                }
            }
            "wellbeing_services_county" => {
                if let Some(r) = &region {
                    register.county.entry(r.clone()).or_insert(i);
                }
            }
            "funder" => {
                if let Some(r) = &region {
                    register.funder.entry(r.clone()).or_insert(i);
                }
            }
            s if CIVIC.contains(&s) => {
                register.civic.push(i);
                if let Some(m) = &municipality {
                    register.civic_by_municipality.entry(m.clone()).or_default().push(i);
                }
            }
            _ => {}
        }
        register.actors.push(ActorInfo { id, sector, name, areas, themes });
    }
    register.active = register.civic.iter().copied().filter(|_| rng.chance(0.2)).collect();
    register
}

impl Register {
    fn municipality_of(&self, actor: usize) -> Option<&str> {
        self.actors[actor].areas.iter().find(|a| self.region_of.contains_key(*a)).map(String::as_str)
    }

    fn region_of_actor(&self, actor: usize) -> Option<String> {
        match self.municipality_of(actor) {
            Some(m) => self.region_of.get(m).cloned(),
            None => self.actors[actor].areas.iter().find(|a| REGIONS.iter().any(|(r, _)| r == *a)).cloned(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

fn days(n: i64) -> Duration {
    Duration::days(n)
}

fn between(rng: &mut Rng, from: Date, to: Date) -> Date {
    let span = (to - from).whole_days().max(0) as usize;
    from + days(rng.below(span + 1) as i64)
}

fn at(rng: &mut Rng, day: Date) -> Timestamp {
    let minutes = 6 * 60 + rng.below(11 * 60) as i64;
    Timestamp::new(day.midnight().assume_utc() + Duration::minutes(minutes))
}

fn ymd(year: i32, month: Month, day: u8) -> Date {
    Date::from_calendar_date(year, month, day).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Generation

pub struct Generated {
    pub seconds: f64,
    pub rows: usize,
}

struct Tables {
    partnerships: Table,
    parties: Table,
    tags: Table,
    events: Table,
    checklist: Table,
    agreements: Table,
    acceptances: Table,
    commitments: Table,
    deliverables: Table,
    grants: Table,
    /// Agreements and the versions that superseded them, linked after the inserts.
    supersede: Vec<(Uuid, Uuid)>,
}

impl Tables {
    fn new() -> Self {
        Tables {
            partnerships: Table::new(
                "partnerships",
                &[
                    "id",
                    "version",
                    "name",
                    "name_sort",
                    "kind",
                    "phase",
                    "staircase_level",
                    "staircase_public",
                    "verbal",
                    "published",
                    "demo",
                    "valid_from",
                    "valid_until",
                    "last_decision_on",
                    "evaluation_due_on",
                    "details",
                    "created_at",
                    "updated_at",
                    "archived_at",
                ],
            ),
            parties: Table::new("partnership_parties", &["partnership_id", "actor_id", "role", "position"]),
            tags: Table::new(
                "partnership_tags",
                &["partnership_id", "kind", "value_norm", "value", "public"],
            ),
            events: Table::new(
                "partnership_events",
                &["id", "partnership_id", "at", "on_date", "user_id", "kind", "data"],
            ),
            checklist: Table::new(
                "checklist_items",
                &["partnership_id", "phase", "code", "done", "note", "updated_at", "updated_by"],
            ),
            agreements: Table::new(
                "agreements",
                &[
                    "id",
                    "partnership_id",
                    "number",
                    "previous_id",
                    "superseded_by",
                    "valid_from",
                    "valid_until",
                    "notice_from",
                    "accepted_on",
                    "funder_condition",
                    "funder_verdict",
                    "funder_decided_on",
                    "funder_reference",
                    "details",
                    "created_at",
                    "created_by",
                ],
            ),
            acceptances: Table::new(
                "agreement_acceptances",
                &[
                    "agreement_id",
                    "actor_id",
                    "position",
                    "accepted_on",
                    "method",
                    "recorded_by",
                    "recorded_at",
                ],
            ),
            commitments: Table::new(
                "commitments",
                &[
                    "id",
                    "partnership_id",
                    "actor_id",
                    "version",
                    "status",
                    "due_on",
                    "details",
                    "created_at",
                    "updated_at",
                ],
            ),
            deliverables: Table::new(
                "deliverables",
                &[
                    "id",
                    "partnership_id",
                    "actor_id",
                    "version",
                    "kind",
                    "year",
                    "title",
                    "due_on",
                    "status",
                    "details",
                    "submitted_at",
                    "reviewed_at",
                    "created_at",
                    "updated_at",
                ],
            ),
            grants: Table::new(
                "grant_years",
                &[
                    "partnership_id",
                    "year",
                    "applied_cents",
                    "granted_cents",
                    "paid_cents",
                    "decision_reference",
                    "decided_on",
                ],
            ),
            supersede: Vec::new(),
        }
    }

    fn pending_rows(&self) -> usize {
        self.all().iter().map(|t| t.rows).sum()
    }

    fn all(&self) -> [&Table; 10] {
        [
            &self.partnerships,
            &self.parties,
            &self.tags,
            &self.events,
            &self.checklist,
            &self.agreements,
            &self.acceptances,
            &self.commitments,
            &self.deliverables,
            &self.grants,
        ]
    }

    async fn flush(&mut self, store: &Store) {
        let Tables {
            partnerships,
            parties,
            tags,
            events,
            checklist,
            agreements,
            acceptances,
            commitments,
            deliverables,
            grants,
            supersede,
        } = self;
        flush(
            store,
            &mut [
                partnerships,
                parties,
                tags,
                events,
                checklist,
                agreements,
                acceptances,
                commitments,
                deliverables,
                grants,
            ],
            supersede,
        )
        .await;
    }
}

/// One agreement version as the generator decides it, before it becomes rows.
struct Version {
    id: Uuid,
    valid_from: Date,
    valid_until: Option<Date>,
    notice_days: u16,
    /// How many of the accepting parties have accepted (all = accepted).
    accepted: usize,
    funder: Option<&'static str>,
    verdict: Option<&'static str>,
    superseded_by: Option<Uuid>,
}

struct Event {
    on: Date,
    kind: &'static str,
    data: Value,
}

/// Generates `count` partnerships and `commitments` commitments into the database at `url`
/// (which holds the generated register), then the benchmark's accounts.
pub async fn generate(url: &str, count: usize, commitments: usize, batch: usize) -> Generated {
    let store = Store::open(url).await.unwrap();
    let started = Instant::now();
    let anchor = anchor_day();
    let mut rng = Rng::new(SEED ^ 0x9A27);
    let register = register(&store, &mut rng).await;
    assert!(register.civic.len() > 100, "the register has too few actors for partnerships");
    let themes = zipf(THEMES.len(), 0.9);
    let target_groups = zipf(TARGET_GROUPS.len(), 0.9);
    let kinds = super::cumulative(KINDS.iter().map(|(_, w)| *w));
    let phases = super::cumulative(PHASES.iter().map(|(_, w)| *w));
    let mut per_partnership = vec![0usize; count];
    for _ in 0..commitments {
        per_partnership[rng.below(count)] += 1;
    }
    let mut party_count: HashMap<usize, usize> = HashMap::new();
    let mut tables = Tables::new();
    let mut total_rows = 0;
    let earliest = ymd(2018, Month::January, 1);
    let last_day = anchor - days(1);
    let due_from = ymd(2025, Month::January, 1);
    let due_to = ymd(2028, Month::December, 31);

    for (i, &commitment_count) in per_partnership.iter().enumerate() {
        let id = Uuid::now_v7();
        let kind = KINDS[rng.weighted(&kinds)].0;
        let phase = PHASES[rng.weighted(&phases)].0;
        let verbal = phase != Phase::Ended && rng.chance(0.08);

        // Parties: an organisation, usually its city or wellbeing services county as the
        // coordinator, a funder for conditional projects, and neighbours from the same place.
        let primary = if rng.chance(0.5) {
            register.active[rng.below(register.active.len())]
        } else {
            register.civic[rng.below(register.civic.len())]
        };
        let municipality = register.municipality_of(primary).map(str::to_owned);
        let region = register.region_of_actor(primary);
        let coordinator = match rng.below(100) {
            0..=74 => municipality.as_ref().and_then(|m| register.city.get(m)).copied(),
            75..=89 => region.as_ref().and_then(|r| register.county.get(r)).copied(),
            _ => None,
        };
        let funder_condition =
            (kind == "project" && !verbal && rng.chance(0.45)).then(|| *rng.pick(FUNDER_CONDITIONS));
        let mut parties: Vec<(usize, PartyRole)> = Vec::new();
        match coordinator {
            Some(c) => {
                parties.push((c, PartyRole::Coordinator));
                parties.push((primary, PartyRole::Party));
            }
            None => parties.push((primary, PartyRole::Coordinator)),
        }
        if funder_condition.is_some()
            && let Some(f) = region.as_ref().and_then(|r| register.funder.get(r))
        {
            parties.push((*f, PartyRole::Funder));
        }
        let wanted = rng.range(2, 4).max(parties.len());
        let neighbours = municipality.as_ref().and_then(|m| register.civic_by_municipality.get(m));
        let mut attempts = 0;
        while parties.len() < wanted && attempts < 20 {
            attempts += 1;
            let other = match neighbours {
                Some(list) if rng.chance(0.85) => list[rng.below(list.len())],
                _ => register.civic[rng.below(register.civic.len())],
            };
            if !parties.iter().any(|(a, _)| *a == other) {
                parties.push((other, PartyRole::Party));
            }
        }
        for (a, _) in &parties {
            *party_count.entry(*a).or_default() += 1;
        }

        // The record itself, through the domain's validation.
        let primary_actor = &register.actors[primary];
        let area = municipality.clone().or_else(|| region.clone()).unwrap_or_else(|| "Suomi".into());
        let name = match kind {
            "broad_development" => format!("Kehittämiskumppanuus: {}", primary_actor.name),
            "premises" => format!("Tilakumppanuus: {} – {}", primary_actor.name, rng.pick(PREMISES)),
            "project" => {
                let start = between(&mut rng, ymd(2019, Month::January, 1), anchor).year();
                format!("{} -hanke {start}–{}: {}", rng.pick(PROJECTS), start + 2, primary_actor.name)
            }
            _ => format!("Yhteistyösopimus: {}", primary_actor.name),
        };
        let mut theme_list: Vec<String> = Vec::new();
        for _ in 0..rng.range(1, 2) {
            if !primary_actor.themes.is_empty() {
                theme_list.push(rng.pick(&primary_actor.themes).clone());
            }
        }
        if theme_list.is_empty() || rng.chance(0.4) {
            theme_list.push(THEMES[rng.weighted(&themes)].to_owned());
        }
        let mut areas: Vec<String> = vec![area.clone()];
        for extra in &primary_actor.areas {
            if extra != &area && areas.len() < 3 && rng.chance(0.5) {
                areas.push(extra.clone());
            }
        }
        let groups: Vec<String> =
            (0..rng.range(1, 2)).map(|_| TARGET_GROUPS[rng.weighted(&target_groups)].to_owned()).collect();
        let mut private_fields = vec!["representatives".to_owned()];
        if rng.chance(0.1) {
            private_fields.push("staircase".into());
        }
        if rng.chance(0.05) {
            private_fields.extend(["themes".to_owned(), "areas".to_owned()]);
        }
        if rng.chance(0.05) {
            private_fields.push("party_commitments".into());
        }
        let party_inputs = parties
            .iter()
            .map(|(a, role)| {
                let actor = &register.actors[*a];
                let commitment = match role {
                    PartyRole::Coordinator => "Nimeää yhteyshenkilön, kutsuu ohjausryhmän koolle ja myöntää \
                                               sovitut tilat ja avustukset."
                        .to_owned(),
                    PartyRole::Funder => "Rahoittaa hanketta päätöksensä mukaisesti.".to_owned(),
                    PartyRole::Party => format!(
                        "{} järjestää sovitun toiminnan, raportoi kävijämäärät ja osallistuu ohjausryhmään.",
                        actor.name
                    ),
                };
                let representatives = if rng.chance(0.8) {
                    let first = *rng.pick(FIRST_NAMES);
                    let last = rng.pick(SURNAMES).0;
                    vec![RepresentativeInput {
                        name: format!("{first} {last}"),
                        title: (*rng.pick(TITLES)).to_owned(),
                        email: format!("{}.{}@example.fi", super::ascii_slug(first), super::ascii_slug(last)),
                    }]
                } else {
                    Vec::new()
                };
                PartyInput {
                    actor_id: actor.id.to_string(),
                    role: role.as_str().to_owned(),
                    commitment: if rng.chance(0.85) { commitment } else { String::new() },
                    representatives,
                }
            })
            .collect();
        let coordinator_name = &register.actors[parties[0].0].name;
        let input = PartnershipInput {
            name: name.clone(),
            description: if rng.chance(0.7) {
                format!(
                    "{} ja {} tekevät yhteistyötä alueella {area}. Painopisteinä ovat {}.",
                    coordinator_name,
                    primary_actor.name,
                    theme_list.join(" ja ")
                )
            } else {
                String::new()
            },
            kind: kind.to_owned(),
            depth: if rng.chance(0.7) {
                (*rng.pick(&["operational", "tactical", "strategic"])).into()
            } else {
                String::new()
            },
            steering: if rng.chance(0.6) {
                (*rng.pick(&["hierarchical", "market", "network"])).into()
            } else {
                String::new()
            },
            leadership: if rng.chance(0.5) {
                (*rng.pick(&["joint_leaders", "two_hats", "project_organisation", "integrated_structure"]))
                    .into()
            } else {
                String::new()
            },
            themes: theme_list.clone(),
            areas: areas.clone(),
            target_groups: groups.clone(),
            aim: format!(
                "Tavoitteena on vahvistaa toimintaa teemoilla {} alueella {area} ja tavoittaa kohderyhmä {} \
                 entistä paremmin yhdessä sovituin keinoin.",
                theme_list.join(", "),
                groups.join(", ")
            ),
            coordination: if rng.chance(0.8) {
                "Ohjausryhmä kokoontuu kahdesti vuodessa; yhteyshenkilöt vastaavat arjen yhteydenpidosta."
                    .into()
            } else {
                String::new()
            },
            information_flow: if rng.chance(0.75) {
                "Osapuolet kertovat ajankohtaisista asioista sähköpostitse ja kumppanuusfoorumissa; \
                 vuosiraportti toimitetaan maaliskuun loppuun mennessä."
                    .into()
            } else {
                String::new()
            },
            parties: party_inputs,
            verbal,
            private_fields: Some(private_fields),
            published: rng.chance(0.85),
        };
        let details = match input.validate(false) {
            Ok(details) => details,
            Err(e) => panic!("generated partnership {name} is not valid: {e:?}"),
        };

        // History: created, then the phase transitions that brought it where it is.
        let created = between(&mut rng, earliest, anchor - days(20));
        let mut events: Vec<Event> = vec![Event {
            on: created,
            kind: "created",
            data: json!({ "verbal": verbal, "phase": "exploration" }),
        }];
        let mut on = created;
        let step = |rng: &mut Rng, from: i64, to: i64, on: &mut Date| {
            *on = (*on + days(rng.range(from as usize, to as usize) as i64)).min(last_day);
            *on
        };
        let mut transitions: Vec<(PhaseEvent, Date)> = Vec::new();
        let mut launched = None;
        let mut last_decision = None;
        if phase != Phase::Exploration {
            transitions.push((PhaseEvent::Establish, step(&mut rng, 20, 200, &mut on)));
        }
        if matches!(phase, Phase::Implementation | Phase::EndingRenewal | Phase::Ended) {
            let launch = step(&mut rng, 30, 150, &mut on);
            launched = Some(launch);
            transitions.push((PhaseEvent::Launch, launch));
            // Most running partnerships have had an evaluation decision within the last year or two.
            if phase == Phase::Implementation && rng.chance(0.6) && (anchor - launch).whole_days() > 200 {
                let decided = (anchor - days(rng.range(10, 540) as i64)).max(launch + days(120));
                let evaluated = decided - days(rng.range(14, 60) as i64);
                transitions.push((PhaseEvent::Evaluate, evaluated.max(launch)));
                transitions.push((PhaseEvent::DecideContinue, decided));
                last_decision = Some(decided);
            }
        }
        if phase == Phase::EndingRenewal {
            let evaluated = (anchor - days(rng.range(5, 200) as i64)).max(on);
            transitions.push((PhaseEvent::Evaluate, evaluated));
        }
        if phase == Phase::Ended {
            let evaluated = step(&mut rng, 365, 1400, &mut on);
            transitions.push((PhaseEvent::Evaluate, evaluated));
            let decided = step(&mut rng, 14, 90, &mut on);
            transitions.push((PhaseEvent::DecideEnd, decided));
            last_decision = Some(decided);
        }
        let mut current = Phase::Exploration;
        for (event, day) in &transitions {
            let to = current.apply(*event).unwrap();
            let transition = Transition { event: *event, from: current, to, decided_on: *day, note: None };
            events.push(Event {
                on: *day,
                kind: "transition",
                data: serde_json::to_value(&transition).unwrap(),
            });
            current = to;
        }
        assert_eq!(current, phase);
        let first_history = transitions.first().map_or(created, |(_, d)| *d);
        let evaluation_due_on = (phase != Phase::Ended).then(|| evaluation_due(last_decision, first_history));
        let staircase = rng.chance(0.7).then(|| [2u8, 3, 3, 4, 4, 4, 5, 5, 6][rng.below(9)]);
        if let Some(level) = staircase {
            let day = launched.unwrap_or(created);
            events.push(Event {
                on: day,
                kind: "staircase",
                data: json!({ "from": null, "to": level, "note": null }),
            });
        }

        // Agreements: none for verbal ones; drafts while exploring, signatures gathering while
        // establishing, versions renewed while running, ended ones expired.
        let mut versions: Vec<Version> = Vec::new();
        let accepting =
            parties.iter().filter(|(_, r)| !(*r == PartyRole::Funder && funder_condition.is_some())).count();
        let duration = |rng: &mut Rng| -> Option<i64> {
            (!rng.chance(0.25)).then(|| 365 * rng.range(2, 4) as i64 + rng.range(0, 120) as i64)
        };
        let notice = |rng: &mut Rng| -> u16 { [90u16, 90, 90, 60, 120, 180][rng.below(6)] };
        let version = |rng: &mut Rng, from: Date, until: Option<Date>, accepted: usize| Version {
            id: Uuid::now_v7(),
            valid_from: from,
            valid_until: until,
            notice_days: notice(rng),
            accepted,
            funder: funder_condition,
            verdict: funder_condition.map(|_| "positive"),
            superseded_by: None,
        };
        if !verbal {
            match phase {
                Phase::Exploration => {
                    if rng.chance(0.2) {
                        let from = anchor + days(rng.range(30, 150) as i64);
                        let until = duration(&mut rng).map(|d| from + days(d));
                        let mut v = version(&mut rng, from, until, 0);
                        v.verdict = None;
                        versions.push(v);
                    }
                }
                Phase::Establishment => {
                    let from = anchor + days(rng.range(0, 150) as i64) - days(30);
                    let until = duration(&mut rng).map(|d| from + days(d));
                    let accepted = if rng.chance(0.6) { rng.below(accepting) } else { accepting };
                    let mut v = version(&mut rng, from, until, accepted);
                    if accepted < accepting || rng.chance(0.5) {
                        v.verdict = None;
                    }
                    versions.push(v);
                }
                Phase::Implementation | Phase::EndingRenewal | Phase::Ended => {
                    let mut from = launched.unwrap_or(created);
                    loop {
                        let mut until = duration(&mut rng).map(|d| from + days(d));
                        let expired = until.is_some_and(|u| u < anchor);
                        let last =
                            !expired || versions.len() >= 3 || phase == Phase::Ended && rng.chance(0.5);
                        if last {
                            match phase {
                                Phase::EndingRenewal => {
                                    let end = anchor + days(rng.range(0, 200) as i64) - days(20);
                                    until = Some(end.max(from + days(30)));
                                }
                                Phase::Ended => {
                                    let ended = last_decision.unwrap_or(last_day);
                                    until = Some(until.map_or(ended, |u| u.min(ended)).max(from));
                                }
                                _ => {}
                            }
                        }
                        let v = version(&mut rng, from, until, accepting);
                        if let Some(previous) = versions.last_mut() {
                            previous.superseded_by = Some(v.id);
                        }
                        let next_from = until.map(|u| u + days(1));
                        versions.push(v);
                        match next_from {
                            Some(next) if !last => from = next,
                            _ => break,
                        }
                    }
                    let newest = versions.last_mut().unwrap();
                    // A project still waiting for its funder's decision, or (rarely) refused.
                    if newest.funder.is_some() && phase != Phase::Ended {
                        match rng.below(100) {
                            0..=29 => newest.verdict = None,
                            30..=33 => newest.verdict = Some("negative"),
                            _ => {}
                        }
                    }
                    // An amendment under way: its signatures are still being gathered.
                    if phase == Phase::Implementation && rng.chance(0.06) {
                        let from = anchor + days(rng.range(10, 90) as i64);
                        let until = versions.last().unwrap().valid_until.map(|u| u.max(from) + days(365));
                        let accepted = rng.below(accepting);
                        let mut v = version(&mut rng, from, until, accepted);
                        v.verdict = None;
                        versions.push(v);
                    }
                }
            }
        }

        // Agreement rows, acceptance rows and their timeline lines.
        let party_ids: Vec<Uuid> = details.parties.iter().map(|p| p.actor_id).collect();
        let mut previous_ids: Vec<Uuid> = Vec::new();
        let mut in_force_validity: Option<(Date, Option<Date>)> = None;
        let mut newest_validity: Option<(Date, Option<Date>)> = None;
        for (n, v) in versions.iter().enumerate() {
            let input = AgreementInput {
                kind: if n == 0 {
                    "original"
                } else if v.superseded_by.is_none() && v.accepted < accepting {
                    "amendment"
                } else {
                    "renewal"
                }
                .into(),
                previous_id: previous_ids.last().map(Uuid::to_string).unwrap_or_default(),
                valid_from: v.valid_from.to_string(),
                valid_until: v.valid_until.map(|d| d.to_string()).unwrap_or_default(),
                notice_days: v.notice_days.to_string(),
                funder_condition: v.funder.unwrap_or_default().into(),
                ..AgreementInput::from_partnership(&details, if rng.chance(0.95) { "fi" } else { "sv" })
            };
            let agreement = match input.validate(&details, &previous_ids) {
                Ok(a) => a,
                Err(e) => panic!("generated agreement of {name} is not valid: {e:?}"),
            };
            let drafted = (v.valid_from - days(rng.range(20, 90) as i64)).clamp(created, last_day);
            let accepting_ids = agreement.accepting_parties();
            let mut accepted_days = Vec::new();
            for (position, actor) in accepting_ids.iter().enumerate() {
                let accepted_on =
                    (position < v.accepted).then(|| (drafted + days(rng.range(3, 40) as i64)).min(last_day));
                let method = accepted_on.map(|_| if rng.chance(0.6) { "paper" } else { "in_app" });
                if let Some(day) = accepted_on {
                    accepted_days.push(day);
                    events.push(Event {
                        on: day,
                        kind: "accepted",
                        data: json!({ "agreement_id": v.id, "number": n + 1, "actor_id": actor, "method": method }),
                    });
                }
                let recorded_at = accepted_on.map(|d| at(&mut rng, d));
                tables.acceptances.row([
                    Val::Id(v.id),
                    Val::Id(*actor),
                    Val::I32(position as i32),
                    Val::OptDay(accepted_on),
                    Val::OptText(method.map(str::to_owned)),
                    Val::OptId(None),
                    Val::OptTs(recorded_at),
                ]);
            }
            let all_accepted = v.accepted >= accepting_ids.len();
            let accepted_on = all_accepted.then(|| accepted_days.iter().max().copied().unwrap_or(drafted));
            let decided_on = match (v.verdict, accepted_on) {
                (Some(_), Some(day)) => Some((day + days(rng.range(10, 60) as i64)).min(last_day)),
                (Some(_), None) => Some((drafted + days(rng.range(10, 60) as i64)).min(last_day)),
                _ => None,
            };
            let verdict = v.verdict.filter(|_| v.funder.is_some());
            let reference = verdict.map(|_| format!("{}/{:04}", v.valid_from.year(), rng.below(10_000)));
            if let (Some(verdict), Some(day)) = (verdict, decided_on) {
                events.push(Event {
                    on: day,
                    kind: "funder_decision",
                    data: json!({ "agreement_id": v.id, "number": n + 1, "verdict": verdict, "reference": reference }),
                });
            }
            let in_force = all_accepted && (v.funder.is_none() || verdict == Some("positive"));
            if in_force {
                let day = decided_on.or(accepted_on).unwrap_or(drafted);
                events.push(Event {
                    on: day,
                    kind: "in_force",
                    data: json!({ "agreement_id": v.id, "number": n + 1 }),
                });
                in_force_validity = Some((v.valid_from, v.valid_until));
            }
            newest_validity = Some((v.valid_from, v.valid_until));
            events.push(Event {
                on: drafted,
                kind: "agreement_created",
                data: json!({ "agreement_id": v.id, "number": n + 1, "kind": agreement.kind.as_str(), "title": agreement.title }),
            });
            let notice_from = v.valid_until.map(|u| u - days(i64::from(v.notice_days)));
            let created_at = at(&mut rng, drafted);
            tables.agreements.row([
                Val::Id(v.id),
                Val::Id(id),
                Val::I32(n as i32 + 1),
                Val::OptId(previous_ids.last().copied()),
                Val::OptId(None),
                Val::Day(v.valid_from),
                Val::OptDay(v.valid_until),
                Val::OptDay(notice_from),
                Val::OptDay(accepted_on),
                Val::Bool(v.funder.is_some()),
                Val::OptText(verdict.map(str::to_owned)),
                Val::OptDay(decided_on.filter(|_| verdict.is_some())),
                Val::OptText(reference),
                Val::Json(serde_json::to_value(&agreement).unwrap()),
                Val::Ts(created_at),
                Val::OptId(None),
            ]);
            if let Some(by) = v.superseded_by {
                tables.supersede.push((v.id, by));
            }
            previous_ids.push(v.id);
        }
        let validity =
            in_force_validity.or(newest_validity).map_or((None, None), |(from, until)| (Some(from), until));

        // Commitments: due dates spread over 2025–2028, mostly done once their day has passed.
        let mut commitment_titles = Vec::new();
        for _ in 0..commitment_count {
            let due_on = rng.chance(0.92).then(|| between(&mut rng, due_from, due_to));
            let yearly = due_on.is_some() && rng.chance(0.15);
            let status = match due_on {
                Some(due) if due < anchor => match rng.below(100) {
                    0..=74 => CommitmentStatus::Done,
                    75..=79 => CommitmentStatus::Dropped,
                    80..=89 => CommitmentStatus::InProgress,
                    _ => CommitmentStatus::NotStarted,
                },
                Some(_) => match rng.below(100) {
                    0..=59 => CommitmentStatus::NotStarted,
                    60..=94 => CommitmentStatus::InProgress,
                    _ => CommitmentStatus::Done,
                },
                None => match rng.below(100) {
                    0..=29 => CommitmentStatus::NotStarted,
                    30..=79 => CommitmentStatus::InProgress,
                    _ => CommitmentStatus::Done,
                },
            };
            // A yearly commitment marked done has moved on to its next occurrence.
            let (due_on, status) = match (yearly, status, due_on) {
                (true, CommitmentStatus::Done, Some(mut due)) => {
                    while due < anchor {
                        due = same_day_next_year(due);
                    }
                    (Some(due), CommitmentStatus::NotStarted)
                }
                _ => (due_on, status),
            };
            let title = *rng.pick(COMMITMENTS);
            let input = CommitmentInput {
                actor_id: if rng.chance(0.65) {
                    party_ids[rng.below(party_ids.len())].to_string()
                } else {
                    String::new()
                },
                title: title.into(),
                description: if rng.chance(0.3) {
                    format!("{title}: sovittu ohjausryhmässä, vastuu jaetaan osapuolten kesken.")
                } else {
                    String::new()
                },
                due_on: due_on.map(|d| d.to_string()).unwrap_or_default(),
                yearly,
                owner: if rng.chance(0.5) { (*rng.pick(OWNERS)).into() } else { String::new() },
                status: status.as_str().into(),
                evidence: if status == CommitmentStatus::Done && rng.chance(0.5) {
                    "Pöytäkirja ja osallistujalista tallennettu.".into()
                } else {
                    String::new()
                },
                notes: if rng.chance(0.1) {
                    "Aikataulusta sovitaan tarkemmin seuraavassa kokouksessa.".into()
                } else {
                    String::new()
                },
            };
            let commitment = match input.validate(&party_ids) {
                Ok(c) => c,
                Err(e) => panic!("generated commitment of {name} is not valid: {e:?}"),
            };
            let cid = Uuid::now_v7();
            let added = between(&mut rng, created, last_day);
            let created_at = at(&mut rng, added);
            let updated_on = between(&mut rng, added, last_day);
            let updated_at = at(&mut rng, updated_on).max(created_at);
            if commitment_titles.len() < 3 {
                events.push(Event {
                    on: added,
                    kind: "commitment_added",
                    data: json!({ "commitment_id": cid, "title": title }),
                });
                commitment_titles.push(title);
            }
            tables.commitments.row([
                Val::Id(cid),
                Val::Id(id),
                Val::OptId(commitment.actor_id),
                Val::I64(if status == CommitmentStatus::NotStarted { 1 } else { 2 }),
                Val::Text(commitment.status.as_str().into()),
                Val::OptDay(commitment.due_on),
                Val::Json(serde_json::to_value(&commitment).unwrap()),
                Val::Ts(created_at),
                Val::Ts(updated_at),
            ]);
        }

        // Deliverables: the yearly cycle of broad development partnerships in force, and
        // reports some projects owe their funders.
        let organisation =
            details.parties.iter().find(|p| p.role != PartyRole::Coordinator).map(|p| p.actor_id);
        let in_force_now = validity.0.is_some_and(|from| from <= anchor)
            && validity.1.is_none_or(|until| until >= anchor)
            && matches!(phase, Phase::Implementation | Phase::EndingRenewal);
        let mut deliverables: Vec<(&'static str, Option<i32>, String, Date)> = Vec::new();
        if kind == "broad_development" && in_force_now {
            for year in [anchor.year() - 1, anchor.year()] {
                deliverables.push((
                    "grant_report",
                    Some(year - 1),
                    String::new(),
                    ymd(year, Month::March, 31),
                ));
                deliverables.push((
                    "action_plan",
                    Some(year + 1),
                    String::new(),
                    ymd(year, Month::September, 30),
                ));
            }
            for year in [anchor.year() - 2, anchor.year() - 1, anchor.year()] {
                let applied = rng.range(20, 120) as i64 * 1000 * 100;
                let granted = applied * rng.range(60, 100) as i64 / 100;
                let decided = ymd(year - 1, Month::December, 1) + days(rng.range(0, 20) as i64);
                let paid = if year < anchor.year() { Some(granted) } else { Some(granted / 2) };
                tables.grants.row([
                    Val::Id(id),
                    Val::I32(year),
                    Val::OptI64(Some(applied)),
                    Val::OptI64(Some(granted)),
                    Val::OptI64(paid),
                    Val::OptText(Some(format!("Hyvinvointilautakunta {}/§{}", year - 1, rng.range(1, 300)))),
                    Val::OptDay(Some(decided)),
                ]);
            }
        }
        if kind == "project" && rng.chance(0.4) {
            for title in ["Hankkeen väliraportti", "Loppuraportti rahoittajalle"].iter().take(rng.range(1, 2))
            {
                deliverables.push((
                    "general",
                    None,
                    (*title).to_owned(),
                    between(&mut rng, due_from, due_to),
                ));
            }
        }
        for (kind, year, title, due_on) in deliverables {
            let status = if due_on < anchor - days(60) {
                match rng.below(100) {
                    0..=91 => "accepted",
                    92..=94 => "submitted",
                    95..=96 => "returned",
                    _ => "open",
                }
            } else if due_on < anchor {
                match rng.below(100) {
                    0..=59 => "accepted",
                    60..=79 => "submitted",
                    80..=84 => "returned",
                    _ => "open",
                }
            } else if rng.chance(0.85) {
                "open"
            } else {
                "submitted"
            };
            let plan = kind == "action_plan";
            let submitted = status != "open";
            let body = json!({
                "text": submitted.then_some("Toiminta toteutui suunnitelman mukaisesti; kävijämäärät kasvoivat."),
                "budget_lines": if plan && submitted {
                    vec![
                        BudgetLine { description: "Henkilöstökulut".into(), amount_cents: rng.range(20, 60) as i64 * 100_000 },
                        BudgetLine { description: "Toimitilat".into(), amount_cents: rng.range(2, 12) as i64 * 100_000 },
                    ]
                } else {
                    Vec::new()
                },
                "indicators": if plan && submitted {
                    vec![Indicator { name: "Kävijäkerrat".into(), kind: IndicatorKind::Volume, target: "6 000".into() }]
                } else {
                    Vec::new()
                },
                "review_comment": (status == "returned").then_some("Täydennä talousarvion erittely."),
            });
            let submitted_on = (due_on - days(rng.range(0, 20) as i64)).min(last_day);
            let submitted_at = submitted.then(|| at(&mut rng, submitted_on));
            let reviewed_at = matches!(status, "accepted" | "returned").then(|| {
                let reviewed_on = (submitted_on + days(rng.range(3, 30) as i64)).min(last_day);
                at(&mut rng, reviewed_on)
            });
            let created_at = at(&mut rng, (due_on - days(200)).clamp(created, last_day));
            let updated_at = reviewed_at.or(submitted_at).unwrap_or(created_at).max(created_at);
            tables.deliverables.row([
                Val::Id(Uuid::now_v7()),
                Val::Id(id),
                Val::OptId(organisation),
                Val::I64(match status {
                    "open" => 1,
                    "submitted" => 2,
                    _ => 3,
                }),
                Val::Text(kind.into()),
                Val::OptI32(year),
                Val::Text(title),
                Val::Day(due_on),
                Val::Text(status.into()),
                Val::Json(body),
                Val::OptTs(submitted_at),
                Val::OptTs(reviewed_at),
                Val::Ts(created_at),
                Val::Ts(updated_at),
            ]);
        }

        // The phase checklist as far as the partnership has got with it.
        let checklist = phase.checklist();
        if !checklist.is_empty() && rng.chance(0.5) {
            let done = rng.range(1, checklist.len());
            for code in &checklist[..done] {
                let ticked = between(&mut rng, on.min(last_day), last_day);
                tables.checklist.row([
                    Val::Id(id),
                    Val::Text(phase.as_str().into()),
                    Val::Text((*code).into()),
                    Val::Bool(true),
                    Val::OptText(rng.chance(0.3).then(|| "Käsitelty ohjausryhmässä.".to_owned())),
                    Val::Ts(at(&mut rng, ticked)),
                    Val::OptId(None),
                ]);
            }
        }

        // Parties, tags, timeline and finally the record.
        for (position, party) in details.parties.iter().enumerate() {
            tables.parties.row([
                Val::Id(id),
                Val::Id(party.actor_id),
                Val::Text(party.role.as_str().into()),
                Val::I32(position as i32),
            ]);
        }
        let mut seen_tags = HashSet::new();
        for (tag_kind, values, field) in [
            ("theme", &details.themes, PartnershipField::Themes),
            ("area", &details.areas, PartnershipField::Areas),
            ("target_group", &details.target_groups, PartnershipField::TargetGroups),
        ] {
            let public = !details.private_fields.contains(&field);
            for value in values {
                let norm = normalise(value);
                if seen_tags.insert((tag_kind, norm.clone())) {
                    tables.tags.row([
                        Val::Id(id),
                        Val::Text(tag_kind.into()),
                        Val::Text(norm),
                        Val::Text(value.clone()),
                        Val::Bool(public),
                    ]);
                }
            }
        }
        events.sort_by_key(|e| e.on);
        let mut updated_at = at(&mut rng, created);
        for event in &events {
            let stamp = at(&mut rng, event.on);
            updated_at = updated_at.max(stamp);
            tables.events.row([
                Val::Id(Uuid::now_v7()),
                Val::Id(id),
                Val::Ts(stamp),
                Val::Day(event.on),
                Val::OptId(None),
                Val::Text(event.kind.into()),
                Val::Json(event.data.clone()),
            ]);
        }
        let archived_at = rng.chance(0.02).then(|| at(&mut rng, last_day));
        tables.partnerships.row([
            Val::Id(id),
            Val::I64(1 + transitions.len() as i64),
            Val::Text(details.name.clone()),
            Val::Text(sort_key(&details.name)),
            Val::Text(details.kind.as_str().into()),
            Val::Text(phase.as_str().into()),
            Val::OptI32(staircase.map(i32::from)),
            Val::Bool(!details.private_fields.contains(&PartnershipField::Staircase)),
            Val::Bool(details.verbal),
            Val::Bool(details.published),
            Val::Bool(false),
            Val::OptDay(validity.0),
            Val::OptDay(validity.1),
            Val::OptDay(last_decision),
            Val::OptDay(evaluation_due_on),
            Val::Json(serde_json::to_value(&details).unwrap()),
            Val::Ts(at(&mut rng, created)),
            Val::Ts(updated_at),
            Val::OptTs(archived_at),
        ]);

        if (i + 1) % batch == 0 || i + 1 == count {
            total_rows += tables.pending_rows();
            tables.flush(&store).await;
            if (i + 1) % 10_000 == 0 || i + 1 == count {
                let elapsed = started.elapsed().as_secs_f64();
                eprintln!(
                    "  generated {:>6} partnerships ({} rows) in {elapsed:6.1} s",
                    i + 1,
                    super::thousands(total_rows as i64)
                );
            }
        }
    }

    // Caches in every process notice bulk-loaded records by this counter.
    on_db!(&store.db, |pool| {
        sqlx::query("UPDATE change_counters SET value = value + 1 WHERE name = 'partnerships'")
            .execute(pool)
            .await
            .map(|_| ())
            .unwrap();
    });
    add_accounts(&store, &register, &party_count, &mut rng).await;
    let seconds = started.elapsed().as_secs_f64();
    if let Db::Sqlite(pool) = &store.db {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await.unwrap();
    }
    store.close().await;
    Generated { seconds, rows: total_rows }
}

/// Staff accounts, and members of organisations with few, some and many partnerships.
async fn add_accounts(
    store: &Store,
    register: &Register,
    party_count: &HashMap<usize, usize>,
    rng: &mut Rng,
) {
    let change = Change { user_id: None, now: Timestamp::new(time::OffsetDateTime::now_utc()) };
    let account = |email: String, role: Role, actor_ids: Vec<Uuid>| accounts::NewAccount {
        display_name: email.split('@').next().unwrap().replace('.', " "),
        email,
        password: PASSWORD.into(),
        password_again: PASSWORD.into(),
        role: role.as_str().into(),
        actor_ids,
    };
    for i in 0..STAFF_USERS {
        accounts::create_user(store, None, &account(staff_email(i), Role::Staff, Vec::new()), change)
            .await
            .unwrap();
    }
    let mut by_count: Vec<(usize, usize)> = party_count.iter().map(|(a, n)| (*a, *n)).collect();
    by_count.sort_unstable();
    let civic = |a: &usize| CIVIC.contains(&register.actors[*a].sector.as_str());
    let small: Vec<usize> =
        by_count.iter().filter(|(a, n)| civic(a) && (1..=5).contains(n)).map(|(a, _)| *a).collect();
    let medium: Vec<usize> =
        by_count.iter().filter(|(a, n)| civic(a) && (6..=60).contains(n)).map(|(a, _)| *a).collect();
    let mut large: Vec<usize> = by_count
        .iter()
        .filter(|(a, n)| {
            *n > 60 && matches!(register.actors[*a].sector.as_str(), "wellbeing_services_county" | "funder")
        })
        .map(|(a, _)| *a)
        .collect();
    if large.is_empty() {
        large = medium.clone();
    }
    for i in 0..MEMBER_USERS {
        let pool = match i * 10 / MEMBER_USERS {
            0..=6 => &small,
            7..=8 => &medium,
            _ => &large,
        };
        let pool = if pool.is_empty() { &small } else { pool };
        let mut actors = vec![register.actors[pool[rng.below(pool.len())]].id];
        if pool.len() > 1 && rng.chance(0.2) {
            let other = register.actors[pool[rng.below(pool.len())]].id;
            if other != actors[0] {
                actors.push(other);
            }
        }
        accounts::create_user(store, None, &account(member_email(i), Role::Member, actors), change)
            .await
            .unwrap();
    }
}

/// Facts about the partnership layer for the report.
pub const FACTS: &[(&str, &str)] = &[
    ("partnerships", "SELECT COUNT(*) FROM partnerships"),
    ("live", "SELECT COUNT(*) FROM partnerships WHERE archived_at IS NULL"),
    ("verbal", "SELECT COUNT(*) FROM partnerships WHERE verbal = TRUE"),
    ("party rows", "SELECT COUNT(*) FROM partnership_parties"),
    ("tag rows", "SELECT COUNT(*) FROM partnership_tags"),
    ("timeline events", "SELECT COUNT(*) FROM partnership_events"),
    ("agreements", "SELECT COUNT(*) FROM agreements"),
    ("acceptance rows", "SELECT COUNT(*) FROM agreement_acceptances"),
    ("funder-conditional", "SELECT COUNT(*) FROM agreements WHERE funder_condition = TRUE"),
    ("commitments", "SELECT COUNT(*) FROM commitments"),
    ("open commitments", "SELECT COUNT(*) FROM commitments WHERE status IN ('not_started', 'in_progress')"),
    ("deliverables", "SELECT COUNT(*) FROM deliverables"),
    ("grant years", "SELECT COUNT(*) FROM grant_years"),
];

// ---------------------------------------------------------------------------------------------
// What the benchmark asks of it

use kumppani::store::attention::AttentionScope;
use kumppani::store::partnerships::{ListScope, PartnershipQuery};
use kumppani_domain::partnership::PartnershipKind;

use super::{Endpoint, Viewer};

/// Words people look partnerships up by: kinds of organisation, project names, places.
const TEXT_QUERIES: &[&str] = &[
    "eläkeläiset",
    "nuorisoseura",
    "martat",
    "kyläyhdistys",
    "asukasyhdistys",
    "muistiyhdistys",
    "vanhempainyhdistys",
    "seurakunta",
    "säätiö",
    "kehittämiskumppanuus",
    "tilakumppanuus",
    "nuorisotila",
    "asukastupa",
    "ei yksin",
    "liikkeelle",
    "muistikylä",
    "kotona hyvin",
    "vertaisvoimaa",
    "kuopion",
    "tampereen",
    "oulun",
    "jyväskylän",
    "varissuon",
    "hervannan",
];

fn list_query(
    text: Option<&str>,
    kind: Option<&str>,
    phase: Option<Phase>,
    theme: Option<&str>,
    area: Option<&str>,
) -> PartnershipQuery {
    PartnershipQuery {
        text: text.map(str::to_owned),
        kind: kind.and_then(PartnershipKind::parse),
        phase,
        theme: theme.map(str::to_owned),
        area: area.map(str::to_owned),
        offset: 0,
        limit: 25,
        ..PartnershipQuery::default()
    }
}

/// List URLs with the same queries for the store.
pub type Lists = Vec<(String, PartnershipQuery)>;

/// The list URLs and the same queries for the store: kind and theme (sometimes a phase), and
/// text alone or with an area.
pub fn list_queries() -> (Lists, Lists) {
    let mut rng = Rng::new(SEED ^ 0x7A57);
    let themes = zipf(THEMES.len(), 0.9);
    let kinds = super::cumulative(KINDS.iter().map(|(_, w)| *w));
    let municipalities = municipalities();
    let by_population = super::cumulative(municipalities.iter().map(|m| f64::from(m.population)));
    let filtered = (0..200)
        .map(|_| {
            let kind = KINDS[rng.weighted(&kinds)].0;
            let theme = THEMES[rng.weighted(&themes)];
            let phase = rng.chance(0.2).then_some(Phase::Implementation);
            let mut pairs = vec![("kind", kind), ("theme", theme)];
            if let Some(phase) = phase {
                pairs.push(("phase", phase.as_str()));
            }
            (
                format!("/partnerships?{}", super::query(&pairs)),
                list_query(None, Some(kind), phase, Some(theme), None),
            )
        })
        .collect();
    let search = (0..100)
        .map(|_| {
            let text = *rng.pick(TEXT_QUERIES);
            if rng.chance(0.5) {
                (
                    format!("/partnerships?{}", super::query(&[("q", text)])),
                    list_query(Some(text), None, None, None, None),
                )
            } else {
                let area = municipalities[rng.weighted(&by_population)].place.name;
                (
                    format!("/partnerships?{}", super::query(&[("q", text), ("area", area)])),
                    list_query(Some(text), None, None, None, Some(area)),
                )
            }
        })
        .collect();
    (filtered, search)
}

/// The new endpoints; `ids` are live partnerships to visit.
pub fn endpoints(
    ids: &[Uuid],
    filtered: &[(String, PartnershipQuery)],
    search: &[(String, PartnershipQuery)],
) -> Vec<Endpoint> {
    let urls = |list: &[(String, PartnershipQuery)]| {
        std::sync::Arc::new(list.iter().map(|(u, _)| u.clone()).collect::<Vec<_>>())
    };
    let mut rng = Rng::new(SEED ^ 0xCA7A);
    let kinds = super::cumulative(KINDS.iter().map(|(_, w)| *w));
    let public: Vec<String> =
        std::iter::once("/partnerships".to_owned())
            .chain((0..20).map(|_| {
                format!("/partnerships?{}", super::query(&[("kind", KINDS[rng.weighted(&kinds)].0)]))
            }))
            .collect();
    vec![
        Endpoint {
            key: "partnerships",
            label: "public partnership list `/partnerships[?kind=…]`".into(),
            urls: std::sync::Arc::new(public),
            targeted: true,
            viewer: Viewer::Anonymous,
        },
        Endpoint {
            key: "partnerships-filtered",
            label: "staff: partnerships `?kind=…&theme=…[&phase=…]`".into(),
            urls: urls(filtered),
            targeted: true,
            viewer: Viewer::Staff,
        },
        Endpoint {
            key: "partnerships-search",
            label: "staff: partnerships `?q=…[&area=…]`".into(),
            urls: urls(search),
            targeted: true,
            viewer: Viewer::Staff,
        },
        Endpoint {
            key: "partnership",
            label: "staff: partnership page `/partnerships/{id}`".into(),
            urls: std::sync::Arc::new(ids.iter().map(|id| format!("/partnerships/{id}")).collect()),
            targeted: true,
            viewer: Viewer::Staff,
        },
        Endpoint {
            key: "attention",
            label: "staff: attention list `/attention` (city-wide)".into(),
            urls: std::sync::Arc::new(vec!["/attention".into()]),
            targeted: true,
            viewer: Viewer::Staff,
        },
        Endpoint {
            key: "attention-member",
            label: "member: attention list `/attention` (own actors)".into(),
            urls: std::sync::Arc::new(vec!["/attention".into()]),
            targeted: true,
            viewer: Viewer::Member,
        },
    ]
}

/// What the run copy holds, measured straight through the store before the server starts.
pub struct Probe {
    pub ids: Vec<Uuid>,
    pub lines: Vec<String>,
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

async fn bump(store: &Store) {
    on_db!(&store.db, |pool| {
        sqlx::query("UPDATE change_counters SET value = value + 1 WHERE name = 'partnerships'")
            .execute(pool)
            .await
            .map(|_| ())
            .unwrap();
    });
}

pub async fn probe(
    url: &str,
    filtered: &[(String, PartnershipQuery)],
    search: &[(String, PartnershipQuery)],
) -> Probe {
    let store = Store::open(url).await.unwrap();
    let mut lines = Vec::new();
    let mut facts = String::from("-");
    for (name, sql) in FACTS {
        let value: i64 =
            on_db!(&store.db, |pool| sqlx::query_scalar::<_, i64>(*sql).fetch_one(pool).await.unwrap());
        facts.push_str(&format!(" {name}: {} ·", super::thousands(value)));
    }
    lines.push(facts.trim_end_matches(" ·").to_owned());
    let ids: Vec<Uuid> = on_db!(&store.db, |pool| {
        sqlx::query_scalar::<_, Uuid>("SELECT id FROM partnerships WHERE archived_at IS NULL ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap()
    });
    let mut rng = Rng::new(SEED ^ 0x5A3);
    let sample: Vec<Uuid> = (0..2000.min(ids.len())).map(|_| ids[rng.below(ids.len())]).collect();

    // List sizes and the store's own time for them (twice; the second is reported).
    for (label, queries) in [
        ("filtered by kind and theme (first 20)", &filtered[..20.min(filtered.len())]),
        ("text search", search),
    ] {
        let mut totals = Vec::new();
        let mut ms = Vec::new();
        let mut name_ms = Vec::new();
        for (_, query) in queries {
            let _ = store.list_partnerships(query, &ListScope::Everything).await.unwrap();
            let started = Instant::now();
            let page = store.list_partnerships(query, &ListScope::Everything).await.unwrap();
            ms.push(started.elapsed().as_secs_f64() * 1000.0);
            totals.push(page.total as f64);
            // The page's parties, as the list reads their names.
            let mut parties: Vec<Uuid> = page.partnerships.iter().flat_map(|p| p.parties.clone()).collect();
            parties.sort();
            parties.dedup();
            let started = Instant::now();
            let _ = store.actor_names(&parties).await.unwrap();
            name_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        let max_ms = ms.iter().copied().fold(0.0, f64::max);
        let max_total = totals.iter().copied().fold(0.0, f64::max);
        let min_total = totals.iter().copied().fold(f64::INFINITY, f64::min);
        lines.push(format!(
            "- partnership lists {label}, staff: results min {} · median {} · max {}; store query {:.2} ms median, {max_ms:.1} ms max; then the parties' names from the register index: {:.3} ms median",
            min_total,
            median(&mut totals),
            max_total,
            median(&mut ms),
            median(&mut name_ms)
        ));
    }

    // The attention list, computed afresh as after any change to partnership records.
    let today = kumppani::clock::finnish_date(time::OffsetDateTime::now_utc());
    let mut staff_ms = Vec::new();
    let mut counts = String::new();
    for _ in 0..3 {
        bump(&store).await;
        let started = Instant::now();
        let list = store.attention(&AttentionScope::Everything, today).await.unwrap();
        staff_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        counts = list
            .counts
            .iter()
            .map(|(k, n)| format!("{} {}", k.as_str(), super::thousands(*n)))
            .collect::<Vec<_>>()
            .join(" · ");
    }
    lines.push(format!("- attention list on {today}, city-wide: {counts}"));
    let members: Vec<(String, Uuid)> = on_db!(&store.db, |pool| {
        sqlx::query_as(
            "SELECT u.email, ua.actor_id FROM users u JOIN user_actors ua ON ua.user_id = u.id
             WHERE u.email LIKE 'bench.member%' ORDER BY u.email, ua.actor_id",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    });
    let mut scopes: Vec<Vec<Uuid>> = Vec::new();
    let mut last = String::new();
    for (email, actor) in members {
        if email != last {
            scopes.push(Vec::new());
            last = email;
        }
        scopes.last_mut().unwrap().push(actor);
    }
    let mut member_ms = Vec::new();
    let mut member_lines = Vec::new();
    let mut member_partnerships = Vec::new();
    for scope in &scopes {
        let mut scope = scope.clone();
        scope.sort();
        let partnerships: i64 = on_db!(&store.db, |pool| {
            let placeholders = (1..=scope.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
            let sql = format!(
                "SELECT COUNT(DISTINCT partnership_id) FROM partnership_parties WHERE actor_id IN ({placeholders})"
            );
            let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
            for id in &scope {
                query = query.bind(*id);
            }
            query.fetch_one(pool).await.unwrap()
        });
        member_partnerships.push(partnerships as f64);
        bump(&store).await;
        let started = Instant::now();
        let list = store.attention(&AttentionScope::Actors(scope), today).await.unwrap();
        member_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        member_lines.push(list.counts.iter().map(|(_, n)| *n).sum::<i64>() as f64);
    }
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    lines.push(format!(
        "- computing it afresh (after any change to partnership records; otherwise cached): city-wide {:.0} ms (best of 3) · {} members with {} partnerships (median; max {}) and {} lines (median; max {}): {:.0} ms median, {:.0} ms max",
        staff_ms.iter().copied().fold(f64::INFINITY, f64::min),
        scopes.len(),
        median(&mut member_partnerships.clone()),
        max(&member_partnerships),
        median(&mut member_lines.clone()),
        max(&member_lines),
        median(&mut member_ms.clone()),
        max(&member_ms)
    ));
    store.close().await;
    Probe { ids: sample, lines }
}
