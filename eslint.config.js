// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'release/**',
      'resources/**',
      'coverage/**',
      '.cache/**',
      '**/.scratch*/**',
    ],
  },
  js.configs.recommended,
  {
    // Plain scripts loaded into the kiosk page by the end-to-end tests.
    files: ['test/e2e/**/*.js'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    // Plain Node scripts that run before TypeScript can be transpiled (scripts/start.mjs).
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The renderer talks to the trusted side only through the contract's types.
    files: ['renderer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)electron/(?!contract$)',
              message: 'The renderer may import only electron/contract (types) from the trusted side.',
            },
            {
              regex: '^(electron|node:.*|fs|path|child_process)$',
              message: 'No Node or Electron in the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    // The simulated world (sim/) is never a dependency of production code: only the simulated
    // composition root, the tests and the scripts may import it (so a production build cannot pack it).
    files: ['electron/**/*.ts'],
    ignores: ['electron/world/simulated-world.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)sim/',
              message:
                'Production modules never import sim/; only electron/world/simulated-world.ts, tests and scripts do.',
            },
          ],
        },
      ],
    },
  },
  {
    // Time is an input: only electron/clock.ts reads the wall clock; everything else takes a Clock.
    files: ['electron/**/*.ts'],
    ignores: ['electron/clock.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read the time from the injected Clock (electron/clock.ts), not Date.now().',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the time from the injected Clock (electron/clock.ts), not new Date().',
        },
      ],
    },
  },
);
