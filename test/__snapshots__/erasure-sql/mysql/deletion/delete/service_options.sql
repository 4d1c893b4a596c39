-- The deletes of service_options, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (run)
DELETE t
FROM `service_options` t
JOIN (
  SELECT a1.id
  FROM (
    SELECT a2.id
    FROM `services` a2
    WHERE a2.`parent_service_id` IN (
      SELECT a3.id
      FROM `services` a3
      WHERE (a3.`client_id` = ?)  -- 42
    )
    UNION
    SELECT a4.id
    FROM `services` a4
    WHERE a4.`client_id` = ?  -- 42
  ) a1
) p ON p.id = t.`service_id`
WHERE 1 = 1;
