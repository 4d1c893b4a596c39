-- The deletes of order_services, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/2 (run)
DELETE
FROM `order_services` AS t
WHERE t.`order_id` IN (
  SELECT a1.id
  FROM `orders` a1
  WHERE (
    a1.`invoice_id` IN (
      SELECT a2.id
      FROM `invoices` a2
      WHERE (a2.`client_id` = ?)  -- 42
    )
  )
);

-- 2/2 (run)
DELETE
FROM `order_services` AS t
WHERE t.`service_id` IN (
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
);
