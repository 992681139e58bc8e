/**
 * What `lakewatch init --source <type>` writes under `managed:` for the sources Lakewatch can pull
 * from a vendor API: the non-secret properties (commented, to fill in) and the environment
 * variables the secrets come from.
 */

interface PullHelp {
  properties: [name: string, example: string, what: string][];
  /** Secret suffixes: the variable is `LAKEWATCH_<LOG SOURCE NAME>_<SUFFIX>`. */
  secrets: [suffix: string, what: string][];
}

const PULL: Record<string, PullHelp> = {
  OKTA: {
    properties: [['domain', 'example.okta.com', 'your Okta org']],
    secrets: [['API_TOKEN', 'an Okta API token (read-only admin)']],
  },
  DUO: {
    properties: [
      ['api_hostname', 'api-xxxxxxxx.duosecurity.com', 'the Admin API hostname'],
      ['integration_key', 'DIXXXXXXXXXXXXXXXXXX', 'the Admin API integration key'],
    ],
    secrets: [['SECRET_KEY', 'the Admin API secret key']],
  },
  GOOGLE_WORKSPACE: {
    properties: [
      ['subject', 'admin@example.com', 'the admin the service account acts as'],
      ['applications', '[admin, login, drive, saml, token]', 'add alert for the Alert Center'],
    ],
    secrets: [['CREDENTIALS_JSON', "the service account's JSON key"]],
  },
  MSFT: {
    properties: [
      ['tenant_id', '00000000-0000-0000-0000-000000000000', 'the Entra ID tenant'],
      ['client_id', '00000000-0000-0000-0000-000000000000', 'the app registration'],
    ],
    secrets: [['CLIENT_SECRET', "the app registration's client secret"]],
  },
  O365: {
    properties: [
      ['tenant_id', '00000000-0000-0000-0000-000000000000', 'the Microsoft 365 tenant'],
      ['client_id', '00000000-0000-0000-0000-000000000000', 'the app registration'],
    ],
    secrets: [['CLIENT_SECRET', "the app registration's client secret"]],
  },
  SNYK: {
    properties: [['org_id', '00000000-0000-0000-0000-000000000000', 'the Snyk organization']],
    secrets: [['API_TOKEN', 'a Snyk API token']],
  },
  ONEPASSWORD: {
    properties: [
      ['base_url', 'https://events.1password.com', 'the Events API host of your account (.ca, .eu, ent.)'],
    ],
    secrets: [['API_TOKEN', 'an Events Reporting bearer token']],
  },
  AWS_INSPECTOR: {
    properties: [['region', 'us-east-1', 'the AWS region of Inspector']],
    // AWS credentials: the environment's AWS_* variables (or LAKEWATCH_<NAME>_AWS_*)
    secrets: [],
  },
};

/** Commented `properties:` lines for a pull source (empty for file-based sources). */
export function managedPropertyLines(type: string, sourceName = type.toLowerCase()): string[] {
  const help = PULL[type.toUpperCase()];
  if (!help) return [];
  const envName = (suffix: string) => `LAKEWATCH_${sourceName.toUpperCase()}_${suffix}`;
  const lines = [
    '  # Lakewatch can pull this source from its API (`lakewatch collect`, and every',
    '  # poll_interval in `lakewatch up`). Fill these in to turn that on:',
    '  # properties:',
    ...help.properties.map(([name, example, what]) => `  #   ${name}: ${example}   # ${what}`),
    '  #   poll_interval: 5m',
  ];
  if (help.secrets.length > 0) {
    lines.push('  # Secrets come from the environment, never from this file:');
    for (const [suffix, what] of help.secrets) lines.push(`  #   ${envName(suffix)}   # ${what}`);
  } else if (type.toUpperCase() === 'AWS_INSPECTOR') {
    lines.push('  # AWS credentials come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).');
  }
  return lines;
}
