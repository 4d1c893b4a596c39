-- The deletes of support_ticket_fields, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (run)
DELETE
FROM `support_ticket_fields` AS t
WHERE t.`ticket_id` IN (
  SELECT a1.id
  FROM (
    SELECT a2.id
    FROM `support_tickets` a2
    WHERE a2.`client_id` = ?  -- 42
    UNION
    SELECT a3.id
    FROM `support_tickets` a3
    WHERE (
      a3.`client_id` IS NULL
      AND a3.department_id IN (
        SELECT a4.value
        FROM `erasure_set_support_manager_company_departments` a4
      )
      AND a3.`email_key` IN (
        SELECT a5.value
        FROM `erasure_set_client_addresses` a5
      )
    )
  ) a1
);
