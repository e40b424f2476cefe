"""Where the linkage runs: DuckDB (the default, in this process) or Apache Spark (many machines).

The model (:mod:`helpers.linkage.model`) and its training (:mod:`helpers.linkage.training`)
name no engine. Everything that differs between engines lives here, and only here:

* **The database.** DuckDB runs inside Python; nothing to set up. Spark needs a
  ``SparkSession``: pass your cluster's, or make a small one on this computer with
  :func:`local_spark`.
* **Similarity functions.** DuckDB has Jaro-Winkler and Damerau-Levenshtein built in. Spark
  gets them from splink's Java jar (``splink.backends.spark.similarity_jar_location()``),
  which must be on the session's classpath (``spark.jars``) *before* the session starts;
  :func:`local_spark` puts it there. The model writes ``jaro_winkler_similarity`` (DuckDB's
  name) in a few custom levels; on Spark that name is registered to the jar's function.
* **A checkpoint directory.** Spark keeps a plan of every step; splink cuts it by writing
  intermediate tables to disk, so the session needs a checkpoint directory.
* **Date patterns.** A date written as text is parsed with strftime patterns on DuckDB
  (``%Y%m%d``) and with Java patterns on Spark (``yyyyMMdd``): :func:`date_pattern`
  translates. (:func:`helpers.linkage.prepare` parses dates in Python before either engine
  sees them, so the hub's own linkage needs no date pattern at all.)
* **Column types.** A column with no value at all (a partner that sent no email) has no type
  Spark can guess; :func:`register` gives every column its type.

Example:
    >>> api = duckdb_engine()
    >>> name_of(api)
    'duckdb'
    >>> date_pattern("%Y%m%d", "spark")
    'yyyyMMdd'
    >>> date_pattern("%Y-%m-%d", "duckdb")
    '%Y-%m-%d'
    >>> close(api)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from typing import Any

import pandas as pd

__all__ = ["ENGINES", "spark_available", "local_spark", "make_engine", "duckdb_engine", "spark_engine",
           "name_of", "register", "close", "date_pattern", "SPARK_SETUP"]

#: The engines linkage can run on.
ENGINES = ("duckdb", "spark")

#: What to do when Spark is asked for but cannot start (shown in errors and in lesson 05).
SPARK_SETUP = ("Spark needs the pyspark package (pip install -e \".[spark]\") and Java 17 or later "
               "(on Debian or Ubuntu: sudo apt-get install openjdk-17-jre-headless).")

_STRFTIME_TO_SPARK = {"%Y": "yyyy", "%y": "yy", "%m": "MM", "%d": "dd", "%H": "HH", "%M": "mm", "%S": "ss",
                      "%b": "MMM", "%B": "MMMM"}


def date_pattern(strftime_pattern: str, engine: str = "duckdb") -> str:
    """A date pattern for ``engine``: DuckDB reads strftime (``%Y-%m-%d``), Spark Java patterns
    (``yyyy-MM-dd``).

    >>> date_pattern("%d/%m/%Y", "spark")
    'dd/MM/yyyy'
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}.")
    if engine == "duckdb":
        return strftime_pattern
    out = strftime_pattern
    for code, java in _STRFTIME_TO_SPARK.items():
        out = out.replace(code, java)
    if "%" in out:
        raise ValueError(f"The date pattern {strftime_pattern!r} uses a code with no Spark equivalent here; "
                         f"use only {', '.join(_STRFTIME_TO_SPARK)}.")
    return out


#: Set this environment variable to ``off`` to keep notebooks from starting Spark (the test suite
#: does, so that running every lesson three times does not cost minutes of Spark start-up;
#: ``tests/test_linkage_spark.py`` runs Spark itself).
SWITCH = "RIVERBEND_SPARK"


def spark_available(*, honor_switch: bool = True) -> str | None:
    """``None`` if Spark can run here (pyspark installed and Java found), else the reason in plain words.

    With ``honor_switch`` (the default), ``RIVERBEND_SPARK=off`` in the environment also gives a reason.

    >>> reason = spark_available(honor_switch=False)
    >>> reason is None or "Java" in reason or "pyspark" in reason
    True
    """
    import os

    if honor_switch and os.environ.get(SWITCH, "").strip().lower() == "off":
        return f"Spark is switched off for this run ({SWITCH}=off in the environment)."

    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed. " + SPARK_SETUP
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))):
        return "Java was not found. " + SPARK_SETUP
    return None


