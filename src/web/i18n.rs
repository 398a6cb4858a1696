//! Languages and formats: Finnish first, Swedish and English complete. Every user-facing
//! string comes from `locales/<lang>/main.ftl`.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use time::{Date, OffsetDateTime};

use crate::clock::finnish_offset;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fi",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fi,
    Sv,
    En,
}

static FI: LanguageIdentifier = langid!("fi");
static SV: LanguageIdentifier = langid!("sv");
static EN: LanguageIdentifier = langid!("en");

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().get(..2)? {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language in an Accept-Language header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut options: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let lang = Lang::parse(pieces.next()?)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse().ok()))
                    .unwrap_or(1.0);
                Some((quality, lang))
            })
            .collect();
        options.sort_by(|a, b| b.0.total_cmp(&a.0));
        options.first().map(|(_, lang)| *lang)
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fi => &FI,
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }

    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    /// The message with its arguments, or `None` if this language has no such key.
    pub fn try_t_args(self, key: &str, args: &[(&'static str, String)]) -> Option<String> {
        LOCALES.try_lookup_with_args(self.id(), key, &fluent_args(args))
    }

    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        LOCALES.lookup_with_args(self.id(), key, &fluent_args(args))
    }
}

fn fluent_args(args: &[(&'static str, String)]) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    args.iter()
        .map(|(name, value)| {
            let value = match value.parse::<i64>() {
                Ok(number) => FluentValue::from(number),
                Err(_) => FluentValue::from(value.clone()),
            };
            (Cow::Borrowed(*name), value)
        })
        .collect()
}

impl Lang {
    /// 31.12.2018 in Finnish and Swedish, 31 Dec 2018 in English.
    pub fn date(self, date: Date) -> String {
        match self {
            Lang::Fi | Lang::Sv => format!("{}.{}.{}", date.day(), u8::from(date.month()), date.year()),
            Lang::En => format!("{} {} {}", date.day(), &date.month().to_string()[..3], date.year()),
        }
    }

    /// Date and time in Finnish local time, which is what every user of a Finnish city sees.
    pub fn datetime(self, at: OffsetDateTime) -> String {
        let local = at.to_offset(finnish_offset(at));
        let clock = format!("{}.{:02}", local.hour(), local.minute());
        match self {
            Lang::Fi => format!("{} klo {clock}", self.date(local.date())),
            Lang::Sv => format!("{} kl. {clock}", self.date(local.date())),
            Lang::En => format!("{} at {:02}:{:02}", self.date(local.date()), local.hour(), local.minute()),
        }
    }

    /// 1 234,50 in Finnish and Swedish (narrow no-break space), 1,234.50 in English.
    pub fn decimal(self, value: f64, decimals: usize) -> String {
        let text = format!("{:.*}", decimals, value.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let (group, point) = match self {
            Lang::Fi | Lang::Sv => ('\u{a0}', ','),
            Lang::En => (',', '.'),
        };
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(digit);
        }
        let sign = if value < 0.0 { "−" } else { "" };
        if fraction.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{point}{fraction}")
        }
    }

    pub fn integer(self, value: i64) -> String {
        #[allow(clippy::cast_precision_loss)]
        self.decimal(value as f64, 0)
    }

    /// A file's size in the unit that reads best: 329 t, 12,5 kt and 1,50 Mt in Finnish. The
    /// multiples are binary, as in the upload limit, so a file at the 20 Mt limit reads 20,00 Mt.
    pub fn file_size(self, bytes: i64) -> String {
        const KILO: f64 = 1024.0;
        let bytes = bytes.max(0);
        if bytes < 1024 {
            return format!("{}\u{a0}{}", self.integer(bytes), self.t("bytes"));
        }
        #[allow(clippy::cast_precision_loss)]
        let kilobytes = bytes as f64 / KILO;
        // Just under a megabyte would round to "1 024,0 kt"; it reads as "1,00 Mt" instead.
        if (kilobytes * 10.0).round() < KILO * 10.0 {
            format!("{}\u{a0}{}", self.decimal(kilobytes, 1), self.t("kilobytes"))
        } else {
            format!("{}\u{a0}{}", self.decimal(kilobytes / KILO, 2), self.t("megabytes"))
        }
    }

    /// 1 234,50 € in Finnish and Swedish, €1,234.50 in English.
    pub fn euros(self, value: f64) -> String {
        match self {
            Lang::Fi | Lang::Sv => format!("{}\u{a0}€", self.decimal(value, 2)),
            Lang::En => format!("€{}", self.decimal(value, 2)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn finnish_formats() {
        assert_eq!(Lang::Fi.date(date!(2018 - 12 - 31)), "31.12.2018");
        assert_eq!(Lang::Fi.euros(1234.5), "1\u{a0}234,50\u{a0}€");
        assert_eq!(Lang::En.euros(1234.5), "€1,234.50");
        assert_eq!(Lang::Sv.integer(100_000), "100\u{a0}000");
        assert_eq!(Lang::Fi.decimal(-0.5, 1), "−0,5");
    }

    #[test]
    fn file_sizes_read_in_each_language() {
        // A number and its unit never part at a line break.
        let nb = |s: &str| s.replace(' ', "\u{a0}");
        let read = |lang: Lang| {
            [0, 329, 1023, 1024, 12_800, 1_048_524, 1_048_575, 1_572_864, 20 * 1_048_576]
                .map(|b| lang.file_size(b))
        };
        let fi =
            ["0 t", "329 t", "1 023 t", "1,0 kt", "12,5 kt", "1 023,9 kt", "1,00 Mt", "1,50 Mt", "20,00 Mt"];
        assert_eq!(read(Lang::Fi), fi.map(nb));
        let sv =
            ["0 B", "329 B", "1 023 B", "1,0 kB", "12,5 kB", "1 023,9 kB", "1,00 MB", "1,50 MB", "20,00 MB"];
        assert_eq!(read(Lang::Sv), sv.map(nb));
        let en =
            ["0 B", "329 B", "1,023 B", "1.0 kB", "12.5 kB", "1,023.9 kB", "1.00 MB", "1.50 MB", "20.00 MB"];
        assert_eq!(read(Lang::En), en.map(nb));
        assert_eq!(Lang::Fi.file_size(-5), nb("0 t"), "never below nothing");
    }

    #[test]
    fn local_time_follows_finnish_summer_time() {
        assert_eq!(Lang::Fi.datetime(datetime!(2026-11-22 21:19 UTC)), "22.11.2026 klo 23.19");
        assert_eq!(Lang::Fi.datetime(datetime!(2026-06-01 09:05 UTC)), "1.6.2026 klo 12.05");
    }

    #[test]
    fn accept_language_prefers_highest_quality_supported() {
        assert_eq!(Lang::from_accept_language("de-DE, sv-FI;q=0.8, en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("sv-FI"), Some(Lang::Sv));
        assert_eq!(Lang::from_accept_language("de"), None);
    }
}
