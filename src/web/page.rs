//! What every page template gets: language, user, CSRF token, title and breadcrumbs.

use kumppani_domain::role::Role;
use kumppani_domain::validation::FieldErrors;
use time::OffsetDateTime;

use super::error::field_message;
use super::i18n::Lang;
use super::session::RequestContext;

#[derive(Debug, Clone)]
pub struct Crumb {
    pub label: String,
    pub href: String,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub csrf_token: String,
    pub path: String,
    pub user_name: Option<String>,
    pub role: Option<Role>,
    pub title: String,
    pub breadcrumbs: Vec<Crumb>,
    /// A confirmation shown once at the top ("Saved").
    pub notice: Option<String>,
}

impl Page {
    pub fn new(ctx: &RequestContext, title_key: &str) -> Self {
        let mut page = Self::bare(ctx.lang, title_key);
        page.csrf_token = ctx.csrf_token.clone();
        page.path = ctx.path.clone();
        page.user_name = ctx.user.as_ref().map(|u| u.display_name.clone());
        page.role = ctx.principal.as_ref().map(|p| p.role);
        page
    }

    pub fn bare(lang: Lang, title_key: &str) -> Self {
        Self {
            lang,
            csrf_token: String::new(),
            path: "/".into(),
            user_name: None,
            role: None,
            title: lang.t(title_key),
            breadcrumbs: Vec::new(),
            notice: None,
        }
    }

    /// Sets a title that is data rather than a translation (an actor's name).
    pub fn titled(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    pub fn crumb(mut self, label_key: &str, href: &str) -> Self {
        self.breadcrumbs.push(Crumb { label: self.lang.t(label_key), href: href.into() });
        self
    }

    pub fn crumb_text(mut self, label: impl Into<String>, href: &str) -> Self {
        self.breadcrumbs.push(Crumb { label: label.into(), href: href.into() });
        self
    }

    /// Shows the confirmation named by a `?notice=` key, if it is one we know.
    pub fn with_notice(mut self, notice: Option<&str>) -> Self {
        self.notice = notice
            .filter(|n| {
                matches!(
                    *n,
                    "saved"
                        | "created"
                        | "archived"
                        | "signed-in"
                        | "signed-out"
                        | "token-revoked"
                        | "user-created"
                        | "demo-loaded"
                        | "phase-changed"
                        | "staircase-changed"
                        | "checklist-saved"
                        | "accepted"
                        | "attached"
                        | "attachment-removed"
                        | "submitted"
                        | "partnership-created"
                        | "agreement-created"
                        | "deliverable-created"
                        | "reviewed"
                        | "step-changed"
                        | "note-posted"
                        | "deleted"
                        | "workshop-rerun"
                )
            })
            .map(|n| self.lang.t(&format!("notice-{n}")));
        self
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    /// The label of a coded value: `label("sector", "parish")` looks up `sector-parish`.
    pub fn label(&self, prefix: &str, code: &str) -> String {
        self.lang.t(&format!("{prefix}-{code}"))
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.lang.t_args(key, &[(name, value.to_string())])
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn signed_in(&self) -> bool {
        self.role.is_some()
    }

    pub fn is_staff(&self) -> bool {
        matches!(self.role, Some(Role::Admin | Role::Staff))
    }

    pub fn is_admin(&self) -> bool {
        self.role == Some(Role::Admin)
    }

    pub fn datetime(&self, at: impl Plain<OffsetDateTime>) -> String {
        self.lang.datetime(at.plain())
    }

    pub fn date(&self, date: impl Plain<time::Date>) -> String {
        self.lang.date(date.plain())
    }

    pub fn number(&self, value: impl Plain<i64>) -> String {
        self.lang.integer(value.plain())
    }

    /// A file's size: 329 t, 12,5 kt, 1,50 Mt.
    pub fn file_size(&self, bytes: impl Plain<i64>) -> String {
        self.lang.file_size(bytes.plain())
    }

    /// A sum in cents as euros: 1 234,50 €.
    #[allow(clippy::cast_precision_loss)]
    pub fn euros(&self, cents: impl Plain<i64>) -> String {
        self.lang.euros(cents.plain() as f64 / 100.0)
    }

    /// The translated error for a field, if the submission had one.
    pub fn error(&self, errors: &FieldErrors, field: &str) -> Option<String> {
        errors.for_field(field).map(|e| field_message(self.lang, e))
    }

    /// Every error with its field's label, for the summary at the top of a form.
    pub fn error_summary(&self, errors: &FieldErrors) -> Vec<(String, String)> {
        errors.0.iter().map(|e| (field_anchor(&e.field), field_message(self.lang, e))).collect()
    }

    pub fn other_languages(&self) -> Vec<(&'static str, &'static str)> {
        Lang::ALL
            .iter()
            .filter(|l| **l != self.lang)
            .map(|l| match l {
                Lang::Fi => ("fi", "Suomeksi"),
                Lang::Sv => ("sv", "På svenska"),
                Lang::En => ("en", "In English"),
            })
            .collect()
    }
}

/// A value however deeply a template has borrowed it (templates pass fields by reference).
pub trait Plain<T> {
    fn plain(&self) -> T;
}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl Plain<$t> for $t {
            fn plain(&self) -> $t {
                *self
            }
        }
    )*};
}
plain!(time::Date, OffsetDateTime, i64);

impl<T, U: Plain<T> + ?Sized> Plain<T> for &U {
    fn plain(&self) -> T {
        (**self).plain()
    }
}

/// The id of a field's input element: `activities[0].what` → `activities-0-what`.
pub fn field_anchor(field: &str) -> String {
    field.replace(['[', '.'], "-").replace(']', "")
}
