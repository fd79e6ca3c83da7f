"""The whole sequence, data folder to site files: load -> model -> compile. The site stage (the MkDocs plugin)
runs it on every build and serves what it returns; the command line runs it to validate or to write pages out.

    data files --load--> schema-valid, rule-checked documents --model--> Model --compile--> CompiledSite
"""
from __future__ import annotations

from pathlib import Path

from generator.compile.build import CompiledSite, compile_site
from generator.compile.render import template_error
from generator.errors import DataError, DataErrors
from generator.load.files import read_documents
from generator.load.ids import index_documents
from generator.load.rules import check_documents
from generator.model.build import build_model
from generator.model.types import Model


def load_model(data_dir: Path, assessments_dir: Path | None = None) -> Model:
    """Read, check and build the model of data_dir (and of the assessments folder beside it); DataErrors on problems.

    assessments_dir defaults to the assessments/ folder beside data_dir; without that folder the model has no
    self-assessment settings and no self-assessment pages are generated (with it, scale.yml is required). Every
    check runs that the readable files allow, so one run reports all errors (see load/ids.py, Index.checkable).
    """
    errors: list[DataError] = []
    documents = read_documents(data_dir, assessments_dir or data_dir.parent / "assessments", errors)  # 1. load
    index, id_errors = index_documents(documents)                                                      # 1. rules
    errors += id_errors + check_documents(documents, index)
    if errors:
        raise DataErrors(errors)
    return build_model(documents)                                                                      # 2. model


def run(data_dir: Path, assessments_dir: Path | None = None, templates: Path | None = None
        ) -> tuple[Model, CompiledSite]:
    """The model of the data and every file of the site compiled from it; DataErrors also for a broken template."""
    model = load_model(data_dir, assessments_dir)
    try:
        return model, compile_site(model, templates)                                                   # 3. compile
    except Exception as exc:  # a broken template (an override, usually) is named with its file and line, not traced
        error = template_error(exc, templates)
        if error is None:
            raise
        raise DataErrors([error]) from None
