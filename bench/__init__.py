"""AcMail benchmarks (issue 10): run with `python -m bench`."""
