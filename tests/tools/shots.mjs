// Screenshots at 1280 and 390 px of pages given on the command line, as a demo person, in a language:
//   BASE=http://127.0.0.1:5080 OUT=/tmp/shots node tests/tools/shots.mjs email@demo lang /path1 /path2 …
// (a local app with the demo data; a path may name links to follow: "/gruppi-acquisto>h2 a>a[href*='/ordini/']").
import puppeteer from 'puppeteer-core';
const base = process.env.BASE ?? 'http://127.0.0.1:5080';
const out = process.env.OUT ?? '/tmp/shots';
const [email, lang, ...paths] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
for (const [device, width] of [['desktop', 1280], ['telefono', 390]]) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height: 900 });
  await page.goto(`${base}/account/accedi?culture=${lang}`);
  await page.type('input[type=email], input[name$="Email"]', email);
  await page.type('input[type=password]', 'Alleanza-demo-2026');
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  for (const spec of paths) {
    const [path, ...follow] = spec.split('>');
    let r = await page.goto(base + path + (path.includes('?') ? '&' : '?') + 'culture=' + lang);
    for (const link of follow) { const href = await page.$eval(link, a => a.getAttribute('href')); r = await page.goto(base + href); }
    const name = (path + (follow.length ? '-link' : '')).replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
    console.log(device, page.url(), r.status());
    await page.screenshot({ path: `${out}/${lang}-${device}-${name}.png`, fullPage: true });
  }
  await context.close();
}
await browser.close();
