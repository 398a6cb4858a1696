//! Importing actors from CSV: the upload is checked row by row first (a dry run), kept on the
//! server under a name only its session can derive, and imported when the person confirms.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{MethodRouter, get};
use kumppani_domain::actor::Sector;
use kumppani_domain::role::can_create_actor;
use kumppani_domain::validation::FieldErrors;

use crate::error::{Error, Result};
use crate::services::secrets;
use crate::services::transfer::{self, ImportMode, ImportOptions, ImportReport, Requester, RowProblem};
use crate::web::controllers::{html, html_with_status};
use crate::web::csrf;
use crate::web::error::field_message;
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::{ABSOLUTE_TIMEOUT, RequestContext};
use crate::web::state::AppState;

/// Uploads may be this large; every other route keeps the global 1 MiB limit.
pub const UPLOAD_LIMIT: usize = 50 * 1024 * 1024;

#[derive(Template)]
#[template(path = "actors/import.html")]
struct ImportPage {
    page: Page,
    /// Problems with the upload itself, shown beside the file field.
    errors: FieldErrors,
    report: Option<ImportReport>,
    /// The opaque id of the kept upload, while it waits for confirmation.
    upload: Option<String>,
    default_sector: String,
    sectors: &'static [Sector],
}

impl ImportPage {
    fn new(ctx: &RequestContext) -> Self {
        let page = Page::new(ctx, "import-title").crumb("nav-home", "/").crumb("nav-actors", "/actors");
        Self {
            page,
            errors: FieldErrors::new(),
            report: None,
            upload: None,
            default_sector: String::new(),
            sectors: Sector::ALL,
        }
    }

    /// The column as the file names it, or the field's label where the file has no column.
    fn column(&self, problem: &RowProblem) -> String {
        let column = match &problem.column {
            Some(header) => header.clone(),
            None => self.page.t(field_label_key(&problem.error.field)),
        };
        match problem.item {
            Some(item) => {
                self.page.lang.t_args("import-column-item", &[("column", column), ("item", item.to_string())])
            }
            None => column,
        }
    }

    fn message(&self, problem: &RowProblem) -> String {
        field_message(self.page.lang, &problem.error)
    }

    fn file_error(&self) -> Option<String> {
        self.page.error(&self.errors, "file")
    }
}

fn field_label_key(field: &str) -> &'static str {
    match field.split('[').next().unwrap_or(field) {
        "name_fi" => "field-name-fi",
        "name_sv" => "field-name-sv",
        "name_en" => "field-name-en",
        "business_id" => "field-business-id",
        "register_number" => "field-register-number",
        "sector" => "field-sector",
        "website" => "field-website",
        "purpose" => "field-purpose",
        "core_competence" => "field-core-competence",
        "target_groups" => "field-target-groups",
        "themes" => "field-themes",
        "areas" => "field-areas",
        "activities" => "field-activities",
        "resources" => "field-resources",
        "contacts" => "field-contacts",
        "published" => "field-published",
        "private_fields" => "import-private-fields",
        _ => "import-whole-row",
    }
}

/// Importing is for city staff, as creating actors is.
fn require_staff(ctx: &RequestContext) -> Result<()> {
    match ctx.viewer() {
        None => Err(Error::Unauthorized),
        Some(_) if !can_create_actor(ctx.viewer()) => Err(Error::NotFound),
        Some(_) => Ok(()),
    }
}

/// The form and its upload, with the larger body limit uploads need.
pub fn upload_route() -> MethodRouter<AppState> {
    get(form).post(upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
}

pub async fn form(ctx: RequestContext) -> Result<Response> {
    require_staff(&ctx)?;
    html(&ImportPage::new(&ctx))
}

/// What the upload form sent.
#[derive(Default)]
struct Upload {
    csrf_token: String,
    default_sector: String,
    file: Vec<u8>,
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload> {
    let mut upload = Upload::default();
    let failed = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::PayloadTooLarge
        } else {
            Error::BadRequest(e.body_text())
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(failed)? {
        match field.name().unwrap_or("") {
            "csrf_token" => upload.csrf_token = field.text().await.map_err(failed)?,
            "default_sector" => upload.default_sector = field.text().await.map_err(failed)?,
            "file" => upload.file = field.bytes().await.map_err(failed)?.to_vec(),
            _ => {}
        }
    }
    Ok(upload)
}

/// Takes the file, checks every row and shows what an import would do.
pub async fn upload(
    State(state): State<AppState>,
    ctx: RequestContext,
    multipart: std::result::Result<Multipart, MultipartRejection>,
) -> Result<Response> {
    require_staff(&ctx)?;
    let mut view = ImportPage::new(&ctx);
    // A post that is not multipart carries no file, and so changes nothing either.
    let upload = match multipart {
        Ok(multipart) => read_upload(multipart).await?,
        Err(_) => Upload::default(),
    };
    if !upload.file.is_empty()
        && !ctx.bearer
        && !csrf::verify(&state.csrf_key, &ctx.session_token, &upload.csrf_token)
    {
        return Err(Error::Csrf);
    }
    let default_sector = Sector::parse(&upload.default_sector);
    view.default_sector = default_sector.map(|s| s.as_str().to_owned()).unwrap_or_default();
    if upload.file.is_empty() {
        view.errors.add("file", "required");
        return html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &view);
    }
    let (id, path) = keep(&state, &ctx, &upload.file).await?;
    let options = ImportOptions { mode: ImportMode::DryRun, default_sector };
    let requester = Requester::Person(ctx.viewer());
    let checked =
        transfer::import_actors(&state.store, requester, upload.file, options, ctx.change(), &mut |_, _| {})
            .await;
    match checked {
        Ok(report) => {
            if report.changes() > 0 {
                view.upload = Some(id);
            } else {
                remove(&path).await;
            }
            view.report = Some(report);
            html(&view)
        }
        Err(Error::Invalid(errors)) => {
            remove(&path).await;
            view.errors = errors;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &view)
        }
        Err(e) => {
            remove(&path).await;
            Err(e)
        }
    }
}

