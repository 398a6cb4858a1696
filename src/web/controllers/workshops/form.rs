//! The planning form: why, background, the actors (from the register or by name), the clients,
//! convener, facilitator, date and place, and once the plan is saved, its background files.
//! Errors come back beside the fields with what was typed.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::validation::FieldErrors;
use kumppani_domain::value_network::workshop::{PlanActorInput, PlanInput, Purpose};
use uuid::Uuid;

use super::facilitator;
use super::show::ShowParams;
use crate::error::{Error, Result};
use crate::services;
use crate::store::Store;
use crate::store::attachments::WorkshopAttachment;
use crate::store::workshops::WorkshopRecord;
use crate::web::controllers::partnerships::resolve_actor;
use crate::web::controllers::{html, html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// Blank actor rows after the filled ones, so actors can be added without script.
const SPARE_ACTORS: usize = 3;

#[derive(Template)]
#[template(path = "workshops/form.html")]
struct FormPage {
    page: Page,
    action: String,
    input: PlanInput,
    actors: Vec<PlanActorInput>,
    errors: FieldErrors,
    version: Option<i64>,
    purposes: &'static [Purpose],
    /// A saved plan's background files; a new plan has none yet.
    background: Option<Background>,
}

/// The background files beside a saved plan, and the description typed for a refused upload.
struct Background {
    workshop_id: Uuid,
    files: Vec<WorkshopAttachment>,
    description: String,
}

impl FormPage {
    fn new(page: Page, action: String, input: PlanInput, errors: FieldErrors, version: Option<i64>) -> Self {
        let mut actors = input.actors.clone();
        let spare = SPARE_ACTORS.max(2usize.saturating_sub(actors.len()));
        actors.extend(std::iter::repeat_n(PlanActorInput::default(), spare));
        Self { page, action, input, actors, errors, version, purposes: Purpose::ALL, background: None }
    }

    /// The form of a saved plan, with its background files.
    async fn saved(
        state: &AppState,
        ctx: &RequestContext,
        record: &WorkshopRecord,
        input: PlanInput,
        (errors, version): (FieldErrors, i64),
        description: String,
    ) -> Result<Self> {
        let id = record.workshop.id;
        let page = edit_page(ctx, id, &record.workshop.plan.title);
        let files = services::workshop_attachments::list(&state.store, ctx.viewer(), id).await?;
        let mut form = Self::new(page, format!("/workshops/{id}/plan"), input, errors, Some(version));
        form.background = Some(Background { workshop_id: id, files, description });
        Ok(form)
    }

    fn chosen(&self, purpose: &Purpose) -> bool {
        self.input.purposes.iter().any(|p| p == purpose.as_str())
    }
}

/// Actor rows typed as a register actor's name, id or page address link to the register and
/// take its name; anything else is an actor added by name.
async fn resolved(store: &Store, typed: &PlanInput) -> Result<PlanInput> {
    let mut input = typed.clone();
    for row in &mut input.actors {
        let candidate = resolve_actor(store, &row.name).await?;
        let found = match Uuid::parse_str(&candidate) {
            Ok(id) => store.actor(id).await?.filter(|a| !a.is_archived()),
            Err(_) => None,
        };
        match found {
            Some(actor) => {
                row.register_id = actor.id.to_string();
                row.name = actor.details.name_fi;
            }
            None => row.register_id.clear(),
        }
    }
    Ok(input)
}

fn new_page(ctx: &RequestContext) -> Page {
    Page::new(ctx, "workshop-new-title").crumb("nav-home", "/").crumb("workshops-title", "/workshops")
}

fn edit_page(ctx: &RequestContext, id: Uuid, title: &str) -> Page {
    Page::new(ctx, "workshop-plan-title")
        .crumb("nav-home", "/")
        .crumb("workshops-title", "/workshops")
        .crumb_text(title, &format!("/workshops/{id}"))
}

pub async fn new(ctx: RequestContext) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    if !ctx.is_staff() {
        return Err(Error::NotFound);
    }
    html(&FormPage::new(new_page(&ctx), "/workshops".into(), PlanInput::default(), FieldErrors::new(), None))
}

pub async fn create(State(state): State<AppState>, ctx: RequestContext, form: FormData) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let typed = form.plan_input();
    let input = resolved(&state.store, &typed).await?;
    match services::workshops::create(&state.store, ctx.viewer(), &input, ctx.change()).await {
        Ok(record) => {
            Ok(Redirect::to(&format!("/workshops/{}?notice=created", record.workshop.id)).into_response())
        }
        Err(Error::Invalid(errors)) => html_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &FormPage::new(new_page(&ctx), "/workshops".into(), input, errors, None),
        ),
        Err(e) => Err(e),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let input = PlanInput::from(&record.workshop.plan);
    let errors = (FieldErrors::new(), record.version);
    let mut form = FormPage::saved(&state, &ctx, &record, input, errors, String::new()).await?;
    form.page = form.page.with_notice(params.notice.as_deref());
    html(&form)
}

/// The plan again, with the reasons an upload of background material was refused beside its
/// fields and the description as typed.
pub async fn refused_upload(
    state: &AppState,
    ctx: &RequestContext,
    record: &WorkshopRecord,
    errors: FieldErrors,
    description: String,
) -> Result<Response> {
    let input = PlanInput::from(&record.workshop.plan);
    let form = FormPage::saved(state, ctx, record, input, (errors, record.version), description).await?;
    html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &form)
}

pub async fn update(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let current = services::workshops::load(&state.store, ctx.viewer(), id).await?;
    let typed = form.plan_input();
    let input = resolved(&state.store, &typed).await?;
    let version: i64 = form.get("version").parse().map_err(|_| Error::BadRequest("version".into()))?;
    let result = services::workshops::update_plan(
        &state.store,
        &state.live,
        ctx.viewer(),
        id,
        version,
        &input,
        ctx.change(),
    )
    .await;
    let (status, errors, version) = match result {
        Ok(_) => return Ok(Redirect::to(&format!("/workshops/{id}?notice=saved")).into_response()),
        Err(Error::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, errors, version),
        Err(Error::Conflict) => {
            let mut errors = FieldErrors::new();
            errors.add("version", "edit-conflict");
            (StatusCode::CONFLICT, errors, current.version)
        }
        Err(e) => return Err(e),
    };
    html_with_status(
        status,
        &FormPage::saved(&state, &ctx, &current, input, (errors, version), String::new()).await?,
    )
}
