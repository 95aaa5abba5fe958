import postgres from "postgres";

/**
 * A host application's own objects, named like Allot's, in `public` (and drizzle's bookkeeping in
 * `drizzle`, as a host that also uses drizzle-kit has it). Allot must neither read nor change them.
 */
const HOST_SCHEMA_SQL = `
CREATE TYPE public.member_role AS ENUM ('owner', 'viewer');
CREATE SEQUENCE public.invoice_numbers START 1000;
CREATE TABLE public.users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE public.accounts (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES public.users(id), provider text NOT NULL, balance numeric(12,2) NOT NULL);
CREATE TABLE public.sessions (id text PRIMARY KEY, user_id int NOT NULL REFERENCES public.users(id), expires timestamptz NOT NULL);
CREATE TABLE public.organizations (id serial PRIMARY KEY, slug text NOT NULL UNIQUE, name text NOT NULL);
CREATE TABLE public.members (org_id int NOT NULL REFERENCES public.organizations(id), user_id int NOT NULL REFERENCES public.users(id), role public.member_role NOT NULL, PRIMARY KEY (org_id, user_id));
CREATE TABLE public.ledger_entries (id bigserial PRIMARY KEY, note text NOT NULL);
CREATE FUNCTION public.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE SCHEMA drizzle;
CREATE TABLE drizzle.__drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint);
INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('host-0000', 1700000000000);
INSERT INTO public.users (email, name) VALUES ('admin@allot.demo', 'Host admin with an Allot demo address'), ('host@example.com', 'Host user');
INSERT INTO public.accounts (user_id, provider, balance) VALUES (1, 'github', 12.50), (2, 'oidc', 0.10);
INSERT INTO public.sessions (id, user_id, expires) VALUES ('s-1', 1, '2030-01-01T00:00:00Z');
INSERT INTO public.organizations (slug, name) VALUES ('demo', 'Host demo org'), ('acme', 'Acme');
INSERT INTO public.members (org_id, user_id, role) VALUES (1, 1, 'owner'), (2, 2, 'viewer');
INSERT INTO public.ledger_entries (note) VALUES ('host row');
SELECT nextval('public.invoice_numbers');
`;

export const HOST_TABLES = ["users", "accounts", "sessions", "organizations", "members", "ledger_entries"] as const;

export async function createHostTables(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(HOST_SCHEMA_SQL);
  } finally {
    await sql.end();
  }
}

/**
 * A fingerprint of everything the host owns: every row of its tables, its sequence's position, and
 * the list of objects (relations, types, functions) in `public` and `drizzle`. Equal before and
 * after means Allot changed nothing of the host's.
 */
export async function hostFingerprint(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const parts: string[] = [];
    for (const table of [...HOST_TABLES.map((name) => `public.${name}`), "drizzle.__drizzle_migrations"]) {
      const [row] = await sql.unsafe<{ digest: string }[]>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`);
      parts.push(`${table}=${row!.digest}`);
    }
    const [sequence] = await sql<{ last: string }[]>`SELECT last_value::text AS last FROM public.invoice_numbers`;
    parts.push(`invoice_numbers=${sequence!.last}`);
    const [objects] = await sql<{ list: string }[]>`
      SELECT string_agg(kind || ':' || name, ',' ORDER BY kind, name) AS list FROM (
        SELECT 'rel' AS kind, n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'drizzle')
        UNION ALL SELECT 'type', n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname IN ('public', 'drizzle')
        UNION ALL SELECT 'proc', n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ('public', 'drizzle')
      ) objects`;
    parts.push(`objects=${objects!.list}`);
    return parts.join("\n");
  } finally {
    await sql.end();
  }
}
