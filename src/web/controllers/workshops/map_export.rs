//! The value network map as a download: SVG as drawn, PNG and PDF made from it by
//! `kumppani-render` off the async runtime. The page's filter and saved places apply.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use kumppani_render::RenderError;

use super::facilitator;
use super::map::{MapParams, MapWords, draw, map_of};
use crate::error::{Error, Result};
use crate::services;
use crate::services::workshop_maps::MapKind;
use crate::web::session::RequestContext;
use crate::web::state::AppState;

#[derive(Debug, Clone, Copy)]
enum Format {
    Svg,
    Png,
    Pdf,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Svg => "image/svg+xml",
            Format::Png => "image/png",
            Format::Pdf => "application/pdf",
        }
    }
}

/// A download name of ASCII letters, digits and hyphens only, so no header or file system
/// reads it wrongly: `arvoverkkokartta-current-2026-11-23.png`.
fn file_name(base: &str, kind: MapKind, date: time::Date, format: Format) -> String {
    let base: String = base
        .chars()
        .map(|c| match c {
            'ä' | 'å' | 'Ä' | 'Å' => 'a',
            'ö' | 'Ö' => 'o',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    let base = base.trim_matches('-');
    let base = if base.is_empty() { "map" } else { base };
    format!("{base}-{}-{date}.{}", kind.as_str(), format.extension())
}

/// PNG at twice the drawing's size for sharp slides, or at its own size when that is too big.
fn png(svg: &str) -> std::result::Result<Vec<u8>, RenderError> {
    match kumppani_render::png(svg, 2.0) {
        Err(RenderError::Size { .. }) => kumppani_render::png(svg, 1.0),
        result => result,
    }
}

async fn export(
    state: AppState,
    ctx: RequestContext,
    (id, kind): (String, MapKind),
    params: MapParams,
    format: Format,
) -> Result<Response> {
    let record = facilitator(&state, &ctx, &id).await?;
    let (map, comparison) = map_of(&state, &record, kind).await?;
    let saved = services::workshop_maps::positions(&state.store, record.workshop.id, kind).await?;
    let description = match kind {
        MapKind::Current => "map-svg-description-current",
        MapKind::Future => "map-svg-description-future",
    };
    let words = MapWords::new(ctx.lang, &record.workshop.plan.title, description);
    let prefix = format!("vn-{}", kind.as_str());
    let svg = draw(&map, &saved, &params, &words.options(&prefix, comparison.as_ref(), false));
    let body = match format {
        Format::Svg => svg.into_bytes(),
        Format::Png | Format::Pdf => {
            let rendered = tokio::task::spawn_blocking(move || match format {
                Format::Pdf => kumppani_render::pdf(&svg),
                _ => png(&svg),
            })
            .await
            .map_err(Error::internal)?;
            rendered.map_err(|e| {
                tracing::error!(error = %e, workshop = %record.workshop.id, "map export failed");
                Error::internal(e)
            })?
        }
    };
    let name = file_name(&ctx.lang.t("map-file-name"), kind, ctx.now.get().date(), format);
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(format.content_type())),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

pub async fn svg_file(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<MapParams>,
) -> Result<Response> {
    export(state, ctx, (id, MapKind::Current), params, Format::Svg).await
}

pub async fn png_file(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<MapParams>,
) -> Result<Response> {
    export(state, ctx, (id, MapKind::Current), params, Format::Png).await
}

pub async fn pdf_file(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<MapParams>,
) -> Result<Response> {
    export(state, ctx, (id, MapKind::Current), params, Format::Pdf).await
}

pub async fn future_svg_file(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<MapParams>,
) -> Result<Response> {
    export(state, ctx, (id, MapKind::Future), params, Format::Svg).await
}

pub async fn future_png_file(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<MapParams>,
) -> Result<Response> {
    export(state, ctx, (id, MapKind::Future), params, Format::Png).await
}

pub async fn future_pdf_file(
    State(state): State<AppState>,
    ctx: RequestContext,
    Path(id): Path<String>,
    Query(params): Query<MapParams>,
) -> Result<Response> {
    export(state, ctx, (id, MapKind::Future), params, Format::Pdf).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_are_plain_ascii() {
        let date = time::macros::date!(2026 - 11 - 23);
        assert_eq!(
            file_name("Arvoverkkokartta", MapKind::Current, date, Format::Png),
            "arvoverkkokartta-current-2026-11-23.png"
        );
        assert_eq!(
            file_name("Värdenätverk \"x\"/", MapKind::Future, date, Format::Pdf),
            "vardenatverk--x-future-2026-11-23.pdf"
        );
        assert_eq!(file_name("\r\n", MapKind::Current, date, Format::Svg), "map-current-2026-11-23.svg");
    }
}
