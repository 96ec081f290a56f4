"""Liveline: citizens' questions to a live broadcast, and an answer for each."""
