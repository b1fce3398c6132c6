import { useEffect, useState } from 'preact/hooks';
import { api, downloads, type OverrideInput } from '../api/http.ts';
import type { ReviewPayload, ReviewTurn, Scores, Share } from '../api/types.ts';
import { CodeChip } from '../components/code-chip.tsx';
import { t, type MessageKey } from '../i18n/index.ts';
import { currentUser } from '../lib/auth.ts';
import { CODE_ORDER, codeName } from '../lib/codes.ts';
import { errorText } from '../lib/errors.ts';
import { href } from '../lib/router.ts';
import { fmt } from './courses-view.tsx';
import { LoadStatus } from '../components/load-status.tsx';
import type { TalkSubtype } from '../../../server/rubric/schemas.ts';

const TALKS = ['change', 'sustain', 'neutral'] as const;
// Written out rather than imported: the server's TALK_SUBTYPES would pull zod into the bundle.
const TALK_SUBTYPES: readonly TalkSubtype[] = ['desire', 'ability', 'reasons', 'need', 'commitment', 'activation', 'taking_steps'];
/** The talk-type override choices: change and sustain with or without a DARN-CAT subtype, neutral. */
interface TalkChoice {
  value: string;
  talk: (typeof TALKS)[number];
  subtype: TalkSubtype | null;
}
const TALK_CHOICES: TalkChoice[] = TALKS.flatMap((talk): TalkChoice[] =>
  talk === 'neutral'
    ? [{ value: talk, talk, subtype: null }]
    : [{ value: talk, talk, subtype: null }, ...TALK_SUBTYPES.map((subtype) => ({ value: `${talk}:${subtype}`, talk, subtype }))],
);

function talkKey(talk: string): MessageKey {
  return `review.talk.${talk}` as MessageKey;
}

