import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/users';
import { ApiAs, MAURICIE_SEED_FILE, PLAN_PEOPLE, PLAN_SEED_FILE, signIn } from '../fixtures/plan';

const PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots', 'documents');
const PDFJS = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** A made-up origin the test serves pdf.js from (page.route): nothing of it exists on the network. */
const RENDERER = 'http://pdf-renderer.test';

const RENDER_PAGE = `<!doctype html><meta charset="utf-8"><title>pdf</title>
<script type="module">
  import * as pdfjs from './pdf.min.mjs';
  pdfjs.GlobalWorkerOptions.workerSrc = './pdf.worker.min.mjs';
  window.renderPdf = async (base64) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const doc = await pdfjs.getDocument({ data, standardFontDataUrl: './standard_fonts/' }).promise;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1.25 });
      const canvas = document.createElement('canvas');
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
      pages.push(canvas.toDataURL('image/png').split(',')[1]);
    }
    return pages;
  };
  window.rendererReady = true;
</script>`;

/** Renders a PDF page by page with pdf.js in this Chromium; the PNGs, base64. */
async function renderPdf(page: Page, pdf: Buffer): Promise<string[]> {
  await page.route(`${RENDERER}/**`, async (route) => {
    const file = new URL(route.request().url()).pathname;
    if (file === '/') return route.fulfill({ contentType: 'text/html', body: RENDER_PAGE });
    const local = file.startsWith('/standard_fonts/')
      ? path.join(PDFJS, file)
      : path.join(PDFJS, 'build', path.basename(file));
    return route.fulfill({
      contentType: file.endsWith('.mjs') ? 'text/javascript' : 'application/octet-stream',
      body: fs.readFileSync(local),
    });
  });
  await page.goto(`${RENDERER}/`);
  await page.waitForFunction('window.rendererReady === true');
  return page.evaluate(`window.renderPdf(${JSON.stringify(pdf.toString('base64'))})`);
}

// The two seed plans as a coordinator sends them to the partners' table: every page rendered to
// PNG (e2e/screenshots/documents/), to be looked at; what can be checked by machine is in
// server/test/plan.test.ts (title page, contents, page numbers, Letter, fr-CA).
test('the plan PDFs of both seeds, page by page', async ({ people }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(PAGES, { recursive: true });
  const page = await people.open({ viewport: { width: 1100, height: 1400 } });
  await signIn(page, PLAN_PEOPLE.facilitator);
  const api = await ApiAs.of(page);
  for (const [name, file] of [
    ['horizon-2026', PLAN_SEED_FILE],
    ['mauricie-2017-2020', MAURICIE_SEED_FILE],
  ] as const) {
    const imported = (await (
      await api.ok('POST', '/api/plans/import', fs.readFileSync(file, 'utf8'))
    ).json()) as {
      planId: string;
      counts: { themes: number };
    };
    try {
      const pdf = await page.request.get(`/api/plans/${imported.planId}/export?format=pdf`);
      expect(pdf.headers()['content-disposition']).toMatch(/filename="?plan-d-action-20/);
      const pngs = await renderPdf(page, await pdf.body());
      // A title page with the contents, then each theme from a page of its own.
      expect(pngs.length).toBeGreaterThan(imported.counts.themes);
      pngs.forEach((png, i) =>
        fs.writeFileSync(
          path.join(PAGES, `${name}-page-${String(i + 1).padStart(2, '0')}.png`),
          Buffer.from(png, 'base64'),
        ),
      );
    } finally {
      // Imported for this test only: the organisation's current plan stays what it was.
      await api.remove(`/api/plans/${imported.planId}`);
    }
  }

  // One proposal, from its page's download link, as a community sends it to the partners.
  const [proposal] = await api.get<{ id: string; title: string }[]>(
    `/api/proposals?q=${encodeURIComponent('Réseau régional de frigos communautaires')}`,
  );
  expect(proposal).toBeTruthy();
  await page.goto(`/o/concertation-horizon/proposals/${proposal!.id}`);
  const link = page.getByRole('link', { name: 'Télécharger (PDF)' });
  await expect(link).toBeVisible();
  const pdf = await page.request.get((await link.getAttribute('href')) ?? '');
  expect(pdf.headers()['content-disposition']).toMatch(
    /filename="?reseau-regional-de-frigos-communautaires\.pdf/,
  );
  const pngs = await renderPdf(page, await pdf.body());
  pngs.forEach((png, i) =>
    fs.writeFileSync(
      path.join(PAGES, `proposal-page-${String(i + 1).padStart(2, '0')}.png`),
      Buffer.from(png, 'base64'),
    ),
  );
  expect(pngs.length).toBeGreaterThanOrEqual(1);
});
