//! Attachments over the web: reading an uploaded file, and downloading one only as a file to
//! save, never shown inline, with the same access rules as the record it belongs to. Workshops'
//! background material comes and goes through the same two.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use kumppani_domain::attachment::{AttachmentType, MAX_BYTES};

use crate::error::{Error, Result};
use crate::services;
use crate::services::attachments::Owner;
use crate::web::controllers::parse_id;
use crate::web::csrf;
use crate::web::error::form_urlencoded_component;
use crate::web::forms::FormData;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// Upload routes take a 20 MB file and the form around it; other routes keep the global limit.
pub const UPLOAD_BODY_LIMIT: usize = MAX_BYTES + 64 * 1024;

/// A file posted with its CSRF token and the form's other fields; an empty or missing file
/// changes nothing.
#[derive(Default)]
pub struct UploadedFile {
    pub csrf_token: String,
    pub filename: String,
    pub bytes: Vec<u8>,
    fields: Vec<(String, String)>,
}

impl UploadedFile {
    /// A text field posted with the file, empty when missing.
    pub fn field(&self, name: &str) -> &str {
        self.fields.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
    }
}

pub async fn read_upload(
    multipart: std::result::Result<Multipart, MultipartRejection>,
) -> Result<UploadedFile> {
    let mut upload = UploadedFile::default();
    let Ok(mut multipart) = multipart else { return Ok(upload) };
    let failed = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::invalid("file", "attachment-too-large")
        } else {
            Error::BadRequest(e.body_text())
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(failed)? {
        match field.name().unwrap_or("") {
            "csrf_token" => upload.csrf_token = field.text().await.map_err(failed)?,
            "file" => {
                upload.filename = field.file_name().unwrap_or_default().to_owned();
                upload.bytes = field.bytes().await.map_err(failed)?.to_vec();
            }
            "" => {}
            name => {
                let name = name.to_owned();
                upload.fields.push((name, field.text().await.map_err(failed)?));
            }
        }
    }
    Ok(upload)
}

/// Reads an upload, checking the CSRF token of one that carries a file. One without a file
/// can change nothing, so it is refused for its empty file whatever its token.
pub async fn read_checked(
    state: &AppState,
    ctx: &RequestContext,
    multipart: std::result::Result<Multipart, MultipartRejection>,
) -> Result<UploadedFile> {
    let upload = read_upload(multipart).await?;
    if !upload.bytes.is_empty()
        && !ctx.bearer
        && !csrf::verify(&state.csrf_key, &ctx.session_token, &upload.csrf_token)
    {
        return Err(Error::Csrf);
    }
    Ok(upload)
}

/// Reads an upload and keeps it for `owner`, part of `partnership_id`; the caller has checked
/// that the viewer may add to it. An empty post is a field error, a bad token a CSRF failure.
pub async fn receive(
    state: &AppState,
    ctx: &RequestContext,
    multipart: std::result::Result<Multipart, MultipartRejection>,
    partnership_id: uuid::Uuid,
    owner: Owner,
) -> Result<()> {
    let upload = read_checked(state, ctx, multipart).await?;
    if upload.bytes.is_empty() {
        return Err(Error::invalid("file", "attachment-empty"));
    }
    let data_dir = &state.config.data_dir;
    services::attachments::add(
        &state.store,
        data_dir,
        partnership_id,
        owner,
        &upload.filename,
        &upload.bytes,
        ctx.change(),
    )
    .await
    .map(|_| ())
}

pub async fn download(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let (attachment, bytes) =
        services::attachments::read(&state.store, &state.config.data_dir, ctx.viewer(), parse_id(&id)?)
            .await?;
    Ok(file_response(&attachment.filename, attachment.file_type, bytes))
}

/// Removes a file from an agreement or deliverable and goes back to it.
pub async fn remove(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    _form: FormData,
) -> Result<Response> {
    let owner = services::attachments::remove(
        &state.store,
        &state.config.data_dir,
        ctx.viewer(),
        parse_id(&id)?,
        ctx.change(),
    )
    .await?;
    let back = match owner {
        Owner::Agreement(id) => format!("/agreements/{id}?notice=attachment-removed"),
        Owner::Deliverable(id) => format!("/deliverables/{id}?notice=attachment-removed"),
    };
    Ok(Redirect::to(&back).into_response())
}

/// A file to save, never to show: its type, its name for the save dialogue, and a policy that
/// lets nothing in it run should a browser open it anyway.
pub fn file_response(filename: &str, file_type: AttachmentType, bytes: Vec<u8>) -> Response {
    let ascii: String = filename
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' })
        .collect();
    let disposition =
        format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", form_urlencoded_component(filename));
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(file_type.mime()));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}
