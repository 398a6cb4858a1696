//! A workshop's background files on its planning page: uploading one with a short
//! description, downloading and removing it, for the workshop's facilitators only.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::facilitator;
use super::form::refused_upload;
use crate::error::{Error, Result};
use crate::services;
use crate::services::workshop_attachments::Upload;
use crate::web::controllers::attachments::{file_response, read_checked};
use crate::web::controllers::parse_id;
use crate::web::forms::FormData;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

fn background_files(id: uuid::Uuid, notice: &str) -> Response {
    Redirect::to(&format!("/workshops/{id}/plan?notice={notice}#background-files")).into_response()
}

pub async fn upload(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    multipart: std::result::Result<Multipart, MultipartRejection>,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let id = record.workshop.id;
    let upload = read_checked(&state, &ctx, multipart).await?;
    let file =
        Upload { description: upload.field("description"), filename: &upload.filename, bytes: &upload.bytes };
    let data_dir = &state.config.data_dir;
    match services::workshop_attachments::add(&state.store, data_dir, ctx.viewer(), id, file, ctx.change())
        .await
    {
        Ok(_) => Ok(background_files(id, "attached")),
        Err(Error::Invalid(errors)) => {
            refused_upload(&state, &ctx, &record, errors, upload.field("description").to_owned()).await
        }
        Err(e) => Err(e),
    }
}

pub async fn download(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((id, attachment_id)): Path<(String, String)>,
) -> Result<Response> {
    let (file, bytes) = services::workshop_attachments::read(
        &state.store,
        &state.config.data_dir,
        ctx.viewer(),
        parse_id(&id)?,
        parse_id(&attachment_id)?,
    )
    .await?;
    Ok(file_response(&file.filename, file.file_type, bytes))
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path((id, attachment_id)): Path<(String, String)>,
    _form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    services::workshop_attachments::delete(
        &state.store,
        &state.config.data_dir,
        ctx.viewer(),
        id,
        parse_id(&attachment_id)?,
        ctx.change(),
    )
    .await?;
    Ok(background_files(id, "deleted"))
}
