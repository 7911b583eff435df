"""Package data: the lexicon TSV files (see README.md here), read by framing.evidence.lexicon."""
