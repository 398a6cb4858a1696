//! Recording and editing a partnership. Parties are named by actor (name, id or page address);
//! a form with errors comes back with what was typed and a message beside each field.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::partnership::{
    Depth, LeadershipModel, PartnershipField, PartnershipInput, PartnershipKind, PartyInput, PartyRole,
    RepresentativeInput, SteeringRelation,
};
use kumppani_domain::role::is_staff;
use kumppani_domain::validation::FieldErrors;
use uuid::Uuid;

use super::resolve_actor;
use crate::error::{Error, Result};
use crate::services;
use crate::store::Store;
use crate::web::controllers::{html, html_with_status, parse_id};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

/// Blank party rows offered after the filled ones, so parties can be added without script.
const SPARE_PARTIES: usize = 2;

#[derive(Template)]
#[template(path = "partnerships/form.html")]
struct FormPage {
    page: Page,
    action: String,
    input: PartnershipInput,
    parties: Vec<PartyInput>,
    errors: FieldErrors,
    version: Option<i64>,
    kinds: &'static [PartnershipKind],
    roles: &'static [PartyRole],
    private_choices: &'static [PartnershipField],
}

impl FormPage {
    fn new(
        page: Page,
        action: String,
        input: PartnershipInput,
        errors: FieldErrors,
        version: Option<i64>,
    ) -> Self {
        let mut parties = input.parties.clone();
        parties.extend(std::iter::repeat_n(PartyInput::default(), SPARE_PARTIES));
        for party in &mut parties {
            party
                .representatives
                .retain(|r| !(r.name.is_empty() && r.title.is_empty() && r.email.is_empty()));
            party.representatives.push(RepresentativeInput::default());
        }
        Self {
            page,
            action,
            input,
            parties,
            errors,
            version,
            kinds: PartnershipKind::ALL,
            roles: PartyRole::ALL,
            private_choices: PartnershipField::ALL,
        }
    }

    fn is_private(&self, field: &PartnershipField) -> bool {
        self.input.private_fields.iter().flatten().any(|f| f == field.as_str())
    }

    /// The depth, steering and leadership selects: field name, chosen code, all codes.
    fn character_choices(&self) -> Vec<(&'static str, &str, Vec<&'static str>)> {
        vec![
            ("depth", self.input.depth.as_str(), Depth::ALL.iter().map(|v| v.as_str()).collect()),
            (
                "steering",
                self.input.steering.as_str(),
                SteeringRelation::ALL.iter().map(|v| v.as_str()).collect(),
            ),
            (
                "leadership",
                self.input.leadership.as_str(),
                LeadershipModel::ALL.iter().map(|v| v.as_str()).collect(),
            ),
        ]
    }

    fn tags(values: &[String]) -> String {
        values.join(", ")
    }

    fn err(&self, field: &str) -> Option<String> {
        self.page.error(&self.errors, field)
    }
}

fn new_page(ctx: &RequestContext) -> Page {
    Page::new(ctx, "partnership-new-title").crumb("nav-home", "/").crumb("nav-partnerships", "/partnerships")
}

fn edit_page(ctx: &RequestContext, id: Uuid, name: &str) -> Page {
    Page::new(ctx, "partnership-edit-title")
        .crumb("nav-home", "/")
        .crumb("nav-partnerships", "/partnerships")
        .crumb_text(name, &format!("/partnerships/{id}"))
}

/// Shows each party by its actor's name when that name finds the same actor again.
async fn named_parties(store: &Store, mut input: PartnershipInput) -> Result<PartnershipInput> {
    for party in &mut input.parties {
        let Ok(id) = Uuid::parse_str(&party.actor_id) else { continue };
        if let Some(actor) = store.actor(id).await?
            && store.actor_by_exact_name(&actor.details.name_fi).await? == Some(id)
        {
            party.actor_id = actor.details.name_fi;
        }
    }
    Ok(input)
}

/// The typed form with party names turned into actor ids for validation.
async fn resolved(store: &Store, typed: &PartnershipInput) -> Result<PartnershipInput> {
    let mut input = typed.clone();
    for party in &mut input.parties {
        party.actor_id = resolve_actor(store, &party.actor_id).await?;
    }
    Ok(input)
}

pub async fn new(ctx: RequestContext) -> Result<Response> {
    if !is_staff(ctx.viewer()) {
        return Err(if ctx.viewer().is_none() { Error::Unauthorized } else { Error::NotFound });
    }
    let input = PartnershipInput {
        kind: PartnershipKind::BroadDevelopment.as_str().into(),
        private_fields: Some(
            PartnershipField::default_private().iter().map(|f| f.as_str().to_owned()).collect(),
        ),
        published: true,
        ..PartnershipInput::default()
    };
    html(&FormPage::new(new_page(&ctx), "/partnerships".into(), input, FieldErrors::new(), None))
}

pub async fn create(State(state): State<AppState>, ctx: RequestContext, form: FormData) -> Result<Response> {
    if ctx.viewer().is_none() {
        return Err(Error::Unauthorized);
    }
    let typed = form.partnership_input();
    let input = resolved(&state.store, &typed).await?;
    match services::partnerships::create(&state.store, ctx.viewer(), &input, ctx.change()).await {
        Ok(p) => {
            Ok(Redirect::to(&format!("/partnerships/{}?notice=partnership-created", p.id)).into_response())
        }
        Err(Error::Invalid(errors)) => html_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &FormPage::new(new_page(&ctx), "/partnerships".into(), typed, errors, None),
        ),
        Err(e) => Err(e),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
) -> Result<Response> {
    let (partnership, access) =
        services::partnerships::load(&state.store, ctx.viewer(), parse_id(&id)?).await?;
    if !access.manage {
        return Err(if ctx.viewer().is_none() { Error::Unauthorized } else { Error::Forbidden });
    }
    let input = named_parties(&state.store, PartnershipInput::from(&partnership.details)).await?;
    let page = edit_page(&ctx, partnership.id, &partnership.details.name);
    let action = format!("/partnerships/{}", partnership.id);
    html(&FormPage::new(page, action, input, FieldErrors::new(), Some(partnership.version)))
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
    let typed = form.partnership_input();
    let input = resolved(&state.store, &typed).await?;
    let version: i64 = form.get("version").parse().map_err(|_| Error::BadRequest("version".into()))?;
    match services::partnerships::update(&state.store, ctx.viewer(), id, version, &input, ctx.change()).await
    {
        Ok(p) => Ok(Redirect::to(&format!("/partnerships/{}?notice=saved", p.id)).into_response()),
        Err(e @ (Error::Invalid(_) | Error::Conflict)) => {
            let (current, _) = services::partnerships::load(&state.store, ctx.viewer(), id).await?;
            let (status, errors, version) = match e {
                Error::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, version),
                _ => {
                    let mut errors = FieldErrors::new();
                    errors.add("version", "edit-conflict");
                    (StatusCode::CONFLICT, errors, current.version)
                }
            };
            let page = edit_page(&ctx, id, &current.details.name);
            html_with_status(
                status,
                &FormPage::new(page, format!("/partnerships/{id}"), typed, errors, Some(version)),
            )
        }
        Err(e) => Err(e),
    }
}
