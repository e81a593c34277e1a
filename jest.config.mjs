// One jest run for every test in the workspace: unit and component tests beside the code,
// integration tests against real nats-server and kube-apiserver, and e2e journeys.
/** @type {import('jest').Config} */
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } }],
  },
  moduleNameMapper: {
    '^@eventing/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',

  },
  testEnvironment: 'node',
};

export default {
  rootDir: '.',
  maxWorkers: 2,
  // jest reads testTimeout at the top level only (not per project): long enough for e2e journeys.
  testTimeout: 120000,
  transform: common.transform,
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest-global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'], testPathIgnorePatterns: ['\\.int\\.spec\\.ts$'] },
    { ...common, displayName: 'integration', rootDir: '.', testMatch: ['<rootDir>/{apps,libs,tools,charts}/**/*.int.spec.ts'], testTimeout: 60000 },
    { ...common, displayName: 'e2e', rootDir: '.', testMatch: ['<rootDir>/e2e/**/*.e2e.spec.ts'], testTimeout: 180000 },
  ],
};
