//! The workshop's live stream (server-sent events) for its facilitator and its participants.
//! Each note event's id is the workshop's change sequence number, so a browser reconnecting with
//! `Last-Event-ID` (or a page opening with `?since=`) first gets every note changed since then
//! from the database; a stream that falls behind the broadcast reads the database too. A
//! signed-in viewer's stream keeps their session alive, and ends when the session does.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use serde::Deserialize;
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::RecvError;
use uuid::Uuid;

use super::participant_of;
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::services;
use crate::services::live::LiveEvent;
use crate::services::secrets;
use crate::services::workshops::{note_json, state_json};
use crate::store::{Store, Timestamp};
use crate::web::controllers::parse_id;
use crate::web::session::{ABSOLUTE_TIMEOUT, RequestContext};
use crate::web::state::AppState;

/// How long a browser waits before reconnecting a dropped stream.
const RETRY: Duration = Duration::from_secs(2);
const KEEP_ALIVE: Duration = Duration::from_secs(15);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StreamParams {
    /// The change sequence number the page was rendered at.
    pub since: Option<i64>,
}

struct Follow {
    store: Store,
    rx: Receiver<LiveEvent>,
    workshop_id: Uuid,
    /// The highest change sequence number sent.
    last: i64,
    pending: VecDeque<Event>,
    /// Participants get hidden and merged notes without their text.
    redact: bool,
    /// The signed-in viewer's session, kept alive while the stream is open.
    session: Option<KeptSession>,
}

struct KeptSession {
    token_hash: String,
    clock: Arc<dyn Clock>,
    refresh: tokio::time::Interval,
}

impl KeptSession {
    /// `false` once the session is gone (signed out, expired): its stream ends with it.
    async fn touch(&self, store: &Store) -> bool {
        let now = self.clock.now();
        let started_after = Timestamp::new(now.get() - ABSOLUTE_TIMEOUT);
        store.touch_session(&self.token_hash, now, started_after).await.unwrap_or(false)
    }
}

impl Follow {
    fn push_note(&mut self, seq: i64, mut note: serde_json::Value) {
        if self.redact && note["visible"] == serde_json::Value::Bool(false) {
            note["text"] = serde_json::Value::String(String::new());
        }
        self.pending.push_back(Event::default().event("note").id(seq.to_string()).data(note.to_string()));
        self.last = self.last.max(seq);
    }

    /// Queues every note changed after the last one sent; `false` if the database failed, which
    /// ends the stream so that the browser reconnects and resumes from its last id.
    async fn replay(&mut self) -> bool {
        let Ok(Some(record)) = self.store.workshop(self.workshop_id).await else { return false };
        let Ok(notes) = self.store.workshop_notes_since(self.workshop_id, self.last).await else {
            return false;
        };
        for stored in notes {
            self.push_note(stored.change_seq, note_json(&record.workshop, &stored));
        }
        true
    }

    async fn next(mut self) -> Option<(Result<Event, Infallible>, Follow)> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some((Ok(event), self));
            }
            let received = match self.session.as_mut() {
                Some(session) => tokio::select! {
                    received = self.rx.recv() => received,
                    _ = session.refresh.tick() => {
                        if !session.touch(&self.store).await {
                            return None;
                        }
                        continue;
                    }
                },
                None => self.rx.recv().await,
            };
            match received {
                Ok(LiveEvent::Note { seq, .. }) if seq <= self.last => {}
                Ok(LiveEvent::Note { seq, note }) if seq == self.last + 1 => {
                    self.push_note(seq, (*note).clone())
                }
                // A gap: an earlier write's event has not arrived (yet); the database has it.
                Ok(LiveEvent::Note { .. }) | Err(RecvError::Lagged(_)) => {
                    if !self.replay().await {
                        return None;
                    }
                }
                Ok(LiveEvent::State(state)) => {
                    self.pending.push_back(Event::default().event("state").data(state.to_string()))
                }
                Err(RecvError::Closed) => return None,
            }
        }
    }
}

pub async fn stream(
    State(state): State<AppState>,
    ctx: RequestContext,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(params): Query<StreamParams>,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let redact = if ctx.is_staff() {
        services::workshops::load(&state.store, ctx.viewer(), id).await?;
        false
    } else {
        participant_of(&state, &headers, id).await?.ok_or(Error::NotFound)?;
        true
    };
    let since = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(params.since);
    // Subscribe before reading the database, so nothing committed in between is missed.
    let rx = state.live.subscribe(id);
    let record = state.store.workshop(id).await?.ok_or(Error::NotFound)?;
    let participants = state.store.workshop_participants(id).await?.len();
    let first = Event::default()
        .event("state")
        .retry(RETRY)
        .data(state_json(&record, participants, ctx.now).to_string());
    let mut follow = Follow {
        store: state.store.clone(),
        rx,
        workshop_id: id,
        last: since.unwrap_or(record.change_seq),
        pending: VecDeque::from([first]),
        redact,
        session: (ctx.principal.is_some() && !ctx.bearer).then(|| KeptSession {
            token_hash: secrets::token_hash(&ctx.session_token),
            clock: state.clock.clone(),
            refresh: {
                let mut refresh = tokio::time::interval(state.live.session_refresh);
                refresh.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                refresh
            },
        }),
    };
    if since.is_some() && !follow.replay().await {
        return Err(Error::internal("the notes to replay could not be read"));
    }
    if let Some(session) = follow.session.as_mut() {
        // An interval's first tick is immediate; this request has just been checked against it.
        session.refresh.tick().await;
    }
    let events = stream::unfold(follow, Follow::next);
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)).into_response())
}
