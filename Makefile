.PHONY: demo test test-cluster lint format screenshots services-start services-stop bench bench-load bench-faults bench-faults-cluster e2e security

## The two commands
demo:            ## run the platform with demo content on embedded defaults
	scripts/demo.sh

test:            ## run the whole suite against real PostgreSQL, Redis, Elasticsearch, Chromium
	scripts/test.sh

## Everything else
test-cluster:    ## beyond one machine: ES cluster losing a node, Redis Sentinel failover, PgBouncer, two app hosts
	scripts/test-cluster.sh

e2e:             ## run the browser tests only: journeys, accessibility, HTML validity, keyboard
	scripts/test.sh tests/e2e

security:        ## run the security suite only: authorization walk, XSS, rate limits, CSRF, headers, fuzz
	scripts/test.sh tests/security

lint:            ## ruff and the import contracts; bootstraps .venv first, so it works on a fresh clone
	scripts/bootstrap.sh
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/lint-imports --no-cache

format:
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

services-start:  ## start the services on loopback and leave them running
	scripts/services.sh install && scripts/services.sh start && scripts/services.sh env

services-stop:
	scripts/services.sh stop

bench:           ## run the benchmarks in tests/bench/ (figures in reports/bench-*.json)
	scripts/bench.sh

bench-load:      ## the site under a mixed load, on a private stack (reports/bench-load.json)
	scripts/bench.sh load

bench-faults:    ## Elasticsearch and Redis fail under load; nothing is lost (reports/bench-faults.json)
	scripts/bench.sh faults

bench-faults-cluster: ## an ES node, the Redis master and PgBouncer fail under load (reports/bench-faults-cluster.json)
	BENCH_CLUSTER=1 scripts/bench.sh faults

screenshots:     ## regenerate docs/screenshots/ from the seeded demo with Chromium (scripts/screenshots.py)
	scripts/bootstrap.sh
	.venv/bin/python scripts/screenshots.py
