"""Shared test settings."""

import os

import matplotlib

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")
# Lesson 05's Going further cell starts Spark when it can; nbval and the browser check run every
# lesson three times, so their kernels skip it (tests/test_linkage_spark.py runs Spark itself).
os.environ.setdefault("RIVERBEND_SPARK", "off")
