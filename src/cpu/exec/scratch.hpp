// scratch.hpp: per-thread reusable workspace for the kernels that need one (GEMM packing
// buffers, the eigen solver's work arrays). Not a result allocation: it is not counted by the
// allocation audit, and it is reused by the next call on the same thread.
#pragma once

#include <cstddef>

namespace trueno::cpu::exec {

/// Independent buffers, so that an op holding one may call an op using another.
enum class ScratchSlot { gemm = 0, linalg = 1, reduce = 2 };

/// At least `bytes` of 64-byte aligned memory for the calling thread's `slot`, grown on demand
/// and kept for the next call; a buffer larger than kKeepBytes is freed when the lease ends, so
/// one huge call does not pin its workspace for the life of the thread. Leases of one slot
/// must not nest on a thread.
class ScratchLease {
 public:
  static constexpr std::size_t kKeepBytes = std::size_t{16} << 20;

  ScratchLease(ScratchSlot slot, std::size_t bytes);
  ~ScratchLease();
  ScratchLease(const ScratchLease&) = delete;
  ScratchLease& operator=(const ScratchLease&) = delete;

  template <class T>
  T* as() const noexcept {
    return static_cast<T*>(ptr_);
  }

 private:
  ScratchSlot slot_;
  void* ptr_;
};

}  // namespace trueno::cpu::exec
