//! The attention list: the page, its JSON at /api/v1/attention, and the calendar feed of its
//! deadlines at a secret address.

use askama::Template;
use axum::Json;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use kumppani_domain::attention::{AttentionItem, AttentionKind, Subject};
use kumppani_domain::commitment::DeliverableKind;
use kumppani_domain::ical::{CalendarEvent, calendar};
use serde::Deserialize;
use time::Date;

use crate::error::{Error, Result};
use crate::services;
use crate::services::attention::LINES_PER_PAGE;
use crate::store::attention::AttentionList;
use crate::web::controllers::html;
use crate::web::i18n::Lang;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// Where a line leads: the record that needs doing something.
pub fn link(item: &AttentionItem) -> String {
    match item.kind.subject() {
        Subject::Partnership => format!("/partnerships/{}", item.partnership_id),
        Subject::Agreement => format!("/agreements/{}", item.subject_id),
        Subject::Commitment => format!("/partnerships/{}#commitments", item.partnership_id),
        Subject::Deliverable => format!("/deliverables/{}", item.subject_id),
    }
}

/// A line's title in `lang`: the yearly cycle's documents are named by kind and grant year.
pub fn title(lang: Lang, item: &AttentionItem) -> String {
    match (item.deliverable_kind, item.year) {
        (Some(kind), Some(year)) if kind != DeliverableKind::General => {
            lang.t_args(&format!("deliverable-kind-{}", kind.as_str()), &[("year", year.to_string())])
        }
        _ => item.title.clone(),
    }
}

/// `?kind=` narrows the list to one kind, paged with `?page=`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AttentionParams {
    kind: String,
    page: String,
}

impl AttentionParams {
    fn kind(&self) -> Option<AttentionKind> {
        AttentionKind::parse(self.kind.trim())
    }

    fn page(&self) -> i64 {
        self.page.trim().parse().unwrap_or(1).clamp(1, 100_000)
    }
}

#[derive(Template)]
#[template(path = "attention/list.html")]
struct AttentionPage {
    page: Page,
    list: Arc<AttentionList>,
    city_wide: bool,
    /// The kind shown alone, with its page number and page count.
    only: Option<(AttentionKind, i64, i64)>,
}

impl AttentionPage {
    fn items_of(&self, kind: &AttentionKind) -> Vec<&AttentionItem> {
        self.list.items.iter().filter(|i| i.kind == *kind).collect()
    }

    fn count_of(&self, kind: &AttentionKind) -> i64 {
        self.list.counts.iter().find(|(k, _)| k == kind).map_or(0, |(_, count)| *count)
    }

    fn link(&self, item: &AttentionItem) -> String {
        link(item)
    }

    fn title(&self, item: &AttentionItem) -> String {
        title(self.page.lang, item)
    }

    /// "3 days late", "in 12 days" or the date itself, whichever says most.
    fn when(&self, item: &AttentionItem) -> String {
        let Some(date) = item.date else { return String::new() };
        let days = (date - self.list.today).whole_days();
        match item.kind {
            AttentionKind::CommitmentOverdue | AttentionKind::DeliverableOverdue => {
                self.page.t1("attention-days-late", "days", -days)
            }
            AttentionKind::CommitmentUpcoming | AttentionKind::DeliverableUpcoming => {
                self.page.t1("attention-due-in", "days", days)
            }
            AttentionKind::AgreementEnding => self.page.t1("attention-ends-on", "date", self.page.date(date)),
            AttentionKind::NoEvaluationDecision => {
                self.page.t1("attention-decision-due", "date", self.page.date(date))
            }
            _ => self.page.date(date),
        }
    }
}

/// The overview, or one kind's page of lines.
async fn load(
    state: &AppState,
    ctx: &RequestContext,
    params: &AttentionParams,
) -> Result<(Arc<AttentionList>, Option<(AttentionKind, i64, i64)>)> {
    let today = ctx.now.finnish_date();
    match params.kind() {
        None => Ok((services::attention::list(&state.store, ctx.viewer(), today).await?, None)),
        Some(kind) => {
            let page = params.page();
            let list = services::attention::list_kind(&state.store, ctx.viewer(), today, kind, page).await?;
            let count = list.counts.first().map_or(0, |(_, count)| *count);
            let pages = ((count + LINES_PER_PAGE - 1) / LINES_PER_PAGE).max(1);
            Ok((Arc::new(list), Some((kind, page, pages))))
        }
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<AttentionParams>,
) -> Result<Response> {
    ctx.viewer().ok_or(Error::Unauthorized)?;
    let (list, only) = load(&state, &ctx, &params).await?;
    let mut page = Page::new(&ctx, "attention-title").crumb("nav-home", "/");
    if let Some((kind, _, _)) = only {
        page = page
            .crumb("attention-title", "/attention")
            .titled(ctx.lang.t(&format!("attention-kind-{}", kind.as_str())));
    }
    html(&AttentionPage { page, list, city_wide: ctx.is_staff(), only })
}

pub async fn api(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<AttentionParams>,
) -> Result<Response> {
    let (list, only) = load(&state, &ctx, &params).await?;
    let items: Vec<serde_json::Value> = list
        .items
        .iter()
        .map(|item| {
            let mut value = serde_json::to_value(item).unwrap_or_default();
            value["link"] = link(item).into();
            value["title"] = title(ctx.lang, item).into();
            value
        })
        .collect();
    let counts: serde_json::Map<String, serde_json::Value> =
        list.counts.iter().map(|(kind, count)| (kind.as_str().to_owned(), (*count).into())).collect();
    let mut body = serde_json::json!({ "today": list.today.to_string(), "counts": counts, "items": items });
    if let Some((kind, page, pages)) = only {
        body["kind"] = kind.as_str().into();
        body["page"] = page.into();
        body["pages"] = pages.into();
        body["per_page"] = LINES_PER_PAGE.into();
    }
    Ok(Json(body).into_response())
}

/// The calendar feed: deadlines on the owner's attention list, in the owner's language.
pub async fn feed(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(file): Path<String>,
) -> Result<Response> {
    let token = file.strip_suffix(".ics").ok_or(Error::NotFound)?;
    let (owner, locale) = services::attention::calendar_owner(&state.store, token).await?;
    let lang = locale.as_deref().and_then(Lang::parse).unwrap_or(Lang::Fi);
    let today: Date = ctx.now.finnish_date();
    let items = services::attention::deadlines(&state.store, &owner, today).await?;
    let events: Vec<CalendarEvent> = items
        .iter()
        .filter_map(|item| {
            let date = item.date?;
            Some(CalendarEvent {
                uid: format!("{}-{}@kumppani", item.kind.as_str(), item.subject_id),
                date,
                summary: format!(
                    "{}: {}",
                    lang.t(&format!("attention-kind-{}", item.kind.as_str())),
                    item.title
                ),
                description: Some(item.partnership_name.clone()),
                url: Some(format!("{}{}", state.config.public_url, link(item))),
            })
        })
        .collect();
    let body = calendar(&lang.t("calendar-name"), &events, ctx.now.get());
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=300"));
    Ok(response)
}
