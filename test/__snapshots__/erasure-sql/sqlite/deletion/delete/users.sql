-- The deletes of users, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/2 (run)
DELETE
FROM `users`
WHERE id IN (
  SELECT s.id
  FROM `erasure_stage_users` s
);

-- 2/2 (query: rows read back)
SELECT COUNT(*) AS n
FROM `users` t
WHERE t.id IN (
  SELECT a1.id
  FROM `erasure_stage_users` a1
);
