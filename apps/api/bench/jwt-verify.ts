import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Mean microseconds per jwt.verify, with the secret as a string and as a KeyObject. */
export const measureJwtVerify = (iterations = 20_000) => {
  const secret = 'bench-secret-that-is-at-least-32-bytes-long';
  const key = createSecretKey(Buffer.from(secret));
  const options = { algorithms: ['HS256' as const], issuer: 'shelf', audience: 'shelf-api' };
  const token = jwt.sign({ typ: 'access' }, key, {
    algorithm: 'HS256',
    subject: 'x',
    issuer: 'shelf',
    audience: 'shelf-api',
    expiresIn: 900,
  });
  const time = (verify: () => unknown) => {
    for (let i = 0; i < 1000; i++) verify();
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) verify();
    return Number(process.hrtime.bigint() - started) / 1000 / iterations;
  };
  return {
    stringSecretMicros: time(() => jwt.verify(token, secret, options)),
    keyObjectMicros: time(() => jwt.verify(token, key, options)),
  };
};
