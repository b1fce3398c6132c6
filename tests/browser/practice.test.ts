import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from '../helpers/requirements.ts';
import { buildClient, removeDataDir, repoRoot, startKierServer, tempDataDir, type KierServer } from './kier-server.ts';
import { expectNoSideScroll, failureEvidence } from './page-checks.ts';

// End to end in a real Chromium against the real server (PGlite, offline patient, rules coder):
// what a student does, in Dutch and in English, and a server restart in the middle of a session.
// Waits are on selectors and DOM conditions only, never on fixed delays.

const ARTIFACTS = path.join(repoRoot, 'tests/artifacts');

const UI = {
  nl: {
    browserLocale: 'nl-NL',
    signupTitle: 'Account aanmaken',
    name: 'Naam',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    signup: 'Registreren',
    login: 'Inloggen',
    badLogin: 'E-mailadres of wachtwoord klopt niet.',
    language: 'Gesprekstaal',
    start: 'Start gesprek',
    end: 'Gesprek beëindigen',
    endYes: 'Ja, beëindigen',
    overallHow: 'Hoe komt het totaal tot stand?',
    unsure: 'onzeker',
    retry: 'Probeer opnieuw vanaf hier',
    importance: 'Belang-schaalvraag',
    rule: 'Regel',
    sessions: 'Mijn gesprekken',
    branch: 'Nieuwe poging',
    notSent: 'Nog niet verstuurd',
    offline: 'Verbinding verbroken',
    rulerWords: /schaal van 0 tot 10/,
    turns: [
      'Wat brengt u vandaag hier?',
      'U merkt dat de pijn u tegenhoudt om te bewegen.',
      'Het klinkt alsof u twijfelt of oefenen wel zin heeft, terwijl u ook graag weer actief wilt zijn.',
      'U moet gewoon elke dag uw oefeningen doen.',
      'Wat zou er voor u beter worden als u weer meer beweegt?',
    ],
    retryTurn: 'Wat weet u zelf al over wat goed werkt bij uw klachten?',
  },
  en: {
    browserLocale: 'en-GB',
    signupTitle: 'Create an account',
    name: 'Name',
    email: 'Email',
    password: 'Password',
    signup: 'Sign up',
    login: 'Log in',
    badLogin: 'Email or password is not correct.',
    language: 'Conversation language',
    start: 'Start conversation',
    end: 'End session',
    endYes: 'Yes, end it',
    overallHow: 'How is the overall score made?',
    unsure: 'unsure',
    retry: 'Retry from here',
    importance: 'Importance ruler',
    rule: 'Rule',
    sessions: 'My sessions',
    branch: 'Retry branch',
    notSent: 'Not sent yet',
    offline: 'Connection lost',
    rulerWords: /scale from 0 to 10/,
    turns: [
      'What brings you here today?',
      'You notice the pain is holding you back from moving.',
      'It sounds like you are unsure whether exercise will help, and at the same time you want to be active again.',
      'You should just do your exercises every day.',
      'What would be better for you if you moved more?',
    ],
    retryTurn: 'What do you already know about what helps with your complaints?',
  },
} as const;
type Lang = keyof typeof UI;

const practitionerTurns = (page: Page) => page.locator('.transcript li[data-speaker="practitioner"]');
const clientTurnCount = (page: Page) => page.locator('.transcript li[data-speaker="client"]').count();

async function signUp(page: Page, baseUrl: string, lang: Lang, email: string): Promise<void> {
  const ui = UI[lang];
  // A failed login first: its error must not follow the student to the sign-up form.
  await page.goto(`${baseUrl}/#/login`);
  await page.getByLabel(ui.email).fill(email);
  await page.getByLabel(ui.password).fill('not-my-password');
  await page.getByRole('button', { name: ui.login, exact: true }).click();
  expect(await page.getByRole('alert').textContent()).toBe(ui.badLogin);
  await page.goto(`${baseUrl}/#/signup`);
  await page.getByRole('heading', { name: ui.signupTitle }).waitFor();
  expect(await page.getByRole('alert').count()).toBe(0);
  // The UI language comes from the browser's language on a first visit.
  await page.getByRole('heading', { name: ui.signupTitle }).waitFor();
  await page.getByLabel(ui.name).fill(lang === 'nl' ? 'Sanne de Boer' : 'Sam Carter');
  await page.getByLabel(ui.email).fill(email);
  await page.getByLabel(ui.password).fill('oefenen-is-leuk');
  await page.getByRole('button', { name: ui.signup }).click();
}

