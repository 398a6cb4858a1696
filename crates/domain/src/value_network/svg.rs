//! The map drawn as SVG for the server to send: named and described for assistive technology,
//! every node and arrow titled and identifiable for hover, focus and script enhancement.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::NodeRef;
use super::layout::{FONT_SIZE, LINE_HEIGHT, Layout, Point, layout};
use super::map::{Flow, FlowStatus, MapComparison, MapNode, ValueMap};
use super::palette::{CLIENTS_PAINT, OUTLINE, Paint};
use crate::actor::Tangibility;

/// The words the drawing needs, in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct SvgText<'a> {
    pub title: &'a str,
    /// Says what the map shows and where its table is.
    pub description: &'a str,
    pub tangible: &'a str,
    pub intangible: &'a str,
    pub new_flow: &'a str,
    pub strengthened_flow: &'a str,
}

#[derive(Debug, Clone, Copy)]
pub struct SvgOptions<'a> {
    /// Starts every id in the drawing, so two maps can share a page (`vn-current`, `vn-future`).
    pub id_prefix: &'a str,
    pub text: SvgText<'a>,
    /// Marks the future map's new and strengthened flows and fades the unchanged ones.
    pub comparison: Option<&'a MapComparison>,
    /// Makes each node and arrow a focus stop named by its title; the drawing is then a
    /// group rather than one image, since an image's parts are hidden from assistive
    /// technology.
    pub focusable: bool,
}

/// A flow lists this many values in its title; the table lists them all.
pub const TITLE_VALUES_MAX: usize = 12;

/// Each system's own interface font, then Noto Sans, which the PNG and PDF exports bundle.
const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, 'Noto Sans', sans-serif";

/// Text for XML content and attribute values: markup characters escaped, and characters XML
/// does not allow at all left out.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An id prefix of letters, digits, - and _ only, starting with a letter.
fn id_prefix(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) { cleaned } else { format!("vn-{cleaned}") }
}

/// A coordinate rounded to a tenth of a pixel, never "-0".
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0".to_owned()
    } else if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

fn point(p: Point) -> String {
    format!("{},{}", num(p.x), num(p.y))
}

fn paint(node: Option<&MapNode>) -> Paint {
    node.and_then(|n| n.colour).map_or(CLIENTS_PAINT, |c| c.paint())
}

/// The map laid out by [`layout`] and drawn.
pub fn render(map: &ValueMap, options: &SvgOptions<'_>) -> String {
    render_layout(map, &layout(map), options)
}

