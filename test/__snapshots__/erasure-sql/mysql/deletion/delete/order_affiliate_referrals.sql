-- The deletes of order_affiliate_referrals, then the query counting what is left of the client's rows.
-- Driver: mysql. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/2 (run)
DELETE t
FROM `order_affiliate_referrals` t
JOIN `order_affiliates` p ON p.id = t.`affiliate_id`
WHERE (p.`client_id` = ?);  -- 42

-- 2/2 (run)
DELETE t
FROM `order_affiliate_referrals` t
JOIN `orders` p ON p.id = t.`order_id`
WHERE (
  p.`invoice_id` IN (
    SELECT a1.id
    FROM `invoices` a1
    WHERE (a1.`client_id` = ?)  -- 42
  )
);
