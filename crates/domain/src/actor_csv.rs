//! Actor registers as CSV: reading spreadsheets and register extracts (encoding, delimiter and
//! header language detected) and writing files that Finnish Excel opens as they are.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write;

use time::format_description::well_known::Rfc3339;

use crate::actor::{
    ActivityInput, Actor, ActorDetails, ActorField, ActorInput, ContactInput, ResourceInput, ResourceKind,
    Sector,
};
use crate::search::normalise;
use crate::validation::FieldErrors;

/// UTF-8 byte order mark: without it Excel reads a CSV file as Windows-1252.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Valid UTF-8 is read as such (a BOM dropped); anything else as Windows-1252, which is what
/// "CSV" saved by Excel on a Finnish Windows is.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
        Err(_) => (encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0, Encoding::Windows1252),
    }
}

/// `;` or `,`, whichever separates more cells of the header line (quoted text aside).
pub fn detect_delimiter(text: &str) -> u8 {
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if commas > semicolons { b',' } else { b';' }
}

/// Where a column's values go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    NameFi,
    NameSv,
    NameEn,
    BusinessId,
    RegisterNumber,
    Sector,
    Website,
    Purpose,
    CoreCompetence,
    TargetGroups,
    Themes,
    Areas,
    Activities,
    Resources,
    Contacts,
    ContactName,
    ContactRole,
    ContactEmail,
    ContactPhone,
    Published,
    PrivateFields,
    /// The export's own bookkeeping (id, timestamps): known, and not imported.
    Ignored,
}

impl Slot {
    /// Several columns of these add up (an "alueet" and a "kotipaikka" column both give areas).
    fn is_list(self) -> bool {
        matches!(self, Slot::TargetGroups | Slot::Themes | Slot::Areas | Slot::Ignored)
    }

    fn private_field(self) -> Option<ActorField> {
        Some(match self {
            Slot::BusinessId => ActorField::BusinessId,
            Slot::RegisterNumber => ActorField::RegisterNumber,
            Slot::Website => ActorField::Website,
            Slot::Purpose => ActorField::Purpose,
            Slot::CoreCompetence => ActorField::CoreCompetence,
            Slot::TargetGroups => ActorField::TargetGroups,
            Slot::Themes => ActorField::Themes,
            Slot::Areas => ActorField::Areas,
            Slot::Activities => ActorField::Activities,
            Slot::Resources => ActorField::Resources,
            Slot::Contacts
            | Slot::ContactName
            | Slot::ContactRole
            | Slot::ContactEmail
            | Slot::ContactPhone => ActorField::Contacts,
            _ => return None,
        })
    }
}

/// The columns of an export, in order; their headers are also accepted on import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportColumn {
    Id,
    NameFi,
    NameSv,
    NameEn,
    BusinessId,
    RegisterNumber,
    Sector,
    Website,
    Purpose,
    CoreCompetence,
    TargetGroups,
    Themes,
    Areas,
    Activities,
    Resources,
    Contacts,
    Published,
    PrivateFields,
    Created,
    Updated,
    Archived,
}

impl ExportColumn {
    pub const ALL: [ExportColumn; 21] = [
        Self::Id,
        Self::NameFi,
        Self::NameSv,
        Self::NameEn,
        Self::BusinessId,
        Self::RegisterNumber,
        Self::Sector,
        Self::Website,
        Self::Purpose,
        Self::CoreCompetence,
        Self::TargetGroups,
        Self::Themes,
        Self::Areas,
        Self::Activities,
        Self::Resources,
        Self::Contacts,
        Self::Published,
        Self::PrivateFields,
        Self::Created,
        Self::Updated,
        Self::Archived,
    ];

    /// The header in Finnish, Swedish and English; part of the file format, so kept here.
    fn headers(self) -> [&'static str; 3] {
        match self {
            Self::Id => ["Tunniste", "Identifierare", "ID"],
            Self::NameFi => ["Nimi", "Namn på finska", "Name"],
            Self::NameSv => ["Nimi ruotsiksi", "Namn på svenska", "Name in Swedish"],
            Self::NameEn => ["Nimi englanniksi", "Namn på engelska", "Name in English"],
            Self::BusinessId => ["Y-tunnus", "FO-nummer", "Business ID"],
            Self::RegisterNumber => ["Rekisterinumero", "Registernummer", "Register number"],
            Self::Sector => ["Sektori", "Sektor", "Sector"],
            Self::Website => ["Verkkosivu", "Webbplats", "Website"],
            Self::Purpose => ["Tarkoitus", "Syfte", "Purpose"],
            Self::CoreCompetence => ["Ydinosaaminen", "Kärnkompetens", "Core expertise"],
            Self::TargetGroups => ["Kohderyhmät", "Målgrupper", "Slot groups"],
            Self::Themes => ["Teemat", "Teman", "Themes"],
            Self::Areas => ["Alueet", "Områden", "Areas"],
            Self::Activities => ["Toiminta", "Verksamhet", "Activities"],
            Self::Resources => ["Resurssit", "Resurser", "Resources"],
            Self::Contacts => ["Yhteyshenkilöt", "Kontaktpersoner", "Contact people"],
            Self::Published => ["Julkaistu", "Publicerad", "Published"],
            Self::PrivateFields => ["Piilotetut tiedot", "Dolda uppgifter", "Private fields"],
            Self::Created => ["Luotu", "Skapad", "Created"],
            Self::Updated => ["Päivitetty", "Uppdaterad", "Updated"],
            Self::Archived => ["Arkistoitu", "Arkiverad", "Archived"],
        }
    }

