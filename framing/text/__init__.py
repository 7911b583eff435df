"""Text -> Document: sentences, tokens and quotations with character offsets (document.py, with Punkt's
spans from punkt.py and NLTK's data-free parts from nltk_parts.py); stopwords and printable text.
"""
