//! Where the map's parts go: actors on an ellipse around the clients, ordered so that parties
//! exchanging much sit side by side, spaced so no two labels overlap; arrows between them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::NodeRef;
use super::map::ValueMap;

pub const FONT_SIZE: f64 = 14.0;
pub const LINE_HEIGHT: f64 = 18.0;
pub const PADDING_X: f64 = 10.0;
pub const PADDING_Y: f64 = 7.0;
/// Labels wrap at this width; a longer single word widens its box instead of being cut.
const WRAP_WIDTH: f64 = 150.0;
/// Names that would need more lines get wider lines, so every name is shown whole.
const MAX_LINES: usize = 4;
/// Least space between any two labels, leaving room for an arrow between neighbours.
pub const GAP: f64 = 24.0;
/// Least space between the clients in the centre and any actor, for the arrows both ways.
const CENTRE_GAP: f64 = 64.0;
const MARGIN: f64 = 16.0;
/// Labels are wider than tall, so an ellipse wider than tall fits them in less space.
const ASPECT: f64 = 1.4;
/// Least space between an arrow and a label it passes.
const DETOUR_MARGIN: f64 = 4.0;
/// Room around a count shown on an arrow.
const BADGE_RADIUS: f64 = 12.0;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    fn plus(self, other: Point) -> Point {
        Point::new(self.x + other.x, self.y + other.y)
    }

    fn minus(self, other: Point) -> Point {
        Point::new(self.x - other.x, self.y - other.y)
    }

    fn times(self, k: f64) -> Point {
        Point::new(self.x * k, self.y * k)
    }

    fn length(self) -> f64 {
        self.x.hypot(self.y)
    }

    /// The unit vector this way, or none for a zero vector.
    fn unit(self) -> Option<Point> {
        let length = self.length();
        (length > 1e-9).then(|| self.times(1.0 / length))
    }

    /// A quarter turn, which in the y-down SVG plane is to the left of the direction.
    fn normal(self) -> Point {
        Point::new(self.y, -self.x)
    }
}

/// A party's label: its box, centred on `centre`, and its name in lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeBox {
    pub node: NodeRef,
    pub centre: Point,
    pub width: f64,
    pub height: f64,
    pub lines: Vec<String>,
}

impl NodeBox {
    /// Whether the boxes come closer than `gap` to each other.
    pub fn overlaps(&self, other: &NodeBox, gap: f64) -> bool {
        (self.centre.x - other.centre.x).abs() < (self.width + other.width) / 2.0 + gap
            && (self.centre.y - other.centre.y).abs() < (self.height + other.height) / 2.0 + gap
    }

    fn contains(&self, p: Point, margin: f64) -> bool {
        (p.x - self.centre.x).abs() < self.width / 2.0 + margin
            && (p.y - self.centre.y).abs() < self.height / 2.0 + margin
    }

    /// Where a ray from the centre towards `target` leaves the box, a little outside it.
    fn border_towards(&self, target: Point) -> Point {
        let Some(direction) = target.minus(self.centre).unit() else { return self.centre };
        let (half_w, half_h) = (self.width / 2.0 + 2.0, self.height / 2.0 + 2.0);
        let along_x = if direction.x.abs() > 1e-9 { half_w / direction.x.abs() } else { f64::INFINITY };
        let along_y = if direction.y.abs() > 1e-9 { half_h / direction.y.abs() } else { f64::INFINITY };
        self.centre.plus(direction.times(along_x.min(along_y)))
    }
}

/// One flow's arrow: a straight or quadratic path from `start` to `end`, an arrowhead
/// `head` whose first point is its tip, and where to show the number of values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgePath {
    pub from: NodeRef,
    pub to: NodeRef,
    pub start: Point,
    pub control: Option<Point>,
    pub end: Point,
    pub head: [Point; 3],
    pub stroke_width: f64,
    pub badge: Point,
}

/// The whole drawing, with the nodes and edges in the map's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgePath>,
}

/// Estimated advance of a character in ems for a sans-serif font: generous, so a real font
/// stays inside the estimate and labels do not touch.
fn char_width(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | ' ' => 0.3,
        'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' => 0.38,
        'm' | 'w' | 'M' | 'W' => 0.9,
        '0'..='9' => 0.58,
        c if c.is_uppercase() => 0.7,
        _ => 0.58,
    }
}

