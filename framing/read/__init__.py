"""Reading articles: files, directories, HTML, JSON Lines and stdin -> records (inputs.py); the
language check (language.py).
"""
