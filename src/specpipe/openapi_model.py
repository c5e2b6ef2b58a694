"""What the OpenAPI Specification itself fixes and several steps walk by: the operations of a Path Item.

One place, so diff, doctor, naming, sunset, the overlay's stale check and the template facts cannot
disagree about which keys of a Path Item are operations.
"""

from __future__ import annotations

from typing import Final

# A Path Item's fixed operation fields, in the specification's order; `query` is new in 3.2.
METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")
# The ones openapi-python-client generates a function for (it predates 3.2's `query`).
GENERATED_METHODS: Final = METHODS[:-1]
