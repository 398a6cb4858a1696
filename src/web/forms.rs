//! Form posts: the body as name–value pairs, accepted only with a valid CSRF token.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use kumppani_domain::actor::{ActivityInput, ActorInput, ContactInput, ResourceInput};
use kumppani_domain::commitment::{BudgetLineInput, IndicatorInput, SubmissionInput};
use kumppani_domain::partnership::{PartnershipInput, PartyInput, REPRESENTATIVES_MAX, RepresentativeInput};
use kumppani_domain::validation::split_tags;
use kumppani_domain::value_network::workshop::{JoinInput, NoteInput, PlanActorInput, PlanInput};

use super::csrf;
use super::session::RequestContext;
use super::state::AppState;
use crate::error::Error;

fn field(row: &[(String, String)], name: &str) -> String {
    row.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

#[derive(Debug, Clone, Default)]
pub struct FormData(pub Vec<(String, String)>);

impl FromRequest<AppState> for FormData {
    type Rejection = Error;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Error> {
        let ctx = request
            .extensions()
            .get::<RequestContext>()
            .cloned()
            .ok_or_else(|| Error::internal("request context middleware is not installed"))?;
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                Error::PayloadTooLarge
            } else {
                Error::BadRequest(rejection.body_text())
            }
        })?;
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(|e| Error::BadRequest(e.to_string()))?;
        let form = FormData(pairs);
        if !ctx.bearer && !csrf::verify(&state.csrf_key, &ctx.session_token, form.get(csrf::FIELD)) {
            return Err(Error::Csrf);
        }
        Ok(form)
    }
}

/// A workshop participant's form post: the CSRF token must be bound to their participant
/// cookie (they have no account), which is handed on for the participant lookup.
#[derive(Debug, Clone)]
pub struct ParticipantForm {
    pub form: FormData,
    pub participant_token: String,
}

impl FromRequest<AppState> for ParticipantForm {
    type Rejection = Error;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Error> {
        let participant_token =
            super::session::cookie_value(request.headers(), super::session::PARTICIPANT_COOKIE)
                .map(str::to_owned)
                .ok_or(Error::NotFound)?;
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                Error::PayloadTooLarge
            } else {
                Error::BadRequest(rejection.body_text())
            }
        })?;
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(|e| Error::BadRequest(e.to_string()))?;
        let form = FormData(pairs);
        if !csrf::verify_participant(&state.csrf_key, &participant_token, form.get(csrf::FIELD)) {
            return Err(Error::Csrf);
        }
        Ok(ParticipantForm { form, participant_token })
    }
}

impl FormData {
    /// The workshop planning form; each actor row is typed as a name, register id or page address.
    pub fn plan_input(&self) -> PlanInput {
        PlanInput {
            title: self.get("title").into(),
            purposes: self.all("purposes"),
            purpose_other: self.get("purpose_other").into(),
            background: self.get("background").into(),
            actors: self
                .rows("actors")
                .iter()
                .map(|r| PlanActorInput {
                    id: field(r, "id"),
                    register_id: field(r, "register_id"),
                    name: field(r, "name"),
                })
                .collect(),
            clients_name: self.get("clients_name").into(),
            residents_invited: self.checked("residents_invited"),
            convener: self.get("convener").into(),
            facilitator: self.get("facilitator").into(),
            date: self.get("date").into(),
            place: self.get("place").into(),
        }
    }

    pub fn join_input(&self, code: &str) -> JoinInput {
        JoinInput {
            code: code.into(),
            name: self.get("name").into(),
            represents: self.get("represents").into(),
        }
    }

    pub fn note_input(&self) -> NoteInput {
        NoteInput {
            question: self.get("question").into(),
            author: self.get("author").into(),
            about: self.get("about").into(),
            text: self.get("text").into(),
            tangibility: self.get("tangibility").into(),
        }
    }

