# invsyncd — build, test, demo, install.
# Set-up on a fresh Debian 12 machine with the Swift toolchain: `make demo`, then `make test`.

SWIFT        ?= swift
PREFIX       ?= /usr/local
DESTDIR      ?=
UNITDIR      ?= /lib/systemd/system
SYSCONFDIR   ?= /etc
DEMO_DIR     ?= $(CURDIR)/.demo
CACHE_DIR    ?= $(CURDIR)/.cache
APT_PACKAGES := libsystemd-dev libcurl4-openssl-dev libsqlite3-dev zlib1g-dev python3-venv
TEST_APT_PACKAGES := debootstrap systemd-container faketime
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: all build release deps test-deps test unit-test system-test demo demo-tour demo-backfill install bench soak clean

all: build

# Installs the Debian packages that are missing (needs root or sudo).
deps:
	@./scripts/ensure-packages $(APT_PACKAGES)

test-deps: deps
	@mkdir -p $(CACHE_DIR)
	@./scripts/ensure-packages $(TEST_APT_PACKAGES)
	@./scripts/ensure-venv $(CACHE_DIR)/venv

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

# Unit, adapter and scenario tests (swift test), then the system tests under real systemd.
test: test-deps unit-test system-test

unit-test:
	./scripts/build-checked --build-tests
	INVSYNC_VENV=$(CACHE_DIR)/venv ./scripts/run-swift-tests

system-test: release
	INVSYNC_CACHE=$(CACHE_DIR) ./Tests/system/run-all.sh "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)"

# Benchmarks with their targets (release build); prints a table and writes BENCHMARKS.md.
# INVSYNC_BENCH_ONLY=<block> runs one block alone and writes BENCHMARKS-<block>.md instead: ingest (store ingest,
# about a minute), efficiency (the 10,000-order searchOrders backfill against its rate-limit bound, every call
# listed), backfill (the order backfill via the report: 6 real minutes when both sizes finish, 8 when one stops at
# 16 simulated minutes; INVSYNC_BENCH_BACKFILL_SCALE sets its clock and rate scale, default 3), control (GetStatus
# latency during the 100,000-order sync, a few minutes).
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product spapi-sandbox
	$(SWIFT) build $(RELEASE_FLAGS) --product invsyncd
	$(SWIFT) build $(RELEASE_FLAGS) --product invsync-bench
	"$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/invsync-bench" "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)" BENCHMARKS.md

# The reliability suite at length: more kills, stops and real timeouts than `make test` runs (counts overridable).
soak: build
	./scripts/build-checked --build-tests
	SCENARIO_KILLS=$${SCENARIO_KILLS:-100} RELIABILITY_KILLS=$${RELIABILITY_KILLS:-200} RELIABILITY_STOPS=$${RELIABILITY_STOPS:-20} \
	RELIABILITY_FAULTS=$${RELIABILITY_FAULTS:-2} RELIABILITY_TIMEOUTS=1 $(SWIFT) test --skip-build --filter '^DaemonTests\.(Reliability|SyncScenarioTests/killNine)'

# Runs the sandbox and the daemon against it in the foreground, under ./.demo.
demo: build
	@./scripts/demo "$(DEMO_DIR)" "$$($(SWIFT) build --show-bin-path)"

# In a second terminal while `make demo` runs: a stock push, an FBA mismatch adjusted, an MCF shipment fulfilled.
demo-tour:
	@./scripts/demo-tour "$(DEMO_DIR)" "$$($(SWIFT) build --show-bin-path)"

# A large seller's first authorisation watched as it goes (release build, one channel, 50,000 orders, clock and
# rates ×3; 3 to 7 real minutes, at most 20 simulated ones); DEMO_ORDERS and DEMO_SCALE change it.
demo-backfill: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product spapi-sandbox
	$(SWIFT) build $(RELEASE_FLAGS) --product invsyncd
	$(SWIFT) build $(RELEASE_FLAGS) --product invsyncctl
	@./scripts/demo-backfill "$(DEMO_DIR)/backfill" "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)"

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSCONFDIR)/invsyncd
	install -m 0755 "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/invsyncd" $(DESTDIR)$(PREFIX)/bin/invsyncd
	install -m 0755 "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/invsyncctl" $(DESTDIR)$(PREFIX)/bin/invsyncctl
	install -m 0755 "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/spapi-sandbox" $(DESTDIR)$(PREFIX)/bin/spapi-sandbox
	sed 's|/usr/bin/invsyncd|$(PREFIX)/bin/invsyncd|' systemd/invsyncd.service > $(DESTDIR)$(UNITDIR)/invsyncd.service
	install -m 0644 systemd/invsyncd.socket $(DESTDIR)$(UNITDIR)/invsyncd.socket
	install -m 0644 etc/invsyncd/invsyncd.toml $(DESTDIR)$(SYSCONFDIR)/invsyncd/invsyncd.toml.example
	@echo "Installed. Next: cp $(SYSCONFDIR)/invsyncd/invsyncd.toml.example $(SYSCONFDIR)/invsyncd/invsyncd.toml, edit it, then: systemctl enable --now invsyncd.socket"

clean:
	rm -rf .build $(DEMO_DIR)
