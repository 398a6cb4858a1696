//! Browsing the audit log; there is deliberately no way to change it.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use kumppani_domain::role::can_read_audit_log;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::store::audit::{Entry, Filter};
use crate::web::controllers::html;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditParams {
    entity_type: String,
    entity_id: String,
    action: String,
    page: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    page: Page,
    entries: Vec<Entry>,
    params: AuditParams,
    current_page: u32,
    more: bool,
}

impl AuditPage {
    fn json(value: &Option<sqlx::types::Json<serde_json::Value>>) -> String {
        value.as_ref().and_then(|v| serde_json::to_string_pretty(&v.0).ok()).unwrap_or_default()
    }
}

pub async fn list(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<AuditParams>,
) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    if !can_read_audit_log(ctx.viewer()) {
        return Err(Error::NotFound);
    }
    let current_page = params.page.parse().unwrap_or(1).clamp(1, 1_000_000);
    let non_empty = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let filter = Filter {
        entity_type: non_empty(&params.entity_type),
        entity_id: uuid::Uuid::parse_str(params.entity_id.trim()).ok(),
        user_id: None,
        action: non_empty(&params.action),
        page: current_page,
        per_page: 50,
    };
    let (entries, more) = state.store.audit_entries(&filter).await?;
    let page = Page::new(&ctx, "audit-title").crumb("nav-home", "/");
    html(&AuditPage { page, entries, params, current_page, more })
}
