//! Creating and editing an actor. A form with errors comes back with what was typed and a
//! message beside each field; an edit that lost a race shows both versions.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::actor::{
    ActivityInput, Actor, ActorField, ActorInput, ContactInput, ResourceInput, ResourceKind, Sector,
    Tangibility,
};
use kumppani_domain::role::{actor_access, can_create_actor};
use kumppani_domain::validation::FieldErrors;

use crate::error::{Error, Result};
use crate::services;
use crate::web::controllers::{html, html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// Blank rows offered after the filled ones, so rows can be added without script.
const SPARE_ROWS: usize = 2;

#[derive(Template)]
#[template(path = "actors/form.html")]
struct FormPage {
    page: Page,
    action: String,
    input: ActorInput,
    errors: FieldErrors,
    version: Option<i64>,
    /// The version someone else saved while this person was editing.
    conflict: Option<Actor>,
    activities: Vec<ActivityInput>,
    resources: Vec<ResourceInput>,
    contacts: Vec<ContactInput>,
    sectors: &'static [Sector],
    resource_kinds: &'static [ResourceKind],
    tangibilities: &'static [Tangibility],
    private_choices: &'static [ActorField],
}

impl FormPage {
    fn new(page: Page, action: String, input: ActorInput, errors: FieldErrors, version: Option<i64>) -> Self {
        let mut activities = input.activities.clone();
        activities.extend(std::iter::repeat_n(ActivityInput::default(), SPARE_ROWS));
        let mut resources = input.resources.clone();
        resources.extend(std::iter::repeat_n(ResourceInput::default(), SPARE_ROWS));
        let mut contacts = input.contacts.clone();
        contacts.extend(std::iter::repeat_n(ContactInput::default(), SPARE_ROWS));
        Self {
            page,
            action,
            input,
            errors,
            version,
            conflict: None,
            activities,
            resources,
            contacts,
            sectors: Sector::ALL,
            resource_kinds: ResourceKind::ALL,
            tangibilities: Tangibility::ALL,
            private_choices: ActorField::ALL,
        }
    }

    fn is_private(&self, field: &ActorField) -> bool {
        self.input.private_fields.iter().flatten().any(|f| f == field.as_str())
    }

    fn tags(values: &[String]) -> String {
        values.join(", ")
    }

    fn err(&self, field: &str) -> Option<String> {
        self.page.error(&self.errors, field)
    }
}

fn new_page(ctx: &RequestContext) -> Page {
    Page::new(ctx, "actor-new-title").crumb("nav-home", "/").crumb("nav-actors", "/actors")
}

fn edit_page(ctx: &RequestContext, actor: &Actor) -> Page {
    Page::new(ctx, "actor-edit-title")
        .crumb("nav-home", "/")
        .crumb("nav-actors", "/actors")
        .crumb_text(actor.details.name(ctx.lang.code()), &format!("/actors/{}", actor.id))
}

pub async fn new(ctx: RequestContext) -> Result<Response> {
    if !can_create_actor(ctx.viewer()) {
        return Err(if ctx.viewer().is_none() { Error::Unauthorized } else { Error::NotFound });
    }
    let input = ActorInput {
        private_fields: Some(ActorField::default_private().iter().map(|f| f.as_str().to_owned()).collect()),
        published: true,
        ..ActorInput::default()
    };
    html(&FormPage::new(new_page(&ctx), "/actors".into(), input, FieldErrors::new(), None))
}

pub async fn create(State(state): State<AppState>, ctx: RequestContext, form: FormData) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let input = form.actor_input();
    match services::actors::create(&state.store, ctx.viewer(), &input, ctx.change()).await {
        Ok(actor) => Ok(Redirect::to(&format!("/actors/{}?notice=created", actor.id)).into_response()),
        Err(Error::Invalid(errors)) => html_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &FormPage::new(new_page(&ctx), "/actors".into(), input, errors, None),
        ),
        Err(e) => Err(e),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let actor = state.store.actor(parse_id(&id)?).await?.ok_or(Error::NotFound)?;
    let access = actor_access(ctx.viewer(), actor.id, actor.details.published, actor.is_archived());
    if !access.view {
        return Err(Error::NotFound);
    }
    if !access.edit {
        return Err(if ctx.viewer().is_none() { Error::Unauthorized } else { Error::Forbidden });
    }
    let input = ActorInput::from(&actor.details);
    let action = format!("/actors/{}", actor.id);
    html(&FormPage::new(edit_page(&ctx, &actor), action, input, FieldErrors::new(), Some(actor.version)))
}

pub async fn update(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    form: FormData,
) -> Result<Response> {
    let id = parse_id(&id)?;
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let input = form.actor_input();
    let version: i64 = form.get("version").parse().map_err(|_| Error::BadRequest("version".into()))?;
    let action = format!("/actors/{id}");
    match services::actors::update(&state.store, ctx.viewer(), id, version, &input, ctx.change()).await {
        Ok(actor) => Ok(Redirect::to(&format!("/actors/{}?notice=saved", actor.id)).into_response()),
        Err(Error::Invalid(errors)) => {
            let actor = state.store.actor(id).await?.ok_or(Error::NotFound)?;
            let page = FormPage::new(edit_page(&ctx, &actor), action, input, errors, Some(version));
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(Error::EditConflict(current)) => {
            let mut page = FormPage::new(
                edit_page(&ctx, &current),
                action,
                input,
                FieldErrors::new(),
                Some(current.version),
            );
            page.conflict = Some(*current);
            html_with_status(StatusCode::CONFLICT, &page)
        }
        Err(e) => Err(e),
    }
}
