"""The generated client's runtime, importable here for its unit tests (tests/templates/runtime).

``specpipe generate`` copies every other module of this folder into the client package, byte for byte;
not this file. Modules import each other relatively, as they do in the package.
"""
