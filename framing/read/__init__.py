"""Reading articles: bytes decoded (decode.py), one article from a text or HTML page (article.py), JSON and
JSON Lines records (jsonl.py), files, directories and stdin -> records (inputs.py); the language check (language.py).
"""
