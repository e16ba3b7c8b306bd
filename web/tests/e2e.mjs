// End-to-end test of the web UI in headless Chromium (Debian's chromium driven
// by playwright-core): indexes the bundled sample with the built `dateline`,
// starts `dateline serve` on a free port, and walks through search, facets,
// the timeline brush, the map, a document, a document's quotes, a story,
// keyboard use and a phone window, saving a screenshot of each step. Exits non-zero on any failure,
// including a missing chromium, node_modules or web/dist (never skips).
//
// Environment: DATELINE_BIN (the dateline binary), DATELINE_UI_DIR (web/dist),
// DATELINE_TEST_OUTPUT (screenshots; default build/test-output/ui),
// CHROMIUM (default /usr/bin/chromium), DATELINE_URL (test a running server instead;
// it must hold sample/ and the e2e-quote-en and e2e-event-en articles below).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(here, '..');
const source = path.resolve(web, '..');
const bin = process.env.DATELINE_BIN || path.join(source, 'build/bin/dateline');
const uiDir = process.env.DATELINE_UI_DIR || path.join(web, 'dist');
const out = process.env.DATELINE_TEST_OUTPUT || path.join(source, 'build/test-output/ui');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

function fail(msg) {
  console.error(`e2e: FAIL: ${msg}`);
  process.exit(1);
}

if (!existsSync(chromium)) fail(`no Chromium at ${chromium}: apt-get install chromium (scripts/install-deps.sh)`);
if (!existsSync(path.join(web, 'node_modules/playwright-core'))) fail('web/node_modules is missing: cd web && npm ci');
if (!existsSync(path.join(uiDir, 'index.html'))) fail(`the UI is not built (${uiDir}/index.html): cd web && npm run build`);
const { chromium: pw } = await import('playwright-core');
mkdirSync(out, { recursive: true });

let server = null;
const tmp = mkdtempSync(path.join(tmpdir(), 'dateline-e2e-'));

// An article of this test's own, with a direct quote by a named speaker.
const QUOTE_DOC = {
  id: 'e2e-quote-en', date: '2024-03-05', lang: 'en', source: 'Test Gazette',
  title: 'Harbour minister keeps the ferry agreement',
  text: 'The harbour minister Lena Vos spoke to reporters in Rotterdam on Tuesday. '
    + '"We will not withdraw from the ferry agreement," said Lena Vos. '
    + 'The agreement runs until the end of the decade.',
};
const QUOTE_TEXT = 'We will not withdraw from the ferry agreement';
const QUOTE_SPEAKER = 'Lena Vos';

// An article of this test's own with one event: an artillery attack with its
// actor, place, date and deaths.
const EVENT_DOC = {
  id: 'e2e-event-en', date: '2019-04-08', lang: 'en', source: 'Test Gazette',
  title: 'Gharyan report',
  text: 'Government troops shelled the town of Gharyan on Saturday, killing five civilians.',
};

