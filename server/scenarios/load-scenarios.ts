import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { ScenarioSchema, lineText, lineTheme, type Scenario, type ScenarioLine } from '../patient/scenario-schema.ts';

// Reads scenarios/*.yaml. Never throws for a bad file: the app starts with the valid scenarios
// and reports each problem as file, YAML line, field path and message.

export interface ScenarioProblem {
  file: string;
  line: number | null;
  path: string;
  message: string;
}

export interface LoadedScenarios {
  scenarios: Scenario[];
  problems: ScenarioProblem[];
}

const PLACEHOLDER = /\{([^}]*)\}/g;
const ALLOWED = new Set(['n', 'lower', 'name', 'goal']);

function fieldPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

/** Cross-field checks the schema cannot express. */
export function checkScenario(s: Scenario, fileBase: string | null): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  if (fileBase !== null && fileBase !== s.id) out.push({ path: ['id'], message: `id "${s.id}" must match the file name "${fileBase}"` });
  const themeSide = new Map(s.themes.map((t) => [t.id, t.side]));
  const seenIds = new Set<string>();
  for (const [i, t] of s.themes.entries()) {
    if (seenIds.has(t.id)) out.push({ path: ['themes', i, 'id'], message: `duplicate theme id "${t.id}"` });
    seenIds.add(t.id);
    const forKinds = ['desire', 'ability', 'reasons', 'need'];
    if (t.side === 'for' && !forKinds.includes(t.kind)) out.push({ path: ['themes', i, 'kind'], message: `a "for" theme must be desire, ability, reasons or need, not ${t.kind}` });
    if (t.side === 'against' && forKinds.includes(t.kind)) out.push({ path: ['themes', i, 'kind'], message: `an "against" theme must be fear, barrier, belief or habit, not ${t.kind}` });
  }
  if (!s.themes.some((t) => t.side === 'for')) out.push({ path: ['themes'], message: 'needs at least one "for" theme' });
  if (!s.themes.some((t) => t.side === 'against')) out.push({ path: ['themes'], message: 'needs at least one "against" theme' });
  const seenText = new Map<string, string>();
  const visit = (lines: readonly ScenarioLine[], p: (string | number)[], want: 'for' | 'against' | null) => {
    lines.forEach((line, i) => {
      const at = [...p, i];
      const text = lineText(line);
      const theme = lineTheme(line);
      if (theme !== null) {
        const sideOf = themeSide.get(theme);
        if (!sideOf) out.push({ path: [...at, 'theme'], message: `unknown theme "${theme}"` });
        else if (want && sideOf !== want) out.push({ path: [...at, 'theme'], message: `theme "${theme}" is a "${sideOf}" theme; lines here need a "${want}" theme` });
      }
      for (const m of text.matchAll(PLACEHOLDER)) {
        if (!ALLOWED.has(m[1] ?? '')) out.push({ path: at, message: `unknown placeholder {${m[1]}} (use {n}, {lower}, {name} or {goal})` });
      }
      const key = text.trim().toLowerCase();
      const prev = seenText.get(key);
      if (prev) out.push({ path: at, message: `duplicate line (also at ${prev})` });
      else seenText.set(key, fieldPath(at));
    });
  };
  const L = s.lines;
  visit(L.opening, ['lines', 'opening'], null);
  visit(L.neutral, ['lines', 'neutral'], null);
  visit(L.short, ['lines', 'short'], null);
  visit(L.agree ?? [], ['lines', 'agree'], null);
  visit(L.sustain, ['lines', 'sustain'], 'against');
  for (const [k, v] of Object.entries(L.change)) visit(v, ['lines', 'change', k], 'for');
  visit(L.discord, ['lines', 'discord'], 'against');
  visit(L.affirmed, ['lines', 'affirmed'], null);
  visit(L.summarised, ['lines', 'summarised'], null);
  visit(L.ruler.importance, ['lines', 'ruler', 'importance'], null);
  visit(L.ruler.confidence, ['lines', 'ruler', 'confidence'], null);
  visit(L.ruler.whyNotLower, ['lines', 'ruler', 'whyNotLower'], 'for');
  visit(L.planning, ['lines', 'planning'], 'for');
  visit(L.closing, ['lines', 'closing'], null);
  s.layers.forEach((l, i) => visit(l.lines, ['layers', i, 'lines'], null));
  for (const kind of ['importance', 'confidence'] as const) {
    L.ruler[kind].forEach((line, i) => {
      if (!lineText(line).includes('{n}')) out.push({ path: ['lines', 'ruler', kind, i], message: 'a ruler answer must contain {n}' });
    });
  }
  return out;
}

export function parseScenarioText(file: string, text: string): { scenario: Scenario | null; problems: ScenarioProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      scenario: null,
      problems: doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0]?.line ?? null,
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const lineOf = (p: readonly PropertyKey[]): number | null => {
    for (let n = p.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(p.slice(0, n) as (string | number)[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const parsed = ScenarioSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      scenario: null,
      problems: parsed.error.issues.map((i) => ({ file, line: lineOf(i.path), path: fieldPath(i.path), message: i.message })),
    };
  }
  const base = path.basename(file).replace(/\.ya?ml$/, '');
  const cross = checkScenario(parsed.data, base);
  if (base.startsWith('nl-') && parsed.data.language !== 'nl') cross.push({ path: ['language'], message: 'a file named nl-* must have language nl' });
  if (base.startsWith('en-') && parsed.data.language !== 'en') cross.push({ path: ['language'], message: 'a file named en-* must have language en' });
  const problems = cross.map((c) => ({ file, line: lineOf(c.path), path: fieldPath(c.path), message: c.message }));
  return { scenario: problems.length ? null : parsed.data, problems };
}

export function loadScenarios(dir: string): LoadedScenarios {
  const scenarios: Scenario[] = [];
  const problems: ScenarioProblem[] = [];
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    entries = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (err) {
    return { scenarios, problems: [{ file: dir, line: null, path: '', message: `cannot read scenario folder: ${(err as Error).message}` }] };
  }
  const byId = new Map<string, string>();
  for (const f of entries) {
    const file = path.join(dir, f);
    const { scenario, problems: p } = parseScenarioText(file, readFileSync(file, 'utf8'));
    problems.push(...p);
    if (!scenario) continue;
    const other = byId.get(scenario.id);
    if (other) {
      problems.push({ file, line: 1, path: 'id', message: `duplicate scenario id "${scenario.id}" (also in ${other})` });
      continue;
    }
    byId.set(scenario.id, file);
    scenarios.push(scenario);
  }
  return { scenarios, problems };
}

export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}
