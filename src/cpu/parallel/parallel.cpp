// parallel.cpp: the thread count, the thresholds and trueno's own thread pool.
//
// Why not OpenMP: a parallel region ends in a barrier that waits for every thread of the team,
// so one worker descheduled by another process stalls the call for a whole time slice:
// measured on a loaded 2-core machine, sum of 1M floats took 11 ms with two OpenMP threads and
// 0.22 ms with one. Here the calling thread works too and chunks are claimed one at a time, so
// a late or descheduled worker only means the others (the caller at least) take its chunks;
// the caller waits only for chunks already claimed.
#include "cpu/parallel/parallel.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "trueno/threads.hpp"

#if defined(__linux__)
#include <sched.h>
#endif

namespace trueno {
namespace {

std::atomic<std::size_t> g_requested{0};  // 0: default

std::size_t env_threads(const char* name) {
  if (const char* e = std::getenv(name); e != nullptr && *e != '\0') {
    const long v = std::strtol(e, nullptr, 10);
    if (v >= 1) return static_cast<std::size_t>(v);
  }
  return 0;
}

std::size_t default_threads() noexcept {
  static const std::size_t n = [] {
    if (std::size_t v = env_threads("TRUENO_NUM_THREADS")) return v;
    if (std::size_t v = env_threads("OMP_NUM_THREADS")) return v;
#if defined(__linux__)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
      return static_cast<std::size_t>(CPU_COUNT(&set));
#endif
    const unsigned h = std::thread::hardware_concurrency();
    return static_cast<std::size_t>(h > 0 ? h : 1);
  }();
  return n;
}

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ volatile("yield");
#endif
}

// One job at a time. The state word packs the job's generation (32 bits), the next unclaimed
// part (16) and the number of parts (16): a worker claims part i of generation g with one CAS
// on the whole word, so a worker that read a stale job can never run a part of another.
class Pool {
 public:
  static constexpr std::size_t kMaxParts = 0xffff;

  static Pool& instance() {
    static Pool* p = new Pool();  // never destroyed: workers live as long as the process
    return *p;
  }

  // Runs body(0 .. parts-1); returns false (nothing run) when another call owns the pool. At
  // most min(num_threads(), max_threads) threads take part (the caller and workers, whatever
  // the number of parts): a job of more parts than threads (the GEMM grid) never puts two
  // threads on one core.
  bool run(std::size_t parts, parallel::FunctionRef<void(std::size_t)> body, std::size_t max_threads) {
    if (busy_.exchange(true, std::memory_order_acquire)) return false;
    std::size_t t = num_threads();
    if (max_threads != 0 && max_threads < t) t = max_threads;
    const std::size_t helpers = (parts < t ? parts : t) - 1;
    ensure_workers(helpers);
    body_.store(&body, std::memory_order_relaxed);
    done_.store(0, std::memory_order_relaxed);
    ++gen_;
    // Published by the release store of state_ below: a worker that sees generation gen_ there
    // sees its seats.
    seats_.store((static_cast<std::uint64_t>(gen_) << 32) | helpers, std::memory_order_relaxed);
    state_.store(pack(gen_, 0, static_cast<std::uint32_t>(parts)), std::memory_order_release);
    state_.notify_all();
    while (claim_and_run(gen_)) {
    }
    // Only parts already claimed remain; their workers are running them.
    for (unsigned spins = 0; done_.load(std::memory_order_acquire) < parts; ++spins) {
      if (spins < 4096)
        cpu_relax();
      else
        std::this_thread::yield();
    }
    busy_.store(false, std::memory_order_release);
    return true;
  }

 private:
  static std::uint64_t pack(std::uint32_t gen, std::uint32_t next, std::uint32_t total) {
    return (static_cast<std::uint64_t>(gen) << 32) | (static_cast<std::uint64_t>(next) << 16) | total;
  }
  static std::uint32_t gen_of(std::uint64_t s) { return static_cast<std::uint32_t>(s >> 32); }
  static bool unclaimed(std::uint64_t s) { return (static_cast<std::uint32_t>(s >> 16) & 0xffff) < (s & 0xffff); }

  // Claims the next part of job generation g and runs it; false when none is left (or the
  // current job is another one).
  bool claim_and_run(std::uint32_t g) {
    std::uint64_t s = state_.load(std::memory_order_acquire);
    for (;;) {
      const std::uint32_t next = static_cast<std::uint32_t>(s >> 16) & 0xffff, total = s & 0xffff;
      if (gen_of(s) != g || next >= total) return false;
      const auto* body = body_.load(std::memory_order_acquire);
      if (state_.compare_exchange_weak(s, s + (std::uint64_t{1} << 16), std::memory_order_acq_rel)) {
        (*body)(next);
        done_.fetch_add(1, std::memory_order_release);
        return true;
      }
    }
  }

