-- The deletes of support_attachments, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (run)
DELETE
FROM `support_attachments` AS t
WHERE t.`reply_id` IN (
  SELECT a1.id
  FROM `support_replies` a1
  WHERE (
    a1.`ticket_id` IN (
      SELECT a2.id
      FROM (
        SELECT a3.id
        FROM `support_tickets` a3
        WHERE a3.`client_id` = ?  -- 42
        UNION
        SELECT a4.id
        FROM `support_tickets` a4
        WHERE (
          a4.`client_id` IS NULL
          AND a4.department_id IN (
            SELECT a5.value
            FROM `erasure_set_support_manager_company_departments` a5
          )
          AND a4.`email_key` IN (
            SELECT a6.value
            FROM `erasure_set_client_addresses` a6
          )
        )
      ) a2
    )
  )
);
