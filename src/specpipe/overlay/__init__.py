"""``specpipe overlay``: apply OpenAPI Overlay 1.0/1.1/1.2 documents to a spec, strictly by default.

schema     what a valid Overlay document is (our JSON Schema, per Overlay version)
model      an Overlay document → frozen ``Overlay``/``Action`` values, JSONPaths compiled once, 1.2
           reusable action references resolved
merge      the merge rules (objects recursively, arrays concatenated, primitives replaced)
apply      runs the actions in order on one copy of the document → ``OverlayResult``
"""

from specpipe.overlay.apply import OverlayResult, apply_overlays
from specpipe.overlay.model import Action, Copy, Overlay, OverlayOperation, Remove, Update, load_overlay, parse_overlay

__all__ = [
    "Action",
    "Copy",
    "Overlay",
    "OverlayOperation",
    "OverlayResult",
    "Remove",
    "Update",
    "apply_overlays",
    "load_overlay",
    "parse_overlay",
]
