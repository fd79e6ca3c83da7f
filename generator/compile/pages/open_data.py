"""The page kind Open data: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.exports import open_data_files
from generator.compile.kinds import Page, PageKind
from generator.model.types import Model


def open_data_page(model: Model) -> list[Page]:
    """The list of export files."""
    return [Page(urls.OPEN_DATA_PAGE, {"files": open_data_files(model)}, "Open data")]


KIND = PageKind("Open data", "open-data.md.j2", urls.OPEN_DATA_PAGE, open_data_page, "About")
