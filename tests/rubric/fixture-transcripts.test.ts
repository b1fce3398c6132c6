import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../../server/coder/load-rubrics.ts';
import { codeTranscript } from '../../server/rubric/index.ts';
import { parseTranscriptFile } from '../../server/transcripts/parse-transcript-file.ts';

// The transcripts we ship as fixtures (and that the README's commands run on), coded turn by turn.
// Each good/poor pair is one conversation said in English and in Dutch, so both languages must
// code it the same way: practitioner turns by primary code, client turns by talk type/subtype.

const rubric = loadRubrics();
const fixture = (name: string) => new URL(`../fixtures/transcripts/${name}`, import.meta.url).pathname;

function codesOf(name: string): string[][] {
  return parseTranscriptFile(fixture(name)).map((c) =>
    codeTranscript(c.turns, { rubric }).turns.map((t) =>
      t.speaker === 'practitioner' ? t.primary! : t.talkSubtype ? `${t.talk}/${t.talkSubtype}` : t.talk!,
    ),
  );
}

const GOOD = [
  'OQ', 'sustain/desire', // how have the weeks been · "some days I can't be bothered"
  'CR', 'sustain/reasons', // double-sided reflection · "…but the exercises are so boring"
  'CR', 'neutral', // names the value · "it's what I love"
  'OQ', 'change/reasons', // evoking question · "I'd feel like myself again"
  'AF', 'change/ability', // "…which takes real commitment" · "I could do them while the kettle boils"
  'SEEK', 'neutral', // asks permission · "Sure."
  'SUM', 'change/commitment', // collects three things, then asks · "I'll start tomorrow morning"
];
const POOR = [
  'CQ', 'sustain/desire',
  'RR', 'sustain/reasons', // "you need to…" · "I know, but they're so boring"
  'RR', 'change/desire',
  'RR', 'sustain/ability', // "stop making excuses" · "…it's just hard"
  'CQ', 'neutral', // "Do you want to end up with a stiff hip?" · "No." (not a refusal to change)
  'RR', 'sustain', // guidelines and "you must" · "Fine, whatever." (discord: no DARN-CAT subtype)
  'CQ', 'neutral',
];

describe('fixture transcripts', () => {
  it.each([
    ['en-good-mi.txt', GOOD],
    ['nl-goed-mi.txt', GOOD],
    ['en-poor-mi.txt', POOR],
    ['nl-slecht-mi.txt', POOR],
  ])('codes %s turn by turn', (name, expected) => {
    expect(codesOf(name)).toEqual([expected]);
  });

  it('codes the AnnoMI-style fixture as its own label column says', () => {
    // Labels: change, sustain (conversation 3), change (conversation 7's last row).
    expect(codesOf('en-annomi-style.csv')).toEqual([
      ['OQ', 'change/taking_steps', 'CR', 'change/ability'],
      ['RR', 'sustain'],
    ]);
  });
});
