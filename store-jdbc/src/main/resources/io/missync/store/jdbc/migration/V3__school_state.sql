-- missync store-jdbc, schema version 3: how each school is run, the snapshot an incremental read
-- builds on, and each school's Wonde token. Portable types only (VARCHAR, TEXT, BOOLEAN, INTEGER,
-- TIMESTAMP WITH TIME ZONE): binary values are kept as base64 text, which PostgreSQL and H2 both
-- store without a size limit that matters here.

CREATE TABLE ${t}school_state (
  school_id VARCHAR(255) NOT NULL PRIMARY KEY,
  mode VARCHAR(16) NOT NULL,
  mode_since TIMESTAMP WITH TIME ZONE,
  mode_reason VARCHAR(255) NOT NULL,
  full_read_due BOOLEAN NOT NULL,
  full_read_reason VARCHAR(255) NOT NULL,
  last_full_read_at TIMESTAMP WITH TIME ZONE,
  migration_key VARCHAR(1000),
  migration_applied BOOLEAN NOT NULL
);

-- the snapshot an incremental read builds on: SnapshotCodec bytes, base64
CREATE TABLE ${t}snapshot_base (
  school_id VARCHAR(255) NOT NULL PRIMARY KEY,
  codec_version INTEGER NOT NULL,
  captured_at TIMESTAMP WITH TIME ZONE NOT NULL,
  body TEXT NOT NULL
);

-- a school's Wonde token, AES-GCM encrypted by the application with the key named by key_id:
-- base64 of the 12-byte nonce followed by the ciphertext and its tag. Never the token itself.
CREATE TABLE ${t}school_token (
  school_id VARCHAR(255) NOT NULL PRIMARY KEY,
  key_id VARCHAR(255) NOT NULL,
  sealed TEXT NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
