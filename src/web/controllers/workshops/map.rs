//! The value network map pages: the current map (and, for a renewed workshop, what changed
//! since the previous run) drawn by the server, its table of flows with retagging, the
//! tangible/intangible filter, and saving or resetting where the parties are placed.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::actor::Tangibility;
use kumppani_domain::value_network::NodeRef;
use kumppani_domain::value_network::layout::{Point, layout_at};
use kumppani_domain::value_network::map::{FlowRow, FlowStatus, MapComparison, ValueMap};
use kumppani_domain::value_network::svg::{SvgOptions, SvgText, TITLE_VALUES_MAX, render_layout};
use serde::Deserialize;
use uuid::Uuid;

use super::{facilitator, participant_of};
use crate::error::{Error, Result};
use crate::services;
use crate::services::workshop_maps::{MapKind, PositionInput, RetagInput};
use crate::store::workshops::WorkshopRecord;
use crate::web::controllers::{html, parse_id};
use crate::web::forms::FormData;
use crate::web::i18n::Lang;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// A map with more values than this gets a list of the values by flow beside the drawing.
const SIDE_LIST_FROM: usize = 30;

/// The filter of the map pages and exports: `filter` marks a submitted filter form, so
/// unticking both boxes shows no flows rather than all of them.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MapParams {
    pub filter: Option<String>,
    pub tangible: Option<String>,
    pub intangible: Option<String>,
    pub notice: Option<String>,
}

impl MapParams {
    pub fn shows(&self, tangibility: Tangibility) -> bool {
        if self.filter.is_none() {
            return true;
        }
        match tangibility {
            Tangibility::Tangible => self.tangible.is_some(),
            Tangibility::Intangible => self.intangible.is_some(),
        }
    }

    /// The filter as a query string (with its `?`) for links that keep it, empty for none.
    pub fn query(&self) -> String {
        if self.filter.is_none() {
            return String::new();
        }
        let mut query = "?filter=1".to_owned();
        for tangibility in Tangibility::ALL {
            if self.shows(*tangibility) {
                query.push_str(&format!("&{}=1", tangibility.as_str()));
            }
        }
        query
    }

    /// The map with only the values the filter shows.
    pub fn apply(&self, map: &ValueMap) -> ValueMap {
        match (self.shows(Tangibility::Tangible), self.shows(Tangibility::Intangible)) {
            (true, true) => map.clone(),
            (true, false) => map.only(Tangibility::Tangible),
            (false, true) => map.only(Tangibility::Intangible),
            (false, false) => ValueMap { nodes: map.nodes.clone(), flows: Vec::new() },
        }
    }
}

/// The map drawn at the saved places, filtered. A filtered map is laid out with the parties
/// where the whole map puts them, so filtering never moves anyone.
pub fn draw(
    map: &ValueMap,
    saved: &BTreeMap<NodeRef, Point>,
    params: &MapParams,
    options: &SvgOptions<'_>,
) -> String {
    let whole = layout_at(map, saved);
    let shown = params.apply(map);
    if shown == *map {
        return render_layout(map, &whole, options);
    }
    let places: BTreeMap<NodeRef, Point> = whole.nodes.iter().map(|n| (n.node, n.centre)).collect();
    render_layout(&shown, &layout_at(&shown, &places), options)
}

/// The drawing's words in the reader's language.
pub struct MapWords {
    title: String,
    description: String,
    tangible: String,
    intangible: String,
    new_flow: String,
    strengthened_flow: String,
}

impl MapWords {
    pub fn new(lang: Lang, workshop_title: &str, description_key: &str) -> MapWords {
        MapWords {
            title: lang.t_args("map-svg-title", &[("title", workshop_title.to_owned())]),
            description: lang.t(description_key),
            tangible: lang.t("tangibility-tangible"),
            intangible: lang.t("tangibility-intangible"),
            new_flow: lang.t("map-flow-new"),
            strengthened_flow: lang.t("map-flow-strengthened"),
        }
    }

    pub fn options<'a>(
        &'a self,
        id_prefix: &'a str,
        comparison: Option<&'a MapComparison>,
        focusable: bool,
    ) -> SvgOptions<'a> {
        SvgOptions {
            id_prefix,
            text: SvgText {
                title: &self.title,
                description: &self.description,
                tangible: &self.tangible,
                intangible: &self.intangible,
                new_flow: &self.new_flow,
                strengthened_flow: &self.strengthened_flow,
            },
            comparison,
            focusable,
        }
    }
}

