//! Load benchmark at national scale: generates a deterministic register of Finnish actors
//! (100,000 by default) through the real store code, starts the release server on it and
//! measures the public catalogue, a filtered list, full-text search, actor pages with similar
//! actors and the JSON API under a closed-loop load of concurrent clients; then the time to
//! import the same register as CSV, where `kumppani import actors` exists.
//!
//! ```sh
//! bench/run.sh                                 # builds release, runs, writes target/bench/results.md
//! cargo run --release --example bench -- --actors 100000 --duration 20s --concurrency 32
//! cargo run --release --example bench -- --database-url postgres://postgres@127.0.0.1:5432/postgres
//! ```
//!
//! The generated database is cached under `target/bench/`, keyed by the actor count, the data
//! version below and a hash of the migrations and search code, so reruns only copy it; the
//! server runs on a fresh copy each time. See `bench/README.md`.
#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark program: a broken set-up should stop it loudly, and it reports on standard output"
)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use kumppani::services::Change;
use kumppani::store::{Db, Store, Timestamp};
use kumppani_domain::actor::{ActivityInput, ActorInput, ContactInput, ResourceInput};
use time::macros::datetime;
use uuid::Uuid;

#[path = "bench/common.rs"]
mod common;
#[path = "bench/splitmix.rs"]
mod splitmix;

use common::{
    Backend, CpuSample, Server, bench_dir, browser, clock_ticks_per_second, git_describe, kumppani,
    parse_duration, percentile_ms, pg_admin, pg_exec, proc_status_kb, remove_sqlite, server_binary, sign_in,
    sqlite_url, wait_quiet,
};

/// Bump when the generator changes what it produces: cached databases are then rebuilt.
const DATA_VERSION: u32 = 1;
/// Fixed seed: every run measures the same register.
const SEED: u64 = 0x4B55_4D50_5041_4E49;
/// Targets of the issue, for this two-core machine.
const TARGET_P95_MS: f64 = 25.0;
const TARGET_CATALOGUE_RPS: f64 = 1000.0;
const TARGET_IMPORT_SECS: f64 = 10.0;

#[derive(Parser, Debug)]
#[command(about = "Kumppani load benchmark on a generated national-scale register")]
struct Args {
    /// Number of actors to generate.
    #[arg(long, default_value_t = 100_000)]
    actors: usize,
    /// Measured load per endpoint, e.g. 20s, 500ms, 1m.
    #[arg(long, default_value = "20s", value_parser = parse_duration)]
    duration: Duration,
    /// Unmeasured load before each endpoint's measurement.
    #[arg(long, default_value = "3s", value_parser = parse_duration)]
    warmup: Duration,
    /// Concurrent clients, each with its own keep-alive connection and cookie jar.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// `sqlite://FILE` (a cache file of your choice) or a PostgreSQL admin URL such as
    /// `postgres://postgres@127.0.0.1:5432/postgres`, on whose server the benchmark creates and
    /// drops its own databases. Default: a SQLite file under target/bench/.
    #[arg(long)]
    database_url: Option<String>,
    /// The server binary; default: `kumppani` next to this example's directory
    /// (target/release/kumppani), or KUMPPANI_BIN.
    #[arg(long, env = "KUMPPANI_BIN")]
    server: Option<PathBuf>,
    /// Partnerships to generate on top of the actors (issue #3); 0 leaves them out.
    #[arg(long, default_value_t = 50_000)]
    partnerships: usize,
    /// Commitments spread over the partnerships.
    #[arg(long, default_value_t = 200_000)]
    commitments: usize,
    /// Rows per transaction while generating (actors; partnerships with all their rows).
    #[arg(long, default_value_t = 2000)]
    batch: usize,
    /// Rebuild the cached database even if one exists.
    #[arg(long)]
    regenerate: bool,
    /// Measure only these endpoints (comma-separated keys: catalogue, filtered, search, actor,
    /// api, catalogue-deep, partnerships, partnerships-filtered, partnerships-search,
    /// partnership, attention, attention-member).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Also measure these paths (informational, no target), e.g. `--path /accessibility` for
    /// the cost of a page without actor queries; `--only custom` measures only them.
    #[arg(long = "path")]
    paths: Vec<String>,
    /// Leave out the CSV import measurement.
    #[arg(long)]
    skip_import: bool,
    /// Before each measurement, wait up to this long for other processes (builds, tests) to
    /// leave the CPU to the benchmark; 0s to start at once.
    #[arg(long, default_value = "180s", value_parser = parse_duration)]
    quiet_wait: Duration,
    /// Leave out the load measurement (only generate and import).
    #[arg(long)]
    skip_load: bool,
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/// SplitMix64: small, fast and good enough for test data; the same seed gives the same register.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next_u64(&mut self) -> u64 {
        splitmix::next(&mut self.0)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn range(&mut self, low: usize, high_inclusive: usize) -> usize {
        low + self.below(high_inclusive - low + 1)
    }

