#!/usr/bin/env python3
"""fit_poly.py: derives the polynomial coefficients of src/cpu/kernels/math_*.inl.

Near-minimax fits by iterated Remez exchange (falls back to Chebyshev interpolation as the
start), in mpmath at 60 digits, coefficients rounded to the target precision, error of the
ROUNDED polynomial measured on a dense grid. Run: python3 tools/fit_poly.py [name ...]
"""
import sys
import mpmath as mp

mp.mp.dps = 60


def remez(f, a, b, deg, rel=None, iters=30):
    """Minimax polynomial p of degree deg for f on [a, b]; error weighted by 1/rel(x) if given."""
    w = (lambda x: 1 / rel(x)) if rel else (lambda x: mp.mpf(1))
    n = deg + 2
    xs = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (n - 1 - i) / (n - 1)) for i in range(n)]
    coeffs = None
    for _ in range(iters):
        # Solve p(x_i) + (-1)^i E / w(x_i) = f(x_i).
        A = mp.matrix(n, n)
        rhs = mp.matrix(n, 1)
        for i, x in enumerate(xs):
            for j in range(deg + 1):
                A[i, j] = x ** j
            A[i, deg + 1] = (-1) ** i / w(x)
            rhs[i] = f(x)
        sol = mp.lu_solve(A, rhs)
        coeffs = [sol[j] for j in range(deg + 1)]
        err = lambda x: (mp.polyval(coeffs[::-1], x) - f(x)) * w(x)
        # New extrema: scan a grid, pick the extremum in each sign-alternating segment.
        grid = [a + (b - a) * k / 4000 for k in range(4001)]
        vals = [err(x) for x in grid]
        segs = []
        cur = [0]
        for k in range(1, len(grid)):
            if mp.sign(vals[k]) != mp.sign(vals[cur[-1]]) and vals[k] != 0:
                segs.append(cur)
                cur = [k]
            else:
                cur.append(k)
        segs.append(cur)
        ext = [max(s, key=lambda k: abs(vals[k])) for s in segs]
        if len(ext) < n:
            break
        # keep the n consecutive extrema with the largest minimum
        best = max(range(len(ext) - n + 1), key=lambda s: min(abs(vals[k]) for k in ext[s:s + n]))
        newx = []
        for k in ext[best:best + n]:
            # refine by golden search around the grid point
            lo, hi = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
            g = lambda x: -abs(err(x))
            try:
                xm = mp.findroot(lambda x: mp.diff(err, x), grid[k], tol=mp.mpf(10) ** -40)
                if not (lo <= xm <= hi):
                    xm = grid[k]
            except Exception:
                xm = grid[k]
            newx.append(xm)
        newx[0], newx[-1] = max(newx[0], a), min(newx[-1], b)
        if max(abs(x - y) for x, y in zip(newx, xs)) < mp.mpf(10) ** -30:
            break
        xs = newx
    return coeffs


def rounded(coeffs, prec):
    if prec == 24:
        import struct
        return [mp.mpf(struct.unpack('f', struct.pack('f', float(c)))[0]) for c in coeffs]
    return [mp.mpf(float(c)) for c in coeffs]


def max_err(f, coeffs, a, b, rel=None, n=20000):
    m = 0
    for k in range(n + 1):
        x = a + (b - a) * k / n
        e = abs(mp.polyval(coeffs[::-1], x) - f(x))
        if rel:
            e /= abs(rel(x))
        if not mp.isfinite(e):
            return mp.inf
        m = max(m, e)
    return m


def show(name, coeffs, prec, err, c0=None):
    fmt = (lambda c: '%.9gf' % float(c)) if prec == 24 else (lambda c: '%.17g' % float(c))
    if c0 is not None:  # the constant term split hi + lo (its rounding would dominate)
        print('  c0 = %s + %s' % (fmt(coeffs[0]), fmt(rounded([c0 - coeffs[0]], prec)[0])))
    print('%s: max err 2^%.1f' % (name, float(mp.log(err, 2)) if err > 0 else -999))
    print('  ' + ', '.join(fmt(c) for c in coeffs))