    pub fn header(self, lang: &str) -> &'static str {
        self.headers()[lang_index(lang)]
    }

    fn target(self) -> Slot {
        match self {
            Self::Id | Self::Created | Self::Updated | Self::Archived => Slot::Ignored,
            Self::NameFi => Slot::NameFi,
            Self::NameSv => Slot::NameSv,
            Self::NameEn => Slot::NameEn,
            Self::BusinessId => Slot::BusinessId,
            Self::RegisterNumber => Slot::RegisterNumber,
            Self::Sector => Slot::Sector,
            Self::Website => Slot::Website,
            Self::Purpose => Slot::Purpose,
            Self::CoreCompetence => Slot::CoreCompetence,
            Self::TargetGroups => Slot::TargetGroups,
            Self::Themes => Slot::Themes,
            Self::Areas => Slot::Areas,
            Self::Activities => Slot::Activities,
            Self::Resources => Slot::Resources,
            Self::Contacts => Slot::Contacts,
            Self::Published => Slot::Published,
            Self::PrivateFields => Slot::PrivateFields,
        }
    }
}

fn lang_index(lang: &str) -> usize {
    match lang {
        "sv" => 1,
        "en" => 2,
        _ => 0,
    }
}

/// Header names besides the export's own, compared without case, spaces and punctuation:
/// the forms used in register extracts and by people typing a sheet of their own.
const HEADER_ALIASES: &[(Slot, &[&str])] = &[
    (
        Slot::NameFi,
        &[
            "nimisuomeksi",
            "suomenkielinennimi",
            "toiminimi",
            "yhdistyksennimi",
            "toimija",
            "namn",
            "finsktnamn",
            "namefi",
            "nameinfinnish",
            "finnishname",
            "organisationname",
        ],
    ),
    (Slot::NameSv, &["ruotsinkielinennimi", "svensktnamn", "namnsv", "namesv", "swedishname"]),
    (Slot::NameEn, &["englanninkielinennimi", "engelsktnamn", "namnen", "nameen", "englishname"]),
    (
        Slot::BusinessId,
        &["ytunnus", "yritystunnus", "fonummer", "företagsnummer", "businessid", "businessidentitycode"],
    ),
    (
        Slot::RegisterNumber,
        &[
            "yhdistysrekisterinumero",
            "rekisterinro",
            "föreningsregisternummer",
            "registrationnumber",
            "associationregisternumber",
            "registerofassociationsnumber",
        ],
    ),
    (
        Slot::Sector,
        &["tyyppi", "yritysmuoto", "oikeudellinenmuoto", "typ", "bolagsform", "type", "legalform"],
    ),
    (
        Slot::Website,
        &[
            "verkkosivut",
            "kotisivu",
            "kotisivut",
            "wwwosoite",
            "www",
            "webbsida",
            "hemsida",
            "web",
            "url",
            "homepage",
        ],
    ),
    (Slot::Purpose, &["tarkoitussäännöistä", "ändamål", "syfteenligtstadgarna", "purposefromtherules"]),
    (Slot::CoreCompetence, &["corecompetence"]),
    (Slot::TargetGroups, &["kohderyhmä", "målgrupp", "targetgroup"]),
    (Slot::Themes, &["teema", "tema", "theme"]),
    (
        Slot::Areas,
        &[
            "alue",
            "toimintaalue",
            "kotipaikka",
            "kunta",
            "område",
            "verksamhetsområde",
            "hemort",
            "kommun",
            "area",
            "domicile",
            "municipality",
        ],
    ),
    (Slot::Activities, &["toiminnot", "activity"]),
    (Slot::Resources, &["resurssitjavahvuudet", "resurserochstyrkor", "resourcesandstrengths"]),
    (Slot::Contacts, &["kontakter", "contacts", "contactpersons"]),
    (Slot::ContactName, &["yhteyshenkilö", "kontaktperson", "contactperson", "contact"]),
    (Slot::ContactRole, &["tehtävä", "uppgift", "role"]),
    (Slot::ContactEmail, &["sähköposti", "sähköpostiosoite", "epost", "epostadress", "email"]),
    (Slot::ContactPhone, &["puhelin", "puhelinnumero", "telefon", "telefonnummer", "phone"]),
    (Slot::Published, &["julkinen", "offentlig", "public"]),
    (
        Slot::PrivateFields,
        &["piilotetutkentät", "eijulkisettiedot", "doldafält", "hiddenfields", "privatefields"],
    ),
    (Slot::Ignored, &["id", "versio", "version", "createdat", "updatedat", "archivedat"]),
];

/// Lower case, letters and digits only: "Y-tunnus", "y tunnus" and "YTUNNUS" are one name.
fn key(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn target_of(header: &str) -> Option<Slot> {
    let wanted = key(header);
    ExportColumn::ALL
        .iter()
        .find(|c| c.headers().iter().any(|h| key(h) == wanted))
        .map(|c| c.target())
        .or_else(|| {
            HEADER_ALIASES.iter().find(|(_, names)| names.contains(&wanted.as_str())).map(|(t, _)| *t)
        })
}

/// Sector labels as the pages show them (fi, sv, en), then other names register extracts use.
fn sector_names(sector: Sector) -> (&'static [&'static str; 3], &'static [&'static str]) {
    match sector {
        Sector::Municipality => (&["Kunta", "Kommun", "Municipality"], &["kaupunki", "stad", "city", "town"]),
        Sector::WellbeingServicesCounty => {
            (&["Hyvinvointialue", "Välfärdsområde", "Wellbeing services county"], &[])
        }
        Sector::JointMunicipalAuthority => (&["Kuntayhtymä", "Samkommun", "Joint municipal authority"], &[]),
        Sector::Organisation => (
            &["Järjestö", "Organisation", "Non-profit organisation"],
            &["kansalaisjärjestö", "organization", "nonprofit organization"],
        ),
        Sector::Association => (
            &["Yhdistys", "Förening", "Association"],
            &["aatteellinen yhdistys", "rekisteröity yhdistys", "ry", "registrerad förening", "rf"],
        ),
        Sector::Foundation => (&["Säätiö", "Stiftelse", "Foundation"], &["sr"]),
        Sector::Company => (
            &["Yritys", "Företag", "Company"],
            &[
                "osakeyhtiö",
                "oy",
                "osuuskunta",
                "aktiebolag",
                "ab",
                "andelslag",
                "limited company",
                "cooperative",
            ],
        ),
        Sector::Parish => (&["Seurakunta", "Församling", "Parish"], &[]),
        Sector::EducationalInstitution => {
            (&["Oppilaitos", "Läroanstalt", "Educational institution"], &["koulu", "skola", "school"])
        }
        Sector::Residents => (&["Asukkaat", "Invånare", "Residents"], &["asukasryhmä"]),
        Sector::Funder => (&["Rahoittaja", "Finansiär", "Funder"], &[]),
    }
}

