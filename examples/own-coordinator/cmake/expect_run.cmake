# Runs the command given after `--` and checks its exit code and output:
#
#   cmake -DEXPECT_EXIT=1 -DEXPECT_OUTPUT=<regex> [-DREJECT_OUTPUT=<regex>]
#         -P expect_run.cmake -- <program> <args>...
#
# The regexes are matched against stdout and stderr together: the output must
# match EXPECT_OUTPUT (empty: anything) and must not match REJECT_OUTPUT.
set(command)
set(after_separator FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 1 ${last})
    if(after_separator)
        list(APPEND command "${CMAKE_ARGV${i}}")
    elseif(CMAKE_ARGV${i} STREQUAL "--")
        set(after_separator TRUE)
    endif()
endforeach()
if(NOT command)
    message(FATAL_ERROR "expect_run.cmake: no command after --")
endif()

execute_process(COMMAND ${command}
    RESULT_VARIABLE exit_code
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
message("${output}")
if(NOT exit_code STREQUAL "${EXPECT_EXIT}")
    message(FATAL_ERROR "exit code ${exit_code}, expected ${EXPECT_EXIT}")
endif()
if(NOT "${EXPECT_OUTPUT}" STREQUAL "" AND NOT output MATCHES "${EXPECT_OUTPUT}")
    message(FATAL_ERROR "the output does not match: ${EXPECT_OUTPUT}")
endif()
if(NOT "${REJECT_OUTPUT}" STREQUAL "" AND output MATCHES "${REJECT_OUTPUT}")
    message(FATAL_ERROR "the output matches what it must not: ${REJECT_OUTPUT}")
endif()
