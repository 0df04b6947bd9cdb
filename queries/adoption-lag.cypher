// name: adoption-lag
// answers: For a central document, each province's first notice citing it and how many days that took (reviewed: its date or province was corrected by an analyst); provinces that never cited it are listed with no notice. A notice's province is the one of its own date; shares count the 63 provinces of 2021 (see the README on the 2025 reform).
// param: symbol | symbol | required | 128/NQ-CP | the central document's number and symbol, in any spelling
// param: year | integer | none | 2021 | only the document of that year
// columns: province, region, first_notice, first_notice_uid, first_date, lag_days, notices, reviewed
// sort: lag_days, province
OPTIONAL MATCH (d:Document {canonical: $symbol})<-[:CITES]-(n:Document {status: 'corpus'})-[:IN_PROVINCE]->(q:Province)
WHERE $year IS NULL OR d.year = $year
WITH DISTINCT q, n, d ORDER BY n.day, n.uid
WITH q, collect(n) AS notices, collect(d) AS cited
WITH collect({province: q.name, first: notices[0], cited: cited[0], count: size(notices)}) AS adopted
MATCH (p:Province)
WITH p, [a IN adopted WHERE a.province = p.name] AS found
WITH p, CASE WHEN size(found) > 0 THEN found[0] ELSE null END AS hit
RETURN p.name AS province, p.region AS region, hit.first.label AS first_notice, hit.first.uid AS first_notice_uid,
       coalesce(hit.first.date, hit.first.meeting_date) AS first_date, hit.first.day - hit.cited.day AS lag_days,
       coalesce(hit.count, 0) AS notices,
       // the first notice's date or province as an analyst reviewed it (corrections.csv), not as read
       CASE WHEN hit IS NULL THEN null ELSE (coalesce(hit.first.date_basis, '') STARTS WITH 'reviewed' OR coalesce(hit.first.province_basis, '') STARTS WITH 'reviewed') END AS reviewed
