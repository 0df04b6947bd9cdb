// name: province-profile
// answers: What a province's notices cited, month by month, by level (central, provincial, district) and type of the cited document.
// param: province | province | required | Bắc Giang | the province (any spelling: TP. HCM, Hoà Bình)
// param: from | date | none | 2021-07-01 | notices on or after this date
// param: to | date | none | 2021-12-31 | notices on or before this date
// columns: month, level, type, citations, documents, notices
MATCH (p:Province {name: $province})
WITH p
MATCH (p)<-[:IN_PROVINCE]-(n:Document {status: 'corpus'})
WITH DISTINCT n
MATCH (n)-[c:CITES]->(d:Document)
WHERE ($from IS NULL OR coalesce(n.date, n.meeting_date) >= $from) AND ($to IS NULL OR coalesce(n.date, n.meeting_date) <= $to)
RETURN n.month AS month, d.level AS level, d.type AS type, count(c) AS citations, count(DISTINCT d) AS documents,
       count(DISTINCT n) AS notices
ORDER BY month, level, type
