import { describe, expect, it } from 'vitest';
import { newId, randomToken } from './ids.js';

describe('ids', () => {
  it('are a prefix and 22 base62 characters, never the same twice', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('tsk'));
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^tsk_[0-9A-Za-z]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('hold at least the bits asked for', () => {
    expect(randomToken(9)).toHaveLength(13);
    expect(randomToken(16)).toHaveLength(22);
    expect(randomToken(32)).toHaveLength(43);
  });

  it('use every digit about equally (no bias from the bytes skipped)', () => {
    const counts = new Map<string, number>();
    const text = Array.from({ length: 6_200 }, () => randomToken(32)).join('');
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
    const expected = text.length / 62;
    expect(counts.size).toBe(62);
    // 4,300 a digit on average; chance alone stays well within a tenth of it.
    for (const count of counts.values()) expect(Math.abs(count - expected)).toBeLessThan(expected * 0.1);
  });
});
