# trueno_sanitize.cmake: sanitizer and libFuzzer instrumentation for the checking builds
# (tools/run_tests.sh sanitize|tsan|fuzz; docs/design.md, "Sanitizers and fuzzing").
# Included from tests/CMakeLists.txt, after the library target exists; the Release build
# (TRUENO_SANITIZE empty, TRUENO_FUZZ OFF) is untouched.
#
#   TRUENO_SANITIZE=address,undefined  ASan + LSan + UBSan (no recovery: the first report fails)
#   TRUENO_SANITIZE=thread             TSan
#   TRUENO_FUZZ=ON                     libFuzzer targets under tests/fuzz (clang only); the library
#                                      gets coverage instrumentation (-fsanitize=fuzzer-no-link)
#
# The flags go on the library as PUBLIC options, so every test executable linking trueno is
# compiled and linked with them too.
set(TRUENO_SANITIZE "" CACHE STRING "Sanitizers for the library and tests: address,undefined | thread | empty")
option(TRUENO_FUZZ "Build the libFuzzer targets under tests/fuzz (clang)" OFF)

set(_trueno_san_flags)
if(TRUENO_SANITIZE)
  # Line tables only: file:line in every report at a fraction of full -g's compile time.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(_trueno_debug -gline-tables-only)
  else()
    set(_trueno_debug -g1)
  endif()
  list(APPEND _trueno_san_flags -fsanitize=${TRUENO_SANITIZE} -fno-omit-frame-pointer ${_trueno_debug})
  if(TRUENO_SANITIZE MATCHES "undefined")
    # A UBSan report is an error (exit status), not a line in the log.
    list(APPEND _trueno_san_flags -fno-sanitize-recover=undefined)
  endif()
endif()
if(TRUENO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TRUENO_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
  endif()
  list(APPEND _trueno_san_flags -fsanitize=fuzzer-no-link)
endif()
if(_trueno_san_flags)
  message(STATUS "trueno: instrumented build: ${_trueno_san_flags}")
  target_compile_options(trueno PUBLIC ${_trueno_san_flags})
  target_link_options(trueno PUBLIC ${_trueno_san_flags})
endif()
