import type { Page } from 'playwright-core';
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
