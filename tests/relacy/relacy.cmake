# The relacy backend's tests (label `relacy`): chancheck-relacy against the
# explorer on every bundled model, the CLI's --backend relacy, and the
# channel implementation's mutants (mutants.cmake).
add_executable(relacy_cli_tests
    relacy/cross_check_test.cpp
    relacy/relacy_cli_test.cpp)
target_link_libraries(relacy_cli_tests PRIVATE chancheck_cli chancheck_models chancheck_warnings
                      GTest::gtest GTest::gtest_main)
# The tests run the very program the build made, wherever the build tree is.
target_compile_definitions(relacy_cli_tests PRIVATE CHANCHECK_RELACY_PATH="$<TARGET_FILE:chancheck-relacy>")
add_dependencies(relacy_cli_tests chancheck-relacy)
gtest_discover_tests(relacy_cli_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS relacy TIMEOUT 300)

# The runtime itself, on programs whose outcome is known; Relacy is in this
# binary, so it is built with the relacy program's flags.
add_executable(relacy_world_tests relacy/world_test.cpp)
target_link_libraries(relacy_world_tests PRIVATE chancheck_relacy_runtime chancheck_warnings
                      GTest::gtest GTest::gtest_main)
gtest_discover_tests(relacy_world_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS relacy TIMEOUT 300)

include(${CMAKE_CURRENT_LIST_DIR}/mutants.cmake)