def fit(name, f, a, b, deg, prec, rel=None, c0=None):
    c = rounded(remez(f, a, b, deg, rel), prec)
    if c0 is not None:  # the constant term is used as an exact hi + lo pair
        c[0] = c0
    e = max_err(f, c, a, b, rel)
    # The exchange can fail on ill-conditioned cases: Chebyshev interpolation is near-minimax.
    cheb = rounded(mp.chebyfit(lambda x: f(x) / (rel(x) if rel else 1), [a, b], deg + 1), prec)[::-1] if not rel else None
    if cheb is not None:
        ec = max_err(f, cheb, a, b, rel)
        if not mp.isfinite(e) or ec < e:
            c, e = cheb, ec
    show(name, rounded(c, prec), prec, e, c0)


LN2 = mp.log(2)
H = LN2 / 2 + mp.mpf('1e-4')  # |r| <= ln2/2 plus slack for the rounded reduction


def q_exp(r):  # (e^r - 1 - r) / r^2
    return (mp.exp(r) - 1 - r) / r ** 2 if r != 0 else mp.mpf(0.5)


def r_log(z):  # log(1+f) = 2s + s R(z), z = s^2: R(z) = (2 atanh(s) - 2 s) / s, fitted as R(z)/z
    s = mp.sqrt(z)
    return (2 * mp.atanh(s) - 2 * s) / (s * z) if z != 0 else mp.mpf(2) / 3


SMAX2 = ((mp.sqrt(2) - 1) / (mp.sqrt(2) + 1)) ** 2 * mp.mpf(1.0001)


def t_tanh(z):  # tanh(x) = x + x^3 P(x^2): P(z) = (tanh(x) - x) / x^3
    x = mp.sqrt(z)
    return (mp.tanh(x) - x) / x ** 3 if z != 0 else mp.mpf(-1) / 3


JOBS = {
    'exp_f32': lambda: fit('exp q(r) f32', q_exp, -H, H, 5, 24),
    'exp_f64': lambda: fit('exp q(r) f64', q_exp, -H, H, 10, 53),
    'log_f32': lambda: fit('log R(z)/z f32', r_log, mp.mpf(0), SMAX2, 3, 24),
    'log_f64': lambda: fit('log R(z)/z f64', r_log, mp.mpf(0), SMAX2, 6, 53),
    'tanh_f32': lambda: fit('tanh P(z) f32 |x|<0.55', t_tanh, mp.mpf(0), mp.mpf('0.3025'), 5, 24),
    'tanh_f64': lambda: fit('tanh P(z) f64 |x|<0.55', t_tanh, mp.mpf(0), mp.mpf('0.3025'), 11, 53),
}



def split_constants():
    """Cody-Waite splits: hi with few significant bits (k * hi exact), lo = rest."""
    import struct
    f32 = lambda v: struct.unpack('f', struct.pack('f', float(v)))[0]

    def split(v, bits, prec):
        e = mp.floor(mp.log(abs(v), 2))
        hi = mp.floor(v / mp.mpf(2) ** (e - bits + 1)) * mp.mpf(2) ** (e - bits + 1)
        lo = v - hi
        return float(hi), (f32(lo) if prec == 24 else float(lo))

    for name, v in [('ln2', LN2), ('log10(2)', mp.log10(2))]:
        print(name, 'f32 (16 bits):', '%.9g %.9g' % split(v, 16, 24), ' f64 (42 bits): %.17g %.17g' % split(v, 42, 53))
    for name, v in [('1/ln2', 1 / LN2), ('1/ln10', 1 / mp.log(10))]:
        h32 = f32(v); h64 = float(v)
        print(name, 'f32: %.9g %.9g' % (h32, f32(v - h32)), ' f64: %.17g %.17g' % (h64, float(v - h64)))


JOBS['constants'] = split_constants


ERFC_K = mp.mpf('2.5')


def erfc_g(t):  # erfc(z) = e^-z^2 g(t) / (z + K), t = (z - K) / (z + K)
    z = ERFC_K * (1 + t) / (1 - t)
    return mp.erfc(z) * mp.exp(z * z) * (z + ERFC_K)


def erf_p(s):  # erf(u) = u P(u^2) for |u| < 0.75
    u = mp.sqrt(s)
    return mp.erf(u) / u if s != 0 else 2 / mp.sqrt(mp.pi)


