-- The deletes of log_emails, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/3 (run)
DELETE t
FROM `log_emails` t
WHERE t.`to_client_id` = ?;  -- 42

-- 2/3 (run)
DELETE t
FROM `log_emails` t
WHERE (
  t.`to_client_id` IS NULL
  AND t.company_id = ?  -- 7
  AND t.`to_address_key` IN (
    SELECT a1.value
    FROM `erasure_set_client_addresses` a1
  )
);

-- 3/3 (query: rows read back)
SELECT (
  SELECT COUNT(*)
  FROM `log_emails` a1
  WHERE (
    a1.`to_client_id` IS NULL
    AND a1.company_id = ?  -- 7
    AND a1.`to_address_key` IN (
      SELECT a2.value
      FROM `erasure_set_client_addresses` a2
    )
  )
) AS n;
