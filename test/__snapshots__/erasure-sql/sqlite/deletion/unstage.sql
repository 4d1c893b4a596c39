-- Drops the staged copies.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/3 (run)
DROP TABLE IF EXISTS temp.`erasure_set_client_addresses`;

-- 2/3 (run)
DROP TABLE IF EXISTS temp.`erasure_set_support_manager_company_departments`;

-- 3/3 (run)
DROP TABLE IF EXISTS temp.`erasure_stage_users`;
