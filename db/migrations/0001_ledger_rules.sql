-- Rules the database enforces whatever the application does (see DESIGN.md, invariants 1 and 2).

-- Append-only tables: UPDATE, DELETE and TRUNCATE are refused. Corrections are new rows.
CREATE FUNCTION "allot"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE ON "allot"."ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_truncate" BEFORE TRUNCATE ON "allot"."ledger_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "allot"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "ledger_transactions_append_only" BEFORE UPDATE OR DELETE ON "allot"."ledger_transactions"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "ledger_transactions_no_truncate" BEFORE TRUNCATE ON "allot"."ledger_transactions"
  FOR EACH STATEMENT EXECUTE FUNCTION "allot"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "usage_events_append_only" BEFORE UPDATE OR DELETE ON "allot"."usage_events"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "usage_events_no_truncate" BEFORE TRUNCATE ON "allot"."usage_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "allot"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "allot"."audit_log"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "allot"."audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "allot"."refuse_change"();
--> statement-breakpoint

-- Posting: each statement's entries must balance per transaction; account balances and the wallet's
-- posted total move only here, so a balance always equals the sum of its entries.
CREATE FUNCTION "allot"."post_ledger_entries"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unbalanced uuid;
BEGIN
  SELECT transaction_id INTO unbalanced FROM new_entries
    GROUP BY org_id, transaction_id HAVING sum(amount_micros) <> 0 LIMIT 1;
  IF unbalanced IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transaction % does not balance', unbalanced USING ERRCODE = 'check_violation';
  END IF;

  PERFORM set_config('allot.posting', 'on', true);
  WITH deltas AS (
    SELECT org_id, account_id, sum(amount_micros) AS delta FROM new_entries GROUP BY org_id, account_id
  ), moved AS (
    UPDATE "allot"."ledger_accounts" AS a SET balance_micros = a.balance_micros + d.delta
      FROM deltas d WHERE a.org_id = d.org_id AND a.id = d.account_id
      RETURNING a.org_id, a.kind, d.delta
  )
  UPDATE "allot"."credit_wallets" AS w SET posted_micros = w.posted_micros + s.delta
    FROM (SELECT org_id, sum(delta) AS delta FROM moved WHERE kind = 'grant' GROUP BY org_id) s
    WHERE w.org_id = s.org_id AND s.delta <> 0;
  PERFORM set_config('allot.posting', 'off', true);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_post" AFTER INSERT ON "allot"."ledger_entries"
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION "allot"."post_ledger_entries"();
--> statement-breakpoint

-- Balances are derived: they start at zero and nothing but the posting trigger may change them.
CREATE FUNCTION "allot"."guard_account_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.balance_micros <> 0 THEN
    RAISE EXCEPTION 'a ledger account starts at zero' USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.balance_micros IS DISTINCT FROM OLD.balance_micros
     AND current_setting('allot.posting', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION 'ledger_accounts.balance_micros changes only by posting entries' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "ledger_accounts_derived_balance" BEFORE INSERT OR UPDATE ON "allot"."ledger_accounts"
  FOR EACH ROW EXECUTE FUNCTION "allot"."guard_account_balance"();
--> statement-breakpoint
CREATE TRIGGER "ledger_accounts_no_delete" BEFORE DELETE ON "allot"."ledger_accounts"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_change"();
--> statement-breakpoint
CREATE FUNCTION "allot"."guard_wallet_posted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.posted_micros <> 0 THEN
    RAISE EXCEPTION 'a wallet starts at zero' USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.posted_micros IS DISTINCT FROM OLD.posted_micros
     AND current_setting('allot.posting', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION 'credit_wallets.posted_micros changes only by posting entries' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "credit_wallets_derived_posted" BEFORE INSERT OR UPDATE ON "allot"."credit_wallets"
  FOR EACH ROW EXECUTE FUNCTION "allot"."guard_wallet_posted"();
--> statement-breakpoint
CREATE TRIGGER "credit_wallets_no_delete" BEFORE DELETE ON "allot"."credit_wallets"
  FOR EACH ROW EXECUTE FUNCTION "allot"."refuse_change"();
--> statement-breakpoint

-- A published price version is immutable: its rates and its row stay as they were published.
CREATE FUNCTION "allot"."guard_published_prices"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_org uuid;
  row_version uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN row_org := OLD.org_id; row_version := OLD.version_id;
  ELSE row_org := NEW.org_id; row_version := NEW.version_id; END IF;
  IF EXISTS (SELECT 1 FROM "allot"."price_versions" v
             WHERE v.org_id = row_org AND v.id = row_version AND v.status = 'published') THEN
    RAISE EXCEPTION 'price version % is published and cannot change', row_version USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD.org_id, OLD.version_id) IS DISTINCT FROM (NEW.org_id, NEW.version_id)
     AND EXISTS (SELECT 1 FROM "allot"."price_versions" v
                 WHERE v.org_id = OLD.org_id AND v.id = OLD.version_id AND v.status = 'published') THEN
    RAISE EXCEPTION 'price version % is published and cannot change', OLD.version_id USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "model_prices_immutable_when_published" BEFORE INSERT OR UPDATE OR DELETE ON "allot"."model_prices"
  FOR EACH ROW EXECUTE FUNCTION "allot"."guard_published_prices"();
--> statement-breakpoint
CREATE TRIGGER "operation_prices_immutable_when_published" BEFORE INSERT OR UPDATE OR DELETE ON "allot"."operation_prices"
  FOR EACH ROW EXECUTE FUNCTION "allot"."guard_published_prices"();
--> statement-breakpoint
CREATE FUNCTION "allot"."guard_published_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'price version % is published and cannot change', OLD.id USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "price_versions_immutable_when_published" BEFORE UPDATE OR DELETE ON "allot"."price_versions"
  FOR EACH ROW EXECUTE FUNCTION "allot"."guard_published_version"();
