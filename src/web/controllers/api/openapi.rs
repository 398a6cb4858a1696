//! The OpenAPI 3.1 description of /api/v1, written by hand and served as JSON.

use axum::Json;
use axum::response::IntoResponse;
use serde_json::{Value, json};

fn error_response(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| code(*v)).collect()
}

/// Schemas and paths of partnerships, merged into the document.
fn partnerships(schemas: &mut serde_json::Map<String, Value>, paths: &mut serde_json::Map<String, Value>) {
    use kumppani_domain::partnership::*;
    let p_ref = json!({ "$ref": "#/components/schemas/Partnership" });
    let input_ref = json!({ "$ref": "#/components/schemas/PartnershipInput" });
    let id_param = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } });
    let text = json!({ "type": "string" });
    let tags = json!({ "type": "array", "items": { "type": "string" } });
    schemas.insert("PartnershipInput".into(), json!({ "type": "object", "required": ["name", "kind"], "properties": {
        "name": text, "description": text,
        "kind": { "type": "string", "enum": codes(PartnershipKind::ALL, PartnershipKind::as_str) },
        "depth": { "type": "string", "enum": codes(Depth::ALL, Depth::as_str) },
        "steering": { "type": "string", "enum": codes(SteeringRelation::ALL, SteeringRelation::as_str) },
        "leadership": { "type": "string", "enum": codes(LeadershipModel::ALL, LeadershipModel::as_str) },
        "themes": tags, "areas": tags, "target_groups": tags,
        "aim": text, "coordination": text, "information_flow": text,
        "parties": { "type": "array", "description": "At least two unless verbal", "items": { "type": "object", "required": ["actor_id"], "properties": {
            "actor_id": { "type": "string", "format": "uuid" },
            "role": { "type": "string", "enum": codes(PartyRole::ALL, PartyRole::as_str) },
            "commitment": text,
            "representatives": { "type": "array", "items": { "type": "object", "properties": { "name": text, "title": text, "email": text } } } } } },
        "verbal": { "type": "boolean", "description": "Agreed only by word of mouth (suullinen)" },
        "private_fields": { "type": "array", "items": { "type": "string", "enum": codes(PartnershipField::ALL, PartnershipField::as_str) } },
        "published": { "type": "boolean" } } }));
    schemas.insert("Partnership".into(), json!({ "allOf": [ input_ref.clone(), { "type": "object", "properties": {
        "id": { "type": "string", "format": "uuid" }, "version": { "type": "integer" },
        "phase": { "type": "string", "enum": codes(Phase::ALL, Phase::as_str) },
        "staircase": { "type": ["integer", "null"], "minimum": 1, "maximum": 6 },
        "valid_from": { "type": ["string", "null"], "format": "date" }, "valid_until": { "type": ["string", "null"], "format": "date" },
        "last_decision_on": { "type": ["string", "null"], "format": "date" },
        "created_at": { "type": "string", "format": "date-time" }, "updated_at": { "type": "string", "format": "date-time" },
        "archived_at": { "type": ["string", "null"], "format": "date-time" } } } ] }));
    let filters: Vec<Value> = [
        "q",
        "kind",
        "phase",
        "theme",
        "area",
        "actor",
        "staircase",
        "ending_before",
        "verbal",
        "sort",
        "page",
    ]
    .iter()
    .map(|name| json!({ "name": name, "in": "query", "required": false, "schema": { "type": "string" } }))
    .collect();
    let written = |summary: &str, body: Value| {
        json!({ "summary": summary, "security": [{ "bearer": [] }], "parameters": [id_param.clone()],
        "requestBody": { "required": true, "content": { "application/json": { "schema": body } } },
        "responses": { "201": { "description": "Recorded", "content": { "application/json": { "schema": p_ref.clone() } } },
            "404": error_response("Not found"), "403": error_response("Not allowed"), "422": error_response("Invalid or refused by the model") } })
    };
    paths.insert("/partnerships".into(), json!({
        "get": { "summary": "List and filter partnerships; anonymous callers get the public catalogue entries", "parameters": filters,
            "responses": { "200": { "description": "A page of partnerships" } } },
        "post": { "summary": "Record a partnership (staff)", "security": [{ "bearer": [] }],
            "requestBody": { "required": true, "content": { "application/json": { "schema": input_ref.clone() } } },
            "responses": { "201": { "description": "Created", "content": { "application/json": { "schema": p_ref.clone() } } },
                "401": error_response("No or bad token"), "404": error_response("Not allowed"), "422": error_response("Invalid fields") } } }));
    paths.insert("/partnerships/{id}".into(), json!({
        "get": { "summary": "One partnership, as the caller may see it", "parameters": [id_param.clone()],
            "responses": { "200": { "description": "The partnership", "content": { "application/json": { "schema": p_ref.clone() } } }, "404": error_response("Not found") } },
        "put": { "summary": "Update a partnership (staff); send the version you read", "security": [{ "bearer": [] }], "parameters": [id_param.clone()],
            "requestBody": { "required": true, "content": { "application/json": { "schema": { "allOf": [ input_ref, { "type": "object", "required": ["version"], "properties": { "version": { "type": "integer" } } } ] } } } },
            "responses": { "200": { "description": "Saved" }, "409": error_response("Someone saved first"), "422": error_response("Invalid fields"), "404": error_response("Not found") } } }));
    paths.insert("/partnerships/{id}/transitions".into(), json!({ "post": written("Move to another phase: establish, launch, evaluate, decide_continue, decide_reshape, decide_end",
        json!({ "type": "object", "required": ["event"], "properties": { "event": { "type": "string", "enum": codes(PhaseEvent::ALL, PhaseEvent::as_str) }, "decided_on": { "type": "string", "format": "date" }, "note": text } })) }));
    paths.insert("/partnerships/{id}/staircase".into(), json!({ "post": written("Record the staircase level (1–6) on a date",
        json!({ "type": "object", "required": ["level"], "properties": { "level": { "type": "string" }, "changed_on": { "type": "string", "format": "date" }, "note": text } })) }));
    paths.insert("/partnerships/{id}/timeline".into(), json!({ "get": { "summary": "Everything that happened, newest first (parties and staff)", "parameters": [id_param],
        "responses": { "200": { "description": "Timeline events" }, "404": error_response("Not found") } } }));
}

