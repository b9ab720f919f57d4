"""The evidence stage: what the reports' own text says when no skill answers from the facts,
or a skill only found that the facts are silent.

- `retrieval`: the hybrid retriever (BM25 + vectors), restricted to the resolved reports;
- `passages`: sentences of the retrieved chunks and of whole reports, ranked by coverage;
- `search`: the asked item searched in one report's text, item by item (a decline is earned);
- `statements`: sentences that state an asked figure, quoted when the facts lack it;
- `enumerated`, `section_body`: numbered points and a heading's body, quoted;
- `stage`: the extractive or generated answer (the chain's evidence step);
- `verify`, `binding`, `claims`, `guarded`: checks on shown and generated text (numbers in
  the cited spans, figures bound to their owner, the output guard).
"""
