import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';

export interface AssetFile {
  url: string;
  kind: 'js' | 'css';
  /** Uncompressed bytes. */
  bytes: number;
  /** gzip (node:zlib, default level) of the uncompressed bytes: the same measure for both apps. */
  gzipBytes: number;
  /** Bytes on the wire when asked with Accept-Encoding: gzip (what the server itself sends). */
  wireBytes: number;
  wireEncoding: string;
}

export interface AssetTotals {
  page: string;
  files: AssetFile[];
  js: { files: number; bytes: number; gzipBytes: number; wireBytes: number };
  css: { files: number; bytes: number; gzipBytes: number; wireBytes: number };
  total: { files: number; bytes: number; gzipBytes: number; wireBytes: number };
  html: { bytes: number; gzipBytes: number };
  notes: string[];
}

/** GET over node:http so the compressed size on the wire is visible (fetch would decode it silently). */
function getRaw(url: string): Promise<{ status: number; body: Buffer; wireBytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        const body = encoding === 'gzip' ? gunzipSync(wire) : encoding === 'br' ? brotliDecompressSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, body, wireBytes: wire.length, encoding });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];

/** Static `import … from "x"`, `import "x"` and `export … from "x"` specifiers of a (minified) ES module; not `import("x")`. */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:^|[^.\w$])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"'\s]+)["']/g;
  for (const match of code.matchAll(pattern)) if (match[1]) found.add(match[1]);
  return [...found];
}

interface Page {
  url: string;
  html: string;
  importMap: Record<string, string>;
  entries: Array<{ url: string; kind: 'js' | 'css' }>;
}

async function readPage(pageUrl: string): Promise<Page> {
  const { status, body } = await getRaw(pageUrl);
  if (status !== 200) throw new Error(`GET ${pageUrl} answered HTTP ${status}`);
  const html = body.toString('utf8');
  const importMap: Record<string, string> = {};
  const mapJson = /<script[^>]*type=["']importmap["'][^>]*>([\s\S]*?)<\/script>/i.exec(html)?.[1];
  if (mapJson) {
    const parsed = JSON.parse(mapJson) as { imports?: Record<string, string> };
    for (const [name, target] of Object.entries(parsed.imports ?? {})) importMap[name] = new URL(target, pageUrl).href;
  }
  const entries: Page['entries'] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src) entries.push({ url: new URL(src, pageUrl).href, kind: 'js' });
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel')?.toLowerCase() ?? '';
    const href = attr(tag, 'href');
    if (!href) continue;
    if (rel === 'stylesheet') entries.push({ url: new URL(href, pageUrl).href, kind: 'css' });
    else if (rel === 'modulepreload') entries.push({ url: new URL(href, pageUrl).href, kind: 'js' });
  }
  return { url: pageUrl, html, importMap, entries };
}

function resolveSpecifier(specifier: string, from: string, importMap: Record<string, string>): string | undefined {
  if (importMap[specifier]) return importMap[specifier];
  if (/^(\.{1,2}\/|\/|https?:)/.test(specifier)) return new URL(specifier, from).href;
  return undefined;
}

/**
 * The JS and CSS a page loads: its script/stylesheet/modulepreload tags, their static imports
 * transitively (bare specifiers through the import map), plus `extra` modules (e.g. the lazily
 * loaded route chunk of the page in question) found by `extra(code, url)` in any loaded module.
 */
