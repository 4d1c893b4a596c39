-- The deletes of orders, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (run)
DELETE
FROM `orders` AS t
WHERE t.`invoice_id` IN (
  SELECT a1.id
  FROM `invoices` a1
  WHERE (a1.`client_id` = ?)  -- 42
);
