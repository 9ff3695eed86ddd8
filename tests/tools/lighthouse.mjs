// Lighthouse (mobile, simulated throttling: its default) on several pages of a running Alleanza, in one Chromium.
//   node lighthouse.mjs BASE_URL PAGES_JSON [RETRY_BELOW]
// RETRY_BELOW: a page whose performance score is under it is measured once more and the better run kept (on a
// machine shared with other work, a busy CPU stretches the trace that the simulated throttling scales).
// PAGES_JSON: [{ "name": "...", "path": "/...", "cookie": "name=value; ..." (optional, for a signed-in page) }]
// Prints one JSON line per page: { name, path, performance, accessibility, bytes, requests, failed: [audit ids] }.
// Chromium: CHROME_PATH (default /usr/bin/chromium).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';

const [base, pagesJson, retryArg] = process.argv.slice(2);
const retryBelow = Number(retryArg ?? 0);
const pages = JSON.parse(pagesJson);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
try {
  for (const page of pages) {
    let best = await measure(page, 1);
    if (best.performance < retryBelow) {
      const again = await measure(page, 2);
      if (again.performance > best.performance) best = again;
    }
    console.log(JSON.stringify(best));
  }
} finally {
  await browser.disconnect();
  await chrome.kill();
}

async function measure(page, attempt) {
    const tab = await browser.newPage();
    // A signed-in page: the person's cookies in the browser, kept by Lighthouse (no storage reset).
    const cookies = (page.cookie ?? '').split('; ').filter(Boolean).map(c => {
      const at = c.indexOf('=');
      return { name: c.slice(0, at), value: c.slice(at + 1), url: base };
    });
    if (cookies.length) {
      await tab.setCookie(...cookies);
      // Without the storage reset Lighthouse keeps the cache too: empty it, so this is a first load as well.
      const session = await tab.createCDPSession();
      await session.send('Network.clearBrowserCache');
      await session.detach();
    }
    const flags = {
      port: chrome.port, output: 'json', logLevel: 'error', locale: 'it',
      onlyCategories: ['performance', 'accessibility'],
      // A first visit: cache and storage cleared before the load (the cookies of a signed-in page excepted).
      disableStorageReset: cookies.length > 0,
    };
    const result = await lighthouse(base + page.path, flags, undefined, tab);
    await tab.close();
    const lhr = result.lhr;
    const audits = lhr.audits;
    const network = audits['network-requests']?.details?.items ?? [];
    const failed = Object.values(audits)
      .filter(a => a.score !== null && a.score < 1 && ['binary', 'numeric'].includes(a.scoreDisplayMode)
        && lhr.categories.accessibility.auditRefs.some(r => r.id === a.id))
      .map(a => {
        const nodes = (a.details?.items ?? []).map(i => i.node?.selector ?? i.node?.snippet).filter(Boolean).slice(0, 3);
        return nodes.length ? `${a.id} [${nodes.join(' | ')}]` : a.id;
      });
    return {
      name: page.name,
      attempt,
      path: page.path,
      finalUrl: lhr.finalDisplayedUrl,
      performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
      bytes: audits['total-byte-weight']?.numericValue ?? 0,
      requests: network.length,
      fcp: audits['first-contentful-paint']?.numericValue,
      lcp: audits['largest-contentful-paint']?.numericValue,
      tbt: audits['total-blocking-time']?.numericValue,
      cls: audits['cumulative-layout-shift']?.numericValue,
      failed,
      runtimeError: lhr.runtimeError?.message,
    };
}
