import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNode, parseDocument, LineCounter } from 'yaml';
import { compileRubric, RubricError, type CompiledRubric, type RuleFile } from '../rubric/index.ts';

// The one place that reads rule files from disk: rubrics/<lang>/*.yaml → compileRubric.
// server/rubric stays pure; this adapter adds the file system and line numbers to errors.

export const DEFAULT_RUBRICS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../rubrics');

/** A rule file that could not be loaded; the message names file, field and line. */
export class RubricLoadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${reason}`);
    this.name = 'RubricLoadError';
  }
}

interface ParsedFile extends RuleFile {
  lineOf(fieldPath: (string | number)[]): number | null;
}

function parseYamlFile(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? (err.pos ? lineCounter.linePos(err.pos[0]).line : null);
    throw new RubricLoadError(file, line, null, `YAML: ${err.message.split('\n')[0]}`);
  }
  return {
    path: file,
    data: doc.toJS(),
    lineOf(fieldPath) {
      // The deepest node that exists along the path gives the best line.
      for (let n = fieldPath.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(fieldPath.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return null;
    },
  };
}

/** The rule files of one language folder, sorted by name for a stable rule order. */
export function readRuleFiles(dir: string): ParsedFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      return parseYamlFile(path.relative(process.cwd(), file) || file, readFileSync(file, 'utf8'));
    });
}

/** Load and compile rubrics/en and rubrics/nl (both languages in one CompiledRubric). */
export function loadRubrics(root: string = DEFAULT_RUBRICS_DIR): CompiledRubric {
  const files: ParsedFile[] = [];
  for (const lang of ['en', 'nl']) {
    let entries: ParsedFile[] = [];
    try {
      entries = readRuleFiles(path.join(root, lang));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    files.push(...entries);
  }
  try {
    return compileRubric(files);
  } catch (err) {
    if (err instanceof RubricError) {
      const f = files.find((x) => x.path === err.file);
      const field = err.message.slice(err.file.length + 2).split(': ')[0] ?? null;
      throw new RubricLoadError(err.file, f?.lineOf(err.fieldPath) ?? null, field, err.reason);
    }
    throw err;
  }
}

let cached: CompiledRubric | null = null;

/** The project's rubric, loaded once per process. */
export function defaultRubric(): CompiledRubric {
  cached ??= loadRubrics();
  return cached;
}
