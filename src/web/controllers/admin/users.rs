//! Administrators add accounts: staff, administrators, and organisation members linked to
//! the actors they represent.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kumppani_domain::role::{Role, can_manage_users};
use kumppani_domain::validation::FieldErrors;

use crate::error::{Error, Result};
use crate::services::accounts::{self, NewAccount};
use crate::store::users::User;
use crate::web::controllers::{html, html_with_status};
use crate::web::forms::FormData;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    page: Page,
    users: Vec<User>,
    input: NewAccount,
    actor_ids_text: String,
    errors: FieldErrors,
    roles: [Role; 3],
}

fn require_admin(ctx: &RequestContext) -> Result<()> {
    match ctx.viewer() {
        None => Err(Error::Unauthorized),
        Some(_) if !can_manage_users(ctx.viewer()) => Err(Error::NotFound),
        Some(_) => Ok(()),
    }
}

async fn render(
    state: &AppState,
    ctx: &RequestContext,
    input: NewAccount,
    text: String,
    errors: FieldErrors,
) -> Result<UsersPage> {
    let users = state.store.list_users().await?;
    let page = Page::new(ctx, "users-title").crumb("nav-home", "/");
    Ok(UsersPage { page, users, input, actor_ids_text: text, errors, roles: Role::ALL })
}

pub async fn list(State(state): State<AppState>, ctx: RequestContext) -> Result<Response> {
    require_admin(&ctx)?;
    let input = NewAccount { role: Role::Staff.as_str().into(), ..NewAccount::default() };
    html(&render(&state, &ctx, input, String::new(), FieldErrors::new()).await?)
}

pub async fn create(State(state): State<AppState>, ctx: RequestContext, form: FormData) -> Result<Response> {
    require_admin(&ctx)?;
    let text = form.get("actor_ids").to_owned();
    let mut errors = FieldErrors::new();
    let mut actor_ids = Vec::new();
    for raw in text.split([',', ' ', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
        // People paste the actor page's address; its last segment is the id.
        let raw = raw.trim_end_matches('/').rsplit('/').next().unwrap_or(raw);
        match uuid::Uuid::parse_str(raw) {
            Ok(id) if state.store.actor(id).await?.is_some() => actor_ids.push(id),
            _ => errors.add("actor_ids", "unknown-actor"),
        }
    }
    let input = NewAccount {
        email: form.get("email").into(),
        display_name: form.get("display_name").into(),
        password: form.get("password").into(),
        password_again: form.get("password_again").into(),
        role: form.get("role").into(),
        actor_ids,
    };
    let result = if errors.is_empty() {
        accounts::create_user(&state.store, ctx.viewer(), &input, ctx.change()).await.map(|_| ())
    } else {
        Err(Error::Invalid(errors))
    };
    match result {
        Ok(()) => Ok(Redirect::to("/admin/users").into_response()),
        Err(Error::Invalid(errors)) => {
            let page = render(&state, &ctx, input, text, errors).await?;
            html_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e),
    }
}
