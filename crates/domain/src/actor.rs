//! Actors (toimijat): the organisations and groups a city works with, and the rules for
//! what a valid actor record is and which of its fields the public may see.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::business_id::BusinessId;
use crate::validation::{FieldErrors, is_plausible_email, optional_text, required_text, tag_list};

/// Generates a string-backed enum with a stable code per variant, used in the database,
/// URLs, the API and translation keys alike.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(value: &str) -> Option<Self> {
                match value { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}
pub(crate) use code_enum;

code_enum!(
    /// Sectors from DOMAIN.md; the UI groups them into public, third, private and others.
    Sector {
        Municipality => "municipality",
        WellbeingServicesCounty => "wellbeing_services_county",
        JointMunicipalAuthority => "joint_municipal_authority",
        Organisation => "organisation",
        Association => "association",
        Foundation => "foundation",
        Company => "company",
        Parish => "parish",
        EducationalInstitution => "educational_institution",
        Residents => "residents",
        Funder => "funder",
    }
);

code_enum!(
    /// Kinds of resources an actor brings (seeds 002 and 004).
    ResourceKind {
        Financial => "financial",
        VolunteerWork => "volunteer_work",
        Perspectives => "perspectives",
        Expertise => "expertise",
        LocalKnowledge => "local_knowledge",
        Contacts => "contacts",
        ReachingTargetGroups => "reaching_target_groups",
        Premises => "premises",
        Services => "services",
        PeerSupport => "peer_support",
        Other => "other",
    }
);

impl ResourceKind {
    /// Money, premises and services are tangible; knowledge, contacts and experience are not.
    pub fn usual_tangibility(self) -> Tangibility {
        match self {
            Self::Financial | Self::Premises | Self::Services => Tangibility::Tangible,
            _ => Tangibility::Intangible,
        }
    }
}

code_enum!(
    Tangibility {
        Tangible => "tangible",
        Intangible => "intangible",
    }
);

code_enum!(
    /// Fields that may be hidden from the public catalogue; names and sector are always public.
    ActorField {
        BusinessId => "business_id",
        RegisterNumber => "register_number",
        Website => "website",
        Purpose => "purpose",
        CoreCompetence => "core_competence",
        TargetGroups => "target_groups",
        Themes => "themes",
        Areas => "areas",
        Activities => "activities",
        Resources => "resources",
        Contacts => "contacts",
    }
);

impl ActorField {
    /// Contact persons are personal data, hidden unless someone chooses to publish them.
    pub fn default_private() -> BTreeSet<ActorField> {
        BTreeSet::from([ActorField::Contacts])
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub what: String,
    pub when: Option<String>,
    #[serde(rename = "where")]
    pub place: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    pub kind: ResourceKind,
    pub description: String,
    pub tangibility: Tangibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPerson {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A valid actor's content, as saved; produced only by [`ActorInput::validate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorDetails {
    pub name_fi: String,
    pub name_sv: Option<String>,
    pub name_en: Option<String>,
    pub business_id: Option<BusinessId>,
    pub register_number: Option<String>,
    pub sector: Sector,
    pub website: Option<String>,
    pub purpose: Option<String>,
    pub core_competence: Option<String>,
    pub target_groups: Vec<String>,
    pub themes: Vec<String>,
    pub areas: Vec<String>,
    pub activities: Vec<Activity>,
    pub resources: Vec<Resource>,
    pub contacts: Vec<ContactPerson>,
    pub private_fields: BTreeSet<ActorField>,
    pub published: bool,
    pub demo: bool,
}

/// A stored actor with its bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub id: Uuid,
    /// Optimistic-locking counter: an update names the version it was based on.
    pub version: i64,
    #[serde(flatten)]
    pub details: ActorDetails,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub archived_at: Option<OffsetDateTime>,
}

impl Actor {
    pub fn is_archived(&self) -> bool {
        self.archived_at.is_some()
    }
}

/// The name in `lang`, Finnish when there is none in that language.
pub fn localized_name<'a>(fi: &'a str, sv: Option<&'a str>, en: Option<&'a str>, lang: &str) -> &'a str {
    match lang {
        "sv" => sv,
        "en" => en,
        _ => None,
    }
    .unwrap_or(fi)
}

impl ActorDetails {
    /// The name in the given language ("fi", "sv", "en"), falling back to Finnish.
    pub fn name(&self, lang: &str) -> &str {
        localized_name(&self.name_fi, self.name_sv.as_deref(), self.name_en.as_deref(), lang)
    }

    pub fn is_public(&self, field: ActorField) -> bool {
        !self.private_fields.contains(&field)
    }