pub fn sector_label(sector: Sector, lang: &str) -> &'static str {
    sector_names(sector).0[lang_index(lang)]
}

/// A code ("association") or a name in any of the three languages ("yhdistys", "Förening").
pub fn parse_sector(value: &str) -> Option<Sector> {
    let wanted = key(value);
    Sector::ALL.iter().copied().find(|s| {
        let (labels, others) = sector_names(*s);
        key(s.as_str()) == wanted || labels.iter().chain(others.iter()).any(|name| key(name) == wanted)
    })
}

fn resource_labels(kind: ResourceKind) -> [&'static str; 3] {
    match kind {
        ResourceKind::Financial => ["taloudellinen", "ekonomisk", "financial"],
        ResourceKind::VolunteerWork => ["vapaaehtoistyö", "frivilligarbete", "volunteering"],
        ResourceKind::Perspectives => ["näkökulmat", "perspektiv", "perspectives"],
        ResourceKind::Expertise => ["asiantuntemus", "sakkunskap", "expertise"],
        ResourceKind::LocalKnowledge => ["paikallistuntemus", "lokalkännedom", "local knowledge"],
        ResourceKind::Contacts => ["yhteydet", "kontakter", "contacts"],
        ResourceKind::ReachingTargetGroups => {
            ["kohderyhmien tavoittaminen", "att nå målgrupper", "reaching target groups"]
        }
        ResourceKind::Premises => ["tilat", "lokaler", "premises"],
        ResourceKind::Services => ["palvelut", "tjänster", "services"],
        ResourceKind::PeerSupport => ["vertaistuki", "kamratstöd", "peer support"],
        ResourceKind::Other => ["muu", "annat", "other"],
    }
}

fn parse_resource_kind(value: &str) -> Option<ResourceKind> {
    let wanted = key(value);
    ResourceKind::ALL
        .iter()
        .copied()
        .find(|k| key(k.as_str()) == wanted || resource_labels(*k).iter().any(|l| key(l) == wanted))
}

fn parse_yes_no(value: &str) -> Option<bool> {
    match key(value).as_str() {
        "kyllä" | "k" | "joo" | "x" | "ja" | "j" | "yes" | "y" | "true" | "1" | "julkaistu"
        | "publicerad" | "published" => Some(true),
        "ei" | "e" | "nej" | "n" | "no" | "false" | "0" => Some(false),
        _ => None,
    }
}

fn yes_no(value: bool, lang: &str) -> &'static str {
    match (value, lang) {
        (true, "sv") => "ja",
        (false, "sv") => "nej",
        (true, "en") => "yes",
        (false, "en") => "no",
        (true, _) => "kyllä",
        (false, _) => "ei",
    }
}

/// A field that may be private, named by its code or by any of its column headers.
fn parse_private_field(value: &str) -> Option<ActorField> {
    ActorField::parse(value.trim()).or_else(|| target_of(value).and_then(Slot::private_field))
}

/// Undoes the export's formula neutralising, so an exported file imports back unchanged.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// Cells a spreadsheet would run as a formula (CSV injection) start with one of these.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Prefixes `'` to a cell a spreadsheet would otherwise take for a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// Items of a list cell: `|` or a line break always separates; `,` does too in a `;` file,
/// where it cannot be the delimiter. Activities, resources and contacts have commas in their
/// text, so only `|` and line breaks separate those.
fn split_list(cell: &str, commas: bool) -> Vec<String> {
    let separators: &[char] = if commas && !cell.contains('|') { &['|', '\n', ','] } else { &['|', '\n'] };
    cell.split(separators).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

/// Parts of an item such as "Kerhoilta / ti klo 17 / Varissuo": a `/` with space (or the
/// item's end) on both sides separates, so "24/7" stays whole.
fn split_parts(item: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = item.chars().collect();
    let mut parts = vec![String::new()];
    for (i, c) in chars.iter().enumerate() {
        let spaced_before = i == 0 || chars[i - 1].is_whitespace();
        let spaced_after = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if *c == '/' && spaced_before && spaced_after && parts.len() < max {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(*c);
        }
    }
    parts.iter().map(|p| p.trim().to_owned()).collect()
}

fn part(parts: &[String], index: usize) -> String {
    parts.get(index).cloned().unwrap_or_default()
}

/// One row's values, each `Some` only where the file has that column: on update the columns
/// present replace what is stored, and the others keep it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct RowValues {
    name_fi: Option<String>,
    name_sv: Option<String>,
    name_en: Option<String>,
    business_id: Option<String>,
    register_number: Option<String>,
    sector: Option<String>,
    website: Option<String>,
    purpose: Option<String>,
    core_competence: Option<String>,
    target_groups: Option<Vec<String>>,
    themes: Option<Vec<String>>,
    areas: Option<Vec<String>>,
    activities: Option<Vec<ActivityInput>>,
    resources: Option<Vec<ResourceInput>>,
    contacts: Option<Vec<ContactInput>>,
    contact: Option<ContactInput>,
    published: Option<bool>,
    private_fields: Option<Vec<String>>,
}

/// A data row as read, before it is merged with any stored actor and validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRow {
    /// Line in the file where the row starts (the header is line 1).
    pub line: u64,
    values: RowValues,
    /// Cells that could not be read, by field; validation adds the rest.
    pub problems: FieldErrors,
}

impl ParsedRow {
    /// The business ID cell as written, if the file has one and it is not empty.
    pub fn business_id(&self) -> Option<&str> {
        self.values.business_id.as_deref().map(str::trim).filter(|b| !b.is_empty())
    }

