/**
 * One-dimensional Nelder-Mead, step for step scipy.optimize.fmin with its defaults (xtol = ftol = 1e-4,
 * maxiter = maxfun = 200, coefficients rho 1, chi 2, psi 0.5, sigma 0.5, initial simplex
 * {x0, 1.05 x0} or {0, 0.00025}). WeightWatcher polishes its Marchenko-Pastur grid search with
 * fmin (scipy.optimize.brute's default `finish`), and the lab must land on the same sigma, so the
 * order of tests, the tie rules of the sort (stable) and the stopping rule are scipy's.
 */

export interface MinimizeResult {
  /** the best point found */
  x: number;
  /** f(x) */
  fun: number;
  /** number of f evaluations */
  nfev: number;
  /** 0 converged, 1 maxfun reached, 2 maxiter reached (scipy's warnflag) */
  status: 0 | 1 | 2;
}

class MaxCalls extends Error {}

export function nelderMead1d(f: (x: number) => number, x0: number): MinimizeResult {
  const xatol = 1e-4;
  const fatol = 1e-4;
  const maxiter = 200;
  const maxfun = 200;
  let nfev = 0;
  const call = (x: number): number => {
    if (nfev >= maxfun) throw new MaxCalls();
    nfev++;
    return f(x);
  };
  // sim[0] is the best vertex after every sort; a NaN value sorts last like numpy's argsort.
  let s0 = x0;
  let s1 = x0 !== 0 ? (1 + 0.05) * x0 : 0.00025;
  let f0 = Infinity;
  let f1 = Infinity;
  const sort = (): void => {
    if (f1 < f0 || (Number.isNaN(f0) && !Number.isNaN(f1))) {
      [s0, s1] = [s1, s0];
      [f0, f1] = [f1, f0];
    }
  };
  try {
    f0 = call(s0);
    f1 = call(s1);
  } catch (e) {
    if (!(e instanceof MaxCalls)) throw e;
  }
  sort();
  let iterations = 1;
  while (nfev < maxfun && iterations < maxiter) {
    try {
      if (Math.abs(s1 - s0) <= xatol && Math.abs(f0 - f1) <= fatol) break;
      const xbar = s0;
      const xr = 2 * xbar - 1 * s1;
      const fxr = call(xr);
      if (fxr < f0) {
        const xe = 3 * xbar - 2 * s1;
        const fxe = call(xe);
        if (fxe < fxr) [s1, f1] = [xe, fxe];
        else [s1, f1] = [xr, fxr];
      } else {
        // scipy's "fxr < fsim[-2]: accept xr" test is skipped: in one dimension fsim[-2] is fsim[0].
        let shrink = false;
        if (fxr < f1) {
          const xc = 1.5 * xbar - 0.5 * s1;
          const fxc = call(xc);
          if (fxc <= fxr) [s1, f1] = [xc, fxc];
          else shrink = true;
        } else {
          const xcc = 0.5 * xbar + 0.5 * s1;
          const fxcc = call(xcc);
          if (fxcc < f1) [s1, f1] = [xcc, fxcc];
          else shrink = true;
        }
        if (shrink) {
          s1 = s0 + 0.5 * (s1 - s0);
          f1 = call(s1);
        }
      }
      iterations++;
    } catch (e) {
      if (!(e instanceof MaxCalls)) throw e;
    }
    sort();
  }
  const status = nfev >= maxfun ? 1 : iterations >= maxiter ? 2 : 0;
  return { x: s0, fun: Math.min(f0, f1), nfev, status };
}
