"""Stage 3, compile: pure functions from the model to output files, {path: text}: the pages (one Jinja template
per page kind, listed in the registry), the open-data exports and the data the browser code reads.
"""
