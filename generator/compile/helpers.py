"""Link and label helpers handed to every template as `h`; they know the page being written."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.render import Md, md_text, rel_link
from generator.model.crosswalks import resolve
from generator.model.types import Category, Indicator, KnowledgeArea, Model, Source


class PageHelpers:
    """Links from one page to the others, with text from the data escaped."""

    def __init__(self, model: Model, page: str) -> None:
        """Remember the model and the page whose links are being built."""
        self.model = model
        self.page = page

    def link(self, text: object, to_page: str, anchor: str = "") -> Md:
        """A Markdown link with escaped text to another generated page."""
        return Md(f"[{md_text(text)}]({rel_link(self.page, to_page, anchor)})")

    def category(self, category: Category, long: bool = False) -> Md:
        """Link to a category page, showing its code (and name when long)."""
        text = f"{category.name} ({category.code})" if long else category.code
        return self.link(text, urls.category_page(category.id))

    def indicator(self, category: Category, indicator: Indicator) -> Md:
        """Link to an indicator's anchor on its category page."""
        return self.link(indicator.id, urls.category_page(category.id), indicator.id)

    def ka(self, ka_id: str, title: str = "") -> Md:
        """Link to a knowledge-area page."""
        return self.link(title or self.model.knowledge_area(ka_id).name, urls.ka_page(ka_id))

    def domain(self, domain_id: str, title: str = "") -> Md:
        """Link to a domain page."""
        return self.link(title or self.model.domain(domain_id).name, urls.domain_page(domain_id))

    def cite(self, source: Source | dict[str, str]) -> Md:
        """A short citation: the source id linked to its entry on the about page, then the section."""
        if isinstance(source, dict):
            source = Source(source["doc"], source["section"])
        return Md(f"{self.link(source.doc, urls.ABOUT_PAGE, urls.source_anchor(source.doc))}, "
                  f"{md_text(source.section)}")

    def ref(self, ref: str) -> Md:
        """A crosswalk reference as a link to where the item is shown, with its kind."""
        target = resolve(self.model, ref)
        label = target.label if len(target.label) <= 90 else target.label[:87].rstrip() + "..."
        kind, owner_id = target.owner
        link = self.link(label, urls.OWNER_PAGES[kind](owner_id), target.anchor)
        return Md(f"{link} <span class=\"atlas-meta\">({md_text(target.kind)})</span>")

    def matrix_cell(self, category: Category, ka: KnowledgeArea) -> Md:
        """One cell of the category x knowledge-area matrix."""
        for d in category.domains:
            if d.domain != ka.domain:
                continue
            if d.knowledge_areas is None:
                return Md("?")
            for k in d.knowledge_areas:
                if k.ka == ka.id:
                    if k.indicators is None:
                        return Md("listed")
                    return self.link(len(k.indicators), urls.category_page(category.id), urls.ka_anchor(d.domain, k.ka))
            return Md("?") if d.partial else Md("")
        return Md("?")

    def page_link(self, text: str, to_page: str, anchor: str = "") -> Md:
        """Link to any generated page by its path."""
        return self.link(text, to_page, anchor)
