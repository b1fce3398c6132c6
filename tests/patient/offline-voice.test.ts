import { describe, expect, it } from 'vitest';
import { createPatient, decide, openingIntent, speakOffline, type Intent } from '../../server/patient/index.ts';
import { fillPlaceholders, withoutGreeting } from '../../server/patient/offline-voice.ts';
import { topicStems } from '../../server/patient/detect-touch.ts';
import { lineText } from '../../server/patient/scenario-schema.ts';
import { knee, turn } from './patient-fixtures.ts';

const intent = (over: Partial<Intent>): Intent => ({
  move: 'answer', talk: 'neutral', subtype: null, theme: null, layer: null, length: 'normal', discord: false, ruler: null, answers: null, topic: [], ...over,
});

describe('offline voice', () => {
  it('speaks an opening line from the scenario', () => {
    const spoken = speakOffline(knee, createPatient(knee, { seed: 1 }), openingIntent());
    expect(knee.lines.opening.map(lineText)).toContain(spoken.text);
    expect(spoken.key).toMatch(/^opening#\d+$/);
  });

  it('prefers lines on the intended theme', () => {
    const spoken = speakOffline(knee, createPatient(knee, { seed: 3 }), intent({ talk: 'change', subtype: 'desire', theme: 'kleinzoon' }));
    expect(spoken.text).toMatch(/Daan/);
    expect(spoken.talk).toBe('change');
  });

  it('never repeats a line in a conversation, then falls back to related pools', () => {
    let s = createPatient(knee, { seed: 5 });
    const seen = new Set<string>();
    const total = knee.lines.sustain.length + knee.lines.discord.length;
    for (let i = 0; i < total; i++) {
      const spoken = speakOffline(knee, s, intent({ talk: 'sustain' }));
      expect(seen.has(spoken.text)).toBe(false);
      expect(spoken.talk).toBe('sustain');
      seen.add(spoken.text);
      s = spoken.state;
    }
    const dry = speakOffline(knee, s, intent({ talk: 'sustain' }));
    expect(dry.key).toBeNull();
    expect(dry.talk).toBe('neutral');
  });

  it('fills the ruler number and its lower neighbour', () => {
    const s = createPatient(knee, { seed: 2 });
    const spoken = speakOffline(knee, s, intent({ move: 'ruler', ruler: { kind: 'importance', n: 6 } }));
    expect(spoken.text).toMatch(/\b6\b/);
    expect(spoken.text).not.toMatch(/[{}]/);
  });

  it('passes over lines the check rejects while an alternative exists', () => {
    const s = createPatient(knee, { seed: 9 });
    const first = speakOffline(knee, s, intent({ talk: 'change', subtype: 'need' }));
    const rejected = speakOffline(knee, s, intent({ talk: 'change', subtype: 'need' }), { accept: (t) => t !== first.text });
    expect(rejected.text).not.toBe(first.text);
  });

  describe('a short answer fits the question', () => {
    const short = (answers: Intent['answers'], seed: number) =>
      speakOffline(knee, createPatient(knee, { seed }), intent({ move: 'short', length: 'short', answers }));
    const seeds = Array.from({ length: 12 }, (_, i) => i + 1);

    it('"how often / how many" gets an amount, never a bare yes or no', () => {
      for (const seed of seeds) {
        const text = short('how-much', seed).text;
        expect(text).toMatch(/soms|af en toe|keer|elke|dag|beetje/i);
        expect(text).not.toMatch(/^(Ja|Nee|Ja hoor|Dat klopt)\.$/);
      }
    });

    it('a yes/no question gets a yes, a no or a how-often', () => {
      for (const seed of seeds) expect(short('yes-no', seed).text).toMatch(/^(ja|nee|niet|dat klopt|soms|af en toe|e[eé]n keer)/i);
    });

    it('"who / when / where" gets an honest "not sure" instead of a random "Ja."', () => {
      for (const seed of seeds) expect(short('wh', seed).text).toMatch(/weet (ik|het) .*niet|niet zo goed/i);
    });

    it('lines that fit are used up before the voice says it does not know', () => {
      let s = createPatient(knee, { seed: 4 });
      const said: string[] = [];
      for (let i = 0; i < 8; i++) {
        const spoken = speakOffline(knee, s, intent({ move: 'short', length: 'short', answers: 'how-much' }));
        said.push(spoken.text);
        s = spoken.state;
      }
      const amounts = knee.lines.short.map(lineText).filter((t) => /soms|af en toe|keer|elke|beetje/i.test(t));
      expect(said.slice(0, amounts.length).sort()).toEqual([...amounts].sort());
      // Then other short lines that give an amount ("Het wisselt per dag"), then "not sure".
      for (const t of said.slice(amounts.length)) expect(t).toMatch(/per dag|per week|weet (ik|het) .*niet|niet zo goed/i);
    });

    it('a curt answer in discord is still push-back, whatever the question', () => {
      const spoken = speakOffline(knee, createPatient(knee, { seed: 2 }), intent({ move: 'short', talk: 'sustain', answers: 'wh', discord: true }));
      expect(spoken.talk).toBe('sustain');
    });
  });

  it('after a statement, lines that only answer a question come last', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const spoken = speakOffline(knee, createPatient(knee, { seed }), intent({ talk: 'neutral', answers: null }));
      expect(spoken.text).not.toMatch(/goede vraag|weet (ik|het) .*niet|geen idee/i);
    }
  });

  it('"what brings you here?" may be answered with an opening line that carries a doubt', () => {
    const doubtful = knee.lines.opening.map(lineText).find((t) => /niet zo vlot/.test(t))!;
    const spoken = speakOffline(knee, createPatient(knee, { seed: 1 }), intent({ move: 'opening' }), {
      accept: (text, talk) => (text === doubtful ? talk === 'sustain' : false),
    });
    expect([spoken.text, spoken.talk]).toEqual([doubtful, 'sustain']);
  });

  it('prefers a line that shares a word with the question', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const topic = topicStems('Hoe is het met uw buurvrouw?');
      const spoken = speakOffline(knee, createPatient(knee, { seed }), intent({ talk: 'neutral', answers: 'wh', topic }));
      expect(spoken.text).toMatch(/buurvrouw/);
    }
  });

  it('does not greet again when "what brings you here?" comes after the greetings', () => {
    expect(withoutGreeting('Hoi. Ja, de enkel. Gaat wel.')).toBe('Ja, de enkel. Gaat wel.');
    expect(withoutGreeting("Hi. I've got about forty minutes before I'm back on the ward.")).toBe("I've got about forty minutes before I'm back on the ward.");
    // A greeting that is most of the line stays.
    expect(withoutGreeting('Hé. Nou, hier.')).toBe('Hé. Nou, hier.');
    expect(withoutGreeting('Nou, daar ben ik weer.')).toBe('Nou, daar ben ik weer.');
    let s = createPatient(knee, { seed: 3 });
    s = { ...s, turn: 1 };
    const spoken = speakOffline(knee, s, intent({ move: 'opening' }));
    expect(spoken.text).not.toMatch(/^(Dag|Goedemorgen|Hallo|Hoi)\b/);
  });

  it('says "an 8", not "a 8"', () => {
    const en = { ...knee, language: 'en' as const };
    const s = createPatient(en, { seed: 1 });
    expect(fillPlaceholders('A {n}, honestly. Maybe a {n}.', en, intent({ move: 'ruler', ruler: { kind: 'importance', n: 8 } }), s)).toBe(
      'An 8, honestly. Maybe an 8.',
    );
    expect(fillPlaceholders('A {n}, honestly.', en, intent({ move: 'ruler', ruler: { kind: 'importance', n: 7 } }), s)).toBe('A 7, honestly.');
  });

  it('reveals a layer with its own lines', () => {
    const d = { ...createPatient(knee, { seed: 1 }) };
    const spoken = speakOffline(knee, d, intent({ move: 'reveal', talk: 'change', layer: 'waarde-oma' }));
    expect(knee.layers.find((l) => l.id === 'waarde-oma')!.lines.map(lineText)).toContain(spoken.text);
  });

  it('a whole conversation of decided intents never repeats a line', () => {
    let s = createPatient(knee, { seed: 11 });
    const texts: string[] = [];
    const turns = ['Wat brengt je hier?', 'Je wilt graag weer fietsen.', 'Knap dat je het probeert.', 'U moet oefenen.'];
    for (let i = 0; i < 24; i++) {
      const codes = (['OQ', 'CR', 'AF', 'RR'] as const)[i % 4]!;
      const d = decide(s, knee, turn(turns[i % 4]!, codes));
      const spoken = speakOffline(knee, d.state, d.intent);
      if (spoken.key) texts.push(spoken.text);
      s = spoken.state;
    }
    expect(new Set(texts).size).toBe(texts.length);
  });
});