    fn chance(&mut self, probability: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < probability
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given cumulative weights.
    fn weighted(&mut self, cumulative: &[u64]) -> usize {
        let total = *cumulative.last().unwrap();
        let at = self.next_u64() % total;
        cumulative.partition_point(|&c| c <= at)
    }
}

fn cumulative(weights: impl IntoIterator<Item = f64>) -> Vec<u64> {
    let mut sum = 0u64;
    weights
        .into_iter()
        .map(|w| {
            sum += (w * 1000.0).round().max(1.0) as u64;
            sum
        })
        .collect()
}

/// Weights falling with rank, as tag use does: a few themes are everywhere, most are rare.
fn zipf(count: usize, exponent: f64) -> Vec<u64> {
    cumulative((1..=count).map(|rank| 1.0 / (rank as f64).powf(exponent)))
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: regions, municipalities with their districts and villages, kinds of actors

/// Regions (maakunnat) as nominative and genitive.
const REGIONS: [(&str, &str); 18] = [
    ("Uusimaa", "Uudenmaan"),
    ("Varsinais-Suomi", "Varsinais-Suomen"),
    ("Satakunta", "Satakunnan"),
    ("Kanta-Häme", "Kanta-Hämeen"),
    ("Pirkanmaa", "Pirkanmaan"),
    ("Päijät-Häme", "Päijät-Hämeen"),
    ("Kymenlaakso", "Kymenlaakson"),
    ("Etelä-Karjala", "Etelä-Karjalan"),
    ("Etelä-Savo", "Etelä-Savon"),
    ("Pohjois-Savo", "Pohjois-Savon"),
    ("Pohjois-Karjala", "Pohjois-Karjalan"),
    ("Keski-Suomi", "Keski-Suomen"),
    ("Etelä-Pohjanmaa", "Etelä-Pohjanmaan"),
    ("Pohjanmaa", "Pohjanmaan"),
    ("Keski-Pohjanmaa", "Keski-Pohjanmaan"),
    ("Pohjois-Pohjanmaa", "Pohjois-Pohjanmaan"),
    ("Kainuu", "Kainuun"),
    ("Lappi", "Lapin"),
];

/// `name:genitive|region|population in thousands|k(aupunki) or u (kunta)|Swedish name|places`;
/// a place without `:genitive` takes `n`. Places are districts and villages of the municipality.
const MUNICIPALITIES: &str = "\
Helsinki:Helsingin|0|674|k|Helsingfors|Kallio,Vuosaari:Vuosaaren,Kontula,Malmi,Itäkeskus:Itäkeskuksen,Herttoniemi:Herttoniemen,Pasila,Lauttasaari:Lauttasaaren,Myllypuro,Kannelmäki:Kannelmäen,Jakomäki:Jakomäen,Maunula,Kumpula,Puistola,Pihlajamäki:Pihlajamäen,Mellunmäki:Mellunmäen,Kamppi:Kampin,Töölö,Sörnäinen:Sörnäisten,Munkkiniemi:Munkkiniemen,Käpylä,Oulunkylä,Pakila,Malminkartano,Konala,Pitäjänmäki:Pitäjänmäen,Laajasalo,Roihuvuori:Roihuvuoren,Tapanila,Vallila,Arabianranta,Kalasatama,Jätkäsaari:Jätkäsaaren,Kulosaari:Kulosaaren,Viikki:Viikin,Siltamäki:Siltamäen,Tapulikaupunki:Tapulikaupungin,Pukinmäki:Pukinmäen,Latokartano,Kivikko:Kivikon
Espoo:Espoon|0|318|k|Esbo|Leppävaara:Leppävaaran,Tapiola,Matinkylä,Espoonlahti:Espoonlahden,Espoon keskus:Espoon keskuksen,Kauklahti:Kauklahden,Otaniemi:Otaniemen,Soukka:Soukan,Kivenlahti:Kivenlahden,Suvela,Kilo,Olari,Niittykumpu,Laaksolahti:Laaksolahden,Kalajärvi:Kalajärven,Saunalahti:Saunalahden,Karakallio
Tampere:Tampereen|4|255|k||Hervanta:Hervannan,Kaleva,Tesoma,Lielahti:Lielahden,Peltolammi,Linnainmaa,Nekala,Pispala,Amuri,Vuores:Vuoreksen,Kaukajärvi:Kaukajärven,Tammela,Multisilta,Hatanpää,Takahuhti:Takahuhdin,Annala,Härmälä,Lentävänniemi:Lentävänniemen,Teisko:Teiskon,Aitolahti:Aitolahden,Kämmenniemi:Kämmenniemen
Vantaa:Vantaan|0|248|k|Vanda|Tikkurila,Myyrmäki:Myyrmäen,Hakunila,Korso,Koivukylä,Martinlaakso,Kivistö,Länsimäki:Länsimäen,Hiekkaharju,Rekola,Mikkola,Pähkinärinne:Pähkinärinteen,Kaivoksela,Simonkylä,Itä-Hakkila
Oulu:Oulun|15|215|k||Kaukovainio,Tuira,Myllyoja,Kaijonharju,Rajakylä,Haukipudas:Haukiputaan,Kiiminki:Kiimingin,Pateniemi:Pateniemen,Maikkula,Höyhtyä,Toppila,Ylikiiminki:Ylikiimingin,Yli-Ii,Jääli,Kello,Kiviniemi:Kiviniemen,Ritaharju,Hiukkavaara,Karjasilta,Pikisaari:Pikisaaren
Turku:Turun|1|200|k|Åbo|Varissuo,Runosmäki:Runosmäen,Hirvensalo,Lauste:Lausteen,Nummi:Nummen,Halinen:Halisten,Martti:Martin,Pansio,Uittamo,Jyrkkälä,Kupittaa,Paattinen:Paattisten,Kakskerta:Kakskerran,Maaria,Moikoinen:Moikoisten,Perno,Skanssi,Portsa,Nättinummi:Nättinummen,Raunistula
Jyväskylä:Jyväskylän|11|147|k||Kortepohja,Huhtasuo,Keltinmäki:Keltinmäen,Palokka:Palokan,Vaajakoski:Vaajakosken,Kuokkala,Säynätsalo,Kypärämäki:Kypärämäen,Halssila,Korpilahti:Korpilahden,Tikkakoski:Tikkakosken,Puuppola,Vesanka:Vesangan,Lohikoski:Lohikosken
Kuopio:Kuopion|9|125|k||Petonen:Petosen,Saaristokaupunki:Saaristokaupungin,Puijonlaakso,Neulamäki:Neulamäen,Levänen:Levästen,Jynkkä:Jynkän,Nilsiä,Männistö,Särkiniemi:Särkiniemen,Pirtti:Pirtin,Hirvilahti:Hirvilahden,Vehmersalmi:Vehmersalmen,Karttula,Riistavesi:Riistaveden,Kurkimäki:Kurkimäen,Säyneinen:Säyneisen,Melalahti:Melalahden,Juankoski:Juankosken,Maaninka
Lahti:Lahden|5|121|k||Liipola,Mukkula,Kivimaa,Jalkaranta:Jalkarannan,Ahtiala,Renkomäki:Renkomäen,Kiveriö,Möysä,Nastola,Villähde:Villähteen,Okeroinen:Okeroisten
Pori:Porin|2|83|k||Väinölä,Pihlava,Noormarkku:Noormarkun,Ruosniemi:Ruosniemen,Lattomeri:Lattomeren,Herttuankulma,Mäntyluoto:Mäntyluodon,Ahlainen:Ahlaisten,Lavia
Kouvola:Kouvolan|6|80|k||Kuusankoski:Kuusankosken,Myllykoski:Myllykosken,Valkeala,Elimäki:Elimäen,Anjala,Jaala,Sippola,Inkeroinen:Inkeroisten
Joensuu:Joensuun|10|78|k||Rantakylä,Niinivaara,Karsikko:Karsikon,Noljakka:Noljakan,Pielisensuu,Utra,Eno,Kiihtelysvaara,Tuupovaara
Lappeenranta:Lappeenrannan|7|73|k||Sammonlahti:Sammonlahden,Lauritsala,Joutseno,Skinnarila,Kourula,Ylämaa,Nuijamaa
Hämeenlinna:Hämeenlinnan|3|68|k||Jukola,Tuulos:Tuuloksen,Lammi,Hauho,Kalvola,Renko:Rengon,Katinen:Katisen,Hätilä,Myllymäki:Myllymäen
Vaasa:Vaasan|13|68|k|Vasa|Palosaari:Palosaaren,Ristinummi:Ristinummen,Huutoniemi:Huutoniemen,Gerby,Sundom
Seinäjoki:Seinäjoen|12|65|k||Nurmo,Peräseinäjoki:Peräseinäjoen,Ylistaro,Kasperi,Jouppi:Joupin,Huhtala
Rovaniemi:Rovaniemen|17|65|k||Ounasvaara,Korkalovaara,Muurola,Saarenkylä,Ylikylä,Sinettä:Sinetän,Vikajärvi:Vikajärven
Mikkeli:Mikkelin|8|52|k||Tuppurala,Launiala,Rantakylä,Kalevankangas,Ristiina,Haukivuori:Haukivuoren,Anttola
Kotka:Kotkan|6|51|k||Karhula,Sunila,Langinkoski:Langinkosken,Hovinsaari:Hovinsaaren,Mussalo
Salo:Salon|1|51|k||Halikko:Halikon,Perniö,Kiikala,Suomusjärvi:Suomusjärven,Muurla
Porvoo:Porvoon|0|51|k|Borgå|Näsinmäki:Näsinmäen,Kevätkumpu,Gammelbacka,Kerkkoo,Hinthaara
Kokkola:Kokkolan|14|48|k|Karleby|Kälviä,Lohtaja,Ullava,Koivuhaka
Hyvinkää:Hyvinkään|0|47|k||Paavola,Hyvinkäänkylä,Kaukas:Kaukaan,Ridasjärvi:Ridasjärven
Lohja:Lohjan|0|46|k||Virkkala,Muijala,Sammatti:Sammatin,Karjalohja
Järvenpää:Järvenpään|0|46|k||Kyrölä,Saunakallio,Haarajoki:Haarajoen
Nurmijärvi:Nurmijärven|0|45|u||Klaukkala,Rajamäki:Rajamäen,Röykkä:Röykän,Kirkonkylä
Kirkkonummi:Kirkkonummen|0|41|u|Kyrkslätt|Masala,Veikkola
Tuusula:Tuusulan|0|39|u||Hyrylä,Jokela,Kellokoski:Kellokosken
Rauma:Rauman|2|39|k||Kodisjoki:Kodisjoen,Uotila,Sampaanala
Kerava:Keravan|0|38|k||Savio,Ahjo
Nokia:Nokian|4|35|k||Siuro,Linnavuori
Kaarina:Kaarinan|1|36|k||Piikkiö,Littoinen:Littoisten,Kuusisto
Kajaani:Kajaanin|16|36|k||Lehtikangas,Kätönlahti:Kätönlahden,Vuolijoki:Vuolijoen
Kangasala:Kangasalan|4|33|k||Ruutana,Suinula,Sahalahti:Sahalahden,Kuhmalahti:Kuhmalahden
Ylöjärvi:Ylöjärven|4|33|k||Vuorentausta,Viljakkala,Kuru
Savonlinna:Savonlinnan|8|32|k||Kerimäki:Kerimäen,Punkaharju,Sääminki:Säämingin
Vihti:Vihdin|0|29|u||Nummela,Otalampi,Vihtijärvi:Vihtijärven
Riihimäki:Riihimäen|3|29|k||Peltosaari:Peltosaaren,Herajoki:Herajoen
Sastamala:Sastamalan|4|24|k||Vammala,Mouhijärvi:Mouhijärven,Äetsä
Imatra:Imatran|7|25|k||Vuoksenniska,Mansikkala,Rautio
Raahe:Raahen|15|24|k||Pattijoki:Pattijoen,Vihanti:Vihannin
Raisio:Raision|1|24|k||Ihala,Kerttula,Kaanaa
Lempäälä:Lempäälän|4|24|u||Sääksjärvi:Sääksjärven,Moisio
Hollola:Hollolan|5|23|u||Salpakangas,Herrala
Sipoo:Sipoon|0|23|u|Sibbo|Nikkilä,Söderkulla
Tornio:Tornion|17|21|k||Putaa,Karunki:Karungin
Kemi:Kemin|17|20|k||Karihaara,Syväkangas
Iisalmi:Iisalmen|9|21|k||Kirma,Peltosalmi:Peltosalmen
Varkaus:Varkauden|9|20|k||Kommila,Kuoppakangas
Kempele:Kempeleen|15|20|u||Linnakangas,Ollila
Lieto:Liedon|1|20|u||Tarvasjoki:Tarvasjoen,Vanhalinna
Naantali:Naantalin|1|20|k||Merimasku,Rymättylä,Velkua
Siilinjärvi:Siilinjärven|9|21|u||Vuorela,Toivala,Kasurila
Mäntsälä:Mäntsälän|0|21|u||Ohkola
Pirkkala:Pirkkalan|4|20|u||Naistenmatka,Killo
Laukaa:Laukaan|11|19|u||Lievestuore:Lievestuoreen,Leppävesi:Leppäveden
Valkeakoski:Valkeakosken|4|20|k||Sääksmäki:Sääksmäen,Tarttila
Jämsä:Jämsän|11|20|k||Jämsänkoski:Jämsänkosken,Kuorevesi:Kuoreveden
Kurikka:Kurikan|12|20|k||Jalasjärvi:Jalasjärven
Mustasaari:Mustasaaren|13|19|u|Korsholm|Sepänkylä,Koivulahti:Koivulahden
Hamina:Haminan|6|19|k||Vehkalahti:Vehkalahden
Pietarsaari:Pietarsaaren|13|19|k|Jakobstad|Skata
Äänekoski:Äänekosken|11|18|k||Suolahti:Suolahden,Konginkangas
Heinola:Heinolan|5|18|k||Jyränkö:Jyrängön,Vuohiniemi:Vuohiniemen
Pieksämäki:Pieksämäen|8|17|k||Naarajärvi:Naarajärven,Jäppilä
Forssa:Forssan|3|16|k||Linikkala
Kuusamo:Kuusamon|15|15|k||Ruka,Käylä
Ylivieska:Ylivieskan|15|15|k||Raudaskylä
Uusikaupunki:Uudenkaupungin|1|15|k||Kalanti:Kalannin,Pyhämaa
Parainen:Paraisten|1|15|k|Pargas|Nauvo,Korppoo
Lapua:Lapuan|12|14|k||Ruha,Hellanmaa
Loviisa:Loviisan|0|14|k|Lovisa|Valko,Pernaja
Raasepori:Raaseporin|0|27|k|Raseborg|Tammisaari:Tammisaaren,Karjaa,Pohja
Kalajoki:Kalajoen|15|12|k||Himanka:Himangan
Ilmajoki:Ilmajoen|12|12|u||Koskenkorva
Liperi:Liperin|10|12|u||Ylämylly,Viinijärvi:Viinijärven
Lieksa:Lieksan|10|11|k||Pankakoski:Pankakosken
Kankaanpää:Kankaanpään|2|11|k||Niinisalo
Alavus:Alavuden|12|11|k||Töysä
Kitee:Kiteen|10|10|k||Puhos:Puhoksen
Huittinen:Huittisten|2|10|k||Vampula
Muurame:Muuramen|11|10|u||Kuikka:Kuikan
Keuruu:Keuruun|11|9|k||Haapamäki:Haapamäen
Orivesi:Oriveden|4|9|k||Eräjärvi:Eräjärven
Sodankylä:Sodankylän|17|8|u||Vuotso
Kuhmo:Kuhmon|16|8|k||Lentiira
Somero:Someron|1|8|k||Kerkola
Inari:Inarin|17|7|u||Ivalo,Saariselkä,Sevettijärvi:Sevettijärven
Nurmes:Nurmeksen|10|7|k||Porokylä
Suonenjoki:Suonenjoen|9|7|k||Iisvesi:Iisveden
Kemijärvi:Kemijärven|17|7|k||Isokylä
Kittilä:Kittilän|17|6|u||Levi,Sirkka";

struct Place {
    name: &'static str,
    genitive: String,
}

fn place(text: &'static str) -> Place {
    match text.split_once(':') {
        Some((name, genitive)) => Place { name, genitive: genitive.to_owned() },
        None => Place { name: text, genitive: format!("{text}n") },
    }
}

struct Municipality {
    place: Place,
    region: usize,
    population: u32,
    city: bool,
    swedish: Option<&'static str>,
    places: Vec<Place>,
}

fn municipalities() -> Vec<Municipality> {
    MUNICIPALITIES
        .lines()
        .map(|line| {
            let fields: Vec<&'static str> = line.split('|').collect();
            Municipality {
                place: place(fields[0]),
                region: fields[1].parse().unwrap(),
                population: fields[2].parse().unwrap(),
                city: fields[3] == "k",
                swedish: Some(fields[4]).filter(|s| !s.is_empty()),
                places: fields[5].split(',').filter(|p| !p.is_empty()).map(place).collect(),
            }
        })
        .collect()
}

/// Themes, most used first (drawn with falling weights).
const THEMES: &[&str] = &[
    "vapaaehtoistoiminta",
    "yksinäisyyden vähentäminen",
    "vertaistuki",
    "liikunta",
    "harrastukset",
    "kulttuuri",
    "yhteisöllisyys",
    "osallisuus",
    "nuorisotyö",
    "terveyden edistäminen",
    "virkistystoiminta",
    "kotoutuminen",
    "mielenterveys",
    "lastensuojelu",
    "vanhemmuuden tuki",
    "ympäristö",
    "kestävä kehitys",
    "syrjäytymisen ehkäisy",
    "työllisyys",
    "asukastoiminta",
    "kotona asumisen tuki",
    "omaishoito",
    "esteettömyys",
    "ruoka-apu",
    "digituki",
    "päihdetyö",
    "muistisairaudet",
    "kotiseututyö",
    "kulttuuriperintö",
    "musiikki",
    "teatteri",
    "urheilu",
    "partio",
    "retkeily",
    "ystävätoiminta",
    "ensiapu",
    "kriisityö",
    "väkivallan ehkäisy",
    "asunnottomuus",
    "asuminen",
    "koulutus",
    "varhaiskasvatus",
    "elinkeinot",
    "diakonia",
    "hengellinen työ",
    "kylätoiminta",
    "luonnonsuojelu",
    "ruoka ja ravitsemus",
    "turvallisuus",
    "järjestöjen yhteistyö",
    "yhdenvertaisuus",
    "kuntoutus",
];

/// Target groups, most used first.
const TARGET_GROUPS: &[&str] = &[
    "ikäihmiset",
    "nuoret",
    "lapset",
    "lapsiperheet",
    "asukkaat",
    "aikuiset",
    "eläkeläiset",
    "maahanmuuttajat",
    "vanhukset",
    "omaishoitajat",
    "työttömät",
    "vammaiset henkilöt",
    "mielenterveyskuntoutujat",
    "pitkäaikaissairaat",
    "kyläläiset",
    "opiskelijat",
    "muistisairaat ja heidän läheisensä",
    "päihdekuntoutujat",
    "yrittäjät",
    "seurakuntalaiset",
    "kriisissä olevat",
    "väkivaltaa kokeneet",
    "kehitysvammaiset",
    "näkövammaiset",
    "kuurot ja huonokuuloiset",
    "yksinhuoltajat",
    "asunnottomat",
    "ruotsinkieliset",
    "järjestöt",
    "veteraanit",
    "romanit",
    "vähävaraiset",
    "seksuaali- ja sukupuolivähemmistöt",
];

/// What a kind's name is built from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The municipality (`{p}` its genitive).
    Municipality,
    /// A district or village of the municipality where it has them.
    Local,
    /// Either, evenly.
    Any,
    /// A region (`{r}`).
    Region,
    /// A person or a family (`{s}` a surname in the genitive).
    Person,
}

struct Kind {
    sector: &'static str,
    /// `{p}` place genitive, `{n}` place nominative, `{r}` region genitive, `{k}` kaupungin or
    /// kunnan, `{s}` surname genitive, `{f}` first names, `{c}` a club word, `{h}` a home name.
    pattern: &'static str,
    /// Swedish name where the municipality is bilingual: `{sv}` the Swedish place name.
    swedish: Option<&'static str>,
    scope: Scope,
    weight: f64,
    target_groups: &'static [&'static str],
    themes: &'static [&'static str],
}

const fn kind(
    sector: &'static str,
    pattern: &'static str,
    scope: Scope,
    weight: f64,
    target_groups: &'static [&'static str],
    themes: &'static [&'static str],
) -> Kind {
    Kind { sector, pattern, swedish: None, scope, weight, target_groups, themes }
}

const fn sv(kind: Kind, swedish: &'static str) -> Kind {
    Kind { swedish: Some(swedish), ..kind }
}

use Scope::{Any, Local, Municipality as Muni, Person, Region};

