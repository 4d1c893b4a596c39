-- The deletes of accounts_ach, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (run)
DELETE t
FROM `accounts_ach` t
JOIN `contacts` p ON p.id = t.`contact_id`
WHERE (p.`client_id` = ?);  -- 42
