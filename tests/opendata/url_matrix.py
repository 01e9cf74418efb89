from tests.matrix import PUBLIC, STAFF_ONLY_POST, Case

CASES = [
    Case("opendata:index", PUBLIC),
    Case("opendata:file", PUBLIC, kwargs=lambda cast, w: {"name": "datapackage.json"}),
    Case("opendata:file", PUBLIC, kwargs=lambda cast, w: {"name": "dcat.ttl"}, label="dcat"),
    Case("opendata:rebuild", STAFF_ONLY_POST, method="post"),
]
