"""Understanding a question: the ONLY code that reads the question's words.

`resolve(question, catalog, history)` turns the words, the conversation and the library's
catalog into a typed `Query` (types.py): its `Intent`, departments, years, metrics (metrics.py),
subjects (subjects.py), the cues a skill answers by (intent.py, every cue vocabulary once) and
the asked items. Names of departments are matched by departments.py (character order, place
prefix optional, typos). Everything after this stage reads the Query, never the text.
"""

from assistant.answer.understand.resolve import resolve
from assistant.answer.understand.types import Catalog, Cue, Intent, Query

__all__ = ["Catalog", "Cue", "Intent", "Query", "resolve"]
