//! The stylesheet and script, compiled into the binary so nothing is loaded from elsewhere.

use axum::http::header;
use axum::response::IntoResponse;

const CSS: &str = include_str!("../../../static/app.css");
const JS: &str = include_str!("../../../static/app.js");
/// The live workshop pages' script, kept apart from the general one.
const WORKSHOP_JS: &str = include_str!("../../../static/workshop.js");
/// The value network map's script: highlighting, dragging parties and the filter.
const MAP_JS: &str = include_str!("../../../static/map.js");
const CACHE: &str = "public, max-age=3600";

pub async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], CSS)
}

pub async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], JS)
}

pub async fn workshop_script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], WORKSHOP_JS)
}

pub async fn map_script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], MAP_JS)
}
