// trueno/error.hpp: the exception types every trueno operation throws on invalid input.
#pragma once

#include <stdexcept>
#include <string>

namespace trueno {

/// Base of every exception trueno throws. The message names the operation and the sizes.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Operands whose lengths (or shapes) must agree do not.
class SizeMismatch : public Error {
 public:
  using Error::Error;
};

/// The operation is undefined on empty input (mean, min, argmax, variance, ...).
class EmptyInput : public Error {
 public:
  using Error::Error;
};

/// An argument is outside the operation's domain (clamp with lo > hi, zero norm, ...).
class InvalidArgument : public Error {
 public:
  using Error::Error;
};

/// The exact integer result does not fit the result type (int64 sum or dot).
class Overflow : public Error {
 public:
  using Error::Error;
};

/// A backend was requested that is not compiled in or that this CPU cannot run.
class BackendUnavailable : public Error {
 public:
  using Error::Error;
};

}  // namespace trueno