const ELDERLY: &[&str] = &["eläkeläiset", "ikäihmiset"];
const LEISURE: &[&str] = &["virkistystoiminta", "liikunta", "yksinäisyyden vähentäminen", "kulttuuri"];
const YOUTH: &[&str] = &["nuoret", "lapset"];
const SPORT: &[&str] = &["liikunta", "urheilu", "harrastukset"];
const SPORT_GROUPS: &[&str] = &["lapset", "nuoret", "aikuiset"];
const PATIENTS: &[&str] = &["pitkäaikaissairaat", "ikäihmiset"];
const HEALTH: &[&str] = &["terveyden edistäminen", "vertaistuki", "liikunta"];
const RESIDENTS: &[&str] = &["asukkaat"];
const CULTURE: &[&str] = &["kulttuuri", "harrastukset", "musiikki"];
const PARISH_GROUPS: &[&str] = &["seurakuntalaiset", "lapsiperheet", "nuoret", "vanhukset"];
const PARISH_THEMES: &[&str] = &["hengellinen työ", "diakonia", "ruoka-apu", "yksinäisyyden vähentäminen"];
const CITY_GROUPS: &[&str] = &["asukkaat", "nuoret", "ikäihmiset", "lapsiperheet"];
const CITY_THEMES: &[&str] = &["osallisuus", "järjestöjen yhteistyö", "kulttuuri", "liikunta"];

const KINDS: &[Kind] = &[
    sv(kind("association", "{p} Eläkeläiset ry", Any, 8.0, ELDERLY, LEISURE), "{sv} Pensionärer rf"),
    kind("association", "{p} Eläkkeensaajat ry", Muni, 4.0, ELDERLY, LEISURE),
    kind(
        "association",
        "{p} Seniorit ry",
        Muni,
        2.0,
        ELDERLY,
        &["liikunta", "digituki", "virkistystoiminta"],
    ),
    sv(
        kind(
            "association",
            "{p} Nuorisoseura ry",
            Local,
            5.0,
            YOUTH,
            &["nuorisotyö", "kulttuuri", "harrastukset", "teatteri"],
        ),
        "{sv} Ungdomsförening rf",
    ),
    kind(
        "association",
        "{p} Muistiyhdistys ry",
        Muni,
        1.5,
        &["muistisairaat ja heidän läheisensä", "omaishoitajat"],
        &["vertaistuki", "muistisairaudet", "omaishoito"],
    ),
    kind(
        "association",
        "{p} Omaishoitajat ry",
        Muni,
        1.5,
        &["omaishoitajat", "ikäihmiset"],
        &["omaishoito", "vertaistuki"],
    ),
    kind("association", "{p} Sydänyhdistys ry", Muni, 1.5, PATIENTS, HEALTH),
    kind("association", "{p} Reumayhdistys ry", Muni, 1.0, PATIENTS, HEALTH),
    kind("association", "{p} Diabetesyhdistys ry", Muni, 1.0, PATIENTS, HEALTH),
    kind("association", "{p} Syöpäyhdistys ry", Muni, 0.7, PATIENTS, &["vertaistuki", "kriisityö"]),
    kind(
        "association",
        "{p} Mielenterveysseura ry",
        Muni,
        1.0,
        &["mielenterveyskuntoutujat", "nuoret"],
        &["mielenterveys", "vertaistuki", "kriisityö"],
    ),
    sv(
        kind(
            "association",
            "{p} Martat ry",
            Any,
            4.0,
            &["lapsiperheet", "ikäihmiset"],
            &["ruoka ja ravitsemus", "kestävä kehitys", "harrastukset"],
        ),
        "{sv} Marthaförening rf",
    ),
    kind(
        "association",
        "{p} Kyläyhdistys ry",
        Local,
        5.0,
        &["kyläläiset"],
        &["kylätoiminta", "yhteisöllisyys", "kotiseututyö"],
    ),
    kind(
        "association",
        "{p} Asukasyhdistys ry",
        Local,
        4.0,
        RESIDENTS,
        &["asukastoiminta", "yhteisöllisyys", "osallisuus"],
    ),
    kind("association", "{p} Omakotiyhdistys ry", Local, 2.0, RESIDENTS, &["asukastoiminta", "ympäristö"]),
    sv(
        kind("association", "{p} Partiolaiset ry", Any, 3.0, YOUTH, &["partio", "retkeily", "nuorisotyö"]),
        "{sv} Scouter rf",
    ),
    kind("association", "{p} {c} ry", Any, 10.0, SPORT_GROUPS, SPORT),
    kind("association", "{p} Palloseura ry", Any, 1.5, SPORT_GROUPS, SPORT),
    kind("association", "{p} Hiihtoseura ry", Any, 1.0, SPORT_GROUPS, SPORT),
    kind("association", "{p} Uimaseura ry", Muni, 0.6, SPORT_GROUPS, SPORT),
    kind("association", "{p} Voimistelijat ry", Any, 1.0, SPORT_GROUPS, SPORT),
    kind("association", "{p} Tennisseura ry", Muni, 0.4, SPORT_GROUPS, SPORT),
    kind("association", "{p} Ratsastusseura ry", Any, 0.5, SPORT_GROUPS, SPORT),
    kind(
        "association",
        "{p} Vanhempainyhdistys ry",
        Local,
        3.0,
        &["lapsiperheet", "lapset"],
        &["vanhemmuuden tuki", "koulutus", "yhteisöllisyys"],
    ),
    kind(
        "association",
        "{p} Invalidiyhdistys ry",
        Muni,
        1.5,
        &["vammaiset henkilöt"],
        &["esteettömyys", "vertaistuki", "osallisuus"],
    ),
    kind(
        "association",
        "{p} Näkövammaiset ry",
        Muni,
        0.5,
        &["näkövammaiset"],
        &["esteettömyys", "vertaistuki"],
    ),
    kind(
        "association",
        "{p} Kuurojen Yhdistys ry",
        Muni,
        0.4,
        &["kuurot ja huonokuuloiset"],
        &["esteettömyys", "vertaistuki"],
    ),
    kind(
        "association",
        "{p} Kehitysvammaisten Tukiyhdistys ry",
        Muni,
        0.6,
        &["kehitysvammaiset", "lapsiperheet"],
        &["osallisuus", "vertaistuki", "asuminen"],
    ),
    kind(
        "association",
        "Mannerheimin Lastensuojeluliiton {p} yhdistys ry",
        Any,
        2.0,
        &["lapsiperheet", "lapset", "nuoret"],
        &["lastensuojelu", "vanhemmuuden tuki", "vapaaehtoistoiminta"],
    ),
    kind(
        "association",
        "Suomen Punaisen Ristin {p} osasto",
        Any,
        2.0,
        &["kriisissä olevat", "maahanmuuttajat", "ikäihmiset"],
        &["ensiapu", "vapaaehtoistoiminta", "ystävätoiminta", "kotoutuminen"],
    ),
    kind(
        "association",
        "{p} Setlementti ry",
        Muni,
        0.5,
        &["nuoret", "maahanmuuttajat", "ikäihmiset"],
        &["kotoutuminen", "nuorisotyö", "yhteisöllisyys"],
    ),
    kind(
        "association",
        "{p} Monikulttuurinen yhdistys ry",
        Any,
        1.0,
        &["maahanmuuttajat"],
        &["kotoutuminen", "kulttuuri", "yhdenvertaisuus"],
    ),
    kind(
        "association",
        "{p} Työttömät ry",
        Muni,
        1.0,
        &["työttömät", "vähävaraiset"],
        &["työllisyys", "vertaistuki", "ruoka-apu"],
    ),
    kind("association", "{p} A-kilta ry", Muni, 0.6, &["päihdekuntoutujat"], &["päihdetyö", "vertaistuki"]),
    sv(
        kind(
            "association",
            "{p} Kotiseutuyhdistys ry",
            Any,
            3.0,
            RESIDENTS,
            &["kotiseututyö", "kulttuuriperintö"],
        ),
        "{sv} Hembygdsförening rf",
    ),
    kind("association", "{p} Mieskuoro ry", Any, 1.5, &["aikuiset"], CULTURE),
    kind("association", "{p} Naiskuoro ry", Any, 1.0, &["aikuiset"], CULTURE),
    kind(
        "association",
        "{p} Harrastajateatteri ry",
        Any,
        1.5,
        &["aikuiset", "nuoret"],
        &["teatteri", "kulttuuri", "harrastukset"],
    ),
    kind("association", "{p} 4H-yhdistys ry", Muni, 1.0, YOUTH, &["työllisyys", "ympäristö", "harrastukset"]),
    kind(
        "association",
        "{p} Luonnonsuojeluyhdistys ry",
        Muni,
        1.0,
        RESIDENTS,
        &["luonnonsuojelu", "ympäristö", "kestävä kehitys"],
    ),
    kind("association", "{p} Yrittäjät ry", Muni, 1.5, &["yrittäjät"], &["elinkeinot", "työllisyys"]),
    kind(
        "association",
        "{p} Lähimmäispalveluyhdistys ry",
        Muni,
        1.0,
        &["ikäihmiset", "vanhukset"],
        &["vapaaehtoistoiminta", "yksinäisyyden vähentäminen", "kotona asumisen tuki"],
    ),
    kind(
        "association",
        "{p} Ensi- ja turvakoti ry",
        Muni,
        0.3,
        &["lapsiperheet", "väkivaltaa kokeneet"],
        &["väkivallan ehkäisy", "lastensuojelu"],
    ),
    kind(
        "association",
        "{p} Metsästysseura ry",
        Local,
        4.0,
        &["aikuiset"],
        &["luonnonsuojelu", "harrastukset"],
    ),
    kind("association", "{p} Kalastusseura ry", Local, 1.5, &["aikuiset"], &["ympäristö", "harrastukset"]),
    sv(
        kind(
            "association",
            "{p} VPK ry",
            Any,
            2.0,
            &["nuoret", "asukkaat"],
            &["turvallisuus", "nuorisotyö", "ensiapu"],
        ),
        "{sv} FBK rf",
    ),
    kind("association", "{p} Maamiesseura ry", Local, 1.0, &["kyläläiset"], &["elinkeinot", "kylätoiminta"]),
    kind("association", "{p} Työväenyhdistys ry", Local, 1.5, RESIDENTS, &["kulttuuri", "yhteisöllisyys"]),
    kind("association", "{p} Reserviläiset ry", Muni, 1.0, &["aikuiset"], &["turvallisuus", "liikunta"]),
    kind(
        "association",
        "{p} Sotaveteraanit ry",
        Muni,
        0.5,
        &["veteraanit", "vanhukset"],
        &["kulttuuriperintö", "virkistystoiminta"],
    ),
    kind("association", "{p} Kamerakerho ry", Muni, 0.5, &["aikuiset"], &["harrastukset", "kulttuuri"]),
    kind("association", "{p} Taideyhdistys ry", Muni, 1.0, &["aikuiset"], &["kulttuuri", "harrastukset"]),
    kind(
        "association",
        "{p} Kansantanssijat ry",
        Any,
        0.7,
        &["aikuiset", "lapset"],
        &["kulttuuriperintö", "liikunta"],
    ),
    kind("association", "{p} Koiraharrastajat ry", Muni, 0.7, &["aikuiset"], &["harrastukset"]),
    kind(
        "association",
        "{p} Puutarhaseura ry",
        Muni,
        0.5,
        &["aikuiset", "eläkeläiset"],
        &["ympäristö", "harrastukset"],
    ),
    kind(
        "association",
        "Lions Club {n}",
        Any,
        1.5,
        &["nuoret", "vähävaraiset"],
        &["vapaaehtoistoiminta", "yhteisöllisyys"],
    ),
    kind("association", "{p} Rotaryklubi ry", Muni, 0.7, &["nuoret"], &["vapaaehtoistoiminta", "koulutus"]),
    kind(
        "association",
        "{p} Yksinhuoltajat ry",
        Muni,
        0.5,
        &["yksinhuoltajat", "lapsiperheet"],
        &["vertaistuki", "vanhemmuuden tuki"],
    ),
    kind(
        "association",
        "{p} Sateenkaariyhdistys ry",
        Muni,
        0.3,
        &["seksuaali- ja sukupuolivähemmistöt", "nuoret"],
        &["yhdenvertaisuus", "vertaistuki"],
    ),
    kind("association", "{p} Romaniyhdistys ry", Muni, 0.2, &["romanit"], &["yhdenvertaisuus", "kulttuuri"]),
    kind(
        "association",
        "{p} Ystäväpiiri ry",
        Any,
        0.8,
        &["ikäihmiset", "vanhukset"],
        &["ystävätoiminta", "yksinäisyyden vähentäminen", "vapaaehtoistoiminta"],
    ),
    kind(
        "association",
        "{p} Diakoniayhdistys ry",
        Muni,
        0.5,
        &["vähävaraiset", "asunnottomat"],
        &["ruoka-apu", "diakonia", "asunnottomuus"],
    ),
    kind(
        "organisation",
        "{p} seudun järjestöt ry",
        Muni,
        0.4,
        &["järjestöt"],
        &["järjestöjen yhteistyö", "osallisuus", "vapaaehtoistoiminta"],
    ),
    kind(
        "organisation",
        "{p} järjestöneuvottelukunta",
        Muni,
        0.2,
        &["järjestöt"],
        &["järjestöjen yhteistyö", "osallisuus"],
    ),
    kind(
        "organisation",
        "{r} Sosiaali- ja terveysjärjestöt ry",
        Region,
        0.1,
        &["järjestöt"],
        &["järjestöjen yhteistyö", "terveyden edistäminen"],
    ),
    kind(
        "organisation",
        "{r} Liikunta ry",
        Region,
        0.1,
        &["järjestöt", "nuoret"],
        &["liikunta", "urheilu", "järjestöjen yhteistyö"],
    ),
    kind(
        "foundation",
        "{p} Vanhustentalosäätiö sr",
        Muni,
        0.8,
        &["ikäihmiset", "vanhukset"],
        &["asuminen", "kotona asumisen tuki"],
    ),
    kind(
        "foundation",
        "{p} Asuntosäätiö sr",
        Muni,
        0.5,
        &["asukkaat", "nuoret"],
        &["asuminen", "asunnottomuus"],
    ),
    kind("foundation", "{p} Kulttuurisäätiö sr", Muni, 0.4, RESIDENTS, &["kulttuuri", "kulttuuriperintö"]),
    kind("foundation", "{f} säätiö sr", Person, 1.2, &["nuoret", "opiskelijat"], &["koulutus", "kulttuuri"]),
    kind(
        "foundation",
        "{p} Nuorisosäätiö sr",
        Muni,
        0.3,
        &["nuoret"],
        &["nuorisotyö", "asuminen", "työllisyys"],
    ),
    kind(
        "foundation",
        "{p} Hoivasäätiö sr",
        Muni,
        0.3,
        &["ikäihmiset", "vammaiset henkilöt"],
        &["kotona asumisen tuki", "kuntoutus"],
    ),
    kind(
        "company",
        "{p} Kotipalvelu Oy",
        Muni,
        1.2,
        &["ikäihmiset", "lapsiperheet"],
        &["kotona asumisen tuki"],
    ),
    kind(
        "company",
        "{p} Hoivapalvelut Oy",
        Muni,
        0.8,
        &["ikäihmiset", "vanhukset"],
        &["kotona asumisen tuki", "kuntoutus"],
    ),
    kind("company", "{s} Siivous Oy", Person, 1.0, &["asukkaat", "ikäihmiset"], &["kotona asumisen tuki"]),
    kind(
        "company",
        "Hoivakoti {h} Oy",
        Muni,
        0.8,
        &["ikäihmiset", "muistisairaat ja heidän läheisensä"],
        &["asuminen", "muistisairaudet"],
    ),
    kind("company", "{p} Taksi Oy", Muni, 0.5, &["ikäihmiset", "vammaiset henkilöt"], &["esteettömyys"]),
    kind(
        "company",
        "{p} Kuntosali Oy",
        Any,
        0.5,
        &["aikuiset", "ikäihmiset"],
        &["liikunta", "terveyden edistäminen"],
    ),
    kind("company", "{s} Rakennus Oy", Person, 0.8, RESIDENTS, &["asuminen", "elinkeinot"]),
    kind("company", "{p} Vuokra-asunnot Oy", Muni, 0.2, &["asukkaat", "opiskelijat"], &["asuminen"]),
    kind("company", "{s} Tilitoimisto Oy", Person, 0.5, &["yrittäjät", "järjestöt"], &["elinkeinot"]),
    kind(
        "company",
        "{p} Terapiapalvelut Oy",
        Muni,
        0.4,
        &["mielenterveyskuntoutujat", "lapset"],
        &["mielenterveys", "kuntoutus"],
    ),
    kind(
        "company",
        "{p} Lääkärikeskus Oy",
        Muni,
        0.3,
        &["aikuiset", "työttömät"],
        &["terveyden edistäminen"],
    ),
    kind("parish", "{p} evankelis-luterilainen seurakunta", Muni, 0.3, PARISH_GROUPS, PARISH_THEMES),
    sv(kind("parish", "{p} seurakunta", Local, 0.6, PARISH_GROUPS, PARISH_THEMES), "{sv} församling"),
    kind("parish", "{p} ortodoksinen seurakunta", Muni, 0.2, PARISH_GROUPS, PARISH_THEMES),
    kind("parish", "{p} helluntaiseurakunta", Muni, 0.3, PARISH_GROUPS, PARISH_THEMES),
    kind("parish", "{p} vapaaseurakunta", Muni, 0.2, PARISH_GROUPS, PARISH_THEMES),
    kind(
        "educational_institution",
        "{p} koulu",
        Local,
        2.0,
        &["lapset", "lapsiperheet"],
        &["koulutus", "liikunta", "syrjäytymisen ehkäisy"],
    ),
    kind("educational_institution", "{p} lukio", Muni, 0.4, &["nuoret", "opiskelijat"], &["koulutus"]),
    kind(
        "educational_institution",
        "{p} kansalaisopisto",
        Muni,
        0.4,
        &["aikuiset", "ikäihmiset"],
        &["koulutus", "kulttuuri", "harrastukset"],
    ),
    kind(
        "educational_institution",
        "{p} musiikkiopisto",
        Muni,
        0.3,
        &["lapset", "nuoret"],
        &["musiikki", "koulutus"],
    ),
    kind(
        "educational_institution",
        "{p} päiväkoti",
        Local,
        1.0,
        &["lapset", "lapsiperheet"],
        &["varhaiskasvatus"],
    ),
    kind(
        "educational_institution",
        "{r} ammattiopisto",
        Region,
        0.1,
        &["nuoret", "maahanmuuttajat"],
        &["koulutus", "työllisyys"],
    ),
    kind(
        "municipality",
        "{p} {k} nuorisopalvelut",
        Muni,
        0.3,
        &["nuoret"],
        &["nuorisotyö", "harrastukset", "osallisuus"],
    ),
    kind(
        "municipality",
        "{p} {k} liikuntapalvelut",
        Muni,
        0.2,
        &["asukkaat", "ikäihmiset"],
        &["liikunta", "terveyden edistäminen"],
    ),
    kind("municipality", "{p} {k} kirjasto", Muni, 0.2, CITY_GROUPS, &["kulttuuri", "digituki"]),
    kind(
        "municipality",
        "{p} {k} työllisyyspalvelut",
        Muni,
        0.15,
        &["työttömät", "maahanmuuttajat"],
        &["työllisyys", "kotoutuminen"],
    ),
    kind("residents", "{p} asukasraati", Local, 0.6, RESIDENTS, &["osallisuus", "asukastoiminta"]),
    kind(
        "residents",
        "{p} perhekahvilan vanhemmat",
        Local,
        0.3,
        &["lapsiperheet"],
        &["vanhemmuuden tuki", "vertaistuki"],
    ),
    kind(
        "funder",
        "{p} Säästöpankkisäätiö sr",
        Muni,
        0.1,
        &["järjestöt", "nuoret"],
        &["elinkeinot", "kulttuuri"],
    ),
];

