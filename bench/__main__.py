"""`python -m bench [count]`: run every benchmark and print its table."""

import sys

from bench import bench_sync

if __name__ == "__main__":
    bench_sync.main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
