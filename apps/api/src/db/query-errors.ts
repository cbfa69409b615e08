/** True when PostgreSQL cancelled a statement that ran past its `statement_timeout`. */
export const isQueryTimeout = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '57014';
