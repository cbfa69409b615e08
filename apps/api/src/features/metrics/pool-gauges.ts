import { Gauge, type Registry } from 'prom-client';
import type pg from 'pg';

/**
 * The PostgreSQL pool's state, read when Prometheus scrapes: connections open, idle, and clients
 * waiting for one (queueing in the pool shows here before it shows in latency).
 */
export const registerPoolGauges = (registry: Registry, pool: pg.Pool): void => {
  const gauges: [name: string, help: string, read: () => number][] = [
    ['shelf_db_pool_connections', 'Connections the pool holds open.', () => pool.totalCount],
    [
      'shelf_db_pool_idle_connections',
      'Open connections not serving a query.',
      () => pool.idleCount,
    ],
    [
      'shelf_db_pool_waiting_clients',
      'Queries waiting for a free connection.',
      () => pool.waitingCount,
    ],
  ];
  for (const [name, help, read] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  }
};
