"""Figures and lists extracted from reports, each with its verbatim source."""

from .extract import extract_facts
from .items import extract_items
from .model import DEPARTMENT, INDICATOR, PROJECT, Fact, ListItem

__all__ = ["DEPARTMENT", "INDICATOR", "PROJECT", "Fact", "ListItem", "extract_facts", "extract_items"]