async function startServer() {
  if (process.env.DATELINE_URL) return process.env.DATELINE_URL.replace(/\/$/, '');
  if (!existsSync(bin)) fail(`no dateline binary at ${bin}`);
  const index = path.join(tmp, 'index');
  const fixture = path.join(tmp, 'quote.jsonl');
  writeFileSync(fixture, `${JSON.stringify(QUOTE_DOC)}\n${JSON.stringify(EVENT_DOC)}\n`);
  execFileSync(bin, ['ingest', '--index', index, ...['text', 'jsonl', 'csv'].map((d) => path.join(source, 'sample', d)), fixture], { stdio: ['ignore', 'ignore', 'inherit'] });
  server = spawn(bin, ['serve', '--index', index, '--listen', '127.0.0.1:0', '--ui-dir', uiDir, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30000);
    server.stderr.on('data', (d) => {
      err += d;
      const m = /serving (http:\/\/[^/\s]+)\//.exec(err);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

let step = 0;
async function shot(page, name, target = page) {
  step += 1;
  const file = path.join(out, `${String(step).padStart(2, '0')}-${name}.png`);
  await target.screenshot({ path: file, fullPage: target === page });
  console.log(`  screenshot ${file}`);
}

/** Waits until the page finished loading a state; returns the result total. */
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && !document.body.dataset.loading, null, { timeout: 60000 });
  const total = await page.getAttribute('#status', 'data-total');
  return total === null ? null : Number(total);
}

const param = (page, k) => new URL(page.url()).searchParams.get(k);

async function check(name, fn) {
  process.stdout.write(`- ${name}\n`);
  await fn();
}

async function desktop(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text()); });

  let total = 0;
  await check('search from the box (Enter submits)', async () => {
    await page.goto(`${base}/`);
    await settled(page);
    await page.fill('#q', 'Tripoli');
    await page.press('#q', 'Enter');
    await page.waitForURL(/[?&]q=Tripoli/);
    total = await settled(page);
    assert.ok(total > 1, `Tripoli: ${total} results`);
    const hits = await page.locator('li.hit').count();
    assert.equal(hits, Math.min(total, 20));
    const marks = await page.locator('li.hit .snippet mark.hit').allTextContents();
    assert.ok(marks.length > 0 && marks.every((m) => /tripoli/i.test(m.normalize('NFD').replace(/\p{M}/gu, ''))), `snippet marks: ${marks}`);
    assert.match(await page.textContent('#status'), new RegExp(`${total} documents`));
    await shot(page, 'search');
  });

  let langTotal = 0;
  let lang = '';
  await check('a language facet filters (URL and count)', async () => {
    const facet = page.locator('#facet-languages button.facet-value').last();
    lang = await facet.getAttribute('data-value');
    const expected = Number(await facet.locator('.count').textContent());
    await facet.click();
    await page.waitForURL(new RegExp(`[?&]lang=${lang}`));
    langTotal = await settled(page);
    assert.equal(langTotal, expected, 'the facet count is the filtered total');
    assert.ok(langTotal < total, `${langTotal} < ${total}`);
    const langs = await page.locator('li.hit .lang').allTextContents();
    assert.ok(langs.length > 0 && langs.every((l) => l === lang), `languages ${langs}`);
    assert.equal(await page.getAttribute(`#facet-languages button[data-value="${lang}"]`, 'aria-pressed'), 'true');
    await shot(page, 'facet-language');
  });

  await check('back and forward walk the URL states', async () => {
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.get('lang'));
    assert.equal(await settled(page), total);
    assert.equal(await page.inputValue('#q'), 'Tripoli');
    await page.goForward();
    await page.waitForURL(new RegExp(`[?&]lang=${lang}`));
    assert.equal(await settled(page), langTotal);
    // Back to the unfiltered search for the brush.
    await page.click('.filters .chip');
    await page.waitForURL((u) => !u.searchParams.get('lang'));
    assert.equal(await settled(page), total);
  });

  await check('brushing the timeline sets from/to and filters', async () => {
    const svg = page.locator('#timeline svg.timeline-chart');
    const box = await svg.boundingBox();
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.35, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.7, y, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL((u) => u.searchParams.get('from') && u.searchParams.get('to'));
    const from = param(page, 'from');
    const to = param(page, 'to');
    assert.match(from, /^\d{4}(-\d{2}){0,2}$/);
    assert.ok(from <= to, `${from} <= ${to}`);
    const brushed = await settled(page);
    assert.ok(brushed > 0 && brushed < total, `brushed ${brushed} of ${total}`);
    const dates = await page.locator('li.hit time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    assert.ok(dates.every((d) => d >= from && d.slice(0, to.length) <= to), `dates ${dates} in ${from}..${to}`);
    assert.equal(await page.inputValue('#from'), from.length === 10 ? from : '');
    await shot(page, 'timeline-brush');
  });

  await check('the timeline by the dates the texts mention, and its brush', async () => {
    await page.goto(`${base}/?q=Haftar`);
    const haftar = await settled(page);
    const published = await page.locator('#timeline rect.bar').evaluateAll((bs) => bs.map((b) => b.dataset.period));
    await page.click('.timeline-mode button[data-mode="event"]');
    await page.waitForURL((u) => u.searchParams.get('dates') === 'event');
    assert.equal(await settled(page), haftar, 'the results do not change');
    assert.equal(await page.getAttribute('.timeline-mode button[data-mode="event"]', 'aria-pressed'), 'true');
    await page.waitForSelector('#timeline svg.timeline-chart');
    assert.match(await page.textContent('#timeline'), /each date their texts mention/);
    // The sample's Haftar reports mention the advance of 4 April 2019: that
    // week's bar is the highest.
    const bars = await page.locator('#timeline rect.bar').evaluateAll((bs) => bs.map((b) => ({ period: b.dataset.period, height: Number(b.getAttribute('height')) })));
    const top = bars.reduce((a, b) => (b.height > a.height ? b : a));
    assert.ok(['2019-W14', '2019-04', '2019-04-04'].includes(top.period), `highest bar ${top.period} (publication bars: ${published})`);
    const bar = page.locator(`#timeline rect.bar[data-period="${top.period}"]`);
    const box = await bar.boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL((u) => (u.searchParams.get('q') || '').includes('event-date:['));
    const brushed = await settled(page);
    assert.ok(brushed > 0 && brushed <= haftar, `event-date brush: ${brushed} of ${haftar}`);
    assert.equal(param(page, 'dates'), 'event');
    await shot(page, 'timeline-event-dates');
    await page.click('.timeline-mode button[data-mode="publication"]');
    await page.waitForURL((u) => !u.searchParams.get('dates'));
    await settled(page);
    assert.equal(await page.getAttribute('.timeline-mode button[data-mode="publication"]', 'aria-pressed'), 'true');
  });

  await check('the map plots the places of the results', async () => {
    await page.goto(`${base}/?q=Tripoli`);
    await settled(page);
    const markers = page.locator('#map svg circle.place-marker');
    assert.ok((await markers.count()) > 0, 'place markers');
    const tripoli = page.locator('#map circle.place-marker[data-name="Tripoli"]');
    assert.equal(await tripoli.count(), 1);
    assert.match(await tripoli.getAttribute('aria-label'), /Tripoli \(LY\): \d+ documents/);
    assert.ok((await page.locator('#map path.land').getAttribute('d')).length > 1000, 'country outlines');
    await shot(page, 'map', page.locator('#map'));
  });

  await check('opening a document highlights its entities, places and dates', async () => {
    const first = page.locator('li.hit h3 a').first();
    const id = await page.locator('li.hit').first().getAttribute('data-id');
    await first.click();
    await page.waitForURL((u) => u.searchParams.get('doc') === id);
    await settled(page);
    await page.waitForSelector(`article.doc[data-id="${id}"]`);
    assert.ok((await page.locator('article.doc .doc-text mark').count()) > 0, 'marks in the text');
    assert.equal(await page.isVisible('#results'), false);
    await shot(page, 'document');
  });

  for (const id of ['am-fr-0002', 'sd-ar-0009']) {
    await check(`highlights sit on the right characters in UTF-8 text (${id})`, async () => {
      await page.goto(`${base}/?doc=${encodeURIComponent(id)}`);
      await settled(page);
      await page.waitForSelector(`article.doc[data-id="${id}"]`);
      const doc = await (await page.request.get(`${base}/api/doc/${encodeURIComponent(id)}`)).json();
      const texts = new Set([...doc.entities, ...doc.places, ...doc.dates].filter((x) => x.field === 'text').map((x) => x.text));
      for (const ev of doc.events) if (ev.field === 'text') texts.add(ev.trigger.text);
      const marks = await page.locator('article.doc .doc-text mark').allTextContents();
      assert.ok(marks.length > 0, 'marks');
      for (const m of marks) assert.ok(texts.has(m), `mark "${m}" is an extraction's text`);
      const people = await page.locator('article.doc .doc-text mark.hl-per').allTextContents();
      const expected = doc.entities.filter((e) => e.field === 'text' && e.type === 'PER').map((e) => e.text);
      assert.equal(people.length > 0, expected.length > 0, `people ${people}`);
      assert.ok(people.every((p) => expected.includes(p)), `people ${people}`);
      const places = await page.locator('article.doc .doc-text mark.hl-place').allTextContents();
      assert.ok(places.length > 0 || doc.places.every((p) => p.field !== 'text'), 'places marked');
      if (id === 'am-fr-0002') {
        assert.ok(people.includes('Khalifa Haftar'));
        assert.ok((await page.locator('.doc-text mark.hl-date').allTextContents()).includes('jeudi'));
        assert.ok((await page.locator('.doc-text mark.hl-place').allTextContents()).includes('Tripoli'));
      }
      await shot(page, `document-${id}`);
    });
  }

  await check('a document shows its quotes: marked in the text, listed, speaker filters', async () => {
    const id = QUOTE_DOC.id;
    await page.goto(`${base}/?doc=${id}`);
    await settled(page);
    await page.waitForSelector(`article.doc[data-id="${id}"]`);
    const quote = page.locator('article.doc .doc-text span.quote');
    assert.equal(await quote.count(), 1, 'one quote span in the text');
    assert.equal(await quote.textContent(), QUOTE_TEXT);
    assert.equal(await quote.getAttribute('title'), `Quote by ${QUOTE_SPEAKER}`);
    assert.equal(await page.locator('article.doc .doc-text span.quote-speaker').textContent(), QUOTE_SPEAKER);
    const items = page.locator('article.doc section.doc-quotes li');
    assert.equal(await items.count(), 1);
    assert.equal(await items.locator('q').textContent(), QUOTE_TEXT);
    const speaker = items.locator('button.speaker');
    assert.equal(await speaker.textContent(), QUOTE_SPEAKER);
    await shot(page, 'document-quotes');
    await speaker.click();
    await page.waitForURL((u) => (u.searchParams.get('q') || '').includes('person:'));
    assert.equal(param(page, 'q'), `person:"${QUOTE_SPEAKER}"`);
    assert.equal(param(page, 'doc'), null);
    assert.ok((await settled(page)) >= 1);
    assert.ok((await page.locator(`li.hit[data-id="${id}"]`).count()) === 1, 'the quoting document is a hit');
  });

  await check('a document shows its events: triggers marked, listed with actors, place, date', async () => {
    const id = EVENT_DOC.id;
    await page.goto(`${base}/?doc=${id}`);
    await settled(page);
    await page.waitForSelector(`article.doc[data-id="${id}"]`);
    const trigger = page.locator('article.doc .doc-text mark.hl-event');
    assert.equal(await trigger.count(), 1, 'one event trigger marked');
    assert.equal(await trigger.textContent(), 'shelled');
    assert.equal(await trigger.getAttribute('title'), 'ASSAULT/heavy-weapons (asserted)');
    const items = page.locator('article.doc section.doc-events li');
    assert.equal(await items.count(), 1);
    assert.equal(await items.getAttribute('data-type'), 'ASSAULT');
    const text = await items.textContent();
    for (const part of ['Government troops', 'Gharyan', '2019-04-06', '5 dead']) assert.ok(text.includes(part), `${part} in ${text}`);
    await shot(page, 'document-events');
  });

  await check('a story lists its documents', async () => {
    await page.goto(`${base}/?q=Tripoli`);
    await settled(page);
    const stories = await (await page.request.get(`${base}/api/stories?q=Tripoli&limit=10`)).json();
    const items = page.locator('#stories li[data-story]');
    assert.equal(await items.count(), stories.length);
    if (stories.length === 0) {
      assert.match(await page.textContent('#stories'), /No stories/);
      return;
    }
    await items.first().locator('a').click();
    await page.waitForURL((u) => u.searchParams.get('story') === stories[0].id);
    await settled(page);
    await page.waitForSelector('article.story');
    const members = await page.locator('article.story ol.members li').count();
    const story = await (await page.request.get(`${base}/api/story/${encodeURIComponent(stories[0].id)}`)).json();
    assert.equal(members, story.members.length);
    assert.ok(members > 0);
    await shot(page, 'story');
  });

  await check('keyboard: a focused facet button filters on Enter', async () => {
    await page.goto(`${base}/?q=Tripoli`);
    await settled(page);
    const person = page.locator('#facet-people button.facet-value').first();
    const name = await person.getAttribute('data-value');
    await person.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => (u.searchParams.get('q') || '').includes('person:'));
    assert.equal(param(page, 'q'), `Tripoli person:"${name}"`);
    const n = await settled(page);
    assert.ok(n > 0 && n <= total, `person filter: ${n}`);
    assert.equal(await person.evaluate((el) => el.tagName), 'BUTTON');
  });

  await check('a source facet filters (source: in q, count, every hit)', async () => {
    await page.goto(`${base}/?q=Tripoli`);
    await settled(page);
    const facet = page.locator('#facet-sources button.facet-value').first();
    const name = await facet.getAttribute('data-value');
    const expected = Number(await facet.locator('.count').textContent());
    await facet.click();
    await page.waitForURL((u) => (u.searchParams.get('q') || '').includes('source:'));
    assert.equal(param(page, 'q'), `Tripoli source:"${name}"`);
    const n = await settled(page);
    assert.equal(n, expected, 'the facet count is the filtered total');
    assert.ok(n > 0 && n < total, `source filter: ${n} of ${total}`);
    const hits = await page.locator('li.hit').count();
    assert.equal(hits, Math.min(n, 20));
    const sources = await page.locator('li.hit .meta .source').allTextContents();
    assert.equal(sources.length, hits, 'every hit shows its source');
    assert.ok(sources.every((s) => s === name), `sources ${sources}`);
    await shot(page, 'facet-source');
  });

  await check('nothing fake when nothing matches', async () => {
    await page.goto(`${base}/?q=zzqxnotaword`);
    assert.equal(await settled(page), 0);
    assert.match(await page.textContent('#status'), /No documents match/);
    assert.match(await page.textContent('#map'), /No resolved places/);
    assert.match(await page.textContent('#stories'), /No stories/);
    assert.match(await page.textContent('#timeline'), /No dated documents/);
    assert.equal(await page.locator('#map circle.place-marker').count(), 0);
  });

  await check('a bad query shows the API error', async () => {
    await page.goto(`${base}/?q=${encodeURIComponent('(Tripoli')}`);
    await settled(page);
    assert.ok((await page.textContent('.alert')).length > 5, 'an error message');
    await shot(page, 'error');
  });
  assert.deepEqual(errors, [], 'no script errors or Content-Security-Policy violations');
  await page.close();
}

