# Mutation tests of the channel implementation (label `relacy`). Each mutant
# is a copy of one header of harness/chancheck/locked/ with one deliberate
# bug, made at configure time, and a probe test (probe_test.cpp) built
# against it must see Relacy fail at least one probe program; the same test
# built against the real headers (relacy_probe_tests) must see none fail.
# The mutants exist only in the build tree; nothing outside these tests
# includes them.
#
# A mutant is made by replacing one exact fragment of the real source. The
# fragment must occur exactly once: when the source changes so that it no
# longer does, configuring fails instead of quietly building the real code
# under a mutant's name (a "mutant" that passes for the wrong reason).

set(CHANCHECK_LOCKED_DIR ${PROJECT_SOURCE_DIR}/harness/chancheck/locked)

# Every translation unit of a probe binary that includes the runtime is
# compiled here against that binary's headers: linking the prebuilt
# chancheck_relacy_runtime into a mutant would give it two different inline
# definitions of the same runtime functions, and the linker keeps one.
function(chancheck_probe_test target)
    add_executable(${target}
        ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/probe_test.cpp
        ${PROJECT_SOURCE_DIR}/harness/src/relacy/world.cpp
        ${PROJECT_SOURCE_DIR}/harness/src/relacy/size_8.cpp)
    target_include_directories(${target} PRIVATE
        ${PROJECT_SOURCE_DIR}/harness
        ${PROJECT_SOURCE_DIR}/harness/src/relacy)
    target_link_libraries(${target} PRIVATE
        GTest::gtest GTest::gtest_main
        chancheck_warnings chancheck_patterns chancheck_result chancheck_relacy_flags)
endfunction()

# chancheck_mutant(<name> <header in locked/> <fragment> <replacement>)
function(chancheck_mutant name header fragment replacement)
    set(source ${CHANCHECK_LOCKED_DIR}/${header})
    # An edit of the source must make the mutant again (and check its fragment).
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${source})
    file(READ ${source} text)
    string(FIND "${text}" "${fragment}" first)
    string(FIND "${text}" "${fragment}" last REVERSE)
    if(first EQUAL -1)
        message(FATAL_ERROR "mutant ${name}: this fragment is no longer in ${source}; "
                            "update the mutant to the current code:\n${fragment}")
    endif()
    if(NOT first EQUAL last)
        message(FATAL_ERROR "mutant ${name}: this fragment occurs more than once in ${source}; "
                            "make it longer so that it names one place:\n${fragment}")
    endif()
    string(REPLACE "${fragment}" "${replacement}" text "${text}")

    set(dir ${CMAKE_CURRENT_BINARY_DIR}/mutants/${name})
    # Rewritten only when it changes, so configuring again rebuilds nothing.
    set(out ${dir}/chancheck/locked/${header})
    file(WRITE ${out}.new "${text}")
    file(COPY_FILE ${out}.new ${out} ONLY_IF_DIFFERENT)
    file(REMOVE ${out}.new)

    set(target relacy_mutant_${name}_tests)
    chancheck_probe_test(${target})
    # First, so that every #include <chancheck/locked/...> finds the mutant.
    target_include_directories(${target} BEFORE PRIVATE ${dir})
    target_compile_definitions(${target} PRIVATE CHANCHECK_MUTANT="${name}")
    gtest_discover_tests(${target} TEST_PREFIX "mutant.${name}." DISCOVERY_TIMEOUT 60
                         PROPERTIES LABELS relacy TIMEOUT 300)
endfunction()

chancheck_probe_test(relacy_probe_tests)
gtest_discover_tests(relacy_probe_tests TEST_PREFIX "probe." DISCOVERY_TIMEOUT 60
                     PROPERTIES LABELS relacy TIMEOUT 300)

# A park that returns after one futex sleep: a wake-up meant for an earlier
# park (the waker set the token, was preempted, then woke whoever sleeps on
# the word now) returns from park without a token.
chancheck_mutant(parker-no-recheck futex_lock.hpp
    [=[while (word_.load(std::memory_order_acquire) == 2) F::wait(word_, 2);]=]
    [=[if (word_.load(std::memory_order_acquire) == 2) F::wait(word_, 2);]=])

# A sender that has to wait leaves its waiter queued and returns at once:
# before any receiver took the value, with the waiter dangling on its queue.
chancheck_mutant(send-returns-early channel.hpp
    [=[
            park_on(g, w.parker, lock_, op_kind::send, name_.get(), loc);
            if (!w.ok) throw panic(panic_kind::send_on_closed);]=]
    [=[
            lock_.unlock();
            (void)loc;]=])

# A select, once woken, leaves its waiters on the channels that did not fire;
# they point into its dead stack frame, and a later partner may claim one.
chancheck_mutant(select-keeps-waiters select.hpp
    [=[
    for (std::size_t i = 0; i < n; ++i)
        if (cases[i].chan) cases[i].chan->state().dequeue(waiters[i]);]=]
    "")

# Setting the token and seeing whether the parker sleeps in two steps: a
# parker that goes to sleep between them is never woken.
chancheck_mutant(unpark-loses-wakeup futex_lock.hpp
    [=[if (word_.exchange(1, std::memory_order_acq_rel) == 2) F::wake_one(word_);]=]
    [=[const std::uint32_t seen = word_.load(std::memory_order_acquire);
        word_.store(1, std::memory_order_release);
        if (seen == 2) F::wake_one(word_);]=])

# A parker that finds the token without acquiring it: what the waker handed
# over before unpark is not visible to it (the relacy parker's stand-in for
# that data makes this a data race).
chancheck_mutant(relaxed-handoff futex_lock.hpp
    [=[if (word_.load(std::memory_order_acquire) != 1) return false;]=]
    [=[if (word_.load(std::memory_order_relaxed) != 1) return false;]=])

# An uncontended lock that does not acquire: the previous holder's writes to
# the state it guards are not visible (the relacy lock's stand-in for that
# state makes this a data race).
chancheck_mutant(relaxed-lock futex_lock.hpp
    [=[if (word_.compare_exchange_strong(c, 1, std::memory_order_acquire)) return;]=]
    [=[if (word_.compare_exchange_strong(c, 1, std::memory_order_relaxed)) return;]=])
