"""Text -> Document: sentences, tokens and quotations with character offsets (document.py), and the
NLTK parts it uses without nltk_data.
"""
