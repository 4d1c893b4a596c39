-- The deletes of quotation_line_taxes, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (run)
DELETE t
FROM `quotation_line_taxes` t
JOIN `quotation_lines` p ON p.id = t.`line_id`
WHERE (
  p.`quotation_id` IN (
    SELECT a1.id
    FROM `quotations` a1
    WHERE (a1.`client_id` = ?)  -- 42
  )
);
