//! Value network map benchmark (issue #4): lays out and draws a deterministic map of 30 actors
//! and 500 values, exports it as PNG and PDF, and times Graphviz's `neato` and `dot` on the
//! same graph for comparison.
//!
//! ```sh
//! bench/map.sh                                  # release build, writes target/bench/map.md
//! bench/map.sh --runs 100 --graphviz-runs 10
//! ```
//!
//! See `bench/README.md` for what it measures.
//!
//! An example of `kumppani-render` (see its Cargo.toml): it needs only the domain and the
//! renderer, not the server. The map is built through the workshop's public API, from a plan
//! and notes, as the server builds it. Files it draws go to `--out` (default `target/bench`):
//! `map.svg`, `map.png`, `map.pdf` and `map.dot`.
#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark program: a broken set-up should stop it loudly, and it reports on standard output"
)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use kumppani_domain::actor::Tangibility;
use kumppani_domain::value_network::NodeRef;
use kumppani_domain::value_network::layout::{layout, stroke_width, wrap_label};
use kumppani_domain::value_network::map::{ValueMap, suggest_tangibility};
use kumppani_domain::value_network::palette::CLIENTS_PAINT;
use kumppani_domain::value_network::svg::{SvgOptions, SvgText, render};
use kumppani_domain::value_network::workshop::{Note, NoteDetails, PlanActorInput, PlanInput, Question};
use uuid::Uuid;

mod splitmix;

const ACTORS: usize = 30;
const VALUES: usize = 500;
/// Fixed seed: every run measures the same map.
const SEED: u64 = 0x4152_564F_5645_524B;
/// The issue's target for layout and SVG together.
const TARGET_MS: f64 = 100.0;

const PLACES: [&str; 10] = [
    "Turun",
    "Raision",
    "Kaarinan",
    "Naantalin",
    "Liedon",
    "Mynämäen",
    "Paimion",
    "Pöytyän",
    "Ruskon",
    "Nousiaisten",
];
const KINDS: [&str; 6] = [
    "Eläkeläiset ry",
    "Nuorisoseura ry",
    "Muistiyhdistys ry",
    "Martat ry",
    "Asukasyhdistys ry",
    "seurakunnan diakoniatyö",
];
const VALUE_WORDS: [&str; 16] = [
    "Vertaistukea",
    "Kokoustilat",
    "Vapaaehtoisia",
    "Paikallistuntemus",
    "Rahoitusta",
    "Kuljetuspalvelu",
    "Tietoa asukkaiden tarpeista",
    "Näkyvyyttä",
    "Opiskelijoiden työpanos",
    "Palautetta",
    "Yhteinen tapahtumakalenteri",
    "Asiantuntijuutta",
    "Ruoka-apu",
    "Retkiä ja tapahtumia",
    "Ohjausta palveluihin",
    "Välineitä lainaan",
];

struct Args {
    runs: usize,
    export_runs: usize,
    graphviz_runs: usize,
    out: PathBuf,
}

