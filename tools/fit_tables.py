#!/usr/bin/env python3
"""fit_tables.py: the 16-entry piecewise polynomial tables of src/cpu/kernels/math_tables.inl.

Each function f is split into 16 pieces [lo + i h, lo + (i + 1) h]; on piece i the polynomial is
in t in [0, 1] (the argument scaled so that t = s - floor(s) is exact), fitted by Chebyshev
interpolation in mpmath (near-minimax), then its monomial coefficients rounded to float32 and
the relative error of the ROUNDED polynomial measured on a dense grid.
Run: python3 tools/fit_tables.py [gelu|softplus] [degree]
"""
import struct
import sys
import mpmath as mp

mp.mp.dps = 40


def lit(v):
    r = f'{float(v):.9g}'
    return (r if ('.' in r or 'e' in r) else r + '.0') + 'f'


def f32(v):
    return struct.unpack('f', struct.pack('f', float(v)))[0]


def cheb_fit(g, deg):
    """Monomial coefficients (in t on [0, 1]) of the Chebyshev interpolant of g at deg + 1 nodes."""
    n = deg + 1
    nodes = [mp.mpf(1) / 2 + mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) / 2 for k in range(n)]
    vals = [g(t) for t in nodes]
    # Solve the Vandermonde system (small, exact enough at 40 digits).
    A = mp.matrix(n, n)
    for i, t in enumerate(nodes):
        for j in range(n):
            A[i, j] = t ** j
    return list(mp.lu_solve(A, mp.matrix(vals)))


def fit(name, f, lo, h, deg, pieces=None):
    """pieces: 16 (slot, a, b, centre) with t = x - centre on [a, b]; default uniform, t in [0, 1]."""
    tabs = [[0.0] * 16 for _ in range(deg + 1)]
    if pieces is None:
        pieces = [(i, lo + i * h, lo + (i + 1) * h, None) for i in range(16)]
    ctr = [0.0] * 16
    worst = 0
    for slot, a, b, cen in pieces:
        i = slot
        if cen is None:
            g = lambda t, a=a, b=b: f(a + t * (b - a))
        else:
            ctr[slot] = cen
            g = lambda t, a=a, b=b: f(a + t * (b - a))
        c = cheb_fit(g, deg)
        if cen is not None:  # re-expand in u = x - cen: t = (u + cen - a) / (b - a)
            w = b - a
            # p(t) = sum c_j t^j with t = (u + d) / w, d = cen - a
            d = cen - a
            poly = [mp.mpf(0)] * (deg + 1)
            for j, cj in enumerate(c):
                # (u + d)^j / w^j
                for k in range(j + 1):
                    poly[k] += cj * mp.binomial(j, k) * d ** (j - k) / w ** j
            c = poly
        cr = [f32(v) for v in c]
        for j in range(deg + 1):
            tabs[j][slot] = cr[j]
        e = 0
        for k in range(801):
            t = mp.mpf(k) / 800
            x = a + t * (b - a)
            arg = x - cen if cen is not None else t
            p = mp.polyval([mp.mpf(v) for v in cr[::-1]], arg)
            e = max(e, abs(p / f(x) - 1))
        worst = max(worst, e)
        print(f'// piece {slot} [{float(a)}, {float(b)}]: rel err 2^{float(mp.log(e, 2)) if e else -99:.1f}', file=sys.stderr)
    print(f'// {name}: degree {deg}, max rel err of the rounded coefficients 2^{float(mp.log(worst, 2)):.1f}')
    for j in range(deg + 1):
        pass
    if pieces[0][3] is not None:
        print(f'alignas(64) constexpr float k{name}Ctr[16] = {{' + ', '.join(lit(v) for v in ctr) + '};')
    for j in range(deg + 1):
        print(f'alignas(64) constexpr float k{name}C{j}[16] = {{' + ', '.join(lit(v) for v in tabs[j]) + '};')


def gelu_h(a):  # Phi(-a) e^(a^2/2)
    return mp.erfc(a / mp.sqrt(2)) / 2 * mp.exp(a * a / 2)


def softplus_m(w):  # (w - log1p(w)) / w^2
    return (w - mp.log1p(w)) / (w * w) if w != 0 else mp.mpf(1) / 2


if __name__ == '__main__':
    which = sys.argv[1] if len(sys.argv) > 1 else 'gelu'
    deg = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if which == 'gelu':
        # pieces by the bits of b = a + 1 in [1, 16): exponent e (0..3) and the top two mantissa
        # bits m; slot = ((127 + e) & 3) << 2 | m, i.e. bits(b) >> 21 taken mod 16.
        pieces = []
        for e in range(4):
            for m in range(4):
                lo_b = 2 ** e * (1 + mp.mpf(m) / 4)
                hi_b = 2 ** e * (1 + mp.mpf(m + 1) / 4)
                a, b = lo_b - 1, hi_b - 1
                cen = f32((a + b) / 2)
                pieces.append(((((127 + e) & 3) << 2) | m, a, b, mp.mpf(cen)))
        fit('GeluH', gelu_h, 0, 0, deg, pieces)
    elif which == 'softplus':
        fit('SoftplusM', softplus_m, mp.mpf(0), mp.mpf(1) / 16, deg)