/// The map drawn as `layout` places it (e.g. [`super::layout::layout_at`] with the places
/// the facilitator saved); `layout` must be of this map.
pub fn render_layout(map: &ValueMap, layout: &Layout, options: &SvgOptions<'_>) -> String {
    let prefix = id_prefix(options.id_prefix);
    let text = &options.text;
    let mut svg = String::with_capacity(4096 + map.value_count() * 160);
    let (width, height) = (num(layout.width), num(layout.height));
    let role = if options.focusable { "group" } else { "img" };
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{prefix}\" class=\"vn-map\" viewBox=\"0 0 {width} \
         {height}\" width=\"{width}\" height=\"{height}\" role=\"{role}\" aria-labelledby=\"{prefix}-title \
         {prefix}-desc\" font-family=\"{}\" font-size=\"{}\">",
        escape(FONT_FAMILY),
        num(FONT_SIZE),
    );
    let _ = write!(
        svg,
        "<title id=\"{prefix}-title\">{}</title><desc id=\"{prefix}-desc\">{}</desc>",
        escape(text.title),
        escape(text.description)
    );
    let focus = |svg: &mut String, id: &str| {
        if options.focusable {
            let _ = write!(svg, " tabindex=\"0\" role=\"img\" aria-labelledby=\"{id}-title\"");
        }
    };

    svg.push_str("<g class=\"vn-flows\">");
    let flows: BTreeMap<(NodeRef, NodeRef), &Flow> = map.flows.iter().map(|f| ((f.from, f.to), f)).collect();
    for (flow, edge) in layout.edges.iter().filter_map(|e| Some((*flows.get(&(e.from, e.to))?, e))) {
        let from = map.node(flow.from);
        let to = map.node(flow.to);
        let change = options.comparison.and_then(|c| c.change(flow.from, flow.to));
        let status = change.map(|c| c.status);
        let id = format!("{prefix}-flow-{}-{}", flow.from, flow.to);
        let _ = write!(
            svg,
            "<g class=\"vn-flow\" id=\"{id}\" data-from=\"{}\" data-to=\"{}\" data-values=\"{}\" \
             data-tangible=\"{}\"",
            flow.from,
            flow.to,
            flow.values.len(),
            flow.tangible_count()
        );
        if let Some(status) = status {
            let _ = write!(svg, " data-status=\"{}\"", status.as_str());
        }
        focus(&mut svg, &id);
        let title = flow_title(flow, from, to, status, text);
        let _ = write!(svg, "><title id=\"{id}-title\">{}</title>", escape(&title));
        let d = match edge.control {
            Some(c) => format!("M{} Q{} {}", point(edge.start), point(c), point(edge.end)),
            None => format!("M{} L{}", point(edge.start), point(edge.end)),
        };
        let line = if status == Some(FlowStatus::Unchanged) { CLIENTS_PAINT.line } else { paint(from).line };
        let (stroke_opacity, fill_opacity) = if status == Some(FlowStatus::Unchanged) {
            (" stroke-opacity=\"0.5\"", " fill-opacity=\"0.5\"")
        } else {
            ("", "")
        };
        // A wide invisible twin makes a thin arrow easy to point at.
        let _ = write!(
            svg,
            "<path d=\"{d}\" fill=\"none\" stroke=\"transparent\" stroke-width=\"{}\" pointer-events=\"stroke\"/>\
             <path d=\"{d}\" fill=\"none\" stroke=\"{line}\" stroke-width=\"{}\"{stroke_opacity}/>\
             <polygon points=\"{} {} {}\" fill=\"{line}\"{fill_opacity}/>",
            num(edge.stroke_width.max(14.0)),
            num(edge.stroke_width),
            point(edge.head[0]),
            point(edge.head[1]),
            point(edge.head[2]),
        );
        let badge = match change {
            Some(c) if c.status == FlowStatus::New => format!("{} {}", text.new_flow, flow.values.len()),
            Some(c) if c.status == FlowStatus::Strengthened => {
                format!("{} (+{})", flow.values.len(), c.added.len())
            }
            _ => flow.values.len().to_string(),
        };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"11\" \
             fill=\"#000000\" stroke=\"#FFFFFF\" stroke-width=\"3\" paint-order=\"stroke\">{}</text></g>",
            num(edge.badge.x),
            num(edge.badge.y),
            escape(&badge)
        );
    }
    svg.push_str("</g><g class=\"vn-nodes\">");
    for (node, label) in map.nodes.iter().zip(&layout.nodes) {
        let id = format!("{prefix}-node-{}", node.node);
        let _ = write!(svg, "<g class=\"vn-node\" id=\"{id}\" data-node=\"{}\"", node.node);
        if let Some(colour) = node.colour {
            let _ = write!(svg, " data-colour=\"{}\"", colour.as_str());
        }
        focus(&mut svg, &id);
        let _ = write!(svg, "><title id=\"{id}-title\">{}</title>", escape(&node.name));
        let paint = paint(Some(node));
        let clients = node.node == NodeRef::Clients;
        // The clients are a pill with a heavier outline, so shape tells them apart too.
        let (radius, outline) = if clients { (label.height / 2.0, 2.5) } else { (6.0, 1.5) };
        let _ = write!(
            svg,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" stroke=\"{OUTLINE}\" \
             stroke-width=\"{}\"/><text text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"{}\">",
            num(label.centre.x - label.width / 2.0),
            num(label.centre.y - label.height / 2.0),
            num(label.width),
            num(label.height),
            num(radius),
            paint.fill,
            num(outline),
            paint.text,
        );
        let first = label.centre.y - (label.lines.len() as f64 - 1.0) * LINE_HEIGHT / 2.0;
        for (i, line) in label.lines.iter().enumerate() {
            let _ = write!(
                svg,
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                num(label.centre.x),
                num(first + i as f64 * LINE_HEIGHT),
                escape(line)
            );
        }
        svg.push_str("</text></g>");
    }
    svg.push_str("</g></svg>");
    svg
}

