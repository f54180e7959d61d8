import { verifyColumnsStep } from './shared/verify-columns.js';

export const verifyEvolvedColumns = verifyColumnsStep({
  id: 'verify-evolved-columns',
  kind: 'evolved',
  title: 'Verify schema evolution: 37 columns',
  explain:
    'The evolved logs carry 26 new fields; schema evolution adds a column for each without any DDL. This checks INFORMATION_SCHEMA.COLUMNS for all 37 columns with their types, the new ones marked, and the row count.',
});
