import { describe, expect, it, vi } from 'vitest';

// The analyser failing on an input no one foresaw (a bug met by real bytes): the upload must end
// as a rejection that says where it broke, never as an exception that Lambda would retry.
vi.mock('../../../../functions/domain/analyse-article', () => ({
  analyseDocument: (text: string) => {
    if (text.includes('poison')) throw new TypeError("Cannot read properties of undefined (reading 'x')");
    throw new RangeError('Maximum call stack size exceeded');
  },
}));

const { readUpload } = await import('../../../../functions/domain/analyse-upload');
const bytes = (text: string) => new TextEncoder().encode(text);

describe('an exception inside analysis', () => {
  it('becomes an unparseable rejection naming the stage and the error', () => {
    expect(readUpload({ bytes: bytes('a poison article'), key: 'a.txt' }, { maxBytes: 1000 })).toEqual({
      ok: false,
      reason: 'unparseable',
      detail: "analyse failed: TypeError: Cannot read properties of undefined (reading 'x')",
    });
    expect(readUpload({ bytes: bytes('deep nesting'), key: 'a.html' }, { maxBytes: 1000 })).toMatchObject({
      reason: 'unparseable',
      detail: 'analyse failed: RangeError: Maximum call stack size exceeded',
    });
  });
});
