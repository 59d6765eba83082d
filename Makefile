# Compute Dojo's front door. Every target installs what is missing first (scripts/setup.sh).
#   make run       build the web app and serve it on http://127.0.0.1:$(PORT)
#   make test      build everything and run every test
#   make build     build the CLI, the desktop app and the web app
#   make desktop   build and start the desktop app
#   make bench     build native and web, run the speed benchmarks (docs/benchmarks.md)
#   make fresh-check  run make test and make run in a new Debian 12 root (slow; before set-up changes land)
SHELL := /bin/bash
PORT ?= 8000
export PORT
export NODE_PATH := /usr/share/nodejs

.PHONY: all help setup native web asan build run desktop test bench fresh-check clean

all: build

help:
	@sed -n '2,7p' Makefile | sed 's/^# *//'

setup:
	@bash scripts/setup.sh

native: setup
	@cmake --preset native
	@cmake --build --preset native

# The threaded labs worker builds in its own tree (every object needs -pthread) and joins build/web.
web: setup
	@cmake --preset web
	@cmake --build --preset web
	@cmake --preset web-threads
	@cmake --build --preset web-threads
	@cp build/web-threads/dojo_labs_mt.* build/web/
	@cmake --build --preset web --target dojo_service_worker

asan: setup
	@cmake --preset asan
	@cmake --build --preset asan

build: native web

run: web
	@node scripts/serve.mjs build/web

desktop: native
	@./build/native/dojo-desktop

test: build asan
	@ctest --preset native
	@ctest --preset asan
	@echo "Screenshots of this run: build/native/screenshots/"

# Medians of 5 repetitions (7 for start-up); each goal's line says whether it is met.
bench: native web
	@./build/native/bench/dojo_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	@./build/native/bench/dojo_exercise_bench
	@node scripts/desktop_bench.mjs build/native/dojo-desktop
	@node scripts/web_bench.mjs build/web

# A clean clone of HEAD in a debootstrap'd Debian 12 root runs the two commands above (about 35 min).
fresh-check:
	@bash scripts/fresh_machine_check.sh

clean:
	rm -rf build
