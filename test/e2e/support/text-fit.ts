import type { Locator } from '@playwright/test';

/**
 * Labels, buttons, headings, pills and table heads inside `scope` whose text is cut (wider than its
 * box) or wrapped onto a second line: a screen that reads well in one language may not in the other.
 * Returns one line per offender, empty when everything fits.
 */
export async function textMisfits(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const selector = 'button, label, th, h1, h2, h3, .rec-pill, .rec-label, .room-fact';
    const out: string[] = [];
    for (const el of Array.from(root.querySelectorAll<HTMLElement>(selector))) {
      if (el.offsetParent === null) continue;
      const text = (el.textContent ?? '').trim();
      if (!text) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`cut: ${el.tagName.toLowerCase()} "${text}" (${el.scrollWidth} > ${el.clientWidth})`);
      // Lines: the distinct tops of the rectangles of the element's own text.
      const tops = new Set<number>();
      for (const node of Array.from(el.childNodes)) {
        if (node.nodeType !== Node.TEXT_NODE || !(node.textContent ?? '').trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of Array.from(range.getClientRects())) if (rect.width > 0) tops.add(Math.round(rect.top / 4));
      }
      if (tops.size > 1) out.push(`wrapped: ${el.tagName.toLowerCase()} "${text}"`);
    }
    return out;
  });
}
