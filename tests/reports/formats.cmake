# The JUnit and SARIF writers, golden files of the text and JUnit reports,
# every JSON and SARIF report checked against its schema, and the JSON
# report read back into the result it was written from.
chancheck_test(report_format_tests
    reports/junit_test.cpp
    reports/sarif_test.cpp
    reports/golden_test.cpp
    reports/text_test.cpp
    reports/schema_test.cpp
    reports/json_read_test.cpp)
target_link_libraries(report_format_tests PRIVATE chancheck_reports chancheck_cli chancheck_models)
# Goldens are compared in, and regenerated into, the source tree.
target_compile_definitions(report_format_tests PRIVATE
    CHANCHECK_GOLDEN_DIR="${CMAKE_CURRENT_SOURCE_DIR}/reports/golden")

# Schema validation needs Python 3 with jsonschema (Debian: python3-jsonschema).
set(chancheck_validate ${CMAKE_CURRENT_SOURCE_DIR}/reports/validate_reports.py)
set(chancheck_schema_out ${CMAKE_CURRENT_BINARY_DIR}/report-schema)

# Reports the shipped binary writes: a proof, counterexamples, a bounded
# search, a run on real threads, in json and sarif (and junit, parsed).
add_test(NAME reports.schema.cli
    COMMAND python3 ${chancheck_validate} cli $<TARGET_FILE:chancheck> ${chancheck_schema_out}/cli)
# Every fixture of sample_results.hpp, written by the test binary.
add_test(NAME reports.schema.fixtures
    COMMAND python3 ${chancheck_validate} fixtures $<TARGET_FILE:report_format_tests> ${chancheck_schema_out}/fixtures)
# The validator itself: broken copies of real reports must be rejected.
add_test(NAME reports.schema.rejects-broken
    COMMAND python3 ${chancheck_validate} rejects $<TARGET_FILE:chancheck> ${chancheck_schema_out}/rejects)
set_tests_properties(reports.schema.cli reports.schema.fixtures reports.schema.rejects-broken PROPERTIES
    TIMEOUT 120 LABELS schema)
