-- The deletes of log_account_access, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/3 (run)
DELETE
FROM `log_account_access` AS t
WHERE (
  t.type = ?  -- 'cc'
  AND t.account_id IN (
    SELECT a1.id
    FROM `accounts_cc` a1
    WHERE (
      a1.`contact_id` IN (
        SELECT a2.id
        FROM `contacts` a2
        WHERE (a2.`client_id` = ?)  -- 42
      )
    )
  )
);

-- 2/3 (run)
DELETE
FROM `log_account_access` AS t
WHERE (
  t.type = ?  -- 'ach'
  AND t.account_id IN (
    SELECT a1.id
    FROM `accounts_ach` a1
    WHERE (
      a1.`contact_id` IN (
        SELECT a2.id
        FROM `contacts` a2
        WHERE (a2.`client_id` = ?)  -- 42
      )
    )
  )
);

-- 3/3 (query: rows read back)
SELECT (
  SELECT COUNT(*)
  FROM `log_account_access` a1
  WHERE (
    a1.type = ?  -- 'cc'
    AND a1.account_id IN (
      SELECT a2.id
      FROM `accounts_cc` a2
      WHERE (
        a2.`contact_id` IN (
          SELECT a3.id
          FROM `contacts` a3
          WHERE (a3.`client_id` = ?)  -- 42
        )
      )
    )
  )
) + (
  SELECT COUNT(*)
  FROM `log_account_access` a4
  WHERE (
    a4.type = ?  -- 'ach'
    AND a4.account_id IN (
      SELECT a5.id
      FROM `accounts_ach` a5
      WHERE (
        a5.`contact_id` IN (
          SELECT a6.id
          FROM `contacts` a6
          WHERE (a6.`client_id` = ?)  -- 42
        )
      )
    )
  )
) AS n;
