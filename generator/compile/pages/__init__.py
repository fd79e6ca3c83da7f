"""The generated pages: one module per page kind (its pages, a pure function of the model, and its PageKind entry),
in the order the registry lists them; common.py holds what several kinds share."""
