// name: adoption-lag
// answers: For a central document, each province's first notice citing it and how many days that took; provinces that never cited it are listed with no notice.
// param: symbol | symbol | required | 128/NQ-CP | the central document's number and symbol, in any spelling
// param: year | integer | none | 2021 | only the document of that year
// columns: province, region, first_notice, first_notice_uid, first_date, lag_days, notices
// sort: lag_days, province
MATCH (p:Province)
OPTIONAL MATCH (p)<-[:IN_PROVINCE]-(n:Document {status: 'corpus'})-[:CITES]->(d:Document {canonical: $symbol})
WHERE $year IS NULL OR d.year = $year
WITH p, n, d ORDER BY n.day
WITH p, collect(n) AS notices, collect(d) AS cited
RETURN p.name AS province, p.region AS region, notices[0].label AS first_notice, notices[0].uid AS first_notice_uid,
       coalesce(notices[0].date, notices[0].meeting_date) AS first_date, notices[0].day - cited[0].day AS lag_days,
       size(notices) AS notices
