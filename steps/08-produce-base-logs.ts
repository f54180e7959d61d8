import { produceLogsStep } from './shared/produce-logs.js';

export const produceBaseLogs = produceLogsStep({
  id: 'produce-base-logs',
  kind: 'base',
  count: 50,
  title: 'Produce 50 base logs',
  explain:
    'Sends 50 log events with the 11 base fields (timestamp, level, service, host, …) keyed by service. The connector turns each field into a column of "APPLICATION-LOGS".',
});
