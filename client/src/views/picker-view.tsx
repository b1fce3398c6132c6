import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import type { ScenarioCard } from '../api/types.ts';
import { PersonaCard } from '../components/persona-card.tsx';
import { locale, t, type MessageKey } from '../i18n/index.ts';
import { errorText } from '../lib/errors.ts';
import { startSession } from '../lib/practice.ts';
import { navigate } from '../lib/router.ts';

type LangFilter = 'nl' | 'en' | 'all';

export function PickerView() {
  const [scenarios, setScenarios] = useState<ScenarioCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [language, setLanguage] = useState<LangFilter>(locale.value);
  const [difficulty, setDifficulty] = useState('all');
  const [condition, setCondition] = useState('all');
  const [starting, setStarting] = useState<string | null>(null);

  useEffect(() => {
    api
      .scenarios()
      .then((r) => setScenarios(r.scenarios))
      .catch((e) => setError(errorText(e)));
  }, []);

  const inLanguage = useMemo(
    () => (scenarios ?? []).filter((s) => language === 'all' || s.language === language),
    [scenarios, language],
  );
  const conditions = useMemo(() => [...new Set(inLanguage.map((s) => s.condition))].sort(), [inLanguage]);
  const shown = inLanguage.filter(
    (s) => (difficulty === 'all' || s.difficulty === difficulty) && (condition === 'all' || s.condition === condition),
  );

  async function start(s: ScenarioCard) {
    setStarting(s.id);
    setError(null);
    const res = await startSession(s.id);
    setStarting(null);
    if (res.ok) navigate({ name: 'chat', id: res.data.id });
    else setError(errorText(res.error));
  }

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('picker.title')}</h1>
        <p class="muted">{t('picker.intro')}</p>
      </header>
      <form class="filters card" aria-label={t('picker.filters')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="f-language">{t('picker.language')}</label>
          <select
            id="f-language"
            value={language}
            onChange={(e) => {
              setLanguage(e.currentTarget.value as LangFilter);
              setCondition('all');
            }}
          >
            <option value="all">{t('picker.all')}</option>
            <option value="nl">{t('language.nl')}</option>
            <option value="en">{t('language.en')}</option>
          </select>
        </div>
        <div class="field">
          <label for="f-difficulty">{t('picker.difficulty')}</label>
          <select id="f-difficulty" value={difficulty} onChange={(e) => setDifficulty(e.currentTarget.value)}>
            <option value="all">{t('picker.any')}</option>
            <option value="easy">{t('difficulty.easy')}</option>
            <option value="medium">{t('difficulty.medium')}</option>
            <option value="hard">{t('difficulty.hard')}</option>
          </select>
        </div>
        <div class="field">
          <label for="f-condition">{t('picker.condition')}</label>
          <select id="f-condition" value={condition} onChange={(e) => setCondition(e.currentTarget.value)}>
            <option value="all">{t('picker.all')}</option>
            {conditions.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <p class="filters-count muted" role="status" aria-live="polite">
          {scenarios ? t('picker.count', { n: shown.length }) : ''}
        </p>
      </form>
      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}
      {!scenarios && !error && (
        <p class="loading" role="status">
          {t('picker.loading')}
        </p>
      )}
      {scenarios && shown.length === 0 && <p class="empty">{t('picker.empty')}</p>}
      <ul class="scenario-grid" aria-label={t('picker.title')}>
        {shown.map((s) => (
          <li key={s.id} class="card scenario" lang={s.language} data-scenario={s.id}>
            <div class="scenario-tags">
              <span class={`tag diff-${s.difficulty}`}>{t(`difficulty.${s.difficulty}` as MessageKey)}</span>
              <span class="tag">{s.language.toUpperCase()}</span>
              <span class="tag">{t(`setting.${s.setting}` as MessageKey)}</span>
            </div>
            <h2 class="h3">{s.title}</h2>
            <p>{s.summary}</p>
            <PersonaCard persona={s.persona} />
            <section class="referral" aria-label={t('picker.referral')}>
              <h3 class="h4">{t('picker.referral')}</h3>
              <p class="referral-text">{s.referral}</p>
              <p class="referral-goal">
                <strong>{t('picker.goal')}:</strong> {s.targetBehaviour}
              </p>
            </section>
            <button
              type="button"
              class="btn btn-primary"
              disabled={starting !== null}
              aria-label={`${t('picker.start')}: ${s.title}`}
              onClick={() => start(s)}
            >
              {starting === s.id ? t('picker.starting') : t('picker.start')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
