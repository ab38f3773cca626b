# shardlab: build, test, bench, install.  `make help` lists the targets.
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
PKGS := ncursesw readline lua5.4 libcjson cairo fontconfig
VERSION := 0.1.0

SHARE_DIR := $(PREFIX)/share/shardlab
# Recursive (=) so pkg-config runs after `deps` has installed what is missing.
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE%,$(shell pkg-config --cflags $(PKGS)))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lpanelw -lm
WARN := -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
DEFS := -D_XOPEN_SOURCE=700 -DSHARDLAB_VERSION=\"$(VERSION)\" \
	-DSHARDLAB_SHARE_DIR=\"$(SHARE_DIR)\"
ALL_CFLAGS = $(WARN) $(DEFS) -Isrc -Iui $(PKG_CFLAGS) -MMD -MP $(CFLAGS)

CORE_SRC := $(wildcard src/core/*.c)
LIB_SRC := $(CORE_SRC) $(wildcard src/util/*.c src/catalog/*.c src/io/*.c src/lua/*.c \
	src/scenario/*.c src/chart/*.c src/bind/*.c src/cli/*.c ui/*.c)
MAIN_SRC := src/main.c
# The reference set (tests/crosscheck/reference.h): the unit tests and the accuracy report.
REF_SRC := tests/crosscheck/reference.c
UNIT_SRC := $(wildcard tests/unit/*.c) $(REF_SRC)
ACC_SRC := $(REF_SRC) tests/crosscheck/accuracy.c
BENCH_SRC := $(wildcard tests/bench/*.c) tests/unit/helpers.c

# Object directories; parallel checkouts or agents may set their own:
# make B=/tmp/b1 T=/tmp/t1 test
B ?= build
T ?= build-test
F ?= build-fuzz
export T F
OBJ := $(patsubst %.c,$(B)/%.o,$(LIB_SRC))
TOBJ := $(patsubst %.c,$(T)/%.o,$(LIB_SRC))
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps deps-test run test bench accuracy bands install uninstall clean help lint-layers man fuzz fuzz-replay
all: shardlab

deps:
	@./scripts/deps.sh

deps-test:
	@./scripts/deps.sh --test

shardlab: $(OBJ) $(B)/src/main.o | deps
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

$(B)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The test build: AddressSanitizer + UndefinedBehaviorSanitizer.
$(T)/%.o: %.c | deps-test
	@mkdir -p $(dir $@)
	@echo "  CC/SAN  $<"
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c -o $@ $<

$(T)/shardlab: $(TOBJ) $(T)/src/main.o
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

$(T)/unit-tests: $(TOBJ) $(patsubst %.c,$(T)/%.o,$(UNIT_SRC))
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

$(B)/bench: $(OBJ) $(patsubst %.c,$(B)/%.o,$(BENCH_SRC))
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

run: shardlab
	./shardlab

test: $(T)/shardlab $(T)/unit-tests $(T)/accuracy shardlab fuzz-replay
	@./scripts/lint-layers
	@FUZZ_BIN=$(FUZZ_BIN) ./tests/run.sh

# ---- fuzzing (tests/fuzz, docs in tests/fuzz/README) ----
# libFuzzer targets built with clang (-fsanitize=fuzzer,address,undefined);
# `make fuzz FUZZ_SECONDS=N` runs each for N seconds over its seed corpus
# (the shipped configs and plans, copied to $(F)/corpus) with its
# dictionary.  `make test` replays every target over its corpus and its
# regression inputs (tests/fuzz/regress): with libFuzzer when clang has
# it, else through a plain main() over the files built with $(CC), so CI
# never skips them.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := hfconfig plan audit scenario json engine plan_text bench
FUZZ_LIB_SRC := $(filter-out ui/%.c src/cli/%.c,$(LIB_SRC))
FUZZ_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ifneq ($(filter test fuzz fuzz-replay,$(MAKECMDGOALS)),)
HAVE_LIBFUZZER := $(shell printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' | \
	$(FUZZ_CC) -x c - -fsanitize=fuzzer -o /dev/null >/dev/null 2>&1 && echo yes)
endif
FUZZ_BIN = $(if $(HAVE_LIBFUZZER),$(F),$(T))
FUZZ_COMMON := tests/fuzz/fuzz.c
# seeds: configs for the importer; plans for the plan targets; scenarios
SEEDS_hfconfig := $(wildcard presets/models/*.json tests/data/*/config.json tests/data/bad/*.json \
	tests/plans/presets/models/*.json)
SEEDS_plan := $(wildcard tests/plans/*.json tests/plans/*.lua)
SEEDS_audit := $(wildcard tests/plans/*.json)
SEEDS_scenario := $(wildcard presets/*.lua)
SEEDS_json := $(wildcard tests/plans/*.json presets/models/*.json)
SEEDS_engine := $(wildcard tests/data/engine/*.sh)
SEEDS_plan_text := $(wildcard tests/plans/text/*)
SEEDS_bench := $(wildcard tests/data/bench/*/*.json tests/data/bench/*/*.jsonl tests/data/bench/bad/*)

$(F)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC/FUZZ $<"
	@$(FUZZ_CC) $(filter-out -Werror,$(ALL_CFLAGS)) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

$(F)/fuzz-%: $(patsubst %.c,$(F)/%.o,$(FUZZ_LIB_SRC) $(FUZZ_COMMON)) $(F)/tests/fuzz/fuzz_%.o
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

# the same targets without libFuzzer: runner.c's main() over files
$(T)/fuzz-%: $(patsubst %.c,$(T)/%.o,$(FUZZ_LIB_SRC) $(FUZZ_COMMON) tests/fuzz/runner.c) $(T)/tests/fuzz/fuzz_%.o
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

$(F)/corpus/%.stamp: $(MAKEFILE_LIST)
	@mkdir -p $(F)/corpus/$*
	@# each seed named by its path: tests/data/*/config.json share a base name
	@for f in $(SEEDS_$*); do cp "$$f" "$(F)/corpus/$*/$$(echo "$$f" | tr / _)" || exit 1; done
	@touch $@

.PRECIOUS: $(F)/%.o $(T)/%.o

fuzz-replay: $(foreach t,$(FUZZ_TARGETS),$(FUZZ_BIN)/fuzz-$(t) $(F)/corpus/$(t).stamp)

fuzz: $(foreach t,$(FUZZ_TARGETS),$(F)/fuzz-$(t) $(F)/corpus/$(t).stamp)
	@[ -n "$(HAVE_LIBFUZZER)" ] || { echo "make fuzz: $(FUZZ_CC) has no libFuzzer (apt-get install clang libclang-rt-14-dev)"; exit 2; }
	@# every target needs its dictionary; a fuzzer that fails (a finding, or
	@# an input it cannot start with) fails the run: its own status, not grep's
	@for t in $(FUZZ_TARGETS); do \
		[ -s tests/fuzz/$$t.dict ] || { echo "make fuzz: tests/fuzz/$$t.dict is missing"; exit 2; }; \
		echo "== fuzz-$$t for $(FUZZ_SECONDS) s"; \
		SHARDLAB_PATH=$(CURDIR) ASAN_OPTIONS=detect_leaks=1 $(F)/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) \
			-dict=tests/fuzz/$$t.dict -artifact_prefix=$(F)/crash-$$t- -print_final_stats=1 \
			$(F)/corpus/$$t tests/fuzz/regress/$$t >$(F)/fuzz-$$t.log 2>&1; st=$$?; \
		grep -E '^#[0-9]+.*(DONE|pulse|NEW)|stat::|ERROR|SUMMARY|ParseDictionaryFile' $(F)/fuzz-$$t.log | tail -n 12; \
		[ $$st = 0 ] || { echo "make fuzz: fuzz-$$t exited $$st (log: $(F)/fuzz-$$t.log)"; exit 1; }; \
	done