    /// Lays this row over `base`: a new actor's defaults, or a stored actor's content.
    pub fn apply(&self, base: &mut ActorInput) {
        let v = &self.values;
        let text = |target: &mut String, value: &Option<String>| {
            if let Some(value) = value {
                target.clone_from(value);
            }
        };
        text(&mut base.name_fi, &v.name_fi);
        text(&mut base.name_sv, &v.name_sv);
        text(&mut base.name_en, &v.name_en);
        text(&mut base.business_id, &v.business_id);
        text(&mut base.register_number, &v.register_number);
        text(&mut base.website, &v.website);
        text(&mut base.purpose, &v.purpose);
        text(&mut base.core_competence, &v.core_competence);
        if let Some(sector) = v.sector.as_ref().filter(|s| !s.is_empty()) {
            base.sector.clone_from(sector);
        }
        for (target, value) in [
            (&mut base.target_groups, &v.target_groups),
            (&mut base.themes, &v.themes),
            (&mut base.areas, &v.areas),
        ] {
            if let Some(value) = value {
                target.clone_from(value);
            }
        }
        if let Some(activities) = &v.activities {
            base.activities.clone_from(activities);
        }
        if let Some(resources) = &v.resources {
            // The file does not say tangible or intangible; a resource already stored keeps
            // what was chosen for it.
            let old = std::mem::take(&mut base.resources);
            base.resources = resources
                .iter()
                .map(|r| {
                    let same = old
                        .iter()
                        .find(|o| o.kind == r.kind && normalise(&o.description) == normalise(&r.description));
                    ResourceInput {
                        tangibility: same.map(|o| o.tangibility.clone()).unwrap_or_default(),
                        ..r.clone()
                    }
                })
                .collect();
        }
        if let Some(contacts) = &v.contacts {
            base.contacts.clone_from(contacts);
        }
        if let Some(contact) = &v.contact {
            merge_contact(&mut base.contacts, contact);
        }
        if let Some(published) = v.published {
            base.published = published;
        }
        if let Some(private_fields) = &v.private_fields {
            base.private_fields = Some(private_fields.clone());
        }
    }
}

/// A contact person from the single-person columns updates the stored person with the same
/// name or e-mail address, or is added.
fn merge_contact(contacts: &mut Vec<ContactInput>, new: &ContactInput) {
    let same = |c: &ContactInput| {
        (!new.name.is_empty() && normalise(&c.name) == normalise(&new.name))
            || (!new.email.is_empty() && c.email.eq_ignore_ascii_case(&new.email))
    };
    match contacts.iter_mut().find(|c| same(c)) {
        Some(existing) => {
            for (target, value) in [
                (&mut existing.name, &new.name),
                (&mut existing.role, &new.role),
                (&mut existing.email, &new.email),
                (&mut existing.phone, &new.phone),
            ] {
                if !value.is_empty() {
                    target.clone_from(value);
                }
            }
        }
        None => contacts.push(new.clone()),
    }
}

/// Something wrong with the file as a whole; `code` names an `error-<code>` translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl FileError {
    fn new(code: &'static str) -> Self {
        Self { code, params: Vec::new() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub encoding: Encoding,
    pub delimiter: char,
    /// Headers that name no field, as written, each once.
    pub unknown_columns: Vec<String>,
    pub rows: Vec<ParsedRow>,
    /// The first header that feeds each target, for pointing at the column of an error.
    columns: Vec<(Slot, String)>,
}

impl ParsedFile {
    fn header(&self, target: Slot) -> Option<&str> {
        self.columns.iter().find(|(t, _)| *t == target).map(|(_, h)| h.as_str())
    }

    /// The column an error on `field` (a validation path such as `contacts[1].email`) points
    /// at, with the 1-based item within a list cell; `None` where the file has no such column.
    pub fn column_for(&self, field: &str) -> Option<(String, Option<usize>)> {
        let (root, rest) = field.split_once('[').map_or((field, ""), |(root, rest)| (root, rest));
        let index = rest.split(']').next().and_then(|i| i.parse::<usize>().ok());
        let sub = rest.split_once("].").map(|(_, sub)| sub);
        let target = match root {
            "name_fi" => Slot::NameFi,
            "name_sv" => Slot::NameSv,
            "name_en" => Slot::NameEn,
            "business_id" => Slot::BusinessId,
            "register_number" => Slot::RegisterNumber,
            "sector" => Slot::Sector,
            "website" => Slot::Website,
            "purpose" => Slot::Purpose,
            "core_competence" => Slot::CoreCompetence,
            "target_groups" => Slot::TargetGroups,
            "themes" => Slot::Themes,
            "areas" => Slot::Areas,
            "activities" => Slot::Activities,
            "resources" => Slot::Resources,
            "published" => Slot::Published,
            "private_fields" => Slot::PrivateFields,
            "contacts" => {
                if let Some(header) = self.header(Slot::Contacts) {
                    return Some((header.to_owned(), index.map(|i| i + 1)));
                }
                let flat = match sub {
                    Some("role") => Slot::ContactRole,
                    Some("email") => Slot::ContactEmail,
                    Some("phone") => Slot::ContactPhone,
                    _ => Slot::ContactName,
                };
                // Without a name column a missing name points at the contact people as a whole.
                return self.header(flat).map(|header| (header.to_owned(), None));
            }
            _ => return None,
        };
        let header = self.header(target)?;
        let item =
            if matches!(target, Slot::Activities | Slot::Resources) { index.map(|i| i + 1) } else { None };
        Some((header.to_owned(), item))
    }
}

/// Reads a whole file. Problems in single cells are kept with their row, so that every bad
/// row can be listed; only a file with no usable header is refused outright.
pub fn parse(bytes: &[u8]) -> Result<ParsedFile, FileError> {
    if bytes.contains(&0) {
        return Err(FileError::new("import-not-csv"));
    }
    let (text, encoding) = decode(bytes);
    // The csv crate counts a CRLF's line break towards the next record; plain LF keeps the
    // line numbers people see in their editor.
    let text = if text.contains("\r\n") { Cow::Owned(text.replace("\r\n", "\n")) } else { text };
    let mut text: &str = &text;
    // Excel writes and honours a first line "sep=;" naming the delimiter.
    let mut skipped_lines = 0;
    let mut delimiter = None;
    if let Some(rest) = text.get(..4).filter(|s| s.eq_ignore_ascii_case("sep=")).map(|_| &text[4..]) {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        delimiter = rest.bytes().next().filter(|b| *b == b';' || *b == b',');
        text = &rest[line_end..];
        skipped_lines = 1;
    }
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) if header.iter().any(|h| !h.trim().is_empty()) => header,
        Some(Err(_)) => return Err(FileError::new("import-not-csv")),
        _ => return Err(FileError::new("import-empty")),
    };
    let mut targets = Vec::new();
    let mut columns: Vec<(Slot, String)> = Vec::new();
    let mut unknown_columns = Vec::new();
    for raw in &header {
        let header = raw.trim().trim_start_matches('\u{feff}').trim().to_owned();
        let target = target_of(&header);
        match target {
            Some(t) if !t.is_list() && columns.iter().any(|(seen, _)| *seen == t) => {
                return Err(FileError { code: "import-duplicate-column", params: vec![("column", header)] });
            }
            Some(t) => columns.push((t, header)),
            None if header.is_empty() || unknown_columns.contains(&header) => {}
            None => unknown_columns.push(header),
        }
        targets.push(target);
    }
    if !columns.iter().any(|(t, _)| matches!(t, Slot::NameFi | Slot::BusinessId)) {
        return Err(FileError::new("import-no-name-column"));
    }
    let commas = delimiter == b';';
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|_| FileError::new("import-not-csv"))?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line()) + skipped_lines;
        rows.push(parse_row(line, &record, &targets, commas));
    }
    if rows.is_empty() {
        return Err(FileError::new("import-no-rows"));
    }
    Ok(ParsedFile { encoding, delimiter: char::from(delimiter), unknown_columns, rows, columns })
}

