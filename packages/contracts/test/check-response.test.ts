import { describe, expect, it } from 'vitest';
import { checkResponse, findContractRoute } from '../src/index.js';

const json = { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r1' };
const problemJson = { 'content-type': 'application/problem+json', 'x-request-id': 'r1' };
const notFound = {
  type: 'urn:shelf:problem:book-not-found',
  title: 'Not Found',
  status: 404,
  detail: 'No book with id 1',
  code: 'book-not-found',
};

describe('findContractRoute', () => {
  it('finds an operation by method and path, ignoring the query and sending HEAD to GET', () => {
    expect(findContractRoute('PATCH', '/api/books/7b0c')?.name).toBe('books.update');
    expect(findContractRoute('HEAD', '/api/books?limit=1')?.name).toBe('books.list');
    expect(findContractRoute('GET', 'http://shelf.test/health/ready')?.name).toBe('health.ready');
    expect(findContractRoute('GET', '/nowhere')).toBeUndefined();
  });
});

describe('checkResponse', () => {
  it('accepts a response the contract declares', () => {
    const report = checkResponse({
      method: 'GET',
      url: '/health',
      status: 200,
      headers: json,
      body: { status: 'ok' },
    });
    expect(report).toEqual({ operation: 'health.live', violations: [] });
  });

  it('names a status the operation does not declare', () => {
    const { violations } = checkResponse({
      method: 'GET',
      url: '/health',
      status: 418,
      headers: problemJson,
      body: notFound,
    });
    expect(violations).toEqual([expect.stringMatching(/^status 418 is not declared/)]);
  });

  it('refuses a field the contract does not declare, however deep', () => {
    const { violations } = checkResponse({
      method: 'GET',
      url: '/api/books',
      status: 200,
      headers: json,
      body: { items: [{ secret: 1 }], next_cursor: null },
    });
    expect(violations.join()).toMatch(/Unrecognized key\(s\) in object: 'secret'/);
  });

  it('wants errors as problem+json whose status and type agree with the response', () => {
    const asJson = checkResponse({
      method: 'GET',
      url: '/api/books/1',
      status: 404,
      headers: json,
      body: notFound,
    });
    expect(asJson.violations).toEqual([
      'content-type application/json is not application/problem+json',
    ]);
    const mismatched = checkResponse({
      method: 'GET',
      url: '/api/books/1',
      status: 404,
      headers: problemJson,
      body: { ...notFound, status: 400 },
    });
    expect(mismatched.violations).toEqual(['problem status 400 differs from the response status']);
  });

  it('wants the headers the contract promises', () => {
    const { violations } = checkResponse({
      method: 'GET',
      url: '/api/me',
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        ...notFound,
        status: 401,
        code: 'unauthenticated',
        type: 'urn:shelf:problem:unauthenticated',
      },
    });
    expect(violations).toEqual(['missing x-request-id header', 'missing www-authenticate header']);
  });

  it('wants no body where the contract declares none', () => {
    const { violations } = checkResponse({
      method: 'DELETE',
      url: '/api/books/1',
      status: 204,
      headers: { 'x-request-id': 'r1' },
      body: 'surprise',
    });
    expect(violations).toEqual(['expected no body, got "surprise"']);
  });

  it('wants 405 with Allow for a method an API path does not have', () => {
    const { operation, violations } = checkResponse({
      method: 'DELETE',
      url: '/api/books',
      status: 404,
      headers: problemJson,
      body: notFound,
    });
    expect(operation).toBeUndefined();
    expect(violations).toEqual([
      'DELETE has no operation here, but got 404',
      'missing allow header',
    ]);
  });
});
