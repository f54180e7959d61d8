// Renders server.properties.template: every ${NAME} must be given, so a typo fails here rather
// than as a puzzling broker error.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const templateFile = fileURLToPath(new URL('./server.properties.template', import.meta.url));

export interface BrokerConfigValues {
  CONTROLLER_PORT: number;
  PLAINTEXT_PORT: number;
  SASL_SSL_PORT: number;
  KEYSTORE_FILE: string;
  KEYSTORE_PASSWORD: string;
  PLAIN_USER: string;
  PLAIN_PASSWORD: string;
  DATA_DIR: string;
}

export async function renderBrokerConfig(values: BrokerConfigValues): Promise<string> {
  const template = await readFile(templateFile, 'utf8');
  return template.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    const value = (values as unknown as Record<string, string | number | undefined>)[name];
    if (value === undefined) throw new Error(`server.properties.template: no value for \${${name}}`);
    // Properties files treat backslashes as escapes; our values are paths and base64url strings.
    return String(value).replace(/\\/g, '\\\\');
  });
}
