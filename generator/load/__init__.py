"""Stage 1, load: read every YAML file safely, check it against its JSON Schema, then apply the rules of its kind.

The result is the schema-valid documents of a data folder grouped by kind, or every error of the run at once.
Nothing here knows the model's types or the pages: it works on the plain data of each file.
"""
