-- Copies of the staged sets and of the staged tables’ ids, before the first delete.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/9 (run)
DROP TEMPORARY TABLE IF EXISTS `erasure_set_client_addresses`;

-- 2/9 (run)
CREATE TEMPORARY TABLE `erasure_set_client_addresses` (value VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL PRIMARY KEY);

-- 3/9 (run)
INSERT INTO `erasure_set_client_addresses` (value)
SELECT DISTINCT a1.email_key
FROM contacts a1
WHERE a1.client_id = ?  -- 42
AND NOT EXISTS (
  SELECT 1
  FROM contacts a2
  JOIN clients a3 ON a3.id = a2.client_id
  JOIN client_groups a4 ON a4.id = a3.client_group_id
  WHERE a2.email_key = a1.email_key
  AND a2.client_id <> ?  -- 42
  AND a4.company_id = ?  -- 7
)
AND NOT EXISTS (
  SELECT 1
  FROM staff_groups a5
  JOIN staff_group a6 ON a6.staff_group_id = a5.id
  JOIN staff a7 ON a7.id = a6.staff_id
  WHERE a5.company_id = ?  -- 7
  AND (
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a7.email), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a1.email_key
    OR replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a7.email_mobile), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a1.email_key
  )
);

-- 4/9 (run)
DROP TEMPORARY TABLE IF EXISTS `erasure_set_support_manager_company_departments`;

-- 5/9 (run)
CREATE TEMPORARY TABLE `erasure_set_support_manager_company_departments` (value INT NOT NULL PRIMARY KEY);

-- 6/9 (run)
INSERT INTO `erasure_set_support_manager_company_departments` (value)
SELECT a1.id
FROM support_departments a1
WHERE a1.company_id = ?;  -- 7

-- 7/9 (run)
DROP TEMPORARY TABLE IF EXISTS `erasure_stage_users`;

-- 8/9 (run)
CREATE TEMPORARY TABLE `erasure_stage_users` (id INT NOT NULL PRIMARY KEY);

-- 9/9 (run)
INSERT INTO `erasure_stage_users` (id)
SELECT a1.id
FROM (
  SELECT a2.id
  FROM `users` a2
  WHERE a2.id IN (
    SELECT a3.`user_id`
    FROM `clients` a3
    WHERE a3.`user_id` IS NOT NULL
    AND (a3.`id` = ?)  -- 42
  )
  AND NOT COALESCE(
    (
      EXISTS (
        SELECT 1
        FROM staff a4
        WHERE a4.user_id = a2.id
      )
      OR EXISTS (
        SELECT 1
        FROM clients a5
        WHERE a5.user_id = a2.id
        AND a5.id <> ?  -- 42
      )
      OR EXISTS (
        SELECT 1
        FROM contacts a6
        WHERE a6.user_id = a2.id
        AND a6.client_id <> ?  -- 42
      )
    ),
    0
  )
  UNION
  SELECT a7.id
  FROM `users` a7
  WHERE a7.id IN (
    SELECT a8.`user_id`
    FROM `contacts` a8
    WHERE a8.`user_id` IS NOT NULL
    AND (a8.`client_id` = ?)  -- 42
  )
  AND NOT COALESCE(
    (
      EXISTS (
        SELECT 1
        FROM staff a9
        WHERE a9.user_id = a7.id
      )
      OR EXISTS (
        SELECT 1
        FROM clients a10
        WHERE a10.user_id = a7.id
        AND a10.id <> ?  -- 42
      )
      OR EXISTS (
        SELECT 1
        FROM contacts a11
        WHERE a11.user_id = a7.id
        AND a11.client_id <> ?  -- 42
      )
    ),
    0
  )
) a1;
