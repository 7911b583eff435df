"""Document -> evidence: lexicon matches (lexicon.py), attributions and their sources, typed and
verified (attribution, source_typer.py, source_verifier.py), figures (figures/).
"""
