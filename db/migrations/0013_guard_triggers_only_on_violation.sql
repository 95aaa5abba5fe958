-- The guards on derived balances (0001) ran their PL/pgSQL function for every row changed — every
-- posting updates two or more account balances and a wallet, and every hold the wallet's held
-- total — only to find nothing wrong. A WHEN condition is checked without calling the function, so
-- the function now runs only for a change it refuses. Same rules, same errors (the functions are
-- unchanged and still check everything themselves); an INSERT trigger's condition cannot name OLD,
-- hence one trigger for INSERT and one for UPDATE.
DROP TRIGGER "ledger_accounts_derived_balance" ON "allot"."ledger_accounts";
--> statement-breakpoint
CREATE TRIGGER "ledger_accounts_derived_balance_insert" BEFORE INSERT ON "allot"."ledger_accounts"
  FOR EACH ROW WHEN (NEW.balance_micros <> 0)
  EXECUTE FUNCTION "allot"."guard_account_balance"();
--> statement-breakpoint
CREATE TRIGGER "ledger_accounts_derived_balance_update" BEFORE UPDATE ON "allot"."ledger_accounts"
  FOR EACH ROW WHEN (NEW.balance_micros IS DISTINCT FROM OLD.balance_micros AND current_setting('allot.posting', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "allot"."guard_account_balance"();
--> statement-breakpoint
DROP TRIGGER "credit_wallets_derived_posted" ON "allot"."credit_wallets";
--> statement-breakpoint
CREATE TRIGGER "credit_wallets_derived_posted_insert" BEFORE INSERT ON "allot"."credit_wallets"
  FOR EACH ROW WHEN (NEW.posted_micros <> 0)
  EXECUTE FUNCTION "allot"."guard_wallet_posted"();
--> statement-breakpoint
CREATE TRIGGER "credit_wallets_derived_posted_update" BEFORE UPDATE ON "allot"."credit_wallets"
  FOR EACH ROW WHEN (NEW.posted_micros IS DISTINCT FROM OLD.posted_micros AND current_setting('allot.posting', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "allot"."guard_wallet_posted"();
