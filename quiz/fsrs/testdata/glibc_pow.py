# Writes glibc_pow.txt: x, y, x**y as CPython computes it (float ** calls
# the C library's pow) and x^y correctly rounded (mpmath, 300 bits), as hex
# floats, over the ranges FSRS uses. Regenerate with
#   python3 glibc_pow.py > glibc_pow.txt
import math
import random

from mpmath import mp, mpf, power

mp.prec = 300

rng = random.Random(20260601)
cases = []
for _ in range(1500):  # x^y for S, D, 1+F*t/S and retention bases
    x = math.exp(rng.uniform(math.log(0.001), math.log(1e9)))
    y = rng.uniform(-10, 10)
    cases.append((x, y))
for _ in range(500):  # retention^(1/decay)
    cases.append((rng.uniform(0.7, 0.97), -1 / rng.uniform(0.1, 0.8)))
for _ in range(1000):  # math.e ** z
    cases.append((math.e, rng.uniform(-20, 20)))
for _ in range(500):  # near 1, where log cancels
    cases.append((1 + rng.uniform(-1e-6, 1e-6), rng.uniform(-10, 10)))
for x, y in cases:
    print(x.hex(), y.hex(), (x**y).hex(), float(power(mpf(x), mpf(y))).hex())
