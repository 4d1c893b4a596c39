-- The preview: blockers, kept rows and the rows per table, in one query.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (query: rows read back)
SELECT (
  SELECT COUNT(*)
  FROM (
    SELECT s.id AS id
    FROM services s
    WHERE s.client_id = ?  -- 42
    AND s.status IN ('active', 'suspended')
  ) a1
) AS `b0`,
(
  SELECT GROUP_CONCAT(a2.id)
  FROM (
    SELECT a3.id AS id
    FROM (
      SELECT s.id AS id
      FROM services s
      WHERE s.client_id = ?  -- 42
      AND s.status IN ('active', 'suspended')
    ) a3
    ORDER BY a3.id
    LIMIT ?  -- 100
  ) a2
) AS `bi0`,
(
  SELECT COUNT(*)
  FROM (
    SELECT r.id AS id
    FROM invoices_recur r
    WHERE r.client_id = ?  -- 42
  ) a4
) AS `b1`,
(
  SELECT GROUP_CONCAT(a5.id)
  FROM (
    SELECT a6.id AS id
    FROM (
      SELECT r.id AS id
      FROM invoices_recur r
      WHERE r.client_id = ?  -- 42
    ) a6
    ORDER BY a6.id
    LIMIT ?  -- 100
  ) a5
) AS `bi1`,
(
  SELECT COUNT(*)
  FROM (
    SELECT i.id AS id
    FROM invoices i
    WHERE i.client_id = ?  -- 42
    AND i.status IN ('active', 'proforma')
    AND i.date_closed IS NULL
  ) a7
) AS `b2`,
(
  SELECT GROUP_CONCAT(a8.id)
  FROM (
    SELECT a9.id AS id
    FROM (
      SELECT i.id AS id
      FROM invoices i
      WHERE i.client_id = ?  -- 42
      AND i.status IN ('active', 'proforma')
      AND i.date_closed IS NULL
    ) a9
    ORDER BY a9.id
    LIMIT ?  -- 100
  ) a8
) AS `bi2`,
(
  SELECT COUNT(*)
  FROM `user_otps` a10
  WHERE a10.`user_id` IN (
    SELECT a11.id
    FROM (
      SELECT a12.id
      FROM `users` a12
      WHERE a12.id IN (
        SELECT a13.`user_id`
        FROM `clients` a13
        WHERE a13.`user_id` IS NOT NULL
        AND (a13.`id` = ?)  -- 42
      )
      AND NOT COALESCE(
        (
          EXISTS (
            SELECT 1
            FROM staff a14
            WHERE a14.user_id = a12.id
          )
          OR EXISTS (
            SELECT 1
            FROM clients a15
            WHERE a15.user_id = a12.id
            AND a15.id <> ?  -- 42
          )
          OR EXISTS (
            SELECT 1
            FROM contacts a16
            WHERE a16.user_id = a12.id
            AND a16.client_id <> ?  -- 42
          )
        ),
        0
      )
      UNION
      SELECT a17.id
      FROM `users` a17
      WHERE a17.id IN (
        SELECT a18.`user_id`
        FROM `contacts` a18
        WHERE a18.`user_id` IS NOT NULL
        AND (a18.`client_id` = ?)  -- 42
      )
      AND NOT COALESCE(
        (
          EXISTS (
            SELECT 1
            FROM staff a19
            WHERE a19.user_id = a17.id
          )
          OR EXISTS (
            SELECT 1
            FROM clients a20
            WHERE a20.user_id = a17.id
            AND a20.id <> ?  -- 42
          )
          OR EXISTS (
            SELECT 1
            FROM contacts a21
            WHERE a21.user_id = a17.id
            AND a21.client_id <> ?  -- 42
          )
        ),
        0
      )
    ) a11
  )
) AS `c0`,
(
  SELECT COUNT(*)
  FROM `transaction_applied` a22
  WHERE a22.`transaction_id` IN (
    SELECT a23.id
    FROM `transactions` a23
    WHERE (a23.`client_id` = ?)  -- 42
  )
) + (
  SELECT COUNT(*)
  FROM `transaction_applied` a24
  WHERE a24.`invoice_id` IN (
    SELECT a25.id
    FROM `invoices` a25
    WHERE (a25.`client_id` = ?)  -- 42
  )
  AND NOT COALESCE(
    a24.`transaction_id` IN (
      SELECT a26.id
      FROM `transactions` a26
      WHERE (a26.`client_id` = ?)  -- 42
    ),
    0
  )
) AS `c1`,
(
  SELECT COUNT(*)
  FROM `support_ticket_fields` a27
  WHERE a27.`ticket_id` IN (
    SELECT a28.id
    FROM (
      SELECT a29.id
      FROM `support_tickets` a29
      WHERE a29.`client_id` = ?  -- 42
      UNION
      SELECT a30.id
      FROM `support_tickets` a30
      WHERE (
        a30.`client_id` IS NULL
        AND a30.department_id IN (
          SELECT a31.id
          FROM support_departments a31
          WHERE a31.company_id = ?  -- 7
        )
        AND a30.`email_key` IN (
          SELECT DISTINCT a32.email_key
          FROM contacts a32
          WHERE a32.client_id = ?  -- 42
          AND NOT EXISTS (
            SELECT 1
            FROM contacts a33
            JOIN clients a34 ON a34.id = a33.client_id
            JOIN client_groups a35 ON a35.id = a34.client_group_id
            WHERE a33.email_key = a32.email_key
            AND a33.client_id <> ?  -- 42
            AND a35.company_id = ?  -- 7
          )
          AND NOT EXISTS (
            SELECT 1
            FROM staff_groups a36
            JOIN staff_group a37 ON a37.staff_group_id = a36.id
            JOIN staff a38 ON a38.id = a37.staff_id
            WHERE a36.company_id = ?  -- 7
            AND (
              replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a38.email), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a32.email_key
              OR replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a38.email_mobile), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a32.email_key
            )
          )
        )
      )
    ) a28
  )
) AS `c2`,
(
  SELECT COUNT(*)
  FROM `support_attachments` a39
  WHERE a39.`reply_id` IN (
    SELECT a40.id
    FROM `support_replies` a40
    WHERE (
      a40.`ticket_id` IN (
        SELECT a41.id
        FROM (
          SELECT a42.id
          FROM `support_tickets` a42
          WHERE a42.`client_id` = ?  -- 42
          UNION
          SELECT a43.id
          FROM `support_tickets` a43
          WHERE (
            a43.`client_id` IS NULL
            AND a43.department_id IN (
              SELECT a44.id
              FROM support_departments a44
              WHERE a44.company_id = ?  -- 7
            )
            AND a43.`email_key` IN (
              SELECT DISTINCT a45.email_key
              FROM contacts a45
              WHERE a45.client_id = ?  -- 42
              AND NOT EXISTS (
                SELECT 1
                FROM contacts a46
                JOIN clients a47 ON a47.id = a46.client_id
                JOIN client_groups a48 ON a48.id = a47.client_group_id
                WHERE a46.email_key = a45.email_key
                AND a46.client_id <> ?  -- 42
                AND a48.company_id = ?  -- 7
              )
              AND NOT EXISTS (
                SELECT 1
                FROM staff_groups a49
                JOIN staff_group a50 ON a50.staff_group_id = a49.id
                JOIN staff a51 ON a51.id = a50.staff_id
                WHERE a49.company_id = ?  -- 7
                AND (
                  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a51.email), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a45.email_key
                  OR replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a51.email_mobile), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a45.email_key
                )
              )
            )
          )
        ) a41
      )
    )
  )
) AS `c3`,
(
  SELECT COUNT(*)
  FROM `sessions` a52
  WHERE a52.`user_id` IN (
    SELECT a53.id
    FROM (
      SELECT a54.id
      FROM `users` a54
      WHERE a54.id IN (
        SELECT a55.`user_id`
        FROM `clients` a55
        WHERE a55.`user_id` IS NOT NULL
        AND (a55.`id` = ?)  -- 42
      )
      AND NOT COALESCE(
        (
          EXISTS (
            SELECT 1
            FROM staff a56
            WHERE a56.user_id = a54.id
          )
          OR EXISTS (
            SELECT 1
            FROM clients a57
            WHERE a57.user_id = a54.id
            AND a57.id <> ?  -- 42
          )
          OR EXISTS (
            SELECT 1
            FROM contacts a58
            WHERE a58.user_id = a54.id
            AND a58.client_id <> ?  -- 42
          )
        ),
        0
      )
      UNION
      SELECT a59.id
      FROM `users` a59
      WHERE a59.id IN (
        SELECT a60.`user_id`
        FROM `contacts` a60
        WHERE a60.`user_id` IS NOT NULL
        AND (a60.`client_id` = ?)  -- 42
      )
      AND NOT COALESCE(
        (
          EXISTS (
            SELECT 1
            FROM staff a61
            WHERE a61.user_id = a59.id
          )
          OR EXISTS (
            SELECT 1
            FROM clients a62
            WHERE a62.user_id = a59.id
            AND a62.id <> ?  -- 42
          )
          OR EXISTS (
            SELECT 1
            FROM contacts a63
            WHERE a63.user_id = a59.id
            AND a63.client_id <> ?  -- 42
          )
        ),
        0
      )
    ) a53
  )
) AS `c4`,
(
  SELECT COUNT(*)
  FROM `service_options` a64
  WHERE a64.`service_id` IN (
    SELECT a65.id
    FROM (
      SELECT a66.id
      FROM `services` a66
      WHERE a66.`parent_service_id` IN (
        SELECT a67.id
        FROM `services` a67
        WHERE (a67.`client_id` = ?)  -- 42
      )
      UNION
      SELECT a68.id
      FROM `services` a68
      WHERE a68.`client_id` = ?  -- 42
    ) a65
  )
) AS `c5`,
(
  SELECT COUNT(*)
  FROM `service_invoices` a69
  WHERE a69.`service_id` IN (
    SELECT a70.id
    FROM (
      SELECT a71.id
      FROM `services` a71
      WHERE a71.`parent_service_id` IN (
        SELECT a72.id
        FROM `services` a72
        WHERE (a72.`client_id` = ?)  -- 42
      )
      UNION
      SELECT a73.id
      FROM `services` a73
      WHERE a73.`client_id` = ?  -- 42
    ) a70
  )
) + (
  SELECT COUNT(*)
  FROM `service_invoices` a74
  WHERE a74.`invoice_id` IN (
    SELECT a75.id
    FROM `invoices` a75
    WHERE (a75.`client_id` = ?)  -- 42
  )
  AND NOT COALESCE(
    a74.`service_id` IN (
      SELECT a76.id
      FROM (
        SELECT a77.id
        FROM `services` a77
        WHERE a77.`parent_service_id` IN (
          SELECT a78.id
          FROM `services` a78
          WHERE (a78.`client_id` = ?)  -- 42
        )
        UNION
        SELECT a79.id
        FROM `services` a79
        WHERE a79.`client_id` = ?  -- 42
      ) a76
    ),
    0
  )
) AS `c6`,
(
  SELECT COUNT(*)
  FROM `service_fields` a80
  WHERE a80.`service_id` IN (
    SELECT a81.id
    FROM (
      SELECT a82.id
      FROM `services` a82
      WHERE a82.`parent_service_id` IN (
        SELECT a83.id
        FROM `services` a83
        WHERE (a83.`client_id` = ?)  -- 42
      )
      UNION
      SELECT a84.id
      FROM `services` a84
      WHERE a84.`client_id` = ?  -- 42
    ) a81
  )
) AS `c7`,
(
  SELECT COUNT(*)
  FROM `service_changes` a85
  WHERE a85.`service_id` IN (
    SELECT a86.id
    FROM (
      SELECT a87.id
      FROM `services` a87
      WHERE a87.`parent_service_id` IN (
        SELECT a88.id
        FROM `services` a88
        WHERE (a88.`client_id` = ?)  -- 42
      )
      UNION
      SELECT a89.id
      FROM `services` a89
      WHERE a89.`client_id` = ?  -- 42
    ) a86
  )
) + (
  SELECT COUNT(*)
  FROM `service_changes` a90
  WHERE a90.`invoice_id` IN (
    SELECT a91.id
    FROM `invoices` a91
    WHERE (a91.`client_id` = ?)  -- 42
  )
  AND NOT COALESCE(
    a90.`service_id` IN (
      SELECT a92.id
      FROM (
        SELECT a93.id
        FROM `services` a93
        WHERE a93.`parent_service_id` IN (
          SELECT a94.id
          FROM `services` a94
          WHERE (a94.`client_id` = ?)  -- 42
        )
        UNION
        SELECT a95.id
        FROM `services` a95
        WHERE a95.`client_id` = ?  -- 42
      ) a92
    ),
    0
  )
) AS `c8`,
(
  SELECT COUNT(*)
  FROM `quotation_line_taxes` a96
  WHERE a96.`line_id` IN (
    SELECT a97.id
    FROM `quotation_lines` a97
    WHERE (
      a97.`quotation_id` IN (
        SELECT a98.id
        FROM `quotations` a98
        WHERE (a98.`client_id` = ?)  -- 42
      )
    )
  )
) AS `c9`,
(
  SELECT COUNT(*)
  FROM `quotation_invoices` a99
  WHERE a99.`quotation_id` IN (
    SELECT a100.id
    FROM `quotations` a100
    WHERE (a100.`client_id` = ?)  -- 42
  )
) + (
  SELECT COUNT(*)
  FROM `quotation_invoices` a101
  WHERE a101.`invoice_id` IN (
    SELECT a102.id
    FROM `invoices` a102
    WHERE (a102.`client_id` = ?)  -- 42
  )
  AND NOT COALESCE(
    a101.`quotation_id` IN (
      SELECT a103.id
      FROM `quotations` a103
      WHERE (a103.`client_id` = ?)  -- 42
    ),
    0
  )
) AS `c10`,
(
  SELECT COUNT(*)
  FROM `order_services` a104
  WHERE a104.`order_id` IN (
    SELECT a105.id
    FROM `orders` a105
    WHERE (
      a105.`invoice_id` IN (
        SELECT a106.id
        FROM `invoices` a106
        WHERE (a106.`client_id` = ?)  -- 42
      )
    )
  )
) + (
  SELECT COUNT(*)
  FROM `order_services` a107
  WHERE a107.`service_id` IN (
    SELECT a108.id
    FROM (
      SELECT a109.id
      FROM `services` a109
      WHERE a109.`parent_service_id` IN (
        SELECT a110.id
        FROM `services` a110
        WHERE (a110.`client_id` = ?)  -- 42
      )
      UNION
      SELECT a111.id
      FROM `services` a111
      WHERE a111.`client_id` = ?  -- 42
    ) a108
  )
  AND NOT COALESCE(
    a107.`order_id` IN (
      SELECT a112.id
      FROM `orders` a112
      WHERE (
        a112.`invoice_id` IN (
          SELECT a113.id
          FROM `invoices` a113
          WHERE (a113.`client_id` = ?)  -- 42
        )
      )
    ),
    0
  )
) AS `c11`,
(
  SELECT COUNT(*)
  FROM `order_affiliate_referrals` a114
  WHERE a114.`affiliate_id` IN (
    SELECT a115.id
    FROM `order_affiliates` a115
    WHERE (a115.`client_id` = ?)  -- 42
  )
) + (
  SELECT COUNT(*)
  FROM `order_affiliate_referrals` a116
  WHERE a116.`order_id` IN (
    SELECT a117.id
    FROM `orders` a117
    WHERE (
      a117.`invoice_id` IN (
        SELECT a118.id
        FROM `invoices` a118
        WHERE (a118.`client_id` = ?)  -- 42
      )
    )
  )
  AND NOT COALESCE(
    a116.`affiliate_id` IN (
      SELECT a119.id
      FROM `order_affiliates` a119
      WHERE (a119.`client_id` = ?)  -- 42
    ),
    0
  )
) AS `c12`,
(
  SELECT COUNT(*)
  FROM `module_client_meta` a120
  WHERE a120.`client_id` = ?  -- 42
) AS `c13`,
(
  SELECT COUNT(*)
  FROM `log_users` a121
  WHERE a121.`user_id` IN (
    SELECT a122.id
    FROM (
      SELECT a123.id
      FROM `users` a123
      WHERE a123.id IN (
        SELECT a124.`user_id`
        FROM `clients` a124
        WHERE a124.`user_id` IS NOT NULL
        AND (a124.`id` = ?)  -- 42
      )
      AND NOT COALESCE(
        (
          EXISTS (
            SELECT 1
            FROM staff a125
            WHERE a125.user_id = a123.id
          )
          OR EXISTS (
            SELECT 1
            FROM clients a126
            WHERE a126.user_id = a123.id
            AND a126.id <> ?  -- 42
          )
          OR EXISTS (
            SELECT 1
            FROM contacts a127
            WHERE a127.user_id = a123.id
            AND a127.client_id <> ?  -- 42
          )
        ),
        0
      )
      UNION
      SELECT a128.id
      FROM `users` a128
      WHERE a128.id IN (
        SELECT a129.`user_id`
        FROM `contacts` a129
        WHERE a129.`user_id` IS NOT NULL
        AND (a129.`client_id` = ?)  -- 42
      )
      AND NOT COALESCE(
        (
          EXISTS (
            SELECT 1
            FROM staff a130
            WHERE a130.user_id = a128.id
          )
          OR EXISTS (
            SELECT 1
            FROM clients a131
            WHERE a131.user_id = a128.id
            AND a131.id <> ?  -- 42
          )
          OR EXISTS (
            SELECT 1
            FROM contacts a132
            WHERE a132.user_id = a128.id
            AND a132.client_id <> ?  -- 42
          )
        ),
        0
      )
    ) a122
  )
) AS `c14`,
(
  SELECT COUNT(*)
  FROM `log_transactions` a133
  WHERE a133.`transaction_id` IN (
    SELECT a134.id
    FROM `transactions` a134
    WHERE (a134.`client_id` = ?)  -- 42
  )
) AS `c15`,
(
  SELECT COUNT(*)
  FROM `log_services` a135
  WHERE a135.`service_id` IN (
    SELECT a136.id
    FROM (
      SELECT a137.id
      FROM `services` a137
      WHERE a137.`parent_service_id` IN (
        SELECT a138.id
        FROM `services` a138
        WHERE (a138.`client_id` = ?)  -- 42
      )
      UNION
      SELECT a139.id
      FROM `services` a139
      WHERE a139.`client_id` = ?  -- 42
    ) a136
  )
) AS `c16`,
(
  SELECT COUNT(*)
  FROM `log_messenger` a140
  WHERE a140.`to_user_id` IN (
    SELECT a141.id
    FROM (
      SELECT a142.id
      FROM `users` a142
      WHERE a142.id IN (
        SELECT a143.`user_id`
        FROM `clients` a143
        WHERE a143.`user_id` IS NOT NULL
        AND (a143.`id` = ?)  -- 42
      )
      AND NOT COALESCE(
        (
          EXISTS (
            SELECT 1
            FROM staff a144
            WHERE a144.user_id = a142.id
          )
          OR EXISTS (
            SELECT 1
            FROM clients a145
            WHERE a145.user_id = a142.id
            AND a145.id <> ?  -- 42
          )
          OR EXISTS (
            SELECT 1
            FROM contacts a146
            WHERE a146.user_id = a142.id
            AND a146.client_id <> ?  -- 42
          )
        ),
        0
      )
      UNION
      SELECT a147.id
      FROM `users` a147
      WHERE a147.id IN (
        SELECT a148.`user_id`
        FROM `contacts` a148
        WHERE a148.`user_id` IS NOT NULL
        AND (a148.`client_id` = ?)  -- 42
      )
      AND NOT COALESCE(
        (
          EXISTS (
            SELECT 1
            FROM staff a149
            WHERE a149.user_id = a147.id
          )
          OR EXISTS (
            SELECT 1
            FROM clients a150
            WHERE a150.user_id = a147.id
            AND a150.id <> ?  -- 42
          )
          OR EXISTS (
            SELECT 1
            FROM contacts a151
            WHERE a151.user_id = a147.id
            AND a151.client_id <> ?  -- 42
          )
        ),
        0
      )
    ) a141
  )
) AS `c17`,
(
  SELECT COUNT(*)
  FROM `log_emails` a152
  WHERE a152.`to_client_id` = ?  -- 42
) + (
  SELECT COUNT(*)
  FROM `log_emails` a153
  WHERE (
    a153.`to_client_id` IS NULL
    AND a153.company_id = ?  -- 7
    AND a153.`to_address_key` IN (
      SELECT DISTINCT a154.email_key
      FROM contacts a154
      WHERE a154.client_id = ?  -- 42
      AND NOT EXISTS (
        SELECT 1
        FROM contacts a155
        JOIN clients a156 ON a156.id = a155.client_id
        JOIN client_groups a157 ON a157.id = a156.client_group_id
        WHERE a155.email_key = a154.email_key
        AND a155.client_id <> ?  -- 42
        AND a157.company_id = ?  -- 7
      )
      AND NOT EXISTS (
        SELECT 1
        FROM staff_groups a158
        JOIN staff_group a159 ON a159.staff_group_id = a158.id
        JOIN staff a160 ON a160.id = a159.staff_id
        WHERE a158.company_id = ?  -- 7
        AND (
          replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a160.email), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a154.email_key
          OR replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a160.email_mobile), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a154.email_key
        )
      )
    )
  )
  AND NOT COALESCE(a153.`to_client_id` = ?, 0)  -- 42
) AS `c18`,
(
  SELECT COUNT(*)
  FROM `log_contacts` a161
  WHERE a161.`contact_id` IN (
    SELECT a162.id
    FROM `contacts` a162
    WHERE (a162.`client_id` = ?)  -- 42
  )
) AS `c19`,
(
  SELECT COUNT(*)
  FROM `log_client_settings` a163
  WHERE a163.`client_id` = ?  -- 42
) AS `c20`,
(
  SELECT COUNT(*)
  FROM `log_account_access` a164
  WHERE (
    a164.type = ?  -- 'cc'
    AND a164.account_id IN (
      SELECT a165.id
      FROM `accounts_cc` a165
      WHERE (
        a165.`contact_id` IN (
          SELECT a166.id
          FROM `contacts` a166
          WHERE (a166.`client_id` = ?)  -- 42
        )
      )
    )
  )
) + (
  SELECT COUNT(*)
  FROM `log_account_access` a167
  WHERE (
    a167.type = ?  -- 'ach'
    AND a167.account_id IN (
      SELECT a168.id
      FROM `accounts_ach` a168
      WHERE (
        a168.`contact_id` IN (
          SELECT a169.id
          FROM `contacts` a169
          WHERE (a169.`client_id` = ?)  -- 42
        )
      )
    )
  )
  AND NOT COALESCE(
    (
      a167.type = ?  -- 'cc'
      AND a167.account_id IN (
        SELECT a170.id
        FROM `accounts_cc` a170
        WHERE (
          a170.`contact_id` IN (
            SELECT a171.id
            FROM `contacts` a171
            WHERE (a171.`client_id` = ?)  -- 42
          )
        )
      )
    ),
    0
  )
) AS `c21`,
(
  SELECT COUNT(*)
  FROM `invoice_values` a172
  WHERE a172.`invoice_id` IN (
    SELECT a173.id
    FROM `invoices` a173
    WHERE (a173.`client_id` = ?)  -- 42
  )
) AS `c22`,
(
  SELECT COUNT(*)
  FROM `invoice_recur_values` a174
  WHERE a174.`invoice_recur_id` IN (
    SELECT a175.id
    FROM `invoices_recur` a175
    WHERE (a175.`client_id` = ?)  -- 42
  )
) AS `c23`,
(
  SELECT COUNT(*)
  FROM `invoice_recur_lines` a176
  WHERE a176.`invoice_recur_id` IN (
    SELECT a177.id
    FROM `invoices_recur` a177
    WHERE (a177.`client_id` = ?)  -- 42
  )
) AS `c24`,
(
  SELECT COUNT(*)
  FROM `invoice_recur_delivery` a178
  WHERE a178.`invoice_recur_id` IN (
    SELECT a179.id
    FROM `invoices_recur` a179
    WHERE (a179.`client_id` = ?)  -- 42
  )
) AS `c25`,
(
  SELECT COUNT(*)
  FROM `invoices_recur_created` a180
  WHERE a180.`invoice_recur_id` IN (
    SELECT a181.id
    FROM `invoices_recur` a181
    WHERE (a181.`client_id` = ?)  -- 42
  )
) + (
  SELECT COUNT(*)
  FROM `invoices_recur_created` a182
  WHERE a182.`invoice_id` IN (
    SELECT a183.id
    FROM `invoices` a183
    WHERE (a183.`client_id` = ?)  -- 42
  )
  AND NOT COALESCE(
    a182.`invoice_recur_id` IN (
      SELECT a184.id
      FROM `invoices_recur` a184
      WHERE (a184.`client_id` = ?)  -- 42
    ),
    0
  )
) AS `c26`,
(
  SELECT COUNT(*)
  FROM `invoice_meta` a185
  WHERE a185.`invoice_id` IN (
    SELECT a186.id
    FROM `invoices` a186
    WHERE (a186.`client_id` = ?)  -- 42
  )
) AS `c27`,
(
  SELECT COUNT(*)
  FROM `invoice_line_taxes` a187
  WHERE a187.`line_id` IN (
    SELECT a188.id
    FROM `invoice_lines` a188
    WHERE (
      a188.`invoice_id` IN (
        SELECT a189.id
        FROM `invoices` a189
        WHERE (a189.`client_id` = ?)  -- 42
      )
    )
  )
) AS `c28`,
(
  SELECT COUNT(*)
  FROM `invoice_late_fees` a190
  WHERE a190.`invoice_id` IN (
    SELECT a191.id
    FROM `invoices` a191
    WHERE (a191.`client_id` = ?)  -- 42
  )
) AS `c29`,
(
  SELECT COUNT(*)
  FROM `invoice_delivery` a192
  WHERE a192.`invoice_id` IN (
    SELECT a193.id
    FROM `invoices` a193
    WHERE (a193.`client_id` = ?)  -- 42
  )
) AS `c30`,
(
  SELECT COUNT(*)
  FROM `email_verifications` a194
  WHERE a194.`contact_id` IN (
    SELECT a195.id
    FROM `contacts` a195
    WHERE (a195.`client_id` = ?)  -- 42
  )
) AS `c31`,
(
  SELECT COUNT(*)
  FROM `contact_permissions` a196
  WHERE a196.`contact_id` IN (
    SELECT a197.id
    FROM `contacts` a197
    WHERE (a197.`client_id` = ?)  -- 42
  )
) + (
  SELECT COUNT(*)
  FROM `contact_permissions` a198
  WHERE a198.`client_id` = ?  -- 42
  AND NOT COALESCE(
    a198.`contact_id` IN (
      SELECT a199.id
      FROM `contacts` a199
      WHERE (a199.`client_id` = ?)  -- 42
    ),
    0
  )
) AS `c32`,
(
  SELECT COUNT(*)
  FROM `contact_numbers` a200
  WHERE a200.`contact_id` IN (
    SELECT a201.id
    FROM `contacts` a201
    WHERE (a201.`client_id` = ?)  -- 42
  )
) AS `c33`,
(
  SELECT COUNT(*)
  FROM `client_values` a202
  WHERE a202.`client_id` = ?  -- 42
) AS `c34`,
(
  SELECT COUNT(*)
  FROM `client_settings` a203
  WHERE a203.`client_id` = ?  -- 42
) AS `c35`,
(
  SELECT COUNT(*)
  FROM `client_packages` a204
  WHERE a204.`client_id` = ?  -- 42
) AS `c36`,
(
  SELECT COUNT(*)
  FROM `client_notes` a205
  WHERE a205.`client_id` = ?  -- 42
) AS `c37`,
(
  SELECT COUNT(*)
  FROM `client_account` a206
  WHERE a206.`client_id` = ?  -- 42
) AS `c38`,
(
  SELECT COUNT(*)
  FROM `account_management_invitations` a207
  WHERE a207.`client_id` = ?  -- 42
) AS `c39`,
(
  SELECT COUNT(*)
  FROM `support_replies` a208
  WHERE a208.`ticket_id` IN (
    SELECT a209.id
    FROM (
      SELECT a210.id
      FROM `support_tickets` a210
      WHERE a210.`client_id` = ?  -- 42
      UNION
      SELECT a211.id
      FROM `support_tickets` a211
      WHERE (
        a211.`client_id` IS NULL
        AND a211.department_id IN (
          SELECT a212.id
          FROM support_departments a212
          WHERE a212.company_id = ?  -- 7
        )
        AND a211.`email_key` IN (
          SELECT DISTINCT a213.email_key
          FROM contacts a213
          WHERE a213.client_id = ?  -- 42
          AND NOT EXISTS (
            SELECT 1
            FROM contacts a214
            JOIN clients a215 ON a215.id = a214.client_id
            JOIN client_groups a216 ON a216.id = a215.client_group_id
            WHERE a214.email_key = a213.email_key
            AND a214.client_id <> ?  -- 42
            AND a216.company_id = ?  -- 7
          )
          AND NOT EXISTS (
            SELECT 1
            FROM staff_groups a217
            JOIN staff_group a218 ON a218.staff_group_id = a217.id
            JOIN staff a219 ON a219.id = a218.staff_id
            WHERE a217.company_id = ?  -- 7
            AND (
              replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a219.email), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a213.email_key
              OR replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a219.email_mobile), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a213.email_key
            )
          )
        )
      )
    ) a209
  )
) AS `c40`,
(
  SELECT COUNT(*)
  FROM `quotation_lines` a220
  WHERE a220.`quotation_id` IN (
    SELECT a221.id
    FROM `quotations` a221
    WHERE (a221.`client_id` = ?)  -- 42
  )
) AS `c41`,
(
  SELECT COUNT(*)
  FROM `order_affiliates` a222
  WHERE a222.`client_id` = ?  -- 42
) AS `c42`,
(
  SELECT COUNT(*)
  FROM `orders` a223
  WHERE a223.`invoice_id` IN (
    SELECT a224.id
    FROM `invoices` a224
    WHERE (a224.`client_id` = ?)  -- 42
  )
) AS `c43`,
(
  SELECT COUNT(*)
  FROM `transactions` a225
  WHERE a225.`client_id` = ?  -- 42
) AS `c44`,
(
  SELECT COUNT(*)
  FROM `services` a226
  WHERE a226.`parent_service_id` IN (
    SELECT a227.id
    FROM `services` a227
    WHERE (a227.`client_id` = ?)  -- 42
  )
) + (
  SELECT COUNT(*)
  FROM `services` a228
  WHERE a228.`client_id` = ?  -- 42
  AND NOT COALESCE(
    a228.`parent_service_id` IN (
      SELECT a229.id
      FROM `services` a229
      WHERE (a229.`client_id` = ?)  -- 42
    ),
    0
  )
) AS `c45`,
(
  SELECT COUNT(*)
  FROM `accounts_cc` a230
  WHERE a230.`contact_id` IN (
    SELECT a231.id
    FROM `contacts` a231
    WHERE (a231.`client_id` = ?)  -- 42
  )
) AS `c46`,
(
  SELECT COUNT(*)
  FROM `accounts_ach` a232
  WHERE a232.`contact_id` IN (
    SELECT a233.id
    FROM `contacts` a233
    WHERE (a233.`client_id` = ?)  -- 42
  )
) AS `c47`,
(
  SELECT COUNT(*)
  FROM `invoices_recur` a234
  WHERE a234.`client_id` = ?  -- 42
) AS `c48`,
(
  SELECT COUNT(*)
  FROM `invoice_lines` a235
  WHERE a235.`invoice_id` IN (
    SELECT a236.id
    FROM `invoices` a236
    WHERE (a236.`client_id` = ?)  -- 42
  )
) AS `c49`,
(
  SELECT COUNT(*)
  FROM `support_tickets` a237
  WHERE a237.`client_id` = ?  -- 42
) + (
  SELECT COUNT(*)
  FROM `support_tickets` a238
  WHERE (
    a238.`client_id` IS NULL
    AND a238.department_id IN (
      SELECT a239.id
      FROM support_departments a239
      WHERE a239.company_id = ?  -- 7
    )
    AND a238.`email_key` IN (
      SELECT DISTINCT a240.email_key
      FROM contacts a240
      WHERE a240.client_id = ?  -- 42
      AND NOT EXISTS (
        SELECT 1
        FROM contacts a241
        JOIN clients a242 ON a242.id = a241.client_id
        JOIN client_groups a243 ON a243.id = a242.client_group_id
        WHERE a241.email_key = a240.email_key
        AND a241.client_id <> ?  -- 42
        AND a243.company_id = ?  -- 7
      )
      AND NOT EXISTS (
        SELECT 1
        FROM staff_groups a244
        JOIN staff_group a245 ON a245.staff_group_id = a244.id
        JOIN staff a246 ON a246.id = a245.staff_id
        WHERE a244.company_id = ?  -- 7
        AND (
          replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a246.email), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a240.email_key
          OR replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a246.email_mobile), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a240.email_key
        )
      )
    )
  )
  AND NOT COALESCE(a238.`client_id` = ?, 0)  -- 42
) AS `c50`,
(
  SELECT COUNT(*)
  FROM `quotations` a247
  WHERE a247.`client_id` = ?  -- 42
) AS `c51`,
(
  SELECT COUNT(*)
  FROM `invoices` a248
  WHERE a248.`client_id` = ?  -- 42
) AS `c52`,
(
  SELECT COUNT(*)
  FROM `contacts` a249
  WHERE a249.`client_id` = ?  -- 42
) AS `c53`,
(
  SELECT COUNT(*)
  FROM `clients` a250
  WHERE a250.`id` = ?  -- 42
) AS `c54`,
(
  SELECT COUNT(*)
  FROM `users` a251
  WHERE (
    a251.id IN (
      SELECT a252.`user_id`
      FROM `clients` a252
      WHERE a252.`user_id` IS NOT NULL
      AND (a252.`id` = ?)  -- 42
    )
    OR a251.id IN (
      SELECT a253.`user_id`
      FROM `contacts` a253
      WHERE a253.`user_id` IS NOT NULL
      AND (a253.`client_id` = ?)  -- 42
    )
  )
  AND (
    EXISTS (
      SELECT 1
      FROM staff a254
      WHERE a254.user_id = a251.id
    )
    OR EXISTS (
      SELECT 1
      FROM clients a255
      WHERE a255.user_id = a251.id
      AND a255.id <> ?  -- 42
    )
    OR EXISTS (
      SELECT 1
      FROM contacts a256
      WHERE a256.user_id = a251.id
      AND a256.client_id <> ?  -- 42
    )
  )
) AS `k55`,
(
  SELECT COUNT(*)
  FROM `users` a257
  WHERE a257.id IN (
    SELECT a258.`user_id`
    FROM `clients` a258
    WHERE a258.`user_id` IS NOT NULL
    AND (a258.`id` = ?)  -- 42
  )
  AND NOT COALESCE(
    (
      EXISTS (
        SELECT 1
        FROM staff a259
        WHERE a259.user_id = a257.id
      )
      OR EXISTS (
        SELECT 1
        FROM clients a260
        WHERE a260.user_id = a257.id
        AND a260.id <> ?  -- 42
      )
      OR EXISTS (
        SELECT 1
        FROM contacts a261
        WHERE a261.user_id = a257.id
        AND a261.client_id <> ?  -- 42
      )
    ),
    0
  )
) + (
  SELECT COUNT(*)
  FROM `users` a262
  WHERE a262.id IN (
    SELECT a263.`user_id`
    FROM `contacts` a263
    WHERE a263.`user_id` IS NOT NULL
    AND (a263.`client_id` = ?)  -- 42
  )
  AND NOT COALESCE(
    a262.id IN (
      SELECT a264.`user_id`
      FROM `clients` a264
      WHERE a264.`user_id` IS NOT NULL
      AND (a264.`id` = ?)  -- 42
    ),
    0
  )
  AND NOT COALESCE(
    (
      EXISTS (
        SELECT 1
        FROM staff a265
        WHERE a265.user_id = a262.id
      )
      OR EXISTS (
        SELECT 1
        FROM clients a266
        WHERE a266.user_id = a262.id
        AND a266.id <> ?  -- 42
      )
      OR EXISTS (
        SELECT 1
        FROM contacts a267
        WHERE a267.user_id = a262.id
        AND a267.client_id <> ?  -- 42
      )
    ),
    0
  )
) AS `c55`;
