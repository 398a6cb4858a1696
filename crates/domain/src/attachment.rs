//! Attachments on agreements and deliverables, and a workshop's background material: the file
//! type is judged from the content alone, never from the name or the browser's word, and files
//! are only ever offered as downloads.

use serde::{Deserialize, Serialize};

use crate::actor::{SHORT_MAX, code_enum};
use crate::validation::{FieldErrors, required_text};

/// Larger files belong in the city's document management, not here.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

code_enum!(
    /// The accepted file types; the code doubles as the file extension.
    AttachmentType {
        Pdf => "pdf",
        Odt => "odt",
        Docx => "docx",
        Xlsx => "xlsx",
    }
);

impl AttachmentType {
    pub fn mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Odt => ODT_MIME,
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn extension(self) -> &'static str {
        self.as_str()
    }
}

const ODT_MIME: &str = "application/vnd.oasis.opendocument.text";

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentRefused {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {MAX_BYTES} bytes")]
    TooLarge,
    #[error("the file is not a PDF, ODT, DOCX or XLSX document")]
    UnsupportedType,
}

impl AttachmentRefused {
    /// Translation key of the message shown to people.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "attachment-empty",
            Self::TooLarge => "attachment-too-large",
            Self::UnsupportedType => "attachment-type",
        }
    }
}

