// test_vector.cpp: Vector<T> ownership, alignment, adoption without copy, equality.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

TEST(Vector, ConstructionAndAccess) {
  Vector<float> v(5);
  EXPECT_EQ(v.size(), 5u);
  for (float x : v) EXPECT_EQ(x, 0.0f);
  Vector<double> w(3, 2.5);
  EXPECT_EQ(w[2], 2.5);
  Vector<std::int32_t> l = {1, 2, 3};
  EXPECT_EQ(l.size(), 3u);
  EXPECT_EQ(l[1], 2);
  EXPECT_TRUE(Vector<float>().empty());
  EXPECT_EQ(Vector<float>().data(), nullptr);
}

TEST(Vector, TrueNoStorageIs64ByteAligned) {
  for (std::size_t n : {1u, 3u, 17u, 1000u, 1u << 20}) {
    auto v = Vector<float>::uninitialized(n);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % 64, 0u) << n;
  }
}

TEST(Vector, FromSliceCopiesFromVecAdopts) {
  std::vector<float> src = {1, 2, 3, 4};
  auto copy = Vector<float>::from_slice(src);
  EXPECT_NE(copy.data(), src.data());
  copy[0] = 9;
  EXPECT_EQ(src[0], 1);
  const float* buffer = src.data();
  Vector<float> adopted(std::move(src));
  EXPECT_EQ(adopted.data(), buffer);  // no copy
  EXPECT_EQ(adopted.size(), 4u);
  Vector<float> moved(std::move(adopted));
  EXPECT_EQ(moved.data(), buffer);
  EXPECT_TRUE(adopted.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
  const auto r = trueno::add(std::span<const float>(moved), std::span<const float>(moved));
  EXPECT_EQ(r[3], 8.0f);
}

TEST(Vector, CopyMoveAndEquality) {
  Vector<double> a = {1.0, 2.0, 3.0};
  Vector<double> b = a;
  EXPECT_EQ(a, b);
  EXPECT_NE(a.data(), b.data());
  b[1] = -1;
  EXPECT_FALSE(a == b);
  Vector<double> c;
  c = std::move(b);
  EXPECT_EQ(c[1], -1.0);
  c = a;
  EXPECT_EQ(c, a);
  Vector<double> nan = {std::nan("")};
  EXPECT_FALSE(nan == nan);  // IEEE equality, like std::vector
  std::span<const double> s = a;
  EXPECT_EQ(s.size(), 3u);
  std::span<double> m = a;
  m[0] = 7;
  EXPECT_EQ(a[0], 7.0);
}

}  // namespace
}  // namespace trueno::test