    /// The same record with every non-public field emptied, for viewers without access.
    pub fn redacted(&self) -> ActorDetails {
        let mut out = self.clone();
        for field in &self.private_fields {
            match field {
                ActorField::BusinessId => out.business_id = None,
                ActorField::RegisterNumber => out.register_number = None,
                ActorField::Website => out.website = None,
                ActorField::Purpose => out.purpose = None,
                ActorField::CoreCompetence => out.core_competence = None,
                ActorField::TargetGroups => out.target_groups.clear(),
                ActorField::Themes => out.themes.clear(),
                ActorField::Areas => out.areas.clear(),
                ActorField::Activities => out.activities.clear(),
                ActorField::Resources => out.resources.clear(),
                ActorField::Contacts => out.contacts.clear(),
            }
        }
        out
    }

    /// Public text the search index is built from: hidden fields stay out, so the public
    /// catalogue cannot be probed for them.
    pub fn searchable_text(&self) -> String {
        let public = self.redacted();
        let mut parts: Vec<&str> = vec![&public.name_fi];
        parts.extend(public.name_sv.as_deref());
        parts.extend(public.name_en.as_deref());
        parts.extend(public.purpose.as_deref());
        parts.extend(public.core_competence.as_deref());
        parts.extend(public.target_groups.iter().map(String::as_str));
        parts.extend(public.themes.iter().map(String::as_str));
        parts.extend(public.areas.iter().map(String::as_str));
        for activity in &public.activities {
            parts.push(&activity.what);
            parts.extend(activity.place.as_deref());
        }
        parts.extend(public.resources.iter().map(|r| r.description.as_str()));
        parts.join(" ")
    }

    /// Words describing what the actor does, for the overlap finder.
    pub fn activity_text(&self) -> String {
        let public = self.redacted();
        let mut parts: Vec<&str> = public.activities.iter().map(|a| a.what.as_str()).collect();
        parts.extend(public.core_competence.as_deref());
        parts.join(" ")
    }
}

/// A byte-wise sortable key in Finnish and Swedish alphabetical order (… z, å, ä, ö), which
/// both databases can index without locale-specific collations.
pub fn sort_key(name: &str) -> String {
    crate::search::normalise(name)
        .chars()
        .map(|c| match c {
            'å' => '{',
            'ä' | 'æ' => '|',
            'ö' | 'ø' => '}',
            other => other,
        })
        .collect()
}

pub const NAME_MAX: usize = 200;
pub const TEXT_MAX: usize = 4000;
pub const SHORT_MAX: usize = 200;
pub const TAG_MAX: usize = 80;
pub const TAGS_MAX: usize = 40;
pub const ROWS_MAX: usize = 50;

