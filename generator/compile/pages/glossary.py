"""The page kind Glossary: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.model.types import Model


def glossary_page(model: Model) -> list[Page]:
    """The glossary."""
    return [Page(urls.GLOSSARY_PAGE, {}, "Glossary")]


KIND = PageKind("Glossary", "glossary.md.j2", urls.GLOSSARY_PAGE, glossary_page, "Glossary")
