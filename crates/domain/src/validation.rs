//! Field errors that every layer speaks: a field path, a stable code and its parameters.
//! The web layer turns the code into a message in the user's language.

use serde::Serialize;

/// One problem with one field; `code` names a translation key (`error-<code>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<(&'static str, String)>,
}

/// All problems found in one submission, in the order of the form's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, code: &'static str) {
        self.0.push(FieldError { field: field.into(), code, params: Vec::new() });
    }

    pub fn add_with(
        &mut self,
        field: impl Into<String>,
        code: &'static str,
        params: Vec<(&'static str, String)>,
    ) {
        self.0.push(FieldError { field: field.into(), code, params });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    /// `Ok(value)` when nothing was reported, so parsers can end with `errors.into_result(x)`.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() { Ok(value) } else { Err(self) }
    }
}

/// Trims a required text field and checks its length in characters.
pub fn required_text(errors: &mut FieldErrors, field: &str, value: &str, max_chars: usize) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, "required");
    } else {
        check_length(errors, field, value, max_chars);
    }
    value.to_owned()
}

/// Trims an optional text field: empty becomes `None`.
pub fn optional_text(errors: &mut FieldErrors, field: &str, value: &str, max_chars: usize) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    check_length(errors, field, value, max_chars);
    Some(value.to_owned())
}

fn check_length(errors: &mut FieldErrors, field: &str, value: &str, max_chars: usize) {
    if value.chars().count() > max_chars {
        errors.add_with(field, "too-long", vec![("max", max_chars.to_string())]);
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        errors.add(field, "control-characters");
    }
}

/// Splits what a person typed in one box ("ikäihmiset, vertaistuki") into tags.
pub fn split_tags(value: &str) -> Vec<String> {
    value.split([',', ';', '\n']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// Trims tags, dropping empties and repeats (compared case-insensitively, first spelling kept).
pub fn tag_list(
    errors: &mut FieldErrors,
    field: &str,
    items: &[String],
    max_items: usize,
    max_chars: usize,
) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut tags = Vec::new();
    for tag in items.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if seen.insert(crate::search::normalise(tag)) {
            check_length(errors, field, tag, max_chars);
            tags.push(tag.to_owned());
        }
    }
    if tags.len() > max_items {
        errors.add_with(field, "too-many", vec![("max", max_items.to_string())]);
    }
    tags
}

/// A date as a browser's date field sends it (2026-03-31) or as people write it (31.3.2026).
pub fn parse_date(value: &str) -> Option<time::Date> {
    let value = value.trim();
    if let Some((year, rest)) = value.split_once('-') {
        let (month, day) = rest.split_once('-')?;
        return date_from_parts(year, month, day);
    }
    let mut parts = value.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some_and(|p| !p.is_empty()) || year.len() != 4 {
        return None;
    }
    date_from_parts(year, month, day)
}

fn date_from_parts(year: &str, month: &str, day: &str) -> Option<time::Date> {
    let year: i32 = year.parse().ok().filter(|y| (1900..=2200).contains(y))?;
    let month = time::Month::try_from(month.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(year, month, day.parse().ok()?).ok()
}

/// An optional date field: empty is `None`, anything unreadable is reported.
pub fn optional_date(errors: &mut FieldErrors, field: &str, value: &str) -> Option<time::Date> {
    if value.trim().is_empty() {
        return None;
    }
    let date = parse_date(value);
    if date.is_none() {
        errors.add(field, "invalid-date");
    }
    date
}

/// A required date field.
pub fn required_date(errors: &mut FieldErrors, field: &str, value: &str) -> Option<time::Date> {
    if value.trim().is_empty() {
        errors.add(field, "required");
        return None;
    }
    optional_date(errors, field, value)
}

/// A sum of money in euros as people type it ("1 200,50", "1200.50 €"), in cents.
pub fn parse_euros(value: &str) -> Option<i64> {
    let cleaned: String =
        value.trim().trim_end_matches('€').chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    let (whole, fraction) = match cleaned.rsplit_once([',', '.']) {
        Some((w, f)) if f.len() <= 2 && !w.contains([',', '.']) => (w, f),
        Some(_) => return None,
        None => (cleaned.as_str(), ""),
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let cents = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse::<i64>().ok()?,
    };
    whole.parse::<i64>().ok()?.checked_mul(100)?.checked_add(cents).filter(|c| *c <= 100_000_000_000)
}

/// An optional sum in euros.
pub fn optional_euros(errors: &mut FieldErrors, field: &str, value: &str) -> Option<i64> {
    if value.trim().is_empty() {
        return None;
    }
    let cents = parse_euros(value);
    if cents.is_none() {
        errors.add(field, "invalid-amount");
    }
    cents
}

/// A light e-mail check: the real proof is a message that arrives.
pub fn is_plausible_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
        && value.len() <= 254
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn required_text_reports_empty_and_too_long() {
        let mut errors = FieldErrors::new();
        assert_eq!(required_text(&mut errors, "name", "  ", 10), "");
        assert_eq!(required_text(&mut errors, "other", "abcdefghijk", 10), "abcdefghijk");
        assert_eq!(errors.for_field("name").unwrap().code, "required");
        assert_eq!(errors.for_field("other").unwrap().code, "too-long");
    }

    #[test]
    fn tag_list_trims_and_drops_case_insensitive_repeats() {
        let mut errors = FieldErrors::new();
        let typed = split_tags("Ikäihmiset, ikäihmiset;\nvertaistuki,, ");
        let tags = tag_list(&mut errors, "themes", &typed, 10, 40);
        assert_eq!(tags, vec!["Ikäihmiset", "vertaistuki"]);
        assert!(errors.is_empty());
    }

    #[test]
    fn email_plausibility() {
        assert!(is_plausible_email("matti.meikalainen@turku.fi"));
        assert!(!is_plausible_email("matti@turku"));
        assert!(!is_plausible_email("matti turku.fi"));
        assert!(!is_plausible_email("@turku.fi"));
    }

    #[test]
    fn dates_in_iso_and_finnish_form() {
        let expected = time::Date::from_calendar_date(2026, time::Month::March, 31).ok();
        assert_eq!(parse_date("2026-03-31"), expected);
        assert_eq!(parse_date(" 31.3.2026 "), expected);
        assert_eq!(parse_date("31.03.2026"), expected);
        assert_eq!(parse_date("31.2.2026"), None);
        assert_eq!(parse_date("31.3.26"), None);
        assert_eq!(parse_date("maaliskuu"), None);
    }

    #[test]
    fn euros_as_people_type_them() {
        assert_eq!(parse_euros("1 200,50 €"), Some(120_050));
        assert_eq!(parse_euros("1200.5"), Some(120_050));
        assert_eq!(parse_euros("0"), Some(0));
        assert_eq!(parse_euros("1.200,50"), None);
        assert_eq!(parse_euros("-5"), None);
        assert_eq!(parse_euros("abc"), None);
    }
}
