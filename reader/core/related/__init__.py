"""Related passages: where the other transcripts of a library talk about the same idea.

- :class:`RelatedFinder` (``finder.py``): ``related(transcript, offset, limit)`` ->
  :class:`~reader.core.search.SearchResults` (``query`` is the key terms used; hits are
  passages of other transcripts only, best first).
- :func:`passage_at`, :func:`offset_of_quote`, :class:`QuoteNotFound` (``passage.py``): the
  passage a query starts from.
- ``terms.py`` (key terms, weighted against the library; ``stopwords.py``, the words that are
  never key terms), ``abbreviations.py`` (acronyms and
  their long forms, learned from the library), ``learning.py`` (when they are learned: by the
  index update, ``after_index_update``), ``scoring.py`` (BM25F from the raw postings),
  ``episodes.py`` (the same episode in another file: left out), ``records.py`` (the index's
  transcript records, read in one pass per version of the index, and the hits made from them).
"""

from reader.core.related.finder import RelatedFinder
from reader.core.related.passage import Passage, QuoteNotFound, offset_of_quote, passage_at

__all__ = ["Passage", "QuoteNotFound", "RelatedFinder", "offset_of_quote", "passage_at"]