/// Estimated width of a line of label text in pixels.
pub fn text_width(text: &str) -> f64 {
    text.chars().map(char_width).sum::<f64>() * FONT_SIZE
}

fn wrap(text: &str, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line.push_str(word);
        } else if text_width(&line) + char_width(' ') * FONT_SIZE + text_width(word) <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A name in lines for its label: wrapped at [`WRAP_WIDTH`], or wider for a long name.
pub fn wrap_label(name: &str) -> Vec<String> {
    let mut width = WRAP_WIDTH;
    loop {
        let lines = wrap(name, width);
        if lines.len() <= MAX_LINES {
            return lines;
        }
        width += 20.0;
    }
}

/// Arrows thicken with the number of values, slowing down so a hundred stay drawable.
pub fn stroke_width(values: usize) -> f64 {
    (1.5 + 2.0 * (values.max(1) as f64 - 1.0).sqrt()).min(12.0)
}

fn label_box(node: NodeRef, name: &str) -> NodeBox {
    let lines = wrap_label(name);
    let text = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    NodeBox {
        node,
        centre: Point::new(0.0, 0.0),
        width: (text + 2.0 * PADDING_X).max(48.0),
        height: lines.len().max(1) as f64 * LINE_HEIGHT + 2.0 * PADDING_Y,
        lines,
    }
}

pub fn layout(map: &ValueMap) -> Layout {
    let mut nodes: Vec<NodeBox> = map.nodes.iter().map(|n| label_box(n.node, &n.name)).collect();
    let index = |node: NodeRef| map.nodes.iter().position(|n| n.node == node);
    let actors: Vec<usize> = (0..nodes.len()).filter(|i| map.nodes[*i].node != NodeRef::Clients).collect();
    let mut weight = vec![vec![0.0; actors.len()]; actors.len()];
    for flow in &map.flows {
        let slot = |node| index(node).and_then(|i| actors.iter().position(|a| *a == i));
        if let (Some(a), Some(b)) = (slot(flow.from), slot(flow.to)) {
            weight[a][b] += flow.values.len() as f64;
            weight[b][a] += flow.values.len() as f64;
        }
    }
    let order = circle_order(&weight);
    let clients = index(NodeRef::Clients);
    place_on_ellipse(&mut nodes, &actors, &order, clients);
    route(map, nodes)
}

/// The map with the parties in `saved` at those centres (canvas coordinates of an earlier
/// drawing, as the facilitator dragged them) and the rest where [`layout`] puts them; the
/// arrows are routed for the places used. The drawing is moved back onto the canvas, so
/// saving every party's place and drawing again gives the same picture.
pub fn layout_at(map: &ValueMap, saved: &BTreeMap<NodeRef, Point>) -> Layout {
    let default = layout(map);
    if saved.is_empty() {
        return default;
    }
    let mut nodes = default.nodes;
    for node in &mut nodes {
        if let Some(place) = saved.get(&node.node).filter(|p| p.x.is_finite() && p.y.is_finite()) {
            node.centre = *place;
        }
    }
    // Arrows first try bending towards the clients, which routing expects at the origin.
    let origin = nodes.iter().find(|n| n.node == NodeRef::Clients).map_or(Point::new(0.0, 0.0), |n| n.centre);
    for node in &mut nodes {
        node.centre = node.centre.minus(origin);
    }
    route(map, nodes)
}

/// The arrows between the placed labels, and everything moved onto the canvas.
fn route(map: &ValueMap, nodes: Vec<NodeBox>) -> Layout {
    let index = |node: NodeRef| map.nodes.iter().position(|n| n.node == node);
    let edges: Vec<EdgePath> = map
        .flows
        .iter()
        .filter_map(|flow| {
            let (a, b) = (index(flow.from)?, index(flow.to)?);
            let both_ways = map.flows.iter().any(|f| f.from == flow.to && f.to == flow.from);
            let others: Vec<&NodeBox> =
                nodes.iter().enumerate().filter(|(i, _)| *i != a && *i != b).map(|(_, n)| n).collect();
            // Worked out for the pair, so both directions take the same way round.
            let detour = if a < b {
                detour(&nodes[a], &nodes[b], &others)
            } else {
                detour(&nodes[b], &nodes[a], &others)
            };
            Some(edge(&nodes[a], &nodes[b], flow.values.len(), both_ways, detour))
        })
        .collect();
    fit_to_canvas(nodes, edges)
}

