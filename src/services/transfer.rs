//! Actors in and out in bulk: CSV import (a dry run, then one all-or-nothing transaction) and
//! CSV, JSON and XLSX export that shows each viewer exactly what the list would.

use std::collections::{BTreeSet, HashMap};

use kumppani_domain::actor::{Actor, ActorDetails, ActorInput, Sector};
use kumppani_domain::actor_csv::{self, CsvExport, Encoding, ExportColumn, FileError};
use kumppani_domain::business_id::BusinessId;
use kumppani_domain::role::{Principal, actor_as_seen_by, can_create_actor};
use kumppani_domain::validation::{FieldError, FieldErrors};
use uuid::Uuid;

use super::Change;
use crate::error::{Error, Result};
use crate::store::actors::{self as actor_store, ActorQuery, NewActors};
use crate::store::{Store, StoreError};

/// Who runs an import or export: a person through the pages, or the operator of the server
/// at the command line, who may do anything.
#[derive(Debug, Clone, Copy)]
pub enum Requester<'a> {
    Person(Option<&'a Principal>),
    CommandLine,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Check every row and count what would change; write nothing.
    DryRun,
    /// Import only if no row has a problem.
    AllOrNothing,
    /// Import the rows without problems and leave the others out.
    ValidRowsOnly,
}

#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    pub mode: ImportMode,
    /// For rows that name no sector (a register extract has no such column).
    pub default_sector: Option<Sector>,
}

/// One problem in one row, pointed at the column as the file names it.
#[derive(Debug, Clone)]
pub struct RowProblem {
    pub line: u64,
    /// The header of the column; `None` where the file has no column for the field.
    pub column: Option<String>,
    /// Which item of a list cell (1-based).
    pub item: Option<usize>,
    pub error: FieldError,
}

#[derive(Debug, Clone)]
pub struct ImportReport {
    pub encoding: Encoding,
    pub delimiter: char,
    pub rows: usize,
    pub new: usize,
    /// New rows without a Y-tunnus: nothing can tell whether they are in the register already.
    pub new_without_business_id: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub invalid_rows: usize,
    pub problems: Vec<RowProblem>,
    pub unknown_columns: Vec<String>,
    /// Whether the rows were written (false after a dry run, or when problems stopped it).
    pub imported: bool,
}

impl ImportReport {
    /// Rows that would be written.
    pub fn changes(&self) -> usize {
        self.new + self.updated
    }
}

enum Plan {
    Create(ActorDetails),
    Update { id: Uuid, version: i64, details: ActorDetails },
    Unchanged,
}

/// New actors prepared and written together; also how often progress is reported.
const CREATE_BATCH: usize = 2000;

