//! Who may do what: roles and the per-record access rules every route goes through.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::actor::Actor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Staff,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Staff => "staff",
            Self::Member => "member",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "admin" => Some(Self::Admin),
            "staff" => Some(Self::Staff),
            "member" => Some(Self::Member),
            _ => None,
        }
    }

    pub const ALL: [Role; 3] = [Self::Admin, Self::Staff, Self::Member];
}

/// The person behind a request; `None` in [`Viewer`] means an anonymous visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: Uuid,
    pub role: Role,
    /// Actors this person represents (organisation members only).
    pub actor_ids: Vec<Uuid>,
}

/// What a viewer may do with one actor record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorAccess {
    /// Sees the record at all (published, or privileged).
    pub view: bool,
    /// Sees non-public fields such as contact persons.
    pub view_private: bool,
    pub edit: bool,
    pub archive: bool,
}

impl ActorAccess {
    pub const NONE: Self = Self { view: false, view_private: false, edit: false, archive: false };
}

/// The single place that decides actor access; pages and the API both ask it.
pub fn actor_access(
    viewer: Option<&Principal>,
    actor_id: Uuid,
    published: bool,
    archived: bool,
) -> ActorAccess {
    match viewer {
        Some(p) if matches!(p.role, Role::Admin | Role::Staff) => {
            ActorAccess { view: true, view_private: true, edit: !archived, archive: !archived }
        }
        Some(p) if p.actor_ids.contains(&actor_id) => {
            ActorAccess { view: true, view_private: true, edit: !archived, archive: false }
        }
        _ if published && !archived => ActorAccess { view: true, ..ActorAccess::NONE },
        _ => ActorAccess::NONE,
    }
}

/// The record as `viewer` may see it: whole, with non-public fields emptied, or not at all.
pub fn actor_as_seen_by(viewer: Option<&Principal>, actor: Actor) -> Option<Actor> {
    let access = actor_access(viewer, actor.id, actor.details.published, actor.is_archived());
    if !access.view {
        None
    } else if access.view_private {
        Some(actor)
    } else {
        Some(Actor { details: actor.details.redacted(), ..actor })
    }
}

/// Creating actors, browsing the audit log and the full (non-public) register.
pub fn can_create_actor(viewer: Option<&Principal>) -> bool {
    viewer.is_some_and(|p| matches!(p.role, Role::Admin | Role::Staff))
}

pub fn can_manage_users(viewer: Option<&Principal>) -> bool {
    viewer.is_some_and(|p| p.role == Role::Admin)
}

pub fn can_read_audit_log(viewer: Option<&Principal>) -> bool {
    viewer.is_some_and(|p| p.role == Role::Admin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role, actors: &[Uuid]) -> Principal {
        Principal { user_id: Uuid::nil(), role, actor_ids: actors.to_vec() }
    }

    #[test]
    fn member_edits_own_actor_but_sees_only_public_of_others() {
        let own = Uuid::from_u128(1);
        let other = Uuid::from_u128(2);
        let member = principal(Role::Member, &[own]);
        let own_access = actor_access(Some(&member), own, false, false);
        assert!(own_access.view && own_access.view_private && own_access.edit && !own_access.archive);
        let other_published = actor_access(Some(&member), other, true, false);
        assert!(other_published.view && !other_published.view_private && !other_published.edit);
        assert_eq!(actor_access(Some(&member), other, false, false), ActorAccess::NONE);
    }

    #[test]
    fn anonymous_sees_only_published_live_actors() {
        let id = Uuid::from_u128(3);
        assert!(actor_access(None, id, true, false).view);
        assert!(!actor_access(None, id, true, true).view);
        assert!(!actor_access(None, id, false, false).view);
        assert!(!actor_access(None, id, true, false).view_private);
    }

    #[test]
    fn others_get_the_record_without_its_non_public_fields() {
        let input = crate::actor::ActorInput {
            name_fi: "Yhdistys".into(),
            sector: "association".into(),
            published: true,
            contacts: vec![crate::actor::ContactInput { name: "Maija".into(), ..Default::default() }],
            ..Default::default()
        };
        let details = input.validate(false).unwrap_or_else(|e| panic!("{e:?}"));
        let at = time::OffsetDateTime::UNIX_EPOCH;
        let actor = Actor {
            id: Uuid::from_u128(5),
            version: 1,
            details,
            created_at: at,
            updated_at: at,
            archived_at: None,
        };
        let own = principal(Role::Member, &[actor.id]);
        assert_eq!(actor_as_seen_by(Some(&own), actor.clone()).map(|a| a.details.contacts.len()), Some(1));
        assert_eq!(actor_as_seen_by(None, actor.clone()).map(|a| a.details.contacts.len()), Some(0));
        let hidden = Actor {
            details: crate::actor::ActorDetails { published: false, ..actor.details.clone() },
            ..actor
        };
        assert!(actor_as_seen_by(None, hidden).is_none());
    }

    #[test]
    fn staff_sees_everything_and_archived_records_are_read_only() {
        let id = Uuid::from_u128(4);
        let staff = principal(Role::Staff, &[]);
        let access = actor_access(Some(&staff), id, false, true);
        assert!(access.view && access.view_private && !access.edit && !access.archive);
        assert!(can_create_actor(Some(&staff)));
        assert!(!can_manage_users(Some(&staff)));
    }
}