  // One of job g's worker seats; false when they are taken (or job g is over).
  bool take_seat(std::uint32_t g) {
    std::uint64_t v = seats_.load(std::memory_order_acquire);
    for (;;) {
      if (static_cast<std::uint32_t>(v >> 32) != g || (v & 0xffffffffu) == 0) return false;
      if (seats_.compare_exchange_weak(v, v - 1, std::memory_order_acq_rel)) return true;
    }
  }

  void worker_loop() {
    bool seated = false;
    std::uint32_t seat_gen = 0;
    for (;;) {
      const std::uint64_t s = state_.load(std::memory_order_acquire);
      const std::uint32_t g = gen_of(s);
      if (unclaimed(s) && ((seated && seat_gen == g) || take_seat(g))) {
        seated = true, seat_gen = g;
        claim_and_run(g);
        continue;
      }
      idle_until_after(g);  // nothing left to claim, or the job has its threads
    }
  }

  // Returns once a job newer than generation g is published. Back-to-back calls are common:
  // spin (~50-100 us of pause) before sleeping on the state word, so the next call finds its
  // workers awake instead of paying a futex wake-up (also for workers without a seat in a job
  // of fewer threads: sleeping at once made every such call pay the wake-up syscall).
  void idle_until_after(std::uint32_t g) {
    for (int i = 0; i < 2048; ++i) {
      if (gen_of(state_.load(std::memory_order_acquire)) != g) return;
      cpu_relax();
    }
    for (;;) {
      const std::uint64_t cur = state_.load(std::memory_order_acquire);
      if (gen_of(cur) != g) return;
      state_.wait(cur, std::memory_order_acquire);
    }
  }

  void ensure_workers(std::size_t n) {
    if (spawned_.load(std::memory_order_acquire) >= n) return;
    std::lock_guard<std::mutex> lock(spawn_);
    while (workers_.size() < n) workers_.emplace_back([this] { worker_loop(); });
    spawned_.store(workers_.size(), std::memory_order_release);
  }

  std::atomic<bool> busy_{false};
  std::atomic<std::uint64_t> state_{0};
  std::atomic<std::uint64_t> seats_{0};  // generation (32 bits) and worker seats left (32)
  std::atomic<const parallel::FunctionRef<void(std::size_t)>*> body_{nullptr};
  std::atomic<std::size_t> done_{0};
  std::uint32_t gen_ = 0;  // written only by the owner of busy_
  std::mutex spawn_;
  std::vector<std::thread> workers_;
  std::atomic<std::size_t> spawned_{0};
};

thread_local bool t_in_part = false;  // a part calling trueno again runs serially

}  // namespace

std::size_t num_threads() noexcept {
#if defined(TRUENO_PARALLEL)
  const std::size_t r = g_requested.load(std::memory_order_relaxed);
  return r != 0 ? r : default_threads();
#else
  return 1;
#endif
}

void set_num_threads(std::size_t n) noexcept { g_requested.store(n, std::memory_order_relaxed); }

bool parallel_enabled() noexcept {
#if defined(TRUENO_PARALLEL)
  return true;
#else
  return false;
#endif
}

namespace parallel {
namespace {
std::atomic<std::size_t> g_min[3] = {0, 0, 0};  // per Cost; 0: the default constant
constexpr std::size_t kDefaultMin[3] = {kMinPerThreadReduce, kMinPerThreadMemory, kMinPerThreadCompute};
}  // namespace

std::size_t min_per_thread(Cost cost) noexcept {
  const auto c = static_cast<std::size_t>(cost);
  const std::size_t v = g_min[c].load(std::memory_order_relaxed);
  return v != 0 ? v : kDefaultMin[c];
}

void set_min_per_thread(Cost cost, std::size_t elements) noexcept {
  g_min[static_cast<std::size_t>(cost)].store(elements, std::memory_order_relaxed);
}

std::size_t threads_for(std::size_t n, Cost cost) noexcept {
  const std::size_t min_per = min_per_thread(cost);
  if (n < 2 * min_per) return 1;
  const std::size_t by_size = n / min_per;
  const std::size_t t = num_threads();
  return by_size < t ? by_size : t;
}

void run_parts(std::size_t parts, FunctionRef<void(std::size_t)> body, std::size_t max_threads) {
#if defined(TRUENO_PARALLEL)
  if (parts > 1 && parts <= Pool::kMaxParts && !t_in_part) {
    t_in_part = true;
    auto guarded = [&](std::size_t i) {
      const bool outer = t_in_part;
      t_in_part = true;
      body(i);
      t_in_part = outer;
    };
    const bool ran = Pool::instance().run(parts, guarded, max_threads);
    t_in_part = false;
    if (ran) return;
  }
#endif
  for (std::size_t i = 0; i < parts; ++i) body(i);
}

}  // namespace parallel
}  // namespace trueno
