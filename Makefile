.PHONY: run test check bench setup

setup:
	bin/setup

run:
	bin/run

test:
	bin/test

bench:
	bin/setup
	.venv/bin/python -m bench.run
