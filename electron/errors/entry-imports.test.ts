// The catalogue imports each concept's entries; an entry module must not import the catalogue
// back (a cycle that makes the merged object undefined, depending on which module loads first).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ELECTRON = join(import.meta.dirname, '..');

it('no entry module imports the catalogue it is merged into', () => {
  const catalogue = readFileSync(join(ELECTRON, 'errors/catalogue.ts'), 'utf8');
  const entryModules = [...catalogue.matchAll(/from '\.\.\/([\w-]+\/errors)'/g)].map((m) => `${m[1]}.ts`);
  expect(entryModules.length).toBeGreaterThanOrEqual(5);
  const cyclic = entryModules.filter((file) =>
    /from '\.\.\/errors\/catalogue'/.test(readFileSync(join(ELECTRON, file), 'utf8')),
  );
  expect(cyclic).toEqual([]);
  // and the leaf itself depends on nothing of the trusted side but the contract's types
  const leafImports = [
    ...readFileSync(join(ELECTRON, 'errors/entry.ts'), 'utf8').matchAll(/from '([^']+)'/g),
  ];
  expect(leafImports.map((m) => m[1])).toEqual(['../contract']);
  expect(readdirSync(join(ELECTRON, 'errors'))).toContain('entry.ts');
});
