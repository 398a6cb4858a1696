//! The web layer: HTML pages and the JSON API over the same services.

pub mod controllers;
pub mod csrf;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod page;
pub mod security;
pub mod session;
pub mod state;
pub mod throttle;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Request};
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post, put};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use self::controllers::{
    account, actors, admin, agreements, api, assets, attachments, attention, auth, commitments, cycle,
    deliverables, health, home, partnerships, workshops,
};
use self::state::AppState;
use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::services::secrets;
use crate::store::Store;

/// Form and JSON bodies; file uploads get their own, larger limit.
const BODY_LIMIT: usize = 1024 * 1024;

pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .route("/", get(home::show))
        .route("/accessibility", get(home::accessibility))
        .route("/actors", get(actors::list::list).post(actors::form::create))
        .route("/actors/new", get(actors::form::new))
        .route("/actors/import", actors::import::upload_route())
        .route("/actors/import/confirm", post(actors::import::confirm))
        .route("/actors/export.csv", get(actors::export::csv))
        .route("/actors/export.json", get(actors::export::json))
        .route("/actors/export.xlsx", get(actors::export::xlsx))
        .route("/actors/{id}", get(actors::show::show).post(actors::form::update))
        .route("/actors/{id}/edit", get(actors::form::edit))
        .route("/actors/{id}/archive", post(actors::archive::archive))
        .route("/partnerships", get(partnerships::list::list).post(partnerships::form::create))
        .route("/partnerships/new", get(partnerships::form::new))
        .route("/partnerships/{id}", get(partnerships::show::show).post(partnerships::form::update))
        .route("/partnerships/{id}/edit", get(partnerships::form::edit))
        .route("/partnerships/{id}/transition", post(partnerships::actions::transition))
        .route("/partnerships/{id}/staircase", post(partnerships::actions::staircase))
        .route("/partnerships/{id}/checklist", post(partnerships::actions::checklist))
        .route("/partnerships/{id}/archive", post(partnerships::actions::archive))
        .route("/partnerships/{id}/agreements", post(agreements::form::create))
        .route("/partnerships/{id}/agreements/new", get(agreements::form::new))
        .route("/agreements/{id}", get(agreements::show::show))
        .route("/agreements/{id}/accept", post(agreements::actions::accept))
        .route("/agreements/{id}/paper", post(agreements::actions::paper))
        .route("/agreements/{id}/funder-decision", post(agreements::actions::funder_decision))
        .route(
            "/agreements/{id}/attachments",
            post(agreements::actions::attach).layer(DefaultBodyLimit::max(attachments::UPLOAD_BODY_LIMIT)),
        )
        .route("/partnerships/{id}/commitments", post(commitments::create))
        .route("/commitments/{id}", post(commitments::update))
        .route("/partnerships/{id}/deliverables", post(deliverables::actions::create))
        .route("/partnerships/{id}/grants", post(cycle::grant))
        .route("/partnerships/{id}/cycle", post(cycle::create))
        .route("/deliverables/{id}", get(deliverables::show::show))
        .route("/deliverables/{id}/submit", post(deliverables::actions::submit))
        .route("/deliverables/{id}/review", post(deliverables::actions::review))
        .route(
            "/deliverables/{id}/attachments",
            post(deliverables::actions::attach).layer(DefaultBodyLimit::max(attachments::UPLOAD_BODY_LIMIT)),
        )
        .route("/attachments/{id}", get(attachments::download))
        .route("/attachments/{id}/delete", post(attachments::remove))
        .route("/workshops", get(workshops::list::list).post(workshops::form::create))
        .route("/workshops/new", get(workshops::form::new))
        .route("/workshops/{id}", get(workshops::show::show))
        .route("/workshops/{id}/plan", get(workshops::form::edit).post(workshops::form::update))
        .route(
            "/workshops/{id}/attachments",
            post(workshops::attachments::upload).layer(DefaultBodyLimit::max(attachments::UPLOAD_BODY_LIMIT)),
        )
        .route("/workshops/{id}/attachments/{attachment_id}", get(workshops::attachments::download))
        .route("/workshops/{id}/attachments/{attachment_id}/delete", post(workshops::attachments::delete))
        .route("/workshops/{id}/step", post(workshops::show::step))
        .route("/workshops/{id}/invitation", get(workshops::show::invitation))
        .route("/workshops/{id}/live", get(workshops::live::show))
        .route("/workshops/{id}/question", post(workshops::live::question))
        .route("/workshops/{id}/timer", post(workshops::live::timer))
        .route("/workshops/{id}/joining", post(workshops::live::joining))
        .route("/workshops/{id}/wall", get(workshops::wall::wall))
        .route("/workshops/{id}/notes", get(workshops::wall::notes).post(workshops::wall::add))
        .route("/workshops/{id}/notes/merge", post(workshops::wall::merge))
        .route("/workshops/{id}/notes/{note_id}", post(workshops::wall::change))
        .route("/workshops/{id}/events", get(workshops::events::stream))
        .route("/workshops/{id}/map", get(workshops::map::current))
        .route("/workshops/{id}/map/future", get(workshops::map::future))
        .route("/workshops/{id}/map/compare", get(workshops::map::compare))
        .route("/workshops/{id}/map/changes", get(workshops::map::changes))
        .route("/workshops/{id}/map/future.svg", get(workshops::map_export::future_svg_file))
        .route("/workshops/{id}/map/future.png", get(workshops::map_export::future_png_file))
        .route("/workshops/{id}/map/future.pdf", get(workshops::map_export::future_pdf_file))
        .route("/workshops/{id}/map/retag", post(workshops::map::retag))
        .route("/workshops/{id}/map/positions", post(workshops::map::positions))
        .route("/workshops/{id}/map.svg", get(workshops::map_export::svg_file))
        .route("/workshops/{id}/map.png", get(workshops::map_export::png_file))
        .route("/workshops/{id}/map.pdf", get(workshops::map_export::pdf_file))
        .route("/workshops/{id}/analysis", get(workshops::analysis::show))
        .route("/workshops/{id}/challenges", post(workshops::analysis::create))
        .route(
            "/workshops/{id}/challenges/{challenge_id}",
            get(workshops::analysis::edit).post(workshops::analysis::update),
        )
        .route("/workshops/{id}/challenges/{challenge_id}/delete", post(workshops::analysis::delete))
        .route("/workshops/{id}/challenges/{challenge_id}/roles", post(workshops::analysis::roles))
        .route("/workshops/{id}/matrix", get(workshops::analysis::matrix))
        .route("/workshops/{id}/actions", get(workshops::actions::list).post(workshops::actions::create))
        .route(
            "/workshops/{id}/actions/{action_id}",
            get(workshops::actions::edit).post(workshops::actions::update),
        )
        .route("/workshops/{id}/actions/{action_id}/delete", post(workshops::actions::delete))
        .route("/workshops/{id}/governance", post(workshops::actions::governance))
        .route("/workshops/{id}/partnership", post(workshops::actions::start_partnership))
        .route("/workshops/{id}/rerun", post(workshops::memo::rerun))
        .route("/workshops/{id}/memo", get(workshops::memo::show))
        .route("/workshops/{id}/memo/download", get(workshops::memo::download))
        .route("/workshops/{id}/me", get(workshops::participant::show))
        .route("/workshops/{id}/me/notes", post(workshops::participant::post))
        .route("/join", get(workshops::join::form).post(workshops::join::submit_code))
        .route("/join/{code}", get(workshops::join::details).post(workshops::join::join))
        .route("/attention", get(attention::page))
        .route("/account/calendar", get(account::calendar::show).post(account::calendar::renew))
        .route("/account/calendar/revoke", post(account::calendar::revoke))
        .route("/calendar/{file}", get(attention::feed))
        .route("/login", get(auth::login::form).post(auth::login::submit))
        .route("/logout", post(auth::logout::submit))
        .route("/setup/{token}", get(auth::setup::form).post(auth::setup::submit))
        .route("/language", post(account::language::switch))
        .route("/account/tokens", get(account::tokens::list).post(account::tokens::create))
        .route("/account/tokens/{id}/revoke", post(account::tokens::revoke))
        .route("/admin/audit", get(admin::audit::list))
        .route("/admin/users", get(admin::users::list).post(admin::users::create))
        .route("/api/v1/openapi.json", get(api::openapi::serve))
        .route("/api/v1/actors", get(api::actors::list).post(api::actors::create))
        .route("/api/v1/actors/{id}", get(api::actors::get).put(api::actors::update))
        .route("/api/v1/actors/{id}/archive", post(api::actors::archive))
        .route("/api/v1/partnerships", get(api::partnerships::list).post(api::partnerships::create))
        .route("/api/v1/partnerships/{id}", get(api::partnerships::get).put(api::partnerships::update))
        .route("/api/v1/partnerships/{id}/transitions", post(api::partnerships::transition))
        .route("/api/v1/partnerships/{id}/staircase", post(api::partnerships::staircase))
        .route("/api/v1/partnerships/{id}/timeline", get(api::partnerships::timeline))
        .route(
            "/api/v1/partnerships/{id}/agreements",
            get(api::agreements::list).post(api::agreements::create),
        )
        .route("/api/v1/agreements/{id}", get(api::agreements::get))
        .route("/api/v1/agreements/{id}/acceptances", post(api::agreements::accept))
        .route("/api/v1/agreements/{id}/funder-decision", post(api::agreements::funder_decision))
        .route(
            "/api/v1/partnerships/{id}/commitments",
            get(api::followup::commitments).post(api::followup::add_commitment),
        )
        .route("/api/v1/commitments/{id}", put(api::followup::update_commitment))
        .route(
            "/api/v1/partnerships/{id}/deliverables",
            get(api::followup::deliverables).post(api::followup::add_deliverable),
        )
        .route("/api/v1/deliverables/{id}", get(api::followup::deliverable))
        .route("/api/v1/deliverables/{id}/submission", post(api::followup::submit))
        .route("/api/v1/deliverables/{id}/review", post(api::followup::review))
        .route("/api/v1/partnerships/{id}/grants", get(api::followup::grants).post(api::followup::save_grant))
        .route("/api/v1/attention", get(attention::api))
        .route("/api/v1/workshops", get(api::workshops::list))
        .route("/api/v1/workshops/{id}", get(api::workshops::get))
        .route("/api/v1/workshops/{id}/notes", get(api::workshops::notes))
        .route("/api/v1/workshops/{id}/map", get(api::workshops::map))
        .route("/api/v1/workshops/{id}/challenges", get(api::workshops::challenges))
        .route("/api/v1/workshops/{id}/matrix", get(api::workshops::matrix))
        .route("/api/v1/workshops/{id}/actions", get(api::workshops::actions))
        .route(
            "/api/v1/workshops/{id}/attachments",
            get(api::workshops::attachments)
                .post(api::workshops::attach)
                .layer(DefaultBodyLimit::max(attachments::UPLOAD_BODY_LIMIT)),
        )
        .route(
            "/api/v1/workshops/{id}/attachments/{attachment_id}",
            get(api::workshops::attachment).delete(api::workshops::detach),
        )
        .route("/static/app.css", get(assets::stylesheet))
        .route("/static/app.js", get(assets::script))
        .route("/static/workshop.js", get(assets::workshop_script))
        .route("/static/map.js", get(assets::map_script))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(from_fn_with_state(state.clone(), csrf::same_origin))
        .layer(from_fn_with_state(state.clone(), session::context))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .layer(from_fn_with_state(state.clone(), security::headers))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