def local_spark(*, cores: int = 2, memory: str = "2g", checkpoint_dir: str | None = None) -> Any:
    """A Spark session on this computer, ready for splink: the similarity jar on the classpath,
    a checkpoint directory (a new temporary folder unless given), ``cores`` worker threads,
    few shuffle partitions (small data needs few), modest driver memory, no web UI, and Java's
    log messages in a temporary file rather than on screen.

    On a cluster, do not use this: build the session as your platform says, adding the jar
    (``spark.jars``) and a checkpoint directory on shared storage (see docs/adapting.md).
    """
    import os

    reason = spark_available(honor_switch=False)  # asked for by name: the switch is for notebooks
    if reason:
        raise RuntimeError(reason)
    _quiet_pyspark()
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # this computer only (and no warning about its name)
    logs = tempfile.mkdtemp(prefix="linkage-spark-log-")
    log_config = os.path.join(logs, "log4j2.properties")
    with open(log_config, "w", encoding="utf-8") as f:
        f.write("rootLogger.level = error\nrootLogger.appenderRef.stderr.ref = console\n"
                "appender.console.type = Console\nappender.console.name = console\n"
                "appender.console.target = SYSTEM_ERR\nappender.console.layout.type = PatternLayout\n"
                "logger.repl.name = org.apache.spark.repl.Main\nlogger.repl.level = error\n")
    spark = (SparkSession.builder.master(f"local[{int(cores)}]").appName("helpers-linkage")
             .config("spark.jars", similarity_jar_location())
             .config("spark.driver.memory", memory)
             .config("spark.sql.shuffle.partitions", str(2 * int(cores)))
             .config("spark.default.parallelism", str(2 * int(cores)))
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log_config}"))
    # Java's own messages go to logs/java.log, not the notebook: Java is started with that file as its
    # error stream (Spark's errors still reach Python as exceptions)
    sys.stderr.flush()
    saved, log_fd = os.dup(2), os.open(os.path.join(logs, "java.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(log_fd, 2)
    try:
        spark = spark.getOrCreate()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(log_fd)
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(checkpoint_dir or tempfile.mkdtemp(prefix="linkage-spark-"))
    return spark


def _quiet_pyspark() -> None:
    """pyspark 4.3 warns at every pandas conversion that it is not yet tested with pandas 3; the
    Spark tests check the results instead (tests/test_linkage_spark.py)."""
    import warnings

    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)


def duckdb_engine() -> Any:
    """splink's DuckDB engine (a fresh in-memory database)."""
    from splink import DuckDBAPI

    return DuckDBAPI()


def spark_engine(spark: Any) -> Any:
    """splink's Spark engine on the session ``spark``, with the similarity functions registered
    (also under DuckDB's name ``jaro_winkler_similarity``, which the model's custom levels use)."""
    _quiet_pyspark()
    from pyspark.sql.types import DoubleType
    from splink import SparkAPI

    if not spark.sparkContext.getCheckpointDir():
        spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="linkage-spark-"))
    api = SparkAPI(spark_session=spark, break_lineage_method="parquet")
    try:
        spark.udf.registerJavaFunction("jaro_winkler_similarity", "uk.gov.moj.dash.linkage.JaroWinklerSimilarity",
                                       DoubleType())
    except Exception as err:  # noqa: BLE001 - the jar is missing: say how to add it
        raise RuntimeError("splink's similarity functions are not on this Spark session's classpath. Start the "
                           "session with .config('spark.jars', splink.backends.spark.similarity_jar_location()) "
                           "or use helpers.linkage.engines.local_spark().") from err
    return api


def make_engine(engine: Any = None) -> Any:
    """splink's engine for ``engine``: ``None`` or ``"duckdb"`` for DuckDB, a ``SparkSession``
    for Spark (``"spark"`` starts :func:`local_spark`)."""
    if engine is None or engine == "duckdb":
        return duckdb_engine()
    if engine == "spark":
        return spark_engine(local_spark())
    if type(engine).__name__ == "SparkSession":
        return spark_engine(engine)
    raise ValueError(f"engine must be 'duckdb' (the default), 'spark' or a SparkSession, not {engine!r}.")


def name_of(api: Any) -> str:
    """``"duckdb"`` or ``"spark"``: which engine a splink API object is."""
    return "spark" if type(api).__name__ == "SparkAPI" else "duckdb"


def register(api: Any, table: pd.DataFrame, name: str) -> Any:
    """Put a prepared table into the engine under ``name`` (splink's table object).

    On Spark every column is typed (text, except the number ``dob_year``), so a column with no
    value at all is still a text column."""
    if name_of(api) == "spark":
        from pyspark.sql.types import DoubleType, StringType, StructField, StructType

        schema = StructType([StructField(c, DoubleType() if c == "dob_year" else StringType(), True)
                             for c in table.columns])
        rows = [tuple(None if pd.isna(v) else (float(v) if c == "dob_year" else str(v))
                      for c, v in zip(table.columns, rec)) for rec in table.itertuples(index=False)]
        table = api.spark.createDataFrame(rows, schema=schema)
    return api.register(table, table_name=name)


def close(api: Any) -> None:
    """Release what the engine holds for this linkage (DuckDB's database; Spark's temporary views).
    The Spark session itself stays open: it is the caller's."""
    if name_of(api) == "duckdb":
        api.duckdb_con.close()
        return
    for table in api.spark.catalog.listTables():
        if table.isTemporary and table.name.startswith(("__splink", "a_left", "b_right")):
            api.spark.catalog.dropTempView(table.name)
