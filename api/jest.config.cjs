/** API tests: the real HTTP pipeline against a real PostgreSQL (embedded unless TEST_DATABASE_URL is set). */
module.exports = {
  testEnvironment: 'node',
  rootDir: 'src',
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2023',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
    }],
  },
  moduleNameMapper: {
    '^@attune/domain$': '<rootDir>/../../libs/src/index.ts',
    '^@attune/domain/testing$': '<rootDir>/../../libs/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/testing/global-setup.ts',
  globalTeardown: '<rootDir>/testing/global-teardown.ts',
  cacheDirectory: '<rootDir>/../../.jest-cache/api',
  testTimeout: 60_000,
};