function ScoreTable({ scores }: { scores: ReviewPayload['scores'] }) {
  const rows: [string, (s: Scores) => number | null, number][] = [
    [t('history.rq'), (s) => s.miti.reflectionToQuestion.value, 2],
    [t('target.pctComplex'), (s) => s.miti.percentComplexReflections.value, 0],
    [t('target.pctChange'), (s) => s.changeTalk.percentChangeTalk, 0],
    [t('dash.rr'), (s) => s.counts.RR, 0],
    [t('dash.overall'), (s) => s.overall, 0],
  ];
  return (
    <div class="table-wrap">
      <table class="data-table score-table" data-testid="review-scores">
        <thead>
          <tr>
            <th scope="col">{t('review.measure')}</th>
            <th scope="col">{t('review.engine')}</th>
            <th scope="col">{t('review.withOverrides')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, get, d]) => {
            const a = get(scores.engine);
            const b = get(scores.withOverrides);
            return (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{fmt(a, d)}</td>
                <td data-measure={label} class={a !== b ? 'changed' : undefined}>
                  {fmt(b, d)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function TurnCard({
  turn,
  links,
  canOverride,
  onOverride,
  onComment,
  print,
}: {
  turn: ReviewTurn;
  links: string[];
  canOverride: boolean;
  onOverride: (body: OverrideInput) => Promise<void>;
  onComment: (text: string) => Promise<void>;
  print: boolean;
}) {
  const [comment, setComment] = useState('');
  const isPract = turn.speaker === 'practitioner';
  const e = turn.engine;
  const h = turn.human;
  const sel = `ov-${turn.index}`;
  return (
    <li class={`review-turn ${turn.speaker}`} data-turn={turn.index}>
      <div class="review-turn-head">
        <span class="speaker">
          {turn.index + 1}. {t(isPract ? 'review.practitioner' : 'review.client')}
        </span>
      </div>
      <p class="turn-text">{turn.text}</p>
      <div class="review-codes">
        <div>
          <span class="muted small">{t('review.engine')}: </span>
          {isPract ? (
            e.codes.length ? (
              e.codes.map((c, i) => (
                <span key={i} class="code-with-meta">
                  <CodeChip hit={{ ...c, span: [0, 0] }} />
                  <span class="muted small">
                    {' '}
                    {c.rule} · {Math.round(c.confidence * 100)}%
                  </span>
                </span>
              ))
            ) : (
              <span class="muted">–</span>
            )
          ) : (
            <span class={`talk talk-${e.talk ?? 'neutral'}`}>
              {t(talkKey(e.talk ?? 'neutral'))}
              {e.talkSubtype && ` · ${t(`subtype.${e.talkSubtype}` as MessageKey)}`}
              {(() => {
                // The rule behind the turn's talk type, not the first utterance's (often neutral).
                const hit = e.talkHits.find((h) => h.talk === e.talk) ?? e.talkHits[0];
                return (
                  hit && (
                    <span class="muted small">
                      {' '}
                      {hit.rule} · {Math.round(hit.confidence * 100)}%
                    </span>
                  )
                );
              })()}
            </span>
          )}
        </div>
        {h && (
          <div class="human-code" data-testid="human-code">
            <span class="muted small">
              {t('review.human')} ({h.reviewerName}):{' '}
            </span>
            <strong>{isPract ? (h.primary ? `${h.primary} · ${t(codeName(h.primary))}` : '–') : h.talk ? `${t(talkKey(h.talk))}${h.talkSubtype ? ` · ${t(`subtype.${h.talkSubtype}` as MessageKey)}` : ''}` : '–'}</strong>
            {h.note && <span class="muted"> — {h.note}</span>}
          </div>
        )}
        {links.length > 0 && <p class="muted small links">{links.join(' · ')}</p>}
      </div>
      {!print && canOverride && (
        <div class="override-row">
          <label for={sel}>{t('review.override')}</label>
          {isPract ? (
            <select
              id={sel}
              value={h?.primary ?? ''}
              onChange={(ev) => {
                const v = ev.currentTarget.value;
                void onOverride(v ? { primary: v } : { clear: true });
              }}
            >
              <option value="">{t('review.useEngine')}</option>
              {CODE_ORDER.map((c) => (
                <option key={c} value={c}>
                  {c} · {t(codeName(c))}
                </option>
              ))}
            </select>
          ) : (
            <select
              id={sel}
              value={h?.talk ? (h.talkSubtype ? `${h.talk}:${h.talkSubtype}` : h.talk) : ''}
              onChange={(ev) => {
                const choice = TALK_CHOICES.find((c) => c.value === ev.currentTarget.value);
                void onOverride(choice ? { talk: choice.talk, talkSubtype: choice.subtype } : { clear: true });
              }}
            >
              <option value="">{t('review.useEngine')}</option>
              {TALK_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {t(talkKey(c.talk))}
                  {c.subtype && ` · ${t(`subtype.${c.subtype}` as MessageKey)}`}
                </option>
              ))}
            </select>
          )}
        </div>
      )}
      {turn.comments.length > 0 && (
        <ul class="comments">
          {turn.comments.map((c) => (
            <li key={c.id}>
              <strong>{c.authorName}</strong>: {c.text}
            </li>
          ))}
        </ul>
      )}
      {!print && (
        <form
          class="inline-form comment-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            if (!comment.trim()) return;
            void onComment(comment.trim()).then(() => setComment(''));
          }}
        >
          <label for={`c-${turn.index}`} class="sr-only">
            {t('review.comment')}
          </label>
          <input id={`c-${turn.index}`} maxLength={2000} placeholder={t('review.comment')} value={comment} onInput={(ev) => setComment(ev.currentTarget.value)} />
          <button class="btn btn-ghost" type="submit">
            {t('review.addComment')}
          </button>
        </form>
      )}
    </li>
  );
}

