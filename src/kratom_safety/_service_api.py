"""The JSON API of the service (``/api/...``) and its OpenAPI document, without Starlette."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from ._check import SUBSTANCES, check
from ._errors import InvalidInputError
from ._legal import regulatory_status
from ._report import report_schema
from ._resolver import resolve_many
from ._service_http import MAX_BODY_BYTES, MAX_MEDICATIONS, HttpError
from ._version import DATA_REVIEWED, DATA_VERSION, __version__

__all__ = ["MAX_QUERIES", "check_payload", "openapi", "resolve_payload", "status_payload"]

#: ``GET /api/resolve`` answers at most this many ``q`` parameters at once.
MAX_QUERIES = 100


def _refused(exc: InvalidInputError) -> HttpError:
    return HttpError(422, str(exc) or "invalid input")


def check_payload(body: object) -> dict[str, Any]:
    """``POST /api/check``: ``{"medications": [...], "substance": "kratom"}`` to the report
    dict of ``check --json`` (:meth:`Report.to_dict`)."""
    if not isinstance(body, Mapping):
        raise HttpError(400, 'expected a JSON object {"medications": [...], "substance": ...}')
    unknown = sorted(str(k) for k in body if k not in ("medications", "substance"))
    if unknown:
        raise HttpError(400, f"unknown field {unknown[0][:40]!r}: expected medications, substance")
    meds = body.get("medications")
    if not isinstance(meds, list):
        raise HttpError(400, '"medications" must be a JSON array of strings')
    if len(meds) > MAX_MEDICATIONS:
        raise HttpError(422, f"more than {MAX_MEDICATIONS} medications in one list ({len(meds)})")
    substance = body.get("substance", "kratom")
    if substance is None:
        substance = "kratom"
    try:
        return dict(check(meds, substance=substance).to_dict())
    except InvalidInputError as exc:
        raise _refused(exc) from None


def resolve_payload(queries: Sequence[str]) -> list[dict[str, Any]]:
    """``GET /api/resolve?q=...`` (repeatable): the JSON of ``resolve --json``."""
    if not queries:
        raise HttpError(400, "give at least one q parameter, e.g. /api/resolve?q=Percocet")
    if len(queries) > MAX_QUERIES:
        raise HttpError(422, f"more than {MAX_QUERIES} q parameters")
    try:
        matches = resolve_many(list(queries))
    except InvalidInputError as exc:
        raise _refused(exc) from None
    return [
        {"input": q, "match": m.to_dict() if m else None}
        for q, m in zip(queries, matches, strict=True)
    ]


def status_payload(code: str, substance: str | None = None) -> list[dict[str, Any]]:
    """``GET /api/status/{code}``: the JSON of ``status --json``."""
    try:
        regs = regulatory_status(code, substance)
    except InvalidInputError as exc:
        raise _refused(exc) from None
    return [r.model_dump(mode="json") for r in regs]


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ANY_OBJECT: dict[str, Any] = {"type": "object", "additionalProperties": True}
_TOO_LARGE = _error(f"request body over {MAX_BODY_BYTES:,} bytes")
_MALFORMED = _error("malformed JSON or FHIR (one line, no traceback)")


@lru_cache(maxsize=1)
def _report_schemas() -> dict[str, Any]:
    report = report_schema(ref_template="#/components/schemas/{model}")
    defs: dict[str, Any] = report.pop("$defs", {})
    return {**defs, "Report": report}


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 document served at ``/openapi.json`` (written by hand; the report
    schema is generated from the same TypedDicts as ``kratom-safety schema``)."""
    hook_request: dict[str, Any] = {
        "type": "object",
        "description": "A CDS Hooks 2.0 request: hook, hookInstance, context, prefetch.",
        "additionalProperties": True,
    }
    cards: dict[str, Any] = {
        "type": "object",
        "properties": {"cards": {"type": "array", "items": _ANY_OBJECT}},
        "required": ["cards"],
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "kratom-safety",
            "version": __version__,
            "summary": "Kratom interaction checks: CDS Hooks service and JSON API.",
            "description": (
                f"Data version {DATA_VERSION}, reviewed {DATA_REVIEWED}. Decision support for "
                "health professionals, not medical advice. An empty result is never evidence "
                "of safety: every report says what was not checked."
            ),
            "license": {"name": "MIT"},
        },
        "paths": {
            "/api/check": {
                "post": {
                    "summary": "Check a medication list (the JSON of `check --json`)",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/CheckRequest"},
                                "example": {
                                    "medications": ["oxycodone 5 mg", "Xanax 0.5mg"],
                                    "substance": "kratom",
                                },
                            }
                        },
                    },
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Report"}, "the report"),
                        "400": _MALFORMED,
                        "413": _TOO_LARGE,
                        "422": _error(
                            f"over {MAX_MEDICATIONS} medications, an entry that is not a usable "
                            "string, or an unknown substance"
                        ),
                    },
                }
            },
            "/api/resolve": {
                "get": {
                    "summary": "Resolve medication strings (the JSON of `resolve --json`)",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "description": f"a medication string; repeatable (at most "
                            f"{MAX_QUERIES})",
                            "schema": {"type": "array", "items": {"type": "string"}},
                            "style": "form",
                            "explode": True,
                        }
                    ],
                    "responses": {
                        "200": _json(
                            {"type": "array", "items": _ANY_OBJECT}, "one entry per q, in order"
                        ),
                        "400": _error("no q parameter"),
                        "422": _error("an empty or over-long string"),
                    },
                }
            },
            "/api/status/{code}": {
                "get": {
                    "summary": "Legal status in a jurisdiction (the JSON of `status --json`)",
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "description": "ISO 3166 code, e.g. US, US-FL, TH",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "substance",
                            "in": "query",
                            "required": False,
                            "schema": {"enum": ["kratom", "7-hydroxymitragynine"]},
                        },
                    ],
                    "responses": {
                        "200": _json({"type": "array", "items": _ANY_OBJECT}, "layered records"),
                        "422": _error("unknown jurisdiction code or substance"),
                    },
                }
            },
            "/cds-services": {
                "get": {
                    "summary": "CDS Hooks discovery",
                    "responses": {"200": _json(_ANY_OBJECT, '{"services": [...]}')},
                }
            },
            "/cds-services/{id}": {
                "post": {
                    "summary": "Call a CDS Hooks service (order-select, order-sign, patient-view)",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": hook_request}},
                    },
                    "responses": {
                        "200": _json(cards, "CDS Hooks cards"),
                        "400": _MALFORMED,
                        "404": _error("no such service"),
                        "413": _TOO_LARGE,
                    },
                }
            },
            "/cds-services/{id}/feedback": {
                "post": {
                    "summary": "CDS Hooks feedback: counted by outcome, nothing else is kept",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ANY_OBJECT}},
                    },
                    "responses": {
                        "200": _json(_ANY_OBJECT, "accepted"),
                        "400": _MALFORMED,
                        "404": _error("no such service"),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "CheckRequest": {
                    "type": "object",
                    "properties": {
                        "medications": {
                            "type": "array",
                            "items": {"type": "string"},
                            "maxItems": MAX_MEDICATIONS,
                        },
                        "substance": {"enum": list(SUBSTANCES), "default": "kratom"},
                    },
                    "required": ["medications"],
                    "additionalProperties": False,
                },
                **_report_schemas(),
                "Error": {
                    "type": "object",
                    "properties": {"error": {"type": "string"}},
                    "required": ["error"],
                },
            }
        },
    }
