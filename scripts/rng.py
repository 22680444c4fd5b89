"""Python mirror of src/linalg/cpu/rng.ts (mulberry32 + Box-Muller + partial Fisher-Yates).

Same seed, same stream, bit for bit for next_u32 / next / int / sample; normal() uses the
platform's log and cos, which may differ from V8's in the last ulp.
Run it to regenerate fixtures/rng.reference.json.
"""
import json
import math
import os

import numpy as np

MASK = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & MASK


def _to_uint32(seed):
    """ToUint32 as JavaScript's `seed >>> 0`: truncate toward zero, then modulo 2^32."""
    return int(math.trunc(seed)) & MASK


class Rng:
    def __init__(self, seed):
        self.state = _to_uint32(seed)

    def next_u32(self):
        self.state = (self.state + 0x6D2B79F5) & MASK
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t = t ^ ((t + _imul(t ^ (t >> 7), t | 61)) & MASK)
        return (t ^ (t >> 14)) & MASK

    def next(self):
        return self.next_u32() / 4294967296.0

    def int(self, n):
        return math.floor(self.next() * n)

    def normal(self):
        u1 = 1.0 - self.next()
        u2 = self.next()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def sample(self, n, k):
        if not (0 <= k <= n):
            raise ValueError(f"sample: need 0 <= k <= n, got n={n}, k={k}")
        idx = list(range(n))
        for i in range(k):
            j = i + self.int(n - i)
            idx[i], idx[j] = idx[j], idx[i]
        return idx[:k]

    def permutation(self, n):
        return self.sample(n, n)

    def normals(self, count):
        """[count] float64 standard normals in draw order (Rng.normals in TypeScript)."""
        return np.array([self.normal() for _ in range(count)], dtype=np.float64)


def _reference():
    out = {"generator": "scripts/rng.py", "seeds": []}
    for seed in (42, 2**32 + 7, -1):
        r = Rng(seed)
        entry = {"seed": seed}
        entry["nextU32"] = [r.next_u32() for _ in range(8)]
        entry["next"] = [r.next() for _ in range(8)]
        entry["int1000"] = [r.int(1000) for _ in range(8)]
        entry["normal"] = [r.normal() for _ in range(8)]
        entry["sample_100_10"] = r.sample(100, 10)
        entry["sample_5_5"] = r.sample(5, 5)
        entry["after"] = [r.next_u32() for _ in range(2)]
        out["seeds"].append(entry)
    return out


if __name__ == "__main__":
    path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "rng.reference.json")
    with open(path, "w") as f:
        json.dump(_reference(), f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(path))
