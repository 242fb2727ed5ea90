"""The directory as an Open Referral Human Services Data Specification (HSDS) 3.0 read API, under /api/hsds/.

`selection` chooses what is shown and in which language, `serializers` turns our models into HSDS objects,
`parameters` checks each endpoint's query string, `openapi` describes the endpoints, `views` answers them.
"""