/// Words for sports clubs: "Lahden Reipas", "Varissuon Visa".
const CLUB_WORDS: &[&str] = &[
    "Reipas",
    "Pyrintö",
    "Ponnistus",
    "Yritys",
    "Kisa",
    "Kiri",
    "Visa",
    "Jyry",
    "Into",
    "Sisu",
    "Urheilijat",
    "Kisa-Veikot",
    "Veikot",
    "Pallo",
    "Kiekko",
    "Hiihtäjät",
    "Kunto",
    "Vauhti",
    "Tarmo",
    "Isku",
    "Jymy",
    "Karhut",
    "Kotkat",
    "Urheiluseura",
    "Kuntourheilijat",
    "Salibandy",
    "Koripallo",
    "Lentopallo",
    "Yleisurheilu",
    "Suunnistajat",
];

const HOME_NAMES: &[&str] = &[
    "Päivänsäde",
    "Kotikallio",
    "Mäntyrinne",
    "Koivupuisto",
    "Kielo",
    "Ruska",
    "Aurinkorinne",
    "Onnela",
    "Kultakoti",
    "Lehmuskoti",
    "Kotiranta",
    "Sinivuokko",
];

const FIRST_NAMES: &[&str] = &[
    "Aino", "Eino", "Maija", "Matti", "Liisa", "Pekka", "Anna", "Juha", "Sari", "Timo", "Helena", "Jari",
    "Tuula", "Kari", "Päivi", "Mikko", "Johanna", "Antti", "Satu", "Jukka", "Minna", "Ville", "Laura",
    "Tapio", "Riitta", "Heikki", "Elina", "Veikko", "Kaisa", "Olli",
];

/// Surnames as nominative and genitive.
const SURNAMES: &[(&str, &str)] = &[
    ("Virtanen", "Virtasen"),
    ("Korhonen", "Korhosen"),
    ("Mäkinen", "Mäkisen"),
    ("Nieminen", "Niemisen"),
    ("Mäkelä", "Mäkelän"),
    ("Hämäläinen", "Hämäläisen"),
    ("Laine", "Laineen"),
    ("Heikkinen", "Heikkisen"),
    ("Koskinen", "Koskisen"),
    ("Järvinen", "Järvisen"),
    ("Lehtonen", "Lehtosen"),
    ("Saarinen", "Saarisen"),
    ("Salminen", "Salmisen"),
    ("Heinonen", "Heinosen"),
    ("Niemi", "Niemen"),
    ("Heikkilä", "Heikkilän"),
    ("Kinnunen", "Kinnusen"),
    ("Salonen", "Salosen"),
    ("Turunen", "Turusen"),
    ("Salo", "Salon"),
    ("Laitinen", "Laitisen"),
    ("Tuominen", "Tuomisen"),
    ("Rantanen", "Rantasen"),
    ("Karjalainen", "Karjalaisen"),
    ("Jokinen", "Jokisen"),
    ("Mattila", "Mattilan"),
    ("Savolainen", "Savolaisen"),
    ("Lahtinen", "Lahtisen"),
    ("Ahonen", "Ahosen"),
    ("Kärkkäinen", "Kärkkäisen"),
];

/// Activities by sector: what and when.
const ACTIVITIES: &[(&str, &str, &str)] = &[
    ("association", "Vertaistukiryhmä", "joka toinen tiistai klo 17–19"),
    ("association", "Kuntosaliryhmä ikäihmisille", "ma ja to klo 10–11"),
    ("association", "Nuorten iltakahvila", "pe klo 18–22"),
    ("association", "Läksykerho koululaisille", "ti ja to klo 14–16"),
    ("association", "Ruoka-apu vähävaraisille", "ke klo 12–14"),
    ("association", "Ystäväpalvelu yksinäisille vanhuksille", "sopimuksen mukaan"),
    ("association", "Digituki ikäihmisille", "kuukauden ensimmäinen maanantai"),
    ("association", "Kielikahvila maahanmuuttajille", "ke klo 17–18.30"),
    ("association", "Perhekahvila", "pe klo 9.30–11.30"),
    ("association", "Muistikahvila", "kerran kuussa"),
    ("association", "Retket ja teatterimatkat", "keväisin ja syksyisin"),
    ("association", "Kuoroharjoitukset", "ma klo 18–20"),
    ("association", "Lasten liikuntakerho", "la klo 10–11"),
    ("association", "Partiokokoukset", "viikoittain"),
    ("association", "Kylätalon avoimet illat", "to klo 18–21"),
    ("association", "Asukasillat", "kerran kuussa"),
    ("association", "Luontoretket ja talkoot", "kesäisin"),
    ("association", "Ensiapukurssit", "keväällä ja syksyllä"),
    ("association", "Harjoitukset ja kilpailut", "viikoittain"),
    ("association", "Kesäleiri lapsille ja nuorille", "kesäkuussa"),
    ("organisation", "Järjestöjen yhteistyöfoorumi", "neljästi vuodessa"),
    ("organisation", "Koulutukset järjestöjen vapaaehtoisille", "syksyisin"),
    ("foundation", "Avustushaku", "vuosittain maaliskuussa"),
    ("foundation", "Vuokra-asunnot ikäihmisille", "jatkuva"),
    ("company", "Kotipalvelu ja siivous", "arkisin"),
    ("company", "Kuljetuspalvelu", "arkisin 7–18"),
    ("company", "Ryhmäliikuntatunnit", "päivittäin"),
    ("parish", "Diakoniavastaanotto", "ti klo 9–11"),
    ("parish", "Päiväkerhot lapsille", "arkiaamuisin"),
    ("parish", "Nuorteniltojen kahvila", "pe klo 18–21"),
    ("parish", "Eläkeläisten kerho", "ke klo 13–15"),
    ("educational_institution", "Iltapäivätoiminta", "arkisin koulupäivän jälkeen"),
    ("educational_institution", "Kurssit aikuisille", "lukukausittain"),
    ("municipality", "Asukastilaisuudet", "kahdesti vuodessa"),
    ("municipality", "Avoin nuorisotalo", "ti–pe klo 15–21"),
    ("residents", "Kokoontumiset", "kerran kuussa"),
    ("funder", "Apurahojen jako", "vuosittain"),
];

const RESOURCES: &[(&str, &str)] = &[
    ("volunteer_work", "Aktiiviset vapaaehtoiset ja talkooväki"),
    ("premises", "Oma kerhohuone, jota voi lainata muille"),
    ("local_knowledge", "Pitkä kokemus alueen asukkaiden arjesta"),
    ("contacts", "Laaja yhteistyöverkosto järjestöjen ja seurakunnan kanssa"),
    ("reaching_target_groups", "Luottamus kohderyhmään, jota muut eivät tavoita"),
    ("expertise", "Koulutetut ohjaajat ja vertaistukijat"),
    ("financial", "Jäsenmaksut ja pienet avustukset"),
    ("peer_support", "Kokemusasiantuntijat"),
    ("services", "Kuljetus- ja kotipalvelut"),
    ("perspectives", "Nuorten ääni ja näkökulma"),
];

