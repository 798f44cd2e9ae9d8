// `npm run build` (after tsc): dist/server.js becomes one minified ES module holding the BFF and its
// dependencies, so the running server keeps one compact source in V8's heap instead of the text of
// about 700 modules. Measured with the bench's load item (20 operators, 10,000-session snapshot):
// about 10 MiB less peak RSS (bench/README.md "Memory"). The CLIs (doctor, audit verify) stay tsc's
// module tree; tests run the sources.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a content hash: the last build's must not pile up beside this one's.
rmSync('dist/chunks', { recursive: true, force: true });

const result = await build({
  entryPoints: { server: 'src/server.ts' },
  outdir: 'dist',
  bundle: true,
  // The Redis session store is imported only when REDIS_URL is set: it stays a chunk of its own.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  // Error names and `function.name` stay readable in logs and stack traces.
  keepNames: true,
  sourcemap: 'linked',
  // Licence comments go to dist/server.js.LEGAL.txt: one non-ASCII character in them (a name) made the
  // whole source a two-byte string in V8, twice its size.
  legalComments: 'linked',
  // CommonJS dependencies call require() for Node's built-ins and for optional packages (pg-native),
  // which an ES module has no binding for.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  logLevel: 'warning',
  metafile: true,
});

// Guard the ASCII source (measured: Node decodes a module holding any non-ASCII character into a two-byte
// string, 5.4 MiB of heap instead of 2.7); a later dependency could bring text esbuild keeps as is.
for (const file of Object.keys(result.metafile.outputs).filter((name) => name.endsWith('.js'))) {
  const text = readFileSync(file, 'utf8');
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code > 0x7f) throw new Error(`${file} holds U+${code.toString(16)} at ${at}: Node would hand V8 its whole source as two bytes a character.`);
  }
}

const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`Bundled the BFF into dist/server.js and its chunks: ${(bytes / 1024 / 1024).toFixed(1)} MiB with source maps.`);
