// Types of scripts/cached-bundle.mjs (plain JavaScript: it runs before TypeScript can be transpiled).
export interface BundleOptions {
  /** The project root: source paths are relative to it, packages come from its node_modules. */
  root: string;
  /** Output name → entry source, e.g. { start: 'scripts/start.ts' } builds `<outDir>/start.js`. */
  entries: Record<string, string>;
  outDir: string;
  /** Compile-time constants (esbuild `define`). */
  define?: Record<string, string>;
}

/** Null when the bundle in outDir is up to date; otherwise why it is not. */
export function staleReason(options: BundleOptions): string | null;
/** Builds the bundle now. */
export function buildBundle(options: BundleOptions): Promise<void>;
/** Builds the bundle if anything it is made of changed. Returns why it rebuilt, or null. */
export function ensureBundle(options: BundleOptions): Promise<string | null>;
