"""Understanding a question: the only code that reads the question's words (target of
issue 21; the resolver in `answer/question.py` moves here step by step)."""
