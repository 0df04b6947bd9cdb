// name: signers
// answers: Who signed what: each signer with role, capacity and province, and the documents they signed.
// param: province | province | none | Bình Định | only documents of this province
// columns: signer, role, capacity, province, documents, signed
// sort: province, signer, role, capacity
// Read from the groups the build keeps (graphbuild/summaries.py: one per signer, role, capacity
// and province, the documents in date order), not aggregated over every signature at each call.
MATCH (g:Summary {kind: 'signers'})
WHERE $province IS NULL OR g.province = $province
RETURN g.signer AS signer, g.role AS role, g.capacity AS capacity, g.province AS province, g.documents AS documents, g.signed AS signed
