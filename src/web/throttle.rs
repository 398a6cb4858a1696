//! Login throttling per account and per client address (ASVS 2.2.1). Kept in memory: a
//! restart forgives, which is acceptable for a single server.

use std::collections::HashMap;
use std::sync::Mutex;

use time::Duration;

use crate::store::Timestamp;

const WINDOW: Duration = Duration::minutes(15);
const PER_ACCOUNT: usize = 5;
const PER_ADDRESS: usize = 20;

#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Vec<Timestamp>>>,
}

impl LoginThrottle {
    /// Minutes to wait before another try, if either key is over its limit.
    pub fn blocked_for(&self, account: &str, address: &str, now: Timestamp) -> Option<i64> {
        let mut failures = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut wait = None;
        for (key, limit) in [(account_key(account), PER_ACCOUNT), (address_key(address), PER_ADDRESS)] {
            let Some(times) = failures.get_mut(&key) else { continue };
            times.retain(|t| now.get() - t.get() < WINDOW);
            if times.len() >= limit {
                let oldest = times.iter().min().copied().unwrap_or(now);
                let minutes = (WINDOW - (now.get() - oldest.get())).whole_minutes().max(1);
                wait = Some(wait.map_or(minutes, |w: i64| w.max(minutes)));
            }
        }
        wait
    }

    pub fn record_failure(&self, account: &str, address: &str, now: Timestamp) {
        let mut failures = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if failures.len() > 100_000 {
            failures.retain(|_, times| times.iter().any(|t| now.get() - t.get() < WINDOW));
        }
        for key in [account_key(account), address_key(address)] {
            failures.entry(key).or_default().push(now);
        }
    }

    pub fn clear_account(&self, account: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        failures.remove(&account_key(account));
    }
}

fn account_key(account: &str) -> String {
    format!("account:{}", account.trim().to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("address:{address}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn blocks_an_account_after_five_failures_for_fifteen_minutes() {
        let throttle = LoginThrottle::default();
        let start = Timestamp::new(datetime!(2026-11-22 12:00 UTC));
        for _ in 0..5 {
            assert_eq!(throttle.blocked_for("a@b.fi", "10.0.0.1", start), None);
            throttle.record_failure("A@b.fi", "10.0.0.1", start);
        }
        assert_eq!(throttle.blocked_for("a@b.fi", "10.0.0.2", start), Some(15));
        let later = Timestamp::new(datetime!(2026-11-22 12:16 UTC));
        assert_eq!(throttle.blocked_for("a@b.fi", "10.0.0.2", later), None);
    }
}
