"""IECMH Competency Atlas generator: YAML competency data to a searchable MkDocs site."""