async fn not_found() -> Error {
    Error::NotFound
}

/// Builds the shared state: the CSRF key is created once and kept in the database.
pub async fn state(store: Store, config: Config, clock: Arc<dyn Clock>) -> Result<AppState> {
    let key = store.setting_or_insert("csrf_key", &secrets::random_token()).await?;
    // Load the in-memory indexes before the first request rather than during it.
    store.sync_register().await?;
    store.sync_partnerships().await?;
    Ok(AppState {
        store,
        clock,
        config: Arc::new(config),
        csrf_key: Arc::from(key.into_bytes()),
        throttle: Arc::default(),
        live: Arc::default(),
    })
}

/// On an empty database, makes a one-time set-up link for the first administrator.
pub async fn setup_link(state: &AppState) -> Result<Option<String>> {
    if state.store.user_count().await? > 0 {
        return Ok(None);
    }
    let token = secrets::random_token();
    let hash = secrets::token_hash(&token);
    state.store.delete_setting(auth::setup::SETUP_TOKEN_SETTING).await?;
    state.store.setting_or_insert(auth::setup::SETUP_TOKEN_SETTING, &hash).await?;
    Ok(Some(format!("{}/setup/{token}", state.config.public_url)))
}

/// Serves until `shutdown` completes, letting requests in flight finish; live streams, which
/// would never finish by themselves, are ended then.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let live = state.live.clone();
    let shutdown = async move {
        shutdown.await;
        live.close();
    };
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}
