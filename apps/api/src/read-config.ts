import { existsSync } from 'node:fs';
import { ConfigError, parseConfig, type Config } from './config.js';

/**
 * The configuration of a process entry point: `.env` in the working directory (if any) under the
 * real environment, parsed once. An invalid configuration prints every problem and exits 1.
 */
export const readConfigOrExit = (): Config => {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return parseConfig(process.env, { isTerminal: process.stdout.isTTY });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
};
