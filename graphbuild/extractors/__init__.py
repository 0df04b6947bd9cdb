"""One extractor per kind of fact. Each reads the normalised text of one block."""
