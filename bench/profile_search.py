"""Show where one of our searches spends its time: each SQL statement with its plan, then cProfile.

    python bench/profile_search.py --size 100000 --query parameter

Uses the cached store that ``run.py`` builds, so run.py must have built ``--size`` first. Each
statement that ``sm.search`` runs is captured with ``set_trace_callback`` and then run again on
its own, so its time excludes the Python-side work. The cProfile listing shows that work.
"""

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import prepare_environment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000, help="number of trial components")
    parser.add_argument("--query", default="parameter", help="query key from search.QUERIES")
    parser.add_argument("--repeats", type=int, default=20, help="calls profiled by cProfile")
    parser.add_argument("--sql-chars", type=int, default=600, help="characters of SQL to print")
    args = parser.parse_args()

    prepare_environment()
    import search

    home = search.ours_home(args.size)
    if not (home / "complete").exists():
        sys.exit(f"No cached store of {args.size:,} components at {home}: run bench/run.py first.")
    query = search.QUERIES_BY_KEY[args.query]
    searcher = search.OursSearcher(home)
    searcher.search(query)

    conn = searcher.sm.store.connection()
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    start = time.perf_counter()
    searcher.search(query)
    total = time.perf_counter() - start
    conn.set_trace_callback(None)
    print(f"{args.query} at {args.size:,}: {total * 1000:.2f} ms, {len(statements)} statements\n")

    sql_total = 0.0
    for sql in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        start = time.perf_counter()
        rows = conn.execute(sql).fetchall()
        elapsed = time.perf_counter() - start
        sql_total += elapsed
        print(f"{elapsed * 1000:8.2f} ms  {len(rows):5d} rows  {_shorten(sql, args.sql_chars)}")
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql):
            print(f"{'':26}plan: {row[3]}")
    print(f"\nSQL alone: {sql_total * 1000:.2f} ms of {total * 1000:.2f} ms\n")

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.repeats):
        searcher.search(query)
    profile.disable()
    pstats.Stats(profile).sort_stats("tottime").print_stats(20)


def _shorten(sql: str, limit: int) -> str:
    flat = " ".join(sql.split())
    return flat if len(flat) <= limit else flat[:limit] + " ..."


if __name__ == "__main__":
    main()
