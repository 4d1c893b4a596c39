-- The deletes of quotation_lines, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (run)
DELETE t
FROM `quotation_lines` t
JOIN `quotations` p ON p.id = t.`quotation_id`
WHERE (p.`client_id` = ?);  -- 42
