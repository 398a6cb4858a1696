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

/// Schemas and paths of commitments, deliverables and grants.
fn followup(schemas: &mut serde_json::Map<String, Value>, paths: &mut serde_json::Map<String, Value>) {
    use kumppani_domain::commitment::*;
    let id_param = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } });
    let text = json!({ "type": "string" });
    let date = json!({ "type": "string", "format": "date" });
    let commitment_ref = json!({ "$ref": "#/components/schemas/Commitment" });
    let deliverable_ref = json!({ "$ref": "#/components/schemas/Deliverable" });
    let commitment_input = json!({ "type": "object", "required": ["title"], "properties": {
        "actor_id": { "type": "string", "format": "uuid", "description": "The party that committed; empty for all parties" },
        "title": text, "description": text, "due_on": date,
        "yearly": { "type": "boolean", "description": "Recurs every year on the due date; marking it done opens next year's" },
        "owner": text, "status": { "type": "string", "enum": codes(CommitmentStatus::ALL, CommitmentStatus::as_str) },
        "evidence": text, "notes": text } });
    schemas.insert("CommitmentInput".into(), commitment_input);
    schemas.insert("Commitment".into(), json!({ "allOf": [ { "$ref": "#/components/schemas/CommitmentInput" }, { "type": "object", "properties": {
        "id": { "type": "string", "format": "uuid" }, "partnership_id": { "type": "string", "format": "uuid" }, "version": { "type": "integer" } } } ] }));
    schemas.insert("Deliverable".into(), json!({ "type": "object", "properties": {
        "id": { "type": "string", "format": "uuid" }, "partnership_id": { "type": "string", "format": "uuid" }, "version": { "type": "integer" },
        "actor_id": { "type": ["string", "null"], "format": "uuid" },
        "kind": { "type": "string", "enum": codes(DeliverableKind::ALL, DeliverableKind::as_str) },
        "title": text, "year": { "type": ["integer", "null"], "description": "The grant year a cycle document concerns" }, "due_on": date,
        "status": { "type": "string", "enum": codes(DeliverableStatus::ALL, DeliverableStatus::as_str) },
        "text": { "type": ["string", "null"] },
        "budget_lines": { "type": "array", "items": { "type": "object", "properties": { "description": text, "amount_cents": { "type": "integer" } } } },
        "indicators": { "type": "array", "items": { "type": "object", "properties": { "name": text, "kind": { "type": "string", "enum": codes(IndicatorKind::ALL, IndicatorKind::as_str) }, "target": text } } },
        "review_comment": { "type": ["string", "null"] } } }));
    let body =
        |schema: Value| json!({ "required": true, "content": { "application/json": { "schema": schema } } });
    let answer = |schema: &Value| json!({ "description": "Recorded", "content": { "application/json": { "schema": schema } } });
    let errors = json!({ "403": error_response("Not allowed"), "404": error_response("Not found"), "409": error_response("Someone saved first"), "422": error_response("Invalid") });
    let write = |summary: &str, request: Value, response: &Value| {
        let mut responses = errors.clone();
        responses["201"] = answer(response);
        json!({ "summary": summary, "security": [{ "bearer": [] }], "parameters": [id_param.clone()], "requestBody": body(request), "responses": responses })
    };
    let read = |summary: &str, response: Value| {
        json!({ "summary": summary, "parameters": [id_param.clone()],
        "responses": { "200": { "description": "OK", "content": { "application/json": { "schema": response } } }, "404": error_response("Not found") } })
    };
    paths.insert("/partnerships/{id}/commitments".into(), json!({
        "get": read("A partnership's commitments (parties and staff)", json!({ "type": "array", "items": commitment_ref.clone() })),
        "post": write("Add a commitment (staff, or a party for itself)", json!({ "$ref": "#/components/schemas/CommitmentInput" }), &commitment_ref) }));
    let mut update = write(
        "Update a commitment; send the version you read",
        json!({ "allOf": [ { "$ref": "#/components/schemas/CommitmentInput" }, { "type": "object", "required": ["version"], "properties": { "version": { "type": "integer" } } } ] }),
        &commitment_ref,
    );
    update["responses"]["200"] = update["responses"]["201"].take();
    if let Some(responses) = update["responses"].as_object_mut() {
        responses.remove("201");
    }
    paths.insert("/commitments/{id}".into(), json!({ "put": update }));
    paths.insert("/partnerships/{id}/deliverables".into(), json!({
        "get": read("A partnership's deliverables (parties and staff)", json!({ "type": "array", "items": deliverable_ref.clone() })),
        "post": write("Add a deliverable (staff)", json!({ "type": "object", "required": ["actor_id", "title", "due_on"], "properties": { "actor_id": { "type": "string", "format": "uuid" }, "title": text, "due_on": date } }), &deliverable_ref) }));
    paths.insert(
        "/deliverables/{id}".into(),
        json!({ "get": read("One deliverable", deliverable_ref.clone()) }),
    );
    paths.insert("/deliverables/{id}/submission".into(), json!({ "post": write("Submit (the delivering party); locked until reviewed",
        json!({ "type": "object", "required": ["text"], "properties": { "text": text,
            "budget_lines": { "type": "array", "items": { "type": "object", "properties": { "description": text, "amount": { "type": "string", "description": "Euros, e.g. 1 200,50" } } } },
            "indicators": { "type": "array", "items": { "type": "object", "properties": { "name": text, "kind": { "type": "string", "enum": ["volume", "quality"] }, "target": text } } } } }), &deliverable_ref) }));
    paths.insert("/deliverables/{id}/review".into(), json!({ "post": write("Accept, or return with comments (staff)",
        json!({ "type": "object", "required": ["decision"], "properties": { "decision": { "type": "string", "enum": ["accept", "return"] }, "comment": text } }), &deliverable_ref) }));
    let grants = json!({ "type": "array", "items": { "type": "object", "properties": { "year": { "type": "integer" }, "applied_cents": { "type": ["integer", "null"] }, "granted_cents": { "type": ["integer", "null"] }, "paid_cents": { "type": ["integer", "null"] }, "decision_reference": { "type": ["string", "null"] }, "decided_on": { "type": ["string", "null"], "format": "date" } } } });
    paths.insert("/partnerships/{id}/grants".into(), json!({
        "get": read("The grant per year: applied, granted, paid (cents)", grants.clone()),
        "post": write("Record a year's grant (staff); amounts in euros as text", json!({ "type": "object", "required": ["year"], "properties": { "year": text, "applied": text, "granted": text, "paid": text, "decision_reference": text, "decided_on": date } }), &grants) }));
}

