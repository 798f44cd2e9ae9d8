import { describe, expect, it } from 'vitest';
import { parseJavaMajor } from './java.ts';

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "25" 2025-09-16 LTS', 25],
    ['openjdk version "25.0.1" 2025-10-21 LTS', 25],
    ['openjdk version "17.0.16" 2025-07-15', 17],
    ['java version "1.8.0_402"', 8],
  ])('reads %s', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });

  it('returns undefined for unexpected output', () => {
    expect(parseJavaMajor('command not found')).toBeUndefined();
  });
});
