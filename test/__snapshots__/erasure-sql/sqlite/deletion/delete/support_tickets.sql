-- The deletes of support_tickets, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/3 (run)
DELETE
FROM `support_tickets` AS t
WHERE t.`client_id` = ?;  -- 42

-- 2/3 (run)
DELETE
FROM `support_tickets` AS t
WHERE (
  t.`client_id` IS NULL
  AND t.department_id IN (
    SELECT a1.value
    FROM `erasure_set_support_manager_company_departments` a1
  )
  AND t.`email_key` IN (
    SELECT a2.value
    FROM `erasure_set_client_addresses` a2
  )
);

-- 3/3 (query: rows read back)
SELECT (
  SELECT COUNT(*)
  FROM `support_tickets` a1
  WHERE (
    a1.`client_id` IS NULL
    AND a1.department_id IN (
      SELECT a2.value
      FROM `erasure_set_support_manager_company_departments` a2
    )
    AND a1.`email_key` IN (
      SELECT a3.value
      FROM `erasure_set_client_addresses` a3
    )
  )
) AS n;
