# baton: a plain Makefile (why: one C11 library and one CLI, no configure
# step needed on Debian; `make` is on every machine and its rules are read
# top to bottom). Sources are found by wildcard, so a new module is a new
# file, not a Makefile edit.
#
#   make              release build: build/baton and build/libbaton.a
#   make test         the whole suite: release + ASan/UBSan builds, unit,
#                     golden, bad-input, property and fuzz-replay tests
#   make golden-update  rewrite the golden files from the current build
#   make fuzz         build the libFuzzer targets (clang)

CC      ?= cc
O       ?= build
OPT     ?= -O2
WARN    = -Wall -Wextra -Werror -Wshadow -Wundef -Wwrite-strings \
          -Wmissing-prototypes -Wstrict-prototypes -Wvla -Wformat=2
CFLAGS  ?= $(OPT) -g
ALLCFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
            -Iinclude -Isrc/lib $(CFLAGS) $(EXTRA_CFLAGS)
LDLIBS  = -ljansson -lsqlite3 -lmicrohttpd -lgnutls -lpthread -lm

LIB_SRC  = $(sort $(wildcard src/lib/*.c))
CLI_SRC  = $(sort $(wildcard src/cli/*.c))
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(O)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(O)/%.o)
TESTS    = $(TEST_SRC:tests/unit/%.c=$(O)/tests/%)
TOOLS    = $(O)/tools/check_schedule $(O)/tools/fuzz_replay $(O)/tools/fuzz_http_replay

all: $(O)/baton $(TESTS) $(TOOLS)

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

$(O)/tools/%: tests/tools/%.c tests/tools/checker.c $(O)/libbaton.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALLCFLAGS) -o $@ $< $(O)/libbaton.a $(LDLIBS)

$(O)/tools/fuzz_replay: tests/fuzz/fuzz_parse.c tests/fuzz/replay.c $(O)/libbaton.a
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALLCFLAGS) -o $@ tests/fuzz/fuzz_parse.c tests/fuzz/replay.c $(O)/libbaton.a $(LDLIBS)

# The request handling of `baton serve`, socket-free (src/cli/serve_http.c).
$(O)/tools/fuzz_http_replay: tests/fuzz/fuzz_http.c tests/fuzz/replay.c src/cli/serve_http.c src/cli/serve.h
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(ALLCFLAGS) -Isrc/cli -o $@ tests/fuzz/fuzz_http.c tests/fuzz/replay.c src/cli/serve_http.c -ljansson

# The sanitizer build lives beside the release build, so `make test` can
# run the same suite through both.
asan:
	$(MAKE) O=build-asan OPT=-O1 \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

fuzz: $(O)/fuzz/fuzz_parse $(O)/fuzz/fuzz_http

$(O)/fuzz/fuzz_parse: tests/fuzz/fuzz_parse.c $(LIB_SRC)
	@mkdir -p $(dir $@)
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
	  -fsanitize=fuzzer,address,undefined -Iinclude -Isrc/lib \
	  -o $@ tests/fuzz/fuzz_parse.c $(LIB_SRC) $(LDLIBS)

$(O)/fuzz/fuzz_http: tests/fuzz/fuzz_http.c src/cli/serve_http.c src/cli/serve.h
	@mkdir -p $(dir $@)
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
	  -fsanitize=fuzzer,address,undefined -Isrc/cli \
	  -o $@ tests/fuzz/fuzz_http.c src/cli/serve_http.c -ljansson

# The fuzz target needs clang's libFuzzer; without it the corpus is still
# replayed through build*/tools/fuzz_replay.
test: all asan
	-@command -v clang >/dev/null && $(MAKE) --no-print-directory fuzz
	tests/run.sh

golden-update: all
	UPDATE_GOLDEN=1 tests/run.sh golden

clean:
	rm -rf build build-asan

.PHONY: all asan fuzz test golden-update clean
-include $(shell find $(O) -name '*.d' 2>/dev/null)
