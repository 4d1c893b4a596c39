-- The deletes of services, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/2 (run)
DELETE t
FROM `services` t
JOIN `services` p ON p.id = t.`parent_service_id`
WHERE (p.`client_id` = ?);  -- 42

-- 2/2 (run)
DELETE t
FROM `services` t
WHERE t.`client_id` = ?;  -- 42
