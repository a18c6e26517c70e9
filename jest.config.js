// Jest runs TypeScript through SWC. NestJS 12 ships ES modules only; Jest on Node 20 cannot
// require() them, so SWC transforms @nestjs/* too (see ../shared/DESIGN.md, "Known traps").
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  // The browser tests need Chromium (`npm run test:ui`); the fault-injection tests kill and restart
  // processes for minutes (`npm run test:faults`). CI runs all three.
  testPathIgnorePatterns: ['/node_modules/', '/test/ui/', '/test/faults/'],
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // @apidevtools/json-schema-ref-parser (under swagger-parser, for the OpenAPI test) is ESM-only too.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@apidevtools/json-schema-ref-parser)/)'],
  setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'],
  testTimeout: 120_000,
  maxWorkers: 2,
};