const COMPETENCES: &[&str] = &[
    "Vapaaehtoisten rekrytointi, koulutus ja ohjaus.",
    "Matalan kynnyksen kohtaaminen ja pitkäjänteinen tuki.",
    "Paikallistuntemus ja luottamus asukkaiden keskuudessa.",
    "Ohjattu liikunta kaikenikäisille.",
    "Vertaistuen ryhmien vetäminen ja kokemusasiantuntijuus.",
    "Tapahtumien ja retkien järjestäminen.",
    "Lasten ja nuorten harrastustoiminta.",
    "Kotona asumista tukevat palvelut ammattitaidolla.",
    "Kulttuuriperinnön vaaliminen ja kotiseututieto.",
    "Monikielinen ohjaus ja kotoutumisen tuki.",
];

// ---------------------------------------------------------------------------------------------
// The generator

struct Generator {
    rng: Rng,
    municipalities: Vec<Municipality>,
    by_population: Vec<u64>,
    kinds: Vec<u64>,
    themes: Vec<u64>,
    target_groups: Vec<u64>,
    names: HashSet<String>,
    next_business_number: u32,
    /// Actors that exist once per municipality or region, made first.
    singles: Vec<ActorInput>,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let municipalities = municipalities();
        let by_population = cumulative(municipalities.iter().map(|m| f64::from(m.population)));
        let mut generator = Self {
            rng: Rng::new(seed),
            by_population,
            municipalities,
            kinds: cumulative(KINDS.iter().map(|k| k.weight)),
            themes: zipf(THEMES.len(), 0.9),
            target_groups: zipf(TARGET_GROUPS.len(), 0.9),
            names: HashSet::new(),
            next_business_number: 2_010_000,
            singles: Vec::new(),
        };
        generator.singles = generator.single_actors();
        generator.singles.reverse();
        generator
    }

    /// The next valid, unused Y-tunnus (no check remainder 1).
    fn business_id(&mut self) -> String {
        loop {
            let number = self.next_business_number;
            self.next_business_number += 1;
            let digits = format!("{number:07}");
            let sum: u32 =
                digits.bytes().zip([7, 9, 10, 5, 8, 4, 2]).map(|(d, w)| u32::from(d - b'0') * w).sum();
            let check = match sum % 11 {
                0 => 0,
                1 => continue,
                r => 11 - r,
            };
            return format!("{digits}-{check}");
        }
    }

    fn single_actors(&mut self) -> Vec<ActorInput> {
        let mut out = Vec::new();
        for m in 0..self.municipalities.len() {
            let muni = &self.municipalities[m];
            let name = format!("{} {}", muni.place.genitive, if muni.city { "kaupunki" } else { "kunta" });
            let sv_name = muni.swedish.map(|s| format!("{s} {}", if muni.city { "stad" } else { "kommun" }));
            let areas = vec![muni.place.name.to_owned()];
            let input = self.complete(name, sv_name, "municipality", CITY_GROUPS, CITY_THEMES, areas, m);
            out.push(input);
        }
        for (r, (region, genitive)) in REGIONS.iter().enumerate() {
            let muni = self.municipalities.iter().position(|m| m.region == r).unwrap();
            let singles = [
                (format!("{genitive} hyvinvointialue"), "wellbeing_services_county"),
                (format!("{genitive} liitto"), "joint_municipal_authority"),
                (format!("Suomen Kulttuurirahaston {genitive} rahasto"), "funder"),
            ];
            for (name, sector) in singles {
                let areas = vec![(*region).to_owned()];
                let (groups, themes): (&[&str], &[&str]) = match sector {
                    "wellbeing_services_county" => (
                        &["ikäihmiset", "lapsiperheet", "mielenterveyskuntoutujat"],
                        &["terveyden edistäminen", "järjestöjen yhteistyö", "kotona asumisen tuki"],
                    ),
                    "funder" => (&["järjestöt", "opiskelijat"], &["kulttuuri", "koulutus"]),
                    _ => (&["asukkaat", "järjestöt"], &["elinkeinot", "osallisuus"]),
                };
                out.push(self.complete(name, None, sector, groups, themes, areas, muni));
            }
        }
        out
    }

    fn theme(&mut self) -> &'static str {
        THEMES[self.rng.weighted(&self.themes)]
    }

    fn target_group(&mut self) -> &'static str {
        TARGET_GROUPS[self.rng.weighted(&self.target_groups)]
    }

    /// The next actor: first the once-per-municipality and once-per-region actors, then drawn.
    fn actor(&mut self) -> ActorInput {
        if let Some(single) = self.singles.pop() {
            return single;
        }
        for attempt in 0.. {
            let kind = &KINDS[self.rng.weighted(&self.kinds)];
            let m = self.rng.weighted(&self.by_population);
            let muni = &self.municipalities[m];
            let local = match kind.scope {
                Local => !muni.places.is_empty(),
                Any => !muni.places.is_empty() && self.rng.chance(0.5),
                _ => false,
            };
            let place = if local { Some(self.rng.below(muni.places.len())) } else { None };
            let (nominative, genitive) = match place {
                Some(p) => (muni.places[p].name, muni.places[p].genitive.as_str()),
                None => (muni.place.name, muni.place.genitive.as_str()),
            };
            let surname = self.rng.pick(SURNAMES);
            let founders = match self.rng.below(3) {
                0 => {
                    format!("{} ja {} {}", self.rng.pick(FIRST_NAMES), self.rng.pick(FIRST_NAMES), surname.1)
                }
                1 => format!("{} {}", self.rng.pick(FIRST_NAMES), surname.1),
                _ => surname.1.to_owned(),
            };
            let club = *self.rng.pick(CLUB_WORDS);
            let home = *self.rng.pick(HOME_NAMES);
            let mut name = kind
                .pattern
                .replace("{p}", genitive)
                .replace("{n}", nominative)
                .replace("{r}", REGIONS[muni.region].1)
                .replace("{k}", if muni.city { "kaupungin" } else { "kunnan" })
                .replace("{s}", surname.1)
                .replace("{f}", &founders)
                .replace("{c}", club)
                .replace("{h}", home);
            if !self.names.insert(name.clone()) {
                if attempt < 40 {
                    continue;
                }
                // Rarely the name space runs thin: a second club of the same name.
                name = format!("{name} {}", attempt - 38);
                self.names.insert(name.clone());
            }
            let sv_name = match (kind.swedish, muni.swedish, place) {
                (Some(pattern), Some(swedish), None) if self.rng.chance(0.6) => {
                    Some(pattern.replace("{sv}", swedish))
                }
                _ => None,
            };
            let mut areas = Vec::new();
            if kind.scope == Region {
                areas.push(REGIONS[muni.region].0.to_owned());
            } else {
                areas.push(muni.place.name.to_owned());
                if let Some(p) = place {
                    areas.push(muni.places[p].name.to_owned());
                }
                if !muni.places.is_empty() && self.rng.chance(0.2) {
                    areas.push(self.rng.pick(&muni.places).name.to_owned());
                }
                if self.rng.chance(0.12) {
                    areas.push(REGIONS[muni.region].0.to_owned());
                }
            }
            return self.complete(name, sv_name, kind.sector, kind.target_groups, kind.themes, areas, m);
        }
        unreachable!()
    }

    /// Fills in everything but the name, sector and areas.
    #[allow(clippy::too_many_arguments, reason = "one private helper of the generator")]
    fn complete(
        &mut self,
        name: String,
        name_sv: Option<String>,
        sector: &str,
        kind_groups: &[&str],
        kind_themes: &[&str],
        areas: Vec<String>,
        municipality: usize,
    ) -> ActorInput {
        let rng = &mut self.rng;
        let mut themes: Vec<String> = Vec::new();
        let own = rng.range(1, kind_themes.len());
        let start = rng.below(kind_themes.len());
        for i in 0..own {
            themes.push(kind_themes[(start + i) % kind_themes.len()].to_owned());
        }
        let extra_themes = if self.rng.chance(0.45) { self.rng.range(1, 2) } else { 0 };
        for _ in 0..extra_themes {
            let theme = self.theme().to_owned();
            if !themes.contains(&theme) {
                themes.push(theme);
            }
        }
        let rng = &mut self.rng;
        let mut target_groups: Vec<String> = Vec::new();
        let own = rng.range(1, kind_groups.len());
        let start = rng.below(kind_groups.len());
        for i in 0..own {
            target_groups.push(kind_groups[(start + i) % kind_groups.len()].to_owned());
        }
        if self.rng.chance(0.3) {
            let group = self.target_group().to_owned();
            if !target_groups.contains(&group) {
                target_groups.push(group);
            }
        }
        let muni = &self.municipalities[municipality];
        let rng = &mut self.rng;
        let year = rng.range(1890, 2024);
        let place_genitive = &muni.place.genitive;
        let purpose = match sector {
            "association" | "organisation" | "residents" => format!(
                "{} on perustettu vuonna {year}, ja se toimii {place_genitive} alueella. Toiminnan painopisteitä \
                 ovat {}. Toiminta on tarkoitettu erityisesti näille: {}. Teemme yhteistyötä muiden \
                 järjestöjen, seurakunnan ja kaupungin kanssa, ja uudet vapaaehtoiset ovat tervetulleita.",
                if sector == "organisation" { "Järjestö" } else { "Yhdistys" },
                themes.join(", "),
                target_groups.join(", ")
            ),
            "company" => format!(
                "Yritys tarjoaa palveluja {place_genitive} alueella vuodesta {year}. Asiakkaitamme ovat {}. \
                 Teemme yhteistyötä järjestöjen ja hyvinvointialueen kanssa; painopisteitä ovat {}.",
                target_groups.join(", "),
                themes.join(", ")
            ),
            "foundation" | "funder" => format!(
                "Säätiö tukee {place_genitive} alueen asukkaiden hyvinvointia myöntämällä avustuksia ja \
                 ylläpitämällä toimintaa, jonka painopisteitä ovat {}. Tuemme myös järjestöjen hankkeita.",
                themes.join(", ")
            ),
            "parish" => "Seurakunta kokoaa seurakuntalaisia jumalanpalveluksiin ja tarjoaa diakoniatyötä, \
                         kerhoja lapsille ja nuorille sekä tukea vanhuksille ja yksinäisille."
                .to_owned(),
            "educational_institution" => format!(
                "Oppilaitos tarjoaa opetusta ja harrastustoimintaa {place_genitive} alueella. Painopisteitä \
                 ovat {}; teemme yhteistyötä vanhempien, järjestöjen ja seurojen kanssa.",
                themes.join(", ")
            ),
            _ => format!(
                "Julkinen toimija, joka vastaa palveluista {place_genitive} alueella ja tukee järjestöjen \
                 toimintaa avustuksin ja tiloin. Painopisteitä ovat {}.",
                themes.join(", ")
            ),
        };
        let sector_activities: Vec<&(&str, &str, &str)> = ACTIVITIES
            .iter()
            .filter(|(s, _, _)| *s == sector || (*s == "association" && sector == "residents"))
            .collect();
        let mut activities = Vec::new();
        if !sector_activities.is_empty() {
            for _ in 0..rng.range(0, 3) {
                let (_, what, when) = rng.pick(&sector_activities);
                if activities.iter().any(|a: &ActivityInput| a.what == *what) {
                    continue;
                }
                let place = areas.last().cloned().unwrap_or_default();
                activities.push(ActivityInput { what: (*what).into(), when: (*when).into(), place });
            }
        }
        let mut resources = Vec::new();
        for _ in 0..rng.range(0, 2) {
            let (kind, description) = rng.pick(RESOURCES);
            if !resources.iter().any(|r: &ResourceInput| r.description == *description) {
                resources.push(ResourceInput {
                    kind: (*kind).into(),
                    description: (*description).into(),
                    tangibility: String::new(),
                });
            }
        }
        let first = *rng.pick(FIRST_NAMES);
        let (last, _) = *rng.pick(SURNAMES);
        let contacts = vec![ContactInput {
            name: format!("{first} {last}"),
            role: rng.pick(&["puheenjohtaja", "sihteeri", "toiminnanjohtaja", "yhteyshenkilö"]).to_string(),
            email: format!("{}.{}@example.fi", ascii_slug(first), ascii_slug(last)),
            phone: format!("050 {:07}", rng.below(10_000_000)),
        }];
        let private_fields = match rng.below(100) {
            0..=84 => None,
            85..=92 => Some(vec!["contacts".to_owned(), "resources".to_owned()]),
            93..=96 => Some(vec!["contacts".to_owned(), "activities".to_owned(), "areas".to_owned()]),
            _ => Some(vec!["contacts".to_owned(), "themes".to_owned()]),
        };
        let has_business_id = match sector {
            "association" | "organisation" => rng.chance(0.55),
            "residents" => false,
            _ => true,
        };
        let register_number = if matches!(sector, "association" | "organisation") && rng.chance(0.7) {
            format!("{}.{:03}", rng.range(100, 230), rng.below(1000))
        } else {
            String::new()
        };
        let website =
            if rng.chance(0.4) { format!("https://www.{}.fi", ascii_slug(&name)) } else { String::new() };
        let core_competence =
            if rng.chance(0.6) { (*rng.pick(COMPETENCES)).to_owned() } else { String::new() };
        let published = rng.chance(0.92);
        let business_id = if has_business_id { self.business_id() } else { String::new() };
        ActorInput {
            name_fi: name,
            name_sv: name_sv.unwrap_or_default(),
            name_en: String::new(),
            business_id,
            register_number,
            sector: sector.to_owned(),
            website,
            purpose,
            core_competence,
            target_groups,
            themes,
            areas,
            activities,
            resources,
            contacts,
            private_fields,
            published,
        }
    }
}

