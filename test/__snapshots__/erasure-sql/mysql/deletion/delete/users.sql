-- The deletes of users, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/2 (run)
DELETE t
FROM `users` t
JOIN `erasure_stage_users` s ON s.id = t.id;

-- 2/2 (query: rows read back)
SELECT COUNT(*) AS n
FROM `users` t
WHERE t.id IN (
  SELECT a1.id
  FROM `erasure_stage_users` a1
);
