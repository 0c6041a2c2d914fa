--liquibase formatted sql

--changeset rehab:115-aid-ledger-adjustment-both-ways
-- Issue 15 item 5: an account's budget is the year's CURRENT standard amount for its category (plus individual
-- adjustments), never more, and never less than what was already spent. Every change of it is an ADJUSTMENT
-- entry, which is therefore positive (standard raised back) or negative (standard lowered), never zero.
-- TOP_UP stays a valid kind for entries written before this changeset; no new TOP_UP is written.
ALTER TABLE aid_ledger DROP CONSTRAINT aid_ledger_sign;
ALTER TABLE aid_ledger ADD CONSTRAINT aid_ledger_sign CHECK (CASE kind WHEN 'CHARGE' THEN amount < 0 WHEN 'ADJUSTMENT' THEN amount <> 0
                                                                      WHEN 'BUDGET' THEN amount >= 0 ELSE amount > 0 END);

--changeset rehab:115-aid-account-adjustment
-- The sum of audited individual adjustments of an account (signed; 0 for all accounts today). The account's target
-- budget is standard amount + adjustment; no endpoint changes it yet (see docs/readme/sessions.md).
ALTER TABLE aid_accounts ADD COLUMN adjustment numeric(14,2) NOT NULL DEFAULT 0;

--changeset rehab:115-session-late-entry
-- Issue 15 item 4: an ADMIN's late entry (dated more than LATE_ENTRY_DAYS back) carries its reason.
ALTER TABLE sessions ADD COLUMN late_entry_reason text CHECK (char_length(late_entry_reason) BETWEEN 1 AND 500);

--changeset rehab:115-aid-budgets-to-current-standard splitStatements:false
-- Repairs budgets inflated by the old rule (a cut lowered only the unspent balance, a raise added the whole
-- difference: 5000 -> 3000 -> 5000 with 4000 spent gave 6000). Each account moves to
-- GREATEST(standard + adjustment, spent) with one ADJUSTMENT entry and one audit row (actor SYSTEM).
WITH o AS (
  SELECT a.id, a.budget, a.balance, GREATEST(s.amount + a.adjustment, a.budget - a.balance) AS target
    FROM aid_accounts a JOIN aid_standard_amounts s ON s.year = a.year AND s.category = a.category
     FOR UPDATE OF a),
u AS (
  UPDATE aid_accounts a SET budget = o.target, balance = o.target - (o.budget - o.balance), updated_at = now()
    FROM o WHERE a.id = o.id AND o.target <> o.budget
  RETURNING a.id, o.budget AS old_budget, o.target - o.budget AS delta, a.budget, a.balance),
l AS (
  INSERT INTO aid_ledger (account_id, at, kind, amount, balance_after)
  SELECT id, now(), 'ADJUSTMENT', delta, balance FROM u)
INSERT INTO audit_events (id, at, actor_id, actor_role, action, entity, entity_id, request_id, before, after)
SELECT gen_random_uuid(), now(), NULL, 'SYSTEM', 'ADJUST', 'aid_account', id::text, 'changeset 115-aid-budgets-to-current-standard',
       jsonb_build_object('budget', old_budget), jsonb_build_object('budget', budget, 'balance', balance, 'adjustment', delta,
       'reason', 'budget = current standard (issue 15)')
  FROM u;
