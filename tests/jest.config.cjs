/** Cross-project tests: the built product (API + web app) on its own embedded PostgreSQL, driven like a user would. */
module.exports = {
  testEnvironment: 'node',
  rootDir: 'src',
  testRegex: '.*\\.(spec|e2e-spec|browser-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2023', keepClassNames: true },
      module: { type: 'commonjs' },
    }],
  },
  moduleNameMapper: {
    '^@attune/domain$': '<rootDir>/../../libs/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  cacheDirectory: '<rootDir>/../../.jest-cache/tests',
  testTimeout: 120_000,
};