fn parse_row(line: u64, record: &csv::StringRecord, targets: &[Option<Slot>], commas: bool) -> ParsedRow {
    let mut v = RowValues::default();
    let mut problems = FieldErrors::new();
    for (index, raw) in record.iter().enumerate() {
        let cell = unneutralise(raw.trim()).trim();
        let Some(target) = targets.get(index) else {
            if !cell.is_empty() {
                problems.add("", "import-extra-cells");
            }
            continue;
        };
        let Some(target) = target else { continue };
        let list = |cell: &str| split_list(cell, commas);
        let text = || Some(cell.to_owned());
        match target {
            Slot::NameFi => v.name_fi = text(),
            Slot::NameSv => v.name_sv = text(),
            Slot::NameEn => v.name_en = text(),
            Slot::BusinessId => v.business_id = text(),
            Slot::RegisterNumber => v.register_number = text(),
            Slot::Website => v.website = text(),
            Slot::Purpose => v.purpose = text(),
            Slot::CoreCompetence => v.core_competence = text(),
            Slot::Sector => {
                v.sector = Some(match parse_sector(cell) {
                    Some(sector) => sector.as_str().to_owned(),
                    None if cell.is_empty() => String::new(),
                    None => {
                        problems.add_with(
                            "sector",
                            "import-unknown-sector",
                            vec![("value", cell.to_owned())],
                        );
                        String::new()
                    }
                });
            }
            Slot::TargetGroups => v.target_groups.get_or_insert_default().extend(list(cell)),
            Slot::Themes => v.themes.get_or_insert_default().extend(list(cell)),
            Slot::Areas => v.areas.get_or_insert_default().extend(list(cell)),
            Slot::Activities => {
                v.activities = Some(
                    split_list(cell, false)
                        .iter()
                        .map(|item| {
                            let parts = split_parts(item, 3);
                            ActivityInput {
                                what: part(&parts, 0),
                                when: part(&parts, 1),
                                place: part(&parts, 2),
                            }
                        })
                        .collect(),
                );
            }
            Slot::Resources => {
                v.resources = Some(split_list(cell, false).iter().map(|item| parse_resource(item)).collect());
            }
            Slot::Contacts => {
                v.contacts = Some(
                    split_list(cell, false)
                        .iter()
                        .map(|item| {
                            let parts = split_parts(item, 4);
                            ContactInput {
                                name: part(&parts, 0),
                                role: part(&parts, 1),
                                email: part(&parts, 2),
                                phone: part(&parts, 3),
                            }
                        })
                        .collect(),
                );
            }
            Slot::ContactName => v.contact.get_or_insert_default().name = cell.to_owned(),
            Slot::ContactRole => v.contact.get_or_insert_default().role = cell.to_owned(),
            Slot::ContactEmail => v.contact.get_or_insert_default().email = cell.to_owned(),
            Slot::ContactPhone => v.contact.get_or_insert_default().phone = cell.to_owned(),
            Slot::Published => match parse_yes_no(cell) {
                Some(published) => v.published = Some(published),
                None if cell.is_empty() => {}
                None => problems.add("published", "import-yes-no"),
            },
            Slot::PrivateFields => {
                let mut fields = Vec::new();
                for item in list(cell) {
                    match parse_private_field(&item) {
                        Some(field) => fields.push(field.as_str().to_owned()),
                        None => {
                            problems.add_with("private_fields", "import-unknown-field", vec![("value", item)])
                        }
                    }
                }
                v.private_fields = Some(fields);
            }
            Slot::Ignored => {}
        }
    }
    // A person is only added when the single-person columns say something.
    if v.contact.as_ref().is_some_and(|c| [&c.name, &c.role, &c.email, &c.phone].iter().all(|s| s.is_empty()))
    {
        v.contact = None;
    }
    ParsedRow { line, values: v, problems }
}

