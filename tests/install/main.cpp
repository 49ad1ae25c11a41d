// main.cpp: the installed-package consumer: calls a few ops and checks their results.
#include <trueno/trueno.hpp>

#include <cstdio>
#include <vector>

int main() {
  const std::vector<float> a = {1, 2, 3, 4}, b = {4, 3, 2, 1};
  const auto c = trueno::add(a, b);
  const bool ok = c.size() == 4 && c[0] == 5.0f && trueno::sum(c) == 20.0f && trueno::argmax(a) == 3;
  std::printf("consumer: backend %s, %s\n", std::string(trueno::backend_name(trueno::active_backend())).c_str(),
              ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
