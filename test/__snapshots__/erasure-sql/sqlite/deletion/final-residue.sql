-- The sweep before commit: every link no foreign key enforces, counted again.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (query: rows read back)
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
) AS `log_emails`,
(
  SELECT COUNT(*)
  FROM `log_account_access` a3
  WHERE (
    a3.type = ?  -- 'cc'
    AND a3.account_id IN (
      SELECT a4.id
      FROM `accounts_cc` a4
      WHERE (
        a4.`contact_id` IN (
          SELECT a5.id
          FROM `contacts` a5
          WHERE (a5.`client_id` = ?)  -- 42
        )
      )
    )
  )
) + (
  SELECT COUNT(*)
  FROM `log_account_access` a6
  WHERE (
    a6.type = ?  -- 'ach'
    AND a6.account_id IN (
      SELECT a7.id
      FROM `accounts_ach` a7
      WHERE (
        a7.`contact_id` IN (
          SELECT a8.id
          FROM `contacts` a8
          WHERE (a8.`client_id` = ?)  -- 42
        )
      )
    )
  )
) AS `log_account_access`,
(
  SELECT COUNT(*)
  FROM `support_tickets` a9
  WHERE (
    a9.`client_id` IS NULL
    AND a9.department_id IN (
      SELECT a10.value
      FROM `erasure_set_support_manager_company_departments` a10
    )
    AND a9.`email_key` IN (
      SELECT a11.value
      FROM `erasure_set_client_addresses` a11
    )
  )
) AS `support_tickets`,
(
  SELECT COUNT(*)
  FROM `clients` a12
  WHERE a12.`id` = ?  -- 42
) AS `clients`,
(
  SELECT COUNT(*)
  FROM `users` a13
  WHERE a13.id IN (
    SELECT a14.`user_id`
    FROM `clients` a14
    WHERE a14.`user_id` IS NOT NULL
    AND (a14.`id` = ?)  -- 42
  )
  AND NOT COALESCE(
    (
      EXISTS (
        SELECT 1
        FROM staff a15
        WHERE a15.user_id = a13.id
      )
      OR EXISTS (
        SELECT 1
        FROM clients a16
        WHERE a16.user_id = a13.id
        AND a16.id <> ?  -- 42
      )
      OR EXISTS (
        SELECT 1
        FROM contacts a17
        WHERE a17.user_id = a13.id
        AND a17.client_id <> ?  -- 42
      )
    ),
    0
  )
) + (
  SELECT COUNT(*)
  FROM `users` a18
  WHERE a18.id IN (
    SELECT a19.`user_id`
    FROM `contacts` a19
    WHERE a19.`user_id` IS NOT NULL
    AND (a19.`client_id` = ?)  -- 42
  )
  AND NOT COALESCE(
    (
      EXISTS (
        SELECT 1
        FROM staff a20
        WHERE a20.user_id = a18.id
      )
      OR EXISTS (
        SELECT 1
        FROM clients a21
        WHERE a21.user_id = a18.id
        AND a21.id <> ?  -- 42
      )
      OR EXISTS (
        SELECT 1
        FROM contacts a22
        WHERE a22.user_id = a18.id
        AND a22.client_id <> ?  -- 42
      )
    ),
    0
  )
) AS `users`;