async function startScenario(page: Page, lang: Lang): Promise<string> {
  const ui = UI[lang];
  await page.getByLabel(ui.language).selectOption(lang);
  const card = page.locator(`li.scenario[lang="${lang}"]`).first();
  await card.waitFor();
  // The card shows the referral note and the persona card before the student starts.
  await card.locator('.referral-text').waitFor();
  await card.locator('.persona-name').waitFor();
  await card.getByRole('button', { name: new RegExp(ui.start) }).click();
  await page.locator('#turn-input').waitFor();
  const match = /#\/chat\/(.+)$/.exec(page.url());
  if (!match?.[1]) throw new Error(`not on a chat page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** Sends a turn with Enter and waits for its code chips and the patient's reply. */
async function sendTurn(page: Page, text: string | null): Promise<string[]> {
  const before = await practitionerTurns(page).count();
  const clientsBefore = await clientTurnCount(page);
  const input = page.locator('#turn-input');
  if (text !== null) await input.fill(text);
  await input.press('Enter');
  const turn = practitionerTurns(page).nth(before);
  await turn.locator('.chip').first().waitFor();
  await page.waitForFunction(
    (n) => document.querySelectorAll('.transcript li[data-speaker="client"]').length > n,
    clientsBefore,
  );
  expect(await input.inputValue()).toBe('');
  return turn.locator('.chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
}

async function practise(page: Page, lang: Lang): Promise<string[][]> {
  const ui = UI[lang];
  const codes: string[][] = [];
  for (const text of ui.turns) codes.push(await sendTurn(page, text));
  // Sixth turn: the ruler helper writes the question in the session's language.
  await page.getByRole('button', { name: ui.importance }).click();
  expect(await page.locator('#turn-input').inputValue()).toMatch(ui.rulerWords);
  codes.push(await sendTurn(page, null));
  return codes;
}

describe.skipIf(!hasChromium())('practising in the browser', () => {
  let browser: Browser;
  const dataDirs: string[] = [];
  const servers: KierServer[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await buildClient();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.stop();
    for (const d of dataDirs) removeDataDir(d);
  });

  async function server(): Promise<KierServer> {
    const dataDir = tempDataDir();
    dataDirs.push(dataDir);
    const s = await startKierServer({ dataDir });
    servers.push(s);
    return s;
  }

  async function newPage(lang: Lang, width = 1280): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ locale: UI[lang].browserLocale, viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    return { ctx, page };
  }

  it.each(['nl', 'en'] as const)(
    '%s: a student signs up, sends 6 coded turns, ends, reads the report with its chart and retries from a turn',
    async (lang) => {
      const ui = UI[lang];
      const srv = await server();
      const { ctx, page } = await newPage(lang);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        // A CSP violation or a script error in the built client is a failure.
        if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) errors.push(m.text());
      });
      try {
        await signUp(page, srv.url, lang, `student-${lang}@example.org`);
        const sessionId = await startScenario(page, lang);

        const codes = await practise(page, lang);
        expect(codes).toHaveLength(6);
        for (const c of codes) expect(c.length).toBeGreaterThan(0);
        // The open question is coded as one, and the advice without permission as the righting reflex.
        expect(codes[0]).toContain('OQ');
        expect(codes[3]).toContain('RR');
        await expect(practitionerTurns(page).count()).resolves.toBe(6);

        // The chip's popover shows the explanation, the rule that fired and its confidence.
        // A code the rules are unsure of (the short "U merkt dat…" reflection, confidence 0.55) looks
        // unsure; a confident one (the opening question, 0.85) does not.
        const unsureChip = practitionerTurns(page).nth(1).locator('.chip').first();
        expect(await unsureChip.getAttribute('class')).toContain('chip-unsure');
        expect(await unsureChip.getAttribute('aria-label')).toContain(ui.unsure);
        expect(await practitionerTurns(page).nth(0).locator('.chip').first().getAttribute('class')).not.toContain('chip-unsure');
        const chip = practitionerTurns(page).nth(2).locator('.chip').first();
        await chip.scrollIntoViewIfNeeded();
        await chip.click();
        const tip = page.getByRole('tooltip');
        await tip.waitFor();
        expect(await tip.textContent()).toContain(ui.rule);
        // …and the rule is one of the session language's own rules.
        expect(await tip.locator('code').textContent()).toMatch(new RegExp(`^${lang}\\.`));
        // The live meters have figures once questions and reflections exist.
        expect(await page.getByTestId('meter-rq').locator('.meter-value').textContent()).toMatch(/\d/);
        await page.screenshot({ path: path.join(ARTIFACTS, `chat-${lang}.png`) });
        // At 1280 px the top bar is one row, not two (a second row took 50 px from the chat).
        expect(await page.locator('.topbar').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(80);
        await page.keyboard.press('Escape');

        await page.getByRole('button', { name: ui.end }).click();
        await page.getByRole('button', { name: ui.endYes }).click();
        await page.getByTestId('report').waitFor();
        await page.getByTestId('ct-chart').locator('canvas').waitFor();
        const summary = page.getByTestId('miti-summary');
        expect(await summary.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
        expect(await page.getByTestId('overall').textContent()).toMatch(/^\d+$/);
        // The overall number explains itself: six weighted parts, their mean, and the factor that the
        // righting-reflex turn pulled below 1.
        const parts = page.getByTestId('overall-parts');
        await parts.locator('summary', { hasText: ui.overallHow }).click();
        expect(await parts.locator('tbody tr').count()).toBe(8);
        expect(await parts.locator('tbody tr').last().textContent()).toMatch(/× 0[,.]\d\d/);
        // The mean is the server's (scores.overallQuality), shown as a percentage.
        expect(await parts.locator('tr.parts-total').textContent()).toMatch(/\d+%/);
        expect(await page.getByTestId('code-counts').textContent()).toContain('OQ');
        // The righting-reflex turn comes with an MI-consistent alternative.
        expect(await page.getByTestId('alternatives').locator('.alt').count()).toBeGreaterThanOrEqual(1);
        await page.screenshot({ path: path.join(ARTIFACTS, `report-${lang}.png`), fullPage: true });
        // The report on a phone.
        await page.setViewportSize({ width: 375, height: 800 });
        await expectNoSideScroll(page, 'report at 375 px');
        await page.screenshot({ path: path.join(ARTIFACTS, `report-phone-${lang}.png`), fullPage: true });
        await page.setViewportSize({ width: 1280, height: 900 });

        // Retry from the righting-reflex turn: a new branch with the three turns before it.
        const reportTurns = page.locator('.transcript-report li[data-speaker="practitioner"]');
        await reportTurns.nth(3).getByRole('button', { name: new RegExp(ui.retry) }).click();
        await page.waitForURL((u) => u.hash.startsWith('#/chat/') && !u.hash.endsWith(sessionId));
        await page.locator('.chat-head .tag-branch', { hasText: ui.branch }).waitFor();
        await page.locator('#turn-input').waitFor();
        await expect(practitionerTurns(page).count()).resolves.toBe(3);
        const retried = await sendTurn(page, ui.retryTurn);
        expect(retried).toContain('OQ');
        await expect(practitionerTurns(page).count()).resolves.toBe(4);

        // Both branches are kept: the history lists the original and the retry.
        await page.getByRole('link', { name: ui.sessions }).click();
        const rows = page.getByTestId('history').locator('tbody tr');
        await rows.nth(1).waitFor();
        expect(await rows.count()).toBe(2);
        expect(await page.getByTestId('history').locator('.tag-branch').count()).toBe(1);
        await page.setViewportSize({ width: 375, height: 800 });
        await expectNoSideScroll(page, 'my conversations at 375 px');
        await page.setViewportSize({ width: 1280, height: 900 });
        expect(errors).toEqual([]);
      } catch (e) {
        const evidence = await failureEvidence([page], ARTIFACTS, `failure-${lang}`, srv.output());
        throw new Error(`${e instanceof Error ? e.message : String(e)}\n${evidence}`, { cause: e });
      } finally {
        await ctx.close();
      }
    },
    180_000,
  );

  it('a server restart mid-session loses nothing: the turn typed while it was down is sent on reconnect, and a reload shows every turn', async () => {
    const lang: Lang = 'nl';
    const ui = UI[lang];
    let srv = await server();
    const { ctx, page } = await newPage(lang, 375);
    try {
      await signUp(page, srv.url, lang, 'herstart@example.org');
      await startScenario(page, lang);
      await sendTurn(page, ui.turns[0]);
      await sendTurn(page, ui.turns[1]);
      await expectNoSideScroll(page, 'chat at 375 px');
      // The patient's referral and target behaviour are one tap away on a phone too.
      const brief = page.getByTestId('chat-brief');
      await brief.locator('summary').click();
      expect(await brief.textContent()).toMatch(/Doelgedrag:\s*\S+/);
      expect(await brief.isVisible()).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'chat-phone.png') });
      await brief.locator('summary').click();

      await srv.stop('SIGKILL');
      await page.getByText(ui.offline).waitFor();
      // Typed while the server is down: kept and marked as not sent yet.
      await page.locator('#turn-input').fill(ui.turns[2]);
      await page.locator('#turn-input').press('Enter');
      await page.locator('li[data-pending]', { hasText: ui.notSent }).waitFor();

      srv = await startKierServer({ dataDir: srv.dataDir, port: srv.port });
      servers.push(srv);
      // socket.io reconnects, re-joins the session and resends the turn with the same clientTurnId.
      await practitionerTurns(page).nth(2).locator('.chip').first().waitFor({ timeout: 30_000 });
      await page.locator('li[data-pending]').waitFor({ state: 'detached' });

      await page.reload();
      await practitionerTurns(page).nth(2).waitFor();
      const texts = await practitionerTurns(page).locator('.bubble').allTextContents();
      expect(texts).toEqual([ui.turns[0], ui.turns[1], ui.turns[2]]);
      for (let i = 0; i < 3; i++) await practitionerTurns(page).nth(i).locator('.chip').first().waitFor();

      await sendTurn(page, ui.turns[4]);
      await expect(practitionerTurns(page).count()).resolves.toBe(4);
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
