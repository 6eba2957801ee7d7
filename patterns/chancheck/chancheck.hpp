// Everything pattern and model code uses, in one include. See sync.hpp for
// the backend concept these forward to.
//
//   #include <chancheck/chancheck.hpp>
//   template <chancheck::Sync S> void model() { auto c = chancheck::make_chan<int, S>(0); ... }
#pragma once

#include <chancheck/chan.hpp>
#include <chancheck/go.hpp>
#include <chancheck/interchangeable.hpp>
#include <chancheck/panic.hpp>
#include <chancheck/property.hpp>
#include <chancheck/select.hpp>
#include <chancheck/sync.hpp>
#include <chancheck/sync_types.hpp>
#include <chancheck/time.hpp>
