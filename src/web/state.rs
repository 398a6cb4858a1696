//! What every request handler shares.

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Config;
use crate::services::live::Hub;
use crate::store::Store;
use crate::web::throttle::LoginThrottle;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    /// Key for CSRF tokens; kept in the database so tokens survive restarts.
    pub csrf_key: Arc<[u8]>,
    pub throttle: Arc<LoginThrottle>,
    /// Live workshop events, from a committed write to every open stream of that workshop.
    pub live: Arc<Hub>,
}