/// "vapaaehtoistyö: 60 vapaaehtoista" — a kind before a colon, else the whole item of kind other.
fn parse_resource(item: &str) -> ResourceInput {
    let (kind, description) = match item.split_once(':') {
        Some((kind, rest)) => match parse_resource_kind(kind) {
            Some(kind) => (kind, rest.trim()),
            None => (ResourceKind::Other, item),
        },
        None => (ResourceKind::Other, item),
    };
    ResourceInput {
        kind: kind.as_str().to_owned(),
        description: description.to_owned(),
        tangibility: String::new(),
    }
}

/// The cells of one actor, in [`ExportColumn::ALL`] order; `actor` is already redacted for
/// whoever asked.
pub fn export_cells(actor: &Actor, lang: &str) -> Vec<String> {
    let d: &ActorDetails = &actor.details;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let stamp = |t: time::OffsetDateTime| t.format(&Rfc3339).unwrap_or_default();
    ExportColumn::ALL
        .iter()
        .map(|column| match column {
            ExportColumn::Id => actor.id.to_string(),
            ExportColumn::NameFi => d.name_fi.clone(),
            ExportColumn::NameSv => text(&d.name_sv),
            ExportColumn::NameEn => text(&d.name_en),
            ExportColumn::BusinessId => d.business_id.as_ref().map(|b| b.to_string()).unwrap_or_default(),
            ExportColumn::RegisterNumber => text(&d.register_number),
            ExportColumn::Sector => sector_label(d.sector, lang).to_owned(),
            ExportColumn::Website => text(&d.website),
            ExportColumn::Purpose => text(&d.purpose),
            ExportColumn::CoreCompetence => text(&d.core_competence),
            ExportColumn::TargetGroups => join_tags(&d.target_groups),
            ExportColumn::Themes => join_tags(&d.themes),
            ExportColumn::Areas => join_tags(&d.areas),
            ExportColumn::Activities => join_items(d.activities.iter().map(|a| {
                join_parts(&[&a.what, a.when.as_deref().unwrap_or(""), a.place.as_deref().unwrap_or("")])
            })),
            ExportColumn::Resources => join_items(
                d.resources
                    .iter()
                    .map(|r| format!("{}: {}", resource_labels(r.kind)[lang_index(lang)], r.description)),
            ),
            ExportColumn::Contacts => join_items(d.contacts.iter().map(|c| {
                join_parts(&[
                    &c.name,
                    c.role.as_deref().unwrap_or(""),
                    c.email.as_deref().unwrap_or(""),
                    c.phone.as_deref().unwrap_or(""),
                ])
            })),
            ExportColumn::Published => yes_no(d.published, lang).to_owned(),
            ExportColumn::PrivateFields => {
                let names: BTreeSet<_> =
                    d.private_fields.iter().map(|f| private_field_header(*f, lang)).collect();
                names.into_iter().collect::<Vec<_>>().join(", ")
            }
            ExportColumn::Created => stamp(actor.created_at),
            ExportColumn::Updated => stamp(actor.updated_at),
            ExportColumn::Archived => actor.archived_at.map(stamp).unwrap_or_default(),
        })
        .collect()
}

fn private_field_header(field: ActorField, lang: &str) -> &'static str {
    ExportColumn::ALL
        .iter()
        .find(|c| c.target().private_field() == Some(field))
        .map_or(field.as_str(), |c| c.header(lang))
}

/// Tags joined the way a `;` file is read back: with commas, or `|` if a tag has a comma.
fn join_tags(tags: &[String]) -> String {
    let separator = if tags.iter().any(|t| t.contains(',')) { " | " } else { ", " };
    tags.join(separator)
}

fn join_items(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(" | ")
}

/// "what / when / where", with empty parts at the end left out ("Kerho / / Turku").
fn join_parts(parts: &[&str]) -> String {
    let used = parts.iter().rposition(|p| !p.is_empty()).map_or(0, |i| i + 1);
    let mut out = String::new();
    for (i, part) in parts[..used].iter().enumerate() {
        if i > 0 {
            out.push_str(" /");
        }
        if !part.is_empty() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(part);
        }
    }
    out
}

/// Writes CSV for Finnish Excel: UTF-8 with BOM, `;` between cells, CRLF line ends, and
/// formula-like cells neutralised.
pub struct CsvExport<W: Write> {
    writer: csv::Writer<W>,
    lang: &'static str,
}

impl<W: Write> CsvExport<W> {
    /// Starts the file with the BOM and the header row in `lang`.
    pub fn new(mut out: W, lang: &str) -> Result<Self, csv::Error> {
        out.write_all(BOM)?;
        let lang = match lang {
            "sv" => "sv",
            "en" => "en",
            _ => "fi",
        };
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        writer.write_record(ExportColumn::ALL.iter().map(|c| c.header(lang)))?;
        Ok(Self { writer, lang })
    }

    pub fn write(&mut self, actor: &Actor) -> Result<(), csv::Error> {
        let cells = export_cells(actor, self.lang);
        self.writer.write_record(cells.iter().map(|c| neutralise(c).into_owned()))
    }

    pub fn finish(self) -> Result<W, csv::Error> {
        self.writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::datetime;
    use uuid::Uuid;

    fn input_of(row: &ParsedRow) -> ActorInput {
        let mut input = ActorInput::default();
        row.apply(&mut input);
        input
    }

    #[test]
    fn utf8_with_bom_and_semicolons() {
        let file = "\u{feff}Nimi;Y-tunnus;Sektori;Teemat\r\nÄänekosken Ystävät ry;0204819-8;yhdistys;ikäihmiset, vertaistuki\r\n";
        let parsed = parse(file.as_bytes()).unwrap();
        assert_eq!(parsed.encoding, Encoding::Utf8);
        assert_eq!(parsed.delimiter, ';');
        let input = input_of(&parsed.rows[0]);
        assert_eq!(input.name_fi, "Äänekosken Ystävät ry");
        assert_eq!(input.business_id, "0204819-8");
        assert_eq!(input.sector, "association");
        assert_eq!(input.themes, vec!["ikäihmiset", "vertaistuki"]);
        assert_eq!(parsed.rows[0].line, 2);
    }

    #[test]
    fn windows_1252_with_commas() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("namn,fo-nummer,sektor,områden\nÖstra Åbo förening,,Förening,Åbo | Kuusisto\n");
        let parsed = parse(&bytes).unwrap();
        assert_eq!(parsed.encoding, Encoding::Windows1252);
        assert_eq!(parsed.delimiter, ',');
        let input = input_of(&parsed.rows[0]);
        assert_eq!(input.name_fi, "Östra Åbo förening");
        assert_eq!(input.sector, "association");
        assert_eq!(input.areas, vec!["Åbo", "Kuusisto"]);
    }

