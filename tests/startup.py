"""A pytest plugin that `make test` loads first (``-p tests.startup``), before the plugins
pytest finds by entry point: nbval imports nbformat, nbformat imports jsonschema, and
jsonschema compiles an IRI grammar at import (about 1.2 CPU-s in the main process and again
in each test worker). No test checks IRIs; see ``zzreport.publish.notebooks.skip_iri_format_checker``."""

from zzreport.publish.notebooks import skip_iri_format_checker

skip_iri_format_checker()
