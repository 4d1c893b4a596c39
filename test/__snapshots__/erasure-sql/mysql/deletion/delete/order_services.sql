-- The deletes of order_services, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/2 (run)
DELETE t
FROM `order_services` t
JOIN `orders` p ON p.id = t.`order_id`
WHERE (
  p.`invoice_id` IN (
    SELECT a1.id
    FROM `invoices` a1
    WHERE (a1.`client_id` = ?)  -- 42
  )
);

-- 2/2 (run)
DELETE t
FROM `order_services` t
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
