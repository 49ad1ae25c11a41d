# CMake helpers shared by tests and benchmarks.

# trueno_add_test(NAME src... [LABELS l...]): a GoogleTest executable registered with CTest.
function(trueno_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE trueno::trueno trueno_test_support)
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 120 PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
