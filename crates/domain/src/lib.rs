//! Kumppani's domain: the types, rules and analyses of the partnership model, free of IO.
//! Everything here is deterministic; time and identifiers come in as arguments.

pub mod actor;
pub mod actor_csv;
pub mod actor_index;
pub mod agreement;
pub mod attachment;
pub mod attention;
pub mod business_id;
pub mod commitment;
pub mod ical;
pub mod iso_date;
pub mod partnership;
pub mod password;
pub mod role;
pub mod search;
pub mod similarity;
pub mod validation;
pub mod value_network;
