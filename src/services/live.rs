//! The per-workshop broadcast hub: after a write commits, its note or state change is sent to
//! every open live stream of that workshop. Streams that fall behind read the database instead.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::broadcast;
use uuid::Uuid;

/// Enough for a burst of notes from 20 phones; a stream further behind replays from the database.
const CHANNEL_CAPACITY: usize = 256;

#[derive(Debug, Clone)]
pub enum LiveEvent {
    /// A note was written; `seq` is the workshop's change sequence number stored on it.
    Note { seq: i64, note: Arc<serde_json::Value> },
    /// The step, question, timer, joining or participants changed.
    State(Arc<serde_json::Value>),
}

/// How often an open stream keeps its signed-in viewer's session alive.
const SESSION_REFRESH: Duration = Duration::from_secs(5 * 60);

#[derive(Debug)]
pub struct Hub {
    channels: Mutex<HashMap<Uuid, broadcast::Sender<LiveEvent>>>,
    /// Set at shutdown: streams end so that the server can finish its requests and stop.
    closed: AtomicBool,
    /// A projector may show the wall for longer than the idle timeout while nobody clicks;
    /// its stream marks the session used this often, well inside the timeout.
    pub session_refresh: Duration,
}

impl Default for Hub {
    fn default() -> Self {
        Hub::with_session_refresh(SESSION_REFRESH)
    }
}

impl Hub {
    pub fn with_session_refresh(session_refresh: Duration) -> Self {
        Hub { channels: Mutex::default(), closed: AtomicBool::new(false), session_refresh }
    }

    /// A receiver of every event published for the workshop from now on.
    pub fn subscribe(&self, workshop_id: Uuid) -> broadcast::Receiver<LiveEvent> {
        let mut channels = self.channels.lock().unwrap_or_else(PoisonError::into_inner);
        if self.closed.load(Ordering::SeqCst) {
            return broadcast::channel(1).1;
        }
        channels.entry(workshop_id).or_insert_with(|| broadcast::channel(CHANNEL_CAPACITY).0).subscribe()
    }

    /// Ends every live stream (their receivers see the channel closed); called at shutdown.
    pub fn close(&self) {
        let mut channels = self.channels.lock().unwrap_or_else(PoisonError::into_inner);
        self.closed.store(true, Ordering::SeqCst);
        channels.clear();
    }

    /// Sends to the workshop's streams; a workshop nobody follows has no channel to keep.
    pub fn publish(&self, workshop_id: Uuid, event: LiveEvent) {
        let mut channels = self.channels.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(sender) = channels.get(&workshop_id) {
            if sender.receiver_count() == 0 {
                channels.remove(&workshop_id);
            } else {
                // An error means every receiver went away meanwhile: nothing to deliver.
                let _ = sender.send(event);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn events_reach_only_the_workshops_streams() {
        let hub = Hub::default();
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut rx_a = hub.subscribe(a);
        let mut rx_b = hub.subscribe(b);
        hub.publish(a, LiveEvent::State(Arc::new(serde_json::json!({"step": "planning"}))));
        assert!(matches!(rx_a.recv().await.unwrap(), LiveEvent::State(_)));
        assert!(rx_b.try_recv().is_err());
        drop(rx_b);
        hub.publish(b, LiveEvent::State(Arc::new(serde_json::json!({}))));
        assert!(hub.channels.lock().unwrap().get(&b).is_none(), "an unfollowed channel is dropped");
        hub.close();
        assert!(
            matches!(rx_a.recv().await, Err(broadcast::error::RecvError::Closed)),
            "streams end at shutdown"
        );
        assert!(matches!(hub.subscribe(a).recv().await, Err(broadcast::error::RecvError::Closed)));
    }
}
