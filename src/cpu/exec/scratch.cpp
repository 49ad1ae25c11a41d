// scratch.cpp: the per-thread workspace buffers behind ScratchLease.
#include "cpu/exec/scratch.hpp"

#include <cstdlib>
#include <new>

namespace trueno::cpu::exec {
namespace {

struct Buffer {
  void* ptr = nullptr;
  std::size_t capacity = 0;
  void release() noexcept {
    std::free(ptr);
    ptr = nullptr;
    capacity = 0;
  }
  ~Buffer() { release(); }
};

thread_local Buffer t_buffers[3];

}  // namespace

ScratchLease::ScratchLease(ScratchSlot slot, std::size_t bytes) : slot_(slot) {
  Buffer& b = t_buffers[static_cast<int>(slot)];
  if (b.capacity < bytes || b.ptr == nullptr) {
    b.release();
    const std::size_t cap = (bytes + 63) / 64 * 64 + 64;
    b.ptr = std::aligned_alloc(64, cap);
    if (b.ptr == nullptr) throw std::bad_alloc();
    b.capacity = cap;
  }
  ptr_ = b.ptr;
}

ScratchLease::~ScratchLease() {
  Buffer& b = t_buffers[static_cast<int>(slot_)];
  if (b.capacity > kKeepBytes) b.release();
}

}  // namespace trueno::cpu::exec
