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
  {
    id: 2,
    name: 'courses, assignments, sharing and review',
    sql: `
CREATE TABLE courses (
  id text PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  join_code text NOT NULL UNIQUE,
  created_by text REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE course_members (
  course_id text NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('instructor', 'student')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, user_id)
);
CREATE INDEX course_members_user ON course_members(user_id);

CREATE TABLE assignments (
  id text PRIMARY KEY,
  course_id text NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  scenario_id text NOT NULL,
  title text NOT NULL,
  due_at timestamptz NOT NULL,
  min_turns integer NOT NULL CHECK (min_turns BETWEEN 1 AND 100),
  language text NOT NULL CHECK (language IN ('nl', 'en')),
  voice text NOT NULL CHECK (voice IN ('offline', 'llm')),
  targets jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignments_course ON assignments(course_id);

ALTER TABLE practice_sessions ADD COLUMN source text NOT NULL DEFAULT 'practice' CHECK (source IN ('practice', 'import'));
ALTER TABLE practice_sessions ADD COLUMN title text;
ALTER TABLE practice_sessions ADD COLUMN assignment_id text REFERENCES assignments(id) ON DELETE SET NULL;
CREATE INDEX practice_sessions_assignment ON practice_sessions(assignment_id);

CREATE TABLE session_shares (
  session_id text NOT NULL REFERENCES practice_sessions(id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, user_id)
);
CREATE INDEX session_shares_user ON session_shares(user_id);

CREATE TABLE turn_overrides (
  session_id text NOT NULL REFERENCES practice_sessions(id) ON DELETE CASCADE,
  turn_index integer NOT NULL,
  reviewer_id text REFERENCES users(id) ON DELETE SET NULL,
  primary_code text,
  talk text CHECK (talk IN ('change', 'sustain', 'neutral')),
  talk_subtype text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, turn_index)
);

CREATE TABLE turn_comments (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES practice_sessions(id) ON DELETE CASCADE,
  turn_index integer NOT NULL,
  author_id text REFERENCES users(id) ON DELETE SET NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX turn_comments_session ON turn_comments(session_id, turn_index)
`,
  },
];
