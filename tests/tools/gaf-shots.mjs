// Screenshots of the purchasing-group pages at 1280 and 390 px (run against a local app with the demo data).
import puppeteer from 'puppeteer-core';
const base = process.env.BASE ?? 'http://127.0.0.1:5099';
const out = process.env.OUT ?? '/tmp/gafshots';
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
async function signIn(page, email) {
  await page.goto(`${base}/account/accedi?rete=brianza`);
  await page.type('input[type=email], input[name$="Email"]', email);
  await page.type('input[type=password]', 'Alleanza-demo-2026');
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
}
for (const [device, width] of [['desktop', 1280], ['telefono', 390]]) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'it-IT,it' });
  await page.setViewport({ width, height: 900 });
  await signIn(page, 'gaf@brianza.demo');
  await page.goto(`${base}/gruppi-acquisto`);
  await page.screenshot({ path: `${out}/${device}-gruppi.png`, fullPage: true });
  const group = await page.$$eval('h2 a', as => as[as.length - 1].getAttribute('href'));
  for (const [name, path] of [['gruppo', group], ['fornitori', group + '/fornitori'], ['nuovo-ordine', group + '/nuovo-ordine'], ['cassa', group + '/cassa'], ['soci', group + '/soci']]) {
    const r = await page.goto(base + path); console.log(device, path, r.status());
    await page.screenshot({ path: `${out}/${device}-${name}.png`, fullPage: true });
  }
  await page.goto(base + group);
  const cycle = await page.$eval('a[href*="/ordini/"]', a => a.getAttribute('href'));
  for (const [name, path] of [['ordine', cycle], ['riepilogo', cycle + '/riepilogo'], ['consegna', cycle + '/consegna']]) {
    const r = await page.goto(base + path); console.log(device, path, r.status());
    await page.screenshot({ path: `${out}/${device}-${name}.png`, fullPage: true });
  }
  await context.close();
}
await browser.close();
