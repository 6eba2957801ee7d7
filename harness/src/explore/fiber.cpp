// Fibers on Boost.Context, with pooled stacks, and ThreadSanitizer told about
// every switch (it would otherwise see one thread's stack jump around).
#include <chancheck/explore/fiber.hpp>

#include <boost/context/fiber.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>

#include <vector>

#if defined(__SANITIZE_THREAD__)
#define CHANCHECK_TSAN_FIBERS 1
extern "C" {
void* __tsan_get_current_fiber(void);
void* __tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void* fiber);
void __tsan_switch_to_fiber(void* fiber, unsigned flags);
}
#endif

namespace chancheck::explore_detail {

namespace ctx = boost::context;

namespace {

// 256 KiB: goroutines build strings and containers; the guard page turns an
// overflow into a clean crash instead of silent corruption.
constexpr std::size_t stack_size = 256 * 1024;

class stack_pool {
public:
    ~stack_pool() {
        for (auto& s : free_) ctx::protected_fixedsize_stack(stack_size).deallocate(s);
    }
    ctx::stack_context allocate() {
        if (free_.empty()) return ctx::protected_fixedsize_stack(stack_size).allocate();
        ctx::stack_context s = free_.back();
        free_.pop_back();
        return s;
    }
    void deallocate(ctx::stack_context& s) { free_.push_back(s); }

private:
    std::vector<ctx::stack_context> free_;
};

thread_local stack_pool pool;

// Boost.Context's StackAllocator concept, over the pool.
struct pooled_stack {
    ctx::stack_context allocate() { return pool.allocate(); }
    void deallocate(ctx::stack_context& s) noexcept { pool.deallocate(s); }
};

thread_local fiber* running = nullptr;

}  // namespace

struct fiber::impl {
    ctx::fiber self;       // the goroutine, while suspended
    ctx::fiber scheduler;  // the scheduler, while the goroutine runs
#ifdef CHANCHECK_TSAN_FIBERS
    void* tsan_self = nullptr;
    void* tsan_scheduler = nullptr;
#endif
};

fiber::fiber(std::function<void()> body) : impl_(std::make_unique<impl>()), body_(std::move(body)) {
    impl_->self = ctx::fiber(std::allocator_arg, pooled_stack{}, [this](ctx::fiber&& scheduler) {
        impl_->scheduler = std::move(scheduler);
        try {
            body_();
        } catch (const ctx::detail::forced_unwind&) {
            throw;  // the fiber is being destroyed: let Boost.Context unwind it
        } catch (...) {
            escaped_ = std::current_exception();
        }
        finished_ = true;
        return std::move(impl_->scheduler);
    });
#ifdef CHANCHECK_TSAN_FIBERS
    impl_->tsan_self = __tsan_create_fiber(0);
#endif
}

fiber::~fiber() {
    // Destroying an unfinished ctx::fiber unwinds its stack; do it while we
    // can still tell TSan whose stack that is.
    if (impl_->self) {
        fiber* outer = running;
        running = this;
#ifdef CHANCHECK_TSAN_FIBERS
        impl_->tsan_scheduler = __tsan_get_current_fiber();
        __tsan_switch_to_fiber(impl_->tsan_self, 0);
#endif
        impl_->self = ctx::fiber();
#ifdef CHANCHECK_TSAN_FIBERS
        __tsan_switch_to_fiber(impl_->tsan_scheduler, 0);
#endif
        running = outer;
    }
#ifdef CHANCHECK_TSAN_FIBERS
    __tsan_destroy_fiber(impl_->tsan_self);
#endif
}

void fiber::resume() {
    fiber* outer = running;
    running = this;
    started_ = true;
#ifdef CHANCHECK_TSAN_FIBERS
    impl_->tsan_scheduler = __tsan_get_current_fiber();
    __tsan_switch_to_fiber(impl_->tsan_self, 0);
#endif
    impl_->self = std::move(impl_->self).resume();
    running = outer;
}

void fiber::suspend() {
#ifdef CHANCHECK_TSAN_FIBERS
    __tsan_switch_to_fiber(impl_->tsan_scheduler, 0);
#endif
    impl_->scheduler = std::move(impl_->scheduler).resume();
}

fiber* fiber::current() { return running; }

}  // namespace chancheck::explore_detail
