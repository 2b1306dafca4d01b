/**
 * `npm run size`: builds the production Worker as `wrangler deploy --dry-run --minify` does
 * (wrangler.toml, src/index.ts), prints its gzipped size against the budget of issue 12
 * (≤ 120 KiB gzipped) and the largest packages in it, and exits 1 when the bundle is over budget.
 *
 * Two gzipped totals are printed and the larger one is held against the budget: the figure
 * wrangler itself reports ("Total Upload: … / gzip: … KiB", its zlib at the default level) and
 * `gzip -9` of the bundle (the measure the lead's bundle facts use; zlib level 9 when there is no
 * gzip binary). They differ by about 1 KB. Sizes per package are minified bytes from esbuild's
 * metafile (`bytesInOutput`): gzip does not split by input, so only the totals are gzipped.
 * Usage: `npm run size [-- --top N] [-- --config wrangler.demo.toml]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The production bundle budget of issue 12, in gzipped bytes (120 KiB). */
const BUDGET_GZIP_BYTES = 120 * 1024;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const top = Number(option('--top', '12'));
const config = option('--config', 'wrangler.toml');

const outdir = mkdtempSync(join(tmpdir(), 'pco-feeds-size-'));
try {
  const log = execFileSync(
    'node_modules/.bin/wrangler',
    [
      'deploy',
      '--dry-run',
      '--minify',
      '--config',
      config,
      '--outdir',
      outdir,
      '--metafile',
      join(outdir, 'meta.json'),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      },
    },
  );
  const code = readFileSync(join(outdir, 'index.js'));
  const gzip9Bytes = gzip9(join(outdir, 'index.js'), code);
  const reported = /gzip: ([\d.]+) KiB/.exec(log);
  const wranglerBytes = reported ? Math.round(Number(reported[1]) * 1024) : 0;
  const gzipBytes = Math.max(gzip9Bytes, wranglerBytes);
  const meta = JSON.parse(readFileSync(join(outdir, 'meta.json'), 'utf8'));
  const output = Object.entries(meta.outputs).find(([path]) => path.endsWith('index.js'))?.[1];
  /** @type {Map<string, number>} minified bytes by package (or src/ folder) */
  const byPackage = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const key = packageOf(input);
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(
    `${config}: ${code.length} B minified; gzipped ${gzip9Bytes} B (gzip -9), ${
      wranglerBytes
        ? `${wranglerBytes} B (${kib(wranglerBytes)}, wrangler's figure)`
        : 'wrangler printed no figure'
    }`,
  );
  console.log(
    `budget ${BUDGET_GZIP_BYTES} B (${kib(BUDGET_GZIP_BYTES)}): ${
      gzipBytes <= BUDGET_GZIP_BYTES ? 'within' : 'OVER'
    } by ${Math.abs(BUDGET_GZIP_BYTES - gzipBytes)} B`,
  );
  console.log(`largest inputs (minified bytes, before gzip):`);
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${String(bytes).padStart(8)}  ${name}`);
  }
  process.exitCode = gzipBytes <= BUDGET_GZIP_BYTES ? 0 : 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}

/**
 * Gzipped size in bytes of `file` by `gzip -9 -n` (no name or time in the header), or by zlib
 * level 9 when there is no gzip binary.
 * @param {string} file path of the bundle
 * @param {Buffer} code its bytes
 */
function gzip9(file, code) {
  try {
    return execFileSync('gzip', ['-9', '-n', '-c', file], { maxBuffer: 64 << 20 }).length;
  } catch {
    return gzipSync(code, { level: 9 }).length;
  }
}

/**
 * The package an esbuild input path belongs to (`luxon`, `@scope/name`), or for our own code
 * its folder under src/ (`src/render/widget`).
 * @param {string} input a metafile input path, relative to the working directory
 */
function packageOf(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at >= 0) {
    const name = parts[at + 1] ?? input;
    return name.startsWith('@') ? `${name}/${parts[at + 2]}` : name;
  }
  const src = parts.indexOf('src');
  if (src >= 0) return parts.slice(src, Math.min(parts.length - 1, src + 3)).join('/') || 'src';
  return input;
}
