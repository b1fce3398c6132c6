import type { CodedTurn, PractitionerCode } from './schemas.ts';
import { PRACTITIONER_CODES, TALK_SUBTYPES } from './schemas.ts';
import { round } from './score-miti.ts';
import type { ChangeTalk, ChangeTalkLink, ChangeTalkPoint, FollowRate, SubtypeCounts } from './scores-schema.ts';

// Change talk and what drew it out. The counting unit is the client turn (its resolved talk type),
// from the practitioner's first turn on.
// A change-talk turn is linked to the practitioner turn it answers: the last practitioner turn
// before it (a client speaking in two rows in a row still answers the same practitioner turn).
// A practitioner turn is "answered" when the very next turn is the client's; follow rates are per
// code, a turn counting once for each distinct code it carries ("That sounds hard. What would
// help?" counts for CR and for OQ), so they show which behaviours tended to draw out change talk.
// Links name the turn's primary code.

function zeroSubtypes(): SubtypeCounts {
  return Object.fromEntries(TALK_SUBTYPES.map((s) => [s, 0])) as SubtypeCounts;
}

export function scoreChangeTalk(turns: readonly CodedTurn[]): ChangeTalk {
  let ct = 0;
  let st = 0;
  let neutral = 0;
  const change = zeroSubtypes();
  const sustain = zeroSubtypes();
  const unspecified = { change: 0, sustain: 0 };
  const links: ChangeTalkLink[] = [];
  const series: ChangeTalkPoint[] = [];
  const follow = new Map<PractitionerCode, { answered: number; changeTalk: number; sustainTalk: number }>();
  let lastPractitioner: CodedTurn | null = null;

  for (let i = 0; i < turns.length; i++) {
    const t = turns[i]!;
    if (t.speaker === 'practitioner') {
      lastPractitioner = t;
      const next = turns[i + 1];
      const answered = next !== undefined && next.speaker === 'client';
      const codes = new Set<PractitionerCode>(t.codes.map((c) => c.code));
      if (codes.size === 0) codes.add(t.primary ?? 'NC');
      for (const code of codes) {
        let f = follow.get(code);
        if (!f) follow.set(code, (f = { answered: 0, changeTalk: 0, sustainTalk: 0 }));
        if (!answered) continue;
        f.answered++;
        if (next.talk === 'change') f.changeTalk++;
        else if (next.talk === 'sustain') f.sustainTalk++;
      }
      continue;
    }
    // Client turns before the practitioner's first (a scenario's opening line) answer nothing the
    // practitioner did: they are left out of CT, ST, %CT and the series.
    if (!lastPractitioner) continue;
    const talk = t.talk ?? 'neutral';
    if (talk === 'change') {
      ct++;
      if (t.talkSubtype) change[t.talkSubtype]++;
      else unspecified.change++;
      links.push({
        practitionerTurn: lastPractitioner.index,
        clientTurn: t.index,
        code: lastPractitioner.primary ?? 'NC',
        subtype: t.talkSubtype,
      });
    } else if (talk === 'sustain') {
      st++;
      if (t.talkSubtype) sustain[t.talkSubtype]++;
      else unspecified.sustain++;
    } else {
      neutral++;
    }
    series.push({
      clientTurn: t.index,
      talk,
      changeTalk: ct,
      sustainTalk: st,
      percentChangeTalk: ct + st > 0 ? round((100 * ct) / (ct + st), 1) : null,
    });
  }

  const followRates: FollowRate[] = [];
  for (const code of PRACTITIONER_CODES) {
    const f = follow.get(code);
    if (!f) continue;
    followRates.push({ code, ...f, rate: f.answered > 0 ? round(f.changeTalk / f.answered, 3) : null });
  }

  return {
    changeTalk: ct,
    sustainTalk: st,
    neutral,
    percentChangeTalk: ct + st > 0 ? round((100 * ct) / (ct + st), 1) : null,
    darnCat: { change, sustain, unspecified },
    links,
    followRates,
    series,
  };
}
