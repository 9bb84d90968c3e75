import { seedSystemRolesSql } from './system-permissions.js'

/**
 * The emulator's own catalog, in schema `rsl` of the engine's database: what Redshift knows
 * and PostgreSQL does not (namespaces, databases, users per namespace, datashares, policies,
 * table attributes). It is written in the session's transaction, so it commits and rolls back
 * with the statements that change it.
 */
export const CATALOG_SQL = `
CREATE SCHEMA rsl;
GRANT USAGE ON SCHEMA rsl TO PUBLIC;
CREATE TABLE rsl.namespace (
  id text PRIMARY KEY,
  num serial UNIQUE,
  name text NOT NULL UNIQUE,
  account text NOT NULL,
  admin_user text NOT NULL,
  customized_admin boolean NOT NULL,
  default_iam_role text,
  iam_roles text[] NOT NULL DEFAULT '{}',
  info jsonb NOT NULL DEFAULT '{}'
);
CREATE TABLE rsl.secret (
  arn text PRIMARY KEY,
  username text NOT NULL,
  password text NOT NULL
);
CREATE TABLE rsl.principal (
  id serial PRIMARY KEY,
  namespace_id text NOT NULL REFERENCES rsl.namespace,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('user', 'role', 'group')),
  physical text NOT NULL UNIQUE,
  superuser boolean NOT NULL DEFAULT false,
  createdb boolean NOT NULL DEFAULT false,
  password_hash text,
  created timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  UNIQUE (namespace_id, kind, name)
);
CREATE TABLE rsl.membership (
  member_id int NOT NULL REFERENCES rsl.principal ON DELETE CASCADE,
  role_id int NOT NULL REFERENCES rsl.principal ON DELETE CASCADE,
  PRIMARY KEY (member_id, role_id)
);
CREATE TABLE rsl.database (
  id serial PRIMARY KEY,
  namespace_id text NOT NULL REFERENCES rsl.namespace,
  name text NOT NULL,
  owner_id int REFERENCES rsl.principal,
  kind text NOT NULL CHECK (kind IN ('local', 'shared')),
  isolation text NOT NULL DEFAULT 'Snapshot Isolation',
  share_id int,
  with_permissions boolean NOT NULL DEFAULT false,
  created timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  UNIQUE (namespace_id, name)
);
CREATE TABLE rsl.database_privilege (
  database_id int NOT NULL REFERENCES rsl.database ON DELETE CASCADE,
  privilege text NOT NULL,
  principal_id int REFERENCES rsl.principal ON DELETE CASCADE,
  UNIQUE (database_id, privilege, principal_id)
);
CREATE TABLE rsl.datashare (
  id serial PRIMARY KEY,
  namespace_id text NOT NULL REFERENCES rsl.namespace,
  database_id int NOT NULL REFERENCES rsl.database,
  name text NOT NULL,
  owner_id int NOT NULL REFERENCES rsl.principal,
  publicly_accessible boolean NOT NULL DEFAULT false,
  created timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  UNIQUE (namespace_id, name)
);
CREATE TABLE rsl.datashare_object (
  share_id int NOT NULL REFERENCES rsl.datashare ON DELETE CASCADE,
  object_type text NOT NULL,
  schema_name text NOT NULL,
  object_name text NOT NULL DEFAULT '',
  include_new boolean,
  PRIMARY KEY (share_id, object_type, schema_name, object_name)
);
CREATE TABLE rsl.datashare_consumer (
  share_id int NOT NULL REFERENCES rsl.datashare ON DELETE CASCADE,
  consumer_account text NOT NULL,
  consumer_namespace text NOT NULL DEFAULT '',
  share_date timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  visible_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (share_id, consumer_account, consumer_namespace)
);
CREATE TABLE rsl.datashare_privilege (
  share_id int NOT NULL REFERENCES rsl.datashare ON DELETE CASCADE,
  privilege text NOT NULL,
  principal_id int NOT NULL REFERENCES rsl.principal ON DELETE CASCADE,
  PRIMARY KEY (share_id, privilege, principal_id)
);
CREATE TABLE rsl.relation_attributes (
  relid oid PRIMARY KEY,
  diststyle text,
  distkey text,
  sortkey_style text,
  sortkey text[] NOT NULL DEFAULT '{}',
  backup boolean NOT NULL DEFAULT true,
  constraints text[] NOT NULL DEFAULT '{}'
);
CREATE TABLE rsl.rls_policy (
  id serial PRIMARY KEY,
  database_id int NOT NULL REFERENCES rsl.database ON DELETE CASCADE,
  name text NOT NULL,
  atts jsonb NOT NULL,
  alias text,
  qual text NOT NULL,
  modified_by text NOT NULL,
  modified timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  UNIQUE (database_id, name)
);
CREATE TABLE rsl.rls_attachment (
  id serial PRIMARY KEY,
  policy_id int NOT NULL REFERENCES rsl.rls_policy ON DELETE CASCADE,
  relid oid NOT NULL,
  principal_id int REFERENCES rsl.principal ON DELETE CASCADE,
  grantor text NOT NULL
);
CREATE TABLE rsl.rls_relation (
  relid oid PRIMARY KEY,
  is_rls_on boolean NOT NULL DEFAULT false,
  datashare_on boolean NOT NULL DEFAULT false,
  conjunction text NOT NULL DEFAULT 'and',
  datashare_conjunction text
);
CREATE TABLE rsl.masking_relation (
  relid oid PRIMARY KEY,
  masking_datashare_off boolean NOT NULL DEFAULT false
);
CREATE TABLE rsl.shared_grant (
  database_id int NOT NULL REFERENCES rsl.database ON DELETE CASCADE,
  schema_name text NOT NULL,
  object_name text NOT NULL,
  privilege text NOT NULL,
  principal_id int REFERENCES rsl.principal ON DELETE CASCADE,
  UNIQUE (database_id, schema_name, object_name, privilege, principal_id)
);
CREATE TABLE rsl.masking_policy (
  id serial PRIMARY KEY,
  database_id int NOT NULL REFERENCES rsl.database ON DELETE CASCADE,
  name text NOT NULL,
  inputs jsonb NOT NULL,
  expressions jsonb NOT NULL,
  modified_by text NOT NULL,
  modified timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  UNIQUE (database_id, name)
);
CREATE TABLE rsl.masking_attachment (
  id serial PRIMARY KEY,
  policy_id int NOT NULL REFERENCES rsl.masking_policy ON DELETE CASCADE,
  relid oid NOT NULL,
  outputs text[] NOT NULL,
  inputs text[] NOT NULL,
  principal_id int REFERENCES rsl.principal ON DELETE CASCADE,
  grantor text NOT NULL,
  priority int NOT NULL DEFAULT 0
);
CREATE TABLE rsl.query_history (
  user_id int, query_id bigint, query_label text, transaction_id bigint, session_id int,
  database_name text, query_type text, status text, result_cache_hit boolean,
  start_time timestamp, end_time timestamp, elapsed_time bigint, queue_time bigint,
  execution_time bigint, error_message text, returned_rows bigint, returned_bytes bigint,
  query_text text, redshift_version text, namespace_id text
);
CREATE TABLE rsl.load_error (
  user_id int, query_id bigint, transaction_id bigint, session_id int, database_name text,
  table_id int, start_time timestamp, file_name text, line_number bigint, column_name text,
  column_type text, column_length text, position int, error_code int, error_message text,
  raw_line text, raw_field_value text, namespace_id text
);

CREATE FUNCTION rsl.ns() RETURNS text LANGUAGE sql STABLE AS $$ SELECT current_setting('rsl.ns', true) $$;
CREATE FUNCTION rsl.db() RETURNS int LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('rsl.db', true), '')::int $$;
CREATE FUNCTION rsl.uid() RETURNS int LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('rsl.uid', true), '')::int $$;
CREATE FUNCTION rsl.is_su() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('rsl.su', true), '') = 'on' $$;
CREATE FUNCTION rsl.is_secadmin() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT rsl.is_su() OR coalesce(current_setting('rsl.secadmin', true), '') = 'on' $$;
CREATE FUNCTION rsl.has_principal(p int) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT p = ANY (string_to_array(coalesce(current_setting('rsl.principals', true), ''), ',')::int[])
$$;
CREATE FUNCTION rsl.schema_of(nsp text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT substr(nsp, strpos(nsp, ':') + 1) $$;
CREATE FUNCTION rsl.db_of(nsp text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN nsp ~ '^d[0-9]+:' THEN substr(nsp, 2, strpos(nsp, ':') - 2)::int END
$$;

CREATE SCHEMA rsl_fn;
CREATE FUNCTION rsl_fn.getdate() RETURNS timestamp LANGUAGE sql VOLATILE AS $$ SELECT date_trunc('second', now() AT TIME ZONE 'UTC') $$;
CREATE FUNCTION rsl_fn.sysdate() RETURNS timestamp LANGUAGE sql STABLE AS $$ SELECT (transaction_timestamp() AT TIME ZONE 'UTC') $$;
CREATE FUNCTION rsl_fn.nvl(anyelement, anyelement) RETURNS anyelement LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce($1, $2) $$;
CREATE FUNCTION rsl_fn.len(text) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT length($1) $$;
CREATE FUNCTION rsl_fn.current_schema_name() RETURNS text LANGUAGE sql STABLE AS $$ SELECT rsl.schema_of(current_schema()) $$;
GRANT USAGE ON SCHEMA rsl_fn TO PUBLIC;

CREATE SCHEMA rsl_sys;
GRANT USAGE ON SCHEMA rsl_sys TO PUBLIC;
`

