export * from './contract.js';
export * from './auth.contract.js';
export * from './books.contract.js';
export * from './health.contract.js';
export * from './common/problem.js';
export * from './common/pagination.js';
export * from './common/route-metadata.js';
export * from './common/isbn.js';
