-- The deletes of sessions, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (run)
DELETE
FROM `sessions` AS t
WHERE t.`user_id` IN (
  SELECT a1.id
  FROM `erasure_stage_users` a1
);
