-- The deletes of transaction_applied, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/2 (run)
DELETE t
FROM `transaction_applied` t
JOIN `transactions` p ON p.id = t.`transaction_id`
WHERE (p.`client_id` = ?);  -- 42

-- 2/2 (run)
DELETE t
FROM `transaction_applied` t
JOIN `invoices` p ON p.id = t.`invoice_id`
WHERE (p.`client_id` = ?);  -- 42
