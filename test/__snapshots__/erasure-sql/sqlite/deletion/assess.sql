-- The deletion's re-check of blockers and kept rows, after the client row is locked.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (query: rows read back)
SELECT (
  SELECT COUNT(*)
  FROM (
    SELECT s.id AS id
    FROM services s
    WHERE s.client_id = ?  -- 42
    AND s.status IN ('active', 'suspended')
  ) a1
) AS `b0`,
(
  SELECT GROUP_CONCAT(a2.id)
  FROM (
    SELECT a3.id AS id
    FROM (
      SELECT s.id AS id
      FROM services s
      WHERE s.client_id = ?  -- 42
      AND s.status IN ('active', 'suspended')
    ) a3
    ORDER BY a3.id
    LIMIT ?  -- 100
  ) a2
) AS `bi0`,
(
  SELECT COUNT(*)
  FROM (
    SELECT r.id AS id
    FROM invoices_recur r
    WHERE r.client_id = ?  -- 42
  ) a4
) AS `b1`,
(
  SELECT GROUP_CONCAT(a5.id)
  FROM (
    SELECT a6.id AS id
    FROM (
      SELECT r.id AS id
      FROM invoices_recur r
      WHERE r.client_id = ?  -- 42
    ) a6
    ORDER BY a6.id
    LIMIT ?  -- 100
  ) a5
) AS `bi1`,
(
  SELECT COUNT(*)
  FROM (
    SELECT i.id AS id
    FROM invoices i
    WHERE i.client_id = ?  -- 42
    AND i.status IN ('active', 'proforma')
    AND i.date_closed IS NULL
  ) a7
) AS `b2`,
(
  SELECT GROUP_CONCAT(a8.id)
  FROM (
    SELECT a9.id AS id
    FROM (
      SELECT i.id AS id
      FROM invoices i
      WHERE i.client_id = ?  -- 42
      AND i.status IN ('active', 'proforma')
      AND i.date_closed IS NULL
    ) a9
    ORDER BY a9.id
    LIMIT ?  -- 100
  ) a8
) AS `bi2`,
(
  SELECT COUNT(*)
  FROM `users` a10
  WHERE (
    a10.id IN (
      SELECT a11.`user_id`
      FROM `clients` a11
      WHERE a11.`user_id` IS NOT NULL
      AND (a11.`id` = ?)  -- 42
    )
    OR a10.id IN (
      SELECT a12.`user_id`
      FROM `contacts` a12
      WHERE a12.`user_id` IS NOT NULL
      AND (a12.`client_id` = ?)  -- 42
    )
  )
  AND (
    EXISTS (
      SELECT 1
      FROM staff a13
      WHERE a13.user_id = a10.id
    )
    OR EXISTS (
      SELECT 1
      FROM clients a14
      WHERE a14.user_id = a10.id
      AND a14.id <> ?  -- 42
    )
    OR EXISTS (
      SELECT 1
      FROM contacts a15
      WHERE a15.user_id = a10.id
      AND a15.client_id <> ?  -- 42
    )
  )
) AS `k55`;
