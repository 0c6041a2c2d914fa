-- Brute force for the report check of scripts/bench.sh (:year and :asof replaced by the script): REHAB_SERVICE_RATE
-- and DEVICE_FITTING_RATE over the whole data set and per community of the assessment, DOCTOR_CONTRACT_RATE on
-- :asof (the report's day: today for this year) per community of the person, as JSON
-- [{code, numerator, denominator, groups: [{key, numerator, denominator}]}] (groups with a denominator only).
-- DESIGN section 8: persons DECEASED, MOVED_OUT or CANCELLED before the year began are excluded from the rates;
-- the contract rate counts the persons ACTIVE on :asof (or who left after it), signed = a contract in force that day.
-- Definition version 2 (the report's default, need-matched): a session counts only when its service_type is among the
-- assessment's rehab needs, a fitting or loan only when its device type is among the assessed device needs.
-- Plain reads of the raw tables: no facts, no counters.
WITH d AS (
  SELECT a.person_id, a.region_code, a.needs_rehab, a.needs_device,
         EXISTS (SELECT 1 FROM sessions s WHERE s.person_id = a.person_id AND s.voided_at IS NULL
                   AND s.date BETWEEN make_date(:year, 1, 1) AND make_date(:year, 12, 31)
                   AND s.service_type = ANY (a.rehab_needs)) AS served,
         EXISTS (SELECT 1 FROM fittings f WHERE f.person_id = a.person_id
                   AND f.delivered_on BETWEEN make_date(:year, 1, 1) AND make_date(:year, 12, 31)
                   AND f.device_type_code = ANY (a.device_needs))
      OR EXISTS (SELECT 1 FROM loans l JOIN device_items i ON i.id = l.item_id WHERE l.person_id = a.person_id
                   AND l.start_date BETWEEN make_date(:year, 1, 1) AND make_date(:year, 12, 31)
                   AND i.device_type_code = ANY (a.device_needs)) AS fitted
    FROM assessments a JOIN persons p ON p.id = a.person_id
   WHERE a.year = :year AND (a.needs_rehab OR a.needs_device)
     AND NOT (p.status <> 'ACTIVE' AND p.status_date < make_date(:year, 1, 1))),
x AS (
  SELECT 'REHAB_SERVICE_RATE' AS code, region_code, served AS counted FROM d WHERE needs_rehab
  UNION ALL SELECT 'DEVICE_FITTING_RATE', region_code, fitted FROM d WHERE needs_device
  UNION ALL
  SELECT 'DOCTOR_CONTRACT_RATE', p.region_code,
         EXISTS (SELECT 1 FROM contracts k WHERE k.person_id = p.id AND k.start_date <= CAST(':asof' AS date)
                   AND CAST(':asof' AS date) <= k.end_date AND (k.terminated_on IS NULL OR CAST(':asof' AS date) < k.terminated_on))
    FROM persons p WHERE p.status = 'ACTIVE' OR p.status_date > CAST(':asof' AS date)),
g AS (SELECT code, region_code, count(*) FILTER (WHERE counted) AS num, count(*) AS den FROM x GROUP BY 1, 2)
SELECT coalesce(jsonb_agg(jsonb_build_object('code', code, 'numerator', num, 'denominator', den, 'groups', groups)), '[]')
  FROM (SELECT code, sum(num)::bigint AS num, sum(den)::bigint AS den,
               jsonb_agg(jsonb_build_object('key', region_code, 'numerator', num, 'denominator', den)) AS groups
          FROM g GROUP BY code) t;
