# The relacy backend: chancheck-relacy, a program of its own, because Relacy
# replaces the global operator new/delete and keeps one global context
# (harness/chancheck/relacy/rl.hpp). Everything in it is built with
# -fno-sized-deallocation, so every delete reaches Relacy's replacement: the
# models, the model registry and the report writers are compiled again for
# it. `chancheck check --backend relacy` runs it and reads its JSON report.
find_package(CLI11 REQUIRED)
find_path(CHANCHECK_RELACY_INCLUDE_DIR relacy/relacy.hpp REQUIRED
          DOC "Relacy Race Detector headers (Debian: relacy-dev)")

add_library(chancheck_relacy_flags INTERFACE)
target_compile_definitions(chancheck_relacy_flags INTERFACE CHANCHECK_RELACY_PROGRAM RL_GC)
# Relacy's replacement operator delete frees with free() what its operator
# new took from malloc(); where g++ inlines that delete into a caller of the
# (not inlined) operator new it sees free() on a new'd pointer and warns.
target_compile_options(chancheck_relacy_flags INTERFACE -fno-sized-deallocation -Wno-mismatched-new-delete)
target_include_directories(chancheck_relacy_flags SYSTEM INTERFACE ${CHANCHECK_RELACY_INCLUDE_DIR})

# One translation unit per size (Relacy's thread count is a template
# argument, and each instantiation takes several seconds to compile).
add_library(chancheck_relacy_runtime STATIC
    harness/src/relacy/world.cpp
    harness/src/relacy/run.cpp
    harness/src/relacy/size_4.cpp
    harness/src/relacy/size_8.cpp
    harness/src/relacy/size_16.cpp
    harness/src/relacy/result.cpp
    harness/src/model/params.cpp
    harness/src/model/registry.cpp
    ${CHANCHECK_REPORT_SOURCES})
target_include_directories(chancheck_relacy_runtime PUBLIC
    ${CMAKE_CURRENT_SOURCE_DIR}/harness
    ${CMAKE_CURRENT_SOURCE_DIR}/harness/src/relacy
    ${CMAKE_CURRENT_SOURCE_DIR}/reports)
target_link_libraries(chancheck_relacy_runtime
    PUBLIC chancheck_patterns chancheck_result chancheck_relacy_flags
    PRIVATE chancheck_warnings)

# Every model registers itself at start-up: an object library, so none is dropped.
add_library(chancheck_relacy_models OBJECT ${CHANCHECK_MODEL_SOURCES})
target_link_libraries(chancheck_relacy_models PUBLIC chancheck_relacy_runtime PRIVATE chancheck_warnings)

add_executable(chancheck-relacy harness/src/relacy/main.cpp)
target_link_libraries(chancheck-relacy PRIVATE chancheck_relacy_models chancheck_relacy_runtime
                      CLI11::CLI11 chancheck_warnings)
