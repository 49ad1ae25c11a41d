// trueno/ops.hpp: every span-level operation (element-wise, math, activations, reductions,
// statistics).
#pragma once

#include "trueno/activations.hpp"
#include "trueno/elementwise.hpp"
#include "trueno/math.hpp"
#include "trueno/reductions.hpp"
#include "trueno/statistics.hpp"