/// Schemas and paths of agreement versions and their acceptances.
fn agreements(schemas: &mut serde_json::Map<String, Value>, paths: &mut serde_json::Map<String, Value>) {
    use kumppani_domain::agreement::*;
    let a_ref = json!({ "$ref": "#/components/schemas/Agreement" });
    let input_ref = json!({ "$ref": "#/components/schemas/AgreementInput" });
    let id_param = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } });
    let text = json!({ "type": "string" });
    let date = json!({ "type": "string", "format": "date" });
    schemas.insert("AgreementInput".into(), json!({ "type": "object", "required": ["kind", "title", "valid_from", "aim"], "properties": {
        "kind": { "type": "string", "enum": codes(AgreementKind::ALL, AgreementKind::as_str) },
        "previous_id": { "type": "string", "format": "uuid", "description": "Required for an amendment or renewal" },
        "title": text, "valid_from": date, "valid_until": date,
        "notice_days": { "type": "string", "description": "Days before the end when the agreement enters the attention list (default 90)" },
        "language": { "type": "string", "enum": ["fi", "sv", "en"] },
        "aim": text, "coordination": text, "information_flow": text,
        "funder_condition": { "type": "string", "description": "A funder (e.g. STEA) whose positive decision puts the agreement in force" } } }));
    schemas.insert("Agreement".into(), json!({ "type": "object", "properties": {
        "id": { "type": "string", "format": "uuid" }, "partnership_id": { "type": "string", "format": "uuid" },
        "number": { "type": "integer" },
        "kind": { "type": "string", "enum": codes(AgreementKind::ALL, AgreementKind::as_str) },
        "previous_id": { "type": ["string", "null"], "format": "uuid" }, "superseded_by": { "type": ["string", "null"], "format": "uuid" },
        "title": text, "valid_from": date, "valid_until": { "type": ["string", "null"], "format": "date" },
        "notice_days": { "type": "integer" }, "notice_from": { "type": ["string", "null"], "format": "date" },
        "language": text, "aim": text, "coordination": { "type": ["string", "null"] }, "information_flow": { "type": ["string", "null"] },
        "parties": { "type": "array", "items": { "type": "object", "properties": { "actor_id": { "type": "string", "format": "uuid" }, "role": text, "commitment": { "type": ["string", "null"] } } } },
        "funder_condition": { "type": ["string", "null"] },
        "acceptances": { "type": "array", "items": { "type": "object", "properties": {
            "actor_id": { "type": "string", "format": "uuid" }, "accepted_on": { "type": ["string", "null"], "format": "date" },
            "method": { "type": ["string", "null"], "enum": ["in_app", "paper", null] } } } },
        "funder_decision": { "type": ["object", "null"], "properties": { "verdict": { "type": "string", "enum": ["positive", "negative"] }, "decided_on": date, "reference": text } },
        "status": { "type": "string", "enum": codes(AgreementStatus::ALL, AgreementStatus::as_str) },
        "created_at": { "type": "string", "format": "date-time" } } }));
    let created = |summary: &str, body: Value| {
        json!({ "summary": summary, "security": [{ "bearer": [] }], "parameters": [id_param.clone()],
        "requestBody": { "required": true, "content": { "application/json": { "schema": body } } },
        "responses": { "201": { "description": "Recorded", "content": { "application/json": { "schema": a_ref.clone() } } },
            "403": error_response("Not allowed"), "404": error_response("Not found"), "422": error_response("Invalid") } })
    };
    paths.insert("/partnerships/{id}/agreements".into(), json!({
        "get": { "summary": "A partnership's agreement versions, oldest first (parties and staff)", "parameters": [id_param.clone()],
            "responses": { "200": { "description": "Versions", "content": { "application/json": { "schema": { "type": "array", "items": a_ref.clone() } } } }, "404": error_response("Not found") } },
        "post": created("Draft an agreement version (staff); parties' commitments are copied from the partnership", input_ref) }));
    paths.insert("/agreements/{id}".into(), json!({ "get": { "summary": "One agreement version with its status", "parameters": [id_param.clone()],
        "responses": { "200": { "description": "The agreement", "content": { "application/json": { "schema": a_ref.clone() } } }, "404": error_response("Not found") } } }));
    paths.insert("/agreements/{id}/acceptances".into(), json!({ "post": created(
        "Accept for one of your organisations, or (staff) record a paper signed on `signed_on`",
        json!({ "type": "object", "required": ["actor_id"], "properties": { "actor_id": { "type": "string", "format": "uuid" }, "signed_on": date } })) }));
    paths.insert("/agreements/{id}/funder-decision".into(), json!({ "post": created(
        "Record the funder's decision (staff): positive puts the agreement in force, negative ends it",
        json!({ "type": "object", "required": ["verdict", "decided_on", "reference"], "properties": { "verdict": { "type": "string", "enum": ["positive", "negative"] }, "decided_on": date, "reference": text } })) }));
}