def erfc_fit(deg, zmax, prec):
    a = (mp.mpf('0.75') - ERFC_K) / (mp.mpf('0.75') + ERFC_K)
    b = (zmax - ERFC_K) / (zmax + ERFC_K)
    exact = mp.chebyfit(erfc_g, [a, b], deg + 1)[::-1]
    c = rounded(exact, prec)
    c0 = exact[0]
    c[0] = c0  # measured with the split constant (exact to the working precision)
    show('erfc g(t) z in [0.75, %s] (relative)' % zmax, rounded(c, prec), prec, max_err(erfc_g, c, a, b, erfc_g), c0)


JOBS['erfc_f32'] = lambda: erfc_fit(12, mp.mpf(11), 24)
JOBS['erfc_f64'] = lambda: erfc_fit(26, mp.mpf(28), 53)
JOBS['erf_f32'] = lambda: fit('erf P(s) |u| < 0.75', erf_p, mp.mpf(0), mp.mpf('0.5625'), 6, 24, c0=2 / mp.sqrt(mp.pi))
JOBS['erf_f64'] = lambda: fit('erf P(s) |u| < 0.75', erf_p, mp.mpf(0), mp.mpf('0.5625'), 11, 53)


def odd_p(f):  # P(z) with f(x) = x + x^3 P(x^2)
    def g(z):
        x = mp.sqrt(z)
        return (f(x) - x) / x ** 3 if z != 0 else (mp.diff(f, 0, 3) / 6)
    return g


def cos_q(z):  # cos(r) = 1 - r^2/2 + r^4 Q(r^2)
    r = mp.sqrt(z)
    return (mp.cos(r) - 1 + z / 2) / z ** 2 if z != 0 else mp.mpf(1) / 24


PI4SQ = (mp.pi / 4) ** 2 * mp.mpf('1.001')
JOBS['sinh_f64'] = lambda: fit('sinh P(z) |x| < 1', odd_p(mp.sinh), mp.mpf(0), mp.mpf(1), 9, 53)
JOBS['asin_f64'] = lambda: fit('asin P(z) |x| <= 0.5', odd_p(mp.asin), mp.mpf(0), mp.mpf('0.25'), 13, 53)
JOBS['atan_f64'] = lambda: fit('atan P(z) |t| <= tan(pi/8)', odd_p(mp.atan), mp.mpf(0), (mp.sqrt(2) - 1) ** 2 * mp.mpf('1.001'), 13, 53)
JOBS['sin_f64'] = lambda: fit('sin P(z) |r| <= pi/4', odd_p(mp.sin), mp.mpf(0), PI4SQ, 7, 53)
JOBS['cos_f64'] = lambda: fit('cos Q(z) |r| <= pi/4', cos_q, mp.mpf(0), PI4SQ, 7, 53)
JOBS['cbrt0'] = lambda: fit('cbrt initial on [0.7, 5.7]', mp.cbrt, mp.mpf('0.7'), mp.mpf('5.7'), 3, 53)


def trig_constants():
    """pi/2 = C1 + C2 + C3 + C4 (36-bit parts: k * Ci exact for |k| < 2^17), and the bits of
    2/pi as 64-bit words behind 64 zero bits (the Payne-Hanek table of math_trig.inl)."""
    mp.mp.dps = 500
    v = mp.pi / 2
    parts = []
    for _ in range(3):
        e = mp.floor(mp.log(abs(v), 2))
        q = mp.mpf(2) ** (e - 35)
        hi = mp.floor(v / q) * q
        parts.append(hi)
        v -= hi
    parts.append(mp.mpf(float(v)))
    print('pi/2 parts:', ', '.join('%.17g' % float(p_) for p_ in parts))
    twoopi = 2 / mp.pi
    words = [0]
    frac = twoopi
    for _ in range(20):
        frac *= mp.mpf(2) ** 64
        w = int(mp.floor(frac))
        words.append(w)
        frac -= w
    print('2/pi words:', ', '.join('0x%016xULL' % w for w in words))
    hi = float(mp.pi / 2)
    print('pi/2 hi/lo: %.17g %.17g' % (hi, float(mp.pi / 2 - hi)))
    mp.mp.dps = 60


JOBS['trig_constants'] = trig_constants

if __name__ == '__main__':
    for name in (sys.argv[1:] or JOBS):
        JOBS[name]()
