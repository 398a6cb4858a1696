//! Drawings exported for download: an SVG made by the domain (the value network map) as a PNG
//! or a PDF, with its text set in a bundled font so a server without fonts renders it the same.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, ImageHrefResolver, fontdb};

/// The family of the bundled font (Noto Sans, SIL Open Font License). Every generic family
/// (`sans-serif`, `serif`, …) and the default font resolve to it, so any font stack draws.
pub const FONT_FAMILY: &str = "Noto Sans";

/// Largest PNG, in pixels, that [`png`] makes: 32 megapixels, 128 MiB while drawing.
pub const MAX_PIXELS: u64 = 32 * 1024 * 1024;

/// Why an export failed. With the domain's SVG only [`RenderError::Size`] is expected, for a
/// scale too large; the others mean a bug or an SVG from elsewhere.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The input is not SVG that usvg can read.
    #[error("the SVG could not be read: {0}")]
    Svg(#[from] usvg::Error),
    /// The scale is zero, negative or not a finite number.
    #[error("the scale must be a positive number, not {0}")]
    Scale(f32),
    /// The image would have no pixels or more than [`MAX_PIXELS`].
    #[error("a {width} × {height} pixel image is empty or larger than {MAX_PIXELS} pixels")]
    Size { width: u64, height: u64 },
    /// The PNG encoder failed.
    #[error("the PNG could not be encoded: {0}")]
    Png(String),
    /// svg2pdf failed, e.g. on a font it could not subset.
    #[error("the PDF could not be made: {0}")]
    Pdf(svg2pdf::ConversionError),
}

/// The bundled font, loaded once: the bytes are static, so the database only indexes them.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for face in [notosans::REGULAR_TTF, notosans::BOLD_TTF] {
                db.load_font_source(fontdb::Source::Binary(Arc::new(face)));
            }
            db.set_sans_serif_family(FONT_FAMILY);
            db.set_serif_family(FONT_FAMILY);
            db.set_monospace_family(FONT_FAMILY);
            db.set_cursive_family(FONT_FAMILY);
            db.set_fantasy_family(FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Parses the SVG with the bundled font. Images that point at files or addresses are left
/// out: an export must never read the server's files, whatever the SVG says.
fn parse(svg: &str) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fonts(),
        image_href_resolver: ImageHrefResolver {
            resolve_data: ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    Ok(usvg::Tree::from_str(svg, &options)?)
}

/// The SVG as a PNG on a white background, `scale` times its own size in pixels (2.0 for a
/// sharp picture on a slide), each side rounded up to a whole pixel.
///
/// Fails on SVG that does not parse, a scale that is not a positive finite number, and an
/// image with no pixels or over [`MAX_PIXELS`]. A 30-actor map takes a fifth of a second of
/// CPU at scale 1: call it off the async runtime (`tokio::task::spawn_blocking`).
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    if !scale.is_finite() || scale <= 0.0 {
        return Err(RenderError::Scale(scale));
    }
    let tree = parse(svg)?;
    let size = tree.size();
    let width = (f64::from(size.width()) * f64::from(scale)).ceil() as u64;
    let height = (f64::from(size.height()) * f64::from(scale)).ceil() as u64;
    let too_large = width.saturating_mul(height) > MAX_PIXELS;
    let pixmap =
        (!too_large).then(|| Pixmap::new(u32::try_from(width).ok()?, u32::try_from(height).ok()?)).flatten();
    let Some(mut pixmap) = pixmap else { return Err(RenderError::Size { width, height }) };
    // Transparent pixels show as black or a checkerboard in many viewers and slide tools.
    pixmap.fill(Color::WHITE);
    resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| RenderError::Png(e.to_string()))
}