fn ascii_slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'ä' | 'å' => out.push('a'),
            'ö' => out.push('o'),
            ' ' | '-' if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_matches('-').to_owned()
}

/// Search words as people type them, inflected; each finds actors through the prefix roots.
const SEARCH_QUERIES: &[&str] = &[
    "nuorten",
    "vanhusten",
    "järjestöjen",
    "ikäihmisille",
    "lapsiperheiden",
    "maahanmuuttajien",
    "yksinäisyyttä",
    "vapaaehtoisten",
    "liikuntaa",
    "kulttuurin",
    "mielenterveyden",
    "omaishoitajien",
    "muistisairaiden",
    "kotoutumista",
    "eläkeläisten",
    "seurakunnan",
    "vertaistukea",
    "partiolaisten",
    "asukkaiden",
    "työttömien",
    "kyläyhdistyksen",
    "kuorot",
    "Kuopion",
    "Varissuon",
    "Oulun eläkeläiset",
    "nuorten liikunta",
    "vanhusten yksinäisyys",
    "lasten harrastukset",
    "muistiyhdistys",
    "martat",
];

// ---------------------------------------------------------------------------------------------
// Databases: generation, caching, copies for a run

/// What the cache key covers besides the count and data version: the schema and the code that
/// builds search terms, since both shape the stored rows.
fn code_hash() -> u64 {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = ["migrations/sqlite", "migrations/postgres"]
        .iter()
        .filter_map(|dir| std::fs::read_dir(root.join(dir)).ok())
        .flat_map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())))
        .collect();
    files.push(root.join("crates/domain/src/search.rs"));
    files.sort();
    // FNV-1a over names and contents.
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_default();
        for b in file.file_name().unwrap().as_encoded_bytes().iter().chain(&bytes) {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01B3);
        }
    }
    hash
}

struct Generated {
    seconds: f64,
    actors: usize,
    archived: usize,
}

/// Inserts `count` actors through the real service code, `batch` per transaction.
async fn generate(url: &str, count: usize, batch: usize) -> Generated {
    let store = Store::connect(url).await.unwrap();
    let mut generator = Generator::new(SEED);
    let mut rng = Rng::new(SEED ^ 0xA5A5);
    let started = Instant::now();
    let mut archived = 0;
    let base = datetime!(2026-06-01 08:00 UTC);
    let mut done = 0;
    while done < count {
        let mut tx = store.begin().await.unwrap();
        let end = (done + batch).min(count);
        for i in done..end {
            let input = generator.actor();
            let details = match input.validate(false) {
                Ok(details) => details,
                Err(e) => panic!("generated actor {} is not valid: {e:?}", input.name_fi),
            };
            // Created over the past years, oldest first, so "newest" and "updated" sort for real.
            let age = time::Duration::minutes(((count - i) * 25) as i64);
            let change = Change { user_id: None, now: Timestamp::new(base - age) };
            let actor = kumppani::services::actors::insert_in(&mut tx, &details, change).await.unwrap();
            if rng.chance(0.015) {
                kumppani::store::actors::archive(&mut tx, actor.id, change.now).await.unwrap();
                archived += 1;
            }
        }
        tx.commit().await.unwrap();
        done = end;
        if done % 10_000 == 0 || done == count {
            let elapsed = started.elapsed().as_secs_f64();
            eprintln!("  generated {done:>7} actors in {elapsed:6.1} s ({:.0}/s)", done as f64 / elapsed);
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    if let Db::Sqlite(pool) = &store.db {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await.unwrap();
    }
    store.close().await;
    Generated { seconds, actors: count, archived }
}

async fn pg_exists(admin_url: &str, name: &str) -> bool {
    let mut admin = pg_admin(admin_url).await;
    sqlx::query_scalar::<_, i32>("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_optional(&mut admin)
        .await
        .unwrap()
        .is_some()
}

/// Makes sure a cached, complete database exists; returns generation facts if it had to be made.
async fn prepare_cache(backend: &Backend, args: &Args, key: &str) -> Option<Generated> {
    match backend {
        Backend::Sqlite { file: cache } => {
            if cache.exists() && !args.regenerate {
                return None;
            }
            remove_sqlite(cache);
            let building = cache.with_extension("building");
            remove_sqlite(&building);
            eprintln!("generating {} actors into {} …", args.actors, building.display());
            let generated = generate(&sqlite_url(&building), args.actors, args.batch).await;
            remove_sqlite(&PathBuf::from(format!("{}-shm", building.display())));
            std::fs::rename(&building, cache).unwrap();
            Some(generated)
        }
        Backend::Postgres { admin_url, base } => {
            let cache = format!("kumppani_bench_cache_{key}");
            if pg_exists(admin_url, &cache).await && !args.regenerate {
                return None;
            }
            let building = format!("kumppani_bench_building_{key}");
            pg_exec(admin_url, format!("DROP DATABASE IF EXISTS {cache} WITH (FORCE)")).await;
            pg_exec(admin_url, format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)")).await;
            pg_exec(admin_url, format!("CREATE DATABASE {building}")).await;
            eprintln!("generating {} actors into PostgreSQL database {building} …", args.actors);
            let generated = generate(&format!("{base}/{building}"), args.actors, args.batch).await;
            // Autovacuum would analyse a real database soon enough; do it now for stable plans.
            let store = Store::open(&format!("{base}/{building}")).await.unwrap();
            if let Db::Postgres(pool) = &store.db {
                sqlx::query("VACUUM ANALYZE").execute(pool).await.unwrap();
            }
            store.close().await;
            pg_exec(admin_url, format!("ALTER DATABASE {building} RENAME TO {cache}")).await;
            Some(generated)
        }
    }
}

/// FNV-1a, for cache names.
fn fnv(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01B3);
    }
    hash
}

/// The partnership layer's cache name suffix: its counts, data version and anchor day, so a
/// new month or a changed generator builds a new layer on the cached actors.
fn layer_suffix(args: &Args, anchor: time::Date) -> Option<String> {
    (args.partnerships > 0).then(|| {
        let text =
            format!("{} {} {} {anchor}", args.partnerships, args.commitments, partnerships::DATA_VERSION);
        format!("_p{:08x}", fnv(text.as_bytes()) as u32)
    })
}

fn layer_path(cache: &Path, suffix: &str) -> PathBuf {
    let stem = cache.file_stem().unwrap().to_string_lossy();
    cache.with_file_name(format!("{stem}{suffix}.db"))
}

/// Makes sure the partnership layer exists on top of the cached actors; returns generation
/// facts if it had to be made. `force` rebuilds it (the actors under it are new).
async fn prepare_layer(
    backend: &Backend,
    args: &Args,
    key: &str,
    suffix: &str,
    force: bool,
) -> Option<partnerships::Generated> {
    let count = args.partnerships;
    match backend {
        Backend::Sqlite { file: cache } => {
            let layer = layer_path(cache, suffix);
            if layer.exists() && !force && !args.regenerate {
                return None;
            }
            // Layers of other months or generator versions are of no more use.
            let stem = cache.file_stem().unwrap().to_string_lossy().into_owned();
            if let Ok(entries) = std::fs::read_dir(cache.parent().unwrap()) {
                for entry in entries.filter_map(Result::ok) {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with(&format!("{stem}_p")) {
                        let _ = std::fs::remove_file(entry.path());
                    }
                }
            }
            let building = layer.with_extension("building");
            remove_sqlite(&building);
            std::fs::copy(cache, &building).unwrap();
            eprintln!("generating {count} partnerships into {} …", building.display());
            let generated =
                partnerships::generate(&sqlite_url(&building), count, args.commitments, args.batch).await;
            remove_sqlite(&PathBuf::from(format!("{}-shm", building.display())));
            std::fs::rename(&building, &layer).unwrap();
            Some(generated)
        }
        Backend::Postgres { admin_url, base } => {
            let layer = format!("kumppani_bench_cache_{key}{suffix}");
            if pg_exists(admin_url, &layer).await && !force && !args.regenerate {
                return None;
            }
            let stale: Vec<String> = {
                let mut admin = pg_admin(admin_url).await;
                sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE $1")
                    .bind(format!("kumppani_bench_cache_{key}_p%"))
                    .fetch_all(&mut admin)
                    .await
                    .unwrap()
            };
            for name in stale {
                pg_exec(admin_url, format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
            }
            let building = format!("kumppani_bench_building_{key}{suffix}");
            pg_exec(admin_url, format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)")).await;
            pg_exec(admin_url, format!("CREATE DATABASE {building} TEMPLATE kumppani_bench_cache_{key}"))
                .await;
            eprintln!("generating {count} partnerships into PostgreSQL database {building} …");
            let url = format!("{base}/{building}");
            let generated = partnerships::generate(&url, count, args.commitments, args.batch).await;
            let store = Store::open(&url).await.unwrap();
            if let Db::Postgres(pool) = &store.db {
                sqlx::query("VACUUM ANALYZE").execute(pool).await.unwrap();
            }
            store.close().await;
            pg_exec(admin_url, format!("ALTER DATABASE {building} RENAME TO {layer}")).await;
            Some(generated)
        }
    }
}

/// A fresh copy of the cached database (with its partnership layer, if any) for one run;
/// returns its URL.
async fn fresh_copy(backend: &Backend, key: &str, layer: Option<&str>) -> String {
    match backend {
        Backend::Sqlite { file: cache } => {
            let run = bench_dir().join("run.db");
            remove_sqlite(&run);
            let source = layer.map_or_else(|| cache.clone(), |suffix| layer_path(cache, suffix));
            std::fs::copy(source, &run).unwrap();
            sqlite_url(&run)
        }
        Backend::Postgres { admin_url, base } => {
            let run = "kumppani_bench_run";
            let suffix = layer.unwrap_or_default();
            pg_exec(admin_url, format!("DROP DATABASE IF EXISTS {run} WITH (FORCE)")).await;
            pg_exec(admin_url, format!("CREATE DATABASE {run} TEMPLATE kumppani_bench_cache_{key}{suffix}"))
                .await;
            format!("{base}/{run}")
        }
    }
}

async fn drop_copy(backend: &Backend) {
    match backend {
        Backend::Sqlite { .. } => remove_sqlite(&bench_dir().join("run.db")),
        Backend::Postgres { admin_url, .. } => {
            pg_exec(admin_url, "DROP DATABASE IF EXISTS kumppani_bench_run WITH (FORCE)".to_owned()).await;
        }
    }
}

/// Runs `$body` with `$pool` bound to whichever pool the store has.
macro_rules! on_db {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            Db::Sqlite($pool) => $body,
            Db::Postgres($pool) => $body,
        }
    };
}

#[path = "bench/partnerships.rs"]
mod partnerships;

const FACTS: &[(&str, &str)] = &[
    ("actors", "SELECT COUNT(*) FROM actors"),
    ("published, live", "SELECT COUNT(*) FROM actors WHERE published = TRUE AND archived_at IS NULL"),
    ("archived", "SELECT COUNT(*) FROM actors WHERE archived_at IS NOT NULL"),
    ("tag rows", "SELECT COUNT(*) FROM actor_tags"),
    ("search term rows", "SELECT COUNT(*) FROM actor_terms"),
    ("audit entries", "SELECT COUNT(*) FROM audit_log"),
];

/// Published, live actors to visit, spread over the register, and the register's make-up.
async fn sample_ids(url: &str, count: usize) -> (Vec<Uuid>, Vec<(String, i64)>) {
    let store = Store::open(url).await.unwrap();
    let ids_sql = "SELECT id FROM actors WHERE published = TRUE AND archived_at IS NULL ORDER BY id";
    let ids: Vec<Uuid> =
        on_db!(&store.db, |pool| sqlx::query_scalar::<_, Uuid>(ids_sql).fetch_all(pool).await.unwrap());
    let mut facts = Vec::new();
    for (name, sql) in FACTS {
        let value: i64 =
            on_db!(&store.db, |pool| sqlx::query_scalar::<_, i64>(*sql).fetch_one(pool).await.unwrap());
        facts.push(((*name).to_owned(), value));
    }
    store.close().await;
    let mut rng = Rng::new(SEED ^ 0x1D5);
    let sample = (0..count.min(ids.len())).map(|_| ids[rng.below(ids.len())]).collect();
    (sample, facts)
}

// ---------------------------------------------------------------------------------------------
// Load

struct Endpoint {
    key: &'static str,
    label: String,
    urls: Arc<Vec<String>>,
    /// Has a latency target (the informational rows don't).
    targeted: bool,
    viewer: Viewer,
}

/// Who the clients of an endpoint are: anonymous browsers, or signed in through the login form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Viewer {
    Anonymous,
    /// City staff (the benchmark's staff accounts in turn).
    Staff,
    /// Organisation members, each client one of the member accounts.
    Member,
}

