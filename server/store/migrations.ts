// Numbered migrations, applied in order inside one transaction each; the same SQL runs on PGlite
// and PostgreSQL. Never edit a shipped migration: add the next number.

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'accounts and practice sessions',
    sql: `
CREATE TABLE users (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('student', 'instructor', 'reviewer', 'admin')),
  locale text NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth_sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_sessions_user ON auth_sessions(user_id);

CREATE TABLE practice_sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scenario_id text NOT NULL,
  language text NOT NULL CHECK (language IN ('nl', 'en')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  parent_id text REFERENCES practice_sessions(id) ON DELETE SET NULL,
  branched_at_turn integer,
  voice text NOT NULL DEFAULT 'offline',
  seed bigint NOT NULL,
  scores jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz
);
CREATE INDEX practice_sessions_user ON practice_sessions(user_id, created_at DESC);

CREATE TABLE turns (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES practice_sessions(id) ON DELETE CASCADE,
  idx integer NOT NULL,
  speaker text NOT NULL CHECK (speaker IN ('practitioner', 'client')),
  text text NOT NULL,
  coded jsonb NOT NULL,
  patient_state jsonb,
  mood jsonb,
  voice text,
  client_turn_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, idx),
  UNIQUE (session_id, client_turn_id)
);
`,
  },
];
