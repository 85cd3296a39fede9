// A cached esbuild bundle of TypeScript entry points, rebuilt only when what it was built from
// changed, so `npm start` runs the trusted side without transpiling it on every start. Plain
// JavaScript: it must run before anything can transpile TypeScript.
//
// The stamp beside the bundle records the sha256 of every source file as esbuild was handed it (read
// by the plugin below, so an edit during a build cannot slip past), the names in each folder those
// files were found in (a new file can change what an import resolves to), and the build's own key
// (options, esbuild's version, this file). A start re-hashes them all; any difference rebuilds. A
// stale bundle never runs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const STAMP_FILE = '.stamp.json';
const LOADERS = { '.ts': 'ts', '.tsx': 'tsx', '.mts': 'ts', '.js': 'js', '.mjs': 'js', '.json': 'json' };
/** Files outside the bundle that change how it is built or resolved. */
const BUILD_FILES = ['package.json', 'package-lock.json', 'tsconfig.json'];

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function folderListing(dir) {
  try {
    return sha256(readdirSync(dir).sort().join('\0'));
  } catch {
    return 'missing';
  }
}

function fileHash(path) {
  try {
    return sha256(readFileSync(path));
  } catch {
    return 'missing';
  }
}

function buildKey(options) {
  return sha256(
    JSON.stringify({
      root: options.root,
      entries: options.entries,
      define: options.define ?? {},
      builder: fileHash(new URL(import.meta.url)),
      esbuild: options.esbuildVersion ?? '',
      node: process.versions.modules,
      buildFiles: BUILD_FILES.map((file) => fileHash(join(options.root, file))),
    }),
  );
}

/**
 * Each module's `import.meta.url`, `dirname` and `filename` as they are in its source file, so paths
 * a module finds beside itself (fixtures, models, the project root) are the same bundled or not.
 */
function sourceLocation(source, file) {
  return source
    .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(file).href))
    .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(file)))
    .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(file));
}

/** Null when the bundle in outDir is up to date; otherwise why it is not. */
export function staleReason(options) {
  const stampPath = join(options.outDir, STAMP_FILE);
  if (!existsSync(stampPath)) return 'no bundle yet';
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return 'unreadable stamp';
  }
  // The key needs esbuild's version, known only once esbuild is loaded: compare without it here
  // and let the stamp carry the version it was built with.
  if (stamp.key !== buildKey({ ...options, esbuildVersion: stamp.esbuildVersion })) return 'build changed';
  if (stamp.esbuildVersion !== installedEsbuildVersion()) return 'esbuild changed';
  for (const output of stamp.outputs) if (!existsSync(join(options.outDir, output))) return 'output missing';
  for (const [file, hash] of Object.entries(stamp.inputs))
    if (fileHash(join(options.root, file)) !== hash) return `${file} changed`;
  for (const [dir, listing] of Object.entries(stamp.folders))
    if (folderListing(join(options.root, dir)) !== listing) return `files added or removed in ${dir || '.'}`;
  return null;
}

/** The version of the esbuild this file would load, read without loading it. */
function installedEsbuildVersion() {
  try {
    return createRequire(import.meta.url)('esbuild/package.json').version;
  } catch {
    return 'none';
  }
}

/** Builds the bundle now: each entry to `<outDir>/<name>.js`, packages left to node_modules. */
export async function buildBundle(options) {
  const esbuild = await import('esbuild');
  const root = resolve(options.root);
  const inputs = {};
  const inProject = (path) =>
    !relative(root, path).startsWith('..') && !path.includes(`${sep}node_modules${sep}`);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: options.entries,
    outdir: options.outDir,
    bundle: true,
    // Modules imported with import() stay in chunks of their own, loaded only when imported.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    define: options.define ?? {},
    write: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'source-stamp',
        setup(build) {
          build.onLoad({ filter: /\.(m?[jt]sx?|json)$/ }, (args) => {
            if (!inProject(args.path)) return undefined;
            const bytes = readFileSync(args.path);
            inputs[relative(root, args.path)] = sha256(bytes);
            const text = bytes.toString('utf8');
            return {
              contents: extname(args.path) === '.json' ? text : sourceLocation(text, args.path),
              loader: LOADERS[extname(args.path)] ?? 'ts',
            };
          });
        },
      },
    ],
  });
  // Each file written beside its place and renamed into it: a start running now reads whole files.
  const outputs = [];
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    outputs.push(relative(options.outDir, file.path));
  }
  // Chunks of earlier builds are removed (their names carry the content hash).
  const chunksDir = join(options.outDir, 'chunks');
  if (existsSync(chunksDir))
    for (const name of readdirSync(chunksDir))
      if (!outputs.includes(join('chunks', name))) rmSync(join(chunksDir, name), { force: true });
  const folders = {};
  for (const file of Object.keys(inputs)) folders[dirname(file) === '.' ? '' : dirname(file)] = '';
  for (const dir of Object.keys(folders)) folders[dir] = folderListing(join(root, dir));
  const stamp = {
    key: buildKey({ ...options, root, esbuildVersion: esbuild.version }),
    esbuildVersion: esbuild.version,
    outputs,
    inputs,
    folders,
  };
  const stampPath = join(options.outDir, STAMP_FILE);
  writeFileSync(`${stampPath}.${process.pid}.tmp`, JSON.stringify(stamp, null, 1));
  renameSync(`${stampPath}.${process.pid}.tmp`, stampPath);
}

/**
 * Builds the bundle if anything it is made of changed. Returns why it rebuilt, or null.
 * options: { root, entries: { name: 'path/to/entry.ts' }, outDir, define? }
 */
export async function ensureBundle(options) {
  const normalised = { ...options, root: resolve(options.root) };
  const reason = staleReason(normalised);
  if (reason) await buildBundle(normalised);
  return reason;
}
