"""Liveline: questions from citizens to a live broadcast, and an answer for each of them."""