    #[test]
    fn a_comma_file_splits_lists_on_bars_only() {
        let parsed = parse("name,themes\n\"Club\",\"sport, culture\"\n".as_bytes()).unwrap();
        assert_eq!(input_of(&parsed.rows[0]).themes, vec!["sport, culture"]);
    }

    #[test]
    fn delimiter_comes_from_the_header_line_ignoring_quotes() {
        assert_eq!(detect_delimiter("nimi;y-tunnus\nA, B;1"), b';');
        assert_eq!(detect_delimiter("\"nimi;x\",y-tunnus,sektori\na;b;c;d"), b',');
        assert_eq!(detect_delimiter("nimi"), b';');
        let parsed = parse(b"sep=,\nnimi,sektori\nA;B,kunta\n").unwrap();
        assert_eq!(parsed.delimiter, ',');
        assert_eq!(parsed.rows[0].line, 3);
        assert_eq!(input_of(&parsed.rows[0]).name_fi, "A;B");
    }

    #[test]
    fn headers_in_three_languages_map_to_fields() {
        for (header, target) in [
            ("nimi", Slot::NameFi),
            ("Namn", Slot::NameFi),
            ("NAME", Slot::NameFi),
            ("Y-tunnus", Slot::BusinessId),
            ("FO-nummer", Slot::BusinessId),
            ("Business ID", Slot::BusinessId),
            ("rekisterinumero", Slot::RegisterNumber),
            ("Föreningsregisternummer", Slot::RegisterNumber),
            ("sektori", Slot::Sector),
            ("teemat", Slot::Themes),
            ("kohderyhmät", Slot::TargetGroups),
            ("Målgrupper", Slot::TargetGroups),
            ("alueet", Slot::Areas),
            ("Kotipaikka", Slot::Areas),
            ("tarkoitus", Slot::Purpose),
            ("Syfte", Slot::Purpose),
            ("verkkosivu", Slot::Website),
            ("www-osoite", Slot::Website),
            ("ydinosaaminen", Slot::CoreCompetence),
            ("Toiminta", Slot::Activities),
            ("resurssit", Slot::Resources),
            ("sähköposti", Slot::ContactEmail),
        ] {
            assert_eq!(target_of(header), Some(target), "{header}");
        }
        for column in ExportColumn::ALL {
            for lang in ["fi", "sv", "en"] {
                assert_eq!(target_of(column.header(lang)), Some(column.target()), "{column:?} {lang}");
            }
        }
        let parsed = parse("Y-tunnus;Teemat\n0204819-8;kulttuuri\n".as_bytes()).unwrap();
        assert_eq!(parsed.column_for("themes"), Some(("Teemat".to_owned(), None)));
    }

    #[test]
    fn unknown_columns_are_reported_once() {
        let parsed = parse("nimi;jäsenmäärä;Jäsenmäärä;;perustettu\nA;10;10;;1990\n".as_bytes()).unwrap();
        assert_eq!(parsed.unknown_columns, vec!["jäsenmäärä", "Jäsenmäärä", "perustettu"]);
        assert!(parsed.rows[0].problems.is_empty());
    }

    #[test]
    fn whole_file_problems() {
        assert_eq!(parse(b"").unwrap_err().code, "import-empty");
        assert_eq!(parse(b"\xEF\xBB\xBF\r\n").unwrap_err().code, "import-empty");
        assert_eq!(parse(b"foo;bar\n1;2\n").unwrap_err().code, "import-no-name-column");
        assert_eq!(parse(b"nimi;sektori\n").unwrap_err().code, "import-no-rows");
        assert_eq!(parse(b"PK\x03\x04\x00\x00").unwrap_err().code, "import-not-csv");
        let duplicate = parse(b"nimi;name\nA;B\n").unwrap_err();
        assert_eq!(duplicate.code, "import-duplicate-column");
        assert_eq!(duplicate.params, vec![("column", "name".to_owned())]);
    }

