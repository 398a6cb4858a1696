//! The actor list as a file: CSV for Excel, JSON, or XLSX — the list's filters and visibility,
//! every page of it.

use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::list::ListParams;
use crate::error::Result;
use crate::services::transfer::{self, ExportFormat, Requester};
use crate::web::session::RequestContext;
use crate::web::state::AppState;

pub async fn csv(state: State<AppState>, ctx: RequestContext, params: Query<ListParams>) -> Result<Response> {
    export(state, ctx, params, ExportFormat::Csv).await
}

pub async fn json(
    state: State<AppState>,
    ctx: RequestContext,
    params: Query<ListParams>,
) -> Result<Response> {
    export(state, ctx, params, ExportFormat::Json).await
}

pub async fn xlsx(
    state: State<AppState>,
    ctx: RequestContext,
    params: Query<ListParams>,
) -> Result<Response> {
    export(state, ctx, params, ExportFormat::Xlsx).await
}

async fn export(
    State(state): State<AppState>,
    ctx: RequestContext,
    Query(params): Query<ListParams>,
    format: ExportFormat,
) -> Result<Response> {
    let query = params.to_query(&ctx);
    let sheet_name = ctx.lang.t("export-sheet-name");
    let requester = Requester::Person(ctx.viewer());
    let body = transfer::export_actors(&state.store, requester, &query, format, ctx.lang.code(), &sheet_name)
        .await?;
    let filename =
        format!("{}-{}.{}", ctx.lang.t("export-file-name"), ctx.now.get().date(), format.extension());
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(format.content_type())),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
