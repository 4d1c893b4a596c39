-- The deletes of invoice_line_taxes, then the query counting what is left of the client's rows.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (run)
DELETE
FROM `invoice_line_taxes` AS t
WHERE t.`line_id` IN (
  SELECT a1.id
  FROM `invoice_lines` a1
  WHERE (
    a1.`invoice_id` IN (
      SELECT a2.id
      FROM `invoices` a2
      WHERE (a2.`client_id` = ?)  -- 42
    )
  )
);
