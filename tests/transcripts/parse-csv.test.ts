import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../server/transcripts/parse-csv.ts';

describe('parseCsv', () => {
  it.each([
    ['plain fields', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['quoted commas', 'a,"b, c"\n', [['a', 'b, c']]],
    ['doubled quotes', '"say ""hi""",x\n', [['say "hi"', 'x']]],
    ['a newline inside quotes', '"one\ntwo",x\ny,z\n', [['one\ntwo', 'x'], ['y', 'z']]],
    ['CRLF line ends', 'a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['no final newline', 'a,b\nc,d', [['a', 'b'], ['c', 'd']]],
    ['a leading BOM', '\uFEFFa,b\n', [['a', 'b']]],
    ['empty fields', ',,\n', [['', '', '']]],
    ['an empty quoted field', '"",x\n', [['', 'x']]],
    ['blank lines between records', 'a\n\nb\n', [['a'], ['b']]],
  ])('reads %s', (_name, input, expected) => {
    expect(parseCsv(input).map((r) => r.fields)).toEqual(expected);
  });

  it('records the line each record starts on, counting newlines inside quotes', () => {
    expect(parseCsv('h\n"a\nb"\nc\n\nd\n').map((r) => r.line)).toEqual([1, 2, 4, 6]);
  });

  it.each([
    ['an unterminated quote', 'a\n"open,x\n', 2, /unterminated/],
    ['text after a closing quote', '"a"b,c\n', 1, /after a closing quote/],
  ])('rejects %s with its line', (_name, input, line, reason) => {
    try {
      parseCsv(input);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CsvSyntaxError);
      expect((err as CsvSyntaxError).line).toBe(line);
      expect((err as CsvSyntaxError).reason).toMatch(reason);
    }
  });
});
