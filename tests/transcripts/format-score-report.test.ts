import { describe, expect, it } from 'vitest';
import { scoreTranscript } from '../../server/rubric/score-transcript.ts';
import { suggestAlternatives } from '../../server/rubric/suggest-alternative.ts';
import { formatScoreReport, sparkline } from '../../server/transcripts/format-score-report.ts';
import { C, conversation, P } from '../rubric/score-fixtures.ts';

const turns = conversation([P('OQ'), C('change', 'desire'), P('CR'), C('sustain', 'ability'), P('RR'), C('change', 'reasons')]);
turns[4]!.codes[0]!.text = 'You should walk more.';

describe('formatScoreReport', () => {
  it('marks each MITI figure with its level and lists alternatives, in English', () => {
    const scores = scoreTranscript(turns, { language: 'en' });
    const text = formatScoreReport({ id: 'c1', language: 'en', scores, alternatives: suggestAlternatives(turns, 'en') });
    expect(text).toMatch(/^Conversation c1 \(en\) — 3 practitioner turns, 3 client turns\nOverall: \d+\/100\n/);
    expect(text).toMatch(/Reflection:question \(R:Q\)\s+1\.00\s+1\s+2\s+fair/);
    expect(text).toMatch(/% complex reflections\s+100\.0\s+40\s+50\s+good ✓/);
    expect(text).toContain('Change talk drawn out by: turn 0 (OQ) → turn 1 (desire); turn 4 (RR) → turn 5 (reasons)');
    expect(text).toContain('turn 4 (RR): "You should walk more."');
    expect(text).toContain('to walk more');
  });

  it('writes Dutch labels for a Dutch conversation', () => {
    const text = formatScoreReport({ id: 'g', language: 'nl', scores: scoreTranscript(turns, { language: 'nl' }) });
    expect(text).toContain('Gesprek g (nl)');
    expect(text).toMatch(/Reflectie:vraag \(R:V\)\s+1\.00\s+1\s+2\s+redelijk/);
    expect(text).toContain('Verandertaal ontlokt door: beurt 0 (OQ) → beurt 1 (wens)');
    // DARN-CAT and the parts of overall in Dutch too.
    expect(text).toContain('wens 1/0 · vermogen 0/1 · redenen 1/0');
    expect(text).toMatch(/Onderdelen van het totaal: MI-conformiteit [\d.]+ \(w 0\.2\) · ontlokken/);
    expect(text).toMatch(/gewogen gemiddelde [\d.]+ × factor [\d.]+ = \d+ \/ 100/);
    expect(text).not.toMatch(/\b(?:desire|ability|evoking)\b/);
    expect(text).not.toContain('Probeer liever');
  });

  it('shows change and sustain talk without a subtype, only when there is some', () => {
    expect(formatScoreReport({ id: 'x', language: 'en', scores: scoreTranscript(turns, { language: 'en' }) })).not.toContain('no subtype');
    const bare = conversation([P('RR'), C('sustain'), P('OQ'), C('change', 'desire')]);
    expect(formatScoreReport({ id: 'x', language: 'en', scores: scoreTranscript(bare, { language: 'en' }) })).toContain('· no subtype 0/1');
  });

  it('colours levels only when asked', () => {
    const scores = scoreTranscript(turns, { language: 'en' });
    expect(formatScoreReport({ id: 'x', language: 'en', scores }, { color: true })).toContain('\u001b[32mgood ✓\u001b[0m');
    expect(formatScoreReport({ id: 'x', language: 'en', scores }, { color: false })).not.toContain('\u001b[');
  });
});

describe('sparkline', () => {
  it.each([
    [[0, 50, 100], '▁▅█'],
    [[null, 12.5, 99.9], '·▂█'],
    [[], ''],
  ])('draws %j as %s', (values, expected) => {
    expect(sparkline(values)).toBe(expected);
  });
});
