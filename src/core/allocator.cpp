// allocator.cpp: 64-byte aligned result storage, with a bounded cache of large blocks so a
// big result does not pay one page fault per 4 KiB page on every call.
#include "core/allocator.hpp"

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <new>

#include "trueno/memory.hpp"
#include "trueno/vector.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace trueno {
namespace {

constexpr std::size_t kAlign = 64;
constexpr std::size_t kLarge = std::size_t{1} << 20;      // cached and huge-page aligned from here
constexpr std::size_t kHugeAlign = std::size_t{2} << 20;  // x86-64 / AArch64 (4K granule) huge page
constexpr std::size_t kSlots = 8;

std::atomic<std::size_t> g_allocations{0};

// Large sizes are rounded up to a grid of 8 steps per power of two (<= 12.5% slack), so a
// freed block serves later requests of nearby sizes, and deallocation can recompute the
// capacity from the size alone.
std::size_t capacity_for(std::size_t bytes) noexcept {
  if (bytes < kLarge) return (bytes + kAlign - 1) / kAlign * kAlign;
  int top = 63 - __builtin_clzll(bytes);
  const std::size_t step = std::size_t{1} << (top - 3);
  return (bytes + step - 1) / step * step;
}

struct Block {
  void* p = nullptr;
  std::size_t capacity = 0;
};

class LargeCache {
 public:
  LargeCache() {
    if (const char* env = std::getenv("TRUENO_CACHE_MB"); env != nullptr && *env != '\0')
      limit_ = static_cast<std::size_t>(std::strtoull(env, nullptr, 10)) << 20;
  }

  void* take(std::size_t capacity) noexcept {
    std::lock_guard<std::mutex> lock(m_);
    for (std::size_t i = 0; i < count_; ++i) {
      if (slots_[i].capacity == capacity) {
        void* p = slots_[i].p;
        held_ -= capacity;
        slots_[i] = slots_[--count_];
        return p;
      }
    }
    return nullptr;
  }

  // Keeps the block if it fits under the limit (evicting the oldest), else frees it.
  void give(void* p, std::size_t capacity) noexcept {
    std::unique_lock<std::mutex> lock(m_);
    if (capacity > limit_) {
      lock.unlock();
      std::free(p);
      return;
    }
    while (count_ > 0 && (count_ == kSlots || held_ + capacity > limit_)) evict_oldest();
    slots_[count_++] = {p, capacity};
    held_ += capacity;
  }

  void clear() noexcept {
    std::lock_guard<std::mutex> lock(m_);
    while (count_ > 0) evict_oldest();
  }

  void set_limit(std::size_t bytes) noexcept {
    std::lock_guard<std::mutex> lock(m_);
    limit_ = bytes;
    while (count_ > 0 && held_ > limit_) evict_oldest();
  }
  std::size_t limit() noexcept {
    std::lock_guard<std::mutex> lock(m_);
    return limit_;
  }
  std::size_t held() noexcept {
    std::lock_guard<std::mutex> lock(m_);
    return held_;
  }

 private:
  void evict_oldest() noexcept {  // slot 0 is the oldest; keep the order of the rest
    std::free(slots_[0].p);
    held_ -= slots_[0].capacity;
    for (std::size_t i = 1; i < count_; ++i) slots_[i - 1] = slots_[i];
    --count_;
  }

  std::mutex m_;
  Block slots_[kSlots];
  std::size_t count_ = 0;
  std::size_t held_ = 0;
  std::size_t limit_ = std::size_t{256} << 20;
};

// Never destroyed: Vectors with static storage duration may be freed after main returns.
LargeCache& cache() {
  static LargeCache* c = new LargeCache();
  return *c;
}

void* system_allocate(std::size_t capacity) {
  const std::size_t align = capacity >= kLarge ? kHugeAlign : kAlign;
  void* p = nullptr;
  if (posix_memalign(&p, align, capacity) != 0) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (capacity >= kLarge) madvise(p, capacity, MADV_HUGEPAGE);  // advisory: fewer, larger faults
#endif
  return p;
}

}  // namespace

namespace detail {

void* allocate_bytes(std::size_t bytes) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  const std::size_t capacity = capacity_for(bytes);
  if (capacity >= kLarge) {
    if (void* p = cache().take(capacity)) return p;
  }
  return system_allocate(capacity);
}

void deallocate_bytes(void* p, std::size_t bytes) noexcept {
  if (p == nullptr) return;
  const std::size_t capacity = capacity_for(bytes);
  if (capacity >= kLarge) {
    cache().give(p, capacity);
  } else {
    std::free(p);
  }
}

std::size_t allocation_count() noexcept { return g_allocations.load(std::memory_order_relaxed); }

}  // namespace detail

std::size_t memory_cache_limit() noexcept { return cache().limit(); }
void set_memory_cache_limit(std::size_t bytes) { cache().set_limit(bytes); }
std::size_t memory_cache_bytes() noexcept { return cache().held(); }
void release_cached_memory() noexcept { cache().clear(); }

}  // namespace trueno
