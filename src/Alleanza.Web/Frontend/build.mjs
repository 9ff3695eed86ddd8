// Builds the front-end files the layout loads, from the npm packages, into wwwroot/lib (not in git):
//   lib/alleanza/menu.js                 the header's collapsible menu, bundled by esbuild from Bootstrap Italia's ES modules
//   lib/alleanza/bootstrap-italia.css    Bootstrap Italia's stylesheet without the rules no page can match (PurgeCSS over
//                                        the Razor views, the C# sources — classes come from C# strings too — and our scripts)
//   lib/bootstrap-italia/svg/sprites.svg only the icons some source names as "#it-…"
// Run by the csproj (target BuildFrontEnd) when a source changed: `node Frontend/build.mjs`.
import { build } from 'esbuild';
import { PurgeCSS } from 'purgecss';
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const project = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(project, 'wwwroot', 'lib');
const bi = join(project, 'node_modules', 'bootstrap-italia', 'dist');

/** Every source that can name a class or an icon: views, C#, our scripts. */
function sources(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (['bin', 'obj', 'node_modules', 'lib', 'Frontend'].includes(entry.name)) continue;
      sources(join(dir, entry.name), found);
    } else if (/\.(cshtml|cs|js)$/.test(entry.name)) {
      found.push(join(dir, entry.name));
    }
  }
  return found;
}

const files = sources(project);
mkdirSync(join(lib, 'alleanza'), { recursive: true });

// 1. The menu script.
const menuFile = join(lib, 'alleanza', 'menu.js');
await build({
  entryPoints: [join(project, 'Frontend', 'menu.js')],
  bundle: true, minify: true, format: 'iife', target: ['es2019'], outfile: menuFile, logLevel: 'error',
  legalComments: 'none',
});

// 2. The stylesheet. Elements can come from Markdown (Markdig renders descriptions and minutes), so all of them stay;
// classes added by scripts or composed at run time are listed.
const elements = ['html', 'body', 'a', 'abbr', 'address', 'b', 'blockquote', 'button', 'caption', 'code', 'dd', 'del', 'details',
  'dl', 'dt', 'em', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'img',
  'input', 'kbd', 'label', 'legend', 'li', 'main', 'mark', 'nav', 'ol', 'optgroup', 'output', 'p', 'pre', 'progress', 'select', 'small',
  'strong', 'sub', 'summary', 'sup', 'svg', 'table', 'tbody', 'td', 'textarea', 'tfoot', 'th', 'thead', 'tr', 'ul', 'iframe', 'video',
  'audio', 'canvas', 'picture', 'section', 'article', 'aside', 's', 'u', 'i', 'time', 'dfn', 'samp', 'var', '[hidden]', '::placeholder'];
const [purged] = await new PurgeCSS().purge({
  content: [...files, menuFile],
  css: [join(bi, 'css', 'bootstrap-italia.min.css')],
  safelist: {
    standard: [...elements, 'show', 'showing', 'fade', 'expanded', 'collapsing', 'navbar-open', 'navbar-backdrop', 'active', 'disabled',
      'focus--mouse', 'is-invalid', 'is-valid', 'was-validated'],
    // alert-@tone, bg-…/text-… from C# switch expressions, validation states.
    greedy: [/^alert-/, /^bg-/, /^text-/, /^badge/, /^btn-/, /^border-/],
  },
  fontFace: true,
  keyframes: true,
  variables: true,
});
writeFileSync(join(lib, 'alleanza', 'bootstrap-italia.css'),
  '/* Bootstrap Italia 2.18.3 (BSD-3-Clause), only the rules Alleanza uses: built by Frontend/build.mjs. */\n' + purged.css);

// 3. The icons.
const names = new Set();
for (const file of files) for (const m of readFileSync(file, 'utf8').matchAll(/#(it-[a-z0-9-]+)/g)) names.add(m[1]);
const sprite = readFileSync(join(bi, 'svg', 'sprites.svg'), 'utf8');
const symbols = [...sprite.matchAll(/<symbol id="([^"]+)"[\s\S]*?<\/symbol>/g)].filter(m => names.has(m[1])).map(m => m[0]);
mkdirSync(join(lib, 'bootstrap-italia', 'svg'), { recursive: true });
writeFileSync(join(lib, 'bootstrap-italia', 'svg', 'sprites.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${symbols.join('')}</svg>`);

console.log(`front-end: menu.js, bootstrap-italia.css (${purged.css.length} bytes), sprites.svg (${symbols.length} icons)`);
