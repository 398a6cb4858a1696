//! Value network workshop pages: planning, the stepper, invitation, joining, the participant's
//! phone page, the facilitator's live control, the projector wall, notes and the live stream,
//! the analysis and its matrix, workshop II's actions, the memo and re-runs, and the planning's
//! background files.

pub mod actions;
pub mod analysis;
pub mod attachments;
pub mod events;
pub mod form;
pub mod join;
pub mod list;
pub mod live;
pub mod map;
pub mod map_export;
pub mod memo;
pub mod participant;
pub mod show;
pub mod wall;

use axum::http::{HeaderMap, HeaderValue};
use kumppani_domain::value_network::NodeRef;
use kumppani_domain::value_network::workshop::{Participant, Plan};
use uuid::Uuid;

use crate::error::Result;
use crate::services;
use crate::store::workshops::WorkshopRecord;
use crate::web::controllers::parse_id;
use crate::web::session::{PARTICIPANT_COOKIE, RequestContext, cookie_value};
use crate::web::state::AppState;

/// A party of the workshop as pages show it: its name with its colour (a CSS class), so the
/// colour is never the only thing that tells parties apart.
#[derive(Debug, Clone)]
pub struct Party {
    pub key: String,
    pub name: String,
    pub colour: &'static str,
}

/// The workshop's actors, then the clients and residents.
pub fn parties(plan: &Plan) -> Vec<Party> {
    let mut parties: Vec<Party> = plan
        .actors
        .iter()
        .map(|a| Party { key: NodeRef::Actor(a.id).key(), name: a.name.clone(), colour: a.colour.as_str() })
        .collect();
    parties.push(Party {
        key: NodeRef::CLIENTS_KEY.into(),
        name: plan.clients_name.clone(),
        colour: "clients",
    });
    parties
}

/// The parties that may write notes (the clients only when residents were invited).
pub fn answering_parties(plan: &Plan) -> Vec<Party> {
    parties(plan).into_iter().filter(|p| NodeRef::parse(&p.key).is_some_and(|n| plan.can_answer(n))).collect()
}

/// The workshop for its facilitator; `NotFound` for everyone else, signed in or not.
pub async fn facilitator(state: &AppState, ctx: &RequestContext, id: &str) -> Result<WorkshopRecord> {
    services::workshops::load(&state.store, ctx.viewer(), parse_id(id)?).await
}

/// The participant whose cookie this request carries, if it is this workshop's, with the token.
pub async fn participant_of(
    state: &AppState,
    headers: &HeaderMap,
    id: Uuid,
) -> Result<Option<(WorkshopRecord, Participant, String)>> {
    let Some(token) = cookie_value(headers, PARTICIPANT_COOKIE).filter(|t| t.len() == 43) else {
        return Ok(None);
    };
    Ok(services::workshops::participant(&state.store, id, token)
        .await?
        .map(|(record, participant)| (record, participant, token.to_owned())))
}

/// The participant cookie, scoped to the workshop's pages so each workshop has its own.
pub fn participant_cookie(state: &AppState, workshop_id: Uuid, token: &str) -> HeaderValue {
    let secure = if state.config.https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{PARTICIPANT_COOKIE}={token}; Path=/workshops/{workshop_id}; Max-Age=604800; HttpOnly; SameSite=Lax{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("kumppani_participant=; Path=/workshops"))
}

/// The address participants open to join, from the configured public address.
pub fn join_url(state: &AppState, record: &WorkshopRecord) -> String {
    format!("{}/join/{}", state.config.public_url, record.workshop.join_code.as_str())
}

/// The join link as a QR code drawn in SVG (dark modules as one path), with a quiet zone.
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    use qrcodegen::{QrCode, QrCodeEcc};
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let border = 4;
    let size = qr.size() + 2 * border;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    let label = label.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" \
         aria-label=\"{label}\" class=\"qr\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" \
         height=\"{size}\" fill=\"#FFFFFF\"/><path d=\"{path}\" fill=\"#000000\"/></svg>"
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn extract_view_box(svg: &str) -> (usize, usize) {
        let start = svg.find("viewBox=\"0 0 ").unwrap() + "viewBox=\"0 0 ".len();
        let mut numbers = svg[start..].split(['"', ' ']).map(|n| n.parse::<usize>().unwrap());
        (numbers.next().unwrap(), numbers.next().unwrap())
    }

    #[test]
    fn the_qr_code_is_square_svg_with_a_label() {
        let svg = qr_svg("http://127.0.0.1:8080/join/K7MX2P", "Liity <työpajaan>").unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        let view_box = extract_view_box(&svg);
        assert_eq!(view_box.0, view_box.1, "square");
        assert!(
            view_box.0 >= 21 + 8 && view_box.0 % 4 == 1,
            "a QR version's size with a 4-module quiet zone"
        );
        assert!(svg.matches("h1v1h-1z").count() > 100, "dark modules drawn");
        assert!(svg.contains("aria-label=\"Liity &lt;työpajaan&gt;\""));
    }
}
