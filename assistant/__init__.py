"""jixiao: a chat assistant for 部门整体支出绩效自评报告 (department performance self-evaluation reports)."""

__version__ = "0.1.0"