/// The type of an uploaded file, read from its bytes.
pub fn detect(bytes: &[u8]) -> Result<AttachmentType, AttachmentRefused> {
    if bytes.is_empty() {
        return Err(AttachmentRefused::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(AttachmentRefused::TooLarge);
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(AttachmentType::Pdf);
    }
    let names = zip_entry_names(bytes).ok_or(AttachmentRefused::UnsupportedType)?;
    // The ODF rule (OpenDocument 1.2 part 3, 3.3): the first entry is `mimetype`, stored
    // uncompressed, so that its content can be read without unpacking anything.
    if first_entry(bytes) == Some((0, b"mimetype", ODT_MIME.as_bytes())) {
        return Ok(AttachmentType::Odt);
    }
    let has = |wanted: &str| names.iter().any(|name| name.eq_ignore_ascii_case(wanted.as_bytes()));
    // Macro-enabled documents (.docm, .xlsm) carry their code in vbaProject.bin; they are not
    // what the form asks for, whatever they are named.
    let has_macros = names.iter().any(|name| name.to_ascii_lowercase().ends_with(b"vbaproject.bin"));
    if !has("[Content_Types].xml") || has_macros {
        return Err(AttachmentRefused::UnsupportedType);
    }
    match (has("word/document.xml"), has("xl/workbook.xml")) {
        (true, false) => Ok(AttachmentType::Docx),
        (false, true) => Ok(AttachmentType::Xlsx),
        _ => Err(AttachmentRefused::UnsupportedType),
    }
}

/// A file uploaded with a short description of what it is ("Asukaskysely 2025"), as a
/// workshop's background material is: the description and the file's type, or every reason
/// for refusing them, each beside its field (`description`, `file`).
pub fn check_described(description: &str, bytes: &[u8]) -> Result<(String, AttachmentType), FieldErrors> {
    let mut errors = FieldErrors::new();
    let description = required_text(&mut errors, "description", description, SHORT_MAX);
    let file_type = detect(bytes).map_err(|refused| errors.add("file", refused.code())).ok();
    match file_type {
        Some(file_type) if errors.is_empty() => Ok((description, file_type)),
        _ => Err(errors),
    }
}

const LOCAL_HEADER: usize = 0x0403_4b50;
const CENTRAL_HEADER: usize = 0x0201_4b50;
const END_OF_CENTRAL_DIRECTORY: usize = 0x0605_4b50;

/// A little-endian unsigned field of `width` octets, or `None` past the end.
fn field(bytes: &[u8], at: usize, width: usize) -> Option<usize> {
    let raw = bytes.get(at..at.checked_add(width)?)?;
    Some(raw.iter().rev().fold(0, |value, &octet| value << 8 | usize::from(octet)))
}

/// The file names in a ZIP's central directory, or `None` unless it is a well-formed ZIP.
fn zip_entry_names(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    if field(bytes, 0, 4)? != LOCAL_HEADER {
        return None;
    }
    // The end record is 22 octets plus a comment of at most 65535; demanding that the comment
    // reach exactly to the end keeps the signature inside some entry's data from fooling us.
    let last = bytes.len().checked_sub(22)?;
    let end = (last.saturating_sub(0xffff)..=last).rev().find(|&at| {
        field(bytes, at, 4) == Some(END_OF_CENTRAL_DIRECTORY)
            && field(bytes, at + 20, 2).is_some_and(|comment| at + 22 + comment == bytes.len())
    })?;
    let count = field(bytes, end + 10, 2)?;
    let size = field(bytes, end + 12, 4)?;
    let start = field(bytes, end + 16, 4)?;
    let directory = bytes.get(start..start.checked_add(size).filter(|&stop| stop <= end)?)?;

    let mut names = Vec::new();
    let mut at = 0;
    for _ in 0..count {
        if field(directory, at, 4)? != CENTRAL_HEADER {
            return None;
        }
        let name_len = field(directory, at + 28, 2)?;
        let extra_len = field(directory, at + 30, 2)?;
        let comment_len = field(directory, at + 32, 2)?;
        names.push(directory.get(at + 46..)?.get(..name_len)?);
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(names)
}

/// The first local file header's compression method, name and stored data.
fn first_entry(bytes: &[u8]) -> Option<(usize, &[u8], &[u8])> {
    let method = field(bytes, 8, 2)?;
    let size = field(bytes, 18, 4)?;
    let name_len = field(bytes, 26, 2)?;
    let extra_len = field(bytes, 28, 2)?;
    let name = bytes.get(30..)?.get(..name_len)?;
    let data = bytes.get(30 + name_len + extra_len..)?.get(..size)?;
    Some((method, name, data))
}

/// A file name safe for Content-Disposition: the base name's letters, digits and a few
/// harmless marks, at most 100 characters, always ending in the detected type's extension.
pub fn safe_filename(original: &str, kind: AttachmentType) -> String {
    let base = original.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String =
        base.chars().filter(|&c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')).collect();
    let stem = kept.rsplit_once('.').map_or(kept.as_str(), |(stem, _)| stem);
    let tidy = |s: &str| s.trim_matches(|c: char| c == '.' || c.is_whitespace()).to_owned();
    let max_stem = 100 - 1 - kind.extension().len();
    let stem = tidy(&tidy(stem).chars().take(max_stem).collect::<String>());
    let stem = if stem.is_empty() { "liite" } else { &stem };
    format!("{stem}.{}", kind.extension())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A minimal ZIP of stored (uncompressed) entries; CRCs are left zero since nothing checks them.
    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        fn u16le(out: &mut Vec<u8>, v: usize) {
            out.extend_from_slice(&u16::try_from(v).unwrap().to_le_bytes());
        }
        fn u32le(out: &mut Vec<u8>, v: usize) {
            out.extend_from_slice(&u32::try_from(v).unwrap().to_le_bytes());
        }
        let (mut out, mut directory) = (Vec::new(), Vec::new());
        for (name, content) in entries {
            let offset = out.len();
            u32le(&mut out, LOCAL_HEADER);
            for v in [20, 0, 0, 0, 0] {
                u16le(&mut out, v); // version, flags, method (stored), time, date
            }
            for v in [0, content.len(), content.len()] {
                u32le(&mut out, v); // crc, compressed and uncompressed size
            }
            u16le(&mut out, name.len());
            u16le(&mut out, 0);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(content);

            u32le(&mut directory, CENTRAL_HEADER);
            for v in [20, 20, 0, 0, 0, 0] {
                u16le(&mut directory, v); // made by, needed, flags, method, time, date
            }
            for v in [0, content.len(), content.len()] {
                u32le(&mut directory, v);
            }
            for v in [name.len(), 0, 0, 0, 0] {
                u16le(&mut directory, v); // name, extra, comment, disk, internal attributes
            }
            u32le(&mut directory, 0);
            u32le(&mut directory, offset);
            directory.extend_from_slice(name.as_bytes());
        }
        let start = out.len();
        out.extend_from_slice(&directory);
        u32le(&mut out, END_OF_CENTRAL_DIRECTORY);
        for v in [0, 0, entries.len(), entries.len()] {
            u16le(&mut out, v);
        }
        u32le(&mut out, directory.len());
        u32le(&mut out, start);
        u16le(&mut out, 0);
        out
    }

    fn odt() -> Vec<u8> {
        zip(&[("mimetype", ODT_MIME.as_bytes()), ("content.xml", b"<office:document-content/>")])
    }

    fn docx() -> Vec<u8> {
        zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<w:document/>"),
        ])
    }

    fn xlsx() -> Vec<u8> {
        zip(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")])
    }

    const REFUSED: Result<AttachmentType, AttachmentRefused> = Err(AttachmentRefused::UnsupportedType);

    #[test]
    fn detects_accepted_types() {
        assert_eq!(detect(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Ok(AttachmentType::Pdf));
        assert_eq!(detect(&odt()), Ok(AttachmentType::Odt));
        assert_eq!(detect(&docx()), Ok(AttachmentType::Docx));
        assert_eq!(detect(&xlsx()), Ok(AttachmentType::Xlsx));
    }

    #[test]
    fn refuses_everything_else() {
        assert_eq!(detect(b""), Err(AttachmentRefused::Empty));
        assert_eq!(detect(b"<!DOCTYPE html><html><script>alert(1)</script></html>"), REFUSED);
        assert_eq!(detect("Pöytäkirja 3.3.2026\n".as_bytes()), REFUSED);
        assert_eq!(detect(&zip(&[("readme.txt", b"hei")])), REFUSED);
        assert_eq!(detect(&zip(&[])), REFUSED);
        // Spreadsheets and presentations in ODF have their own mimetype.
        assert_eq!(detect(&zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")])), REFUSED);
        assert_eq!(detect(&zip(&[("content.xml", b"<x/>"), ("mimetype", ODT_MIME.as_bytes())])), REFUSED);
        let docm = zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
            ("word/vbaProject.bin", b"\xd0\xcf"),
        ]);
        assert_eq!(detect(&docm), REFUSED);
    }

    #[test]
    fn refuses_too_large() {
        let mut big = b"%PDF-1.7".to_vec();
        big.resize(MAX_BYTES + 1, b' ');
        assert_eq!(detect(&big), Err(AttachmentRefused::TooLarge));
        big.truncate(MAX_BYTES);
        assert_eq!(detect(&big), Ok(AttachmentType::Pdf));
    }

    #[test]
    fn truncated_zips_are_refused_without_panicking() {
        for whole in [docx(), odt(), xlsx()] {
            for len in 0..whole.len() {
                assert!(detect(&whole[..len]).is_err(), "length {len}");
            }
        }
    }

    #[test]
    fn corrupted_zips_never_panic() {
        let whole = docx();
        for at in 0..whole.len() {
            for octet in [0x00, 0x7f, 0xff] {
                let mut broken = whole.clone();
                broken[at] = octet;
                let _ = detect(&broken);
            }
        }
    }

    #[test]
    fn hostile_end_record_is_refused() {
        let mut hostile = b"PK\x03\x04".to_vec();
        hostile.extend_from_slice(b"PK\x05\x06\0\0\0\0\xff\xff\xff\xff\xff\xff\xff\xff\xf0\xff\xff\xff\0\0");
        assert_eq!(detect(&hostile), REFUSED);
    }

    #[test]
    fn refusal_codes_name_translation_keys() {
        assert_eq!(AttachmentRefused::TooLarge.code(), "attachment-too-large");
        assert_eq!(AttachmentType::Docx.extension(), "docx");
        assert_eq!(AttachmentType::Odt.mime(), "application/vnd.oasis.opendocument.text");
    }

    #[test]
    fn a_described_file_needs_both_and_says_what_is_wrong_with_each() {
        assert_eq!(
            check_described(" Asukaskysely 2025 ", &xlsx()).unwrap(),
            ("Asukaskysely 2025".to_owned(), AttachmentType::Xlsx)
        );
        let codes = |description: &str, bytes: &[u8]| -> Vec<(String, &str)> {
            check_described(description, bytes)
                .unwrap_err()
                .0
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect()
        };
        assert_eq!(codes("", b""), [("description".into(), "required"), ("file".into(), "attachment-empty")]);
        assert_eq!(codes("Tilastot", b"<html>"), [("file".into(), "attachment-type")]);
        assert_eq!(codes(&"a".repeat(SHORT_MAX + 1), &docx())[0].0, "description");
    }

    #[test]
    fn safe_filenames() {
        use AttachmentType::{Docx, Pdf, Xlsx};
        assert_eq!(safe_filename("../../etc/passwd", Pdf), "passwd.pdf");
        assert_eq!(safe_filename("Sopimus 2026.docx", Docx), "Sopimus 2026.docx");
        assert_eq!(safe_filename("x.exe", Pdf), "x.pdf");
        assert_eq!(
            safe_filename(r"C:\Users\Matti\Työpöytä\Käyttöönotto_v2.xlsx", Xlsx),
            "Käyttöönotto_v2.xlsx"
        );
        assert_eq!(safe_filename("raportti\".pdf\r\nX-Evil: 1", Pdf), "raportti.pdf");
        assert_eq!(safe_filename("..", Pdf), "liite.pdf");
        assert_eq!(safe_filename("", Docx), "liite.docx");
        assert_eq!(safe_filename("'\"<>.pdf", Pdf), "liite.pdf");
        let long = safe_filename(&format!("{}.pdf", "ö".repeat(300)), Pdf);
        assert_eq!(long.chars().count(), 100);
        assert!(long.ends_with("ööö.pdf"));
    }
}
