import type { Page } from 'playwright-core';
import path from 'node:path';
import { expect } from 'vitest';

// Checks on a rendered page shared by the browser suites.

/** At phone width nothing may push the page sideways; a failure names what sticks out. */
export async function expectNoSideScroll(page: Page, where: string): Promise<void> {
  const { scroll, viewport, sticking } = await page.evaluate(() => {
    // Boxes that clip or scroll their content (a wide table in .table-wrap, the chart) may hold
    // wider content: only what sticks out of the page itself counts.
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && !clipped(el) && !el.closest('.sr-only')) {
        out.push(`${el.tagName.toLowerCase()}.${String(el.className).replace(/ /g, '.')} (${Math.round(r.right)} px)`);
      }
    }
    return { scroll: document.documentElement.scrollWidth, viewport: window.innerWidth, sticking: out.slice(0, 6).join(', ') };
  });
  expect(scroll, `${where}: page is ${scroll} px wide in a ${viewport} px viewport; sticking out: ${sticking}`).toBeLessThanOrEqual(viewport);
}

/**
 * What the pages showed when a test failed (a full-page screenshot of each in `dir`) and what the
 * server said, as text for the failure report, so a red run in CI can be read afterwards.
 */
export async function failureEvidence(pages: readonly Page[], dir: string, name: string, serverOutput: string): Promise<string> {
  const lines: string[] = [];
  for (const [i, page] of pages.entries()) {
    const file = path.join(dir, pages.length === 1 ? `${name}.png` : `${name}-${i}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    lines.push(`page ${i}: ${page.url()}`);
  }
  return `${lines.join('\n')}\nserver output:\n${serverOutput}`;
}
