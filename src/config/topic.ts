// Kafka topic names: 1-249 characters of [a-zA-Z0-9._-], never "." or "..".
// Kafka maps "." and "_" to the same metric name, so mixing them is worth a warning.

export const DEFAULT_TOPIC = 'application-logs';
const MAX_TOPIC_LENGTH = 249;

export interface TopicCheck {
  errors: string[];
  warnings: string[];
}

export function checkTopic(topic: string): TopicCheck {
  const result: TopicCheck = { errors: [], warnings: [] };
  // Shown escaped: a name with a line break must not break the one-line message (or a SQL comment).
  const shown = quoted(topic);
  if (topic.length === 0) {
    result.errors.push('the topic name is empty');
    return result;
  }
  if (topic === '.' || topic === '..') {
    result.errors.push(`topic name ${shown} is not allowed by Kafka`);
    return result;
  }
  if (topic.length > MAX_TOPIC_LENGTH) {
    result.errors.push(`topic name is ${topic.length} characters long; Kafka allows at most ${MAX_TOPIC_LENGTH}`);
  }
  const bad = [...new Set(topic.replace(/[a-zA-Z0-9._-]/g, ''))];
  if (bad.length > 0) {
    result.errors.push(
      `topic name ${shown} has characters Kafka does not allow (${bad.map(quoted).join(', ')}); ` +
        'use letters, digits, ".", "_" and "-"',
    );
  }
  if (topic.includes('.') && topic.includes('_')) {
    result.warnings.push(
      `topic name ${shown} mixes "." and "_"; Kafka treats them alike in metric names, so it may collide with another topic`,
    );
  }
  return result;
}

/** Quoted and escaped as JSON, line and paragraph separators too: one line whatever the name holds. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}
