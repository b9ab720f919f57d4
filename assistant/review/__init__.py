"""Review a report the way a finance bureau does (审核意见): 完整性, 一致性, 合理性, 规范性,
and against the previous year's report; every finding quotes its spans."""

from assistant.review.run import review
from assistant.review.types import Finding, Quote, Review

__all__ = ["Finding", "Quote", "Review", "review"]
