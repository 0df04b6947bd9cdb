// name: signers
// answers: Who signed what: each signer with role, capacity and province, and the documents they signed.
// param: province | province | none | Bình Định | only documents of this province
// columns: signer, role, capacity, province, documents, signed
// sort: province, signer
MATCH (p:Person)-[s:SIGNED]->(d:Document)
WHERE $province IS NULL OR d.province = $province
WITH p, s, d ORDER BY coalesce(d.date, d.meeting_date), coalesce(d.label, d.uid)
RETURN p.name AS signer, s.role AS role, s.capacity AS capacity, d.province AS province, count(d) AS documents,
       collect(coalesce(d.label, d.uid)) AS signed