/// "A → B: value (intangible); …", marked when new or strengthened, cut after
/// [`TITLE_VALUES_MAX`] values with the number left out.
fn flow_title(
    flow: &Flow,
    from: Option<&MapNode>,
    to: Option<&MapNode>,
    status: Option<FlowStatus>,
    text: &SvgText<'_>,
) -> String {
    fn name(node: Option<&MapNode>) -> &str {
        node.map(|n| n.name.as_str()).unwrap_or_default()
    }
    let mut title = match status {
        Some(FlowStatus::New) => format!("{}: ", text.new_flow),
        Some(FlowStatus::Strengthened) => format!("{}: ", text.strengthened_flow),
        _ => String::new(),
    };
    let _ = write!(title, "{} → {}: ", name(from), name(to));
    let values: Vec<String> = flow
        .values
        .iter()
        .take(TITLE_VALUES_MAX)
        .map(|v| {
            let kind = if v.tangibility == Tangibility::Tangible { text.tangible } else { text.intangible };
            format!("{} ({kind})", v.text)
        })
        .collect();
    title.push_str(&values.join("; "));
    if flow.values.len() > TITLE_VALUES_MAX {
        let _ = write!(title, "; … (+{})", flow.values.len() - TITLE_VALUES_MAX);
    }
    title
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::value_network::fixtures::{TURKU_PARTNERS, big_map, named_map};
    use crate::value_network::linkku;
    use crate::value_network::map::compare;
    use crate::value_network::workshop::{Note, Participant, Plan};

    const TEXT: SvgText<'static> = SvgText {
        title: "Arvoverkkokartta",
        description: "Nykytila; arvovirrat on lueteltu taulukossa kartan alla.",
        tangible: "aineellinen",
        intangible: "aineeton",
        new_flow: "uusi",
        strengthened_flow: "vahvistuu",
    };

    fn options(comparison: Option<&MapComparison>, focusable: bool) -> SvgOptions<'_> {
        SvgOptions { id_prefix: "vn-current", text: TEXT, comparison, focusable }
    }

    fn draw(plan: &Plan, participants: &[Participant], notes: &[Note]) -> String {
        let map = ValueMap::current(plan, participants, notes);
        render(&map, &options(None, false))
    }

    /// Tags nest and close, attribute values are quoted, and every & starts an entity.
    fn assert_well_formed(svg: &str) {
        let mut open: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(start) = rest.find('<') {
            assert_entities(&rest[..start]);
            let end = rest[start..].find('>').unwrap() + start;
            let tag = &rest[start + 1..end];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(open.pop().as_deref(), Some(name), "closing {name}");
            } else {
                let name: String = tag.chars().take_while(|c| !c.is_whitespace() && *c != '/').collect();
                assert_attributes(tag[name.len()..].trim_end_matches('/'));
                if !tag.ends_with('/') {
                    open.push(name);
                }
            }
            rest = &rest[end + 1..];
        }
        assert!(open.is_empty(), "unclosed {open:?}");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }

    fn assert_attributes(mut attributes: &str) {
        while !attributes.trim().is_empty() {
            let (name, after) = attributes.trim_start().split_once("=\"").unwrap();
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'), "{name}");
            let (value, after) = after.split_once('"').unwrap();
            assert!(!value.contains('<'), "{value}");
            assert_entities(value);
            attributes = after;
        }
    }

    fn assert_entities(text: &str) {
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| entity.starts_with(e)),
                "bare & in {text}"
            );
        }
    }

    #[test]
    fn the_same_map_draws_the_same_whatever_the_input_order() {
        let mut workshop = linkku::workshop();
        let mut participants = linkku::participants();
        let mut notes = linkku::notes();
        let svg = draw(&workshop.plan, &participants, &notes);
        assert_eq!(draw(&workshop.plan, &participants, &notes), svg);
        workshop.plan.actors.reverse();
        participants.rotate_left(1);
        notes.reverse();
        notes.swap(0, 7);
        assert_eq!(draw(&workshop.plan, &participants, &notes), svg);
        assert_well_formed(&svg);
    }

    #[test]
    fn names_and_values_are_escaped() {
        let mut workshop = linkku::workshop();
        workshop.plan.actors[0].name = "Yhdistykset <script>alert(\"x\")</script> & 'muut'".into();
        let mut notes = linkku::notes();
        notes[0].details.text = "Tilat & \"kahvit\" <b>ilmaiseksi</b>\u{1}".into();
        let svg = draw(&workshop.plan, &linkku::participants(), &notes);
        assert_well_formed(&svg);
        assert!(!svg.contains("<script") && !svg.contains("<b>"));
        assert!(
            svg.contains(
                "Yhdistykset &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;muut&#39;"
            )
        );
        assert!(svg.contains("Tilat &amp; &quot;kahvit&quot; &lt;b&gt;ilmaiseksi&lt;/b&gt; (aineeton)"));
        assert!(!svg.contains('\u{1}'));
    }

    #[test]
    fn the_drawing_is_named_and_its_parts_identifiable() {
        let workshop = linkku::workshop();
        let svg = draw(&workshop.plan, &linkku::participants(), &linkku::notes());
        assert!(svg.contains("role=\"img\" aria-labelledby=\"vn-current-title vn-current-desc\""));
        assert!(svg.contains("<title id=\"vn-current-title\">Arvoverkkokartta</title>"));
        assert!(svg.contains("viewBox=\"0 0 "));
        let bus = linkku::LINKKU;
        assert!(
            svg.contains(&format!(
                "id=\"vn-current-node-{bus}\" data-node=\"{bus}\" data-colour=\"sky_blue\""
            ))
        );
        assert!(svg.contains(&format!("id=\"vn-current-flow-clients-{bus}\" data-from=\"clients\"")));
        assert!(svg.contains("Asiakkaat / asukkaat → LINKKU: Palautetta reiteistä (aineeton)</title>"));
        assert!(!svg.contains("tabindex"));
        // Every actor's name is written out, not left to its colour.
        for actor in &workshop.plan.actors {
            assert!(svg.contains(&format!(">{}</tspan>", actor.name)));
        }
        assert!(!svg.contains("style="), "the CSP allows no inline styles");
        // The font stack ends in the font the PNG and PDF exports bundle.
        assert!(svg.contains("font-family=\"system-ui, -apple-system, &#39;Segoe UI&#39;, Roboto, Arial, &#39;Noto Sans&#39;, sans-serif\""));
    }

    #[test]
    fn a_focusable_drawing_is_a_group_of_titled_parts() {
        let map = named_map(&TURKU_PARTNERS[..3]);
        let svg = render(&map, &SvgOptions { id_prefix: "1 map", ..options(None, true) });
        assert!(svg.contains("id=\"vn-1-map\" class=\"vn-map\""));
        assert!(svg.contains("role=\"group\" aria-labelledby=\"vn-1-map-title vn-1-map-desc\""));
        let stops = svg.matches("tabindex=\"0\" role=\"img\" aria-labelledby=").count();
        assert_eq!(stops, map.nodes.len() + map.flows.len());
        assert_well_formed(&svg);
    }

    #[test]
    fn the_future_map_marks_what_the_actions_add() {
        let workshop = linkku::workshop();
        let current = ValueMap::current(&workshop.plan, &linkku::participants(), &linkku::notes());
        let future = current.future(&workshop.plan, &linkku::actions());
        let comparison = compare(&current, &future);
        let svg =
            render(&future, &SvgOptions { id_prefix: "vn-future", ..options(Some(&comparison), false) });
        assert_well_formed(&svg);
        assert_eq!(svg.matches("data-status=\"new\"").count(), 1);
        assert_eq!(svg.matches("data-status=\"strengthened\"").count(), 2);
        assert!(svg.contains(">uusi 1</text>"));
        assert!(svg.contains(">3 (+1)</text>"));
        assert!(svg.contains("<title id=\"vn-future-flow-"));
        assert!(svg.contains("stroke-opacity=\"0.5\""));
    }

    #[test]
    fn long_flows_are_cut_in_the_title_only() {
        let map = big_map(1, 40);
        let svg = render(&map, &options(None, false));
        assert!(svg.contains("; … (+"));
        assert_eq!(map.rows().len(), 40);
    }

    #[test]
    fn thirty_actors_and_five_hundred_values_are_drawn() {
        let map = big_map(30, 500);
        let svg = render(&map, &options(None, false));
        assert_well_formed(&svg);
        assert_eq!(svg.matches("class=\"vn-node\"").count(), 31);
        assert_eq!(svg.matches("class=\"vn-flow\"").count(), map.flows.len());
    }

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(-3.96), "-4");
        assert_eq!(escape("a\u{fffe}b\tc"), "ab\tc");
    }
}
