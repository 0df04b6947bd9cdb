// name: conflicts
// answers: Citations whose date, issuer or type disagrees with the reference table, with the cited document in the corpus, or with what other notices write.
// param: province | province | none | Cà Mau | only notices of this province
// columns: notice, notice_uid, province, document, date_written, resolved_date, issuer_written, resolved_issuer, basis, conflict, as_written
// sort: province, document
MATCH (d:Document)
WHERE d.conflicts > 0
WITH d
MATCH (n:Document)-[c:CITES]->(d)
WHERE c.conflict IS NOT NULL AND ($province IS NULL OR n.province = $province)
RETURN n.label AS notice, n.uid AS notice_uid, n.province AS province, coalesce(d.label, d.uid) AS document,
       c.date_written AS date_written, d.date AS resolved_date, c.issuer_written AS issuer_written,
       d.issuer AS resolved_issuer, CASE d.status WHEN 'corpus' THEN 'corpus' ELSE coalesce(d.date_basis, d.status) END AS basis,
       c.conflict AS conflict, c.as_written AS as_written
