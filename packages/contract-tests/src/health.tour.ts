import type { Step } from './step.js';

/** Both probes answer `{ status: 'ok' }`. */
export const tourHealth = async (step: Step): Promise<void> => {
  await step('the process is live', { method: 'GET', path: '/health' }, { status: 200 });
  await step('the database answers', { method: 'GET', path: '/health/ready' }, { status: 200 });
};