/// One signed-in client per concurrent worker, made once per kind of viewer and kept.
async fn signed_in_clients(server: &Server, viewer: Viewer, count: usize) -> Arc<Vec<reqwest::Client>> {
    let mut clients = Vec::with_capacity(count);
    for i in 0..count {
        let email = match viewer {
            Viewer::Staff => partnerships::staff_email(i % partnerships::STAFF_USERS),
            Viewer::Member => partnerships::member_email(i % partnerships::MEMBER_USERS),
            Viewer::Anonymous => unreachable!("anonymous clients are not signed in"),
        };
        clients.push(sign_in(client(), server, &email, partnerships::PASSWORD).await);
    }
    Arc::new(clients)
}

struct LoadResult {
    latencies_us: Vec<u32>,
    errors: u64,
    first_error: Option<String>,
    seconds: f64,
    bytes: u64,
    server_cpu_seconds: f64,
    client_cpu_seconds: f64,
    /// CPU used by processes other than the server and the load client, in core-seconds.
    others_cpu_seconds: f64,
    server_rss_kb: u64,
}

impl LoadResult {
    fn percentile_ms(&self, p: f64) -> f64 {
        percentile_ms(&self.latencies_us, p)
    }

    fn requests_per_second(&self) -> f64 {
        self.latencies_us.len() as f64 / self.seconds
    }
}

fn client() -> reqwest::Client {
    browser().pool_max_idle_per_host(1).timeout(Duration::from_secs(60)).build().unwrap()
}

struct WorkerResult {
    latencies_us: Vec<u32>,
    errors: u64,
    first_error: Option<String>,
    bytes: u64,
}

/// Closed loop: each client sends its next request as soon as the last answer is read, until
/// `duration` is over. Every successful latency is kept.
#[allow(clippy::too_many_arguments, reason = "one private helper of the benchmark")]
async fn load(
    server: &Server,
    urls: &Arc<Vec<String>>,
    clients: Option<&Arc<Vec<reqwest::Client>>>,
    concurrency: usize,
    duration: Duration,
    seed: u64,
    ticks: f64,
) -> LoadResult {
    let cpu_start = CpuSample::take(Some(server.pid()));
    let started = Instant::now();
    let deadline = started + duration;
    let mut workers = Vec::new();
    for worker in 0..concurrency {
        let urls = Arc::clone(urls);
        let base = server.address.clone();
        let signed_in = clients.map(|c| c[worker % c.len()].clone());
        workers.push(tokio::spawn(async move {
            let client = signed_in.unwrap_or_else(client);
            let mut rng = Rng::new(seed ^ (worker as u64).wrapping_mul(0x9E37_79B9));
            let mut result = WorkerResult {
                latencies_us: Vec::with_capacity(4096),
                errors: 0,
                first_error: None,
                bytes: 0,
            };
            while Instant::now() < deadline {
                let url = format!("{base}{}", urls[rng.below(urls.len())]);
                let sent = Instant::now();
                let outcome = match client.get(&url).send().await {
                    Ok(response) => {
                        let status = response.status();
                        match response.bytes().await {
                            Ok(body) if status.is_success() => Ok(body.len()),
                            Ok(_) => Err(format!("{status} for {url}")),
                            Err(e) => Err(format!("{e} for {url}")),
                        }
                    }
                    Err(e) => Err(format!("{e} for {url}")),
                };
                let micros = u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX);
                match outcome {
                    Ok(bytes) => {
                        result.latencies_us.push(micros);
                        result.bytes += bytes as u64;
                    }
                    Err(e) => {
                        result.errors += 1;
                        result.first_error.get_or_insert(e);
                    }
                }
            }
            result
        }));
    }
    let mut all = LoadResult {
        latencies_us: Vec::new(),
        errors: 0,
        first_error: None,
        seconds: 0.0,
        bytes: 0,
        server_cpu_seconds: 0.0,
        client_cpu_seconds: 0.0,
        others_cpu_seconds: 0.0,
        server_rss_kb: 0,
    };
    for worker in workers {
        let result = worker.await.unwrap();
        all.latencies_us.extend(result.latencies_us);
        all.errors += result.errors;
        all.bytes += result.bytes;
        if all.first_error.is_none() {
            all.first_error = result.first_error;
        }
    }
    all.seconds = started.elapsed().as_secs_f64();
    (all.server_cpu_seconds, all.client_cpu_seconds, all.others_cpu_seconds) =
        CpuSample::take(Some(server.pid())).since(cpu_start, ticks);
    all.server_rss_kb = proc_status_kb(server.pid(), "VmRSS").unwrap_or(0);
    all.latencies_us.sort_unstable();
    all
}

fn query(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap()
}

fn endpoints(ids: &[Uuid], live_published: i64) -> Vec<Endpoint> {
    let generator = Generator::new(SEED);
    let mut rng = Rng::new(SEED ^ 0xF117);
    let municipalities = &generator.municipalities;
    let area = |rng: &mut Rng| {
        let m = &municipalities[rng.weighted(&generator.by_population)];
        if !m.places.is_empty() && rng.chance(0.3) { rng.pick(&m.places).name } else { m.place.name }
    };
    let filtered: Vec<String> = (0..200)
        .map(|_| {
            let theme = THEMES[rng.weighted(&generator.themes)];
            format!("/actors?{}", query(&[("theme", theme), ("area", area(&mut rng))]))
        })
        .collect();
    let search: Vec<String> =
        SEARCH_QUERIES.iter().map(|q| format!("/actors?{}", query(&[("q", q)]))).collect();
    let actor: Vec<String> = ids.iter().map(|id| format!("/actors/{id}")).collect();
    let api: Vec<String> = (0..200)
        .map(|_| {
            let pairs: Vec<(&str, String)> = match rng.below(100) {
                0..=39 => vec![("q", (*rng.pick(SEARCH_QUERIES)).to_owned())],
                40..=69 => vec![
                    ("theme", THEMES[rng.weighted(&generator.themes)].to_owned()),
                    ("area", area(&mut rng).to_owned()),
                ],
                70..=84 => {
                    vec![("target_group", TARGET_GROUPS[rng.weighted(&generator.target_groups)].to_owned())]
                }
                _ => vec![
                    ("sector", "association".to_owned()),
                    ("area", area(&mut rng).to_owned()),
                    ("page", "2".to_owned()),
                ],
            };
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            format!("/api/v1/actors?{}", query(&pairs))
        })
        .collect();
    let last_page = (live_published / 25).max(1) as usize;
    let deep: Vec<String> = (0..500).map(|_| format!("/actors?page={}", rng.range(2, last_page))).collect();
    vec![
        Endpoint {
            key: "catalogue",
            label: "catalogue `/actors`".into(),
            urls: Arc::new(vec!["/actors".into()]),
            targeted: true,
            viewer: Viewer::Anonymous,
        },
        Endpoint {
            key: "filtered",
            label: "filtered `/actors?theme=…&area=…`".into(),
            urls: Arc::new(filtered),
            targeted: true,
            viewer: Viewer::Anonymous,
        },
        Endpoint {
            key: "search",
            label: "search `/actors?q=…`".into(),
            urls: Arc::new(search),
            targeted: true,
            viewer: Viewer::Anonymous,
        },
        Endpoint {
            key: "actor",
            label: "actor page + similar `/actors/{id}`".into(),
            urls: Arc::new(actor),
            targeted: true,
            viewer: Viewer::Anonymous,
        },
        Endpoint {
            key: "api",
            label: "API list `/api/v1/actors?…`".into(),
            urls: Arc::new(api),
            targeted: true,
            viewer: Viewer::Anonymous,
        },
        Endpoint {
            key: "catalogue-deep",
            label: "(info) deep pages `/actors?page=N`".into(),
            urls: Arc::new(deep),
            targeted: false,
            viewer: Viewer::Anonymous,
        },
    ]
}

/// Totals the API reports for some of the URLs, to show the queries find realistic sets.
async fn result_sizes(server: &Server, paths: &[String]) -> Vec<(String, i64, f64)> {
    let client = client();
    let mut out = Vec::new();
    for path in paths {
        let api = path.replacen("/actors?", "/api/v1/actors?", 1);
        let started = Instant::now();
        let body: serde_json::Value = client
            .get(format!("{}{api}", server.address))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap_or_default();
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        out.push((path.clone(), body["total"].as_i64().unwrap_or(-1), ms));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// CSV import

/// The import command's own help, if this build has `kumppani import`.
fn import_help(binary: &Path) -> Option<String> {
    let help = Command::new(binary).arg("--help").output().ok()?;
    let text = String::from_utf8_lossy(&help.stdout);
    let has_import = text.lines().any(|line| line.trim_start().starts_with("import"));
    if !has_import {
        return None;
    }
    let usage = Command::new(binary).args(["import", "actors", "--help"]).output().ok()?;
    Some(format!("{}{}", String::from_utf8_lossy(&usage.stdout), String::from_utf8_lossy(&usage.stderr)))
}

/// The generated register as CSV the way the app's own export writes it for Finnish Excel: UTF-8
/// with a byte order mark, `;` between cells, Finnish headers, tags joined with ", ", other lists
/// with " | " and their parts with " / ".
fn write_csv(path: &Path, count: usize) {
    if path.exists() {
        return;
    }
    let building = path.with_extension("building");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&building).unwrap());
    file.write_all(b"\xEF\xBB\xBF").unwrap();
    let mut writer =
        csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(file);
    writer
        .write_record([
            "Nimi",
            "Nimi ruotsiksi",
            "Nimi englanniksi",
            "Y-tunnus",
            "Rekisterinumero",
            "Sektori",
            "Verkkosivu",
            "Tarkoitus",
            "Ydinosaaminen",
            "Kohderyhmät",
            "Teemat",
            "Alueet",
            "Toiminta",
            "Resurssit",
            "Yhteyshenkilöt",
            "Julkaistu",
            "Piilotetut tiedot",
        ])
        .unwrap();
    let mut generator = Generator::new(SEED);
    for _ in 0..count {
        let a = generator.actor();
        let activities: Vec<String> =
            a.activities.iter().map(|x| format!("{} / {} / {}", x.what, x.when, x.place)).collect();
        let resources: Vec<String> =
            a.resources.iter().map(|r| format!("{}: {}", r.kind, r.description)).collect();
        let contacts: Vec<String> = a
            .contacts
            .iter()
            .map(|c| format!("{} / {} / {} / {}", c.name, c.role, c.email, c.phone))
            .collect();
        let private = a.private_fields.clone().unwrap_or_else(|| vec!["contacts".to_owned()]);
        let published = if a.published { "kyllä" } else { "ei" }.to_owned();
        writer
            .write_record([
                &a.name_fi,
                &a.name_sv,
                &a.name_en,
                &a.business_id,
                &a.register_number,
                &a.sector,
                &a.website,
                &a.purpose,
                &a.core_competence,
                &a.target_groups.join(", "),
                &a.themes.join(", "),
                &a.areas.join(", "),
                &activities.join(" | "),
                &resources.join(" | "),
                &contacts.join(" | "),
                &published,
                &private.join(", "),
            ])
            .unwrap();
    }
    writer.flush().unwrap();
    drop(writer);
    std::fs::rename(&building, path).unwrap();
}

struct Imported {
    seconds: f64,
    success: bool,
    rows: i64,
    peak_kb: u64,
    output: String,
}

