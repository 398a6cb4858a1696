//! Downloading an attachment: only as a file to save, never shown inline, with the same access
//! rules as the record it belongs to.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::Result;
use crate::services;
use crate::web::controllers::parse_id;
use crate::web::error::form_urlencoded_component;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

pub async fn download(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let (attachment, bytes) =
        services::attachments::read(&state.store, &state.config.data_dir, ctx.viewer(), parse_id(&id)?)
            .await?;
    let ascii: String = attachment
        .filename
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        form_urlencoded_component(&attachment.filename)
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(attachment.file_type.mime()));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}
