// Lint for the whole project. Boundaries are enforced here (STYLE.md rule 1): shared/ imports no
// Node, Electron, SQLite, React or DOM; the renderer never imports the Electron side.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeOnly = ['electron', 'better-sqlite3-multiple-ciphers', 'sirv', 'fs', 'path', 'os', 'crypto', 'child_process', 'http'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', '.native/**', 'test-results/**', 'playwright-report/**', '.bench-data/**', '.test-build/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly.map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node or Electron imports.' })),
          patterns: [
            { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node imports.' },
            { group: ['react', 'react-*', 'react/*'], message: 'shared/ holds no UI code.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing else in the project.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // The Vite config runs in Node at build time; it is not part of the page.
    ignores: ['renderer/vite.config.mts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly.map((name) => ({ name, message: 'The renderer talks to the core only through ExamDayApi.' })),
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a browser: no Node imports.' },
            { group: ['**/electron/**'], message: 'The renderer talks to the core only through ExamDayApi.' },
          ],
        },
      ],
    },
  },
);
