"""Measurements of the clustering engine: labelled data, quality, speed and memory.

Run the scripts from the repository root as modules, for example
``python -m bench.cluster_quality``; ``bench/README.md`` says what each one measures.
"""