async fn run_import(binary: &Path, backend: &Backend, csv: &Path) -> Imported {
    let url = match backend {
        Backend::Sqlite { .. } => {
            let path = bench_dir().join("import.db");
            remove_sqlite(&path);
            sqlite_url(&path)
        }
        Backend::Postgres { admin_url, base } => {
            pg_exec(admin_url, "DROP DATABASE IF EXISTS kumppani_bench_import WITH (FORCE)".into()).await;
            pg_exec(admin_url, "CREATE DATABASE kumppani_bench_import".into()).await;
            format!("{base}/kumppani_bench_import")
        }
    };
    let log_path = bench_dir().join("import.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let started = Instant::now();
    let mut child = kumppani(binary, &url, "data")
        .args(["import", "actors"])
        .arg(csv)
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    let mut peak_kb = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        peak_kb = peak_kb.max(proc_status_kb(child.id(), "VmHWM").unwrap_or(0));
        if started.elapsed() > Duration::from_secs(1800) {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let seconds = started.elapsed().as_secs_f64();
    let output = std::fs::read_to_string(&log_path).unwrap_or_default();
    let rows = match Store::open(&url).await {
        Ok(store) => {
            let rows = on_db!(&store.db, |pool| sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM actors")
                .fetch_one(pool)
                .await
                .unwrap_or(-1));
            store.close().await;
            rows
        }
        Err(_) => -1,
    };
    match backend {
        Backend::Sqlite { .. } => remove_sqlite(&bench_dir().join("import.db")),
        Backend::Postgres { admin_url, .. } => {
            pg_exec(admin_url, "DROP DATABASE IF EXISTS kumppani_bench_import WITH (FORCE)".into()).await;
        }
    }
    Imported { seconds, success: status.success(), rows, peak_kb, output }
}

// ---------------------------------------------------------------------------------------------
// Report

/// A log line without colour codes, cut to a readable length.
fn plain(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Skip to the end of the escape sequence (a letter).
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    if out.chars().count() > 300 {
        out = out.chars().take(300).collect::<String>() + " …";
    }
    out
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

fn mib(kb: u64) -> String {
    format!("{:.0} MiB", kb as f64 / 1024.0)
}

fn thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn cpu_model() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = info
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':').map(|(_, v)| v.trim().to_owned()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    format!("{cores} × {model}")
}

/// Writes a line of the report to standard output at once (it is teed to results.md).
macro_rules! out {
    ($report:expr, $($arg:tt)*) => {{
        let line = format!($($arg)*);
        println!("{line}");
        let _ = std::io::stdout().flush();
        $report.push_str(&line);
        $report.push('\n');
    }};
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args = Args::parse();
    let binary = server_binary(args.server.as_deref(), "bench/run.sh");
    let key = format!("{}_v{DATA_VERSION}_{:08x}", args.actors, code_hash() as u32);
    let backend = match args.database_url.as_deref() {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Backend::postgres(url)
        }
        Some(url) if url.starts_with("sqlite:") => {
            let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
            Backend::Sqlite { file: PathBuf::from(path) }
        }
        Some(url) => panic!("unsupported --database-url {url}: use sqlite://FILE or postgres://…"),
        None => Backend::Sqlite { file: bench_dir().join(format!("sqlite_{key}.db")) },
    };
    let ticks = clock_ticks_per_second();
    let mut report = String::new();

    // 1. The data set, generated once and cached.
    let sidecar = match &backend {
        Backend::Sqlite { file: cache } => cache.with_extension("generation"),
        Backend::Postgres { .. } => bench_dir().join(format!("postgres_{key}.generation")),
    };
    let generated = prepare_cache(&backend, &args, &key).await;
    if let Some(g) = &generated {
        std::fs::write(&sidecar, format!("{:.1} {} {}", g.seconds, g.actors, g.archived)).unwrap();
    }
    let generation_note = match &generated {
        Some(g) => format!(
            "generated now in **{:.1} s** ({:.0} actors/s, {} archived), through `services::actors::insert_in`, {} per transaction",
            g.seconds,
            g.actors as f64 / g.seconds,
            g.archived,
            args.batch
        ),
        None => {
            match std::fs::read_to_string(&sidecar).ok().and_then(|s| s.split(' ').next().map(str::to_owned))
            {
                Some(seconds) => {
                    format!("cached; generating it took **{seconds} s** (rerun with `--regenerate` to redo)")
                }
                None => "cached (generation time not recorded)".into(),
            }
        }
    };
    let anchor = partnerships::anchor_day();
    let suffix = layer_suffix(&args, anchor);
    let layer_note = match &suffix {
        Some(suffix) => {
            let layer_sidecar = match &backend {
                Backend::Sqlite { file: cache } => layer_path(cache, suffix).with_extension("generation"),
                Backend::Postgres { .. } => bench_dir().join(format!("postgres_{key}{suffix}.generation")),
            };
            match prepare_layer(&backend, &args, &key, suffix, generated.is_some()).await {
                Some(g) => {
                    std::fs::write(&layer_sidecar, format!("{:.1} {}", g.seconds, g.rows)).unwrap();
                    Some(format!(
                        "generated now in **{:.1} s** ({} rows with multi-row INSERTs, {} partnerships per transaction, then the accounts)",
                        g.seconds,
                        thousands(g.rows as i64),
                        args.batch
                    ))
                }
                None => Some(
                    match std::fs::read_to_string(&layer_sidecar)
                        .ok()
                        .and_then(|s| s.split(' ').next().map(str::to_owned))
                    {
                        Some(seconds) => format!("cached; generating it took **{seconds} s**"),
                        None => "cached (generation time not recorded)".into(),
                    },
                ),
            }
        }
        None => None,
    };
    let url = fresh_copy(&backend, &key, suffix.as_deref()).await;
    let (ids, facts) = sample_ids(&url, 2000).await;
    let (list_filtered, list_search) = partnerships::list_queries();
    let probe = match suffix {
        Some(_) => Some(partnerships::probe(&url, &list_filtered, &list_search).await),
        None => None,
    };
    let live_published = facts.iter().find(|(k, _)| k == "published, live").map_or(0, |(_, v)| *v);

    out!(report, "# Kumppani benchmark — {}, {} actors\n", backend.name(), thousands(args.actors as i64));
    out!(
        report,
        "- when: {} · commit {} · machine: {}",
        time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap(),
        git_describe(),
        cpu_model()
    );
    out!(
        report,
        "- load: {} concurrent clients (closed loop, keep-alive, one cookie jar each), {:.0} s per endpoint after {:.0} s warm-up; client and server share the machine",
        args.concurrency,
        args.duration.as_secs_f64(),
        args.warmup.as_secs_f64()
    );
    out!(report, "- server: `{}` (release), `RUST_LOG=warn`", binary.display());
    out!(report, "\n## Data set\n");
    out!(report, "- {generation_note}");
    let mut line = String::from("-");
    for (name, value) in &facts {
        let _ = write!(line, " {name}: {} ·", thousands(*value));
    }
    if let Backend::Sqlite { file: cache } = &backend {
        let size = std::fs::metadata(cache).map_or(0, |m| m.len());
        let _ = write!(line, " file: {} ·", mib(size / 1024));
    }
    out!(report, "{}", line.trim_end_matches(" ·"));

    if let (Some(probe), Some(note)) = (&probe, &layer_note) {
        out!(report, "\n### Partnerships and agreements (issue #3)\n");
        out!(
            report,
            "- {} partnerships with {} commitments between the actors, dates drawn around {anchor}; {note}",
            thousands(args.partnerships as i64),
            thousands(args.commitments as i64)
        );
        for line in &probe.lines {
            out!(report, "{line}");
        }
    }

    // 2. The server on a fresh copy.
    let mut server = Server::start(&binary, &url, "server.log", "data");
    server.wait_ready().await;
    let mut all = endpoints(&ids, live_published);
    if let Some(probe) = &probe {
        all.extend(partnerships::endpoints(&probe.ids, &list_filtered, &list_search));
    }
    for path in &args.paths {
        all.push(Endpoint {
            key: "custom",
            label: format!("(info) `{path}`"),
            urls: Arc::new(vec![path.clone()]),
            targeted: false,
            viewer: Viewer::Anonymous,
        });
    }
    let chosen: Vec<&Endpoint> = all
        .iter()
        .filter(|e| !args.skip_load && (args.only.is_empty() || args.only.iter().any(|k| k == e.key)))
        .collect();

    let search = &all[2];
    let filtered = &all[1];
    let sizes = result_sizes(&server, &search.urls).await;
    let mut line = String::from("- search hits (single cold request, ms): ");
    for (path, total, ms) in &sizes {
        let q = path.split_once("q=").map_or("", |(_, q)| q);
        let q: String = serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("q={q}"))
            .ok()
            .and_then(|v| v.into_iter().next())
            .map_or_else(String::new, |(_, v)| v);
        let _ = write!(line, "{q} {} ({ms:.0}) · ", thousands(*total));
    }
    out!(report, "{}", line.trim_end_matches(" · "));
    let sizes = result_sizes(&server, &filtered.urls[..20]).await;
    let mut totals: Vec<i64> = sizes.iter().map(|(_, t, _)| *t).collect();
    totals.sort_unstable();
    out!(
        report,
        "- filtered lists (first 20 of 200 theme × area pairs): results min {} · median {} · max {}",
        thousands(totals[0]),
        thousands(totals[totals.len() / 2]),
        thousands(totals[totals.len() - 1])
    );

    // 3. Load, endpoint by endpoint.
    out!(report, "\n## Load\n");
    out!(
        report,
        "| endpoint | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | errors | server CPU ms/req | KiB/resp | RSS after |"
    );
    out!(report, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut results = Vec::new();
    let mut signed_in: std::collections::HashMap<Viewer, Arc<Vec<reqwest::Client>>> =
        std::collections::HashMap::new();
    for (i, endpoint) in chosen.iter().enumerate() {
        let clients = match endpoint.viewer {
            Viewer::Anonymous => None,
            viewer => {
                if let std::collections::hash_map::Entry::Vacant(slot) = signed_in.entry(viewer) {
                    slot.insert(signed_in_clients(&server, viewer, args.concurrency).await);
                }
                signed_in.get(&viewer)
            }
        };
        if !args.quiet_wait.is_zero() {
            wait_quiet(Some(server.pid()), args.quiet_wait, ticks).await;
        }
        if !args.warmup.is_zero() {
            let seed = SEED ^ 0x3A3A ^ i as u64;
            load(&server, &endpoint.urls, clients, args.concurrency, args.warmup, seed, ticks).await;
        }
        let r =
            load(&server, &endpoint.urls, clients, args.concurrency, args.duration, SEED ^ i as u64, ticks)
                .await;
        let count = r.latencies_us.len().max(1) as f64;
        out!(
            report,
            "| {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.0} | {} | {:.2} | {:.1} | {} |",
            endpoint.label,
            thousands(r.latencies_us.len() as i64),
            r.percentile_ms(50.0),
            r.percentile_ms(95.0),
            r.percentile_ms(99.0),
            r.percentile_ms(100.0),
            r.requests_per_second(),
            r.errors,
            r.server_cpu_seconds * 1000.0 / count,
            r.bytes as f64 / count / 1024.0,
            mib(r.server_rss_kb)
        );
        if let Some(e) = &r.first_error {
            eprintln!("  first error on {}: {e}", endpoint.key);
        }
        eprintln!(
            "  {}: server CPU {:.1} s, load client CPU {:.1} s over {:.1} s",
            endpoint.key, r.server_cpu_seconds, r.client_cpu_seconds, r.seconds
        );
        results.push((*endpoint, r));
    }
    let peak = proc_status_kb(server.pid(), "VmHWM").unwrap_or(0);
    server.stop();
    out!(report, "\n- server peak memory (VmHWM): **{}**", mib(peak));
    let cpu_line = results
        .iter()
        .map(|(e, r)| {
            format!(
                "{} {:.0}/{:.0}/{:.0}%",
                e.key,
                r.server_cpu_seconds / r.seconds * 100.0,
                r.client_cpu_seconds / r.seconds * 100.0,
                r.others_cpu_seconds / r.seconds * 100.0
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    out!(report, "- CPU used by server / load client / other processes (100% = one core of two): {cpu_line}");
    drop_copy(&backend).await;

    // 4. CSV import.
    out!(report, "\n## CSV import\n");
    let import = if args.skip_import {
        out!(report, "- skipped (`--skip-import`)");
        None
    } else if let Some(help) = import_help(&binary) {
        let csv_path = bench_dir().join(format!("actors_{}_v{DATA_VERSION}_export.csv", args.actors));
        write_csv(&csv_path, args.actors);
        if !args.quiet_wait.is_zero() {
            wait_quiet(None, args.quiet_wait, ticks).await;
        }
        let imported = run_import(&binary, &backend, &csv_path).await;
        out!(
            report,
            "- `kumppani import actors {}`: **{:.1} s**, exit {}, {} actors in the database afterwards, peak memory {}",
            csv_path.display(),
            imported.seconds,
            if imported.success { "ok" } else { "FAILED" },
            thousands(imported.rows),
            mib(imported.peak_kb)
        );
        let usage = help.lines().next().unwrap_or_default().trim().to_owned();
        out!(
            report,
            "- the command: `{usage}`; the file: the app's own export format (BOM, `;`, Finnish headers)"
        );
        let tail: Vec<String> = imported.output.lines().rev().take(4).map(plain).collect();
        for line in tail.into_iter().rev() {
            out!(report, "  > {line}");
        }
        Some(imported)
    } else {
        out!(
            report,
            "- **pending**: this build has no `kumppani import` (checked `kumppani --help`); the benchmark will write the CSV and time the import once it does"
        );
        None
    };

    // 5. Verdict.
    out!(report, "\n## Against the targets\n");
    let mut all_pass = true;
    for (endpoint, r) in &results {
        if !endpoint.targeted {
            continue;
        }
        let p95 = r.percentile_ms(95.0);
        let ok = p95 <= TARGET_P95_MS && r.errors == 0;
        all_pass &= ok;
        out!(
            report,
            "- {}: p95 {p95:.1} ms ≤ {TARGET_P95_MS} ms, no errors — **{}**",
            endpoint.label,
            verdict(ok)
        );
        if endpoint.key == "catalogue" {
            let ok = r.requests_per_second() >= TARGET_CATALOGUE_RPS;
            all_pass &= ok;
            out!(
                report,
                "- catalogue throughput: {:.0} req/s ≥ {TARGET_CATALOGUE_RPS} — **{}**",
                r.requests_per_second(),
                verdict(ok)
            );
        }
    }
    match &import {
        Some(i) => {
            let ok = i.success && i.seconds <= TARGET_IMPORT_SECS;
            all_pass &= ok;
            out!(
                report,
                "- import of {} rows: {:.1} s ≤ {TARGET_IMPORT_SECS} s — **{}**",
                args.actors,
                i.seconds,
                verdict(ok)
            );
        }
        None => out!(report, "- import: pending"),
    }
    out!(report, "\n**Overall: {}**", if all_pass { "PASS" } else { "FAIL" });
    std::fs::write(bench_dir().join(format!("last-{}.md", backend.name().to_lowercase())), &report).unwrap();
}
