-- The deletes of clients, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/2 (run)
DELETE
FROM `clients` AS t
WHERE t.`id` = ?;  -- 42

-- 2/2 (query: rows read back)
SELECT (
  SELECT COUNT(*)
  FROM `clients` a1
  WHERE a1.`id` = ?  -- 42
) AS n;