    /// Fields of a note the form posted, put over the note's current ones.
    pub fn note_edit(&self, mut current: NoteInput) -> NoteInput {
        for (name, value) in &self.0 {
            let target = match name.as_str() {
                "question" => &mut current.question,
                "author" => &mut current.author,
                "about" => &mut current.about,
                "text" => &mut current.text,
                "tangibility" => &mut current.tangibility,
                _ => continue,
            };
            value.clone_into(target);
        }
        current
    }

    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }

    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && !v.is_empty())
    }

    /// The partnership form. A party row carries its representatives as numbered fields
    /// (`parties[0].rep0_name`), which keeps the form flat enough to work without script.
    pub fn partnership_input(&self) -> PartnershipInput {
        PartnershipInput {
            name: self.get("name").into(),
            description: self.get("description").into(),
            kind: self.get("kind").into(),
            depth: self.get("depth").into(),
            steering: self.get("steering").into(),
            leadership: self.get("leadership").into(),
            themes: split_tags(self.get("themes")),
            areas: split_tags(self.get("areas")),
            target_groups: split_tags(self.get("target_groups")),
            aim: self.get("aim").into(),
            coordination: self.get("coordination").into(),
            information_flow: self.get("information_flow").into(),
            parties: self
                .rows("parties")
                .iter()
                .map(|r| PartyInput {
                    actor_id: field(r, "actor"),
                    role: field(r, "role"),
                    commitment: field(r, "commitment"),
                    representatives: (0..REPRESENTATIVES_MAX)
                        .map(|j| RepresentativeInput {
                            name: field(r, &format!("rep{j}_name")),
                            title: field(r, &format!("rep{j}_title")),
                            email: field(r, &format!("rep{j}_email")),
                        })
                        .collect(),
                })
                .collect(),
            verbal: self.checked("verbal"),
            private_fields: Some(self.all("private_fields")),
            published: self.checked("published"),
        }
    }

    /// A deliverable's submission: its text, budget lines and indicators.
    pub fn submission_input(&self) -> SubmissionInput {
        SubmissionInput {
            text: self.get("text").into(),
            budget_lines: self
                .rows("budget_lines")
                .iter()
                .map(|r| BudgetLineInput { description: field(r, "description"), amount: field(r, "amount") })
                .collect(),
            indicators: self
                .rows("indicators")
                .iter()
                .map(|r| IndicatorInput {
                    name: field(r, "name"),
                    kind: field(r, "kind"),
                    target: field(r, "target"),
                })
                .collect(),
        }
    }

    /// Rows of a repeated group (`activities[0].what`, `activities[1].what`, …), in index order.
    pub fn rows(&self, group: &str) -> Vec<Vec<(String, String)>> {
        let prefix = format!("{group}[");
        let mut rows: std::collections::BTreeMap<usize, Vec<(String, String)>> = Default::default();
        for (key, value) in &self.0 {
            let Some(rest) = key.strip_prefix(&prefix) else { continue };
            let Some((index, field)) = rest.split_once("].") else { continue };
            let Ok(index) = index.parse::<usize>() else { continue };
            if index < 200 {
                rows.entry(index).or_default().push((field.to_owned(), value.clone()));
            }
        }
        rows.into_values().collect()
    }

    pub fn actor_input(&self) -> ActorInput {
        ActorInput {
            name_fi: self.get("name_fi").into(),
            name_sv: self.get("name_sv").into(),
            name_en: self.get("name_en").into(),
            business_id: self.get("business_id").into(),
            register_number: self.get("register_number").into(),
            sector: self.get("sector").into(),
            website: self.get("website").into(),
            purpose: self.get("purpose").into(),
            core_competence: self.get("core_competence").into(),
            target_groups: split_tags(self.get("target_groups")),
            themes: split_tags(self.get("themes")),
            areas: split_tags(self.get("areas")),
            activities: self
                .rows("activities")
                .iter()
                .map(|r| ActivityInput {
                    what: field(r, "what"),
                    when: field(r, "when"),
                    place: field(r, "where"),
                })
                .collect(),
            resources: self
                .rows("resources")
                .iter()
                .map(|r| ResourceInput {
                    kind: field(r, "kind"),
                    description: field(r, "description"),
                    tangibility: field(r, "tangibility"),
                })
                .collect(),
            contacts: self
                .rows("contacts")
                .iter()
                .map(|r| ContactInput {
                    name: field(r, "name"),
                    role: field(r, "role"),
                    email: field(r, "email"),
                    phone: field(r, "phone"),
                })
                .collect(),
            private_fields: Some(self.all("private_fields")),
            published: self.checked("published"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_rows_are_read_in_index_order() {
        let form = FormData(vec![
            ("name_fi".into(), "Kirjasto".into()),
            ("activities[1].what".into(), "Satutunti".into()),
            ("activities[0].what".into(), "Lukupiiri".into()),
            ("activities[0].when".into(), "ti klo 17".into()),
            ("themes".into(), "lukeminen, ikäihmiset".into()),
            ("private_fields".into(), "contacts".into()),
            ("published".into(), "on".into()),
        ]);
        let input = form.actor_input();
        assert_eq!(input.activities[0].what, "Lukupiiri");
        assert_eq!(input.activities[0].when, "ti klo 17");
        assert_eq!(input.activities[1].what, "Satutunti");
        assert_eq!(input.themes, vec!["lukeminen", "ikäihmiset"]);
        assert!(input.published);
        assert_eq!(input.private_fields, Some(vec!["contacts".to_owned()]));
    }
}
