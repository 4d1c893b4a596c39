-- Locks the sign-ins whose keeping another deletion may change (KeepRule.contested).
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/5 (run)
DROP TEMPORARY TABLE IF EXISTS `erasure_lock_users`;

-- 2/5 (run)
CREATE TEMPORARY TABLE `erasure_lock_users` (id INT NOT NULL PRIMARY KEY);

-- 3/5 (run)
INSERT INTO `erasure_lock_users` (id)
SELECT t.id
FROM `users` t
WHERE (
  t.id IN (
    SELECT a1.`user_id`
    FROM `clients` a1
    WHERE a1.`user_id` IS NOT NULL
    AND (a1.`id` = ?)  -- 42
  )
  OR t.id IN (
    SELECT a2.`user_id`
    FROM `contacts` a2
    WHERE a2.`user_id` IS NOT NULL
    AND (a2.`client_id` = ?)  -- 42
  )
)
AND (
  NOT EXISTS (
    SELECT 1
    FROM staff a3
    WHERE a3.user_id = t.id
  )
);

-- 4/5 (query: rows read back)
SELECT t.id
FROM `users` t
JOIN `erasure_lock_users` l ON l.id = t.id
ORDER BY t.id FOR UPDATE;

-- 5/5 (run)
DROP TEMPORARY TABLE `erasure_lock_users`;