/// Reads a CSV file of actors and, unless `options.mode` is a dry run, imports it in one
/// transaction: the same Y-tunnus updates that actor (with an audit entry), rows without one
/// create actors. `progress` hears (rows written, rows to write) now and then.
pub async fn import_actors(
    store: &Store,
    requester: Requester<'_>,
    bytes: Vec<u8>,
    options: ImportOptions,
    change: Change,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<ImportReport> {
    if let Requester::Person(by) = requester
        && !can_create_actor(by)
    {
        return Err(Error::NotFound);
    }
    let parsed = tokio::task::spawn_blocking(move || actor_csv::parse(&bytes))
        .await
        .map_err(Error::internal)?
        .map_err(file_error)?;
    let keys: BTreeSet<String> = parsed.rows.iter().filter_map(|r| business_key(r.business_id())).collect();
    let stored = store.actors_by_business_ids(&keys.into_iter().collect::<Vec<_>>()).await?;
    let default_sector = options.default_sector;
    let (plans, mut report) = tokio::task::spawn_blocking(move || plan(&parsed, stored, default_sector))
        .await
        .map_err(Error::internal)?;
    let proceed = match options.mode {
        ImportMode::DryRun => false,
        ImportMode::AllOrNothing => report.invalid_rows == 0,
        ImportMode::ValidRowsOnly => true,
    };
    if proceed {
        write(store, plans, change, progress).await?;
        report.imported = true;
    }
    Ok(report)
}

/// A problem with the whole file, shown beside the file field.
fn file_error(e: FileError) -> Error {
    let mut errors = FieldErrors::new();
    errors.add_with("file", e.code, e.params);
    Error::Invalid(errors)
}

/// The canonical form of a Y-tunnus cell, by which rows find stored actors and each other.
fn business_key(cell: Option<&str>) -> Option<String> {
    cell.and_then(|b| BusinessId::parse(b).ok()).map(|b| b.as_str().to_owned())
}

/// Decides for each row: create, update, leave as it is, or report its problems.
fn plan(
    parsed: &actor_csv::ParsedFile,
    stored: Vec<Actor>,
    default_sector: Option<Sector>,
) -> (Vec<Plan>, ImportReport) {
    let stored: HashMap<String, Actor> = stored
        .into_iter()
        .filter_map(|a| a.details.business_id.clone().map(|b| (b.as_str().to_owned(), a)))
        .collect();
    let mut lines_by_key: HashMap<String, Vec<u64>> = HashMap::new();
    let keys: Vec<Option<String>> = parsed.rows.iter().map(|r| business_key(r.business_id())).collect();
    for (row, key) in parsed.rows.iter().zip(&keys) {
        if let Some(key) = key {
            lines_by_key.entry(key.clone()).or_default().push(row.line);
        }
    }
    let mut report = ImportReport {
        encoding: parsed.encoding,
        delimiter: parsed.delimiter,
        rows: parsed.rows.len(),
        new: 0,
        new_without_business_id: 0,
        updated: 0,
        unchanged: 0,
        invalid_rows: 0,
        problems: Vec::new(),
        unknown_columns: parsed.unknown_columns.clone(),
        imported: false,
    };
    let mut plans = Vec::with_capacity(parsed.rows.len());
    for (row, key) in parsed.rows.iter().zip(keys) {
        let existing = key.as_ref().and_then(|k| stored.get(k));
        let mut input = match existing {
            Some(actor) => ActorInput::from(&actor.details),
            None => ActorInput { private_fields: None, published: false, ..ActorInput::default() },
        };
        row.apply(&mut input);
        if let Some(sector) = default_sector.filter(|_| input.sector.trim().is_empty()) {
            input.sector = sector.as_str().to_owned();
        }
        let mut errors = row.problems.clone();
        if let Some(lines) = key.as_ref().and_then(|k| lines_by_key.get(k)).filter(|l| l.len() > 1) {
            let other = lines.iter().find(|l| **l != row.line).copied().unwrap_or(row.line);
            errors.add_with("business_id", "import-duplicate-business-id", vec![("line", other.to_string())]);
        }
        if existing.is_some_and(Actor::is_archived) {
            errors.add("business_id", "import-archived-actor");
        }
        let read_badly: BTreeSet<String> = errors.0.iter().map(|e| e.field.clone()).collect();
        match input.validate(existing.is_some_and(|a| a.details.demo)) {
            Ok(details) if errors.is_empty() => {
                plans.push(match existing {
                    Some(actor) if actor.details == details => {
                        report.unchanged += 1;
                        Plan::Unchanged
                    }
                    Some(actor) => {
                        report.updated += 1;
                        Plan::Update { id: actor.id, version: actor.version, details }
                    }
                    None => {
                        report.new += 1;
                        report.new_without_business_id += usize::from(details.business_id.is_none());
                        Plan::Create(details)
                    }
                });
                continue;
            }
            Ok(_) => {}
            // A cell that could not be read already says what is wrong with its field.
            Err(invalid) => errors.0.extend(invalid.0.into_iter().filter(|e| !read_badly.contains(&e.field))),
        }
        report.invalid_rows += 1;
        report.problems.extend(errors.0.into_iter().map(|error| {
            let (column, item) = parsed.column_for(&error.field).map_or((None, None), |(c, i)| (Some(c), i));
            RowProblem { line: row.line, column, item, error }
        }));
    }
    (plans, report)
}

/// Writes the planned rows in one transaction: nothing stays if any of it fails.
async fn write(
    store: &Store,
    plans: Vec<Plan>,
    change: Change,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<()> {
    let total = plans.iter().filter(|p| !matches!(p, Plan::Unchanged)).count();
    let mut done = 0;
    let mut creates = Vec::new();
    let mut tx = store.begin().await?;
    for plan in plans {
        match plan {
            Plan::Create(details) => creates.push((Uuid::now_v7(), details)),
            Plan::Update { id, version, details } => {
                super::actors::update_in(&mut tx, id, version, &details, change).await?;
                done += 1;
                if done % CREATE_BATCH == 0 {
                    progress(done, total);
                }
            }
            Plan::Unchanged => {}
        }
    }
    let mut creates = creates.into_iter();
    let mut next_batch = move || {
        let batch: Vec<_> = creates.by_ref().take(CREATE_BATCH).collect();
        (!batch.is_empty()).then(|| tokio::task::spawn_blocking(move || NewActors::prepare(batch)))
    };
    // Each batch is prepared on another thread while the database writes the one before.
    let mut next = next_batch();
    while let Some(preparing) = next {
        let batch = preparing.await.map_err(Error::internal)??;
        next = next_batch();
        actor_store::insert_many(&mut tx, &batch, change.now).await.map_err(business_id_taken)?;
        actor_store::audit_created(&mut tx, &batch, change.user_id, change.now).await?;
        done += batch.len();
        progress(done, total);
        // Freeing a batch's hundreds of thousands of strings is slow too: not on this thread,
        // which keeps the database busy.
        tokio::task::spawn_blocking(move || drop(batch));
    }
    tx.commit().await?;
    Ok(())
}

/// Someone added an actor with the same Y-tunnus after the rows were checked.
fn business_id_taken(e: StoreError) -> Error {
    match e.unique_violation() {
        Some(constraint) if constraint.contains("business_id") => {
            Error::invalid("business_id", "business-id-taken")
        }
        _ => e.into(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    Xlsx,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Json => "application/json",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// Actors read per round trip while exporting: the list's largest page.
const EXPORT_PAGE: u32 = 200;
/// The most characters an Excel cell holds.
const XLSX_CELL_MAX: usize = 32_767;

/// Every actor `query` matches, all pages, as a file. Records are shown as the list shows
/// them: a person sees non-public fields only of actors they may see in full.
pub async fn export_actors(
    store: &Store,
    requester: Requester<'_>,
    query: &ActorQuery,
    format: ExportFormat,
    lang: &str,
    sheet_name: &str,
) -> Result<Vec<u8>> {
    let mut file = match format {
        ExportFormat::Csv => {
            Output::Csv(Box::new(CsvExport::new(Vec::new(), lang).map_err(Error::internal)?))
        }
        ExportFormat::Json => Output::Json(b"[".to_vec()),
        ExportFormat::Xlsx => Output::Xlsx(Box::new(Sheet::new(lang, sheet_name).map_err(Error::internal)?)),
    };
    let mut query = ActorQuery { page: 1, per_page: EXPORT_PAGE, ..query.clone() };
    loop {
        let page = store.list_actors(&query).await?;
        let last = page.actors.is_empty() || i64::from(query.page) * i64::from(EXPORT_PAGE) >= page.total;
        for actor in page.actors.into_iter().filter_map(|a| as_seen_by(requester, a)) {
            file.write(&actor, lang)?;
        }
        if last {
            break;
        }
        query.page += 1;
    }
    match file {
        Output::Csv(csv) => csv.finish().map_err(Error::internal),
        Output::Json(mut json) => {
            json.extend_from_slice(b"]\n");
            Ok(json)
        }
        Output::Xlsx(sheet) => tokio::task::spawn_blocking(move || sheet.finish())
            .await
            .map_err(Error::internal)?
            .map_err(Error::internal),
    }
}

/// The file being written, one actor at a time.
enum Output {
    Csv(Box<CsvExport<Vec<u8>>>),
    Json(Vec<u8>),
    Xlsx(Box<Sheet>),
}

impl Output {
    fn write(&mut self, actor: &Actor, lang: &str) -> Result<()> {
        match self {
            Output::Csv(csv) => csv.write(actor).map_err(Error::internal),
            Output::Json(json) => {
                if json.len() > 1 {
                    json.extend_from_slice(b",\n");
                }
                serde_json::to_writer(json, actor).map_err(Error::internal)
            }
            Output::Xlsx(sheet) => {
                sheet.write(&actor_csv::export_cells(actor, lang)).map_err(Error::internal)
            }
        }
    }
}

/// An XLSX workbook of one sheet with the CSV export's columns, cells written as text (never
/// as formulas, so no neutralising is needed).
struct Sheet {
    workbook: rust_xlsxwriter::Workbook,
    rows: u32,
}

impl Sheet {
    fn new(lang: &str, name: &str) -> Result<Self, rust_xlsxwriter::XlsxError> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        for (column, header) in (0u16..).zip(ExportColumn::ALL.iter().map(|c| c.header(lang))) {
            sheet.write_string_with_format(0, column, header, &bold)?;
            sheet.set_column_width(column, 24)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(Self { workbook, rows: 0 })
    }

    fn write(&mut self, cells: &[String]) -> Result<(), rust_xlsxwriter::XlsxError> {
        self.rows += 1;
        let sheet = self.workbook.worksheet_from_index(0)?;
        for (column, cell) in (0u16..).zip(cells) {
            if !cell.is_empty() {
                let cell: String = cell.chars().take(XLSX_CELL_MAX).collect();
                sheet.write_string(self.rows, column, cell)?;
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let last_column = u16::try_from(ExportColumn::ALL.len() - 1).unwrap_or(u16::MAX);
        self.workbook.worksheet_from_index(0)?.autofilter(0, 0, self.rows, last_column)?;
        self.workbook.save_to_buffer()
    }
}

/// The record as `requester` may see it, or `None` if not at all.
fn as_seen_by(requester: Requester<'_>, actor: Actor) -> Option<Actor> {
    let Requester::Person(viewer) = requester else { return Some(actor) };
    actor_as_seen_by(viewer, actor)
}
