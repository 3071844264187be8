"""Haven's benchmarks, run by `make bench`.

Every speed or memory figure is printed as a ratio against a baseline measured
in the same run on the same machine, never as a pass/fail timing: absolute
times vary between machines, ratios much less.
"""
