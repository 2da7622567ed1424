"""make bench: the figures table (python -m tests.bench.run). Not collected by pytest."""