async function phone(browser, base) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const overflow = () => page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      // Shapes inside an SVG are clipped by its viewport; the SVG itself is checked.
      .filter((el) => !el.ownerSVGElement && el.getClientRects().length && el.getBoundingClientRect().right > w + 1)
      .map((el) => `${el.tagName}.${el.className.baseVal ?? el.className}`);
    return { scroll: document.documentElement.scrollWidth, w, wide: wide.slice(0, 5) };
  });
  for (const [name, url] of [['phone-search', '/?q=Tripoli'], ['phone-document', '/?doc=am-fr-0002'], ['phone-story', '/?story=am-fr-0002']]) {
    await check(`phone window (390 px): ${url} has no horizontal overflow`, async () => {
      await page.goto(`${base}${url}`);
      await settled(page);
      const o = await overflow();
      assert.ok(o.scroll <= o.w, `scrollWidth ${o.scroll} > ${o.w}`);
      assert.deepEqual(o.wide, [], 'elements past the right edge');
      await shot(page, name);
    });
  }
  await page.close();
}

let browser = null;
let failed = false;
try {
  const base = await startServer();
  console.log(`e2e: ${base}, screenshots in ${out}`);
  browser = await pw.launch({ executablePath: chromium, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  await desktop(browser, base);
  await phone(browser, base);
  console.log('e2e: all checks passed');
} catch (e) {
  failed = true;
  console.error(`e2e: FAIL: ${e && e.stack ? e.stack : e}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
