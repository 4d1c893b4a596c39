import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'src/generated/**',
      'coverage/**',
      'bench-results/**',
      // StrykerJS (npm run test:mutation): its sandboxes and reports
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // The staff console runs in the browser: its globals, not Node's. (TypeScript checks names
    // itself, with the DOM library of console/tsconfig.json; this is for ESLint's own rules.)
    files: ['console/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        sessionStorage: 'readonly',
        fetch: 'readonly',
        HTMLElement: 'readonly',
      },
    },
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/migrations/**', 'src/plugins/*/migrations/**'],
    rules: { 'max-len': 'off' },
  },
);
