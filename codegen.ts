import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator: typed documents for the example operations in examples/*.graphql,
 * checked against the committed schema.graphql. Run `npm run codegen` after changing either;
 * test/schema.test.ts fails when src/generated/ is stale.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: {
        // Plain documents; fragment masking helps React components, not scripts.
        fragmentMasking: false,
      },
      config: {
        // DateTime travels as an ISO 8601 string; nothing parses it into a Date on the way in.
        scalars: { DateTime: 'string', ID: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        // Spell out `T | null` rather than optional keys: what the server sends, exactly.
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};

export default config;
