// trueno/trueno.hpp: the umbrella header: include this to use all of trueno.
#pragma once

#include "trueno/backend.hpp"
#include "trueno/error.hpp"
#include "trueno/memory.hpp"
#include "trueno/linalg.hpp"
#include "trueno/matrix.hpp"
#include "trueno/ops.hpp"
#include "trueno/threads.hpp"
#include "trueno/vector.hpp"
#include "trueno/version.hpp"
