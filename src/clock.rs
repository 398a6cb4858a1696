//! Time comes in from here, so tests can set it; nothing deeper reads the system clock.

use std::sync::{Arc, Mutex};

use time::{Date, OffsetDateTime, UtcOffset};

use crate::store::Timestamp;

/// Finland's offset: EET (+2), or EEST (+3) from the last Sunday of March to the last Sunday
/// of October at 01:00 UTC.
pub fn finnish_offset(at: OffsetDateTime) -> UtcOffset {
    let utc = at.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let last_sunday = |month: time::Month| {
        let mut day = Date::from_calendar_date(year, month, 31).unwrap_or(utc.date());
        while day.weekday() != time::Weekday::Sunday {
            day = day.previous_day().unwrap_or(day);
        }
        day.with_hms(1, 0, 0).map(|d| d.assume_utc()).unwrap_or(utc)
    };
    let summer = utc >= last_sunday(time::Month::March) && utc < last_sunday(time::Month::October);
    UtcOffset::from_hms(if summer { 3 } else { 2 }, 0, 0).unwrap_or(UtcOffset::UTC)
}

/// The calendar day in Finland at `at`: deadlines and decisions are dated in local time.
pub fn finnish_date(at: OffsetDateTime) -> Date {
    at.to_offset(finnish_offset(at)).date()
}

pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> Timestamp;
}

#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::new(OffsetDateTime::now_utc())
    }
}

/// A clock that stands still until a test moves it.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<OffsetDateTime>>);

impl ManualClock {
    pub fn new(at: OffsetDateTime) -> Self {
        Self(Arc::new(Mutex::new(at)))
    }

    pub fn advance(&self, by: time::Duration) {
        let mut at = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *at += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp::new(*self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}
