//! The printable agreement: the four minimum contents, parties, commitments and validity in
//! the agreement's own language, its place in the version chain, acceptances and attachments.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kumppani_domain::actor_index::ActorName;
use kumppani_domain::agreement::{Agreement, AgreementStatus};
use kumppani_domain::partnership::Partnership;
use kumppani_domain::role::PartnershipAccess;
use kumppani_domain::validation::FieldErrors;
use serde::Deserialize;
use uuid::Uuid;

use crate::error::Result;
use crate::services;
use crate::store::attachments::Attachment;
use crate::web::controllers::{html, parse_id};
use crate::web::i18n::Lang;
use crate::web::page::Page;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct ShowParams {
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "agreements/show.html")]
pub struct ShowPage {
    pub page: Page,
    /// The document's own language, for everything that gets printed.
    pub doc: Page,
    pub agreement: Agreement,
    pub status: AgreementStatus,
    pub partnership: Partnership,
    pub access: PartnershipAccess,
    pub actors: Vec<ActorName>,
    pub chain: Vec<Agreement>,
    pub attachments: Vec<Attachment>,
    pub errors: FieldErrors,
    pub today: String,
}

impl ShowPage {
    fn actor_name(&self, id: &Uuid) -> String {
        self.actors
            .iter()
            .find(|a| a.id == *id)
            .map(|a| a.name(self.doc.lang_code()).to_owned())
            .unwrap_or_else(|| self.doc.t("actor-not-public"))
    }

    /// Pending acceptances this viewer may give in the app.
    fn can_accept(&self, actor: &Uuid) -> bool {
        self.access.acts_for.contains(actor) && self.agreement.awaits_acceptance_of(*actor)
    }

    fn pending(&self) -> Vec<Uuid> {
        self.agreement.acceptances.iter().filter(|a| a.accepted_on.is_none()).map(|a| a.actor_id).collect()
    }

    fn err(&self, field: &str) -> Option<String> {
        self.page.error(&self.errors, field)
    }
}

pub async fn render(
    state: &AppState,
    ctx: &RequestContext,
    id: Uuid,
    errors: FieldErrors,
    notice: Option<&str>,
) -> Result<ShowPage> {
    let (agreement, partnership, access) = services::agreements::load(&state.store, ctx.viewer(), id).await?;
    let today = ctx.now.finnish_date();
    let ids: Vec<Uuid> = agreement.details.parties.iter().map(|p| p.actor_id).collect();
    let actors = state.store.actor_names(&ids).await?;
    let chain = state.store.agreements_of(partnership.id).await?;
    let attachments = state.store.attachments_of("agreement", id).await?;
    let doc = Page::bare(Lang::parse(&agreement.details.language).unwrap_or(Lang::Fi), "agreement-document");
    let page = Page::new(ctx, "agreement-document")
        .titled(agreement.details.title.clone())
        .crumb("nav-home", "/")
        .crumb("nav-partnerships", "/partnerships")
        .crumb_text(&partnership.details.name, &format!("/partnerships/{}", partnership.id))
        .with_notice(notice);
    Ok(ShowPage {
        page,
        doc,
        status: agreement.status(today),
        agreement,
        partnership,
        access,
        actors,
        chain,
        attachments,
        errors,
        today: today.to_string(),
    })
}

pub async fn show(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<ShowParams>,
) -> Result<Response> {
    html(&render(&state, &ctx, parse_id(&id)?, FieldErrors::new(), params.notice.as_deref()).await?)
}