export async function measurePage(
  pageUrl: string,
  extra?: (code: string, moduleUrl: string) => Array<{ url: string; kind: 'js' | 'css' }>,
): Promise<AssetTotals> {
  const page = await readPage(pageUrl);
  const notes: string[] = [];
  const files = new Map<string, AssetFile>();
  const queue = [...page.entries];
  while (queue.length > 0) {
    const next = queue.shift() as { url: string; kind: 'js' | 'css' };
    if (files.has(next.url)) continue;
    const { status, body, wireBytes, encoding } = await getRaw(next.url);
    if (status !== 200) {
      notes.push(`GET ${next.url} answered HTTP ${status}; not counted`);
      continue;
    }
    files.set(next.url, { url: next.url, kind: next.kind, bytes: body.length, gzipBytes: gzipSync(body).length, wireBytes, wireEncoding: encoding });
    if (next.kind !== 'js') continue;
    const code = body.toString('utf8');
    for (const specifier of staticImports(code)) {
      const url = resolveSpecifier(specifier, next.url, page.importMap);
      if (!url) {
        // A bare name the import map does not define cannot be loaded by a browser: it is text in the code, not an import.
        if (/^[@\w][\w@./-]*$/.test(specifier)) notes.push(`not counted: "${specifier}" in ${new URL(next.url).pathname} (no import-map entry, so not a real import)`);
      }
      else if (!files.has(url)) queue.push({ url, kind: url.endsWith('.css') ? 'css' : 'js' });
    }
    for (const more of extra?.(code, next.url) ?? []) if (!files.has(more.url)) queue.push(more);
  }
  const sum = (list: AssetFile[]) => ({
    files: list.length,
    bytes: list.reduce((s, f) => s + f.bytes, 0),
    gzipBytes: list.reduce((s, f) => s + f.gzipBytes, 0),
    wireBytes: list.reduce((s, f) => s + f.wireBytes, 0),
  });
  const all = [...files.values()];
  const htmlBytes = Buffer.from(page.html);
  return {
    page: pageUrl,
    files: all,
    js: sum(all.filter((f) => f.kind === 'js')),
    css: sum(all.filter((f) => f.kind === 'css')),
    total: sum(all),
    html: { bytes: htmlBytes.length, gzipBytes: gzipSync(htmlBytes).length },
    notes,
  };
}

/**
 * The Keycloak admin console's sessions route is a lazy chunk (`import("./SessionsSection-….js")`)
 * whose CSS is listed through Vite's `__vite__mapDeps([…])`; this finds both in the main module.
 */
export function consoleSessionsRoute(code: string, moduleUrl: string): Array<{ url: string; kind: 'js' | 'css' }> {
  const route = /import\("(\.\/SessionsSection-[^"]+\.js)"\)\s*,\s*__vite__mapDeps\(\[([\d,\s]*)\]\)/.exec(code);
  if (!route?.[1]) return [];
  const found: Array<{ url: string; kind: 'js' | 'css' }> = [{ url: new URL(route[1], moduleUrl).href, kind: 'js' }];
  const depsList = /m\.f\|\|\(m\.f=\[([^\]]*)\]/.exec(code)?.[1];
  if (depsList && route[2]) {
    const deps = [...depsList.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
    for (const index of route[2].split(',').map((s) => Number(s.trim()))) {
      const dep = deps[index];
      if (dep) found.push({ url: new URL(dep, moduleUrl).href, kind: dep.endsWith('.css') ? 'css' : 'js' });
    }
  }
  return found;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/**
 * The chunks and CSS a browser fetches when the SPA's router first matches a page whose module is
 * loaded lazily (`lazy` in apps/web/src/app/router.tsx): that module's chunk, its static imports and
 * their CSS, read from Vite's build manifest (`apps/web/dist/.vite/manifest.json`, keyed by source
 * path, e.g. `src/app/routes/sessions.tsx`). Vite's preload helper requests exactly these. None when
 * the module is not loaded lazily (not a key of the manifest).
 */
export function spaRouteChunks(manifest: Record<string, ManifestChunk>, routeModule: string, origin: string): Array<{ url: string; kind: 'js' | 'css' }> {
  // Not a key of the manifest: the page is bundled into the entry chunk, whose files are counted already.
  if (!manifest[routeModule]) return [];
  const found = new Map<string, 'js' | 'css'>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || found.has(chunk.file)) return;
    found.set(chunk.file, chunk.file.endsWith('.css') ? 'css' : 'js');
    for (const css of chunk.css ?? []) found.set(css, 'css');
    for (const next of chunk.imports ?? []) visit(next);
  };
  visit(routeModule);
  return [...found].map(([file, kind]) => ({ url: new URL(`/${file}`, origin).href, kind }));
}

/** The SPA build's Vite manifest under `root` (the bench's copy of the build). */
export function readSpaManifest(root: string): Record<string, ManifestChunk> {
  return JSON.parse(readFileSync(path.join(root, 'apps/web/dist/.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}

/** An `extra` for measurePage that adds `files` once, when the page's first module is read. */
export function firstModuleOnly(files: Array<{ url: string; kind: 'js' | 'css' }>): (code: string, moduleUrl: string) => Array<{ url: string; kind: 'js' | 'css' }> {
  let given = false;
  return () => {
    if (given) return [];
    given = true;
    return files;
  };
}