function ShareDialog({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [shares, setShares] = useState<Share[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    api
      .shares(id)
      .then((r) => setShares(r.shares))
      .catch(() => undefined);
  }, [open, id]);
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const res = await api.share(id, email.trim());
      setShares(res.shares);
      setEmail('');
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <div class="share">
      <button class="btn" type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('share.open')}
      </button>
      {open && (
        <div class="card share-dialog" role="dialog" aria-label={t('share.open')} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
        <form class="stack" onSubmit={submit}>
          <label for="share-email">{t('share.email')}</label>
          <input id="share-email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          <button class="btn btn-primary" type="submit">
            {t('share.submit')}
          </button>
          {error && (
            <p class="alert alert-error" role="alert">
              {error}
            </p>
          )}
          {shares.length > 0 && (
            <ul class="plain-list" role="status">
              {shares.map((s) => (
                <li key={s.userId}>
                  {s.name} ({s.email}){' '}
                  <button
                    class="btn btn-ghost"
                    type="button"
                    onClick={() => void api.unshare(id, s.userId).then(() => setShares(shares.filter((x) => x.userId !== s.userId)))}
                  >
                    {t('share.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </form>
        </div>
      )}
    </div>
  );
}

/** Annotated transcript with engine and human codes; `print` renders the printable report. */
export function ReviewView({ id, print = false }: { id: string; print?: boolean }) {
  const [data, setData] = useState<ReviewPayload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const user = currentUser.value;
  useEffect(() => {
    api
      .review(id)
      .then(setData)
      .catch((e) => setError(errorText(e)));
  }, [id]);

  if (!data) {
    return (
      <div class="page">
        <LoadStatus error={error} />
      </div>
    );
  }
  const isOwner = user?.id === data.session.ownerId;
  // Staff re-code other people's sessions and their own imports (a practitioner reviewing a real
  // consultation); nobody re-codes their own practice.
  const canOverride =
    (!isOwner || data.session.source === 'import') && (user?.role === 'reviewer' || user?.role === 'instructor' || user?.role === 'admin');
  const linksByTurn = new Map<number, string[]>();
  for (const l of data.scores.withOverrides.changeTalk.links) {
    const txt = t('review.link', { p: String(l.practitionerTurn + 1), c: String(l.clientTurn + 1), code: l.code });
    for (const i of [l.practitionerTurn, l.clientTurn]) linksByTurn.set(i, [...(linksByTurn.get(i) ?? []), txt]);
  }

  async function override(index: number, body: Parameters<typeof api.override>[2]) {
    setError(null);
    try {
      setData(await api.override(id, index, body));
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function comment(index: number, text: string) {
    setError(null);
    try {
      await api.comment(id, index, text);
      setData(await api.review(id));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div class={print ? 'page print-report' : 'page page-wide'}>
      <header class="page-head">
        <h1>
          {print ? t('print.title') : t('review.title')}: {data.session.title}
        </h1>
        <p class="muted">
          {data.session.ownerName} · {new Date(data.session.createdAt).toLocaleString()} · {data.session.language.toUpperCase()} ·{' '}
          {t(data.session.source === 'import' ? 'review.source.import' : 'review.source.practice')}
        </p>
        {!print && (
          <div class="actions no-print">
            <a class="btn" href={downloads.sessionCsv(id)} download={`kier-${id}.csv`} data-testid="export-csv">
              {t('export.csv')}
            </a>
            <a class="btn" href={downloads.sessionJson(id)} download={`kier-${id}.json`} data-testid="export-json">
              {t('export.json')}
            </a>
            <a class="btn" href={href({ name: 'print', id })}>
              {t('export.print')}
            </a>
            {isOwner && <ShareDialog id={id} />}
          </div>
        )}
        {print && (
          <p class="no-print">
            <button class="btn btn-primary" type="button" onClick={() => window.print()}>
              {t('print.now')}
            </button>{' '}
            <a href={href({ name: 'review', id })}>{t('review.title')}</a>
          </p>
        )}
      </header>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div class="review-layout">
        <section class="card" aria-labelledby="scores-h">
          <h2 id="scores-h">{t('review.scores')}</h2>
          <div aria-live="polite">
            <ScoreTable scores={data.scores} />
          </div>
        </section>
        <section class="card" aria-labelledby="transcript-h">
          <h2 id="transcript-h">{t('review.transcript')}</h2>
          <ol class="review-turns">
            {data.turns.map((turn) => (
              <TurnCard
                key={turn.index}
                turn={turn}
                links={linksByTurn.get(turn.index) ?? []}
                canOverride={canOverride}
                print={print}
                onOverride={(b) => override(turn.index, b)}
                onComment={(text) => comment(turn.index, text)}
              />
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
