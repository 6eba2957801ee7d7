# `cmake --install`: the headers, the static libraries, the CLI and a CMake
# package, so another project can write and check its own models with
#
#   find_package(chancheck CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE chancheck::chancheck)   # or chancheck::gtest
#
# The bundled models (chancheck_models) are not installed: a program built on
# the package lists and checks only the models it registers itself.
#
# What the libraries link privately stays out of the package where nothing of
# it is linked: chancheck_warnings (compile flags for this project's own
# code) and CLI11 (header-only, compiled into chancheck_cli) are
# $<BUILD_INTERFACE:...>, so the package needs neither. Threads and
# Boost.Context are linked and are looked up by chancheckConfig.cmake.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CHANCHECK_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/chancheck"
    CACHE STRING "Where the chancheck package configuration is installed, relative to the prefix")

# chancheck::chancheck: everything user code needs in one target (the
# pattern headers, both backends, the explorer, reports, the model registry,
# check and run drivers, and cli_main).
add_library(chancheck_package INTERFACE)
add_library(chancheck::chancheck ALIAS chancheck_package)
set_target_properties(chancheck_package PROPERTIES EXPORT_NAME chancheck)
target_link_libraries(chancheck_package INTERFACE
    chancheck_patterns chancheck_threads chancheck_explore chancheck_result
    chancheck_reports chancheck_harness chancheck_cli)
target_compile_features(chancheck_package INTERFACE cxx_std_20)

# Installed names: chancheck::patterns, chancheck::threads, ... as in the build tree.
set(_chancheck_exported
    chancheck_package chancheck_patterns chancheck_threads chancheck_explore
    chancheck_result chancheck_reports chancheck_harness chancheck_cli)
foreach(target IN LISTS _chancheck_exported)
    if(NOT target STREQUAL "chancheck_package")
        string(REPLACE "chancheck_" "" _short "${target}")
        set_target_properties(${target} PROPERTIES EXPORT_NAME ${_short})
    endif()
endforeach()

install(TARGETS ${_chancheck_exported}
    EXPORT chancheckTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT chancheckTargets
    NAMESPACE chancheck::
    DESTINATION ${CHANCHECK_INSTALL_CMAKEDIR})

# chancheck::gtest (chancheck::chancheck plus the GoogleTest assertions over
# check results) goes in an export set of its own: the package configuration
# loads it only where GoogleTest is found, so chancheck::chancheck needs no
# GoogleTest.
if(TARGET chancheck_gtest)
    set_target_properties(chancheck_gtest PROPERTIES EXPORT_NAME gtest)
    target_link_libraries(chancheck_gtest INTERFACE chancheck_package)
    install(TARGETS chancheck_gtest
        EXPORT chancheckGTestTargets
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
    install(EXPORT chancheckGTestTargets
        NAMESPACE chancheck::
        DESTINATION ${CHANCHECK_INSTALL_CMAKEDIR})
endif()

# Public headers: <chancheck/...> from all three header trees.
foreach(tree patterns harness reports)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/${tree}/chancheck
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
endforeach()

# The CLI as built here, over the bundled models, and beside it the program
# that `chancheck check --backend relacy` runs (it knows the bundled models).
install(TARGETS chancheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET chancheck-relacy)
    install(TARGETS chancheck-relacy RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

configure_package_config_file(
    ${PROJECT_SOURCE_DIR}/cmake/chancheckConfig.cmake.in
    ${PROJECT_BINARY_DIR}/chancheckConfig.cmake
    INSTALL_DESTINATION ${CHANCHECK_INSTALL_CMAKEDIR})
write_basic_package_version_file(
    ${PROJECT_BINARY_DIR}/chancheckConfigVersion.cmake
    VERSION ${PROJECT_VERSION}
    COMPATIBILITY SameMajorVersion)
install(FILES
    ${PROJECT_BINARY_DIR}/chancheckConfig.cmake
    ${PROJECT_BINARY_DIR}/chancheckConfigVersion.cmake
    DESTINATION ${CHANCHECK_INSTALL_CMAKEDIR})