/// The actors' order around the ellipse. Crossing arrows are what make a map unreadable,
/// and they come from chords between distant places, so the order keeps the total of
/// values × distance around the circle small: a greedy chain of the strongest exchanges,
/// then swaps while any swap shortens it. Ties go to the map's order, so the result is the
/// same for the same map.
fn circle_order(weight: &[Vec<f64>]) -> Vec<usize> {
    let n = weight.len();
    let total = |i: usize| weight[i].iter().sum::<f64>();
    let Some(first) = (0..n).max_by(|a, b| total(*a).total_cmp(&total(*b)).then(b.cmp(a))) else {
        return Vec::new();
    };
    let mut order = vec![first];
    let mut placed = vec![false; n];
    placed[first] = true;
    while order.len() < n {
        let last = order[order.len() - 1];
        let to_placed = |i: usize| order.iter().map(|p| weight[*p][i]).sum::<f64>();
        let next = (0..n)
            .filter(|i| !placed[*i])
            .max_by(|a, b| {
                weight[last][*a]
                    .total_cmp(&weight[last][*b])
                    .then(to_placed(*a).total_cmp(&to_placed(*b)))
                    .then(b.cmp(a))
            })
            .unwrap_or(0);
        placed[next] = true;
        order.push(next);
    }
    let mut position = vec![0; n];
    for (p, node) in order.iter().enumerate() {
        position[*node] = p;
    }
    let distance = |a: usize, b: usize| {
        let d = a.abs_diff(b);
        d.min(n - d) as f64
    };
    for _ in 0..50 {
        let mut improved = false;
        for a in 0..n {
            for b in a + 1..n {
                let (pa, pb) = (position[a], position[b]);
                let delta: f64 = (0..n)
                    .filter(|k| *k != a && *k != b)
                    .map(|k| {
                        let pk = position[k];
                        weight[a][k] * (distance(pb, pk) - distance(pa, pk))
                            + weight[b][k] * (distance(pa, pk) - distance(pb, pk))
                    })
                    .sum();
                if delta < -1e-9 {
                    position.swap(a, b);
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|node| position[*node]);
    order
}

/// Puts the actors at equal angles on an ellipse around the origin, clockwise from the top,
/// growing it until no label comes within [`GAP`] of another or [`CENTRE_GAP`] of the
/// clients in the centre.
fn place_on_ellipse(nodes: &mut [NodeBox], actors: &[usize], order: &[usize], clients: Option<usize>) {
    let n = order.len();
    if n == 0 {
        return;
    }
    let widest = actors.iter().map(|i| nodes[*i].width.max(nodes[*i].height)).fold(0.0, f64::max);
    // Half the perimeter the labels need is a fair first guess at the radius.
    let needed: f64 = actors.iter().map(|i| nodes[*i].width / ASPECT + GAP).sum();
    let mut radius = (needed / std::f64::consts::TAU).max(widest / 2.0 + CENTRE_GAP);
    for _ in 0..400 {
        for (p, slot) in order.iter().enumerate() {
            let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * p as f64 / n as f64;
            nodes[actors[*slot]].centre = Point::new(radius * ASPECT * angle.cos(), radius * angle.sin());
        }
        let gap =
            |a: usize, b: usize| if Some(a) == clients || Some(b) == clients { CENTRE_GAP } else { GAP };
        let clash =
            (0..nodes.len()).any(|a| (a + 1..nodes.len()).any(|b| nodes[a].overlaps(&nodes[b], gap(a, b))));
        if !clash {
            return;
        }
        radius *= 1.05;
    }
}

/// How far a line from `a` to `b` must bend, as the offset of a quadratic curve's control
/// point from the middle, to keep off the labels of `others`: not at all when the straight
/// line is clear, else the least of a few bends, towards the centre first.
fn detour(a: &NodeBox, b: &NodeBox, others: &[&NodeBox]) -> Point {
    let none = Point::new(0.0, 0.0);
    let (from, to) = (a.centre, b.centre);
    let chord = to.minus(from);
    let Some(direction) = chord.unit() else { return none };
    let middle = from.plus(to).times(0.5);
    // The clients sit at the origin until the drawing is moved onto the canvas.
    let normal = direction.normal();
    let inward = if normal.x * middle.x + normal.y * middle.y > 0.0 { normal.times(-1.0) } else { normal };
    let clear = |bend: Point| {
        let control = middle.plus(bend);
        let samples = (chord.length() / 8.0).ceil().clamp(8.0, 200.0) as usize;
        (1..samples).all(|i| {
            let t = i as f64 / samples as f64;
            let p = from
                .times((1.0 - t) * (1.0 - t))
                .plus(control.times(2.0 * t * (1.0 - t)))
                .plus(to.times(t * t));
            !others.iter().any(|other| other.contains(p, DETOUR_MARGIN))
        })
    };
    if clear(none) {
        return none;
    }
    let bends = [0.2, 0.4, 0.6, 0.8, 1.0];
    bends
        .iter()
        .flat_map(|k| [inward.times(k * chord.length()), inward.times(-k * chord.length())])
        .find(|bend| clear(*bend))
        .unwrap_or(none)
}

/// An arrow from `a` to `b` along the pair's `detour`; arrows both ways between two parties
/// bend apart from it to either side.
fn edge(a: &NodeBox, b: &NodeBox, values: usize, both_ways: bool, detour: Point) -> EdgePath {
    let stroke_width = stroke_width(values);
    let middle = a.centre.plus(b.centre).times(0.5);
    let direction = b.centre.minus(a.centre).unit().unwrap_or(Point::new(1.0, 0.0));
    let mut bend = detour;
    if both_ways {
        // A quadratic curve's middle lies halfway to its control point.
        bend = bend.plus(direction.normal().times(2.0 * (6.0 + stroke_width)));
    }
    let control = (bend.length() > 0.0).then(|| middle.plus(bend));
    let start = a.border_towards(control.unwrap_or(b.centre));
    let tip = b.border_towards(control.unwrap_or(a.centre));
    let towards_tip = tip.minus(control.unwrap_or(start)).unit().unwrap_or(direction);
    let head_length = 7.0 + 1.5 * stroke_width;
    let base = tip.minus(towards_tip.times(head_length));
    let side = towards_tip.normal().times(head_length * 0.5);
    let head = [tip, base.plus(side), base.minus(side)];
    let end = base.plus(towards_tip.times(0.5));
    let badge = match control {
        Some(c) => start.times(0.25).plus(c.times(0.5)).plus(end.times(0.25)),
        None => start.plus(end).times(0.5),
    };
    EdgePath { from: a.node, to: b.node, start, control, end, head, stroke_width, badge }
}

/// Moves everything so the drawing starts at the margin, and sizes the canvas to hold the
/// labels, the curves (within their control points' hull) and the counts.
fn fit_to_canvas(mut nodes: Vec<NodeBox>, mut edges: Vec<EdgePath>) -> Layout {
    let mut min = Point::new(f64::INFINITY, f64::INFINITY);
    let mut max = Point::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut include = |p: Point, half_w: f64, half_h: f64| {
        min = Point::new(min.x.min(p.x - half_w), min.y.min(p.y - half_h));
        max = Point::new(max.x.max(p.x + half_w), max.y.max(p.y + half_h));
    };
    for node in &nodes {
        include(node.centre, node.width / 2.0, node.height / 2.0);
    }
    for edge in &edges {
        include(edge.badge, BADGE_RADIUS, BADGE_RADIUS);
        if let Some(control) = edge.control {
            // The curve's furthest point is at most halfway to its control point.
            include(
                edge.start.plus(edge.end).times(0.25).plus(control.times(0.5)),
                edge.stroke_width,
                edge.stroke_width,
            );
        }
    }
    if nodes.is_empty() {
        include(Point::new(0.0, 0.0), 0.0, 0.0);
    }
    let shift = Point::new(MARGIN - min.x, MARGIN - min.y);
    for node in &mut nodes {
        node.centre = node.centre.plus(shift);
    }
    for edge in &mut edges {
        edge.start = edge.start.plus(shift);
        edge.end = edge.end.plus(shift);
        edge.control = edge.control.map(|c| c.plus(shift));
        edge.head = edge.head.map(|p| p.plus(shift));
        edge.badge = edge.badge.plus(shift);
    }
    Layout { width: max.x - min.x + 2.0 * MARGIN, height: max.y - min.y + 2.0 * MARGIN, nodes, edges }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::value_network::fixtures::{TURKU_PARTNERS, big_map, named_map};
    use crate::value_network::linkku;
    use crate::value_network::map::ValueMap;

    fn assert_no_overlaps(layout: &Layout) {
        for (i, a) in layout.nodes.iter().enumerate() {
            for b in &layout.nodes[i + 1..] {
                assert!(!a.overlaps(b, 0.0), "{:?} overlaps {:?}", a.lines, b.lines);
            }
            assert!(a.centre.x - a.width / 2.0 >= 0.0 && a.centre.x + a.width / 2.0 <= layout.width);
            assert!(a.centre.y - a.height / 2.0 >= 0.0 && a.centre.y + a.height / 2.0 <= layout.height);
            for line in &a.lines {
                assert!(text_width(line) <= a.width - 2.0 * PADDING_X + 1e-9, "{line}");
            }
        }
    }

    #[test]
    fn labels_wrap_at_word_breaks_and_long_names_stay_whole() {
        assert_eq!(wrap_label("LINKKU"), ["LINKKU"]);
        assert_eq!(
            wrap_label("Turun seudun lihastautiyhdistys ry:n avustajakeskus"),
            ["Turun seudun", "lihastautiyhdistys", "ry:n avustajakeskus"]
        );
        let long = "Varsinais-Suomen sairaanhoitopiirin kuntayhtymän psykiatrian toimialueen \
                    kuntoutuspalveluiden alueellinen kehittämis- ja koordinaatioyksikkö";
        let lines = wrap_label(long);
        assert!(lines.len() <= MAX_LINES);
        assert_eq!(lines.join(" "), long.split_whitespace().collect::<Vec<_>>().join(" "));
    }

    #[test]
    fn twelve_actors_with_long_finnish_names_do_not_overlap() {
        let map = named_map(TURKU_PARTNERS);
        assert_eq!(map.nodes.len(), 13);
        let layout = layout(&map);
        assert_no_overlaps(&layout);
        assert_eq!(layout.edges.len(), map.flows.len());
    }

    /// Points along an arrow, for checking what it passes.
    fn along(edge: &EdgePath) -> impl Iterator<Item = Point> + '_ {
        let control = edge.control.unwrap_or(edge.start.plus(edge.end).times(0.5));
        (1..100).map(move |i| {
            let t = f64::from(i) / 100.0;
            edge.start
                .times((1.0 - t) * (1.0 - t))
                .plus(control.times(2.0 * t * (1.0 - t)))
                .plus(edge.end.times(t * t))
        })
    }

    #[test]
    fn arrows_keep_off_the_labels_they_do_not_join() {
        for map in [named_map(TURKU_PARTNERS), big_map(12, 100), big_map(30, 500)] {
            let layout = layout(&map);
            for edge in &layout.edges {
                let passed = layout.nodes.iter().filter(|n| n.node != edge.from && n.node != edge.to);
                for label in passed {
                    assert!(
                        along(edge).all(|p| !label.contains(p, 0.0)),
                        "{edge:?} crosses {:?}",
                        label.lines
                    );
                }
            }
        }
    }

    #[test]
    fn saved_places_are_kept_and_the_arrows_follow_them() {
        let map = named_map(&TURKU_PARTNERS[..4]);
        let drawn = layout(&map);
        let every: BTreeMap<NodeRef, Point> = drawn.nodes.iter().map(|n| (n.node, n.centre)).collect();
        let again = layout_at(&map, &every);
        for (a, b) in drawn.nodes.iter().zip(&again.nodes) {
            assert!(a.centre.minus(b.centre).length() < 1e-6, "saving every place changes nothing");
        }
        assert_eq!(layout_at(&map, &BTreeMap::new()), drawn);

        // One party dragged far to the right: the others keep their places relative to each
        // other, and its arrows start and end at its new label.
        let moved = drawn.nodes[1].node;
        let mut saved = every.clone();
        saved.insert(moved, Point::new(drawn.width + 400.0, 40.0));
        let after = layout_at(&map, &saved);
        let centre = |layout: &Layout, node| layout.nodes.iter().find(|n| n.node == node).unwrap().centre;
        let (a, b) = (drawn.nodes[2].node, drawn.nodes[3].node);
        let before_gap = centre(&drawn, a).minus(centre(&drawn, b));
        assert!(before_gap.minus(centre(&after, a).minus(centre(&after, b))).length() < 1e-6);
        assert!(centre(&after, moved).x > centre(&after, a).x + 300.0);
        let label = after.nodes.iter().find(|n| n.node == moved).unwrap();
        for edge in after.edges.iter().filter(|e| e.from == moved) {
            assert!(label.contains(edge.start, 3.0), "{edge:?}");
        }
        for edge in after.edges.iter().filter(|e| e.to == moved) {
            assert!(label.contains(edge.head[0], 3.0), "{edge:?}");
        }
        assert!(after.width > drawn.width + 300.0, "the canvas grows to hold it");
        // Places that are no numbers are ignored.
        let mut broken = BTreeMap::new();
        broken.insert(moved, Point::new(f64::NAN, 1.0));
        for (a, b) in drawn.nodes.iter().zip(&layout_at(&map, &broken).nodes) {
            assert!(a.centre.minus(b.centre).length() < 1e-6);
        }
    }

    #[test]
    fn few_parties_fit_too() {
        for n in 0..4 {
            let layout = layout(&named_map(&TURKU_PARTNERS[..n]));
            assert_no_overlaps(&layout);
            assert_eq!(layout.nodes.len(), n + 1);
        }
    }

    #[test]
    fn thirty_actors_and_five_hundred_values_are_laid_out() {
        let map = big_map(30, 500);
        assert_eq!((map.nodes.len(), map.value_count()), (31, 500));
        assert_no_overlaps(&layout(&map));
    }

    #[test]
    fn parties_that_exchange_much_sit_side_by_side() {
        // 0–2 and 1–3 exchange much: placed in index order they would cross.
        let mut weight = vec![vec![0.0; 4]; 4];
        for (a, b, w) in [(0, 2, 5.0), (1, 3, 5.0), (0, 1, 1.0)] {
            weight[a][b] = w;
            weight[b][a] = w;
        }
        let order = circle_order(&weight);
        let position = |node| order.iter().position(|n| *n == node).unwrap();
        let adjacent = |a, b| {
            let d = position(a).abs_diff(position(b));
            d == 1 || d == 3
        };
        assert!(adjacent(0, 2) && adjacent(1, 3), "{order:?}");
        assert_eq!(circle_order(&weight), order);
    }

    #[test]
    fn arrows_both_ways_bend_apart_and_one_way_arrows_run_straight() {
        let workshop = linkku::workshop();
        let map = ValueMap::current(&workshop.plan, &linkku::participants(), &linkku::notes());
        let layout = layout(&map);
        let edge = |from, to| layout.edges.iter().find(|e| e.from == from && e.to == to).unwrap();
        let [clients, bus, yhdistykset, opiskelijat] = [
            NodeRef::Clients,
            NodeRef::Actor(linkku::LINKKU),
            NodeRef::Actor(linkku::YHDISTYKSET),
            NodeRef::Actor(linkku::OPISKELIJAT),
        ];
        let (there, back) = (edge(bus, clients), edge(clients, bus));
        let (c1, c2) = (there.control.unwrap(), back.control.unwrap());
        assert!(c1.minus(c2).length() > 10.0);
        assert_eq!(edge(clients, opiskelijat).control, None);
        assert!(edge(yhdistykset, bus).stroke_width > edge(clients, opiskelijat).stroke_width);
        for edge in &layout.edges {
            let head_tip = edge.head[0];
            assert!(head_tip.minus(edge.end).length() > 5.0, "the arrowhead sits at the end");
        }
    }
}
