"""An API document in which every string field tries to break out of the generated code and run Python.

Each payload, were it pasted raw into a string literal, a docstring, an f-string, a comment or a
template, would create the file ``MARKER`` in the working directory when the generated package is
imported or an operation is called. The code is short and has no spaces, so that word-wrapping cannot
split it (which would only make a syntax error), and it follows each breakout form in a statement
(``;``) and an expression (``+``) shape.
"""

from __future__ import annotations

from typing import Any

MARKER = "M"
CODE = [f'open("{MARKER}","w")', f"open('{MARKER}','w')"]
"""Code that creates MARKER, with either kind of quote inside."""

# Ways out of a string literal, a docstring, a comment or a Jinja template.
BREAKOUTS = [
    '"',
    "'",
    '"""',
    "'''",
    '\\"',
    "\\'",
    '\\\\"""',
    "\n",
    "\r\n",
    "\x00",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x0c",
    "\x85",
    "&quot;&quot;&quot;",
    "&amp;quot;&amp;quot;&amp;quot;",
    "&#34;&#34;&#34;",
    "&#x27;&#x27;&#x27;",
]


def payloads() -> list[str]:
    """Every breakout form, each followed by code in a statement and in an expression shape."""
    found: list[str] = []
    for statement in CODE:
        found += [f"{out};{statement};{out}" for out in BREAKOUTS]
        found += [f"{out}+{statement}+{out}" for out in BREAKOUTS]
        found += [f"{out}\n{statement}\n{out}" for out in BREAKOUTS[:4]]
        found += [
            "{" + statement + "}",  # an f-string's replacement field
            "{{ " + statement + " }}",  # a Jinja expression
            "{% set _ = " + statement + " %}",  # a Jinja statement
            "<a href='x'>&quot;&quot;&quot;</a>;" + statement + ";&quot;&quot;&quot;",  # HTML, then entities
        ]
    return found


def _schema(text: str, values: list[str]) -> dict[str, Any]:
    """A model whose every string field (title, description, example, property names) is hostile."""
    properties: dict[str, Any] = {
        f"p{index}{value}": {
            "type": "string",
            "title": f"T{index}",
            "description": value,
            "example": value,
            "default": value,
        }
        for index, value in enumerate(values)
    }
    properties["choice"] = {"type": "string", "enum": values, "description": text}
    properties["fixed"] = {"const": values[0], "description": text}
    return {
        "type": "object",
        "title": "Hostile",
        "description": text,
        "example": {"choice": values[0]},
        "properties": properties,
    }


def document(*, server_url: str | None = None, header_name: str | None = None) -> dict[str, Any]:
    """The hostile document. ``server_url`` and ``header_name`` default to valid values, which ``specpipe``
    requires: a hostile one is refused before any template renders (see the tests that turn that off)."""
    values = payloads()
    text = " ".join(values)
    parameter = {"description": text, "example": values[0]}  # no schema description: the document's is used
    return {
        "openapi": "3.1.0",
        "info": {"title": text, "version": values[0], "description": text},
        "servers": [{"url": server_url or "https://api.example.test/v1", "description": text}],
        "tags": [{"name": "hostile", "description": text}],
        "components": {
            "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": header_name or "X-Api-Key"}},
            "schemas": {"Hostile": _schema(text, values)},
        },
        "security": [{"key": []}],
        "paths": {
            "/items/{item_id}": {
                "parameters": [
                    {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}, **parameter}
                ],
                "get": {
                    "operationId": "get-item",
                    "tags": ["hostile"],
                    "summary": text,
                    "description": text,
                    "parameters": [
                        *(
                            {"name": f"q{index}{value}", "in": "query", "schema": {"type": "string"}, **parameter}
                            for index, value in enumerate(values)
                        ),
                        {
                            "name": "X-Trace",
                            "in": "header",
                            "schema": {"type": "string", "default": values[1]},
                            **parameter,
                        },
                        {"name": "mode", "in": "query", "schema": {"type": "string", "enum": values}, **parameter},
                        *(
                            {"name": f"c{index}{value}", "in": "cookie", "schema": {"type": "string"}, **parameter}
                            for index, value in enumerate(values[:8])
                        ),
                    ],
                    "responses": {
                        "200": {
                            "description": text,
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Hostile"}}},
                        },
                        "404": {"description": text},
                    },
                },
                "post": {
                    "operationId": "replace-item",
                    "summary": text,
                    "requestBody": {
                        "description": text,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Hostile"}}},
                    },
                    "responses": {"200": {"description": text}},
                },
                "put": {
                    "operationId": "upload-item",
                    "description": text,
                    "requestBody": {
                        "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/Hostile"}}},
                    },
                    "responses": {"200": {"description": text}},
                },
            },
        },
    }
