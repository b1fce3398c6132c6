import { z } from 'zod';

// The only place that reads the environment. Everything else receives a Config.
// Leaving OPENAI_API_KEY unset switches the LLM off: the app then runs fully offline.

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Pretty logs for a terminal; JSON otherwise. Defaults to pretty when stdout is a TTY. */
  LOG_PRETTY: z.enum(['true', 'false', 'auto']).default('auto'),
  /** PostgreSQL connection string. Unset: embedded PGlite in DATA_DIR. */
  DATABASE_URL: optionalString,
  DATA_DIR: z.string().default('./data'),
  /** Trust X-Forwarded-* from a reverse proxy (TLS termination): cookies become Secure. */
  TRUST_PROXY: bool,
  /** Create this admin on first start when no admin exists. */
  ADMIN_EMAIL: optionalString,
  ADMIN_PASSWORD: optionalString,
  ADMIN_NAME: optionalString,
  SCENARIOS_DIR: z.string().default('./scenarios'),
  RUBRICS_DIR: z.string().default('./rubrics'),
  /** Any OpenAI-compatible endpoint. Unset key: offline patient and coder. */
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.7),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** rules: offline rules only. hybrid: low-confidence turns go to the LLM. llm: every turn. */
  CODER_MODE: z.enum(['rules', 'hybrid', 'llm']).default('hybrid'),
  /** Below this rule confidence a turn goes to the LLM in hybrid mode. */
  CODER_HYBRID_THRESHOLD: z.coerce.number().min(0).max(1).default(0.6),
  /** offline: scenario lines. llm: the LLM voice when a key is set, offline otherwise. */
  PATIENT_VOICE: z.enum(['offline', 'llm']).default('llm'),
  /** Turns a student may send per minute. */
  TURN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** HTTP requests per minute per IP. */
  HTTP_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(600),
});

export type Env = z.infer<typeof EnvSchema>;

export interface LlmConfig {
  apiKey: string;
  baseURL: string | undefined;
  model: string;
  temperature: number;
  timeoutMs: number;
}

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  log: { level: Env['LOG_LEVEL']; pretty: boolean };
  databaseUrl: string | undefined;
  dataDir: string;
  trustProxy: boolean;
  admin: { email: string; password: string; name: string } | undefined;
  scenariosDir: string;
  rubricsDir: string;
  /** undefined: no LLM configured, everything runs offline. */
  llm: LlmConfig | undefined;
  coder: { mode: Env['CODER_MODE']; hybridThreshold: number };
  patientVoice: 'offline' | 'llm';
  limits: { turnsPerMinute: number; httpPerMinute: number };
}

export class ConfigError extends Error {}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  opts: { isTTY?: boolean } = {},
): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.ADMIN_EMAIL && !e.ADMIN_PASSWORD) || (!e.ADMIN_EMAIL && e.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid environment settings:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const isTTY = opts.isTTY ?? Boolean(process.stdout.isTTY);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY === 'auto' ? isTTY : e.LOG_PRETTY === 'true' },
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    trustProxy: e.TRUST_PROXY,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD
      ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, name: e.ADMIN_NAME ?? 'Admin' }
      : undefined,
    scenariosDir: e.SCENARIOS_DIR,
    rubricsDir: e.RUBRICS_DIR,
    llm: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL,
          temperature: e.LLM_TEMPERATURE,
          timeoutMs: e.LLM_TIMEOUT_MS,
        }
      : undefined,
    coder: { mode: e.CODER_MODE, hybridThreshold: e.CODER_HYBRID_THRESHOLD },
    patientVoice: e.PATIENT_VOICE,
    limits: { turnsPerMinute: e.TURN_RATE_PER_MINUTE, httpPerMinute: e.HTTP_RATE_PER_MINUTE },
  };
}
