//! The OpenAPI 3.1 description of /api/v1, written by hand and served as JSON.

use axum::Json;
use axum::response::IntoResponse;
use serde_json::{Value, json};

fn error_response(description: &str) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } })
}

pub fn document() -> Value {
    let actor_ref = json!({ "$ref": "#/components/schemas/Actor" });
    let input_ref = json!({ "$ref": "#/components/schemas/ActorInput" });
    let id_param = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } });
    let filters: Vec<Value> = ["q", "sector", "theme", "target_group", "area", "sort", "page"]
        .iter()
        .map(|name| json!({ "name": name, "in": "query", "required": false, "schema": { "type": "string" } }))
        .collect();
    json!({
        "openapi": "3.1.0",
        "info": { "title": "Kumppani API", "version": "1", "description": "Actor register of Kumppani. Reads of published data need no token; writes need a bearer token created in the app or with `kumppani token create`." },
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
