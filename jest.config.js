// Jest runs the API and model tests in Node and the widget tests in jsdom, without a browser.
//
// JupyterLab and Lumino publish ES modules, which Jest's CommonJS runtime cannot load, so those
// packages go through ts-jest too (tsconfig.test.json sets allowJs and module commonjs).
const esModulePackages = ['@jupyterlab', '@jupyter', '@lumino', '@codemirror', '@lezer', 'lib0', 'yjs', 'y-protocols', 'nanoid', 'exenv-es6'];

module.exports = {
  testEnvironment: 'node',
  // Only src/ is scanned for modules: .venv and the built labextension contain package.json files
  // with the same names, which Jest's module map reports as collisions.
  roots: ['<rootDir>/src'],
  testMatch: ['<rootDir>/src/__tests__/**/*.spec.ts?(x)'],
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }]
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esModulePackages.join('|')})/)`],
  moduleNameMapper: {
    '\\.(css|svg)$': '<rootDir>/src/__tests__/fileMock.js'
  }
};
