// Exact 2D orientation predicate (Shewchuk's adaptive approach, simplified): a fast
// floating-point filter with an exact expansion fallback. Private to the engine.
#pragma once

#include <cmath>

namespace kk::internal {

// Shewchuk's error bound for orient2d evaluated plainly in doubles ("ccwerrboundA" in his
// predicates.c): when |det| exceeds it times (|left| + |right|), det has the exact sign.
inline constexpr double kOrientEpsilon = 0x1p-53;
inline constexpr double kOrientBound = (3.0 + 16.0 * kOrientEpsilon) * kOrientEpsilon;

// a + b = s + e exactly (Knuth's TwoSum).
inline void two_sum(double a, double b, double& s, double& e) {
  s = a + b;
  const double bv = s - a, av = s - bv;
  e = (a - av) + (b - bv);
}

// a - b = d + e exactly.
inline void two_diff(double a, double b, double& d, double& e) {
  d = a - b;
  const double bv = a - d, av = d + bv;
  e = (a - av) + (bv - b);
}

// Sign of (x2 - x1)(py - y1) - (y2 - y1)(px - x1) in exact arithmetic: each difference split
// into two doubles, the products into 16 exact terms (std::fma is exactly rounded), summed
// into a nonoverlapping expansion (Shewchuk's Grow-Expansion), whose largest nonzero
// component carries the sign. Slow, and only reached when the filter cannot decide.
[[gnu::noinline]] inline int orientation_exact(double x1, double y1, double x2, double y2, double px,
                                               double py) {
  double a[2], b[2], c[2], d[2];
  two_diff(x2, x1, a[0], a[1]);
  two_diff(py, y1, b[0], b[1]);
  two_diff(y2, y1, c[0], c[1]);
  two_diff(px, x1, d[0], d[1]);
  double terms[16];
  int n = 0;
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      const double p = a[i] * b[j];
      terms[n++] = p;
      terms[n++] = std::fma(a[i], b[j], -p);
      const double q = c[i] * d[j];
      terms[n++] = -q;
      terms[n++] = -std::fma(c[i], d[j], -q);
    }
  }
  double expansion[16];
  int m = 0;
  for (const double term : terms) {
    double q = term;
    for (int k = 0; k < m; ++k) {
      double sum, err;
      two_sum(q, expansion[k], sum, err);
      expansion[k] = err;
      q = sum;
    }
    expansion[m++] = q;
  }
  for (int k = m - 1; k >= 0; --k) {
    if (expansion[k] != 0.0) return expansion[k] > 0.0 ? 1 : -1;
  }
  return 0;
}

// +1 when (px, py) is left of the directed segment (x1, y1) -> (x2, y2), -1 right of it,
// 0 on its line; exact for the doubles given.
inline int orientation(double x1, double y1, double x2, double y2, double px, double py) {
  const double left = (x2 - x1) * (py - y1);
  const double right = (y2 - y1) * (px - x1);
  const double det = left - right;
  const double bound = kOrientBound * (std::abs(left) + std::abs(right));
  if (det > bound) return 1;
  if (-det > bound) return -1;
  return orientation_exact(x1, y1, x2, y2, px, py);
}

}  // namespace kk::internal