/// Paths of the value network workshops (staff only).
fn workshops(paths: &mut serde_json::Map<String, Value>) {
    use kumppani_domain::value_network::workshop::{Question, Step};
    let id_param = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } });
    let step = json!({ "type": "string", "enum": codes(Step::ALL, Step::as_str) });
    let question = json!({ "type": "string", "enum": codes(Question::ALL, Question::as_str) });
    let note = json!({ "type": "object", "properties": {
        "id": { "type": "string", "format": "uuid" }, "participant_id": { "type": ["string", "null"], "format": "uuid" },
        "question": question, "author": { "type": "string", "description": "`clients` or the workshop actor's id" },
        "author_name": { "type": "string" }, "about": { "type": ["string", "null"], "format": "uuid" },
        "about_name": { "type": ["string", "null"] }, "text": { "type": "string" },
        "tangibility": { "type": "string", "enum": ["tangible", "intangible"] },
        "hidden": { "type": "boolean" }, "merged_into": { "type": ["string", "null"], "format": "uuid" },
        "visible": { "type": "boolean" }, "change_seq": { "type": "integer", "description": "The workshop's change sequence number at the note's latest change" } } });
    paths.insert("/workshops".into(), json!({ "get": { "summary": "Value network workshops not archived (staff)", "security": [{ "bearer": [] }],
        "responses": { "200": { "description": "The workshops", "content": { "application/json": { "schema": { "type": "object", "properties": {
            "items": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string", "format": "uuid" }, "title": { "type": "string" },
                "step": step, "date": { "type": ["string", "null"], "format": "date" }, "version": { "type": "integer" }, "updated_at": { "type": "integer" } } } } } } } } },
            "401": error_response("No or bad token"), "404": error_response("Not staff") } } }));
    paths.insert("/workshops/{id}".into(), json!({ "get": { "summary": "One workshop: its plan and state, participants and live state (staff)", "security": [{ "bearer": [] }], "parameters": [id_param.clone()],
        "responses": { "200": { "description": "The workshop", "content": { "application/json": { "schema": { "type": "object", "properties": {
            "workshop": { "type": "object", "description": "Plan, step, join code, question, timer, governance" }, "version": { "type": "integer" }, "change_seq": { "type": "integer" },
            "state": { "type": "object", "properties": { "step": step, "question": { "type": ["string", "null"] }, "joining_open": { "type": "boolean" }, "participants": { "type": "integer" },
                "timer": { "type": "object", "properties": { "status": { "type": "string", "enum": ["ready", "running", "paused", "expired"] }, "allowed_ms": { "type": "integer" }, "remaining_ms": { "type": "integer" }, "ends_at": { "type": ["string", "null"], "format": "date-time" } } } } },
            "participants": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string", "format": "uuid" }, "name": { "type": "string" }, "represents": { "type": "string" } } } } } } } } },
            "404": error_response("Not found") } } }));
    paths.insert("/workshops/{id}/notes".into(), json!({ "get": { "summary": "Every note of the workshop, hidden and merged ones too (staff)", "security": [{ "bearer": [] }], "parameters": [id_param.clone()],
        "responses": { "200": { "description": "The notes", "content": { "application/json": { "schema": { "type": "object", "properties": { "items": { "type": "array", "items": note } } } } } },
            "404": error_response("Not found") } } }));
    let node = json!({ "type": "string", "description": "`clients` or a workshop actor's id" });
    let role = json!({ "type": "object", "properties": { "node": node, "role": { "type": "string", "enum": ["lead", "partner"] } } });
    let challenge = json!({ "type": "object", "properties": { "id": { "type": "string", "format": "uuid" }, "name": { "type": "string" },
        "needs": { "type": "array", "items": { "type": "string" } },
        "challenge_notes": { "type": "array", "description": "Ids of the 4a and 4b notes grouped", "items": { "type": "string", "format": "uuid" } },
        "strengths": { "type": "array", "description": "Ids of the 3a and 3b notes linked", "items": { "type": "string", "format": "uuid" } },
        "roles": { "type": "array", "items": role } } });
    paths.insert("/workshops/{id}/challenges".into(), json!({ "get": { "summary": "The analysis' challenges in order (staff)", "security": [{ "bearer": [] }], "parameters": [id_param.clone()],
        "responses": { "200": { "description": "The challenges", "content": { "application/json": { "schema": { "type": "object", "properties": { "items": { "type": "array", "items": challenge } } } } } },
            "401": error_response("No or bad token"), "404": error_response("Not found") } } }));
    let note_text = json!({ "type": "object", "properties": { "note_id": { "type": "string", "format": "uuid" }, "text": { "type": "string" } } });
    let suggestion = json!({ "type": "object", "properties": { "leads": { "type": "array", "items": node },
        "reasons": { "type": "array", "items": { "type": "object", "properties": { "code": { "type": "string", "enum": ["strengths", "matches-needs", "tied", "no-strengths"] } } } },
        "candidates": { "type": "array", "items": { "type": "object" } } } });
    let cell = json!({ "type": "object", "properties": { "node": node, "strengths": { "type": "array", "items": note_text } } });
    let row = json!({ "type": "object", "properties": {
        "challenge_id": { "type": "string", "format": "uuid" }, "name": { "type": "string" }, "needs": { "type": "array", "items": { "type": "string" } },
        "challenge_notes": { "type": "array", "items": note_text }, "cells": { "type": "array", "items": cell },
        "suggestion": suggestion, "roles": { "type": "array", "items": role } } });
    let matrix = json!({ "type": "object", "properties": {
        "columns": { "type": "array", "items": { "type": "object", "properties": { "node": node, "name": { "type": "string" } } } },
        "rows": { "type": "array", "items": row },
        "unlinked_strengths": { "type": "array", "items": note_text }, "ungrouped_challenge_notes": { "type": "array", "items": note_text } } });
    paths.insert("/workshops/{id}/matrix".into(), json!({ "get": { "summary": "The challenge × actor matrix (figure 7 of seed 004) with suggested leads and roles (staff)", "security": [{ "bearer": [] }], "parameters": [id_param.clone()],
        "responses": { "200": { "description": "The matrix", "content": { "application/json": { "schema": matrix } } },
            "401": error_response("No or bad token"), "404": error_response("Not found") } } }));
    let flow = json!({ "type": "object", "properties": { "from": node, "to": node, "value": { "type": "string" }, "tangibility": { "type": "string", "enum": ["tangible", "intangible"] } } });
    let action = json!({ "type": "object", "properties": { "id": { "type": "string", "format": "uuid" }, "challenge_id": { "type": "string", "format": "uuid" },
        "title": { "type": "string" }, "steps": { "type": "array", "items": { "type": "string" } }, "owner": { "type": "string", "format": "uuid" },
        "follow_up_by": { "type": ["string", "null"] }, "follow_up_how": { "type": ["string", "null"] }, "review_on": { "type": ["string", "null"], "format": "date" },
        "flows": { "type": "array", "items": flow } } });
    paths.insert("/workshops/{id}/actions".into(), json!({ "get": { "summary": "Workshop II's agreed actions and how the whole is led (staff)", "security": [{ "bearer": [] }], "parameters": [id_param],
        "responses": { "200": { "description": "The actions and governance", "content": { "application/json": { "schema": { "type": "object", "properties": {
            "items": { "type": "array", "items": action },
            "governance": { "type": "object", "properties": { "model": { "type": ["string", "null"] }, "description": { "type": ["string", "null"] } } } } } } } },
            "401": error_response("No or bad token"), "404": error_response("Not found") } } }));
}

/// A workshop's background files for its planning (staff only).
fn workshop_attachments(paths: &mut serde_json::Map<String, Value>) {
    use kumppani_domain::attachment::{AttachmentType, MAX_BYTES};
    let uuid = json!({ "type": "string", "format": "uuid" });
    let id_param = json!({ "name": "id", "in": "path", "required": true, "schema": uuid });
    let file_param = json!({ "name": "attachment_id", "in": "path", "required": true, "schema": uuid });
    let file = json!({ "type": "object", "properties": {
        "id": uuid, "workshop_id": uuid, "description": { "type": "string" },
        "filename": { "type": "string", "description": "The name it downloads under, ending in its type's extension" },
        "file_type": { "type": "string", "enum": codes(AttachmentType::ALL, AttachmentType::as_str), "description": "Read from the content, not the name" },
        "size_bytes": { "type": "integer" }, "sha256": { "type": "string" },
        "uploaded_by": { "type": ["string", "null"], "format": "uuid" }, "uploaded_by_name": { "type": ["string", "null"] },
        "uploaded_at": { "type": "string", "format": "date-time" },
        "download": { "type": "string", "description": "Where the file itself is downloaded" } } });
    let denied =
        json!({ "401": error_response("No or bad token"), "404": error_response("Not found, or not staff") });
    let with = |mut responses: Value, status: &str, response: Value| {
        responses[status] = response;
        responses
    };
    paths.insert("/workshops/{id}/attachments".into(), json!({
        "get": { "summary": "The workshop's background files (resident surveys, staff views, area statistics), oldest first (staff)", "security": [{ "bearer": [] }], "parameters": [id_param.clone()],
            "responses": with(denied.clone(), "200", json!({ "description": "The files", "content": { "application/json": { "schema": { "type": "object", "properties": { "items": { "type": "array", "items": file } } } } } })) },
        "post": { "summary": "Add a background file (staff): PDF, ODT, DOCX or XLSX, judged from its content", "security": [{ "bearer": [] }], "parameters": [id_param.clone()],
            "requestBody": { "required": true, "content": { "multipart/form-data": { "schema": { "type": "object", "required": ["description", "file"], "properties": {
                "description": { "type": "string", "maxLength": kumppani_domain::actor::SHORT_MAX, "description": "What the file is, in a few words" },
                "file": { "type": "string", "format": "binary", "maxLength": MAX_BYTES } } } } } },
            "responses": with(with(denied.clone(), "201", json!({ "description": "Kept", "content": { "application/json": { "schema": file } } })), "422", error_response("No description, or an empty, too large or unaccepted file")) } }));
    paths.insert("/workshops/{id}/attachments/{attachment_id}".into(), json!({
        "get": { "summary": "Download one background file, as an attachment (staff)", "security": [{ "bearer": [] }], "parameters": [id_param.clone(), file_param.clone()],
            "responses": with(denied.clone(), "200", json!({ "description": "The file", "content": {
                "application/pdf": { "schema": { "type": "string", "format": "binary" } },
                "application/vnd.oasis.opendocument.text": { "schema": { "type": "string", "format": "binary" } },
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { "schema": { "type": "string", "format": "binary" } },
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { "schema": { "type": "string", "format": "binary" } } } })) },
        "delete": { "summary": "Remove one background file (staff)", "security": [{ "bearer": [] }], "parameters": [id_param, file_param],
            "responses": with(denied, "204", json!({ "description": "Removed" })) } }));
}

/// The value network map of a workshop (staff only).
fn workshop_maps(paths: &mut serde_json::Map<String, Value>) {
    let id_param = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } });
    let node = json!({ "type": "string", "description": "`clients` or the workshop actor's id" });
    let value = json!({ "type": "object", "properties": { "text": { "type": "string" },
        "tangibility": { "type": "string", "enum": ["tangible", "intangible"] },
        "sources": { "type": "array", "description": "The notes (`{\"note\": id}`) or actions (`{\"action\": id}`) that name the value",
            "items": { "type": "object", "additionalProperties": { "type": "string", "format": "uuid" } } } } });
    paths.insert("/workshops/{id}/map".into(), json!({ "get": { "summary": "The workshop's current value network map: the parties and, per direction, the values flowing (staff)", "security": [{ "bearer": [] }], "parameters": [id_param],
        "responses": { "200": { "description": "The map, in a canonical order", "content": { "application/json": { "schema": { "type": "object", "properties": {
            "nodes": { "type": "array", "items": { "type": "object", "properties": { "node": node, "name": { "type": "string" },
                "colour": { "type": ["string", "null"], "description": "The actor's colour code; null for the clients" } } } },
            "flows": { "type": "array", "items": { "type": "object", "properties": { "from": node, "to": node, "values": { "type": "array", "items": value } } } },
            "value_count": { "type": "integer" } } } } } },
            "401": error_response("No or bad token"), "404": error_response("Not found") } } }));
}

pub fn document() -> Value {
    let mut doc = actor_document();
    let mut schemas = serde_json::Map::new();
    let mut paths = serde_json::Map::new();
    partnerships(&mut schemas, &mut paths);
    agreements(&mut schemas, &mut paths);
    followup(&mut schemas, &mut paths);
    workshops(&mut paths);
    workshop_attachments(&mut paths);
    workshop_maps(&mut paths);
    paths.insert("/attention".into(), json!({ "get": {
        "summary": "The caller's attention list: the whole city for staff, their own partnerships for members",
        "security": [{ "bearer": [] }],
        "parameters": [
            { "name": "kind", "in": "query", "required": false, "description": "Only this kind, in pages of 50 lines",
              "schema": { "type": "string", "enum": codes(kumppani_domain::attention::AttentionKind::ALL, kumppani_domain::attention::AttentionKind::as_str) } },
            { "name": "page", "in": "query", "required": false, "description": "Page of the kind, from 1", "schema": { "type": "integer", "minimum": 1 } } ],
        "responses": { "200": { "description": "Counts per kind and the first lines of each (without `kind`), or one page of one kind", "content": { "application/json": { "schema": {
            "type": "object", "properties": {
                "today": { "type": "string", "format": "date" },
                "kind": { "type": "string" }, "page": { "type": "integer" }, "pages": { "type": "integer" }, "per_page": { "type": "integer" },
                "counts": { "type": "object", "additionalProperties": { "type": "integer" } },
                "items": { "type": "array", "items": { "type": "object", "properties": {
                    "kind": { "type": "string", "enum": codes(kumppani_domain::attention::AttentionKind::ALL, kumppani_domain::attention::AttentionKind::as_str) },
                    "partnership_id": { "type": "string", "format": "uuid" }, "partnership_name": { "type": "string" },
                    "subject_id": { "type": "string", "format": "uuid" }, "title": { "type": "string" },
                    "date": { "type": ["string", "null"], "format": "date" }, "actor_id": { "type": ["string", "null"], "format": "uuid" },
                    "link": { "type": "string" } } } } } } } } },
            "401": error_response("Not signed in") } } }));
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
