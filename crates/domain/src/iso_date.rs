//! Dates in JSON as ISO 8601 (`2026-12-31`), as the API documents them. Reading also accepts
//! the `[year, day of year]` pairs that records saved before this format still hold.

use serde::{Deserialize, Deserializer, Serializer};
use time::Date;
use time::macros::format_description;

#[derive(Deserialize)]
#[serde(untagged)]
enum Stored {
    Text(String),
    OrdinalPair(i32, u16),
}

fn from_stored<E: serde::de::Error>(stored: Stored) -> Result<Date, E> {
    match stored {
        Stored::Text(text) => Date::parse(&text, format_description!("[year]-[month]-[day]"))
            .map_err(|_| E::custom(format!("not a date (YYYY-MM-DD): {text}"))),
        Stored::OrdinalPair(year, day) => Date::from_ordinal_date(year, day)
            .map_err(|_| E::custom(format!("not a day of year: [{year}, {day}]"))),
    }
}

pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    from_stored(Stored::deserialize(deserializer)?)
}

pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.collect_str(date),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
        Option::<Stored>::deserialize(deserializer)?.map(from_stored).transpose()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use serde::{Deserialize, Serialize};
    use time::macros::date;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Dated {
        #[serde(with = "super")]
        on: time::Date,
        #[serde(with = "super::option", default)]
        until: Option<time::Date>,
    }

    #[test]
    fn dates_are_written_as_iso_and_read_in_either_form() {
        let dated = Dated { on: date!(2026 - 12 - 31), until: None };
        let json = serde_json::to_string(&dated).unwrap();
        assert_eq!(json, r#"{"on":"2026-12-31","until":null}"#);
        assert_eq!(serde_json::from_str::<Dated>(&json).unwrap(), dated);
        let legacy: Dated = serde_json::from_str(r#"{"on":[2019,1],"until":[2026,365]}"#).unwrap();
        assert_eq!((legacy.on, legacy.until), (date!(2019 - 01 - 01), Some(date!(2026 - 12 - 31))));
        assert!(serde_json::from_str::<Dated>(r#"{"on":"31.12.2026"}"#).is_err());
        assert!(serde_json::from_str::<Dated>(r#"{"on":"2026-12-31"}"#).unwrap().until.is_none());
    }
}
