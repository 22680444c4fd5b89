import { describe, it, expect } from 'vitest';
import { allNames, uniqueName } from './names';
import type { GraphProto } from './proto';

describe('graph names', () => {
  it('collects inputs, outputs, initializers and node values, also inside subgraphs; skips empty optional inputs', () => {
    const body: GraphProto = { node: [{ opType: 'Identity', input: ['x'], output: ['inner'] }], output: [{ name: 'inner' }] };
    const g: GraphProto = {
      input: [{ name: 'x' }],
      output: [{ name: 'y' }],
      initializer: [{ name: 'w' }],
      node: [
        { opType: 'Clip', input: ['x', '', 'w'], output: ['c'] },
        { opType: 'If', input: ['c'], output: ['y'], attribute: [{ name: 'then_branch', g: body }] },
      ],
    };
    expect([...allNames(g)].sort()).toEqual(['c', 'inner', 'w', 'x', 'y']);
  });

  it('numbers a taken base and takes the new name', () => {
    const taken = new Set(['a', 'a_1']);
    expect(uniqueName('a', taken)).toBe('a_2');
    expect(uniqueName('a', taken)).toBe('a_3');
    expect(uniqueName('b', taken)).toBe('b');
    expect(taken.has('b')).toBe(true);
  });
});