    #[test]
    fn cell_problems_stay_with_their_row() {
        let parsed =
            parse("nimi;sektori;julkaistu\nA;linna;ehkä;ylimääräinen\n\n;;\nB;Säätiö;kyllä\n".as_bytes())
                .unwrap();
        assert_eq!(parsed.rows.len(), 2, "blank rows are skipped");
        let codes: Vec<_> = parsed.rows[0].problems.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("sector", "import-unknown-sector"),
                ("published", "import-yes-no"),
                ("", "import-extra-cells")
            ]
        );
        assert_eq!(parsed.rows[1].line, 5);
        let b = input_of(&parsed.rows[1]);
        assert_eq!((b.sector.as_str(), b.published), ("foundation", true));
    }

    #[test]
    fn sectors_by_code_or_name_in_any_language() {
        for (value, sector) in [
            ("association", Sector::Association),
            ("YHDISTYS", Sector::Association),
            ("förening", Sector::Association),
            ("ry", Sector::Association),
            ("Kunta", Sector::Municipality),
            ("wellbeing_services_county", Sector::WellbeingServicesCounty),
            ("Wellbeing services county", Sector::WellbeingServicesCounty),
            ("osakeyhtiö", Sector::Company),
            ("Seurakunta", Sector::Parish),
        ] {
            assert_eq!(parse_sector(value), Some(sector), "{value}");
        }
        assert_eq!(parse_sector("linna"), None);
    }

    #[test]
    fn structured_lists_keep_their_commas() {
        let file = "nimi;toiminta;resurssit;yhteyshenkilöt\n\
                    A;Kerhoilta / ti klo 17–19, Varissuo / Turku | 24/7 päivystys;\
                    vapaaehtoistyö: 60 vapaaehtoista | Lainattavat sukset;\
                    Maija Mallikas / puheenjohtaja / maija@example.fi / 040 123\n";
        let input = input_of(&parse(file.as_bytes()).unwrap().rows[0]);
        assert_eq!(input.activities.len(), 2);
        assert_eq!(input.activities[0].when, "ti klo 17–19, Varissuo");
        assert_eq!(input.activities[0].place, "Turku");
        assert_eq!(input.activities[1].what, "24/7 päivystys");
        assert_eq!(input.resources[0].kind, "volunteer_work");
        assert_eq!(input.resources[0].description, "60 vapaaehtoista");
        assert_eq!(input.resources[1].kind, "other");
        assert_eq!(input.contacts[0].email, "maija@example.fi");
        assert_eq!(input.contacts[0].phone, "040 123");
    }

    #[test]
    fn only_the_columns_present_change_a_stored_actor() {
        let mut stored = ActorInput {
            name_fi: "Vanha nimi".into(),
            themes: vec!["liikunta".into()],
            contacts: vec![ContactInput { name: "Maija Mallikas".into(), ..ContactInput::default() }],
            resources: vec![ResourceInput {
                kind: "premises".into(),
                description: "Kerhohuone".into(),
                tangibility: "intangible".into(),
            }],
            ..ActorInput::default()
        };
        let file = "nimi;sähköposti;yhteyshenkilö;resurssit\nUusi nimi;maija@example.fi;Maija Mallikas;tilat: kerhohuone\n";
        parse(file.as_bytes()).unwrap().rows[0].apply(&mut stored);
        assert_eq!(stored.name_fi, "Uusi nimi");
        assert_eq!(stored.themes, vec!["liikunta"]);
        assert_eq!(stored.contacts.len(), 1);
        assert_eq!(stored.contacts[0].email, "maija@example.fi");
        assert_eq!(stored.resources[0].tangibility, "intangible");
    }

    #[test]
    fn errors_point_at_their_column() {
        let parsed = parse("Nimi;Toiminta;Sähköposti\nA;x;y\n".as_bytes()).unwrap();
        assert_eq!(parsed.column_for("activities[1].what"), Some(("Toiminta".into(), Some(2))));
        assert_eq!(parsed.column_for("contacts[0].email"), Some(("Sähköposti".into(), None)));
        assert_eq!(parsed.column_for("sector"), None);
    }

    fn exported_actor() -> Actor {
        let input = ActorInput {
            name_fi: "=HYPERLINK(\"http://evil\")".into(),
            name_sv: "Förening, rf".into(),
            business_id: "0204819-8".into(),
            sector: "association".into(),
            purpose: "+rivi 1\nrivi 2; \"lainaus\"".into(),
            themes: vec!["ikäihmiset".into(), "vertaistuki".into()],
            areas: vec!["Turku, keskusta".into(), "Kaarina".into()],
            activities: vec![ActivityInput {
                what: "Kerho".into(),
                when: String::new(),
                place: "Turku".into(),
            }],
            resources: vec![ResourceInput {
                kind: "premises".into(),
                description: "Sali".into(),
                tangibility: String::new(),
            }],
            contacts: vec![ContactInput {
                name: "Maija".into(),
                email: "maija@example.fi".into(),
                ..ContactInput::default()
            }],
            private_fields: Some(vec!["contacts".into(), "business_id".into()]),
            published: true,
            ..ActorInput::default()
        };
        Actor {
            id: Uuid::from_u128(7),
            version: 3,
            details: input.validate(false).unwrap(),
            created_at: datetime!(2026-01-02 03:04:05 UTC),
            updated_at: datetime!(2026-01-02 03:04:05 UTC),
            archived_at: None,
        }
    }

    #[test]
    fn csv_export_is_for_finnish_excel() {
        let mut export = CsvExport::new(Vec::new(), "fi").unwrap();
        export.write(&exported_actor()).unwrap();
        let bytes = export.finish().unwrap();
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("Tunniste;Nimi;Nimi ruotsiksi;"), "{text}");
        assert!(text.contains("\r\n"));
        assert!(text.contains(";\"'=HYPERLINK(\"\"http://evil\"\")\";"), "{text}");
        assert!(text.contains("\"'+rivi 1\nrivi 2; \"\"lainaus\"\"\""), "{text}");
        assert!(text.contains(";Yhdistys;"));
        assert!(text.contains(";Turku, keskusta | Kaarina;"));
        assert!(text.contains(";Kerho / / Turku;"), "{text}");
        assert!(text.contains(";tilat: Sali;"));
        assert!(text.contains(";kyllä;Y-tunnus, Yhteyshenkilöt;2026-01-02T03:04:05Z;"), "{text}");
    }

    #[test]
    fn formula_starts_are_neutralised() {
        for cell in ["=1+1", "+358 40", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        assert_eq!(neutralise("Turku"), "Turku");
        assert_eq!(neutralise("'quoted"), "'quoted");
    }

    #[test]
    fn an_export_imports_back_unchanged() {
        let actor = exported_actor();
        for lang in ["fi", "sv", "en"] {
            let mut export = CsvExport::new(Vec::new(), lang).unwrap();
            export.write(&actor).unwrap();
            let parsed = parse(&export.finish().unwrap()).unwrap();
            assert!(parsed.unknown_columns.is_empty(), "{lang}: {:?}", parsed.unknown_columns);
            assert!(parsed.rows[0].problems.is_empty(), "{lang}: {:?}", parsed.rows[0].problems);
            let mut input = ActorInput::from(&actor.details);
            parsed.rows[0].apply(&mut input);
            assert_eq!(input.validate(false).unwrap(), actor.details, "{lang}");
        }
    }
}