/**
 * Catalog objects that later versions added: system permissions of roles (D-15), the catalog
 * helpers the views call, has_database_privilege (D-17), the views SVV_USER_INFO (D-16) and
 * SVV_SYSTEM_PRIVILEGES (D-15), and what ACCESS SYSTEM TABLE shows (D-20): SVV_USER_GRANTS,
 * SVV_ROLE_GRANTS, and every row of the privilege views. Idempotent: it also runs when an account kept in a data
 * directory by an earlier version is opened again.
 *
 * A function a view calls runs as the querying user, who holds no privilege on the rsl tables
 * ("permission denied for table principal"): the helpers that read them are SECURITY DEFINER,
 * owned by the engine, with a fixed search_path.
 */
export const CATALOG_ADDITIONS_SQL = `
CREATE TABLE IF NOT EXISTS rsl.system_privilege (
  role_id int NOT NULL REFERENCES rsl.principal ON DELETE CASCADE,
  privilege text NOT NULL,
  PRIMARY KEY (role_id, privilege)
);
CREATE OR REPLACE FUNCTION rsl.principal_name(p int) RETURNS text LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN p IS NULL THEN 'public' ELSE (SELECT name FROM rsl.principal WHERE id = p) END
$$;
CREATE OR REPLACE FUNCTION rsl.principal_kind(p int) RETURNS text LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN p IS NULL THEN 'public' ELSE (SELECT kind FROM rsl.principal WHERE id = p) END
$$;
-- A user and every role or group it belongs to, directly or through other roles.
CREATE OR REPLACE FUNCTION rsl.principals_of(u int) RETURNS int[] LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  WITH RECURSIVE r(id) AS (SELECT u UNION SELECT m.role_id FROM rsl.membership m JOIN r ON m.member_id = r.id)
  SELECT array_agg(id) FROM r
$$;
-- D-17 HAS_DATABASE_PRIVILEGE on the databases of the session's namespace.
CREATE OR REPLACE FUNCTION rsl.database_privilege_of(u int, dbname text, priv text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  p text := lower(btrim(priv));
  db_id int;
  db_owner int;
  ps int[];
BEGIN
  IF p IS NULL OR p NOT IN ('create', 'temporary', 'temp') THEN
    RAISE EXCEPTION 'unrecognized privilege type: "%"', priv USING ERRCODE = '22023';
  END IF;
  SELECT d.id, d.owner_id INTO db_id, db_owner FROM rsl.database d
    WHERE d.namespace_id = rsl.ns() AND d.name = dbname;
  IF db_id IS NULL THEN
    RAISE EXCEPTION 'database "%" does not exist', dbname USING ERRCODE = '3D000';
  END IF;
  ps := rsl.principals_of(u);
  IF db_owner = ANY (ps) OR EXISTS (SELECT 1 FROM rsl.principal x WHERE x.id = ANY (ps)
      AND (x.superuser OR (x.kind = 'role' AND x.name = 'sys:superuser'))) THEN
    RETURN true;
  END IF;
  -- D-8: every user holds TEMP through PUBLIC.
  IF p <> 'create' THEN RETURN true; END IF;
  RETURN EXISTS (SELECT 1 FROM rsl.database_privilege g WHERE g.database_id = db_id
    AND g.privilege = 'create' AND (g.principal_id IS NULL OR g.principal_id = ANY (ps)));
END
$$;
CREATE OR REPLACE FUNCTION rsl_fn.has_database_privilege(dbname text, priv text) RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT rsl.database_privilege_of(rsl.uid(), dbname, priv) $$;
CREATE OR REPLACE FUNCTION rsl_fn.has_database_privilege(username text, dbname text, priv text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE u int;
BEGIN
  SELECT x.id INTO u FROM rsl.principal x WHERE x.namespace_id = rsl.ns() AND x.kind = 'user' AND x.name = username;
  IF u IS NULL THEN
    RAISE EXCEPTION 'user "%" does not exist', username USING ERRCODE = '42704';
  END IF;
  RETURN rsl.database_privilege_of(u, dbname, priv);
END
$$;

-- D-16 SVV_USER_INFO (all users; superusers see every user, others their own row)
CREATE OR REPLACE VIEW rsl_sys.svv_user_info AS
SELECT p.name::text AS user_name, p.id AS user_id, (p.createdb OR p.superuser) AS createdb,
  p.superuser AS superuser, false AS catalog_update, 'UNLIMITED'::text AS connection_limit,
  'RESTRICTED'::text AS syslog_access, NULL::timestamp AS last_ddl_timestamp, 0 AS session_timeout,
  NULL::text AS external_user_id
FROM rsl.principal p
WHERE p.namespace_id = rsl.ns() AND p.kind = 'user' AND (rsl.is_su() OR p.id = rsl.uid());

-- D-20 Superusers and holders of ACCESS SYSTEM TABLE (through a role: sys:monitor, sys:operator,
-- sys:dba, or a granted one) see every row of the privilege views.
CREATE OR REPLACE FUNCTION rsl.sees_all_privileges() RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT rsl.is_su() OR EXISTS (SELECT 1 FROM rsl.system_privilege sp
    WHERE sp.privilege = 'ACCESS SYSTEM TABLE' AND rsl.has_principal(sp.role_id))
$$;

-- D-15 SVV_SYSTEM_PRIVILEGES (D-20: superusers and ACCESS SYSTEM TABLE see all rows, others the
-- identities they are or hold)
CREATE OR REPLACE VIEW rsl_sys.svv_system_privileges AS
SELECT sp.privilege::text AS system_privilege, p.id AS identity_id, p.name::text AS identity_name,
  p.kind::text AS identity_type
FROM rsl.system_privilege sp JOIN rsl.principal p ON p.id = sp.role_id
WHERE p.namespace_id = rsl.ns() AND (rsl.sees_all_privileges() OR rsl.has_principal(p.id));

-- R-SVV-4 SVV_DATASHARE_PRIVILEGES (D-20)
CREATE OR REPLACE VIEW rsl_sys.svv_datashare_privileges AS
SELECT s.name::text AS datashare_name, upper(p.privilege)::text AS privilege_type,
  p.principal_id AS identity_id, rsl.principal_name(p.principal_id)::text AS identity_name,
  rsl.principal_kind(p.principal_id)::text AS identity_type, false AS admin_option
FROM rsl.datashare_privilege p JOIN rsl.datashare s ON s.id = p.share_id
WHERE s.namespace_id = rsl.ns() AND (rsl.sees_all_privileges() OR rsl.has_principal(p.principal_id));

-- R-SVV-6 SVV_DATABASE_PRIVILEGES (D-20; only DATABASE-scope grants exist, D-21)
CREATE OR REPLACE VIEW rsl_sys.svv_database_privileges AS
SELECT d.name::text AS database_name, upper(p.privilege)::text AS privilege_type,
  p.principal_id AS identity_id, rsl.principal_name(p.principal_id)::text AS identity_name,
  rsl.principal_kind(p.principal_id)::text AS identity_type, false AS admin_option,
  'DATABASE'::text AS privilege_scope
FROM rsl.database_privilege p JOIN rsl.database d ON d.id = p.database_id
WHERE d.namespace_id = rsl.ns() AND (rsl.sees_all_privileges() OR p.principal_id IS NULL
  OR rsl.has_principal(p.principal_id));

-- D-20 SVV_USER_GRANTS: roles granted to users (others see the roles granted to themselves)
CREATE OR REPLACE VIEW rsl_sys.svv_user_grants AS
SELECT u.id AS user_id, u.name::text AS user_name, r.id AS role_id, r.name::text AS role_name,
  false AS admin_option
FROM rsl.membership m JOIN rsl.principal u ON u.id = m.member_id JOIN rsl.principal r ON r.id = m.role_id
WHERE u.namespace_id = rsl.ns() AND u.kind = 'user' AND r.kind = 'role'
  AND (rsl.sees_all_privileges() OR u.id = rsl.uid());

-- D-20 SVV_ROLE_GRANTS: roles granted to roles (others see the grants to roles they hold)
CREATE OR REPLACE VIEW rsl_sys.svv_role_grants AS
SELECT g.id AS role_id, g.name::text AS role_name, r.id AS granted_role_id,
  r.name::text AS granted_role_name
FROM rsl.membership m JOIN rsl.principal g ON g.id = m.member_id JOIN rsl.principal r ON r.id = m.role_id
WHERE g.namespace_id = rsl.ns() AND g.kind = 'role' AND r.kind = 'role'
  AND (rsl.sees_all_privileges() OR rsl.has_principal(g.id));

GRANT SELECT ON rsl_sys.svv_user_info, rsl_sys.svv_system_privileges, rsl_sys.svv_datashare_privileges,
  rsl_sys.svv_database_privileges, rsl_sys.svv_user_grants, rsl_sys.svv_role_grants TO PUBLIC;
${seedSystemRolesSql()}
`