/// What a person typed in the form or sent to the API, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorInput {
    pub name_fi: String,
    pub name_sv: String,
    pub name_en: String,
    pub business_id: String,
    pub register_number: String,
    pub sector: String,
    pub website: String,
    pub purpose: String,
    pub core_competence: String,
    pub target_groups: Vec<String>,
    pub themes: Vec<String>,
    pub areas: Vec<String>,
    pub activities: Vec<ActivityInput>,
    pub resources: Vec<ResourceInput>,
    pub contacts: Vec<ContactInput>,
    /// Fields hidden from the public; `None` keeps the defaults (contact persons hidden).
    pub private_fields: Option<Vec<String>>,
    pub published: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityInput {
    pub what: String,
    pub when: String,
    #[serde(rename = "where")]
    pub place: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourceInput {
    pub kind: String,
    pub description: String,
    pub tangibility: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactInput {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

impl ActivityInput {
    fn is_blank(&self) -> bool {
        [&self.what, &self.when, &self.place].iter().all(|s| s.trim().is_empty())
    }
}

impl ResourceInput {
    fn is_blank(&self) -> bool {
        self.description.trim().is_empty()
    }
}

impl ContactInput {
    fn is_blank(&self) -> bool {
        [&self.name, &self.role, &self.email, &self.phone].iter().all(|s| s.trim().is_empty())
    }
}

impl ActorInput {
    /// Checks every field, collecting all problems so the form can show them at once.
    /// `demo` marks demonstration data; it is not something a form can set.
    pub fn validate(&self, demo: bool) -> Result<ActorDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name_fi = required_text(&mut errors, "name_fi", &self.name_fi, NAME_MAX);
        let name_sv = optional_text(&mut errors, "name_sv", &self.name_sv, NAME_MAX);
        let name_en = optional_text(&mut errors, "name_en", &self.name_en, NAME_MAX);
        let business_id = match self.business_id.trim() {
            "" => None,
            raw => match BusinessId::parse(raw) {
                Ok(id) => Some(id),
                Err(e) => {
                    errors.add("business_id", e.code());
                    None
                }
            },
        };
        let register_number = optional_text(&mut errors, "register_number", &self.register_number, 40);
        let sector = match self.sector.trim() {
            "" => {
                errors.add("sector", "required");
                Sector::Association
            }
            raw => Sector::parse(raw).unwrap_or_else(|| {
                errors.add("sector", "invalid-choice");
                Sector::Association
            }),
        };
        let website = optional_text(&mut errors, "website", &self.website, 300);
        if website.as_deref().is_some_and(|url| {
            !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ')
        }) {
            errors.add("website", "invalid-url");
        }
        let purpose = optional_text(&mut errors, "purpose", &self.purpose, TEXT_MAX);
        let core_competence = optional_text(&mut errors, "core_competence", &self.core_competence, TEXT_MAX);
        let target_groups = tag_list(&mut errors, "target_groups", &self.target_groups, TAGS_MAX, TAG_MAX);
        let themes = tag_list(&mut errors, "themes", &self.themes, TAGS_MAX, TAG_MAX);
        let areas = tag_list(&mut errors, "areas", &self.areas, TAGS_MAX, TAG_MAX);

        let mut activities = Vec::new();
        for (i, row) in self.activities.iter().filter(|r| !r.is_blank()).enumerate() {
            let field = |name: &str| format!("activities[{i}].{name}");
            activities.push(Activity {
                what: required_text(&mut errors, &field("what"), &row.what, SHORT_MAX),
                when: optional_text(&mut errors, &field("when"), &row.when, SHORT_MAX),
                place: optional_text(&mut errors, &field("where"), &row.place, SHORT_MAX),
            });
        }
        let mut resources = Vec::new();
        for (i, row) in self.resources.iter().filter(|r| !r.is_blank()).enumerate() {
            let field = |name: &str| format!("resources[{i}].{name}");
            let kind = ResourceKind::parse(row.kind.trim()).unwrap_or_else(|| {
                errors.add(field("kind"), "invalid-choice");
                ResourceKind::Other
            });
            let tangibility = match row.tangibility.trim() {
                "" => kind.usual_tangibility(),
                raw => Tangibility::parse(raw).unwrap_or_else(|| {
                    errors.add(field("tangibility"), "invalid-choice");
                    kind.usual_tangibility()
                }),
            };
            let description = required_text(&mut errors, &field("description"), &row.description, SHORT_MAX);
            resources.push(Resource { kind, description, tangibility });
        }
        let mut contacts = Vec::new();
        for (i, row) in self.contacts.iter().filter(|r| !r.is_blank()).enumerate() {
            let field = |name: &str| format!("contacts[{i}].{name}");
            let email = optional_text(&mut errors, &field("email"), &row.email, 254);
            if email.as_deref().is_some_and(|e| !is_plausible_email(e)) {
                errors.add(field("email"), "invalid-email");
            }
            let phone = optional_text(&mut errors, &field("phone"), &row.phone, 40);
            if phone.as_deref().is_some_and(|p| !p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)))
            {
                errors.add(field("phone"), "invalid-phone");
            }
            contacts.push(ContactPerson {
                name: required_text(&mut errors, &field("name"), &row.name, SHORT_MAX),
                role: optional_text(&mut errors, &field("role"), &row.role, SHORT_MAX),
                email,
                phone,
            });
        }
        for (list, len) in
            [("activities", activities.len()), ("resources", resources.len()), ("contacts", contacts.len())]
        {
            if len > ROWS_MAX {
                errors.add_with(list, "too-many", vec![("max", ROWS_MAX.to_string())]);
            }
        }
        let mut private_fields = BTreeSet::new();
        let chosen = match &self.private_fields {
            Some(chosen) => chosen.clone(),
            None => ActorField::default_private().iter().map(|f| f.as_str().to_owned()).collect(),
        };
        for raw in &chosen {
            match ActorField::parse(raw.trim()) {
                Some(field) => {
                    private_fields.insert(field);
                }
                None => errors.add("private_fields", "invalid-choice"),
            }
        }

        errors.into_result(ActorDetails {
            name_fi,
            name_sv,
            name_en,
            business_id,
            register_number,
            sector,
            website,
            purpose,
            core_competence,
            target_groups,
            themes,
            areas,
            activities,
            resources,
            contacts,
            private_fields,
            published: self.published,
            demo,
        })
    }
}

