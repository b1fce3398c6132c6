import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CodingModelError, parseModelJson } from '../../server/coder/coding-model.ts';

const Schema = z.object({ talk: z.enum(['change', 'sustain', 'neutral']), subtype: z.string().nullable() });

describe('parseModelJson', () => {
  it('returns the validated object', () => {
    expect(parseModelJson('{"talk":"change","subtype":null}', Schema)).toEqual({ talk: 'change', subtype: null });
  });

  it.each([
    [null, 'bad JSON: empty reply'],
    ['   ', 'bad JSON: empty reply'],
    ['{"talk": "change"', /^bad JSON: /],
    ['{"talk":"maybe","subtype":null}', /^bad JSON: talk: /],
    ['{"talk":"change"}', /^bad JSON: subtype: /],
    ['[1]', /^bad JSON: \(root\): /],
  ])('rejects %j as bad JSON', (content, reason) => {
    try {
      parseModelJson(content, Schema);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CodingModelError);
      expect((err as CodingModelError).kind).toBe('bad_json');
      expect((err as CodingModelError).message).toMatch(reason);
    }
  });
});
