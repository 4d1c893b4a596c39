-- The deletes of quotation_invoices, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/2 (run)
DELETE
FROM `quotation_invoices` AS t
WHERE t.`quotation_id` IN (
  SELECT a1.id
  FROM `quotations` a1
  WHERE (a1.`client_id` = ?)  -- 42
);

-- 2/2 (run)
DELETE
FROM `quotation_invoices` AS t
WHERE t.`invoice_id` IN (
  SELECT a1.id
  FROM `invoices` a1
  WHERE (a1.`client_id` = ?)  -- 42
);
