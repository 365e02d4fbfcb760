// ESLint flat config. Fast on purpose: typescript-eslint's non type-checked rules only
// (`tsc -b` does the type checking).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];

const unusedVarsOptions = {
  args: 'after-used',
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
};

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/.tsbuild/',
      '.tools/',
      'data/',
      '**/test-results/',
      '**/playwright-report/',
      'bench/results/',
      '**/*.d.ts',
    ],
  },

  js.configs.recommended,
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: TS_FILES })),

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-console': 'off',
      'no-unused-vars': ['error', unusedVarsOptions],
      // No focused tests may land: they silently skip the rest of a suite.
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].map((object) => ({
          object,
          property: 'only',
          message: 'Focused tests (.only) must not be committed.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          // test.describe.only(...), test.describe.serial.only(...) (Playwright)
          selector:
            "MemberExpression[property.name='only'][object.type='MemberExpression'][object.object.name=/^(test|describe|it)$/]",
          message: 'Focused tests (.only) must not be committed.',
        },
        {
          selector:
            "MemberExpression[property.name='only'][object.type='MemberExpression'][object.object.type='MemberExpression'][object.object.object.name='test']",
          message: 'Focused tests (.only) must not be committed.',
        },
      ],
    },
  },

  {
    files: TS_FILES,
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', unusedVarsOptions],
    },
  },

  // Node code: scripts, server, end-to-end tests and root config files.
  {
    files: ['scripts/**', 'server/**', 'e2e/**', '*.{js,mjs,cjs,ts,mts}'],
    languageOptions: { globals: { ...globals.node } },
  },

  // Shared code runs on both sides.
  {
    files: ['shared/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },

  // Browser code.
  {
    files: ['client/**/*.{ts,tsx,js,jsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['client/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/server', '@cocon/server', '@cocon/server*', '@cocon/server/**'],
              message: 'The client must not import server code: share it through @cocon/shared.',
            },
          ],
        },
      ],
    },
  },
);
