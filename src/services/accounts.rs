//! Accounts: the first administrator, users, logins and API tokens.

use kumppani_domain::password;
use kumppani_domain::role::{Principal, Role, can_manage_users};
use kumppani_domain::validation::{FieldErrors, is_plausible_email, required_text};
use uuid::Uuid;

use super::{Audit, Change, audit, secrets};
use crate::error::{Error, Result};
use crate::store::users::{self, NewUser};
use crate::store::{Store, tokens};

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub password_again: String,
    pub role: String,
    pub actor_ids: Vec<Uuid>,
}

struct ValidAccount {
    email: String,
    display_name: String,
    role: Role,
}

fn validate(input: &NewAccount) -> Result<ValidAccount> {
    let mut errors = FieldErrors::new();
    let email = required_text(&mut errors, "email", &input.email, 254).to_lowercase();
    if !email.is_empty() && !is_plausible_email(&email) {
        errors.add("email", "invalid-email");
    }
    let display_name = required_text(&mut errors, "display_name", &input.display_name, 200);
    if let Err(code) = password::check(&input.password, &email, &display_name) {
        errors.add_with("password", code, vec![("min", password::MIN_CHARS.to_string())]);
    } else if input.password != input.password_again {
        errors.add("password_again", "password-mismatch");
    }
    let role = Role::parse(input.role.trim()).unwrap_or_else(|| {
        errors.add("role", "invalid-choice");
        Role::Member
    });
    Ok(errors.into_result(ValidAccount { email, display_name, role })?)
}

async fn hash(password: &str) -> Result<String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || secrets::hash_password(&password))
        .await
        .map_err(Error::internal)?
        .map_err(Error::internal)
}

/// Creates the first administrator; refused once any account exists, checked inside the
/// transaction so two set-up pages submitted at once cannot both win.
pub async fn create_first_admin(
    store: &Store,
    input: &NewAccount,
    now: crate::store::Timestamp,
) -> Result<Uuid> {
    let input = NewAccount { role: Role::Admin.as_str().into(), actor_ids: Vec::new(), ..input.clone() };
    let valid = validate(&input)?;
    let password_hash = hash(&input.password).await?;
    let mut tx = store.begin().await?;
    if users::count_in_tx(&mut tx).await? > 0 {
        return Err(Error::Forbidden);
    }
    let id = Uuid::now_v7();
    insert(&mut tx, id, &valid, &password_hash, Change { user_id: Some(id), now }).await?;
    tx.commit().await?;
    Ok(id)
}

/// An administrator adds an account (also `kumppani user add`, where `by` is `None`).
pub async fn create_user(
    store: &Store,
    by: Option<&Principal>,
    input: &NewAccount,
    change: Change,
) -> Result<Uuid> {
    if by.is_some() && !can_manage_users(by) {
        return Err(Error::NotFound);
    }
    let valid = validate(input)?;
    let password_hash = hash(&input.password).await?;
    let mut tx = store.begin().await?;
    let id = Uuid::now_v7();
    insert(&mut tx, id, &valid, &password_hash, change).await?;
    for actor_id in &input.actor_ids {
        users::link_actor(&mut tx, id, *actor_id).await?;
    }
    tx.commit().await?;
    Ok(id)
}

async fn insert(
    tx: &mut crate::store::Tx,
    id: Uuid,
    valid: &ValidAccount,
    password_hash: &str,
    change: Change,
) -> Result<()> {
    let new = NewUser {
        id,
        email: &valid.email,
        display_name: &valid.display_name,
        password_hash,
        role: valid.role,
        locale: None,
    };
    if let Err(e) = users::insert(tx, &new, change.now).await {
        return Err(match e.unique_violation() {
            Some(_) => Error::invalid("email", "email-taken"),
            None => e.into(),
        });
    }
    let after = serde_json::json!({
        "email": valid.email, "display_name": valid.display_name, "role": valid.role.as_str()
    });
    let entry = Audit {
        action: "create",
        entity_type: "user",
        entity_id: Some(id),
        summary: &valid.email,
        before: None,
        after: Some(after),
    };
    audit(tx, change, entry).await
}

/// Checks a login. Unknown e-mail and wrong password take the same time and give the same
/// answer, so the form cannot be used to find accounts.
pub async fn verify_login(store: &Store, email: &str, password: &str) -> Result<Option<users::User>> {
    let user = store.user_by_email(email).await?;
    let stored = user.as_ref().filter(|u| !u.disabled).map(|u| u.password_hash.clone());
    let password = password.to_owned();
    let ok = tokio::task::spawn_blocking(move || match stored {
        Some(hash) => secrets::verify_password(&password, &hash),
        None => {
            // Burn the same Argon2 work as a real check.
            let _ = secrets::hash_password(&password);
            false
        }
    })
    .await
    .map_err(Error::internal)?;
    Ok(if ok { user } else { None })
}

/// Creates an API token for `user_id`; the token itself is shown once and never stored.
pub async fn create_token(store: &Store, user_id: Uuid, name: &str, change: Change) -> Result<String> {
    let mut errors = FieldErrors::new();
    let name = required_text(&mut errors, "name", name, 100);
    errors.into_result(())?;
    let token = format!("kmp_{}", secrets::random_token());
    let id = Uuid::now_v7();
    let mut tx = store.begin().await?;
    tokens::insert(&mut tx, id, user_id, &name, &secrets::token_hash(&token), change.now).await?;
    let entry = Audit {
        action: "create",
        entity_type: "api_token",
        entity_id: Some(id),
        summary: &name,
        before: None,
        after: None,
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn revoke_token(store: &Store, user_id: Uuid, token_id: Uuid, change: Change) -> Result<()> {
    let mut tx = store.begin().await?;
    if !tokens::revoke(&mut tx, token_id, user_id, change.now).await? {
        return Err(Error::NotFound);
    }
    let entry = Audit {
        action: "revoke",
        entity_type: "api_token",
        entity_id: Some(token_id),
        summary: "",
        before: None,
        after: None,
    };
    audit(&mut tx, change, entry).await?;
    tx.commit().await?;
    Ok(())
}
