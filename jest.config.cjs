// Jest runs in ESM mode because NestJS 12 packages are ESM-only (see ../shared/toolchain.md).
// These ESM-only packages are require()d by CommonJS ones (Fastify's inject, @fastify/static),
// which Jest cannot do on Node 20, so they are compiled to CommonJS.
const ESM_REQUIRED_FROM_CJS = ['cookie', 'content-disposition'];
const esmGroup = ESM_REQUIRED_FROM_CJS.join('|');

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    [`/node_modules/(${esmGroup})/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmGroup})/)`],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.spec.ts'] },
    { ...common, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // The web reader in Debian's Chromium (/usr/bin/chromium) against the built dist/web: run after npm run build.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
};
