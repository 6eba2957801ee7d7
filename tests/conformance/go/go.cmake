# Go as the oracle (label `go`): compare.py builds the Go twins with the
# local toolchain at test time and checks what Go does against each case's
# declared and explored outcome sets. Without `go` on PATH it reports the
# test skipped. It needs the explorer, which the tsan preset leaves out.
if(NOT CMAKE_CXX_FLAGS MATCHES "sanitize=thread")
    find_package(Python3 COMPONENTS Interpreter REQUIRED)
    add_test(NAME conformance.go
        COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/compare.py
            --cases $<TARGET_FILE:conformance_tests>
            --src ${CMAKE_CURRENT_LIST_DIR}/twins
            --build ${CMAKE_CURRENT_BINARY_DIR}/conformance-go)
    set_tests_properties(conformance.go PROPERTIES LABELS go SKIP_RETURN_CODE 77 TIMEOUT 400)
endif()
