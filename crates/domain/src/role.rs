//! Who may do what: roles and the per-record access rules every route goes through.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::actor::Actor;
use crate::partnership::{Partnership, PartnershipSummary};

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

/// What a viewer may do with one partnership and everything under it (agreements,
/// commitments, deliverables, attachments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnershipAccess {
    /// Sees the record at all: published, or a party, or staff.
    pub view: bool,
    /// Signed in: sees the fields marked public, not only the catalogue entry.
    pub view_public_fields: bool,
    /// Sees non-public fields, agreements, commitments and deliverables.
    pub view_private: bool,
    /// Edits the record, moves phases, records papers and funder decisions, reviews.
    pub manage: bool,
    /// The viewer's own actors among the parties: it accepts, submits and ticks for these.
    pub acts_for: Vec<Uuid>,
}

impl PartnershipAccess {
    pub fn is_party(&self) -> bool {
        !self.acts_for.is_empty()
    }

    /// Parties tick checklists and update their commitments; staff do everything.
    pub fn participate(&self) -> bool {
        self.manage || self.is_party()
    }
}

/// The single place that decides partnership access; pages and the API both ask it.
pub fn partnership_access(
    viewer: Option<&Principal>,
    party_ids: &[Uuid],
    published: bool,
    archived: bool,
) -> PartnershipAccess {
    let none = PartnershipAccess {
        view: false,
        view_public_fields: false,
        view_private: false,
        manage: false,
        acts_for: Vec::new(),
    };
    match viewer {
        Some(p) if matches!(p.role, Role::Admin | Role::Staff) => PartnershipAccess {
            view: true,
            view_public_fields: true,
            view_private: true,
            manage: !archived,
            acts_for: Vec::new(),
        },
        Some(p) if party_ids.iter().any(|id| p.actor_ids.contains(id)) => PartnershipAccess {
            view: true,
            view_public_fields: true,
            view_private: true,
            manage: false,
            acts_for: if archived {
                Vec::new()
            } else {
                party_ids.iter().copied().filter(|id| p.actor_ids.contains(id)).collect()
            },
        },
        Some(_) if published && !archived => {
            PartnershipAccess { view: true, view_public_fields: true, ..none }
        }
        None if published && !archived => PartnershipAccess { view: true, ..none },
        _ => none,
    }
}

/// The partnership as `viewer` may see it: whole, with non-public fields emptied, as the
/// public catalogue entry, or not at all.
pub fn partnership_as_seen_by(viewer: Option<&Principal>, partnership: Partnership) -> Option<Partnership> {
    let access = partnership_access(
        viewer,
        &partnership.party_ids(),
        partnership.details.published,
        partnership.is_archived(),
    );
    if !access.view {
        None
    } else if access.view_private {
        Some(partnership)
    } else if access.view_public_fields {
        Some(partnership.redacted())
    } else {
        Some(partnership.catalogue_entry())
    }
}

/// A list entry as `viewer` may see it: as [`partnership_as_seen_by`] would show the whole
/// partnership, the aim only where it is public or the viewer sees non-public fields.
pub fn summary_as_seen_by(
    viewer: Option<&Principal>,
    summary: &PartnershipSummary,
) -> Option<PartnershipSummary> {
    let access = partnership_access(viewer, &summary.parties, summary.published, summary.archived);
    if !access.view {
        return None;
    }
    let mut seen = summary.clone();
    if summary.aim_private && !access.view_private {
        seen.aim = None;
    }
    Some(seen)
}

/// Creating partnerships and seeing the whole city's attention list.
pub fn is_staff(viewer: Option<&Principal>) -> bool {
    viewer.is_some_and(|p| matches!(p.role, Role::Admin | Role::Staff))
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

    #[test]
    fn partnership_access_by_role_and_party() {
        let a = Uuid::from_u128(1);
        let b = Uuid::from_u128(2);
        let c = Uuid::from_u128(3);
        let parties = [a, b];
        let staff = partnership_access(Some(&principal(Role::Staff, &[])), &parties, false, false);
        assert!(staff.view_private && staff.manage && !staff.is_party());
        let member_a = partnership_access(Some(&principal(Role::Member, &[a, c])), &parties, false, false);
        assert!(member_a.view_private && !member_a.manage && member_a.acts_for == vec![a]);
        let member_c = principal(Role::Member, &[c]);
        assert!(!partnership_access(Some(&member_c), &parties, false, false).view);
        let outsider = partnership_access(Some(&member_c), &parties, true, false);
        assert!(outsider.view && outsider.view_public_fields && !outsider.view_private);
        let anonymous = partnership_access(None, &parties, true, false);
        assert!(anonymous.view && !anonymous.view_public_fields);
        assert!(!partnership_access(None, &parties, true, true).view);
        let archived = partnership_access(Some(&principal(Role::Member, &[a])), &parties, false, true);
        assert!(archived.view && archived.acts_for.is_empty());
    }
}
