// name: stale-citations
// answers: Notices that cite a document a later document of the corpus had already replaced or repealed on the notice's own date (in_force false, replaced_by, replaced_on).
// param: province | province | none | Lâm Đồng | only notices of this province
// columns: notice, notice_uid, province, date, cites, relation, replaced_by, replaced_on
// sort: date, notice
MATCH (x:Document)
WHERE x.in_force = false AND x.replaced_on IS NOT NULL
WITH x
MATCH (n:Document {status: 'corpus'})-[c:CITES]->(x)
WHERE n.date IS NOT NULL AND n.date >= x.replaced_on AND n.uid <> x.replaced_by
  AND ($province IS NULL OR n.province = $province)
OPTIONAL MATCH (r:Document {uid: x.replaced_by})
RETURN n.label AS notice, n.uid AS notice_uid, n.province AS province, n.date AS date,
       coalesce(x.label, x.uid) AS cites, c.relation AS relation, coalesce(r.label, x.replaced_by) AS replaced_by,
       x.replaced_on AS replaced_on
