#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx), so `npx residual-lab` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`residual-lab: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