impl From<&ActorDetails> for ActorInput {
    /// Fills a form from a saved record.
    fn from(d: &ActorDetails) -> Self {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        ActorInput {
            name_fi: d.name_fi.clone(),
            name_sv: text(&d.name_sv),
            name_en: text(&d.name_en),
            business_id: d.business_id.as_ref().map(|b| b.as_str().to_owned()).unwrap_or_default(),
            register_number: text(&d.register_number),
            sector: d.sector.as_str().to_owned(),
            website: text(&d.website),
            purpose: text(&d.purpose),
            core_competence: text(&d.core_competence),
            target_groups: d.target_groups.clone(),
            themes: d.themes.clone(),
            areas: d.areas.clone(),
            activities: d
                .activities
                .iter()
                .map(|a| ActivityInput { what: a.what.clone(), when: text(&a.when), place: text(&a.place) })
                .collect(),
            resources: d
                .resources
                .iter()
                .map(|r| ResourceInput {
                    kind: r.kind.as_str().to_owned(),
                    description: r.description.clone(),
                    tangibility: r.tangibility.as_str().to_owned(),
                })
                .collect(),
            contacts: d
                .contacts
                .iter()
                .map(|c| ContactInput {
                    name: c.name.clone(),
                    role: text(&c.role),
                    email: text(&c.email),
                    phone: text(&c.phone),
                })
                .collect(),
            private_fields: Some(d.private_fields.iter().map(|f| f.as_str().to_owned()).collect()),
            published: d.published,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn valid_input() -> ActorInput {
        ActorInput {
            name_fi: "Turun Kaupunkilähetys ry".into(),
            business_id: "0204819-8".into(),
            sector: "association".into(),
            themes: vec!["päihdetyö".into(), "asunnottomuus".into()],
            activities: vec![
                ActivityInput {
                    what: "Päiväkeskus".into(),
                    when: "arkisin 9–15".into(),
                    place: "Turku".into(),
                },
                ActivityInput::default(),
            ],
            resources: vec![ResourceInput {
                kind: "volunteer_work".into(),
                description: "60 vapaaehtoista".into(),
                tangibility: String::new(),
            }],
            contacts: vec![ContactInput {
                name: "Maija Mallikas".into(),
                email: "maija@example.fi".into(),
                ..ContactInput::default()
            }],
            private_fields: Some(vec!["contacts".into()]),
            published: true,
            ..ActorInput::default()
        }
    }

    #[test]
    fn valid_input_becomes_details_and_blank_rows_are_dropped() {
        let details = valid_input().validate(false).unwrap();
        assert_eq!(details.activities.len(), 1);
        assert_eq!(details.resources[0].tangibility, Tangibility::Intangible);
        assert!(!details.is_public(ActorField::Contacts));
        assert_eq!(details.sector, Sector::Association);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let input = ActorInput {
            name_fi: " ".into(),
            business_id: "1234567-8".into(),
            sector: "castle".into(),
            website: "turku.fi".into(),
            contacts: vec![ContactInput { email: "not-an-email".into(), ..ContactInput::default() }],
            ..ActorInput::default()
        };
        let errors = input.validate(false).unwrap_err();
        let codes: Vec<(&str, &str)> = errors.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert!(codes.contains(&("name_fi", "required")));
        assert!(codes.contains(&("business_id", "business-id-check-digit")));
        assert!(codes.contains(&("sector", "invalid-choice")));
        assert!(codes.contains(&("website", "invalid-url")));
        assert!(codes.contains(&("contacts[0].email", "invalid-email")));
        assert!(codes.contains(&("contacts[0].name", "required")));
    }

    #[test]
    fn redaction_hides_private_fields_from_text_and_search() {
        let details = valid_input().validate(false).unwrap();
        assert!(details.redacted().contacts.is_empty());
        assert!(!details.searchable_text().contains("Maija"));
        assert!(details.searchable_text().contains("Päiväkeskus"));
    }

    #[test]
    fn contact_persons_are_hidden_unless_chosen_otherwise() {
        let input = ActorInput { private_fields: None, ..valid_input() };
        assert!(!input.validate(false).unwrap().is_public(ActorField::Contacts));
        let all_public = ActorInput { private_fields: Some(Vec::new()), ..valid_input() };
        assert!(all_public.validate(false).unwrap().is_public(ActorField::Contacts));
    }

    #[test]
    fn form_round_trip_keeps_content() {
        let details = valid_input().validate(false).unwrap();
        let again = ActorInput::from(&details).validate(false).unwrap();
        assert_eq!(details, again);
    }

    #[test]
    fn sort_key_orders_the_finnish_alphabet() {
        let mut names = vec!["Östra", "Zeta", "Ähtäri", "Åbo", "Aura"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, vec!["Aura", "Zeta", "Åbo", "Ähtäri", "Östra"]);
    }

    #[test]
    fn localized_name_falls_back_to_finnish() {
        let mut details = valid_input().validate(false).unwrap();
        assert_eq!(details.name("sv"), "Turun Kaupunkilähetys ry");
        details.name_sv = Some("Åbo Stadsmission rf".into());
        assert_eq!(details.name("sv"), "Åbo Stadsmission rf");
    }
}
