//! An iCalendar (RFC 5545) feed of a person's deadlines as all-day events, for calendar apps to
//! subscribe to. The same input always gives the same bytes, so apps see no phantom changes.

use time::{Date, OffsetDateTime, UtcOffset};

/// One deadline in the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable across feeds ("commitment-<uuid>@kumppani") so apps update instead of duplicating.
    pub uid: String,
    pub date: Date,
    pub summary: String,
    pub description: Option<String>,
    pub url: Option<String>,
}

/// The whole feed; `stamp` is when it was generated and becomes every event's DTSTAMP.
pub fn calendar(name: &str, events: &[CalendarEvent], stamp: OffsetDateTime) -> String {
    let stamp = stamp.to_offset(UtcOffset::UTC);
    let stamp =
        format!("{}T{:02}{:02}{:02}Z", ical_date(stamp.date()), stamp.hour(), stamp.minute(), stamp.second());
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kumppani//Kumppani//FI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    for event in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", escape_text(&event.uid)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ical_date(event.date)));
        // Without DTEND an all-day event lasts one day anyway (RFC 5545 3.6.1), so the last
        // representable date can do without one.
        if let Some(end) = event.date.next_day() {
            push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", ical_date(end)));
        }
        push_line(&mut out, &format!("SUMMARY:{}", escape_text(&event.summary)));
        if let Some(description) = &event.description {
            push_line(&mut out, &format!("DESCRIPTION:{}", escape_text(description)));
        }
        if let Some(url) = &event.url {
            // A URI is not TEXT and takes no escaping, but a line break would inject properties.
            let url: String = url.chars().filter(|c| !c.is_control()).collect();
            push_line(&mut out, &format!("URL:{url}"));
        }
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

fn ical_date(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), u8::from(date.month()), date.day())
}

/// TEXT escaping (RFC 5545 3.3.11); other control characters are not allowed in TEXT at all.
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    // The leading space of a continuation line counts towards its 75 octets.
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    fn event(uid: &str, date: Date) -> CalendarEvent {
        CalendarEvent {
            uid: uid.to_owned(),
            date,
            summary: "Raportti".to_owned(),
            description: None,
            url: None,
        }
    }

    #[test]
    fn text_escaping() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape_text("yksi\nkaksi\r\nkolme\rneljä"), r"yksi\nkaksi\nkolme\nneljä");
        assert_eq!(escape_text("sarake\tväli\u{7}"), "sarake\tväli");
    }

    #[test]
    fn folding_keeps_characters_whole() {
        // "ä" takes octets 75 and 76, so it must move to the next line whole.
        let line =
            format!("DESCRIPTION:{}äö{}", "a".repeat(62), " Yhteistyösopimuksen väliraportti ".repeat(6));
        let mut out = String::new();
        push_line(&mut out, &line);

        let physical: Vec<&str> = out.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        assert!(physical.len() > 3);
        assert!(physical.iter().all(|l| l.len() <= 75));
        assert_eq!(physical[0].len(), 74);
        assert!(physical[1].starts_with(" äö"));
        assert!(physical[1..].iter().all(|l| l.starts_with(' ')));
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn short_lines_are_not_folded() {
        let mut out = String::new();
        push_line(&mut out, &"x".repeat(75));
        assert_eq!(out, format!("{}\r\n", "x".repeat(75)));
    }

    #[test]
    fn all_day_event_ends_on_the_next_day() {
        let stamp = datetime!(2026-01-01 0:00 UTC);
        let feed =
            calendar("x", &[event("a", date!(2026 - 12 - 31)), event("b", date!(2028 - 02 - 28))], stamp);
        assert!(feed.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
        assert!(feed.contains("DTSTART;VALUE=DATE:20280228\r\nDTEND;VALUE=DATE:20280229\r\n"));
    }

    #[test]
    fn whole_feed() {
        let events = [
            CalendarEvent {
                description: Some("Toimita raportti, liitteet; ja kuitit\nkaupungille.".to_owned()),
                url: Some("https://kumppani.example/seuranta/1?a=1,2".to_owned()),
                ..event("commitment-1@kumppani", date!(2026 - 03 - 31))
            },
            CalendarEvent {
                summary: "Väliarvio".to_owned(),
                ..event("commitment-2@kumppani", date!(2026 - 06 - 15))
            },
        ];
        let feed = calendar("Kumppani: Matin määräajat", &events, datetime!(2026-03-01 12:05:09 +2));
        let expected = "BEGIN:VCALENDAR\r\n\
            VERSION:2.0\r\n\
            PRODID:-//Kumppani//Kumppani//FI\r\n\
            CALSCALE:GREGORIAN\r\n\
            METHOD:PUBLISH\r\n\
            X-WR-CALNAME:Kumppani: Matin määräajat\r\n\
            BEGIN:VEVENT\r\n\
            UID:commitment-1@kumppani\r\n\
            DTSTAMP:20260301T100509Z\r\n\
            DTSTART;VALUE=DATE:20260331\r\n\
            DTEND;VALUE=DATE:20260401\r\n\
            SUMMARY:Raportti\r\n\
            DESCRIPTION:Toimita raportti\\, liitteet\\; ja kuitit\\nkaupungille.\r\n\
            URL:https://kumppani.example/seuranta/1?a=1,2\r\n\
            END:VEVENT\r\n\
            BEGIN:VEVENT\r\n\
            UID:commitment-2@kumppani\r\n\
            DTSTAMP:20260301T100509Z\r\n\
            DTSTART;VALUE=DATE:20260615\r\n\
            DTEND;VALUE=DATE:20260616\r\n\
            SUMMARY:Väliarvio\r\n\
            END:VEVENT\r\n\
            END:VCALENDAR\r\n";
        assert_eq!(feed, expected);
    }

    #[test]
    fn url_cannot_inject_properties() {
        let hostile = CalendarEvent {
            url: Some("https://x.example/\r\nATTACH:evil".to_owned()),
            ..event("a", date!(2026 - 01 - 01))
        };
        let feed = calendar("x", &[hostile], datetime!(2026-01-01 0:00 UTC));
        assert!(feed.contains("URL:https://x.example/ATTACH:evil\r\n"));
    }
}