/// One flow in the side list: its ends and every value.
pub struct SideFlow {
    pub from_name: String,
    pub to_name: String,
    pub values: Vec<(String, Tangibility)>,
}

fn side_list(map: &ValueMap) -> Vec<SideFlow> {
    let name = |node| map.node(node).map(|n| n.name.clone()).unwrap_or_default();
    map.flows
        .iter()
        .map(|f| SideFlow {
            from_name: name(f.from),
            to_name: name(f.to),
            values: f.values.iter().map(|v| (v.text.clone(), v.tangibility)).collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "workshops/map.html")]
struct MapPage {
    page: Page,
    workshop_id: Uuid,
    kind: &'static str,
    /// The page's own address; its downloads add `.svg`, `.png` and `.pdf`.
    base: String,
    svg: String,
    rows: Vec<FlowRow>,
    side: Vec<SideFlow>,
    /// The facilitator may move parties and export; a participant only looks.
    staff: bool,
    /// Values are retagged here (the facilitator's view).
    retag: bool,
    tangible: bool,
    intangible: bool,
    query: String,
    saved: bool,
    has_previous: bool,
    tangibilities: &'static [Tangibility],
}

/// The map of `kind` with its comparison (for the future map), ready to draw.
pub async fn map_of(
    state: &AppState,
    record: &WorkshopRecord,
    kind: MapKind,
) -> Result<(ValueMap, Option<MapComparison>)> {
    let current = services::workshop_maps::current_of(&state.store, record).await?;
    Ok(match kind {
        MapKind::Current => (current, None),
        MapKind::Future => {
            let (future, comparison) =
                services::workshop_maps::future_of(&state.store, record, &current).await?;
            (future, Some(comparison))
        }
    })
}

/// Where a map's page is; its downloads are this with an extension.
pub fn map_path(id: Uuid, kind: MapKind) -> String {
    match kind {
        MapKind::Current => format!("/workshops/{id}/map"),
        MapKind::Future => format!("/workshops/{id}/map/future"),
    }
}

async fn map_page(
    state: &AppState,
    ctx: &RequestContext,
    (record, staff): (WorkshopRecord, bool),
    kind: MapKind,
    params: &MapParams,
) -> Result<Response> {
    let (map, comparison) = map_of(state, &record, kind).await?;
    let saved = services::workshop_maps::positions(&state.store, record.workshop.id, kind).await?;
    let (title_key, description_key) = match kind {
        MapKind::Current => ("map-current-title", "map-svg-description-current"),
        MapKind::Future => ("map-future-title", "map-svg-description-future"),
    };
    let words = MapWords::new(ctx.lang, &record.workshop.plan.title, description_key);
    let prefix = format!("vn-{}", kind.as_str());
    let svg = draw(&map, &saved, params, &words.options(&prefix, comparison.as_ref(), true));
    let shown = params.apply(&map);
    let mut page = Page::new(ctx, title_key);
    if staff {
        page = page
            .crumb("nav-home", "/")
            .crumb("workshops-title", "/workshops")
            .crumb_text(record.workshop.plan.title.clone(), &format!("/workshops/{}", record.workshop.id));
    }
    let page = page.with_notice(params.notice.as_deref());
    html(&MapPage {
        page,
        workshop_id: record.workshop.id,
        kind: kind.as_str(),
        base: map_path(record.workshop.id, kind),
        svg,
        rows: shown.rows(),
        side: if many(&shown) { side_list(&shown) } else { Vec::new() },
        staff,
        retag: staff,
        tangible: params.shows(Tangibility::Tangible),
        intangible: params.shows(Tangibility::Intangible),
        query: params.query(),
        saved: !saved.is_empty(),
        has_previous: record.previous_workshop_id.is_some(),
        tangibilities: Tangibility::ALL,
    })
}

/// The current map: for the facilitator with retagging, saving places and exports; for a
/// participant of this workshop (by their cookie) to look at only.
pub async fn current(
    State(state): State<AppState>,
    ctx: RequestContext,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<MapParams>,
) -> Result<Response> {
    let viewer = match facilitator(&state, &ctx, &id).await {
        Ok(record) => (record, true),
        Err(Error::NotFound) => {
            let (record, _, _) =
                participant_of(&state, &headers, parse_id(&id)?).await?.ok_or(Error::NotFound)?;
            (record, false)
        }
        Err(e) => return Err(e),
    };
    map_page(&state, &ctx, viewer, MapKind::Current, &params).await
}

/// The future map: the current one with the values of workshop II's actions, new and
/// strengthened flows marked (staff).
pub async fn future(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<MapParams>,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    map_page(&state, &ctx, (record, true), MapKind::Future, &params).await
}

/// Whether the drawing's titles are not enough: many values, or a flow whose title is cut.
fn many(map: &ValueMap) -> bool {
    map.value_count() > SIDE_LIST_FROM || map.flows.iter().any(|f| f.values.len() > TITLE_VALUES_MAX)
}

/// One flow of a comparison as the table lists it.
pub struct ChangeRow {
    pub from_name: String,
    pub to_name: String,
    pub status: FlowStatus,
    pub added: Vec<String>,
}

fn change_rows(map: &ValueMap, comparison: &MapComparison) -> Vec<ChangeRow> {
    let name = |node| map.node(node).map(|n| n.name.clone()).unwrap_or_default();
    comparison
        .changes
        .iter()
        .filter(|c| c.status != FlowStatus::Unchanged)
        .map(|c| ChangeRow {
            from_name: name(c.from),
            to_name: name(c.to),
            status: c.status,
            added: c.added.clone(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "workshops/map_compare.html")]
struct ComparePage {
    page: Page,
    workshop_id: Uuid,
    /// The headings of the two drawings.
    before_heading: String,
    after_heading: String,
    before_svg: String,
    after_svg: String,
    changes: Vec<ChangeRow>,
}

/// The current and the future map side by side, new and strengthened flows marked in the
/// future one and listed in a table (staff).
pub async fn compare(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let current = services::workshop_maps::current_of(&state.store, &record).await?;
    let (future, comparison) = services::workshop_maps::future_of(&state.store, &record, &current).await?;
    let all = MapParams::default();
    let id = record.workshop.id;
    let title = &record.workshop.plan.title;
    let current_saved = services::workshop_maps::positions(&state.store, id, MapKind::Current).await?;
    let future_saved = services::workshop_maps::positions(&state.store, id, MapKind::Future).await?;
    let current_words = MapWords::new(ctx.lang, title, "map-svg-description-current");
    let future_words = MapWords::new(ctx.lang, title, "map-svg-description-future");
    let page = Page::new(&ctx, "map-compare-title")
        .crumb("nav-home", "/")
        .crumb("workshops-title", "/workshops")
        .crumb_text(title.clone(), &format!("/workshops/{id}"));
    html(&ComparePage {
        before_heading: ctx.lang.t("map-now-heading"),
        after_heading: ctx.lang.t("map-future-heading"),
        before_svg: draw(&current, &current_saved, &all, &current_words.options("vn-current", None, false)),
        after_svg: draw(
            &future,
            &future_saved,
            &all,
            &future_words.options("vn-future", Some(&comparison), false),
        ),
        changes: change_rows(&future, &comparison),
        workshop_id: id,
        page,
    })
}

/// The previous run's current map beside this run's, with new and strengthened flows marked.
pub async fn changes(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let now = services::workshop_maps::current_of(&state.store, &record).await?;
    let (previous, before, comparison) =
        services::workshop_maps::changes(&state.store, &record, &now).await?.ok_or(Error::NotFound)?;
    let none = BTreeMap::new();
    let all = MapParams::default();
    let title = &record.workshop.plan.title;
    let before_words = MapWords::new(ctx.lang, &previous.workshop.plan.title, "map-svg-description-previous");
    let saved =
        services::workshop_maps::positions(&state.store, record.workshop.id, MapKind::Current).await?;
    let now_words = MapWords::new(ctx.lang, title, "map-svg-description-changes");
    let page = Page::new(&ctx, "map-changes-title")
        .crumb("nav-home", "/")
        .crumb("workshops-title", "/workshops")
        .crumb_text(title.clone(), &format!("/workshops/{}", record.workshop.id));
    html(&ComparePage {
        before_heading: ctx.lang.t("map-previous-heading"),
        after_heading: ctx.lang.t("map-current-heading"),
        before_svg: draw(&before, &none, &all, &before_words.options("vn-previous", None, false)),
        after_svg: draw(&now, &saved, &all, &now_words.options("vn-changed", Some(&comparison), false)),
        changes: change_rows(&now, &comparison),
        workshop_id: record.workshop.id,
        page,
    })
}

/// Back to a map page after a write.
fn back(id: Uuid, kind: MapKind, notice: &str) -> Response {
    Redirect::to(&format!("{}?notice={notice}", map_path(id, kind))).into_response()
}

/// Tags one value of a map tangible or intangible (a form per table row), then shows the map
/// it was sent from.
pub async fn retag(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let input = RetagInput {
        from: form.get("from").to_owned(),
        to: form.get("to").to_owned(),
        value: form.get("value").to_owned(),
        tangibility: form.get("tangibility").to_owned(),
    };
    services::workshop_maps::retag(&state.store, &state.live, ctx.viewer(), id, &input, ctx.change()).await?;
    Ok(back(id, MapKind::parse(form.get("map")).unwrap_or(MapKind::Current), "saved"))
}

/// Saves where the parties of a map were dragged (`node`, `x`, `y` repeated, from the page's
/// script), or with `action=reset` returns the map to the automatic layout.
pub async fn positions(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = facilitator(&state, &ctx, &id).await?.workshop.id;
    let kind = MapKind::parse(form.get("map")).ok_or(Error::NotFound)?;
    let input: Vec<PositionInput> = form
        .all("node")
        .into_iter()
        .zip(form.all("x"))
        .zip(form.all("y"))
        .map(|((node, x), y)| PositionInput { node, x, y })
        .collect();
    let reset = form.get("action") == "reset";
    let positions = (!reset).then_some(input.as_slice());
    // Only the page's script sends places, so bad ones get the general 422 page.
    services::workshop_maps::save_positions(&state.store, ctx.viewer(), id, kind, positions, ctx.change())
        .await?;
    Ok(Redirect::to(&format!("{}?notice=saved", map_path(id, kind))).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(filter: bool, tangible: bool, intangible: bool) -> MapParams {
        let on = |yes: bool| yes.then(|| "1".to_owned());
        MapParams { filter: on(filter), tangible: on(tangible), intangible: on(intangible), notice: None }
    }

    #[test]
    fn the_filter_shows_everything_until_submitted() {
        let all = params(false, false, false);
        assert!(all.shows(Tangibility::Tangible) && all.shows(Tangibility::Intangible));
        assert_eq!(all.query(), "");
        let tangible = params(true, true, false);
        assert!(tangible.shows(Tangibility::Tangible) && !tangible.shows(Tangibility::Intangible));
        assert_eq!(tangible.query(), "?filter=1&tangible=1");
        let none = params(true, false, false);
        assert_eq!(none.query(), "?filter=1", "unticking both shows no flows, not all");
    }

    #[test]
    fn many_values_get_a_side_list_by_flow() {
        use kumppani_domain::value_network::map::{Flow, FlowValue, MapNode};
        let actor = NodeRef::Actor(Uuid::from_u128(1));
        let value = |i: usize| FlowValue {
            text: format!("Arvo {i}"),
            tangibility: if i.is_multiple_of(2) { Tangibility::Tangible } else { Tangibility::Intangible },
            sources: Vec::new(),
        };
        let map = |values: usize| ValueMap {
            nodes: vec![
                MapNode { node: NodeRef::Clients, name: "Asukkaat".into(), colour: None },
                MapNode { node: actor, name: "Kirjasto".into(), colour: None },
            ],
            flows: vec![Flow { from: actor, to: NodeRef::Clients, values: (0..values).map(value).collect() }],
        };
        assert!(!many(&map(TITLE_VALUES_MAX)), "every value fits in the arrow's title");
        assert!(many(&map(TITLE_VALUES_MAX + 1)), "a title cut short");
        let side = side_list(&map(3));
        assert_eq!((side[0].from_name.as_str(), side[0].to_name.as_str()), ("Kirjasto", "Asukkaat"));
        assert_eq!(side[0].values.len(), 3);
        let only_tangible = params(true, true, false).apply(&map(4));
        assert_eq!(only_tangible.value_count(), 2);
        assert!(params(true, false, false).apply(&map(4)).flows.is_empty());
    }
}