/// Imports the kept upload: all rows, or with `action=import-valid` the rows without problems.
pub async fn confirm(State(state): State<AppState>, ctx: RequestContext, form: FormData) -> Result<Response> {
    require_staff(&ctx)?;
    let mut view = ImportPage::new(&ctx);
    let default_sector = Sector::parse(form.get("default_sector"));
    view.default_sector = default_sector.map(|s| s.as_str().to_owned()).unwrap_or_default();
    let id = form.get("upload");
    let path = upload_path(&state, &ctx, id);
    if form.get("action") == "cancel" {
        if let Some(path) = &path {
            remove(path).await;
        }
        view.page.notice = Some(view.page.t("import-cancelled"));
        return html(&view);
    }
    // Claiming the upload by renaming it lets only one of two quick submissions import it;
    // rows without a Y-tunnus would otherwise be added twice.
    let claimed = match &path {
        Some(path) => claim(path).await,
        None => None,
    };
    let (Some(path), Some((claimed, bytes))) = (path, claimed) else {
        view.errors.add("file", "import-upload-expired");
        return html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &view);
    };
    let mode = if form.get("action") == "import-valid" {
        ImportMode::ValidRowsOnly
    } else {
        ImportMode::AllOrNothing
    };
    let options = ImportOptions { mode, default_sector };
    let requester = Requester::Person(ctx.viewer());
    let result =
        transfer::import_actors(&state.store, requester, bytes, options, ctx.change(), &mut |_, _| {}).await;
    match result {
        Ok(report) if report.imported => {
            remove(&claimed).await;
            view.page.notice = Some(view.page.t("import-done"));
            view.report = Some(report);
            html(&view)
        }
        // The register changed since the check, and some rows now have problems.
        Ok(report) => {
            release(&claimed, &path).await?;
            view.upload = Some(id.to_owned());
            view.report = Some(report);
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &view)
        }
        Err(Error::Invalid(errors)) => {
            remove(&claimed).await;
            let mut shown = FieldErrors::new();
            for error in errors.0 {
                shown.add_with("file", error.code, error.params);
            }
            view.errors = shown;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &view)
        }
        // Nothing was written: the upload stays for another try.
        Err(e) => {
            release(&claimed, &path).await?;
            Err(e)
        }
    }
}

/// Takes a kept upload for importing, or `None` if it is gone or another request has it.
async fn claim(path: &std::path::Path) -> Option<(PathBuf, Vec<u8>)> {
    let claimed = path.with_extension("importing");
    tokio::fs::rename(path, &claimed).await.ok()?;
    let bytes = tokio::fs::read(&claimed).await.ok()?;
    Some((claimed, bytes))
}

/// Puts a claimed upload back for the confirmation form shown again.
async fn release(claimed: &std::path::Path, path: &std::path::Path) -> Result<()> {
    tokio::fs::rename(claimed, path).await.map_err(Error::internal)
}

fn uploads_dir(state: &AppState) -> PathBuf {
    state.config.data_dir.join("imports")
}

/// Where an upload is kept: named by a hash of the session and the id, so the id alone —
/// the only thing the browser holds — leads nowhere from another session.
fn upload_path(state: &AppState, ctx: &RequestContext, id: &str) -> Option<PathBuf> {
    let well_formed =
        id.len() == 43 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    well_formed.then(|| {
        let name = secrets::token_hash(&format!("{}:{id}", ctx.session_token));
        uploads_dir(state).join(format!("{name}.csv"))
    })
}

/// Stores the upload and returns its id and path; old uploads nobody confirmed are removed on
/// the way.
async fn keep(state: &AppState, ctx: &RequestContext, bytes: &[u8]) -> Result<(String, PathBuf)> {
    let dir = uploads_dir(state);
    tokio::fs::create_dir_all(&dir).await.map_err(Error::internal)?;
    sweep(&dir).await;
    let id = secrets::random_token();
    let path = upload_path(state, ctx, &id).ok_or_else(|| Error::internal("random token is malformed"))?;
    tokio::fs::write(&path, bytes).await.map_err(Error::internal)?;
    Ok((id, path))
}

/// An upload outlives its session at most: after that no one can reach it.
async fn sweep(dir: &std::path::Path) {
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else { return };
    let max_age = Duration::from_secs(u64::try_from(ABSOLUTE_TIMEOUT.whole_seconds()).unwrap_or(43_200));
    while let Ok(Some(entry)) = entries.next_entry().await {
        let old = entry
            .metadata()
            .await
            .and_then(|m| m.modified())
            .is_ok_and(|at| SystemTime::now().duration_since(at).is_ok_and(|age| age > max_age));
        if old {
            remove(&entry.path()).await;
        }
    }
}

async fn remove(path: &std::path::Path) {
    if let Err(e) = tokio::fs::remove_file(path).await
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(error = %e, "could not remove a kept upload");
    }
}
