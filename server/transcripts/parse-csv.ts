// A small RFC 4180 CSV reader: quoted fields with embedded commas, quotes ("") and newlines,
// CRLF or LF line ends, a leading UTF-8 BOM. Written here rather than added as a package because
// the whole job is ~80 lines and every record must carry the line it started on for errors.

import { describeProblem, problem, type TranscriptProblem } from './transcript-problem.ts';

export interface CsvRecord {
  /** 1-based line number where the record starts in the file. */
  line: number;
  fields: string[];
}

/** Raised for malformed CSV (an unterminated quote, text after a closing quote). */
export class CsvSyntaxError extends Error {
  readonly reason: string;
  constructor(
    readonly line: number,
    readonly problem: TranscriptProblem,
  ) {
    const reason = describeProblem(problem);
    super(`line ${line}: ${reason}`);
    this.reason = reason;
    this.name = 'CsvSyntaxError';
  }
}

/** Parse CSV text into records. Blank lines between records are skipped. */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    // Read one record.
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(quoteLine, problem('csv_unclosed_quote'));
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(line, problem('csv_text_after_quote', { text: JSON.stringify(text.slice(i, i + 20)) }));
        }
      } else {
        const start = i;
        while (i < n) {
          const ch = text[i]!;
          if (ch === ',' || ch === '\n' || ch === '\r') break;
          i++;
        }
        field = text.slice(start, i);
      }
      fields.push(field);
      if (i >= n) break;
      const ch = text[i]!;
      if (ch === ',') {
        i++;
        continue;
      }
      // End of record: \n, \r\n or a lone \r.
      if (ch === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ line: startLine, fields });
  }
  return records;
}
