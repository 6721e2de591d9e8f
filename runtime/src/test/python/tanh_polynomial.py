"""The coefficients of PortableMath.tanh's polynomial, tanh(a) = a + a^3 P(a^2) for 0 <= a < 0.55.

P is the Chebyshev interpolant of degree 4 (in w = a^2, on [0, 0.55^2]) of
(tanh(sqrt(w)) - sqrt(w)) / w^1.5, close to the minimax polynomial; its coefficients are rounded to
float and the relative error of a + a^3 P(a^2) against tanh is measured with those floats, in 50
digits. Run with Python 3 and mpmath (Debian: python3-mpmath):

    python3 runtime/src/test/python/tanh_polynomial.py

Printed on 2026-12-07 (mpmath 1.3.0), and written into PortableMath.TANH_3 .. TANH_11:

    TANH_3 = -0x1.555554p-2f
    TANH_5 = 0x1.110feap-3f
    TANH_7 = -0x1.b9a044p-5f
    TANH_9 = 0x1.5d220ep-6f
    TANH_11 = -0x1.b13538p-8f
    largest relative error 5.36e-09
"""
import struct

import mpmath as mp

mp.mp.dps = 50
LIMIT = mp.mpf("0.55")
DEGREE = 4


def to_float(x):
    """x rounded to the nearest float."""
    return struct.unpack("f", struct.pack("f", float(x)))[0]


def java_hex(x):
    """A float as Java writes a hexadecimal float literal."""
    mantissa, exponent = float(x).hex().split("p")
    return mantissa.rstrip("0").rstrip(".") + "p" + exponent + "f"


def quotient(w):
    if w == 0:
        return mp.mpf(-1) / 3
    a = mp.sqrt(w)
    return (mp.tanh(a) - a) / (w * a)


def main():
    top = LIMIT * LIMIT
    count = DEGREE + 1
    nodes = [top / 2 * (1 - mp.cos(mp.pi * (2 * k + 1) / (2 * count))) for k in range(count)]
    system = mp.matrix([[w ** j for j in range(count)] for w in nodes])
    coefficients = mp.lu_solve(system, mp.matrix([quotient(w) for w in nodes]))
    floats = [to_float(coefficients[j]) for j in range(count)]
    for j, c in enumerate(floats):
        print("TANH_%d = %s" % (2 * j + 3, java_hex(c)))
    worst = 0
    for i in range(1, 5501):
        a = LIMIT * i / 5500
        w = a * a
        p = sum(mp.mpf(c) * w ** j for j, c in enumerate(floats))
        worst = max(worst, abs(a + a * w * p - mp.tanh(a)) / mp.tanh(a))
    print("largest relative error %.3g" % worst)


if __name__ == "__main__":
    main()
