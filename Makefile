# baton: a plain Makefile (why: one C11 library and one CLI, no configure
# step needed on Debian; `make` is on every machine and its rules are read
# top to bottom). Sources are found by wildcard, so a new module is a new
# file, not a Makefile edit.
#
#   make              release build: build/baton and build/libbaton.a
#   make test         the whole suite: release + ASan/UBSan builds, unit,
#                     golden, bad-input, property and fuzz-replay tests,
#                     and the TSan build's threads (tests/tsan.sh)
#   make golden-update  rewrite the golden files from the current build
#   make fuzz         build the libFuzzer targets (clang) in build/fuzz/
#   make tsan         the ThreadSanitizer build (build-tsan/), for tests/tsan.sh

CC      ?= cc
O       ?= build
OPT     ?= -O2
WARN    = -Wall -Wextra -Werror -Wshadow -Wundef -Wwrite-strings \
          -Wmissing-prototypes -Wstrict-prototypes -Wvla -Wformat=2 -Wconversion
CFLAGS  ?= $(OPT) -g
# libxml2 (MS Project XML, src/lib/mspdi*.c) through pkg-config, as Debian
# installs it (libxml2-dev).
XML_CFLAGS := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS   := $(shell pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)
ALLCFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
            -Iinclude -Isrc/lib -Isrc/cli $(XML_CFLAGS) $(CFLAGS) $(EXTRA_CFLAGS)
LDLIBS  = -lcsv -ljansson -lsqlite3 -lmicrohttpd -lgnutls $(XML_LIBS) -lpthread -lm

LIB_SRC  = $(sort $(wildcard src/lib/*.c))
CLI_SRC  = $(sort $(wildcard src/cli/*.c))
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(O)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(O)/%.o)
TESTS    = $(TEST_SRC:tests/unit/%.c=$(O)/tests/%)
TOOLS    = $(O)/tools/check_schedule $(O)/tools/rcmpsp_bench $(O)/tools/gen_rcmp

# Fuzz targets: tests/fuzz/fuzz_NAME.c, one per input, each with its
# dictionary tests/fuzz/NAME.dict, seeds in tests/fuzz/corpus/NAME/ and
# reproducers in tests/fuzz/crashes/NAME/ (tests/fuzz.sh). A new target is
# a new file; one that needs sources beyond libbaton names them in
# FUZZ_SRC_NAME. Each is built twice: $(O)/replay/fuzz_NAME by this
# compiler with tests/fuzz/replay.c, to replay the corpus in every build,
# and $(O)/fuzz/fuzz_NAME with clang's libFuzzer (`make fuzz`).
FUZZ_NAMES  = $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_REPLAY = $(FUZZ_NAMES:%=$(O)/replay/fuzz_%)
fuzz_objs   = $(patsubst %.c,$(O)/$(2)%.o,$(FUZZ_SRC_$(1)))
# The HTTP request handler is the server's, not the library's.
FUZZ_SRC_http = src/cli/serve_http.c

all: $(O)/baton $(TESTS) $(TOOLS) $(FUZZ_REPLAY)

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALLCFLAGS) -MMD -MP -c $< -o $@

$(O)/libbaton.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(O)/baton: $(CLI_OBJ) $(O)/libbaton.a
	@echo "  LINK    $@"
	@$(CC) $(ALLCFLAGS) -o $@ $(CLI_OBJ) $(O)/libbaton.a $(LDLIBS)

$(O)/tests/%: tests/unit/%.c $(O)/libbaton.a $(wildcard tests/unit/*.h) tests/tools/checker.c
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALLCFLAGS) -Itests/unit -o $@ $< $(O)/libbaton.a $(LDLIBS)

# The RCMPSP benchmark and its instance generator (bench/rcmpsp.sh), built
# here too so that tests/rcmp.sh can check every schedule they produce.
$(O)/tools/rcmpsp_bench: bench/rcmpsp_bench.c $(O)/libbaton.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALLCFLAGS) -o $@ $< $(O)/libbaton.a $(LDLIBS)

$(O)/tools/gen_rcmp: bench/gen_rcmp.c
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALLCFLAGS) -o $@ $<

$(O)/tools/%: tests/tools/%.c tests/tools/checker.c $(O)/libbaton.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALLCFLAGS) -o $@ $< $(O)/libbaton.a $(LDLIBS)

.SECONDEXPANSION:
$(FUZZ_REPLAY): $(O)/replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(O)/libbaton.a \
		$$(call fuzz_objs,$$*)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALLCFLAGS) -o $@ $< tests/fuzz/replay.c $(call fuzz_objs,$*) $(O)/libbaton.a $(LDLIBS)

# The sanitizer build lives beside the release build, so `make test` can
# run the same suite through both.
asan:
	$(MAKE) O=build-asan OPT=-O1 \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

# The same build with ThreadSanitizer (tests/tsan.sh: the forecast's worker
# threads and the server under concurrent requests).
tsan:
	$(MAKE) O=build-tsan OPT=-O1 EXTRA_CFLAGS="-fsanitize=thread -fno-omit-frame-pointer"

# libFuzzer with ASan and UBSan: the library is compiled once into
# $(O)/fuzz/libbaton.a (instrumented for coverage, not linked with the
# fuzzer's main) and each target links it.
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -Iinclude -Isrc/lib -Isrc/cli $(XML_CFLAGS) \
	      -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined

fuzz: $(FUZZ_NAMES:%=$(O)/fuzz/fuzz_%)

$(O)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CLANG   $<"
	@clang $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

$(O)/fuzz/libbaton.a: $(LIB_SRC:%.c=$(O)/fuzz/obj/%.o)
	@rm -f $@
	@ar rcs $@ $^

$(O)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(O)/fuzz/libbaton.a $$(call fuzz_objs,$$*,fuzz/obj/)
	@echo "  LINK    $@"
	@clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(call fuzz_objs,$*,fuzz/obj/) \
	  $(O)/fuzz/libbaton.a $(LDLIBS)

# The fuzz targets need clang's libFuzzer; without it the corpora are
# still replayed through build*/replay/fuzz_NAME.
test: all asan tsan
	-@command -v clang >/dev/null && $(MAKE) --no-print-directory fuzz
	tests/run.sh

golden-update: all
	UPDATE_GOLDEN=1 tests/run.sh golden

clean:
	rm -rf build build-asan build-tsan

.PHONY: all asan tsan fuzz test golden-update clean
-include $(shell find $(O) -name '*.d' 2>/dev/null)