/** The system views the product reads, with the documented columns only (rule ids R-SVV-*). */
export const SYSTEM_VIEWS_SQL = `
-- R-SVV-1 SVV_DATASHARES
CREATE VIEW rsl_sys.svv_datashares AS
SELECT s.name::varchar(128) AS share_name, s.id AS share_id, s.owner_id AS share_owner,
  d.name::varchar(128) AS source_database, NULL::varchar(128) AS consumer_database,
  'OUTBOUND'::varchar(8) AS share_type, s.created AS createdate,
  s.publicly_accessible AS is_publicaccessible, NULL::varchar(256) AS share_acl,
  n.account::varchar(16) AS producer_account, n.id::varchar(64) AS producer_namespace,
  NULL::varchar(64) AS managed_by
FROM rsl.datashare s JOIN rsl.database d ON d.id = s.database_id JOIN rsl.namespace n ON n.id = s.namespace_id
WHERE s.namespace_id = rsl.ns() AND (rsl.is_su() OR rsl.has_principal(s.owner_id)
  OR EXISTS (SELECT 1 FROM rsl.datashare_privilege p WHERE p.share_id = s.id AND rsl.has_principal(p.principal_id)))
UNION ALL
SELECT s.name::varchar(128), s.id, NULL::int, NULL::varchar(128), cd.name::varchar(128),
  'INBOUND'::varchar(8), c.share_date, s.publicly_accessible, NULL::varchar(256),
  n.account::varchar(16), n.id::varchar(64), NULL::varchar(64)
FROM rsl.datashare_consumer c JOIN rsl.datashare s ON s.id = c.share_id JOIN rsl.namespace n ON n.id = s.namespace_id
LEFT JOIN rsl.database cd ON cd.share_id = s.id AND cd.namespace_id = rsl.ns()
WHERE c.consumer_namespace = rsl.ns() AND c.visible_at <= clock_timestamp()
  AND (rsl.is_su() OR (cd.id IS NOT NULL AND (rsl.has_principal(cd.owner_id) OR EXISTS (
    SELECT 1 FROM rsl.database_privilege dp WHERE dp.database_id = cd.id
      AND (dp.principal_id IS NULL OR rsl.has_principal(dp.principal_id))))));

-- R-SVV-2 SVV_DATASHARE_OBJECTS
CREATE VIEW rsl_sys.svv_datashare_objects AS
SELECT 'OUTBOUND'::varchar(8) AS share_type, s.name::varchar(128) AS share_name,
  o.object_type::varchar(64) AS object_type,
  (CASE WHEN o.object_type = 'schema' THEN o.schema_name ELSE o.schema_name || '.' || o.object_name END)::varchar(512) AS object_name,
  n.account::varchar(16) AS producer_account, n.id::varchar(64) AS producer_namespace,
  o.include_new AS include_new
FROM rsl.datashare_object o JOIN rsl.datashare s ON s.id = o.share_id JOIN rsl.namespace n ON n.id = s.namespace_id
WHERE s.namespace_id = rsl.ns() AND (rsl.is_su() OR rsl.has_principal(s.owner_id)
  OR EXISTS (SELECT 1 FROM rsl.datashare_privilege p WHERE p.share_id = s.id AND rsl.has_principal(p.principal_id)))
UNION ALL
SELECT 'INBOUND'::varchar(8), s.name::varchar(128), o.object_type::varchar(64),
  (CASE WHEN o.object_type = 'schema' THEN o.schema_name ELSE o.schema_name || '.' || o.object_name END)::varchar(512),
  n.account::varchar(16), n.id::varchar(64), NULL::boolean
FROM rsl.datashare_object o JOIN rsl.datashare s ON s.id = o.share_id JOIN rsl.namespace n ON n.id = s.namespace_id
JOIN rsl.datashare_consumer c ON c.share_id = s.id AND c.consumer_namespace = rsl.ns() AND c.visible_at <= clock_timestamp()
WHERE rsl.is_su() OR EXISTS (SELECT 1 FROM rsl.database cd WHERE cd.share_id = s.id AND cd.namespace_id = rsl.ns()
  AND (rsl.has_principal(cd.owner_id) OR EXISTS (SELECT 1 FROM rsl.database_privilege dp WHERE dp.database_id = cd.id
    AND (dp.principal_id IS NULL OR rsl.has_principal(dp.principal_id)))));

-- R-SVV-3 SVV_DATASHARE_CONSUMERS
CREATE VIEW rsl_sys.svv_datashare_consumers AS
SELECT s.name::varchar(128) AS share_name, c.consumer_account::varchar(16) AS consumer_account,
  c.consumer_namespace::varchar(64) AS consumer_namespace, c.share_date AS share_date
FROM rsl.datashare_consumer c JOIN rsl.datashare s ON s.id = c.share_id
WHERE s.namespace_id = rsl.ns() AND (rsl.is_su() OR rsl.has_principal(s.owner_id)
  OR EXISTS (SELECT 1 FROM rsl.datashare_privilege p WHERE p.share_id = s.id AND rsl.has_principal(p.principal_id)));

-- R-SVV-4 SVV_DATASHARE_PRIVILEGES: in CATALOG_ADDITIONS_SQL (D-20).

-- R-SVV-5 SVV_REDSHIFT_DATABASES
CREATE VIEW rsl_sys.svv_redshift_databases AS
SELECT d.name::varchar(128) AS database_name, d.owner_id AS database_owner,
  d.kind::varchar(32) AS database_type, NULL::varchar(128) AS database_acl,
  NULL::varchar(128) AS database_options, d.isolation::varchar(128) AS database_isolation_level
FROM rsl.database d WHERE d.namespace_id = rsl.ns();

-- R-SVV-6 SVV_DATABASE_PRIVILEGES: in CATALOG_ADDITIONS_SQL (D-20).

-- R-SVV-7 SVV_RLS_POLICY
CREATE VIEW rsl_sys.svv_rls_policy AS
SELECT d.name::text AS poldb, p.name::text AS polname, p.alias::text AS polalias,
  p.atts::text AS polatts, p.qual::text AS polqual, true AS polenabled,
  p.modified_by::text AS polmodifiedby, p.modified AS polmodifiedtime
FROM rsl.rls_policy p JOIN rsl.database d ON d.id = p.database_id
WHERE d.namespace_id = rsl.ns();

-- R-SVV-8 SVV_RLS_ATTACHED_POLICY (sys:secadmin and superusers; current database)
CREATE VIEW rsl_sys.svv_rls_attached_policy AS
SELECT rsl.schema_of(n.nspname)::text AS relschema, c.relname::text AS relname,
  (CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END)::text AS relkind, p.name::text AS polname,
  a.grantor::text AS grantor, rsl.principal_name(a.principal_id)::text AS grantee,
  rsl.principal_kind(a.principal_id)::text AS granteekind, true AS is_pol_on,
  coalesce(r.is_rls_on, false) AS is_rls_on, coalesce(r.conjunction, 'and')::char(3) AS rls_conjunction_type
FROM rsl.rls_attachment a JOIN rsl.rls_policy p ON p.id = a.policy_id
JOIN pg_catalog.pg_class c ON c.oid = a.relid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN rsl.rls_relation r ON r.relid = a.relid
WHERE rsl.is_secadmin() AND p.database_id = rsl.db();

-- R-SVV-9 SVV_RLS_RELATION
CREATE VIEW rsl_sys.svv_rls_relation AS
SELECT d.name::text AS datname, rsl.schema_of(n.nspname)::text AS relschema, c.relname::text AS relname,
  (CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END)::text AS relkind, r.is_rls_on,
  r.datashare_on AS is_rls_datashare_on, r.conjunction::char(3) AS rls_conjunction_type,
  r.datashare_conjunction::char(3) AS rls_datashare_conjunction_type
FROM rsl.rls_relation r JOIN pg_catalog.pg_class c ON c.oid = r.relid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN rsl.database d ON d.id = rsl.db_of(n.nspname)
WHERE d.namespace_id = rsl.ns();

-- R-SVV-10 SVV_MASKING_POLICY (superusers and sys:secadmin)
CREATE VIEW rsl_sys.svv_masking_policy AS
SELECT d.name::text AS policy_database, p.name::text AS policy_name, p.inputs::text AS input_columns,
  p.expressions::text AS policy_expression, p.modified_by::text AS policy_modified_by,
  p.modified AS policy_modified_time
FROM rsl.masking_policy p JOIN rsl.database d ON d.id = p.database_id
WHERE d.namespace_id = rsl.ns() AND rsl.is_secadmin();

-- R-SVV-11 SVV_ATTACHED_MASKING_POLICY (superusers and sys:secadmin; current database)
CREATE VIEW rsl_sys.svv_attached_masking_policy AS
SELECT p.name::text AS policy_name, rsl.schema_of(n.nspname)::text AS schema_name,
  c.relname::text AS table_name, (CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END)::text AS table_type,
  a.grantor::text AS grantor, rsl.principal_name(a.principal_id)::text AS grantee,
  rsl.principal_kind(a.principal_id)::text AS grantee_type, a.priority AS priority,
  to_jsonb(a.inputs)::text AS input_columns, to_jsonb(a.outputs)::text AS output_columns,
  NOT coalesce(mr.masking_datashare_off, false) AS is_masking_datashare_on
FROM rsl.masking_attachment a JOIN rsl.masking_policy p ON p.id = a.policy_id
JOIN pg_catalog.pg_class c ON c.oid = a.relid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN rsl.masking_relation mr ON mr.relid = a.relid
WHERE rsl.is_secadmin() AND p.database_id = rsl.db();

-- R-SVV-12 SYS_QUERY_HISTORY (filled from the emulator's log when a statement reads it)
CREATE VIEW rsl_sys.sys_query_history AS
SELECT user_id, query_id, query_label::char(320) AS query_label, transaction_id, session_id,
  database_name::char(128) AS database_name, query_type::char(32) AS query_type, status::char(10) AS status,
  result_cache_hit, start_time, end_time, elapsed_time, queue_time, execution_time,
  error_message::char(512) AS error_message, returned_rows, returned_bytes,
  query_text::char(4000) AS query_text, redshift_version::char(256) AS redshift_version
FROM rsl.query_history WHERE namespace_id = rsl.ns() AND (rsl.is_su() OR user_id = rsl.uid());

-- R-SVV-13 SYS_LOAD_ERROR_DETAIL
CREATE VIEW rsl_sys.sys_load_error_detail AS
SELECT user_id, query_id, transaction_id, session_id, database_name::char(64) AS database_name, table_id,
  start_time, file_name::char(256) AS file_name, line_number, column_name::char(127) AS column_name,
  column_type::char(10) AS column_type, column_length::char(10) AS column_length, position,
  error_code, error_message::char(512) AS error_message
FROM rsl.load_error WHERE namespace_id = rsl.ns() AND (rsl.is_su() OR user_id = rsl.uid());

-- R-SVV-14 STL_LOAD_ERRORS
CREATE VIEW rsl_sys.stl_load_errors AS
SELECT user_id AS userid, 0 AS slice, table_id AS tbl, start_time AS starttime, session_id AS session,
  query_id::int AS query, file_name::char(256) AS filename, line_number,
  column_name::char(127) AS colname, column_type::char(10) AS type, column_length::char(10) AS col_length,
  position, raw_line::char(1024) AS raw_line, raw_field_value::char(1024) AS raw_field_value,
  error_code AS err_code, left(error_message, 100)::char(100) AS err_reason
FROM rsl.load_error WHERE namespace_id = rsl.ns() AND (rsl.is_su() OR user_id = rsl.uid());

-- Tables and columns of the current database (information_schema semantics: what the user may see).
CREATE VIEW rsl_sys.svv_tables AS
SELECT d.name::text AS table_catalog, rsl.schema_of(t.table_schema)::text AS table_schema,
  t.table_name::text AS table_name, t.table_type::text AS table_type,
  pg_catalog.obj_description(format('%I.%I', t.table_schema, t.table_name)::regclass, 'pg_class')::text AS remarks
FROM information_schema.tables t JOIN rsl.database d ON d.id = rsl.db_of(t.table_schema)
WHERE d.id = rsl.db();

CREATE VIEW rsl_sys.svv_columns AS
SELECT d.name::text AS table_catalog, rsl.schema_of(c.table_schema)::text AS table_schema,
  c.table_name::text AS table_name, c.column_name::text AS column_name,
  c.ordinal_position::int AS ordinal_position, c.column_default::text AS column_default,
  c.is_nullable::text AS is_nullable, c.data_type::text AS data_type,
  c.character_maximum_length::int AS character_maximum_length,
  c.numeric_precision::int AS numeric_precision, c.numeric_scale::int AS numeric_scale,
  pg_catalog.col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position::int)::text AS remarks
FROM information_schema.columns c JOIN rsl.database d ON d.id = rsl.db_of(c.table_schema)
WHERE d.id = rsl.db();

CREATE VIEW rsl_sys.svv_all_schemas AS
SELECT d.name::text AS database_name, rsl.schema_of(n.nspname)::text AS schema_name,
  n.nspowner::int AS schema_owner, 'local'::text AS schema_type, NULL::text AS schema_acl,
  NULL::text AS source_database, NULL::text AS schema_option
FROM pg_catalog.pg_namespace n JOIN rsl.database d ON d.id = rsl.db_of(n.nspname)
WHERE d.id = rsl.db();

CREATE VIEW rsl_sys.information_schema_tables AS
SELECT d.name::text AS table_catalog, rsl.schema_of(t.table_schema)::text AS table_schema,
  t.table_name::text AS table_name, t.table_type::text AS table_type
FROM information_schema.tables t JOIN rsl.database d ON d.id = rsl.db_of(t.table_schema)
WHERE d.id = rsl.db();

CREATE VIEW rsl_sys.information_schema_columns AS
SELECT d.name::text AS table_catalog, rsl.schema_of(c.table_schema)::text AS table_schema,
  c.table_name::text AS table_name, c.column_name::text AS column_name,
  c.ordinal_position::int AS ordinal_position, c.column_default::text AS column_default,
  c.is_nullable::text AS is_nullable, c.data_type::text AS data_type,
  c.character_maximum_length::int AS character_maximum_length,
  c.numeric_precision::int AS numeric_precision, c.numeric_scale::int AS numeric_scale
FROM information_schema.columns c JOIN rsl.database d ON d.id = rsl.db_of(c.table_schema)
WHERE d.id = rsl.db();

CREATE VIEW rsl_sys.information_schema_schemata AS
SELECT d.name::text AS catalog_name, rsl.schema_of(n.nspname)::text AS schema_name,
  r.rolname::text AS schema_owner
FROM pg_catalog.pg_namespace n JOIN rsl.database d ON d.id = rsl.db_of(n.nspname)
JOIN pg_catalog.pg_roles r ON r.oid = n.nspowner
WHERE d.id = rsl.db();

GRANT SELECT ON ALL TABLES IN SCHEMA rsl_sys TO PUBLIC;
`

/** System views a statement may name without a schema (Redshift keeps them in pg_catalog). */
export const SYSTEM_VIEWS: ReadonlySet<string> = new Set([
  'svv_user_info',
  'svv_system_privileges',
  'svv_user_grants',
  'svv_role_grants',
  'svv_datashares',
  'svv_datashare_objects',
  'svv_datashare_consumers',
  'svv_datashare_privileges',
  'svv_redshift_databases',
  'svv_database_privileges',
  'svv_rls_policy',
  'svv_rls_attached_policy',
  'svv_rls_relation',
  'svv_masking_policy',
  'svv_attached_masking_policy',
  'sys_query_history',
  'sys_load_error_detail',
  'stl_load_errors',
  'svv_tables',
  'svv_columns',
  'svv_all_schemas',
])

/** information_schema views the emulator scopes to the current database. */
export const INFORMATION_SCHEMA_VIEWS: ReadonlySet<string> = new Set([
  'tables',
  'columns',
  'schemata',
])

/** Views filled from the emulator's in-memory logs when a statement reads them. */
export const LOGGED_VIEWS: ReadonlySet<string> = new Set([
  'sys_query_history',
  'sys_load_error_detail',
  'stl_load_errors',
])
