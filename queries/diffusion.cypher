// name: diffusion
// answers: How a central document travelled to the provinces: every notice in the corpus citing it, with its province, date, the relation it states and the lag in days from the document's date (reviewed: the notice's date or province was corrected by an analyst) (the data of `lexgraph diffusion` and the province map). A notice's province is the one of its own date; shares count the 63 provinces of 2021 (see the README on the 2025 reform).
// param: symbol | symbol | required | 128/NQ-CP | the central document's number and symbol, in any spelling
// param: year | integer | none | 2021 | only the document of that year (state numbers restart every year)
// columns: document, document_uid, document_date, document_day, province, region, notice, notice_uid, notice_level, date, day, relation, lag_days, reviewed
// sort: date, province
// One row per citing notice: a notice two files claim has two CITES (and may have two
// IN_PROVINCE) relationships; the first relation and province by name are kept (picked in one
// pass, without sorting every row: min, and a reduce over the few provinces of each notice).
MATCH (d:Document {canonical: $symbol})<-[c:CITES]-(n:Document {status: 'corpus'})
WHERE $year IS NULL OR d.year = $year
WITH d, n, min(c.relation) AS relation
OPTIONAL MATCH (n)-[:IN_PROVINCE]->(p:Province)
WITH d, n, relation, collect(p) AS provinces
WITH d, n, relation, reduce(first = null, p IN provinces | CASE WHEN first IS NULL OR p.name < first.name THEN p ELSE first END) AS q
RETURN coalesce(d.label, d.canonical) AS document, d.uid AS document_uid, d.date AS document_date, d.day AS document_day,
       q.name AS province, q.region AS region, n.label AS notice, n.uid AS notice_uid, n.level AS notice_level,
       coalesce(n.date, n.meeting_date) AS date, n.day AS day, relation, n.day - d.day AS lag_days,
       (coalesce(n.date_basis, '') STARTS WITH 'reviewed' OR coalesce(n.province_basis, '') STARTS WITH 'reviewed') AS reviewed
