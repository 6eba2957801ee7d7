# The HTML report: its structure, read by the tests as a script would, and
# the page as a browser renders it.
chancheck_test(html_report_tests
    reports/html_test.cpp)
target_link_libraries(html_report_tests PRIVATE chancheck_reports chancheck_cli chancheck_models)

# Headless Chromium renders the shipped binary's report of a misrouting to a
# screenshot and to the DOM it built. Skipped where there is no Chromium.
add_test(NAME chancheck.html-report-in-browser
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/reports/browser/render_check.sh
        $<TARGET_FILE:chancheck> ${CMAKE_CURRENT_BINARY_DIR}/html-report-in-browser)
set_tests_properties(chancheck.html-report-in-browser PROPERTIES
    LABELS browser SKIP_RETURN_CODE 77 TIMEOUT 180)
