"""Figures and lists extracted from reports, each with its verbatim source."""

from assistant.facts.extract import extract_facts
from assistant.facts.items import extract_items
from assistant.facts.model import DEPARTMENT, INDICATOR, PROJECT, Fact, ListItem

__all__ = ["DEPARTMENT", "INDICATOR", "PROJECT", "Fact", "ListItem", "extract_facts", "extract_items"]