# The error bands' residual sets in src/core/bands.c from the accuracy
# reporter's residuals; tests/cli/bands.sh fails when they are stale.
bands: $(B)/accuracy
	@./scripts/gen-bands $(if $(filter /%,$(B)),$(B),./$(B))/accuracy

# The man pages' generated sections (PARAMETERS, SEARCH OPTIONS, FIGURES,
# CHECKS) from the tables; tests/cli/keys.sh fails when they are stale.
man: shardlab
	@./scripts/gen-man ./shardlab

# The include rules of STYLE.md "Layout and layering" (no upward include, no cycle).
lint-layers:
	@./scripts/lint-layers

$(B)/accuracy: $(OBJ) $(patsubst %.c,$(B)/%.o,$(ACC_SRC))
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

$(T)/accuracy: $(TOBJ) $(patsubst %.c,$(T)/%.o,$(ACC_SRC))
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

# The model against published measurements (tests/crosscheck): per class,
# fitted and held out, and every row; scripts/gen-accuracy puts it in the README.
accuracy: $(B)/accuracy
	@SHARDLAB_PATH=$(CURDIR) $(if $(filter /%,$(B)),$(B),./$(B))/accuracy

bench: $(B)/bench shardlab
	@SHARDLAB_PATH=$(CURDIR) $(if $(filter /%,$(B)),$(B),./$(B))/bench

install: shardlab
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHARE_DIR) \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man7
	install -m 755 shardlab $(DESTDIR)$(PREFIX)/bin/shardlab
	cp -R presets lua $(DESTDIR)$(SHARE_DIR)/
	install -m 644 man/shardlab.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	if [ -f man/shardlab-lua.7 ]; then install -m 644 man/shardlab-lua.7 $(DESTDIR)$(PREFIX)/share/man/man7/; fi

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/shardlab $(DESTDIR)$(SHARE_DIR) \
		$(DESTDIR)$(PREFIX)/share/man/man1/shardlab.1 $(DESTDIR)$(PREFIX)/share/man/man7/shardlab-lua.7

clean:
	rm -rf $(B) $(T) $(F) shardlab

help:
	@echo "make            build ./shardlab"
	@echo "make run        open shardlab on presets/default.lua"
	@echo "make test       unit, CLI, Lua and TUI tests under ASan+UBSan"
	@echo "make bench      speed figures (NAME: VALUE UNIT)"
	@echo "make accuracy   the model against published measurements (tests/crosscheck)"
	@echo "make fuzz       run each libFuzzer target FUZZ_SECONDS=$(FUZZ_SECONDS) s (clang)"
	@echo "make install    PREFIX=$(PREFIX)"
	@echo "make man        regenerate the man pages' table sections"
	@echo "make bands      regenerate the error bands from the accuracy reporter (then make man)"
	@echo "make lint-layers  the include rules of the layers"

-include $(OBJ:.o=.d) $(TOBJ:.o=.d) $(B)/src/main.d $(T)/src/main.d \
	$(patsubst %.c,$(F)/%.d,$(FUZZ_LIB_SRC) $(FUZZ_COMMON) $(wildcard tests/fuzz/fuzz_*.c)) \
	$(patsubst %.c,$(T)/%.d,$(FUZZ_COMMON) tests/fuzz/runner.c $(wildcard tests/fuzz/fuzz_*.c)) \
	$(patsubst %.c,$(T)/%.d,$(UNIT_SRC) $(ACC_SRC)) $(patsubst %.c,$(B)/%.d,$(BENCH_SRC) $(ACC_SRC))
