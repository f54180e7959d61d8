import { verifyColumnsStep } from './shared/verify-columns.js';

export const verifyBaseColumns = verifyColumnsStep({
  id: 'verify-base-columns',
  kind: 'base',
  title: 'Verify the 11 base columns',
  explain:
    'Openflow created the table "APPLICATION-LOGS" from the topic and a column per JSON field. This checks INFORMATION_SCHEMA.COLUMNS for the 11 base columns with the types the tutorial shows, and that every produced record arrived.',
});
