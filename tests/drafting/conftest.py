"""Shared by the drafting tests: the section kind most tests draft, a clean draft of it, and
the facts of 荔湾区政府办 2023 from the ingested samples."""

from __future__ import annotations

import pytest

from assistant.drafting import facts_from_store

KIND = "部门整体收支情况"
GOOD = ("2023年度，本部门全年预算数3181.27万元，执行数3168.61万元，预算执行率为99.6%。"
        "按支出性质分，基本支出3043.23万元，占支出总额的96.04%；项目支出125.38万元。")


@pytest.fixture(scope="module")
def liwan(ingested):
    return facts_from_store(ingested.library.store, "荔湾区政府办", 2023)
