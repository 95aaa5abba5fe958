-- The expiry job finds the organisations with holds due by their wallets' next hold expiry (0015),
-- so the index of every organisation's active holds by expiry alone has no reader left: one index
-- entry fewer to write per hold.
DROP INDEX "allot"."reservations_due_idx";
