import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import type { ScenarioCard, TurnView } from '../api/types.ts';
import { CodeChip } from '../components/code-chip.tsx';
import { Meters } from '../components/meters.tsx';
import { PersonaCard } from '../components/persona-card.tsx';
import { t, tIn, type MessageKey } from '../i18n/index.ts';
import { errorText } from '../lib/errors.ts';
import {
  closeSession,
  connected,
  discardPending,
  endSession,
  joinError,
  openSession,
  patientTyping,
  pending,
  retryPending,
  sendTurn,
  streamed,
  view,
} from '../lib/practice.ts';
import { href, navigate } from '../lib/router.ts';
import { branchOrdinal } from '../lib/turns.ts';

export const MAX_TURN_CHARS = 2000;

function PractitionerTurn({ turn }: { turn: TurnView }) {
  return (
    <li class="turn turn-me" data-turn={turn.index} data-speaker="practitioner">
      <span class="sr-only">{t('chat.you')}: </span>
      <div class="bubble">{turn.text}</div>
      <div class="chips" role="group" aria-label={t('chat.codes')}>
        {turn.codes.map((hit, i) => (
          <CodeChip key={`${hit.code}-${i}`} hit={hit} align="end" />
        ))}
      </div>
      {turn.otherLanguage && (
        <p class="turn-note" data-testid="other-language">
          {t(turn.otherLanguage === 'en' ? 'chat.otherLanguage.en' : 'chat.otherLanguage.nl')}
        </p>
      )}
    </li>
  );
}

function PatientTurn({ turn, name }: { turn: TurnView; name: string }) {
  const talk = turn.talk;
  return (
    <li class="turn turn-patient" data-turn={turn.index} data-speaker="client" data-talk={talk ?? undefined}>
      <span class="turn-who">{name}</span>
      <div class="bubble">{turn.text}</div>
      {talk && talk !== 'neutral' && (
        <span class={`talk talk-${talk}`}>
          {t(`chat.talk.${talk}` as MessageKey)}
          {turn.talkSubtype ? ` · ${t(`subtype.${turn.talkSubtype}` as MessageKey)}` : ''}
        </span>
      )}
      {turn.voice === 'offline-fallback' && <span class="talk muted">{t('chat.voice.offline-fallback')}</span>}
    </li>
  );
}

function Composer({ language, disabled }: { language: 'nl' | 'en'; disabled: boolean }) {
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const busy = pending.value !== null && pending.value.state !== 'failed';
  const trimmed = text.trim();
  const canSend = !disabled && !busy && trimmed.length > 0 && text.length <= MAX_TURN_CHARS;

  function send() {
    if (!canSend) return;
    if (sendTurn(trimmed)) setText('');
  }

  function insertRuler(kind: 'importance' | 'confidence') {
    const q = tIn(language, `ruler.${kind}.text` as MessageKey);
    const el = area.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const before = text.slice(0, start);
    const sep = before && !/\s$/.test(before) ? ' ' : '';
    const next = (before + sep + q + text.slice(end)).slice(0, MAX_TURN_CHARS);
    setText(next);
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      const caret = Math.min(next.length, (before + sep + q).length);
      el.setSelectionRange(caret, caret);
    });
  }

  const near = text.length > MAX_TURN_CHARS * 0.9;
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label for="turn-input" class="composer-label">
        {t('chat.input.label')}
      </label>
      <textarea
        id="turn-input"
        ref={area}
        rows={3}
        lang={language}
        maxLength={MAX_TURN_CHARS}
        placeholder={t('chat.input.placeholder')}
        aria-describedby="turn-counter"
        disabled={disabled}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <div class="composer-bar">
        <div class="ruler" role="group" aria-label={t('ruler.label')}>
          <button type="button" class="btn btn-small" disabled={disabled} onClick={() => insertRuler('importance')}>
            {t('ruler.importance')}
          </button>
          <button type="button" class="btn btn-small" disabled={disabled} onClick={() => insertRuler('confidence')}>
            {t('ruler.confidence')}
          </button>
        </div>
        <span id="turn-counter" class={`counter ${near ? 'counter-near' : ''}`}>
          <span class="sr-only">{t('chat.tooLong', { max: MAX_TURN_CHARS })} </span>
          {t('chat.counter', { n: text.length, max: MAX_TURN_CHARS })}
        </span>
        <button type="submit" class="btn btn-primary" disabled={!canSend}>
          {t('chat.send')}
        </button>
      </div>
    </form>
  );
}

