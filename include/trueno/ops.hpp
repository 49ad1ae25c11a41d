// trueno/ops.hpp: every span-level operation (element-wise, reductions, statistics).
#pragma once

#include "trueno/elementwise.hpp"
#include "trueno/reductions.hpp"
#include "trueno/statistics.hpp"
