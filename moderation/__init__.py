"""Screening, deduplication and clustering of the question stream."""
