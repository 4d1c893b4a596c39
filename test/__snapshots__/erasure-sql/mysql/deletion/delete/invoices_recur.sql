-- The deletes of invoices_recur, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (run)
DELETE t
FROM `invoices_recur` t
WHERE t.`client_id` = ?;  -- 42
