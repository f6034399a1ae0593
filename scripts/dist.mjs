// Builds dist/: the dashboard as one self-contained folder for any static host, at its root or
// under a sub-path (every URL the page uses is relative). No build step: www/ is plain ES
// modules, so this copies www/ (with the wasm module that `make pkg` put in www/pkg) minus what
// only development needs, and writes dist/README.txt on how to host it.
// Run: make dist  (or, once www/pkg exists, node scripts/dist.mjs [out-dir])

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(repoRoot, 'www');
const out = resolve(process.argv[2] ?? join(repoRoot, 'dist'));

// The files the page cannot start without; a missing one means `make pkg` (or `make sample`) has not run.
const REQUIRED = ['index.html', 'app.js', 'js/engine.js', 'pkg/pmo_analytics.js', 'pkg/pmo_analytics_bg.wasm', 'sample/portfolio.json'];
for (const file of REQUIRED) {
  if (!existsSync(join(www, file))) {
    console.error(`dist: www/${file} is missing. Run "make pkg" (and "make sample" for the sample) first, or simply "make dist".`);
    process.exit(1);
  }
}

/** Development and test leftovers that a host must not get. */
function shipped(source) {
  const name = basename(source);
  if (name.startsWith('.')) return false; // dotfiles: editor and OS droppings
  if (/\.(tmp|map|orig|rej|bak|swp)$/.test(name) || name.endsWith('~')) return false;
  if (/\.d\.ts$/.test(name)) return false; // TypeScript declarations: for npm users, not the page
  if (/\.(test|spec)\.m?js$/.test(name)) return false;
  const parts = relative(www, source).split(sep);
  if (parts.some((part) => ['test', 'tests', 'fixtures', 'node_modules'].includes(part))) return false;
  return true;
}

// Written beside the target and moved into place, so a host syncing dist/ never sees half of it.
const staging = `${out}.tmp-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(dirname(staging), { recursive: true });
cpSync(www, staging, { recursive: true, filter: shipped, dereference: true });

// The policy the page sets for itself, quoted from index.html so the note never disagrees with it.
const html = readFileSync(join(www, 'index.html'), 'utf8');
const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
if (!csp) {
  console.error('dist: www/index.html has no Content-Security-Policy meta; refusing to build a page without one.');
  process.exit(1);
}
const version = readFileSync(join(repoRoot, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)?.[1] ?? '';

const title = `PMO Analytics dashboard ${version}: a folder to put on any static web host`;
writeFileSync(join(staging, 'README.txt'), `${title}
${'='.repeat(title.length)}

What this is
  index.html, app.js, js/, the style sheets, pkg/ (the analytics engine: an ES module and its
  WebAssembly file) and sample/portfolio.json (the portfolio the page opens on). Nothing here
  needs a server-side program, a database or a build step: copy the whole folder as it is.
  pmo-elements.js defines the embeddable widgets (<pmo-portfolio>, <pmo-gantt>, ...) for other
  pages of the same site; embed.html shows them on an example page. The project's README,
  "The widgets (custom elements)", lists their attributes, events and theme properties.

Where to put it
  Anywhere a static web server can serve it: the site root (https://intranet/) or a sub-path
  (https://intranet/pmo/). Every URL in the page is relative to index.html, so the folder works
  wherever it is mounted. Open it with the trailing slash (https://intranet/pmo/), or let the
  server redirect /pmo to /pmo/ as most do; without the slash the browser would look for the
  files one level up.
  It must be served over HTTP(S): opening index.html from disk (file://) does not work, because
  browsers do not load ES modules and WebAssembly from files.

  For a quick local look, in this folder:  python3 -m http.server 8080 --bind 127.0.0.1
  then open http://127.0.0.1:8080/

MIME types the server must send
  .wasm   application/wasm          (required: browsers refuse to compile the engine otherwise)
  .js     text/javascript           (required: ES modules are refused under another type)
  .css    text/css
  .json   application/json
  .html   text/html
  Most servers know these already; older nginx/Apache/IIS configurations may lack .wasm:
    nginx:   types { application/wasm wasm; }   (in the mime.types file or an http/server block)
    Apache:  AddType application/wasm .wasm
    IIS:     <mimeMap fileExtension=".wasm" mimeType="application/wasm" /> in web.config

Content Security Policy
  index.html sets this policy itself, in a <meta http-equiv="Content-Security-Policy"> tag:

    ${csp}

  The page runs nothing inline and talks to no other origin; 'wasm-unsafe-eval' is what lets it
  compile its own WebAssembly engine. If your host adds a Content-Security-Policy response header
  of its own, the browser enforces both, so the header must allow at least the same: send

    Content-Security-Policy: ${csp}

  for this folder (a stricter header, e.g. one without 'wasm-unsafe-eval' or with
  connect-src 'none', stops the engine or the sample from loading). The header can also carry
  frame-ancestors, which a meta tag cannot, if the dashboard must not be framed:
  ... ; frame-ancestors 'none'

Your data stays in the browser
  Files opened with "Load your own JSON..." or "Import MS Project XML..." are read by the page in
  the browser and never uploaded: the server only ever receives GET requests for the files in
  this folder. The page sends no referrer and contacts no other origin.
`);

rmSync(out, { recursive: true, force: true });
renameSync(staging, out);

// What went in, for the log.
let files = 0;
let bytes = 0;
(function count(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) count(path);
    else {
      files += 1;
      bytes += statSync(path).size;
    }
  }
})(out);
console.log(`dist: ${relative(repoRoot, out) || out}/ written, ${files} files, ${(bytes / 1024).toFixed(0)} KiB; host it as ${relative(repoRoot, join(out, 'README.txt'))} says`);
