import { produceLogsStep } from './shared/produce-logs.js';

export const produceEvolvedLogs = produceLogsStep({
  id: 'produce-evolved-logs',
  kind: 'evolved',
  count: 80,
  title: 'Produce 80 evolved logs',
  explain:
    'Sends 80 log events that carry 26 new fields (region, trace_id, auth_method, …). Schema evolution adds a column for each, without any DDL.',
});
