-- The preview: blockers, kept rows and the rows per table, in one query.
-- Driver: sqlite. Client 42 of company 7. Written by test/erasure-sql.test.ts.
-- Aliases aN are renumbered per statement; parameter values follow `--` on the line that holds them.

-- 1/1 (query: rows read back)
WITH `owned_module_client_meta` AS (
  SELECT a1.id
  FROM `module_client_meta` a1
  WHERE (a1.`client_id` = ?)  -- 42
),
`owned_log_client_settings` AS (
  SELECT a2.id
  FROM `log_client_settings` a2
  WHERE (a2.`client_id` = ?)  -- 42
),
`owned_client_values` AS (
  SELECT a3.id
  FROM `client_values` a3
  WHERE (a3.`client_id` = ?)  -- 42
),
`owned_client_settings` AS (
  SELECT a4.id
  FROM `client_settings` a4
  WHERE (a4.`client_id` = ?)  -- 42
),
`owned_client_packages` AS (
  SELECT a5.id
  FROM `client_packages` a5
  WHERE (a5.`client_id` = ?)  -- 42
),
`owned_client_notes` AS (
  SELECT a6.id
  FROM `client_notes` a6
  WHERE (a6.`client_id` = ?)  -- 42
),
`owned_client_account` AS (
  SELECT a7.id
  FROM `client_account` a7
  WHERE (a7.`client_id` = ?)  -- 42
),
`owned_account_management_invitations` AS (
  SELECT a8.id
  FROM `account_management_invitations` a8
  WHERE (a8.`client_id` = ?)  -- 42
),
`owned_order_affiliates` AS (
  SELECT a9.id
  FROM `order_affiliates` a9
  WHERE (a9.`client_id` = ?)  -- 42
),
`owned_transactions` AS (
  SELECT a10.id
  FROM `transactions` a10
  WHERE (a10.`client_id` = ?)  -- 42
),
`owned_log_transactions` AS (
  SELECT a11.id
  FROM `log_transactions` a11
  WHERE (
    a11.`transaction_id` IN (
      SELECT a12.id
      FROM `owned_transactions` a12
    )
  )
),
`owned_services` AS (
  SELECT a13.id
  FROM (
    SELECT a14.id
    FROM `services` a14
    WHERE a14.`parent_service_id` IN (
      SELECT a15.id
      FROM `services` a15
      WHERE (a15.`client_id` = ?)  -- 42
    )
    UNION
    SELECT a16.id
    FROM `services` a16
    WHERE a16.`client_id` = ?  -- 42
  ) a13
),
`owned_service_options` AS (
  SELECT a17.id
  FROM `service_options` a17
  WHERE (
    a17.`service_id` IN (
      SELECT a18.id
      FROM `owned_services` a18
    )
  )
),
`owned_service_fields` AS (
  SELECT a19.id
  FROM `service_fields` a19
  WHERE (
    a19.`service_id` IN (
      SELECT a20.id
      FROM `owned_services` a20
    )
  )
),
`owned_log_services` AS (
  SELECT a21.id
  FROM `log_services` a21
  WHERE (
    a21.`service_id` IN (
      SELECT a22.id
      FROM `owned_services` a22
    )
  )
),
`owned_invoices_recur` AS (
  SELECT a23.id
  FROM `invoices_recur` a23
  WHERE (a23.`client_id` = ?)  -- 42
),
`owned_invoice_recur_values` AS (
  SELECT a24.id
  FROM `invoice_recur_values` a24
  WHERE (
    a24.`invoice_recur_id` IN (
      SELECT a25.id
      FROM `owned_invoices_recur` a25
    )
  )
),
`owned_invoice_recur_lines` AS (
  SELECT a26.id
  FROM `invoice_recur_lines` a26
  WHERE (
    a26.`invoice_recur_id` IN (
      SELECT a27.id
      FROM `owned_invoices_recur` a27
    )
  )
),
`owned_invoice_recur_delivery` AS (
  SELECT a28.id
  FROM `invoice_recur_delivery` a28
  WHERE (
    a28.`invoice_recur_id` IN (
      SELECT a29.id
      FROM `owned_invoices_recur` a29
    )
  )
),
`owned_quotations` AS (
  SELECT a30.id
  FROM `quotations` a30
  WHERE (a30.`client_id` = ?)  -- 42
),
`owned_quotation_lines` AS (
  SELECT a31.id
  FROM `quotation_lines` a31
  WHERE (
    a31.`quotation_id` IN (
      SELECT a32.id
      FROM `owned_quotations` a32
    )
  )
),
`owned_quotation_line_taxes` AS (
  SELECT a33.id
  FROM `quotation_line_taxes` a33
  WHERE (
    a33.`line_id` IN (
      SELECT a34.id
      FROM `owned_quotation_lines` a34
    )
  )
),
`owned_invoices` AS (
  SELECT a35.id
  FROM `invoices` a35
  WHERE (a35.`client_id` = ?)  -- 42
),
`owned_transaction_applied` AS (
  SELECT a36.id
  FROM (
    SELECT a37.id
    FROM `transaction_applied` a37
    WHERE a37.`transaction_id` IN (
      SELECT a38.id
      FROM `owned_transactions` a38
    )
    UNION
    SELECT a39.id
    FROM `transaction_applied` a39
    WHERE a39.`invoice_id` IN (
      SELECT a40.id
      FROM `owned_invoices` a40
    )
  ) a36
),
`owned_service_invoices` AS (
  SELECT a41.id
  FROM (
    SELECT a42.id
    FROM `service_invoices` a42
    WHERE a42.`service_id` IN (
      SELECT a43.id
      FROM `owned_services` a43
    )
    UNION
    SELECT a44.id
    FROM `service_invoices` a44
    WHERE a44.`invoice_id` IN (
      SELECT a45.id
      FROM `owned_invoices` a45
    )
  ) a41
),
`owned_service_changes` AS (
  SELECT a46.id
  FROM (
    SELECT a47.id
    FROM `service_changes` a47
    WHERE a47.`service_id` IN (
      SELECT a48.id
      FROM `owned_services` a48
    )
    UNION
    SELECT a49.id
    FROM `service_changes` a49
    WHERE a49.`invoice_id` IN (
      SELECT a50.id
      FROM `owned_invoices` a50
    )
  ) a46
),
`owned_quotation_invoices` AS (
  SELECT a51.id
  FROM (
    SELECT a52.id
    FROM `quotation_invoices` a52
    WHERE a52.`quotation_id` IN (
      SELECT a53.id
      FROM `owned_quotations` a53
    )
    UNION
    SELECT a54.id
    FROM `quotation_invoices` a54
    WHERE a54.`invoice_id` IN (
      SELECT a55.id
      FROM `owned_invoices` a55
    )
  ) a51
),
`owned_invoice_values` AS (
  SELECT a56.id
  FROM `invoice_values` a56
  WHERE (
    a56.`invoice_id` IN (
      SELECT a57.id
      FROM `owned_invoices` a57
    )
  )
),
`owned_invoices_recur_created` AS (
  SELECT a58.id
  FROM (
    SELECT a59.id
    FROM `invoices_recur_created` a59
    WHERE a59.`invoice_recur_id` IN (
      SELECT a60.id
      FROM `owned_invoices_recur` a60
    )
    UNION
    SELECT a61.id
    FROM `invoices_recur_created` a61
    WHERE a61.`invoice_id` IN (
      SELECT a62.id
      FROM `owned_invoices` a62
    )
  ) a58
),
`owned_invoice_meta` AS (
  SELECT a63.id
  FROM `invoice_meta` a63
  WHERE (
    a63.`invoice_id` IN (
      SELECT a64.id
      FROM `owned_invoices` a64
    )
  )
),
`owned_invoice_late_fees` AS (
  SELECT a65.id
  FROM `invoice_late_fees` a65
  WHERE (
    a65.`invoice_id` IN (
      SELECT a66.id
      FROM `owned_invoices` a66
    )
  )
),
`owned_invoice_delivery` AS (
  SELECT a67.id
  FROM `invoice_delivery` a67
  WHERE (
    a67.`invoice_id` IN (
      SELECT a68.id
      FROM `owned_invoices` a68
    )
  )
),
`owned_orders` AS (
  SELECT a69.id
  FROM `orders` a69
  WHERE (
    a69.`invoice_id` IN (
      SELECT a70.id
      FROM `owned_invoices` a70
    )
  )
),
`owned_order_services` AS (
  SELECT a71.id
  FROM (
    SELECT a72.id
    FROM `order_services` a72
    WHERE a72.`order_id` IN (
      SELECT a73.id
      FROM `owned_orders` a73
    )
    UNION
    SELECT a74.id
    FROM `order_services` a74
    WHERE a74.`service_id` IN (
      SELECT a75.id
      FROM `owned_services` a75
    )
  ) a71
),
`owned_order_affiliate_referrals` AS (
  SELECT a76.id
  FROM (
    SELECT a77.id
    FROM `order_affiliate_referrals` a77
    WHERE a77.`affiliate_id` IN (
      SELECT a78.id
      FROM `owned_order_affiliates` a78
    )
    UNION
    SELECT a79.id
    FROM `order_affiliate_referrals` a79
    WHERE a79.`order_id` IN (
      SELECT a80.id
      FROM `owned_orders` a80
    )
  ) a76
),
`owned_invoice_lines` AS (
  SELECT a81.id
  FROM `invoice_lines` a81
  WHERE (
    a81.`invoice_id` IN (
      SELECT a82.id
      FROM `owned_invoices` a82
    )
  )
),
`owned_invoice_line_taxes` AS (
  SELECT a83.id
  FROM `invoice_line_taxes` a83
  WHERE (
    a83.`line_id` IN (
      SELECT a84.id
      FROM `owned_invoice_lines` a84
    )
  )
),
`owned_contacts` AS (
  SELECT a85.id
  FROM `contacts` a85
  WHERE (a85.`client_id` = ?)  -- 42
),
`owned_log_emails` AS (
  SELECT a86.id
  FROM (
    SELECT a87.id
    FROM `log_emails` a87
    WHERE a87.`to_client_id` = ?  -- 42
    UNION
    SELECT a88.id
    FROM `log_emails` a88
    WHERE (
      a88.`to_client_id` IS NULL
      AND a88.company_id = ?  -- 7
      AND a88.`to_address_key` IN (
        SELECT DISTINCT a89.email_key
        FROM contacts a89
        WHERE a89.client_id = ?  -- 42
        AND NOT EXISTS (
          SELECT 1
          FROM contacts a90
          JOIN clients a91 ON a91.id = a90.client_id
          JOIN client_groups a92 ON a92.id = a91.client_group_id
          WHERE a90.email_key = a89.email_key
          AND a90.client_id <> ?  -- 42
          AND a92.company_id = ?  -- 7
        )
        AND NOT EXISTS (
          SELECT 1
          FROM staff_groups a93
          JOIN staff_group a94 ON a94.staff_group_id = a93.id
          JOIN staff a95 ON a95.id = a94.staff_id
          WHERE a93.company_id = ?  -- 7
          AND (
            replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a95.email), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a89.email_key
            OR replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a95.email_mobile), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a89.email_key
          )
        )
      )
    )
  ) a86
),
`owned_log_contacts` AS (
  SELECT a96.id
  FROM `log_contacts` a96
  WHERE (
    a96.`contact_id` IN (
      SELECT a97.id
      FROM `owned_contacts` a97
    )
  )
),
`owned_email_verifications` AS (
  SELECT a98.id
  FROM `email_verifications` a98
  WHERE (
    a98.`contact_id` IN (
      SELECT a99.id
      FROM `owned_contacts` a99
    )
  )
),
`owned_contact_permissions` AS (
  SELECT a100.id
  FROM (
    SELECT a101.id
    FROM `contact_permissions` a101
    WHERE a101.`contact_id` IN (
      SELECT a102.id
      FROM `owned_contacts` a102
    )
    UNION
    SELECT a103.id
    FROM `contact_permissions` a103
    WHERE a103.`client_id` = ?  -- 42
  ) a100
),
`owned_contact_numbers` AS (
  SELECT a104.id
  FROM `contact_numbers` a104
  WHERE (
    a104.`contact_id` IN (
      SELECT a105.id
      FROM `owned_contacts` a105
    )
  )
),
`owned_accounts_cc` AS (
  SELECT a106.id
  FROM `accounts_cc` a106
  WHERE (
    a106.`contact_id` IN (
      SELECT a107.id
      FROM `owned_contacts` a107
    )
  )
),
`owned_accounts_ach` AS (
  SELECT a108.id
  FROM `accounts_ach` a108
  WHERE (
    a108.`contact_id` IN (
      SELECT a109.id
      FROM `owned_contacts` a109
    )
  )
),
`owned_log_account_access` AS (
  SELECT a110.id
  FROM (
    SELECT a111.id
    FROM `log_account_access` a111
    WHERE (
      a111.type = ?  -- 'cc'
      AND a111.account_id IN (
        SELECT a112.id
        FROM `owned_accounts_cc` a112
      )
    )
    UNION
    SELECT a113.id
    FROM `log_account_access` a113
    WHERE (
      a113.type = ?  -- 'ach'
      AND a113.account_id IN (
        SELECT a114.id
        FROM `owned_accounts_ach` a114
      )
    )
  ) a110
),
`owned_support_tickets` AS (
  SELECT a115.id
  FROM (
    SELECT a116.id
    FROM `support_tickets` a116
    WHERE a116.`client_id` = ?  -- 42
    UNION
    SELECT a117.id
    FROM `support_tickets` a117
    WHERE (
      a117.`client_id` IS NULL
      AND a117.department_id IN (
        SELECT a118.id
        FROM support_departments a118
        WHERE a118.company_id = ?  -- 7
      )
      AND a117.`email_key` IN (
        SELECT DISTINCT a119.email_key
        FROM contacts a119
        WHERE a119.client_id = ?  -- 42
        AND NOT EXISTS (
          SELECT 1
          FROM contacts a120
          JOIN clients a121 ON a121.id = a120.client_id
          JOIN client_groups a122 ON a122.id = a121.client_group_id
          WHERE a120.email_key = a119.email_key
          AND a120.client_id <> ?  -- 42
          AND a122.company_id = ?  -- 7
        )
        AND NOT EXISTS (
          SELECT 1
          FROM staff_groups a123
          JOIN staff_group a124 ON a124.staff_group_id = a123.id
          JOIN staff a125 ON a125.id = a124.staff_id
          WHERE a123.company_id = ?  -- 7
          AND (
            replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a125.email), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a119.email_key
            OR replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(a125.email_mobile), 'A', 'a'), 'B', 'b'), 'C', 'c'), 'D', 'd'), 'E', 'e'), 'F', 'f'), 'G', 'g'), 'H', 'h'), 'I', 'i'), 'J', 'j'), 'K', 'k'), 'L', 'l'), 'M', 'm'), 'N', 'n'), 'O', 'o'), 'P', 'p'), 'Q', 'q'), 'R', 'r'), 'S', 's'), 'T', 't'), 'U', 'u'), 'V', 'v'), 'W', 'w'), 'X', 'x'), 'Y', 'y'), 'Z', 'z') = a119.email_key
          )
        )
      )
    )
  ) a115
),
`owned_support_ticket_fields` AS (
  SELECT a126.id
  FROM `support_ticket_fields` a126
  WHERE (
    a126.`ticket_id` IN (
      SELECT a127.id
      FROM `owned_support_tickets` a127
    )
  )
),
`owned_support_replies` AS (
  SELECT a128.id
  FROM `support_replies` a128
  WHERE (
    a128.`ticket_id` IN (
      SELECT a129.id
      FROM `owned_support_tickets` a129
    )
  )
),
`owned_support_attachments` AS (
  SELECT a130.id
  FROM `support_attachments` a130
  WHERE (
    a130.`reply_id` IN (
      SELECT a131.id
      FROM `owned_support_replies` a131
    )
  )
),
`owned_clients` AS (
  SELECT a132.id
  FROM `clients` a132
  WHERE (a132.`id` = ?)  -- 42
),
`owned_users` AS (
  SELECT a133.id
  FROM (
    SELECT a134.id
    FROM `users` a134
    WHERE a134.id IN (
      SELECT a135.`user_id`
      FROM `clients` a135
      WHERE a135.`user_id` IS NOT NULL
      AND (a135.`id` = ?)  -- 42
    )
    AND NOT COALESCE(
      (
        EXISTS (
          SELECT 1
          FROM staff a136
          WHERE a136.user_id = a134.id
        )
        OR EXISTS (
          SELECT 1
          FROM clients a137
          WHERE a137.user_id = a134.id
          AND a137.id <> ?  -- 42
        )
        OR EXISTS (
          SELECT 1
          FROM contacts a138
          WHERE a138.user_id = a134.id
          AND a138.client_id <> ?  -- 42
        )
      ),
      0
    )
    UNION
    SELECT a139.id
    FROM `users` a139
    WHERE a139.id IN (
      SELECT a140.`user_id`
      FROM `contacts` a140
      WHERE a140.`user_id` IS NOT NULL
      AND (a140.`client_id` = ?)  -- 42
    )
    AND NOT COALESCE(
      (
        EXISTS (
          SELECT 1
          FROM staff a141
          WHERE a141.user_id = a139.id
        )
        OR EXISTS (
          SELECT 1
          FROM clients a142
          WHERE a142.user_id = a139.id
          AND a142.id <> ?  -- 42
        )
        OR EXISTS (
          SELECT 1
          FROM contacts a143
          WHERE a143.user_id = a139.id
          AND a143.client_id <> ?  -- 42
        )
      ),
      0
    )
  ) a133
),
`owned_user_otps` AS (
  SELECT a144.id
  FROM `user_otps` a144
  WHERE (
    a144.`user_id` IN (
      SELECT a145.id
      FROM `owned_users` a145
    )
  )
),
`owned_sessions` AS (
  SELECT a146.id
  FROM `sessions` a146
  WHERE (
    a146.`user_id` IN (
      SELECT a147.id
      FROM `owned_users` a147
    )
  )
),
`owned_log_users` AS (
  SELECT a148.id
  FROM `log_users` a148
  WHERE (
    a148.`user_id` IN (
      SELECT a149.id
      FROM `owned_users` a149
    )
  )
),
`owned_log_messenger` AS (
  SELECT a150.id
  FROM `log_messenger` a150
  WHERE (
    a150.`to_user_id` IN (
      SELECT a151.id
      FROM `owned_users` a151
    )
  )
)
SELECT (
  SELECT COUNT(*)
  FROM (
    SELECT s.id AS id
    FROM services s
    WHERE s.client_id = ?  -- 42
    AND s.status IN ('active', 'suspended')
  ) a152
) AS `b0`,
(
  SELECT GROUP_CONCAT(a153.id)
  FROM (
    SELECT a154.id AS id
    FROM (
      SELECT s.id AS id
      FROM services s
      WHERE s.client_id = ?  -- 42
      AND s.status IN ('active', 'suspended')
    ) a154
    ORDER BY a154.id
    LIMIT ?  -- 100
  ) a153
) AS `bi0`,
(
  SELECT COUNT(*)
  FROM (
    SELECT r.id AS id
    FROM invoices_recur r
    WHERE r.client_id = ?  -- 42
  ) a155
) AS `b1`,
(
  SELECT GROUP_CONCAT(a156.id)
  FROM (
    SELECT a157.id AS id
    FROM (
      SELECT r.id AS id
      FROM invoices_recur r
      WHERE r.client_id = ?  -- 42
    ) a157
    ORDER BY a157.id
    LIMIT ?  -- 100
  ) a156
) AS `bi1`,
(
  SELECT COUNT(*)
  FROM (
    SELECT i.id AS id
    FROM invoices i
    WHERE i.client_id = ?  -- 42
    AND i.status IN ('active', 'proforma')
    AND i.date_closed IS NULL
  ) a158
) AS `b2`,
(
  SELECT GROUP_CONCAT(a159.id)
  FROM (
    SELECT a160.id AS id
    FROM (
      SELECT i.id AS id
      FROM invoices i
      WHERE i.client_id = ?  -- 42
      AND i.status IN ('active', 'proforma')
      AND i.date_closed IS NULL
    ) a160
    ORDER BY a160.id
    LIMIT ?  -- 100
  ) a159
) AS `bi2`,
(
  SELECT COUNT(*)
  FROM `owned_user_otps` a161
) AS `c0`,
(
  SELECT COUNT(*)
  FROM `owned_transaction_applied` a162
) AS `c1`,
(
  SELECT COUNT(*)
  FROM `owned_support_ticket_fields` a163
) AS `c2`,
(
  SELECT COUNT(*)
  FROM `owned_support_attachments` a164
) AS `c3`,
(
  SELECT COUNT(*)
  FROM `owned_sessions` a165
) AS `c4`,
(
  SELECT COUNT(*)
  FROM `owned_service_options` a166
) AS `c5`,
(
  SELECT COUNT(*)
  FROM `owned_service_invoices` a167
) AS `c6`,
(
  SELECT COUNT(*)
  FROM `owned_service_fields` a168
) AS `c7`,
(
  SELECT COUNT(*)
  FROM `owned_service_changes` a169
) AS `c8`,
(
  SELECT COUNT(*)
  FROM `owned_quotation_line_taxes` a170
) AS `c9`,
(
  SELECT COUNT(*)
  FROM `owned_quotation_invoices` a171
) AS `c10`,
(
  SELECT COUNT(*)
  FROM `owned_order_services` a172
) AS `c11`,
(
  SELECT COUNT(*)
  FROM `owned_order_affiliate_referrals` a173
) AS `c12`,
(
  SELECT COUNT(*)
  FROM `owned_module_client_meta` a174
) AS `c13`,
(
  SELECT COUNT(*)
  FROM `owned_log_users` a175
) AS `c14`,
(
  SELECT COUNT(*)
  FROM `owned_log_transactions` a176
) AS `c15`,
(
  SELECT COUNT(*)
  FROM `owned_log_services` a177
) AS `c16`,
(
  SELECT COUNT(*)
  FROM `owned_log_messenger` a178
) AS `c17`,
(
  SELECT COUNT(*)
  FROM `owned_log_emails` a179
) AS `c18`,
(
  SELECT COUNT(*)
  FROM `owned_log_contacts` a180
) AS `c19`,
(
  SELECT COUNT(*)
  FROM `owned_log_client_settings` a181
) AS `c20`,
(
  SELECT COUNT(*)
  FROM `owned_log_account_access` a182
) AS `c21`,
(
  SELECT COUNT(*)
  FROM `owned_invoice_values` a183
) AS `c22`,
(
  SELECT COUNT(*)
  FROM `owned_invoice_recur_values` a184
) AS `c23`,
(
  SELECT COUNT(*)
  FROM `owned_invoice_recur_lines` a185
) AS `c24`,
(
  SELECT COUNT(*)
  FROM `owned_invoice_recur_delivery` a186
) AS `c25`,
(
  SELECT COUNT(*)
  FROM `owned_invoices_recur_created` a187
) AS `c26`,
(
  SELECT COUNT(*)
  FROM `owned_invoice_meta` a188
) AS `c27`,
(
  SELECT COUNT(*)
  FROM `owned_invoice_line_taxes` a189
) AS `c28`,
(
  SELECT COUNT(*)
  FROM `owned_invoice_late_fees` a190
) AS `c29`,
(
  SELECT COUNT(*)
  FROM `owned_invoice_delivery` a191
) AS `c30`,
(
  SELECT COUNT(*)
  FROM `owned_email_verifications` a192
) AS `c31`,
(
  SELECT COUNT(*)
  FROM `owned_contact_permissions` a193
) AS `c32`,
(
  SELECT COUNT(*)
  FROM `owned_contact_numbers` a194
) AS `c33`,
(
  SELECT COUNT(*)
  FROM `owned_client_values` a195
) AS `c34`,
(
  SELECT COUNT(*)
  FROM `owned_client_settings` a196
) AS `c35`,
(
  SELECT COUNT(*)
  FROM `owned_client_packages` a197
) AS `c36`,
(
  SELECT COUNT(*)
  FROM `owned_client_notes` a198
) AS `c37`,
(
  SELECT COUNT(*)
  FROM `owned_client_account` a199
) AS `c38`,
(
  SELECT COUNT(*)
  FROM `owned_account_management_invitations` a200
) AS `c39`,
(
  SELECT COUNT(*)
  FROM `owned_support_replies` a201
) AS `c40`,
(
  SELECT COUNT(*)
  FROM `owned_quotation_lines` a202
) AS `c41`,
(
  SELECT COUNT(*)
  FROM `owned_order_affiliates` a203
) AS `c42`,
(
  SELECT COUNT(*)
  FROM `owned_orders` a204
) AS `c43`,
(
  SELECT COUNT(*)
  FROM `owned_transactions` a205
) AS `c44`,
(
  SELECT COUNT(*)
  FROM `owned_services` a206
) AS `c45`,
(
  SELECT COUNT(*)
  FROM `owned_accounts_cc` a207
) AS `c46`,
(
  SELECT COUNT(*)
  FROM `owned_accounts_ach` a208
) AS `c47`,
(
  SELECT COUNT(*)
  FROM `owned_invoices_recur` a209
) AS `c48`,
(
  SELECT COUNT(*)
  FROM `owned_invoice_lines` a210
) AS `c49`,
(
  SELECT COUNT(*)
  FROM `owned_support_tickets` a211
) AS `c50`,
(
  SELECT COUNT(*)
  FROM `owned_quotations` a212
) AS `c51`,
(
  SELECT COUNT(*)
  FROM `owned_invoices` a213
) AS `c52`,
(
  SELECT COUNT(*)
  FROM `owned_contacts` a214
) AS `c53`,
(
  SELECT COUNT(*)
  FROM `owned_clients` a215
) AS `c54`,
(
  SELECT COUNT(*)
  FROM `users` a216
  WHERE (
    a216.id IN (
      SELECT a217.`user_id`
      FROM `clients` a217
      WHERE a217.`user_id` IS NOT NULL
      AND (a217.`id` = ?)  -- 42
    )
    OR a216.id IN (
      SELECT a218.`user_id`
      FROM `contacts` a218
      WHERE a218.`user_id` IS NOT NULL
      AND (a218.`client_id` = ?)  -- 42
    )
  )
  AND (
    EXISTS (
      SELECT 1
      FROM staff a219
      WHERE a219.user_id = a216.id
    )
    OR EXISTS (
      SELECT 1
      FROM clients a220
      WHERE a220.user_id = a216.id
      AND a220.id <> ?  -- 42
    )
    OR EXISTS (
      SELECT 1
      FROM contacts a221
      WHERE a221.user_id = a216.id
      AND a221.client_id <> ?  -- 42
    )
  )
) AS `k55`,
(
  SELECT COUNT(*)
  FROM `owned_users` a222
) AS `c55`;
