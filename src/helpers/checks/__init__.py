"""Question objects for each lesson: ``from helpers.checks import lesson00 as q``."""