function EndButton({ sessionId }: { sessionId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function end() {
    setBusy(true);
    const res = await endSession(sessionId);
    setBusy(false);
    if (res.ok) navigate({ name: 'report', id: sessionId });
    else setError(errorText(res.error));
  }
  if (!confirming) {
    return (
      <button type="button" class="btn btn-danger-outline btn-block" onClick={() => setConfirming(true)}>
        {t('chat.end')}
      </button>
    );
  }
  return (
    <div class="end-confirm" role="group" aria-label={t('chat.end')}>
      <p>{t('chat.endConfirm')}</p>
      <div class="row">
        <button type="button" class="btn btn-danger" disabled={busy} onClick={end}>
          {busy ? t('chat.ending') : t('chat.endYes')}
        </button>
        <button type="button" class="btn" onClick={() => setConfirming(false)}>
          {t('chat.cancel')}
        </button>
      </div>
      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function ChatView({ id }: { id: string }) {
  const [scenario, setScenario] = useState<ScenarioCard | null>(null);
  const logEnd = useRef<HTMLDivElement>(null);

  useEffect(() => {
    openSession(id);
    return () => closeSession();
  }, [id]);

  const v = view.value?.id === id ? view.value : null;
  useEffect(() => {
    if (!v || scenario?.id === v.scenarioId) return;
    api
      .scenario(v.scenarioId)
      .then(setScenario)
      .catch(() => setScenario(null));
  }, [v?.scenarioId]);

  const p = pending.value?.sessionId === id ? pending.value : null;
  useEffect(() => {
    logEnd.current?.scrollIntoView({ block: 'end', behavior: 'smooth' });
  }, [v?.turns.length, p?.clientTurnId, p?.state, patientTyping.value, streamed.value.length]);

  if (joinError.value && !v) {
    return (
      <div class="page">
        <p class="alert" role="alert">
          {errorText(joinError.value)}
        </p>
        <a href={href({ name: 'scenarios' })}>{t('report.back')}</a>
      </div>
    );
  }
  if (!v) {
    return (
      <p class="loading" role="status">
        {t('chat.loading')}
      </p>
    );
  }

  const name = scenario?.persona.name ?? t('chat.patient');
  const ended = v.status === 'ended';

  return (
    <div class="chat-page">
      <section class="chat" aria-labelledby="chat-title">
        <header class="chat-head">
          <div>
            <h1 id="chat-title" class="h2">
              {v.scenarioTitle}
            </h1>
            <div class="chat-sub">
              {v.parentId && <span class="tag tag-branch">{t('chat.branch')}</span>}
              <span class={`conn ${connected.value ? 'conn-on' : 'conn-off'}`} role="status" aria-live="polite">
                <span class="dot" aria-hidden="true" />
                {connected.value ? t('chat.online') : t('chat.offline')}
              </span>
            </div>
          </div>
          <p class={`mood mood-${v.mood.tone}`} data-testid="mood" role="status" aria-live="polite">
            <span class="dot" aria-hidden="true" />
            {t(`mood.${v.mood.tone}` as MessageKey)}
            {v.mood.discord && <span class="mood-discord"> · {t('mood.discord')}</span>}
          </p>
        </header>
        {v.parentId && (
          <p class="branch-note">
            {t('chat.branchOf', { n: branchOrdinal(v) })}{' '}
            <a href={href({ name: 'report', id: v.parentId })}>{t('chat.toParent')}</a>
          </p>
        )}
        <div role="log" aria-live="polite" aria-label={t('report.transcript')} class="transcript-box">
        <ol class="transcript" lang={v.language}>
          {v.turns.length === 0 && !p && <li class="empty">{t('chat.empty')}</li>}
          {v.turns.map((turn) =>
            turn.speaker === 'practitioner' ? (
              <PractitionerTurn key={turn.id} turn={turn} />
            ) : (
              <PatientTurn key={turn.id} turn={turn} name={name} />
            ),
          )}
          {p && (
            <li class={`turn turn-me turn-pending state-${p.state}`} data-pending={p.state}>
              <span class="sr-only">{t('chat.you')}: </span>
              <div class="bubble">{p.text}</div>
              <div class="chips">
                {p.state === 'sending' && <span class="chip-status">{t('chat.sending')}</span>}
                {p.state === 'queued' && <span class="chip-status">{t('chat.notSent')}</span>}
                {p.state === 'failed' && (
                  <span class="chip-status chip-error" role="alert">
                    {t('chat.failed', { reason: errorText(p.error) })}{' '}
                    <button type="button" class="link" onClick={retryPending}>
                      {t('chat.retry')}
                    </button>{' '}
                    <button type="button" class="link" onClick={discardPending}>
                      {t('chat.cancel')}
                    </button>
                  </span>
                )}
              </div>
            </li>
          )}
          {patientTyping.value && (
            <li class="turn turn-patient turn-typing" aria-live="off">
              <span class="turn-who">{name}</span>
              {streamed.value ? (
                <div class="bubble">{streamed.value}</div>
              ) : (
                <div class="bubble typing" role="status" aria-label={t('chat.typing', { name })}>
                  <span class="typing-dot" />
                  <span class="typing-dot" />
                  <span class="typing-dot" />
                </div>
              )}
            </li>
          )}
        </ol>
        </div>
        <div ref={logEnd} />
        {ended ? (
          <div class="ended card">
            <p>{t('chat.ended')}</p>
            <a class="btn btn-primary" href={href({ name: 'report', id: v.id })}>
              {t('chat.toReport')}
            </a>
          </div>
        ) : (
          <Composer language={v.language} disabled={ended} />
        )}
      </section>
      <aside class="chat-side" aria-label={t('meters.title')}>
        {scenario && (
          <div class="card persona-card">
            <PersonaCard persona={scenario.persona} compact />
            {/* The referral and the target behaviour stay at hand while practising (they were only
                on the scenario picker). */}
            <details class="brief" data-testid="chat-brief">
              <summary>{t('chat.brief')}</summary>
              <p class="small">{scenario.referral}</p>
              <p class="small">
                <strong>{t('picker.goal')}:</strong> {scenario.targetBehaviour}
              </p>
            </details>
          </div>
        )}
        <Meters meters={v.meters} />
        {!ended && (
          <div class="card">
            <EndButton sessionId={v.id} />
          </div>
        )}
      </aside>
    </div>
  );
}