fn args() -> Args {
    let mut args = Args { runs: 50, export_runs: 20, graphviz_runs: 5, out: PathBuf::from("target/bench") };
    let mut raw = std::env::args().skip(1);
    while let Some(flag) = raw.next() {
        let mut value = || raw.next().unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        let count = |v: String| v.parse::<usize>().ok().filter(|n| *n > 0).unwrap_or_else(|| usage(&v));
        match flag.as_str() {
            "--runs" => args.runs = count(value()),
            "--export-runs" => args.export_runs = count(value()),
            "--graphviz-runs" => args.graphviz_runs = count(value()),
            "--out" => args.out = PathBuf::from(value()),
            _ => usage(&flag),
        }
    }
    args
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "map_layout: {problem}\nusage: map_layout [--runs N (50)] [--export-runs N (20)] \
         [--graphviz-runs N (5)] [--out DIR (target/bench)]"
    );
    std::process::exit(2)
}

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        splitmix::next(&mut self.0)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// 30 actors and 500 distinct values as workshop I's answers to questions 1 and 2, the
/// clients a party of their own.
fn sample_map() -> ValueMap {
    let input = PlanInput {
        title: "Varsinais-Suomen järjestöjen arvoverkko".into(),
        clients_name: "Asiakkaat / asukkaat".into(),
        actors: (0..ACTORS)
            .map(|i| PlanActorInput {
                name: format!("{} {}", PLACES[i % 10], KINDS[i % 6]),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    let mut next_id = 0u128;
    let plan = input
        .validate(None, || {
            next_id += 1;
            Uuid::from_u128(0xA000 + next_id)
        })
        .unwrap();
    let mut rng = Rng(SEED);
    // Parties are numbered: 0 is the clients, 1… the actors. Every actor works with the
    // clients and with a few other actors, the first five (hubs) with more; values flow
    // both ways along those relations, as a workshop's answers do.
    let mut relations = BTreeSet::new();
    for a in 1..=ACTORS {
        relations.insert((0, a));
        let partners = 2 + rng.below(3) + if a <= 5 { 4 } else { 0 };
        for _ in 0..partners {
            let b = 1 + rng.below(ACTORS);
            if b != a {
                relations.insert((a.min(b), a.max(b)));
            }
        }
    }
    let relations: Vec<(usize, usize)> = relations.into_iter().collect();
    let node = |i: usize| if i == 0 { NodeRef::Clients } else { NodeRef::Actor(plan.actors[i - 1].id) };
    let notes: Vec<Note> = (0..VALUES)
        .map(|k| {
            let (a, b) = relations[rng.below(relations.len())];
            let (from, to) = if rng.below(2) == 0 { (a, b) } else { (b, a) };
            let text = format!("{} {}", VALUE_WORDS[rng.below(VALUE_WORDS.len())], k + 1);
            // 1a and 1b are what the author gives; 2b is what the clients give the author.
            let (question, author, about) = match (node(from), node(to)) {
                (NodeRef::Clients, _) => (Question::BenefitFromClients, node(to), None),
                (_, NodeRef::Clients) => (Question::OfferToClients, node(from), None),
                (_, other) => (Question::OfferToActors, node(from), other.actor_id()),
            };
            Note {
                id: Uuid::from_u128(0xB000_0000 + k as u128),
                participant_id: None,
                hidden: false,
                merged_into: None,
                details: NoteDetails {
                    question,
                    author,
                    about,
                    tangibility: suggest_tangibility(&text),
                    text,
                },
            }
        })
        .collect();
    let map = ValueMap::current(&plan, &[], &notes);
    assert_eq!(map.nodes.len(), ACTORS + 1);
    assert_eq!(map.value_count(), VALUES);
    map
}

const TEXT: SvgText<'static> = SvgText {
    title: "Arvoverkkokartta",
    description: "Nykytila; arvovirrat on lueteltu taulukossa kartan alla.",
    tangible: "aineellinen",
    intangible: "aineeton",
    new_flow: "uusi",
    strengthened_flow: "vahvistuu",
};

fn svg_options() -> SvgOptions<'static> {
    SvgOptions { id_prefix: "vn-current", text: TEXT, comparison: None, focusable: false }
}

/// Milliseconds of each run, sorted.
fn time_runs(runs: usize, mut work: impl FnMut()) -> Vec<f64> {
    work();
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

/// Nearest rank on sorted times.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn dot_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The same graph for Graphviz: the nodes with their wrapped names and colours, and one edge
/// per flow, as wide as ours, labelled with its values one per line.
fn dot(map: &ValueMap) -> String {
    let mut dot = String::from(
        "digraph arvoverkko {\n  overlap=false;\n  node [shape=box, style=\"rounded,filled\", \
         fontname=\"Noto Sans\", fontsize=14];\n  edge [fontname=\"Noto Sans\", fontsize=11];\n",
    );
    for node in &map.nodes {
        let paint = node.colour.map_or(CLIENTS_PAINT, |c| c.paint());
        let _ = writeln!(
            dot,
            "  {} [label={}, fillcolor=\"{}\", fontcolor=\"{}\"{}];",
            dot_string(&node.node.key()),
            dot_string(&wrap_label(&node.name).join("\n")),
            paint.fill,
            paint.text,
            if node.node == NodeRef::Clients { ", penwidth=2.5" } else { "" },
        );
    }
    for flow in &map.flows {
        let colour = map.node(flow.from).and_then(|n| n.colour).map_or(CLIENTS_PAINT, |c| c.paint()).line;
        let values: Vec<String> = flow
            .values
            .iter()
            .map(|v| {
                let kind = if v.tangibility == Tangibility::Tangible { "aineellinen" } else { "aineeton" };
                format!("{} ({kind})", v.text)
            })
            .collect();
        let _ = writeln!(
            dot,
            "  {} -> {} [label={}, color=\"{colour}\", penwidth={:.1}];",
            dot_string(&flow.from.key()),
            dot_string(&flow.to.key()),
            dot_string(&values.join("\n")),
            stroke_width(flow.values.len()),
        );
    }
    dot.push_str("}\n");
    dot
}

fn graphviz_version(tool: &str) -> Option<String> {
    let output = Command::new(tool).arg("-V").stdin(Stdio::null()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stderr).trim().to_owned())
}

/// Wall time of whole `tool -Tsvg FILE -o /dev/null` runs, process start included.
fn time_graphviz(tool: &str, file: &PathBuf, runs: usize) -> Vec<f64> {
    time_runs(runs, || {
        let status = Command::new(tool)
            .args(["-Tsvg", "-o", "/dev/null"])
            .arg(file)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{tool} failed on {}", file.display());
    })
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn main() {
    let args = args();
    let Some(neato_version) = graphviz_version("neato") else {
        eprintln!("map_layout: Graphviz's `neato` is missing; install it with `apt-get install graphviz`");
        std::process::exit(1)
    };
    if graphviz_version("dot").is_none() {
        eprintln!("map_layout: Graphviz's `dot` is missing; install it with `apt-get install graphviz`");
        std::process::exit(1)
    }
    std::fs::create_dir_all(&args.out).unwrap();
    let load_before = load_average();

    let map = sample_map();
    let options = svg_options();
    let svg = render(&map, &options);
    let png = kumppani_render::png(&svg, 1.0).unwrap();
    let pdf = kumppani_render::pdf(&svg).unwrap();
    let dot_file = args.out.join("map.dot");
    for (name, bytes) in [("map.svg", svg.as_bytes()), ("map.png", &png[..]), ("map.pdf", &pdf[..])] {
        std::fs::write(args.out.join(name), bytes).unwrap();
    }
    std::fs::write(&dot_file, dot(&map)).unwrap();
    let drawn = layout(&map);

    let ours = [
        ("layout", args.runs, time_runs(args.runs, || drop(std::hint::black_box(layout(&map))))),
        (
            "layout + SVG",
            args.runs,
            time_runs(args.runs, || drop(std::hint::black_box(render(&map, &options)))),
        ),
        (
            "PNG (scale 1)",
            args.export_runs,
            time_runs(args.export_runs, || drop(kumppani_render::png(&svg, 1.0).unwrap())),
        ),
        (
            "PNG (scale 2)",
            args.export_runs,
            time_runs(args.export_runs, || drop(kumppani_render::png(&svg, 2.0).unwrap())),
        ),
        ("PDF", args.export_runs, time_runs(args.export_runs, || drop(kumppani_render::pdf(&svg).unwrap()))),
    ];
    let ours_median = percentile(&ours[1].2, 50.0);
    let graphviz = [
        ("Graphviz `neato`", time_graphviz("neato", &dot_file, args.graphviz_runs)),
        ("Graphviz `dot`", time_graphviz("dot", &dot_file, args.graphviz_runs)),
    ];

    let mut report = String::new();
    let _ = writeln!(
        report,
        "Map: {} parties ({ACTORS} actors and the clients), {} flows, {} values; drawing {:.0} × {:.0} px, \
         SVG {} kB, PNG {} kB, PDF {} kB.\n",
        map.nodes.len(),
        map.flows.len(),
        map.value_count(),
        drawn.width,
        drawn.height,
        svg.len() / 1024,
        png.len() / 1024,
        pdf.len() / 1024,
    );
    let _ = writeln!(report, "| step | runs | median ms | p95 ms | × ours (layout + SVG) |");
    let _ = writeln!(report, "| --- | ---: | ---: | ---: | ---: |");
    for (name, runs, times) in &ours {
        let _ = writeln!(
            report,
            "| {name} | {runs} | {:.2} | {:.2} | |",
            percentile(times, 50.0),
            percentile(times, 95.0)
        );
    }
    for (name, times) in &graphviz {
        let median = percentile(times, 50.0);
        let _ = writeln!(
            report,
            "| {name} | {} | {median:.1} | {:.1} | {:.0} |",
            args.graphviz_runs,
            percentile(times, 95.0),
            median / ours_median
        );
    }
    let p95 = percentile(&ours[1].2, 95.0);
    let verdict = if p95 <= TARGET_MS { "met" } else { "NOT met" };
    let _ = writeln!(
        report,
        "\nTarget: layout + SVG ≤ {TARGET_MS:.0} ms — p95 {p95:.2} ms, {verdict}. Graphviz times are whole \
         runs of `TOOL -Tsvg map.dot -o /dev/null` (process start included; {neato_version}); `neato` with \
         `overlap=false`. Load average before {load_before}, after {}.",
        load_average()
    );
    print!("{report}");
    std::fs::write(args.out.join("map.md"), report).unwrap();
}
