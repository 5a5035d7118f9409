/**
 * The workspace schema. Raw records are never stored: an input leaves its summary, the hosts it saw
 * (one observation row per host and input), findings with their evidence, and campaign state.
 * Indexes follow the API's filters: hosts by status/site/owner/last seen/product with keyset pages
 * on `key`, findings by host and product, items by state/owner/product.
 */
export const initial = {
  version: 1,
  name: "initial",
  sql: `
CREATE TABLE inputs (
  id            bigserial PRIMARY KEY,
  digest        text NOT NULL UNIQUE,
  file          text NOT NULL,
  format        text NOT NULL,
  role          text NOT NULL,
  bytes         bigint NOT NULL,
  encoding      text NOT NULL,
  records       bigint NOT NULL,
  issue_count   integer NOT NULL,
  issues        jsonb NOT NULL DEFAULT '[]',
  suppressed    jsonb NOT NULL DEFAULT '[]',
  host_count    integer NOT NULL,
  finding_count integer NOT NULL,
  site          text,
  observed_at   timestamptz NOT NULL,
  ingested_at   timestamptz NOT NULL,
  ingested_by   text NOT NULL,
  catalog_version text NOT NULL
);
CREATE INDEX inputs_observed ON inputs (observed_at, id);

CREATE TABLE hosts (
  id             bigserial PRIMARY KEY,
  key            text NOT NULL UNIQUE,
  kind           text NOT NULL,
  names          text[] NOT NULL DEFAULT '{}',
  ips            text[] NOT NULL DEFAULT '{}',
  device_ids     text[] NOT NULL DEFAULT '{}',
  platforms      text[] NOT NULL DEFAULT '{}',
  sources        text[] NOT NULL DEFAULT '{}',
  seen_in        text[] NOT NULL DEFAULT '{}',
  products       text[] NOT NULL DEFAULT '{}',
  site           text,
  owner          text,
  status         text NOT NULL DEFAULT 'clean',
  records        bigint NOT NULL DEFAULT 0,
  finding_count  integer NOT NULL DEFAULT 0,
  open_items     integer NOT NULL DEFAULT 0,
  first_seen     timestamptz NOT NULL,
  last_seen      timestamptz NOT NULL,
  last_inventory timestamptz
);
CREATE INDEX hosts_status ON hosts (status, key);
CREATE INDEX hosts_site ON hosts (site, key);
CREATE INDEX hosts_owner ON hosts (owner, key);
CREATE INDEX hosts_last_seen ON hosts (last_seen, key);
-- no pending list: the embedded engine has no autovacuum to merge it, and reads would scan it
CREATE INDEX hosts_products ON hosts USING gin (products) WITH (fastupdate = off);
-- prefix search on the key (keys are lower case by construction)
CREATE INDEX hosts_key_prefix ON hosts (key text_pattern_ops);

-- The high-volume tables below (aliases, observations, evidence, events) carry no foreign keys:
-- they are written only by the ingest and transition code, in the transaction that writes their
-- parents, and the per-row checks doubled the cost of an ingest on the embedded engine.

-- every way a source named a host (id:, fqdn:, short:, ip:, asset:), so the next input finds it
CREATE TABLE host_aliases (
  alias   text NOT NULL,
  host_id bigint NOT NULL,
  PRIMARY KEY (alias, host_id)
);
CREATE INDEX host_aliases_host ON host_aliases (host_id);

-- one row per host and input: the dated observation history
CREATE TABLE host_observations (
  host_id     bigint NOT NULL,
  input_id    bigint NOT NULL,
  observed_at timestamptz NOT NULL,
  role        text NOT NULL,
  records     integer NOT NULL,
  sources     text[] NOT NULL,
  PRIMARY KEY (host_id, input_id)
);
CREATE INDEX host_observations_input ON host_observations (input_id);
CREATE INDEX host_observations_time ON host_observations (host_id, observed_at);

-- a finding is stable across inputs: its id hashes host key, product and class. Assessments are not
-- stored: they depend on the as-of date and profile, and are computed when read.
CREATE TABLE findings (
  id             text PRIMARY KEY,
  host_id        bigint NOT NULL REFERENCES hosts (id),
  vendor         text NOT NULL,
  product        text NOT NULL,
  product_name   text NOT NULL,
  kind           text NOT NULL,
  scope          text NOT NULL,
  class          text NOT NULL,
  confidence     text NOT NULL,
  basis          text NOT NULL,
  engine_of      text,
  first_seen     text,
  last_seen      text,
  first_observed timestamptz NOT NULL,
  last_observed  timestamptz NOT NULL,
  update_after_cutoff boolean,
  signals        jsonb,
  suppressed     jsonb,
  evidence_count integer NOT NULL DEFAULT 0
);
CREATE INDEX findings_host ON findings (host_id, product);
CREATE INDEX findings_product ON findings (product, host_id);

-- which inputs saw which finding, and when the thing was last seen there
CREATE TABLE finding_observations (
  finding_id  text NOT NULL,
  input_id    bigint NOT NULL,
  host_id     bigint NOT NULL,
  product     text NOT NULL,
  class       text NOT NULL,
  observed_at timestamptz NOT NULL,
  seen_at     timestamptz NOT NULL,
  confidence  text NOT NULL,
  evidence    integer NOT NULL,
  PRIMARY KEY (finding_id, input_id)
);
CREATE INDEX finding_observations_host ON finding_observations (host_id, class, seen_at);
CREATE INDEX finding_observations_input ON finding_observations (input_id);

CREATE TABLE evidence (
  finding_id text NOT NULL,
  input_id   bigint NOT NULL,
  seq        integer NOT NULL,
  signature  text NOT NULL,
  weight     text NOT NULL,
  field      text NOT NULL,
  value      text NOT NULL,
  matched    text NOT NULL,
  format     text NOT NULL,
  file       text NOT NULL,
  line       integer,
  record     integer,
  locator    text,
  at         text,
  state      text,
  PRIMARY KEY (finding_id, input_id, seq)
);

CREATE TABLE items (
  id           text PRIMARY KEY,
  host_id      bigint NOT NULL REFERENCES hosts (id),
  product      text NOT NULL,
  class        text NOT NULL,
  state        text NOT NULL,
  owner        text,
  due          date,
  default_due  date,
  scheduled_for date,
  waiver_reason text,
  waived_by    text,
  waiver_until timestamptz,
  note         text,
  last_seen    timestamptz NOT NULL,
  verified_at  timestamptz,
  verified_by  bigint REFERENCES inputs (id),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  version      integer NOT NULL DEFAULT 1,
  FOREIGN KEY (id) REFERENCES findings (id)
);
CREATE INDEX items_state ON items (state, id);
CREATE INDEX items_host ON items (host_id, product);
CREATE INDEX items_owner ON items (owner, id);
CREATE INDEX items_product ON items (product, id);
CREATE INDEX items_waiver ON items (waiver_until) WHERE state = 'waived';

-- the state history the burn-down is computed from
CREATE TABLE item_events (
  seq        bigserial PRIMARY KEY,
  item_id    text NOT NULL,
  at         timestamptz NOT NULL,
  actor      text NOT NULL,
  action     text NOT NULL,
  from_state text,
  to_state   text NOT NULL,
  owner      text,
  product    text NOT NULL,
  reason     text
);
CREATE INDEX item_events_item ON item_events (item_id, seq);
CREATE INDEX item_events_at ON item_events (at);

CREATE TABLE audit (
  seq     bigserial PRIMARY KEY,
  at      timestamptz NOT NULL,
  actor   text NOT NULL,
  action  text NOT NULL,
  subject text NOT NULL,
  before  jsonb,
  after   jsonb
);
CREATE INDEX audit_subject ON audit (subject, seq);

CREATE TABLE tokens (
  id         bigserial PRIMARY KEY,
  name       text NOT NULL,
  role       text NOT NULL,
  hash       text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  revoked_at timestamptz,
  last_used  timestamptz
);

-- history is append-only: the database itself refuses to edit it
CREATE FUNCTION offramp_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION offramp_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION offramp_append_only();
CREATE TRIGGER item_events_append_only BEFORE UPDATE OR DELETE ON item_events
  FOR EACH ROW EXECUTE FUNCTION offramp_append_only();
`,
};
