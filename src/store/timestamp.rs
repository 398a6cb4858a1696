//! A UTC instant that sorts and compares the same on both databases: PostgreSQL keeps it as
//! TIMESTAMPTZ, SQLite as fixed-width text (`2026-11-22T21:19:41.123456Z`).

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Postgres, Sqlite, Type};
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

const SQLITE_FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// Normalises to UTC and microseconds, the precision both databases keep.
    pub fn new(at: OffsetDateTime) -> Self {
        let utc = at.to_offset(UtcOffset::UTC);
        Self(utc.truncate_to_microsecond())
    }

    pub fn get(self) -> OffsetDateTime {
        self.0
    }

    /// The day it is in Finland at this instant.
    pub fn finnish_date(self) -> time::Date {
        crate::clock::finnish_date(self.0)
    }

    fn to_sqlite_text(self) -> Result<String, BoxDynError> {
        Ok(self.0.format(SQLITE_FORMAT)?)
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(at: OffsetDateTime) -> Self {
        Self::new(at)
    }
}

impl From<Timestamp> for OffsetDateTime {
    fn from(at: Timestamp) -> Self {
        at.0
    }
}

impl Type<Sqlite> for Timestamp {
    fn type_info() -> <Sqlite as Database>::TypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
}

impl Encode<'_, Sqlite> for Timestamp {
    fn encode_by_ref(&self, buf: &mut <Sqlite as Database>::ArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <String as Encode<'_, Sqlite>>::encode(self.to_sqlite_text()?, buf)
    }
}

impl<'r> Decode<'r, Sqlite> for Timestamp {
    fn decode(value: <Sqlite as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<Sqlite>>::decode(value)?;
        let parsed = time::PrimitiveDateTime::parse(text, SQLITE_FORMAT)?;
        Ok(Self(parsed.assume_utc()))
    }
}

impl Type<Postgres> for Timestamp {
    fn type_info() -> <Postgres as Database>::TypeInfo {
        <OffsetDateTime as Type<Postgres>>::type_info()
    }
}

impl Encode<'_, Postgres> for Timestamp {
    fn encode_by_ref(&self, buf: &mut <Postgres as Database>::ArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <OffsetDateTime as Encode<'_, Postgres>>::encode_by_ref(&self.0, buf)
    }
}

impl<'r> Decode<'r, Postgres> for Timestamp {
    fn decode(value: <Postgres as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Self::new(<OffsetDateTime as Decode<Postgres>>::decode(value)?))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sqlite_text_is_fixed_width_utc_so_text_order_is_time_order() {
        let a = Timestamp::new(datetime!(2026-11-22 23:00:00 +02:00));
        let b = Timestamp::new(datetime!(2026-11-22 21:00:00.5 UTC));
        assert_eq!(a.to_sqlite_text().unwrap(), "2026-11-22T21:00:00.000000Z");
        assert_eq!(b.to_sqlite_text().unwrap(), "2026-11-22T21:00:00.500000Z");
        assert!(a.to_sqlite_text().unwrap() < b.to_sqlite_text().unwrap());
    }

    #[test]
    fn precision_is_what_both_databases_keep() {
        let at = Timestamp::new(datetime!(2026-11-22 21:00:00.123456789 UTC));
        assert_eq!(at.get().nanosecond(), 123_456_000);
    }
}
