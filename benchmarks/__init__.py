"""Page benchmarks: `make bench` runs `python -m benchmarks.pages`; see benchmarks/README.md."""