pub fn document() -> Value {
    let mut doc = actor_document();
    let mut schemas = serde_json::Map::new();
    let mut paths = serde_json::Map::new();
    partnerships(&mut schemas, &mut paths);
    agreements(&mut schemas, &mut paths);
    if let Some(existing) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        existing.extend(schemas);
    }
    if let Some(existing) = doc.pointer_mut("/paths").and_then(Value::as_object_mut) {
        existing.extend(paths);
    }
    doc
}

fn actor_document() -> Value {
    let actor_ref = json!({ "$ref": "#/components/schemas/Actor" });
    let input_ref = json!({ "$ref": "#/components/schemas/ActorInput" });
    let id_param = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } });
    let filters: Vec<Value> = ["q", "sector", "theme", "target_group", "area", "sort", "page"]
        .iter()
        .map(|name| json!({ "name": name, "in": "query", "required": false, "schema": { "type": "string" } }))
        .collect();
    json!({
        "openapi": "3.1.0",
        "info": { "title": "Kumppani API", "version": "1", "description": "Actor register and partnerships of Kumppani. Reads of published data need no token; writes need a bearer token created in the app or with `kumppani token create`." },
        "servers": [{ "url": "/api/v1" }],
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": { "type": "object", "required": ["code", "message"], "properties": {
                    "code": { "type": "string", "description": "Stable code: not-found, forbidden, unauthorized, invalid-input, edit-conflict, bad-request, payload-too-large, csrf, too-many-attempts, internal" },
                    "message": { "type": "string" },
                    "reason": { "type": "string" },
                    "fields": { "type": "array", "items": { "type": "object", "properties": {
                        "field": { "type": "string" }, "code": { "type": "string" }, "message": { "type": "string" } } } } } },
                "ActorInput": { "type": "object", "required": ["name_fi", "sector"], "properties": {
                    "name_fi": { "type": "string" }, "name_sv": { "type": "string" }, "name_en": { "type": "string" },
                    "business_id": { "type": "string", "description": "Y-tunnus, e.g. 0204819-8" },
                    "register_number": { "type": "string" },
                    "sector": { "type": "string", "enum": kumppani_domain::actor::Sector::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>() },
                    "website": { "type": "string" }, "purpose": { "type": "string" }, "core_competence": { "type": "string" },
                    "target_groups": { "type": "array", "items": { "type": "string" } },
                    "themes": { "type": "array", "items": { "type": "string" } },
                    "areas": { "type": "array", "items": { "type": "string" } },
                    "activities": { "type": "array", "items": { "type": "object", "properties": { "what": { "type": "string" }, "when": { "type": "string" }, "where": { "type": "string" } } } },
                    "resources": { "type": "array", "items": { "type": "object", "properties": {
                        "kind": { "type": "string", "enum": kumppani_domain::actor::ResourceKind::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>() },
                        "description": { "type": "string" },
                        "tangibility": { "type": "string", "enum": ["tangible", "intangible"] } } } },
                    "contacts": { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" }, "role": { "type": "string" }, "email": { "type": "string" }, "phone": { "type": "string" } } } },
                    "private_fields": { "type": "array", "items": { "type": "string", "enum": kumppani_domain::actor::ActorField::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>() } },
                    "published": { "type": "boolean" } } },
                "Actor": { "allOf": [ input_ref.clone(), { "type": "object", "properties": {
                    "id": { "type": "string", "format": "uuid" }, "version": { "type": "integer" },
                    "created_at": { "type": "string", "format": "date-time" }, "updated_at": { "type": "string", "format": "date-time" },
                    "archived_at": { "type": ["string", "null"], "format": "date-time" } } } ] }
            }
        },
        "paths": {
            "/actors": {
                "get": { "summary": "List, search and filter actors", "parameters": filters,
                    "responses": { "200": { "description": "A page of actors" } } },
                "post": { "summary": "Create an actor (staff)", "security": [{ "bearer": [] }],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": input_ref } } },
                    "responses": { "201": { "description": "Created", "content": { "application/json": { "schema": actor_ref } } },
                        "400": error_response("Malformed JSON"), "401": error_response("No or bad token"),
                        "404": error_response("Not allowed"), "413": error_response("Body too large"), "422": error_response("Invalid fields") } }
            },
            "/actors/{id}": {
                "get": { "summary": "One actor", "parameters": [id_param.clone()],
                    "responses": { "200": { "description": "The actor", "content": { "application/json": { "schema": actor_ref } } }, "404": error_response("Not found") } },
                "put": { "summary": "Update an actor; send the version you read", "security": [{ "bearer": [] }], "parameters": [id_param.clone()],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "allOf": [ input_ref, { "type": "object", "required": ["version"], "properties": { "version": { "type": "integer" } } } ] } } } },
                    "responses": { "200": { "description": "Saved" }, "409": error_response("Someone saved first"), "422": error_response("Invalid fields"), "404": error_response("Not found") } }
            },
            "/actors/{id}/archive": {
                "post": { "summary": "Archive an actor (staff)", "security": [{ "bearer": [] }], "parameters": [id_param],
                    "responses": { "200": { "description": "Archived" }, "404": error_response("Not found") } }
            }
        }
    })
}

pub async fn serve() -> impl IntoResponse {
    Json(document())
}
