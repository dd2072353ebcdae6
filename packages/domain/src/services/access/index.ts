export * from './data-scope.js';
