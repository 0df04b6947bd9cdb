// name: citing-notices
// answers: Which notices cite a given document (any spelling of its symbol), with their province, issuing body, date, the citing sentence and the lag in days from the cited document's date.
// param: symbol | symbol | required | 16-CT/TTg | the cited document's number and symbol, in any spelling
// param: year | integer | none | 2021 | only the document of that year (state numbers restart every year)
// columns: notice, notice_uid, notice_type, province, issuer, date, cited, cited_date, relation, mentions, lag_days, sentence
// sort: date, province
MATCH (n:Document)-[c:CITES]->(d:Document)
WHERE d.canonical = $symbol AND ($year IS NULL OR d.year = $year)
OPTIONAL MATCH (n)-[:ISSUED_BY]->(o:Organization)
RETURN n.label AS notice, n.uid AS notice_uid, n.type AS notice_type, n.province AS province,
       o.name AS issuer, coalesce(n.date, n.meeting_date) AS date, d.canonical AS cited, d.date AS cited_date,
       c.relation AS relation, c.mentions AS mentions, n.day - d.day AS lag_days, c.sentence AS sentence