/// The SVG as a one-page PDF of the drawing's size (one SVG pixel is 0.75 pt, as in
/// browsers), with vector shapes and the text as selectable text in an embedded subset of the
/// bundled font. Tens of milliseconds for a 30-actor map; like [`png`], not for the runtime's
/// own threads.
pub fn pdf(svg: &str) -> Result<Vec<u8>, RenderError> {
    let tree = parse(svg)?;
    let page = svg2pdf::PageOptions { dpi: 96.0 };
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), page).map_err(RenderError::Pdf)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use kumppani_domain::actor::Tangibility;
    use kumppani_domain::value_network::NodeRef;
    use kumppani_domain::value_network::actions::{Action, ActionDetails, PlannedFlow};
    use kumppani_domain::value_network::layout::{EdgePath, FONT_SIZE, NodeBox, layout, text_width};
    use kumppani_domain::value_network::map::{FlowStatus, ValueMap, compare};
    use kumppani_domain::value_network::palette::CLIENTS_PAINT;
    use kumppani_domain::value_network::svg::{SvgOptions, SvgText, render};
    use kumppani_domain::value_network::workshop::{
        Note, NoteDetails, Plan, PlanActorInput, PlanInput, Question,
    };
    use resvg::tiny_skia::Pixmap;
    use uuid::Uuid;

    use super::*;

    const TEXT: SvgText<'static> = SvgText {
        title: "Arvoverkkokartta",
        description: "Nykytila; arvovirrat on lueteltu taulukossa kartan alla.",
        tangible: "aineellinen",
        intangible: "aineeton",
        new_flow: "uusi",
        strengthened_flow: "vahvistuu",
    };

    /// A map built as the server builds it: a validated plan and workshop I's notes. Parties
    /// are numbered: 0 is the clients, 1… the actors in `names`' order.
    fn map(names: &[&str], values: &[(usize, usize, &str)]) -> ValueMap {
        plan_and_map(names, values).1
    }

    fn plan_and_map(names: &[&str], values: &[(usize, usize, &str)]) -> (Plan, ValueMap) {
        let input = PlanInput {
            title: "Testikartta".into(),
            clients_name: "Asiakkaat / asukkaat".into(),
            actors: names
                .iter()
                .map(|n| PlanActorInput { name: (*n).into(), ..Default::default() })
                .collect(),
            ..Default::default()
        };
        let mut next = 0u128;
        let plan = input
            .validate(None, || {
                next += 1;
                Uuid::from_u128(next)
            })
            .unwrap();
        let node = |i: usize| if i == 0 { NodeRef::Clients } else { NodeRef::Actor(plan.actors[i - 1].id) };
        let notes: Vec<Note> = values
            .iter()
            .enumerate()
            .map(|(k, (from, to, text))| {
                let (question, author, about) = match (node(*from), node(*to)) {
                    (NodeRef::Clients, _) => (Question::BenefitFromClients, node(*to), None),
                    (_, NodeRef::Clients) => (Question::OfferToClients, node(*from), None),
                    (_, other) => (Question::OfferToActors, node(*from), other.actor_id()),
                };
                Note {
                    id: Uuid::from_u128(0x100 + k as u128),
                    participant_id: None,
                    hidden: false,
                    merged_into: None,
                    details: NoteDetails {
                        question,
                        author,
                        about,
                        text: (*text).into(),
                        tangibility: Tangibility::Intangible,
                    },
                }
            })
            .collect();
        let map = ValueMap::current(&plan, &[], &notes);
        (plan, map)
    }

    const LINKKU: (&[&str], &[(usize, usize, &str)]) = (
        &["Yhdistykset", "LINKKU", "Opiskelijat"],
        &[
            (1, 2, "Vapaaehtoisia"),
            (2, 1, "Näkyvyyttä"),
            (3, 2, "Opiskelijoiden työpanos"),
            (2, 0, "Palveluneuvonta kylillä"),
            (0, 2, "Palautetta reiteistä"),
        ],
    );

    fn linkku() -> ValueMap {
        map(LINKKU.0, LINKKU.1)
    }

    fn svg(map: &ValueMap) -> String {
        render(map, &SvgOptions { id_prefix: "vn-current", text: TEXT, comparison: None, focusable: false })
    }

    /// Where an arrow is at `t` of its way, on its line or curve.
    fn along(edge: &EdgePath, t: f64) -> (f64, f64) {
        let (a, b) = (edge.start, edge.end);
        match edge.control {
            None => (a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t),
            Some(c) => {
                let (u, w) = ((1.0 - t) * (1.0 - t), 2.0 * (1.0 - t) * t);
                (u * a.x + w * c.x + t * t * b.x, u * a.y + w * c.y + t * t * b.y)
            }
        }
    }

    fn hex(colour: &str) -> [u8; 3] {
        let channel = |i: usize| u8::from_str_radix(&colour[i..i + 2], 16).unwrap();
        [channel(1), channel(3), channel(5)]
    }

    fn pixel(image: &Pixmap, x: f64, y: f64) -> [u8; 3] {
        let p = image.pixel(x as u32, y as u32).unwrap();
        [p.red(), p.green(), p.blue()]
    }

    fn near(a: [u8; 3], b: [u8; 3]) -> bool {
        a.iter().zip(b).all(|(a, b)| a.abs_diff(b) <= 8)
    }

    /// Pixels of the text colour inside a label, away from its outline.
    fn text_pixels(image: &Pixmap, label: &NodeBox, scale: f64, colour: [u8; 3]) -> usize {
        let (half_w, half_h) = (label.width / 2.0 - 5.0, label.height / 2.0 - 5.0);
        let xs = ((label.centre.x - half_w) * scale) as u32..((label.centre.x + half_w) * scale) as u32;
        let ys = ((label.centre.y - half_h) * scale) as u32..((label.centre.y + half_h) * scale) as u32;
        ys.flat_map(|y| xs.clone().map(move |x| (x, y)))
            .filter(|(x, y)| near(pixel(image, f64::from(*x), f64::from(*y)), colour))
            .count()
    }

    #[test]
    fn a_png_has_the_drawings_size_its_colours_and_its_text() {
        let map = linkku();
        let drawn = layout(&map);
        for scale in [1.0, 2.0] {
            let png = png(&svg(&map), scale as f32).unwrap();
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
            let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
            let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
            assert_eq!(
                (width, height),
                ((drawn.width * scale).ceil() as u32, (drawn.height * scale).ceil() as u32)
            );

            let image = Pixmap::decode_png(&png).unwrap();
            assert_eq!(pixel(&image, 0.0, 0.0), [255, 255, 255], "a white background");
            for (node, label) in map.nodes.iter().zip(&drawn.nodes) {
                let paint = node.colour.map_or(CLIENTS_PAINT, |c| c.paint());
                // Just inside the box's left edge, beside the text.
                let left = (label.centre.x - label.width / 2.0 + 4.0) * scale;
                assert!(near(pixel(&image, left, label.centre.y * scale), hex(paint.fill)), "{}", node.name);
                let ink = text_pixels(&image, label, scale, hex(paint.text));
                assert!(ink as f64 > 20.0 * scale * scale, "{}: {ink} pixels of text", node.name);
            }
        }
    }

    /// The future map fades the flows the actions leave unchanged and colours the new one.
    #[test]
    fn the_future_maps_faded_and_new_flows_draw_as_in_a_browser() {
        let (plan, current) = plan_and_map(LINKKU.0, LINKKU.1);
        let students = NodeRef::Actor(plan.actors[2].id);
        let flow = PlannedFlow {
            from: students,
            to: NodeRef::Clients,
            value: "Terveyspisteet bussissa".into(),
            tangibility: Tangibility::Tangible,
        };
        let action = Action {
            id: Uuid::from_u128(0x900),
            details: ActionDetails {
                challenge_id: Uuid::from_u128(0x901),
                title: "Terveyspisteet bussiin".into(),
                steps: Vec::new(),
                owner: plan.actors[1].id,
                follow_up_by: None,
                follow_up_how: None,
                review_on: None,
                flows: vec![flow],
            },
        };
        let future = current.future(&plan, &[action]);
        let comparison = compare(&current, &future);
        let options =
            SvgOptions { id_prefix: "vn-future", text: TEXT, comparison: Some(&comparison), focusable: true };
        let svg = render(&future, &options);
        let image = Pixmap::decode_png(&png(&svg, 2.0).unwrap()).unwrap();
        let faded = hex(CLIENTS_PAINT.line).map(|c| 255 - (255 - c) / 2);
        let mut seen = Vec::new();
        for edge in &layout(&future).edges {
            let status = comparison.change(edge.from, edge.to).unwrap().status;
            let expected = match status {
                FlowStatus::Unchanged => faded,
                _ => hex(future.node(edge.from).unwrap().colour.unwrap().paint().line),
            };
            let (x, y) = along(edge, 0.3);
            let found = pixel(&image, x * 2.0, y * 2.0);
            assert!(found.iter().zip(expected).all(|(a, b)| a.abs_diff(b) <= 12), "{status:?}: {found:?}");
            seen.push(status);
        }
        assert!(seen.contains(&FlowStatus::New) && seen.contains(&FlowStatus::Unchanged));
        assert!(pdf(&svg).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn the_drawing_asks_for_the_bundled_font_and_it_is_the_only_one() {
        let svg = svg(&linkku());
        assert!(svg.contains("&#39;Noto Sans&#39;, sans-serif\""));
        let fonts = fonts();
        assert!(fonts.faces().all(|face| face.families.iter().any(|(name, _)| name == FONT_FAMILY)));
        for family in [fontdb::Family::SansSerif, fontdb::Family::Serif, fontdb::Family::Name("system-ui")] {
            let query =
                fontdb::Query { families: &[family, fontdb::Family::SansSerif], ..Default::default() };
            assert!(fonts.query(&query).is_some());
        }
    }

    #[test]
    fn finnish_and_swedish_letters_are_in_the_font_and_draw() {
        let names = ["Äänekosken Yhdistys ry", "Öljymäen nuoret", "Ålands förening rf"];
        let map =
            map(&names, &[(1, 2, "Työpajatilat"), (3, 0, "Ruotsinkielistä vertaistukea"), (2, 3, "Yö")]);
        let face = ttf_parser::Face::parse(notosans::REGULAR_TTF, 0).unwrap();
        for c in "äöåÄÖÅéü€–→…".chars() {
            assert!(face.glyph_index(c).is_some(), "{c}");
        }
        let svg = svg(&map);
        let drawn = layout(&map);
        let image = Pixmap::decode_png(&png(&svg, 1.0).unwrap()).unwrap();
        for (node, label) in map.nodes.iter().zip(&drawn.nodes) {
            let paint = node.colour.map_or(CLIENTS_PAINT, |c| c.paint());
            assert!(text_pixels(&image, label, 1.0, hex(paint.text)) > 20, "{}", node.name);
        }
        let pdf = pdf(&svg).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }

    /// The layout sizes labels from an estimate of the text's width in Arial-like fonts. Noto
    /// Sans is a little wider in some letters (n, o, u) and narrower in others (i, l, t, s), so
    /// a name may use some of its box's padding but must never reach the outline.
    #[test]
    fn names_in_the_bundled_font_stay_inside_their_boxes() {
        let face = ttf_parser::Face::parse(notosans::REGULAR_TTF, 0).unwrap();
        let em = f64::from(face.units_per_em());
        let width = |text: &str| -> f64 {
            text.chars()
                .map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).unwrap())
                .map(|advance| f64::from(advance) / em * FONT_SIZE)
                .sum()
        };
        let names = [
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
            "Nousiaisten Nuorisoseura ry",
            "Pöytyän Muistiyhdistys ry",
            "Mynämäen seurakunnan diakoniatyö",
            "Ålands förening för mental hälsa rf",
            "Öljymäen omakotiyhdistys",
            "Hyvinvointialueen nuorten mielenterveyspalvelut",
        ];
        let values: Vec<(usize, usize, &str)> = (1..=names.len()).map(|i| (i, 0, "Tietoa")).collect();
        let map = map(&names, &values);
        assert_eq!(map.nodes.len(), names.len() + 1);
        for label in &layout(&map).nodes {
            for line in &label.lines {
                let (real, room) = (width(line), label.width - 6.0);
                assert!(real <= room, "{line}: {real:.1} px in a {:.1} px box", label.width);
                assert!(real <= text_width(line) * 1.05, "{line}: {real:.1} against {:.1}", text_width(line));
            }
        }
    }

    #[test]
    fn a_pdf_is_one_page_with_the_font_embedded() {
        let pdf = pdf(&svg(&linkku())).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
        let contains = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
        assert!(contains(b"/Type /Page"));
        assert!(contains(b"/FontFile2"), "the font's glyphs are embedded");
        assert!(contains(b"NotoSans"), "and named");
        assert!(contains(b"/ToUnicode"), "so the text can be selected and searched");
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(matches!(png("ei kuva", 1.0), Err(RenderError::Svg(_))));
        assert!(matches!(pdf("<svg"), Err(RenderError::Svg(_))));
        let svg = svg(&linkku());
        for scale in [0.0, -1.0, f32::NAN, f32::INFINITY] {
            assert!(matches!(png(&svg, scale), Err(RenderError::Scale(_))), "{scale}");
        }
        assert!(matches!(png(&svg, 100.0), Err(RenderError::Size { .. })));
    }

    /// An image naming a file on the server is not drawn, so an export cannot leak files.
    #[test]
    fn files_named_in_the_svg_are_not_read() {
        let dir = std::env::temp_dir().join(format!("kumppani-render-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("secret.svg");
        std::fs::write(
            &secret,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#FF0000"/></svg>"##,
        )
        .unwrap();
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="{}" width="10" height="10"/></svg>"#,
            secret.display()
        );
        let image = Pixmap::decode_png(&png(&svg, 1.0).unwrap()).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(pixel(&image, 5.0, 5.0), [255, 255, 255]);
    }
}
