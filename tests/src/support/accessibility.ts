import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.2 A and AA plus axe's best practices: what a clinical product owes its users. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Impacts that fail a test: a person using assistive technology is blocked or seriously hindered. */
const BLOCKING = new Set(['serious', 'critical']);

export interface AccessibilityFinding {
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on what the page shows now and returns the serious and critical violations, each
 * with the elements it found (as axe names them) and its advice, ready to read in a failed test.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<AccessibilityFinding[]> {
  // judged once loaded (no spinner left) and with colours as they end up, not halfway through a fade-in
  // (a progress bar that stays, such as a count of answered questions, is judged as it is)
  await page.getByRole('progressbar').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await page.waitForFunction(
    () => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity),
    undefined,
    { timeout: 5_000 },
  );
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: `${violation.help} (${violation.helpUrl})`,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
    }));
}
